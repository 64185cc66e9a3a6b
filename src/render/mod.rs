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
