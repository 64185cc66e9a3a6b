//! `--format json`: one stable document, described in docs/json.md.

use serde::Serialize;

use crate::diagnostic::Findings;
use crate::diagnostic::{Counts, Severity};
use crate::rules::Code;

/// Bumped only on incompatible changes to this document.
pub(crate) const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    /// The envelope every okr JSON document opens with (docs/json.md).
    schema_version: u32,
    /// The same number under the name the first release used; kept so
    /// readers of that release go on working.
    version: u32,
    files_checked: usize,
    counts: Counts,
    diagnostics: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    code: Code,
    name: &'a str,
    severity: Severity,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    hint: Option<&'a str>,
}

pub(crate) fn render(outcome: &Findings) -> String {
    let document = Document {
        schema_version: SCHEMA_VERSION,
        version: SCHEMA_VERSION,
        files_checked: outcome.files,
        counts: outcome.counts(),
        diagnostics: outcome
            .diagnostics
            .iter()
            .map(|d| Entry {
                code: d.code,
                name: d.code.rule().name,
                severity: d.severity,
                path: &d.path,
                line: d.position.line,
                column: d.position.column,
                end_line: d.position.end_line,
                end_column: d.position.end_column,
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect(),
    };
    let mut text = crate::render::json_text::to_string_pretty(&document)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
