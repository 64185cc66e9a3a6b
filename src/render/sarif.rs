//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it, with the
//! metadata of every rule. Hand-written structs: only what we emit.
//!
//! Files are relative URI references against the base `%SRCROOT%` (the git
//! work tree's top, as an absolute `file://` URI in `originalUriBaseIds`), so
//! they never begin with `/`, whatever folder okr was given: validators
//! reject such references (SARIF1004) and code scanning cannot place them.

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
    /// Where `%SRCROOT%` is, when the findings' paths are relative to a known folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<std::collections::BTreeMap<&'static str, BaseUri>>,
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
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

/// The base id of relative file URIs (the name CodeQL uses too).
const SRCROOT: &str = "%SRCROOT%";

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

/// An absolute folder as a `file://` URI ending in `/`, as a base must.
fn folder_uri(folder: &std::path::Path) -> String {
    let text = crate::input::find::display(folder);
    let text = text.trim_end_matches('/');
    // `C:/x` on Windows: the drive letter keeps its colon.
    let (drive, rest) = match text.as_bytes() {
        [letter, b':', ..] if letter.is_ascii_alphabetic() => text.split_at(2),
        _ => ("", text),
    };
    let rest = rest.trim_start_matches('/');
    let slash = if rest.is_empty() { "" } else { "/" };
    let drive = if drive.is_empty() {
        String::new()
    } else {
        format!("/{drive}")
    };
    format!("file://{drive}/{}{slash}", uri(rest))
}

/// Where a finding's file is: relative to `%SRCROOT%` when the paths are
/// relative to a known folder; else as given, an absolute path as a
/// `file://` URI, so no reference begins with `/`.
fn location(path: &str, base: bool) -> ArtifactLocation {
    if base {
        return ArtifactLocation {
            uri: uri(path),
            uri_base_id: Some(SRCROOT),
        };
    }
    let absolute = std::path::Path::new(path);
    if absolute.is_absolute() || path.starts_with('/') {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let folder = if folder.is_empty() { "/" } else { folder };
        return ArtifactLocation {
            uri: format!("{}{}", folder_uri(std::path::Path::new(folder)), uri(name)),
            uri_base_id: None,
        };
    }
    ArtifactLocation {
        uri: uri(path),
        uri_base_id: None,
    }
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
                        artifact_location: location(&d.path, outcome.base.is_some()),
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
            original_uri_base_ids: outcome.base.as_deref().map(|base| {
                std::collections::BTreeMap::from([(
                    SRCROOT,
                    BaseUri {
                        uri: folder_uri(base),
                    },
                )])
            }),
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
    use super::{folder_uri, location, uri};
    use std::path::Path;

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(folder_uri(Path::new("/")), "file:///");
        assert_eq!(
            folder_uri(Path::new("/srv/my goals/")),
            "file:///srv/my%20goals/"
        );
        assert_eq!(
            folder_uri(Path::new("C:/work/é")),
            "file:///C:/work/%C3%A9/"
        );
        let at = location("/srv/goals/2026-Q4.yaml", false);
        assert_eq!(at.uri, "file:///srv/goals/2026-Q4.yaml");
        assert_eq!(at.uri_base_id, None);
        let relative = location("goals/2026-Q4.yaml", true);
        assert_eq!(relative.uri, "goals/2026-Q4.yaml");
        assert_eq!(relative.uri_base_id, Some("%SRCROOT%"));
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("goals/2026-Q4.yaml"), "goals/2026-Q4.yaml");
        assert_eq!(
            uri("goals/50% #1 team/é.yaml"),
            "goals/50%25%20%231%20team/%C3%A9.yaml"
        );
    }
}
