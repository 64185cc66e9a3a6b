//! Drawing `Findings` in one of the output formats, chosen in one match.
//! Renderers only format; they never re-check or re-score.

pub(crate) mod diff;
mod github;
mod human;
mod json;
pub(crate) mod json_text;
pub(crate) mod map;
pub mod report;
pub mod rules;
mod sarif;
pub(crate) mod text;

use crate::diagnostic::Findings;

/// `value` with `decimals` decimals, rounded as people round: half away
/// from zero on the decimal they would write (0.625 is 0.63, 0.285 is
/// 0.29), where `format!` rounds the binary value half to even (0.62,
/// 0.28).
pub(crate) fn fixed(value: f64, decimals: usize) -> String {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(2));
    let scaled = value * scale;
    // A hair toward the half, for the decimal that binary cannot hold
    // (beyond 1e12 a double holds no such fractions).
    let nudged = scaled + scaled.signum() * 1e-9 * scaled.abs().max(1.0);
    let rounded = nudged.round() / scale;
    if rounded.is_finite() && scaled.abs() < 1e12 {
        format!(
            "{:.*}",
            decimals,
            if rounded == 0.0 { 0.0 } else { rounded }
        )
    } else {
        format!("{value:.decimals$}")
    }
}

/// `--format` of `okr check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Messages with source snippets, for people.
    Human,
    /// One JSON document, documented in docs/json.md.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
}

/// Renders `outcome` as text. `color` only affects the human format.
pub fn render(format: CheckFormat, outcome: &Findings, color: bool) -> String {
    match format {
        CheckFormat::Human => human::render(outcome, color, true),
        CheckFormat::Json => json::render(outcome),
        CheckFormat::Github => github::render(outcome),
        CheckFormat::Sarif => sarif::render(outcome),
    }
}

/// The human format, with or without its closing summary line (`--quiet`).
pub(crate) fn human(outcome: &Findings, color: bool, summary: bool) -> String {
    human::render(outcome, color, summary)
}

#[cfg(test)]
mod figures {
    use super::fixed;

    #[test]
    fn halves_round_away_from_zero_as_people_round() {
        for (value, decimals, shown) in [
            (0.625, 2, "0.63"),
            (0.375, 2, "0.38"),
            (0.285, 2, "0.29"),
            (0.125, 2, "0.13"),
            (-0.125, 2, "-0.13"),
            (62.5, 0, "63"),
            (0.6249, 2, "0.62"),
            (-0.001, 2, "0.00"),
            (1.0, 2, "1.00"),
            (1e300, 2, format!("{:.2}", 1e300).leak()),
        ] {
            assert_eq!(fixed(value, decimals), shown, "{value}");
        }
    }
}
