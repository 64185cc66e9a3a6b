//! Drawing an `Outcome` in one of the output formats, chosen in one match.
//! Renderers only format; they never re-check or re-score.

pub mod diff;
mod github;
mod human;
mod json;
pub mod map;
pub mod report;
pub mod rules;
mod sarif;
pub mod text;

use crate::check::Outcome;

/// Output formats of `okr check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
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
pub fn render(format: Format, outcome: &Outcome, color: bool) -> String {
    match format {
        Format::Human => human::render(outcome, color, true),
        Format::Json => json::render(outcome),
        Format::Github => github::render(outcome),
        Format::Sarif => sarif::render(outcome),
    }
}

/// The human format, with or without its closing summary line (`--quiet`).
pub fn human(outcome: &Outcome, color: bool, summary: bool) -> String {
    human::render(outcome, color, summary)
}
