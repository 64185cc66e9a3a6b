//! The dashboard's inline SVG charts: a burn-up chart per key result with
//! check-ins, and a gauge per Balanced Scorecard measure. Each is an
//! `<svg role="img">` labelled by its `<title>` and a `<desc>` that says the
//! numbers in words. They draw the report's values only: check-ins where
//! they were, the line from start to target over the quarter, and the
//! report's forecast (a share of the way from start to target at the
//! quarter's end) placed on the same value axis; the gauge fills to the
//! measure's score.

use std::fmt::Write as _;

use chrono::{Datelike, Months, NaiveDate};

use crate::render::map::{colours, status_key};
use crate::render::text::html as esc;
use crate::report::{KeyResultReport, KrKind, MeasureReport, QuarterReport};

use super::super::{number, score};
use super::Page;

/// Okabe-Ito blue for check-ins, reddish purple for the forecast, bluish
/// green for threshold bounds; grey for the pace line and the axes.
const ACTUAL: &str = "#0072B2";
const FORECAST: &str = "#CC79A7";
const BOUND: &str = "#009E73";
const PACE: &str = "#7A7A7A";
const GRID: &str = "#E3E6EA";
const AXIS: &str = "#9AA3AE";
const LABEL: &str = "#5B6573";

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 190.0;
const TOP: f64 = 14.0;
const RIGHT: f64 = 14.0;
const BOTTOM: f64 = 28.0;

/// A burn-up chart of a metric's or threshold's check-ins; nothing for a
/// key result without a check-in that has a value.
pub(super) fn burnup(page: &mut Page, kr: &KeyResultReport, quarter: &QuarterReport) {
    let as_of = page.as_of;
    let points: Vec<(NaiveDate, f64)> = kr
        .checkins
        .iter()
        .filter_map(|c| c.value.map(|v| (c.date, v)))
        .collect();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return;
    };
    let metric = kr.kind == KrKind::Metric;
    // The pace line runs from the start on the first day to the target on the last.
    let pace = match (metric, kr.start, kr.target) {
        (true, Some(s), Some(t)) => Some((s, t)),
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
        .filter(|_| kr.kind == KrKind::Threshold)
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

    page.push("<g class=\"y-axis\">\n");
    for (v, label) in ticks.iter().zip(&labels) {
        let at = yv(*v);
        let _ = writeln!(
            page.out,
            "<line x1=\"{x0:.1}\" y1=\"{at:.1}\" x2=\"{x1:.1}\" y2=\"{at:.1}\" stroke=\"{GRID}\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{LABEL}\">{}</text>",
            x0 - 5.0,
            at + 3.5,
            esc(label)
        );
    }
    page.push("</g>\n<g class=\"x-axis\">\n");
    let _ = writeln!(
        page.out,
        "<line x1=\"{x0:.1}\" y1=\"{y1:.1}\" x2=\"{x1:.1}\" y2=\"{y1:.1}\" stroke=\"{AXIS}\"/>"
    );
    let date_ticks = date_ticks(d0, d1);
    let same_year = d0.year() == d1.year();
    for (i, d) in date_ticks.iter().enumerate() {
        let anchor = match i {
            0 => "start",
            i if i + 1 == date_ticks.len() => "end",
            _ => "middle",
        };
        let label = if same_year {
            d.format("%b %-d").to_string()
        } else {
            d.to_string()
        };
        let at = x(*d);
        let _ = writeln!(
            page.out,
            "<line x1=\"{at:.1}\" y1=\"{y1:.1}\" x2=\"{at:.1}\" y2=\"{:.1}\" stroke=\"{AXIS}\"/>\n<text x=\"{at:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"{LABEL}\">{label}</text>",
            y1 + 4.0,
            y1 + 16.0
        );
    }
    page.push("</g>\n");

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
        let Some(v) = c.value else { continue };
        let mut tip = format!("{}: {}{unit}", c.date, number(v));
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
    page.push("<span class=\"key\">check-ins</span>");
    if pace.is_some() {
        page.push("<span class=\"key pace-key\">pace from start to target</span>");
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
        "{} check-in{}{}: {}.",
        points.len(),
        if points.len() == 1 { "" } else { "s" },
        if unit.is_empty() {
            String::new()
        } else {
            format!(" in{unit}")
        },
        readings.join(", ")
    );
    if let (KrKind::Metric, Some(s), Some(t)) = (kr.kind, kr.start, kr.target) {
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
    if kr.kind == KrKind::Threshold && !bounds.is_empty() {
        let _ = write!(text, " Keep {}.", bounds.join(" and "));
    }
    text
}

/// A semicircular gauge of a measure's score, with a tick at the score
/// expected by now.
pub(super) fn gauge(page: &mut Page, m: &MeasureReport, expected: f64) {
    const CX: f64 = 70.0;
    const CY: f64 = 70.0;
    const R: f64 = 54.0;
    let (stroke, _) = colours(m.status);
    let at = |share: f64| {
        let angle = std::f64::consts::PI * (1.0 - share.clamp(0.0, 1.0));
        (CX + R * angle.cos(), CY - R * angle.sin())
    };
    let id = page.id("gauge");
    let unit = m
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let shown = |v: Option<f64>| v.map_or_else(|| "unknown".to_owned(), number);
    let title = format!(
        "{}: {}{unit} of target {}{unit}",
        m.name,
        shown(m.actual),
        shown(m.target)
    );
    let mut desc = format!(
        "Score {} ({}), expected by now {}",
        score(m.score),
        m.status.label(),
        score(Some(expected))
    );
    if let Some(b) = m.baseline {
        let _ = write!(desc, "; baseline {}{unit}", number(b));
    }
    match m.direction {
        Some("down") => desc.push_str("; lower is better."),
        _ => desc.push_str("; higher is better."),
    }
    let _ = writeln!(
        page.out,
        "<svg class=\"chart gauge-dial s-{}\" viewBox=\"0 0 140 84\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
        status_key(m.status),
        esc(&title),
        esc(&desc)
    );
    let (ex, ey) = at(1.0);
    let _ = writeln!(
        page.out,
        "<path class=\"dial\" d=\"M{:.1},{CY:.1} A{R:.0},{R:.0} 0 0 1 {ex:.1},{ey:.1}\" fill=\"none\" stroke=\"#E6E9EE\" stroke-width=\"12\"/>",
        CX - R
    );
    if let Some(s) = m.score.filter(|s| *s > 0.0) {
        let (fx, fy) = at(s);
        let _ = writeln!(
            page.out,
            "<path class=\"value\" d=\"M{:.1},{CY:.1} A{R:.0},{R:.0} 0 0 1 {fx:.1},{fy:.1}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"12\"/>",
            CX - R
        );
    }
    // The expected tick crosses the dial from just inside to just outside.
    let angle = std::f64::consts::PI * (1.0 - expected.clamp(0.0, 1.0));
    let (inner, outer) = (R - 10.0, R + 10.0);
    let _ = writeln!(
        page.out,
        "<line class=\"expected\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1B2430\" stroke-width=\"2\"/>",
        CX + inner * angle.cos(),
        CY - inner * angle.sin(),
        CX + outer * angle.cos(),
        CY - outer * angle.sin()
    );
    let value = m
        .score
        .map_or_else(|| "–".to_owned(), |s| format!("{:.0}%", s * 100.0));
    let _ = writeln!(
        page.out,
        "<text x=\"{CX:.0}\" y=\"{:.0}\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"700\" fill=\"#1B2430\">{value}</text>\n</svg>",
        CY - 4.0
    );
}

/// A linear value axis over the values to draw, with a little room above
/// and below. Computed in halves so that no difference of two finite
/// numbers overflows to infinity, and never NaN.
struct Scale {
    lo: f64,
    hi: f64,
}

impl Scale {
    fn covering(values: &[f64]) -> Scale {
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let lo = finite.clone().fold(f64::INFINITY, f64::min);
        let hi = finite.fold(f64::NEG_INFINITY, f64::max);
        if !(lo.is_finite() && hi.is_finite()) {
            return Scale { lo: 0.0, hi: 1.0 };
        }
        let half = hi * 0.5 - lo * 0.5;
        let pad = if half > 0.0 {
            half * 0.16
        } else {
            (lo.abs() * 0.1).max(1.0)
        };
        let (a, b) = (lo - pad, hi + pad);
        if a.is_finite() && b.is_finite() && a < b {
            Scale { lo: a, hi: b }
        } else {
            Scale { lo, hi }
        }
    }

    /// Where `v` falls, 0 at the bottom to 1 at the top.
    fn at(&self, v: f64) -> f64 {
        let half = self.hi * 0.5 - self.lo * 0.5;
        let t = (v * 0.5 - self.lo * 0.5) / half;
        if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.5
        }
    }

    /// Round values (1, 2 or 5 times a power of ten apart, 3 to 7 of them)
    /// inside the axis; its two ends when the range allows no such steps.
    fn ticks(&self) -> Vec<f64> {
        let ends = || {
            if self.lo < self.hi {
                vec![self.lo, self.hi]
            } else {
                vec![self.lo]
            }
        };
        let half = self.hi * 0.5 - self.lo * 0.5;
        if !(half > 0.0 && half.is_finite()) {
            return ends();
        }
        let rough = half / 3.0;
        let power = 10f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * power)
            .find(|s| *s >= rough)
            .unwrap_or(10.0 * power);
        let (first, last) = ((self.lo / step).ceil(), (self.hi / step).floor());
        if !(step > 0.0 && first.is_finite() && last.is_finite()) || last < first {
            return ends();
        }
        let count = last - first;
        if count > 8.0 {
            return ends();
        }
        (0..=count as usize)
            .map(|i| (first + i as f64) * step)
            .collect()
    }
}

/// An axis label: short forms from ten thousand on (`15k`, `3M`).
fn compact(v: f64) -> String {
    let a = v.abs();
    let (scaled, suffix) = if a >= 1e12 {
        return format!("{v:.1e}");
    } else if a >= 1e9 {
        (v / 1e9, "G")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e4 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let text = if a > 0.0 && a < 1e-3 {
        format!("{v:.1e}")
    } else {
        number(scaled)
    };
    format!("{text}{suffix}")
}

/// Dates to label: the ends, and the first of each month between them when
/// there are at most four.
fn date_ticks(d0: NaiveDate, d1: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut next = d0
        .with_day(1)
        .and_then(|d| d.checked_add_months(Months::new(1)));
    while let Some(d) = next.filter(|d| *d < d1) {
        months.push(d);
        if months.len() > 4 {
            months.clear();
            break;
        }
        next = d.checked_add_months(Months::new(1));
    }
    // A month start a few days from an end would print over its label.
    months.retain(|d| (*d - d0).num_days() > 12 && (d1 - *d).num_days() > 12);
    let mut ticks = vec![d0];
    ticks.extend(months);
    if d1 > d0 {
        ticks.push(d1);
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn scales_never_overflow_or_produce_nan() {
        let s = Scale::covering(&[7.0, 3.0, 4.1]);
        assert!(s.at(3.0) < s.at(7.0));
        assert_eq!(s.ticks(), vec![3.0, 4.0, 5.0, 6.0, 7.0]);
        for values in [
            vec![f64::MAX, -f64::MAX],
            vec![1e-300, 2e-300],
            vec![5.0],
            vec![],
            vec![f64::NAN, 1.0],
        ] {
            let s = Scale::covering(&values);
            for v in values.iter().chain(&s.ticks()) {
                assert!(s.at(*v).is_finite(), "{values:?}");
            }
            assert!(s.ticks().len() <= 9);
        }
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(compact(3_000_000.0), "3M");
        assert_eq!(compact(1_500_000.0), "1.5M");
        assert_eq!(compact(15_000.0), "15k");
        assert_eq!(compact(4.1), "4.1");
        assert_eq!(compact(-2.0), "-2");
        assert_eq!(
            date_ticks(date(2026, 10, 1), date(2026, 12, 31)),
            vec![
                date(2026, 10, 1),
                date(2026, 11, 1),
                date(2026, 12, 1),
                date(2026, 12, 31)
            ]
        );
        assert_eq!(
            date_ticks(date(2020, 1, 1), date(2026, 12, 31)),
            vec![date(2020, 1, 1), date(2026, 12, 31)]
        );
    }
}
