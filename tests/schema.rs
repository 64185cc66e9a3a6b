//! The JSON Schemas of `okr schema` against okr itself. An editor that shows
//! a schema error okr would not report teaches users to ignore it, so: every
//! file okr loads cleanly validates, and every L002/L008 finding in the
//! schema-error fixtures is flagged by the schema at the same line, unless
//! listed below as beyond JSON Schema. YAML is read as JSON the way
//! yaml-language-server reads it (YAML 1.2: `2026-10-14` is a string).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_saphyr::Spanned;

use okr::input::schema::Kind;
use okr::rules::Code;

use crate::util::{Okr, acme, fixture, today};

#[path = "../examples/generate.rs"]
#[allow(dead_code)] // the generator's `main` and argument parsing are not used here
mod generate;

/// Findings the schema cannot see: they compare two values, or a value with
/// a default from okr.yaml. (fixture file, line, why)
const BEYOND_JSON_SCHEMA: &[(&str, usize, &str)] = &[
    (
        "L002/fail/strategy.yaml",
        2,
        "the period ends before it starts: two dates compared",
    ),
    (
        "L008/fail/okr.yaml",
        4,
        "limits.objectives min above max: two values compared",
    ),
    (
        "L008/fail/okr.yaml",
        7,
        "limits.strategy_objectives max 8 below the default min of 10",
    ),
    (
        "L008/fail/okr.yaml",
        13,
        "grades.yellow above green: two values compared",
    ),
    (
        "L008/fail/okr.yaml",
        15,
        "pacing.on_track above at_risk: two values compared",
    ),
];

/// Codes of the findings the schema may also flag: the loader's (wrong key,
/// type or value; L001/L003/L004 files are not even YAML the schema can
/// read), okr.yaml's, a `quarter:` that is not a quarter (L006), and the
/// error-severity rules on single values the schema encodes (O012: weights
/// above 0, confidence 0..1; B004: a measure's `target` required). Counts
/// (O001, O002, B002) depend on okr.yaml's limits and are left to okr.
const SCHEMA_CODES: &[Code] = &[
    Code::L001,
    Code::L002,
    Code::L003,
    Code::L004,
    Code::L006,
    Code::L008,
    Code::O012,
    Code::B004,
];

fn schema(kind: Kind) -> Value {
    serde_json::from_str(&okr::input::schema::json(kind)).expect("the schema is JSON")
}

/// The draft-07 validator of `kind`, with `format` checked (2026-02-30 is not a date).
fn validator(kind: Kind) -> &'static Validator {
    static VALIDATORS: OnceLock<Vec<(Kind, Validator)>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        Kind::ALL
            .iter()
            .map(|&k| {
                let validator = jsonschema::draft7::options()
                    .should_validate_formats(true)
                    .build(&schema(k))
                    .expect("the schema is a valid draft-07 schema");
                (k, validator)
            })
            .collect()
    });
    all.iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, v)| v)
        .expect("every kind has a validator")
}

/// Which schema a goals file is checked against, by its name.
fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?;
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))?;
    match stem {
        "okr" => Some(Kind::Config),
        "strategy" => Some(Kind::Strategy),
        _ if okr::model::quarter::Quarter::parse(stem).is_some() => Some(Kind::Quarter),
        _ => None,
    }
}

/// Goals files below `root`, sorted; links and other odd entries are L004's business.
fn goals_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && kind_of(e.path()).is_some())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

/// Booleans are only `true` and `false`, as in okr and YAML 1.2 (`off` is text).
fn to_json(text: &str) -> Option<Value> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options::<Value>(text, options).ok()
}

/// Every fixture repository: tests/rules/<CODE>/<pass|fail>.
fn fixtures() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = fs::read_dir(fixture("rules"))
        .expect("tests/rules")
        .filter_map(Result::ok)
        .flat_map(|code| ["pass", "fail"].map(|case| code.path().join(case)))
        .filter(|root| root.is_dir())
        .collect();
    roots.sort();
    roots
}

/// The codes okr reports on each file of the repository at `root`.
fn codes_by_file(root: &Path) -> Vec<(String, Code)> {
    let outcome = okr::commands::check(root, today()).expect("the fixture loads");
    outcome
        .diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.code))
        .collect()
}

/// The schema's complaints about `path`, one line each, or none.
fn schema_errors(path: &Path) -> Vec<String> {
    let kind = kind_of(path).expect("a goals file");
    let text = fs::read_to_string(path).expect("readable");
    let json = to_json(&text).expect("the file reads as JSON");
    validator(kind)
        .iter_errors(&json)
        .map(|e| format!("{}: {e}", e.instance_path().as_str()))
        .collect()
}

#[test]
fn the_example_organization_validates() {
    let files = goals_files(&acme());
    assert!(files.len() >= 6, "examples/acme has its files: {files:?}");
    let failures: Vec<String> = files
        .iter()
        .flat_map(|f| {
            schema_errors(f)
                .into_iter()
                .map(move |e| format!("{}: {e}", f.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_generated_organization_validates() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let options = generate::Options {
        teams: 12,
        quarters: 4,
        seed: 7,
    };
    generate::generate(&options, dir.path()).expect("the organization is written");
    let files = goals_files(dir.path());
    assert!(
        files.len() > 40,
        "the generator wrote files: {}",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .flat_map(|f| {
            schema_errors(f)
                .into_iter()
                .map(move |e| format!("{}: {e}", f.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// tests/schema/lenient: numbers and booleans as text, quoted numbers and
/// booleans, YAML 1.2 spellings, nulls okr reads as defaults, a file of
/// comments only. okr finds nothing wrong, so neither may the schema.
#[test]
fn spellings_okr_accepts_validate() {
    let root = fixture("schema/lenient");
    let outcome = okr::commands::check(&root, today()).expect("the fixture loads");
    assert!(
        outcome.diagnostics.is_empty(),
        "the fixture is clean: {:?}",
        outcome
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    let files = goals_files(&root);
    assert_eq!(files.len(), 3);
    let failures: Vec<String> = files
        .iter()
        .flat_map(|f| {
            schema_errors(f)
                .into_iter()
                .map(move |e| format!("{}: {e}", f.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture file, pass or fail, on which okr reports nothing the schema
/// may flag is valid: the schema never rejects what okr accepts.
#[test]
fn files_okr_accepts_validate() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for root in fixtures() {
        let codes = codes_by_file(&root);
        for file in goals_files(&root) {
            let shown = file.display().to_string();
            let flagged = codes
                .iter()
                .any(|(path, code)| *path == shown && SCHEMA_CODES.contains(code));
            // An invalid okr.yaml stops okr before it reads the other files.
            let stopped = codes.iter().any(|(_, code)| *code == Code::L008);
            if flagged || stopped {
                continue;
            }
            checked += 1;
            failures.extend(
                schema_errors(&file)
                    .into_iter()
                    .map(|e| format!("{shown}: {e}")),
            );
        }
    }
    assert!(checked > 80, "only {checked} fixture files were checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schemas_flag_every_schema_error_fixture() {
    let mut failures = Vec::new();
    let mut exempt_used = BTreeSet::new();
    for code in [Code::L002, Code::L008] {
        let root = fixture(&format!("rules/{code}/fail"));
        let outcome = okr::commands::check(&root, today()).expect("the fixture loads");
        let findings: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .collect();
        assert!(findings.len() > 5, "{code} has its findings");
        let files: BTreeSet<&str> = findings.iter().map(|d| d.path.as_str()).collect();
        for path in files {
            let name = path
                .strip_prefix(&format!("{}/", root.display()))
                .unwrap_or(path);
            let fixture = format!("{code}/fail/{name}");
            let text = fs::read_to_string(path).expect("readable");
            let json = to_json(&text).expect("the fixture reads as JSON");
            let tree: Spanned<Node> = serde_saphyr::from_str(&text).expect("the fixture parses");
            let validator = validator(kind_of(Path::new(path)).expect("a goals file"));
            let errors: Vec<ValidationError<'_>> = validator.iter_errors(&json).collect();
            let mut lines = BTreeSet::new();
            for error in &errors {
                flagged_lines(error, &tree, &mut lines);
            }
            if errors.is_empty() {
                failures.push(format!("{fixture}: the schema accepts it"));
            }
            for d in findings.iter().filter(|d| d.path == path) {
                let line = d.position.line;
                let exempt = BEYOND_JSON_SCHEMA
                    .iter()
                    .any(|(f, l, _)| *f == fixture && *l == line);
                if exempt {
                    exempt_used.insert((fixture.clone(), line));
                    assert!(
                        !lines.contains(&line),
                        "{fixture}:{line} is listed as beyond JSON Schema, but the schema flags it"
                    );
                } else if !lines.contains(&line) {
                    failures.push(format!(
                        "{fixture}:{line}: okr reports `{}`, the schema flags only lines {lines:?}",
                        d.message
                    ));
                }
            }
        }
    }
    let stale: Vec<_> = BEYOND_JSON_SCHEMA
        .iter()
        .filter(|(f, l, _)| !exempt_used.contains(&((*f).to_owned(), *l)))
        .collect();
    assert!(stale.is_empty(), "exemptions with no finding: {stale:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Lines of the YAML nodes a schema error is about: the value at its
/// instance path, and for key errors (unknown or misnamed keys) the keys.
/// An `anyOf` (a key that may also be null) is about what its branches say,
/// except that the value is not null.
fn flagged_lines(error: &ValidationError<'_>, tree: &Spanned<Node>, lines: &mut BTreeSet<usize>) {
    let at = error.instance_path().as_str();
    let Some(node) = lookup(tree, at) else {
        return;
    };
    if let ValidationErrorKind::AnyOf { context } = error.kind() {
        for inner in context.iter().flatten() {
            let wrong_branch = matches!(inner.kind(), ValidationErrorKind::Type { .. })
                && inner.instance_path().as_str() == at;
            if !wrong_branch {
                flagged_lines(inner, tree, lines);
            }
        }
        return;
    }
    lines.insert(line(node));
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                lines.extend(key_line(node, key));
            }
        }
        ValidationErrorKind::PropertyNames { error } => {
            if let Some(key) = error.instance().as_str() {
                lines.extend(key_line(node, key));
            }
        }
        _ => {}
    }
}

/// A YAML node with the location of every value and key, to map a schema
/// error's JSON pointer back to a line.
enum Node {
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    Scalar,
}

fn line<T>(node: &Spanned<T>) -> usize {
    usize::try_from(node.referenced.line()).expect("a line number")
}

fn key_line(node: &Spanned<Node>, key: &str) -> Option<usize> {
    match &node.value {
        Node::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(k, _)| line(k)),
        _ => None,
    }
}

fn lookup<'a>(node: &'a Spanned<Node>, pointer: &str) -> Option<&'a Spanned<Node>> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .try_fold(node, |node, segment| match &node.value {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.value == segment)
                .map(|(_, v)| v),
            Node::Seq(items) => items.get(segment.parse::<usize>().ok()?),
            Node::Scalar => None,
        })
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;

        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML node")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Node::Map(entries))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Scalar)
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
                Ok(Node::Scalar)
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
                Ok(Node::Scalar)
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Scalar)
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<Node, E> {
                Ok(Node::Scalar)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Scalar)
            }

            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Scalar)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
        }

        deserializer.deserialize_any(NodeVisitor)
    }
}

/// Every property of every schema says what it is, for hover in an editor.
#[test]
fn every_property_has_a_description() {
    fn walk(value: &Value, at: &str, missing: &mut Vec<String>, count: &mut usize) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (name, property) in properties {
                        *count += 1;
                        let described = property
                            .get("description")
                            .and_then(Value::as_str)
                            .is_some_and(|d| !d.trim().is_empty());
                        if !described {
                            missing.push(format!("{at}/properties/{name}"));
                        }
                    }
                }
                for (key, v) in map {
                    walk(v, &format!("{at}/{key}"), missing, count);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{at}/{i}"), missing, count);
                }
            }
            _ => {}
        }
    }
    for kind in Kind::ALL {
        let schema = schema(kind);
        let (mut missing, mut count) = (Vec::new(), 0);
        walk(&schema, kind.file_name(), &mut missing, &mut count);
        assert!(count > 5, "{}: {count} properties", kind.file_name());
        assert!(missing.is_empty(), "without a description: {missing:?}");
        for (name, definition) in schema["definitions"].as_object().into_iter().flatten() {
            assert!(
                definition["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{}: definition {name} has no description",
                kind.file_name()
            );
        }
        assert_eq!(
            schema["$schema"],
            "http://json-schema.org/draft-07/schema#",
            "{}",
            kind.file_name()
        );
        assert!(schema["title"].as_str().is_some_and(|t| !t.is_empty()));
    }
}

#[test]
fn schemas_are_deterministic_pretty_json_ending_in_a_newline() {
    for kind in Kind::ALL {
        let text = okr::input::schema::json(kind);
        assert_eq!(text, okr::input::schema::json(kind));
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
        assert!(text.starts_with("{\n  \""), "pretty JSON");
    }
}

#[test]
fn okr_schema_prints_one_schema() {
    let output = Okr::new().args(["schema", "quarter"]).run();
    output.assert_code(0);
    let printed = output.json();
    assert_eq!(
        printed["$schema"],
        "http://json-schema.org/draft-07/schema#"
    );
    assert_eq!(printed, schema(Kind::Quarter));
}

#[test]
fn okr_schema_write_writes_the_three_schemas() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("goals/schemas");
    Okr::new()
        .args(["schema", "--write"])
        .arg(&out)
        .run()
        .assert_code(0);
    let mut written: Vec<String> = fs::read_dir(&out)
        .expect("the folder was created")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "config.schema.json",
            "quarter.schema.json",
            "strategy.schema.json"
        ]
    );
    for kind in Kind::ALL {
        let text = fs::read_to_string(out.join(kind.file_name())).expect("written");
        assert_eq!(text, okr::input::schema::json(kind));
    }
}

#[test]
fn write_all_returns_the_paths_in_kind_order() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = okr::commands::write_all(dir.path()).expect("written");
    let expected: Vec<PathBuf> = Kind::ALL
        .iter()
        .map(|k| dir.path().join(k.file_name()))
        .collect();
    assert_eq!(paths, expected);
}

#[test]
fn the_schemas_are_reviewed_like_code() {
    for kind in Kind::ALL {
        insta::assert_snapshot!(kind.file_name(), okr::input::schema::json(kind));
    }
}
