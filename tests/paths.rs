//! Paths in machine outputs: SARIF artifact locations valid against the
//! SARIF 2.1.0 schema and the rule validators apply (no relative reference
//! beginning with `/`, every `uriBaseId` defined), and GitHub annotations
//! naming files relative to the git work tree's top, whatever folder okr is
//! given: relative, absolute, `.` or a subfolder.
//!
//! tests/paths/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema
//! (errata01), from github.com/oasis-tcs/sarif-spec,
//! sarif-2.1/schema/sarif-schema-2.1.0.json.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::util::{AS_OF, Okr, Repo, acme, copy_dir, root, write};

/// What is wrong with a SARIF log: schema errors, a relative `uri` that
/// begins with `/`, or a `uriBaseId` that `originalUriBaseIds` does not
/// define (or defines with other than an absolute URI ending in `/`).
pub fn sarif_problems(doc: &Value) -> Vec<String> {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("tests/paths/sarif-schema-2.1.0.json"))
            .expect("the SARIF schema");
        let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
        jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("a valid draft-04 schema")
    });
    let mut problems: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    for run in doc["runs"].as_array().into_iter().flatten() {
        let bases = &run["originalUriBaseIds"];
        for (id, base) in bases.as_object().into_iter().flatten() {
            let uri = base["uri"].as_str().unwrap_or_default();
            if !uri.starts_with("file:///") || !uri.ends_with('/') {
                problems.push(format!("base {id} is `{uri}`: not an absolute folder URI"));
            }
        }
        let locations = run["results"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|r| r["locations"].as_array().into_iter().flatten());
        for location in locations {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            let uri = artifact["uri"].as_str().unwrap_or_default();
            let absolute = uri.starts_with("file://");
            if !absolute && uri.starts_with('/') {
                problems.push(format!("relative uri `{uri}` begins with `/`"));
            }
            if uri.chars().any(|c| c == ' ' || c == '\\' || !c.is_ascii()) {
                problems.push(format!("uri `{uri}` is not percent-encoded"));
            }
            match artifact["uriBaseId"].as_str() {
                Some(id) if absolute => {
                    problems.push(format!("absolute uri `{uri}` with base {id}"))
                }
                Some(id) if bases.get(id).is_none() => {
                    problems.push(format!("uriBaseId {id} is not in originalUriBaseIds"));
                }
                _ => {}
            }
        }
    }
    problems
}

/// The file URI of each SARIF result, resolved against its base.
fn resolved(doc: &Value) -> Vec<String> {
    let run = &doc["runs"][0];
    run["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            let uri = artifact["uri"].as_str().unwrap_or_default();
            match artifact["uriBaseId"].as_str() {
                Some(id) => format!(
                    "{}{uri}",
                    run["originalUriBaseIds"][id]["uri"]
                        .as_str()
                        .unwrap_or_default()
                ),
                None => uri.to_owned(),
            }
        })
        .collect()
}

/// `file=` of each annotation.
fn annotated(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|line| line.split_once("file=")?.1.split(',').next())
        .map(str::to_owned)
        .collect()
}

/// A git repository holding acme in `my goals/` (a space, to be encoded),
/// with one finding in the platform team's file.
fn repository() -> Repo {
    let repo = Repo::init();
    let goals = repo.path().join("my goals");
    copy_dir(&acme(), &goals);
    write(
        &goals,
        "platform/2026-Q4.yaml",
        std::fs::read_to_string(goals.join("platform/2026-Q4.yaml"))
            .expect("acme")
            .replacen("- id: P1\n", "- id: P1\n    titel: typo\n", 1),
    );
    repo
}

fn run(dir: &Path, args: &[&str]) -> crate::util::Output {
    Okr::new().current_dir(dir).args(args).arg(AS_OF).run()
}

#[test]
fn sarif_is_valid_from_an_absolute_folder() {
    let repo = repository();
    let goals = repo.path().join("my goals");
    let real = repo.path().canonicalize().expect("real");
    let expected = format!(
        "file://{}/my%20goals/platform/2026-Q4.yaml",
        real.to_string_lossy().replace(' ', "%20")
    );
    let absolute = goals.to_str().expect("a UTF-8 path");
    for (dir, path) in [
        (root().to_path_buf(), absolute),
        (goals.clone(), "."),
        (goals.join("platform"), "."),
        (repo.path().to_path_buf(), "my goals/platform"),
    ] {
        let out = run(&dir, &["check", path, "--format", "sarif"]);
        let doc = out.json();
        assert_eq!(
            sarif_problems(&doc),
            Vec::<String>::new(),
            "{path} in {dir:?}"
        );
        assert_eq!(resolved(&doc), vec![expected.clone()], "{path} in {dir:?}");
    }
}

#[test]
fn sarif_outside_git_is_valid_too() {
    let dir = tempfile::tempdir().expect("a folder");
    copy_dir(&acme(), &dir.path().join("goals"));
    write(
        dir.path(),
        "goals/platform/2026-Q4.yaml",
        "objectives: [1]\n",
    );
    let absolute = dir.path().join("goals");
    for cwd in [root(), dir.path()] {
        let out = run(
            cwd,
            &[
                "check",
                absolute.to_str().expect("UTF-8"),
                "--format",
                "sarif",
            ],
        );
        let doc = out.json();
        assert_eq!(sarif_problems(&doc), Vec::<String>::new(), "{cwd:?}");
        let files = resolved(&doc);
        assert!(!files.is_empty());
        for file in files {
            assert!(
                file.starts_with("file:///") && file.ends_with("goals/platform/2026-Q4.yaml"),
                "{file}"
            );
        }
    }
}

#[test]
fn annotations_name_files_from_the_git_top() {
    let repo = repository();
    let goals = repo.path().join("my goals");
    let absolute = goals.to_str().expect("a UTF-8 path");
    let platform = goals.join("platform");
    for (dir, path) in [
        (root().to_path_buf(), absolute),
        (root().to_path_buf(), platform.to_str().expect("UTF-8")),
        (goals.clone(), "."),
        (platform.clone(), "."),
        (goals.clone(), "platform"),
        (repo.path().to_path_buf(), "my goals"),
    ] {
        let out = run(&dir, &["check", path, "--format", "github"]);
        assert_eq!(
            annotated(&out.stdout()),
            vec!["my goals/platform/2026-Q4.yaml"],
            "{path} in {dir:?}"
        );
    }
}

#[test]
fn annotations_outside_git_name_files_from_the_current_folder() {
    let dir = tempfile::tempdir().expect("a folder");
    copy_dir(&acme(), &dir.path().join("goals"));
    write(
        dir.path(),
        "goals/platform/2026-Q4.yaml",
        "objectives: [1]\n",
    );
    for path in ["goals", "goals/platform"] {
        let out = run(dir.path(), &["check", path, "--format", "github"]);
        let files = annotated(&out.stdout());
        assert!(!files.is_empty(), "{path}");
        assert!(
            files.iter().all(|f| f == "goals/platform/2026-Q4.yaml"),
            "{files:?}"
        );
    }
}
