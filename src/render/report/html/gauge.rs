//! The gauge of a Balanced Scorecard measure: a half dial filled to the
//! measure's score in its status colour, a tick at the score expected by
//! now, the score in figures, and a `<title>` and `<desc>` that say the
//! actual value, the target, the baseline and which way is better.

use std::fmt::Write as _;

use crate::eval::report::MeasureReport;
use crate::render::map::{colours, status_key};
use crate::render::text::html as esc;

use super::super::{number, score};
use super::Page;

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
    let value = m.score.map_or_else(
        || "–".to_owned(),
        |s| format!("{}%", crate::render::fixed(s * 100.0, 0)),
    );
    let _ = writeln!(
        page.out,
        "<text x=\"{CX:.0}\" y=\"{:.0}\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"700\" fill=\"#1B2430\">{value}</text>\n</svg>",
        CY - 4.0
    );
}
