//! `okr report --format json`: the report value as one document, described
//! in docs/json.md.

use serde::Serialize;

use crate::eval::report::Report;

/// Bumped only on incompatible changes to the report document.
pub(crate) const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    #[serde(flatten)]
    report: &'a Report,
}

pub(crate) fn render(report: &Report) -> String {
    let document = Document {
        schema_version: SCHEMA_VERSION,
        report,
    };
    let mut text = crate::render::json_text::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
