//! `okr report` end to end on examples/acme at a fixed date: a snapshot of
//! each format and of the main views, and the properties every output keeps.

use std::process::{Command, Output};

fn okr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_okr"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .output()
        .expect("okr runs")
}

fn report(extra: &[&str]) -> String {
    let mut args = vec![
        "report",
        "examples/acme",
        "--as-of=2026-11-28",
        "--color=never",
    ];
    args.extend_from_slice(extra);
    let output = okr(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let words = text.split(|c: char| !c.is_alphanumeric());
    assert!(
        !words.into_iter().any(|w| w == "NaN" || w == "inf"),
        "{text}"
    );
    text
}

#[test]
fn table() {
    insta::assert_snapshot!(report(&[]));
}

#[test]
fn table_with_tree_history_and_filters() {
    insta::assert_snapshot!("tree", report(&["--tree", "--only=okrs", "--team=company"]));
    insta::assert_snapshot!(
        "history",
        report(&["--quarter=all", "--only=okrs", "--team=platform"])
    );
    let owned = report(&["--owner=dana", "--only=okrs"]);
    assert!(owned.contains("@dana") || owned.contains("dana"), "{owned}");
}

#[test]
fn markdown() {
    insta::assert_snapshot!(report(&["--format=markdown", "--tree"]));
}

#[test]
fn json() {
    let text = report(&["--format=json"]);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["as_of"], "2026-11-28");
    assert_eq!(value["quarters"][0]["quarter"], "2026-Q4");
    let kr = &value["quarters"][0]["teams"][0]["objectives"][0]["key_results"][0];
    for field in [
        "id",
        "title",
        "kind",
        "start",
        "target",
        "current",
        "progress",
        "score",
        "expected",
        "status",
        "forecast",
        "confidence",
    ] {
        assert!(kr.get(field).is_some(), "key result has no `{field}`");
    }
    assert!(
        value["strategy"]["perspectives"][0]["objectives"][0]
            .get("okr_support")
            .is_some()
    );
    insta::assert_snapshot!(text);
}

#[test]
fn csv() {
    let text = report(&["--format=csv"]);
    let rows: usize = text.lines().count();
    let header = text.lines().next().unwrap_or_default();
    assert!(header.starts_with("quarter,team,objective_id"), "{header}");
    assert!(rows > 30, "one row per key result");
    insta::assert_snapshot!(text);
    let strategy = report(&["--format=csv", "--only=strategy"]);
    assert!(
        strategy.starts_with("perspective,objective_id"),
        "{strategy}"
    );
    insta::assert_snapshot!("csv_strategy", strategy);
}

#[test]
fn a_broken_file_is_skipped_and_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = "objectives:\n  - id: O1\n    title: Win retailers\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n        current: 6\n";
    std::fs::write(dir.path().join("2026-Q4.yaml"), good).expect("write");
    std::fs::create_dir(dir.path().join("sales")).expect("folder");
    std::fs::write(dir.path().join("sales/2026-Q4.yaml"), "objectives: [\n").expect("write");
    let path = dir.path().to_string_lossy().into_owned();
    let output = okr(&["report", &path, "--as-of=2026-11-28", "--format=json"]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(value["quarters"][0]["score"], 0.5);
    assert_eq!(value["skipped"][0]["path"], "sales/2026-Q4.yaml");
}

#[test]
fn an_invalid_config_stops_the_report() {
    let output = okr(&["report", "tests/cli/bad-config", "--as-of=2026-11-28"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("L008"));
}
