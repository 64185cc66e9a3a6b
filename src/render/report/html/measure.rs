//! The pictures of a Balanced Scorecard measure, in its own unit: a bullet
//! chart of its value on a scale that covers its baseline, value, target and
//! bounds (the target a mark, a floor, ceiling or range a shaded healthy
//! band, traffic-light bands coloured zones), never a progress percentage;
//! and, for a measure with two or more history points known at the date, a
//! line chart of them by date with the target or bounds as lines. Both are
//! `<svg role="img">` labelled by a `<title>` and a `<desc>` in words.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::eval::report::MeasureReport;
use crate::render::map::{colours, status_key};
use crate::render::text::html as esc;

use super::Page;
use super::axis::{LABEL, Scale, compact};

/// Okabe-Ito blue for the history line, bluish green for healthy zones and
/// bounds, black for the target; grey for the axes.
const ACTUAL: &str = "#0072B2";
const HEALTHY: &str = "#009E73";
const TARGET: &str = "#1B2430";
const BASELINE: &str = "#7A7A7A";

/// ` unit`, or nothing.
fn unit(m: &MeasureReport) -> String {
    m.unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default()
}

/// A number in the measure's unit: `6.4 %`, `23.3M USD`.
fn amount(v: f64, unit: &str) -> String {
    format!("{}{unit}", compact(v))
}

/// The measure in words, its value against its goal in its own unit:
/// `6.4 % · ceiling 5 %`, `86 days · floor 90 days`, `94 % · healthy
/// 85-92 %`, `23.3M USD · target 26M USD by 2026-12-31`. Plain text: the
/// caller escapes it.
pub(super) fn label(m: &MeasureReport) -> String {
    let unit = unit(m);
    let mut parts = vec![match m.actual {
        Some(v) => amount(v, &unit),
        None => "no value yet".to_owned(),
    }];
    match (m.target, m.target_tbd) {
        (Some(t), _) => parts.push(match m.target_by {
            Some(by) => format!("target {} by {by}", amount(t, &unit)),
            None => format!("target {}", amount(t, &unit)),
        }),
        (None, true) => parts.push("target tbd".to_owned()),
        (None, false) => {}
    }
    match (m.keep_above, m.keep_below) {
        (Some(a), Some(b)) => parts.push(format!("healthy {}-{}{unit}", compact(a), compact(b))),
        (Some(a), None) => parts.push(format!("floor {}", amount(a, &unit))),
        (None, Some(b)) => parts.push(format!("ceiling {}", amount(b, &unit))),
        (None, None) => {}
    }
    if m.data_only {
        parts.push("data only".to_owned());
    } else if m.direction == Some("down") && m.target.is_some() {
        parts.push("lower is better".to_owned());
    }
    parts.join(" · ")
}

/// The picture in words, for screen readers.
fn describe(m: &MeasureReport) -> String {
    let unit = unit(m);
    let mut text = match m.actual {
        Some(v) => format!("Value {}", amount(v, &unit)),
        None => "No value yet".to_owned(),
    };
    if let Some(d) = m.actual_date {
        let _ = write!(text, " on {d}");
    }
    if let Some(t) = m.target {
        let _ = write!(text, "; target {}", amount(t, &unit));
        if let Some(by) = m.target_by {
            let _ = write!(text, " by {by}");
        }
    }
    if let Some(a) = m.keep_above {
        let _ = write!(text, "; keep at or above {}", amount(a, &unit));
    }
    if let Some(b) = m.keep_below {
        let _ = write!(text, "; keep at or below {}", amount(b, &unit));
    }
    if let Some(b) = m.baseline {
        let _ = write!(text, "; baseline {}", amount(b, &unit));
    }
    if let Some(bands) = m.bands {
        let _ = write!(
            text,
            "; green from {}, yellow from {}",
            amount(bands.green, &unit),
            amount(bands.yellow, &unit)
        );
    }
    if m.data_only {
        text.push_str("; recorded, not scored.");
    } else if m.target.is_none() && m.keep_above.is_some() && m.keep_below.is_some() {
        let _ = write!(
            text,
            "; status {}; healthy inside the range.",
            m.status.label()
        );
    } else {
        let _ = write!(
            text,
            "; status {}; {} is better.",
            m.status.label(),
            if m.direction == Some("down") {
                "lower"
            } else {
                "higher"
            }
        );
    }
    text
}

/// The values a picture's scale must show.
fn scale_values(m: &MeasureReport) -> Vec<f64> {
    let mut values: Vec<f64> = [m.actual, m.target, m.baseline, m.keep_above, m.keep_below]
        .into_iter()
        .flatten()
        .collect();
    if let Some(b) = m.bands {
        values.extend([b.green, b.yellow]);
    }
    values
}

const BULLET_W: f64 = 300.0;
const BULLET_H: f64 = 70.0;

/// The bullet chart of a measure: its value on a scale in its unit, with
/// its target, bounds, bands and baseline.
pub(super) fn bullet(page: &mut Page, m: &MeasureReport) {
    let scale = Scale::covering(&scale_values(m));
    let (x0, x1) = (20.0, BULLET_W - 20.0);
    let (top, bar_h) = (18.0, 22.0);
    let x = |v: f64| x0 + scale.at(v) * (x1 - x0);
    let id = page.id("measure");
    let title = format!("{}: {}", m.name, label(m));
    let _ = writeln!(
        page.out,
        "<svg class=\"chart measure-bullet s-{}\" viewBox=\"0 0 {BULLET_W:.0} {BULLET_H:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"11\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
        status_key(m.status),
        esc(&title),
        esc(&describe(m))
    );
    let _ = writeln!(
        page.out,
        "<rect class=\"track\" x=\"{x0:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{bar_h:.1}\" fill=\"#EEF0F3\"/>",
        x1 - x0
    );
    // An open end of a zone is the end of the scale.
    let end = |v: f64| {
        if v == f64::NEG_INFINITY {
            x0
        } else if v == f64::INFINITY {
            x1
        } else {
            x(v)
        }
    };
    let zone = |page: &mut Page, class: &str, a: f64, b: f64, fill: &str| {
        let (l, r) = (end(a).min(end(b)), end(a).max(end(b)));
        let _ = writeln!(
            page.out,
            "<rect class=\"{class}\" x=\"{l:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{bar_h:.1}\" fill=\"{fill}\"/>",
            r - l
        );
    };
    let up = m.direction != Some("down");
    let (lo, hi) = (f64::NEG_INFINITY, f64::INFINITY);
    if let Some(b) = m.bands {
        // Red short of yellow, yellow short of green, green beyond.
        let (red, yellow, green) = if up {
            ((lo, b.yellow), (b.yellow, b.green), (b.green, hi))
        } else {
            ((b.yellow, hi), (b.green, b.yellow), (lo, b.green))
        };
        zone(page, "band red", red.0, red.1, colours_fill("red"));
        zone(
            page,
            "band yellow",
            yellow.0,
            yellow.1,
            colours_fill("yellow"),
        );
        zone(page, "band green", green.0, green.1, colours_fill("green"));
    } else {
        // The healthy band of a floor, a ceiling or a range.
        match (m.keep_above, m.keep_below) {
            (Some(a), Some(b)) => zone(page, "healthy", a, b, colours_fill("green")),
            (Some(a), None) => zone(page, "healthy", a, hi, colours_fill("green")),
            (None, Some(b)) => zone(page, "healthy", lo, b, colours_fill("green")),
            (None, None) => {}
        }
    }
    for bound in [m.keep_above, m.keep_below].into_iter().flatten() {
        let at = x(bound);
        let _ = writeln!(
            page.out,
            "<line class=\"bound\" x1=\"{at:.1}\" y1=\"{:.1}\" x2=\"{at:.1}\" y2=\"{:.1}\" stroke=\"{HEALTHY}\" stroke-width=\"2\"/>",
            top - 3.0,
            top + bar_h + 3.0
        );
    }
    if let Some(b) = m.baseline {
        let at = x(b);
        let _ = writeln!(
            page.out,
            "<line class=\"baseline\" x1=\"{at:.1}\" y1=\"{:.1}\" x2=\"{at:.1}\" y2=\"{:.1}\" stroke=\"{BASELINE}\" stroke-width=\"1.5\" stroke-dasharray=\"2 2\"/>",
            top + 2.0,
            top + bar_h - 2.0
        );
    }
    if let Some(v) = m.actual {
        let (stroke, _) = colours(m.status);
        let (from, to) = (x0, x(v));
        let _ = writeln!(
            page.out,
            "<rect class=\"value\" x=\"{from:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" fill=\"{stroke}\"/>\n<circle class=\"value-mark\" cx=\"{to:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"{stroke}\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>",
            top + bar_h / 2.0 - 4.0,
            (to - from).max(0.0),
            top + bar_h / 2.0
        );
    }
    if let Some(t) = m.target {
        let at = x(t);
        let _ = writeln!(
            page.out,
            "<line class=\"target\" x1=\"{at:.1}\" y1=\"{:.1}\" x2=\"{at:.1}\" y2=\"{:.1}\" stroke=\"{TARGET}\" stroke-width=\"3\"/>",
            top - 5.0,
            top + bar_h + 5.0
        );
    }
    // Which way is better and the unit, above the scale.
    let range = m.target.is_none() && m.keep_above.is_some() && m.keep_below.is_some();
    let better = if m.data_only {
        ""
    } else if range {
        "healthy inside the band"
    } else if up {
        "higher is better →"
    } else {
        "← lower is better"
    };
    let in_unit = m
        .unit
        .as_deref()
        .map(|u| format!("in {u}"))
        .unwrap_or_default();
    let (left, right) = if up {
        (in_unit.as_str(), better)
    } else {
        (better, in_unit.as_str())
    };
    let _ = writeln!(
        page.out,
        "<text class=\"caption\" x=\"{x0:.1}\" y=\"10\" fill=\"{LABEL}\">{}</text>\n<text class=\"caption\" x=\"{x1:.1}\" y=\"10\" text-anchor=\"end\" fill=\"{LABEL}\">{}</text>",
        esc(left),
        esc(right)
    );
    // The scale's round values, in the measure's unit.
    let axis_y = top + bar_h + 14.0;
    for v in scale.ticks() {
        let _ = writeln!(
            page.out,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{axis_y:.1}\" text-anchor=\"middle\" fill=\"{LABEL}\">{}</text>",
            x(v),
            esc(&compact(v))
        );
    }
    page.push("</svg>\n");
}

/// The fill of a traffic-light zone.
fn colours_fill(band: &str) -> &'static str {
    match band {
        "red" => "#F8DDCC",
        "yellow" => "#FCEDCB",
        _ => "#D5EFE6",
    }
}

const LINE_W: f64 = 300.0;
const LINE_H: f64 = 150.0;
const TOP: f64 = 12.0;
const RIGHT: f64 = 14.0;
const BOTTOM: f64 = 26.0;

/// A line chart of a measure's history known at the date, with its target
/// or bounds as lines; nothing for fewer than two points.
pub(super) fn history(page: &mut Page, m: &MeasureReport) {
    let points = &m.history;
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return;
    };
    if points.len() < 2 {
        return;
    }
    let unit = unit(m);
    let mut values: Vec<f64> = points.iter().map(|p| p.1).collect();
    values.extend([m.target, m.keep_above, m.keep_below].into_iter().flatten());
    let y = Scale::covering(&values);
    let ticks = y.ticks();
    let labels: Vec<String> = ticks.iter().map(|v| compact(*v)).collect();
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    let left = 12.0 + 6.0 * widest as f64;
    let (x0, x1, y0, y1) = (left, LINE_W - RIGHT, TOP, LINE_H - BOTTOM);
    let (d0, d1) = (first.0, last.0);
    let days = (d1 - d0).num_days().max(1) as f64;
    let x = |d: NaiveDate| x0 + (d - d0).num_days() as f64 / days * (x1 - x0);
    let yv = |v: f64| y1 - y.at(v) * (y1 - y0);

    let id = page.id("history");
    let readings: Vec<String> = points
        .iter()
        .map(|(d, v)| format!("{} on {d}", compact(*v)))
        .collect();
    let mut desc = format!(
        "{} readings{}: {}.",
        points.len(),
        if unit.is_empty() {
            String::new()
        } else {
            format!(" in{unit}")
        },
        readings.join(", ")
    );
    if let Some(t) = m.target {
        let _ = write!(desc, " Target {}.", amount(t, &unit));
    }
    if let Some(a) = m.keep_above {
        let _ = write!(desc, " Floor {}.", amount(a, &unit));
    }
    if let Some(b) = m.keep_below {
        let _ = write!(desc, " Ceiling {}.", amount(b, &unit));
    }
    let _ = writeln!(
        page.out,
        "<svg class=\"chart measure-history\" viewBox=\"0 0 {LINE_W:.0} {LINE_H:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"10\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
        esc(&format!("History of {}", m.name)),
        esc(&desc)
    );
    let ticks: Vec<(f64, String)> = ticks
        .iter()
        .zip(&labels)
        .map(|(v, l)| (yv(*v), l.clone()))
        .collect();
    super::axis::axes(page, (x0, x1, y1), &ticks, (d0, d1), x);
    for bound in [m.keep_above, m.keep_below].into_iter().flatten() {
        let at = yv(bound);
        let _ = writeln!(
            page.out,
            "<line class=\"bound\" x1=\"{x0:.1}\" y1=\"{at:.1}\" x2=\"{x1:.1}\" y2=\"{at:.1}\" stroke=\"{HEALTHY}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
        );
    }
    if let Some(t) = m.target {
        let at = yv(t);
        let _ = writeln!(
            page.out,
            "<line class=\"target\" x1=\"{x0:.1}\" y1=\"{at:.1}\" x2=\"{x1:.1}\" y2=\"{at:.1}\" stroke=\"{TARGET}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
        );
    }
    let line: Vec<String> = points
        .iter()
        .map(|(d, v)| format!("{:.1},{:.1}", x(*d), yv(*v)))
        .collect();
    let _ = writeln!(
        page.out,
        "<polyline class=\"actual\" points=\"{}\" fill=\"none\" stroke=\"{ACTUAL}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
        line.join(" ")
    );
    page.push("<g class=\"points\">\n");
    for (d, v) in points {
        let _ = writeln!(
            page.out,
            "<circle class=\"point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{ACTUAL}\" stroke=\"#FFFFFF\" stroke-width=\"1\"><title>{}</title></circle>",
            x(*d),
            yv(*v),
            esc(&format!("{d}: {}", amount(*v, &unit)))
        );
    }
    page.push("</g>\n</svg>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::score::Status;

    fn measure() -> MeasureReport {
        MeasureReport {
            id: "m".into(),
            name: "Agency spend".into(),
            unit: Some("%".into()),
            baseline: None,
            target: None,
            target_by: None,
            targets: Vec::new(),
            target_tbd: false,
            data_only: false,
            frequency: None,
            bands: None,
            formula: None,
            expected: 0.5,
            keep_above: None,
            keep_below: Some(5.0),
            actual: Some(6.4),
            actual_date: None,
            direction: Some("down"),
            weight: 1.0,
            score: Some(0.69),
            status: Status::OffTrack,
            trend: Vec::new(),
            stale: false,
            history: Vec::new(),
        }
    }

    #[test]
    fn labels_say_the_value_against_the_goal_in_the_unit() {
        let mut m = measure();
        assert_eq!(label(&m), "6.4 % · ceiling 5 %");
        m.keep_above = Some(85.0);
        m.keep_below = Some(92.0);
        m.actual = Some(94.0);
        assert_eq!(label(&m), "94 % · healthy 85-92 %");
        m.keep_above = None;
        m.keep_below = None;
        m.unit = Some("USD".into());
        m.direction = Some("up");
        m.actual = Some(23_300_000.0);
        m.target = Some(26_000_000.0);
        m.target_by = NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(label(&m), "23.3M USD · target 26M USD by 2026-12-31");
        m.data_only = true;
        m.target = None;
        assert_eq!(label(&m), "23.3M USD · data only");
    }
}
