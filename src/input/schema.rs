//! JSON Schemas (draft-07, the draft yaml-language-server supports) of the
//! three goals files, so an editor can complete keys, show each field's
//! meaning on hover and flag mistakes while typing.
//!
//! The schemas are generated with schemars from the loader's own structs in
//! `raw.rs`, so a field cannot exist in one and not the other; their doc
//! comments become the descriptions. The stand-in types below say how each
//! value looks once the YAML is read as JSON. A schema may miss a mistake that
//! `okr check` finds (a period that ends before it starts), but it never
//! rejects a file that `okr check` accepts: okr reads a number or `true`
//! written where text is expected as that text, and a quoted number or
//! boolean as that number or boolean, so the schemas allow both.

use std::borrow::Cow;
use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::input::raw;

/// The three kinds of goals file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Strategy,
    Quarter,
    Config,
}

/// The folder, relative to the goals folder, that `okr init` writes the schemas into.
pub(crate) const DIR: &str = "schemas";

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Strategy, Kind::Quarter, Kind::Config];

    /// The schema's file name in [`DIR`].
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Strategy => "strategy.schema.json",
            Kind::Quarter => "quarter.schema.json",
            Kind::Config => "config.schema.json",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Strategy => "okr strategy.yaml: the Balanced Scorecard",
            Kind::Quarter => "okr quarter file (YYYY-QN.yaml): one team's OKRs for one quarter",
            Kind::Config => "okr.yaml: okr settings",
        }
    }
}

/// The schema as pretty JSON with a final newline.
pub fn json(kind: Kind) -> String {
    let generator = SchemaSettings::draft07()
        .with_transform(RecursiveTransform(drop_null_default))
        .into_generator();
    let mut schema = match kind {
        Kind::Strategy => generator.into_root_schema_for::<raw::Strategy>(),
        Kind::Quarter => generator.into_root_schema_for::<raw::QuarterFile>(),
        Kind::Config => generator.into_root_schema_for::<raw::Config>(),
    };
    schema.insert("title".to_owned(), kind.title().into());
    if kind != Kind::Strategy {
        // A file with nothing but comments is a YAML null, which okr reads as
        // all defaults (okr.yaml) or no objectives (a quarter); strategy.yaml
        // needs its perspectives.
        schema.insert("type".to_owned(), serde_json::json!(["object", "null"]));
    }
    // Serializing a `Value` cannot fail: its keys are strings.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The first line of a file okr creates at `file` (relative to the goals
/// folder), pointing yaml-language-server at the schema in [`DIR`].
pub(crate) fn modeline(kind: Kind, file: &Path) -> String {
    let depth = file.components().count().saturating_sub(1);
    format!(
        "# yaml-language-server: $schema={}{DIR}/{}\n",
        "../".repeat(depth),
        kind.file_name()
    )
}

/// schemars gives every `Option` key `"default": null`, which an editor would
/// offer to insert; a missing key means the default its description states.
fn drop_null_default(schema: &mut Schema) {
    if schema
        .get("default")
        .is_some_and(serde_json::Value::is_null)
    {
        schema.remove("default");
    }
}

/// A number written in quotes, or as a percentage (`45%`), as okr reads
/// it: decimal, finite, padding allowed.
const NUMBER_TEXT: &str =
    r"^[ \t\r\n]*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?[ \t\r\n]*%?[ \t\r\n]*$";
/// A whole number written in quotes, as okr reads it: decimal, 0x, 0o or 0b,
/// with single `_` between digits.
const INTEGER_TEXT: &str = concat!(
    r"^[ \t\r\n]*[-+]?(0|[1-9](_?[0-9])*|0[xX][0-9a-fA-F](_?[0-9a-fA-F])*",
    r"|0[oO][0-7](_?[0-7])*|0[bB][01](_?[01])*)[ \t\r\n]*$"
);
/// `true` or `false` written in quotes, as okr reads it.
const BOOLEAN_TEXT: &str = r"^[ \t\r\n]*(true|True|TRUE|false|False|FALSE)[ \t\r\n]*$";

/// Schema stand-ins for the values in `raw.rs`: serde-saphyr's `Spanned` has
/// no `JsonSchema` impl (and the orphan rule forbids one here), so each raw
/// field names the stand-in that describes its value with `#[schemars(with)]`.
/// All are inlined, so each field's description sits beside its type.
pub(crate) mod value {
    use super::*;

    macro_rules! stand_in {
        ($(#[$doc:meta])* $name:ident => $schema:tt) => {
            $(#[$doc])*
            pub(crate) struct $name;

            impl JsonSchema for $name {
                fn inline_schema() -> bool {
                    true
                }

                fn schema_name() -> Cow<'static, str> {
                    stringify!($name).into()
                }

                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!($schema)
                }
            }
        };
    }

    /// The schema default of a key whose meaning when missing is in its description.
    pub(crate) struct Unset;

    pub(crate) fn unset() -> Unset {
        Unset
    }

    stand_in!(
        /// Free text. okr reads a number or boolean written here as its text.
        Text => {"type": ["string", "number", "boolean"]}
    );
    stand_in!(
        /// Text that must not be blank (a title, a name).
        Name => {"type": ["string", "number", "boolean"], "pattern": "\\S"}
    );
    stand_in!(
        /// An id: not blank, at most 64 characters.
        Id => {"type": ["string", "number", "boolean"], "pattern": "\\S", "maxLength": 64}
    );
    stand_in!(
        /// A team name: the folder's own part of it, so no `/` (a sub-team is a folder).
        Team => {"type": ["string", "number", "boolean"], "pattern": "^[^/]*$"}
    );
    stand_in!(
        /// Who is accountable: a name, a list of names, or names separated by commas.
        Owners => {"anyOf": [
            {"type": ["string", "number", "boolean"]},
            {"type": "array", "items": {"type": ["string", "number", "boolean"]}}
        ]}
    );
    stand_in!(
        /// An okr.yaml perspective: its name, or `{id, label, weight}`.
        PerspectiveEntry => {"anyOf": [
            {"type": ["string", "number", "boolean"], "pattern": "\\S"},
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["id"],
                "properties": {
                    "id": {"description": "The perspective's key in strategy.yaml.", "type": ["string", "number", "boolean"], "pattern": "\\S"},
                    "label": {"description": "What every output shows for the perspective (default: the id).", "type": ["string", "number", "boolean"], "pattern": "\\S"},
                    "weight": {"description": "Its weight in the scorecard's score: a number greater than 0; default 1.", "type": ["number", "string"], "pattern": NUMBER_TEXT, "exclusiveMinimum": 0}
                }
            }
        ]}
    );
    stand_in!(
        /// A calendar date, YYYY-MM-DD.
        Date => {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}
    );
    stand_in!(
        /// A quarter, YYYY-QN.
        Quarter => {"type": "string", "pattern": "^\\d{4}-Q[1-4]$"}
    );
    stand_in!(
        /// A number; okr also reads a number written in quotes, and a percentage such as `45%` (the number 45, unit `%`; a fraction such as a confidence reads `70%` as 0.7).
        Number => {"type": ["number", "string"], "pattern": NUMBER_TEXT}
    );
    stand_in!(
        /// A measure's target: a number (as `Number`), or `tbd` while it is still to be decided.
        MeasureTarget => {"anyOf": [
            {"type": ["number", "string"], "pattern": NUMBER_TEXT},
            {"type": "string", "pattern": "^\\s*([Tt][Bb][DdAa]|[Tt][Oo] [Bb][Ee] [Dd][Ee]([Cc][Ii][Dd][Ee][Dd]|[Tt][Ee][Rr][Mm][Ii][Nn][Ee][Dd]|[Ff][Ii][Nn][Ee][Dd]))\\s*$"}
        ]}
    );
    stand_in!(
        /// A whole number; okr also reads one written in quotes.
        Integer => {"type": ["integer", "string"], "pattern": INTEGER_TEXT}
    );
    stand_in!(
        /// `true` or `false`; okr also reads them written in quotes.
        Boolean => {"type": ["boolean", "string"], "pattern": BOOLEAN_TEXT}
    );
    stand_in!(
        /// `committed` or `aspirational`.
        ObjectiveKind => {"type": "string", "enum": ["committed", "aspirational"]}
    );
    stand_in!(
        /// `up` or `down`.
        Direction => {"type": "string", "enum": ["up", "down"]}
    );
    stand_in!(
        /// `dropped`: the only status written on a goal (okr works out the rest).
        GoalStatus => {"type": "string", "enum": ["dropped"]}
    );
    stand_in!(
        /// How often a measure gets a new value.
        Frequency => {"type": "string", "enum": ["monthly", "quarterly", "annual"]}
    );
    stand_in!(
        /// `planned`, `active`, `done` or `dropped`.
        InitiativeStatus => {"type": "string", "enum": ["planned", "active", "done", "dropped"]}
    );

    /// okr.yaml `rules:`: rule code (any case) or kebab-case name -> severity.
    /// Every rule is listed with its summary, so an editor can complete and
    /// explain them.
    pub(crate) fn rules(_: &mut SchemaGenerator) -> Schema {
        const SEVERITY: [&str; 4] = ["off", "info", "warning", "error"];
        let mut properties = serde_json::Map::new();
        let mut names = Vec::new();
        for rule in crate::rules::RULES {
            for key in [rule.code.as_str(), rule.name] {
                properties.insert(
                    key.to_owned(),
                    serde_json::json!({
                        "description": format!("{} {}: {}", rule.code, rule.name, rule.summary),
                        "enum": SEVERITY,
                    }),
                );
            }
            // Codes match in any case (`o008`); names exactly.
            let code: String = rule
                .code
                .as_str()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphabetic() {
                        format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            names.push(code);
            names.push(rule.name.to_owned());
        }
        json_schema!({
            "type": ["object", "null"],
            "properties": properties,
            "propertyNames": {"pattern": format!("^({})$", names.join("|"))},
            "additionalProperties": {"enum": SEVERITY},
        })
    }
}
