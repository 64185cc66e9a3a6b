//! The burn-up chart of a key result with check-ins: an `<svg role="img">`
//! labelled by its `<title>` and a `<desc>` that says the numbers in words.
//! It draws the report's values only: the check-ins where they were, the
//! line from the start on the quarter's first day to the target on its last,
//! and the report's forecast (a share of the way from start to target at
//! the quarter's end) placed on the same value axis, dashed from the latest
//! check-in.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::eval::report::{KeyResultReport, QuarterReport};
use crate::model::KeyResultKind;
use crate::render::text::html as esc;

use super::super::{number, score};
use super::Page;
use super::axis::{AXIS, LABEL, Scale, compact};

/// Okabe-Ito blue for check-ins, reddish purple for the forecast, bluish
/// green for threshold bounds; grey for the pace line and the axes.
const ACTUAL: &str = "#0072B2";
const FORECAST: &str = "#CC79A7";
const BOUND: &str = "#009E73";
const PACE: &str = "#7A7A7A";

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 190.0;
const TOP: f64 = 14.0;
const RIGHT: f64 = 14.0;
const BOTTOM: f64 = 28.0;

/// A burn-up chart of a metric's or threshold's check-ins; nothing for a
/// key result without a check-in that has a value.
pub(super) fn burnup(page: &mut Page, kr: &KeyResultReport, quarter: &QuarterReport) {
    let as_of = page.as_of;
    // A key result graded by people charts its grades, paced from 0 to 1.
    let graded = kr.kind == Some(KeyResultKind::Graded);
    let reading = |c: &crate::eval::report::CheckinReport| if graded { c.score } else { c.value };
    let points: Vec<(NaiveDate, f64)> = kr
        .checkins
        .iter()
        .filter_map(|c| reading(c).map(|v| (c.date, v)))
        .collect();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return;
    };
    let metric = kr.kind == Some(KeyResultKind::Metric);
    // The pace line runs from the start on the first day to the target on the last.
    let pace = match (metric, kr.start, kr.target) {
        (true, Some(s), Some(t)) => Some((s, t)),
        _ if graded => Some((0.0, 1.0)),
        _ => None,
    };
    // The forecast is a share of the way from start to target at the quarter's end.
    let forecast = match (pace, kr.forecast) {
        (Some((s, t)), Some(f)) if last.0 < quarter.end => Some(s * (1.0 - f) + t * f),
        _ => None,
    };
    let bounds: Vec<f64> = [kr.keep_above, kr.keep_below]
        .into_iter()
        .flatten()
        .filter(|_| kr.kind == Some(KeyResultKind::Threshold))
        .collect();

    let mut values: Vec<f64> = points.iter().map(|(_, v)| *v).collect();
    if let Some((s, t)) = pace {
        values.extend([s, t]);
    }
    values.extend(forecast);
    values.extend(&bounds);
    let y = Scale::covering(&values);
    let ticks = y.ticks();
    let labels: Vec<String> = ticks.iter().map(|v| compact(*v)).collect();
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    let left = 12.0 + 6.0 * widest as f64;
    let (x0, x1, y0, y1) = (left, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM);

    let d0 = quarter.start.min(first.0);
    let d1 = quarter.end.max(last.0);
    let days = (d1 - d0).num_days().max(1) as f64;
    let x = |d: NaiveDate| x0 + (d - d0).num_days() as f64 / days * (x1 - x0);
    let yv = |v: f64| y1 - y.at(v) * (y1 - y0);

    let id = page.id("chart");
    let title = format!("Burn-up of {} {}", kr.id, kr.title);
    let _ = writeln!(
        page.out,
        "<figure class=\"chart\">\n<svg class=\"chart burnup\" viewBox=\"0 0 {WIDTH:.0} {HEIGHT:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"10\">"
    );
    let _ = writeln!(page.out, "<title id=\"{id}-title\">{}</title>", esc(&title));
    let _ = writeln!(
        page.out,
        "<desc id=\"{id}-desc\">{}</desc>",
        esc(&describe(kr, quarter, &points, forecast))
    );

    let ticks: Vec<(f64, String)> = ticks
        .iter()
        .zip(&labels)
        .map(|(v, l)| (yv(*v), l.clone()))
        .collect();
    super::axis::axes(page, (x0, x1, y1), &ticks, (d0, d1), x);

    if (quarter.start..quarter.end).contains(&as_of) {
        let at = x(as_of);
        let _ = writeln!(
            page.out,
            "<line class=\"as-of\" x1=\"{at:.1}\" y1=\"{y0:.1}\" x2=\"{at:.1}\" y2=\"{y1:.1}\" stroke=\"{AXIS}\" stroke-dasharray=\"1 3\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{LABEL}\" font-size=\"9\">as of</text>",
            at + 3.0,
            y0 + 8.0
        );
    }
    for bound in &bounds {
        let at = yv(*bound);
        let _ = writeln!(
            page.out,
            "<line class=\"bound\" x1=\"{x0:.1}\" y1=\"{at:.1}\" x2=\"{x1:.1}\" y2=\"{at:.1}\" stroke=\"{BOUND}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
        );
    }
    if let Some((s, t)) = pace {
        let _ = writeln!(
            page.out,
            "<line class=\"pace\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{PACE}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
            x(quarter.start),
            yv(s),
            x(quarter.end),
            yv(t)
        );
    }
    if let Some(f) = forecast {
        let _ = writeln!(
            page.out,
            "<line class=\"forecast\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{FORECAST}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n<circle class=\"forecast-end\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#FFFFFF\" stroke=\"{FORECAST}\" stroke-width=\"2\"/>",
            x(last.0),
            yv(last.1),
            x(quarter.end),
            yv(f),
            x(quarter.end),
            yv(f)
        );
    }
    let line: Vec<String> = points
        .iter()
        .map(|(d, v)| format!("{:.1},{:.1}", x(*d), yv(*v)))
        .collect();
    let _ = writeln!(
        page.out,
        "<polyline class=\"actual\" points=\"{}\" fill=\"none\" stroke=\"{ACTUAL}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>",
        line.join(" ")
    );
    page.push("<g class=\"checkins\">\n");
    let unit = kr
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    for c in &kr.checkins {
        let Some(v) = reading(c) else { continue };
        let mut tip = if graded {
            format!("{}: graded {}", c.date, score(Some(v)))
        } else {
            format!("{}: {}{unit}", c.date, number(v))
        };
        if let Some(confidence) = c.confidence {
            let _ = write!(tip, " (confidence {})", score(Some(confidence)));
        }
        if let Some(note) = &c.note {
            let _ = write!(tip, " – {note}");
        }
        let _ = writeln!(
            page.out,
            "<circle class=\"checkin\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{ACTUAL}\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"><title>{}</title></circle>",
            x(c.date),
            yv(v),
            esc(&tip)
        );
    }
    page.push("</g>\n</svg>\n<figcaption class=\"legend\" aria-hidden=\"true\">");
    page.push(if graded {
        "<span class=\"key\">grades</span>"
    } else {
        "<span class=\"key\">check-ins</span>"
    });
    if pace.is_some() {
        page.push(if graded {
            "<span class=\"key pace-key\">pace from 0 to 1</span>"
        } else {
            "<span class=\"key pace-key\">pace from start to target</span>"
        });
    }
    if forecast.is_some() {
        page.push("<span class=\"key forecast-key\">forecast</span>");
    }
    if !bounds.is_empty() {
        page.push("<span class=\"key bound-key\">bounds</span>");
    }
    page.push("</figcaption>\n</figure>\n");
}

/// The chart in words, for screen readers.
fn describe(
    kr: &KeyResultReport,
    quarter: &QuarterReport,
    points: &[(NaiveDate, f64)],
    forecast: Option<f64>,
) -> String {
    let unit = kr
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let readings: Vec<String> = points
        .iter()
        .map(|(d, v)| format!("{} on {d}", number(*v)))
        .collect();
    let mut text = format!(
        "{} {}{}{}: {}.",
        points.len(),
        if kr.kind == Some(KeyResultKind::Graded) {
            "grade"
        } else {
            "check-in"
        },
        if points.len() == 1 { "" } else { "s" },
        if unit.is_empty() {
            String::new()
        } else {
            format!(" in{unit}")
        },
        readings.join(", ")
    );
    if let (Some(KeyResultKind::Metric), Some(s), Some(t)) = (kr.kind, kr.start, kr.target) {
        let _ = write!(
            text,
            " Pace: from {} on {} to the target {} on {}{}.",
            number(s),
            quarter.start,
            number(t),
            quarter.end,
            if t < s { ", lower is better" } else { "" }
        );
    }
    if let (Some(f), Some(share)) = (forecast, kr.forecast) {
        let _ = write!(
            text,
            " Forecast: {}{unit} on {} (score {}).",
            number(f),
            quarter.end,
            score(Some(share))
        );
    }
    let bounds: Vec<String> = [
        ("at or above", kr.keep_above),
        ("at or below", kr.keep_below),
    ]
    .into_iter()
    .filter_map(|(words, b)| b.map(|b| format!("{words} {}", number(b))))
    .collect();
    if kr.kind == Some(KeyResultKind::Threshold) && !bounds.is_empty() {
        let _ = write!(text, " Keep {}.", bounds.join(" and "));
    }
    text
}
