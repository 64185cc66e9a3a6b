//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it, with the
//! metadata of every rule. Hand-written structs: only what we emit.

use serde::Serialize;

use crate::diagnostic::Findings;
use crate::diagnostic::Severity;
use crate::rules::{Code, RULES};

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// Our columns count characters (code points), not UTF-16 units.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: Code,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: Code,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Off => "note",
    }
}

/// A relative URI reference for a path: reserved and non-ASCII bytes
/// percent-encoded, `/` kept as the separator.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) fn render(outcome: &Findings) -> String {
    let rules = RULES
        .iter()
        .map(|r| Rule {
            id: r.code,
            name: r.name,
            short_description: Text {
                text: r.summary.to_owned(),
            },
            full_description: Text {
                text: r.what.to_owned(),
            },
            help: Help {
                text: r.fix.to_owned(),
                markdown: format!("{}\n\n**Why:** {}\n\n**Fix:** {}", r.what, r.why, r.fix),
            },
            default_configuration: Configuration {
                level: level(r.severity),
            },
            properties: Properties {
                tags: vec!["okr", r.family.title()],
            },
        })
        .collect();
    let results = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(hint) = &d.hint {
                text.push_str(". Help: ");
                text.push_str(hint);
            }
            SarifResult {
                rule_id: d.code,
                rule_index: d.code.index(),
                level: level(d.severity),
                message: Text { text },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(&d.path) },
                        region: Region {
                            start_line: d.position.line,
                            start_column: d.position.column,
                            end_line: d.position.end_line,
                            // Both are exclusive: the column after the node's last character.
                            end_column: d.position.end_column,
                        },
                    },
                }],
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "okr",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut text = crate::render::json_text::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("goals/2026-Q4.yaml"), "goals/2026-Q4.yaml");
        assert_eq!(
            uri("goals/50% #1 team/é.yaml"),
            "goals/50%25%20%231%20team/%C3%A9.yaml"
        );
    }
}
