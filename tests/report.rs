//! `okr report` end to end on examples/acme at a fixed date: a snapshot of
//! each format and of the main views, and the properties every output keeps.

use crate::util::{Okr, Output, write};

/// okr ARGS in the repository's root, 100 columns wide.
fn okr(args: &[&str]) -> Output {
    Okr::new().args(args).run()
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
    output.assert_code(0);
    let text = output.stdout();
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
    let owned = report(&["--owner=dana", "--only=okrs", "--format=json"]);
    let value: serde_json::Value = serde_json::from_str(&owned).expect("valid JSON");
    let objectives: Vec<&serde_json::Value> = value["quarters"][0]["teams"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|t| t["objectives"].as_array().into_iter().flatten())
        .collect();
    assert!(!objectives.is_empty());
    for o in objectives {
        let mine = o["owner"] == "dana"
            || o["key_results"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|k| k["owner"] == "dana");
        assert!(mine, "{o}");
    }
}

#[test]
fn readable_at_80_columns() {
    let output = Okr::new()
        .args([
            "report",
            "examples/acme",
            "--as-of=2026-11-28",
            "--color=never",
            "--team=platform",
            "--only=okrs",
        ])
        .env("COLUMNS", "80")
        .run();
    let text = output.stdout();
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    insta::assert_snapshot!("table_80_columns", text);
}

#[test]
fn filters_that_match_nothing_are_errors() {
    for args in [["--quarter=2025-Q1"], ["--team=nosuch"]] {
        let mut all = vec!["report", "examples/acme", "--as-of=2026-11-28"];
        all.extend_from_slice(&args);
        let output = okr(&all);
        assert_eq!(output.code(), Some(2), "{args:?}");
        let stderr = output.stderr();
        assert!(
            stderr.contains("2026-Q4") || stderr.contains("platform"),
            "names what exists: {stderr}"
        );
    }
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
fn a_broken_file_is_named_at_the_top_of_every_format_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = "objectives:\n  - id: O1\n    title: Win retailers\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n        current: 6\n";
    write(dir.path(), "2026-Q4.yaml", good);
    // An unclosed quote: the file does not load at all.
    write(
        dir.path(),
        "growth/2026-Q4.yaml",
        "objectives:\n  - id: G1\n    title: \"oops\n",
    );
    let path = dir.path().to_string_lossy().into_owned();
    let report = |format: &str| {
        let output = okr(&["report", &path, "--as-of=2026-11-28", "--format", format]);
        assert_eq!(output.code(), Some(1), "{format}: {}", output.stderr());
        output
    };
    let notice = "growth/2026-Q4.yaml could not be read: the totals below leave out team growth";
    let table = report("table").stdout();
    assert_eq!(table.lines().next(), Some(format!("! {notice}").as_str()));
    let markdown = report("markdown").stdout();
    let top: Vec<&str> = markdown.lines().take(6).collect();
    assert!(top.contains(&"> [!WARNING]"), "{markdown}");
    assert!(
        top.contains(&format!("> - {notice}").as_str()),
        "{markdown}"
    );
    let html = report("html").stdout();
    let list = html.find("<ul class=\"notices\"").expect("the notices");
    assert!(list < html.find("id=\"quarter-1\"").expect("the quarter"));
    assert!(html.contains("<li><code>growth/2026-Q4.yaml</code> could not be read: the totals below leave out team <code>growth</code></li>"));
    let value = report("json").json();
    assert_eq!(value["quarters"][0]["score"], 0.5);
    assert_eq!(value["skipped"][0]["path"], "growth/2026-Q4.yaml");
    assert_eq!(value["skipped"][0]["team"], "growth");
    assert_eq!(value["skipped"][0]["quarter"], "2026-Q4");
    let csv = report("csv");
    assert!(!csv.stdout().contains("growth"));
    // The notice comes first, then the count of the others' errors (O001).
    assert!(
        csv.stderr()
            .starts_with(&format!("okr: {notice}\nokr: The goals have 1 error")),
        "{}",
        csv.stderr()
    );
}

/// A file with errors still loads and is scored: the report says at its
/// top how many errors the goals have, in one line.
#[test]
fn errors_in_files_that_load_are_counted_at_the_top() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "objectives:\n  - id: O1\n    title: Win retailers\n    weight: -1\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n        current: .nan\n";
    write(dir.path(), "2026-Q4.yaml", text);
    let path = dir.path().to_string_lossy().into_owned();
    // O012 twice (the weight and the NaN), and O001 (one objective).
    let line = "The goals have 3 errors: scores may leave out the values at fault; run `okr check` to see them.";
    let run = |format: &str| {
        let output = okr(&["report", &path, "--as-of=2026-11-28", "--format", format]);
        assert_eq!(output.code(), Some(0), "{format}: {}", output.stderr());
        output
    };
    assert_eq!(
        run("table").stdout().lines().next(),
        Some(format!("! {line}").as_str())
    );
    assert!(run("markdown").stdout().contains(&format!("> - {line}")));
    assert!(run("html").stdout().contains("<li>The goals have 3 errors: scores may leave out the values at fault; run <code>okr check</code> to see them.</li>"));
    assert_eq!(run("json").json()["errors"], 3);
    assert_eq!(run("csv").stderr(), format!("okr: {line}\n"));
}

/// strategy.yaml that does not load: the scorecard section says so, and
/// `--only okrs`, which does not need it, neither names it nor fails.
#[test]
fn an_unreadable_strategy_is_said_in_the_scorecard_section() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = "objectives:\n  - id: O1\n    title: Win retailers\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n        current: 6\n";
    write(dir.path(), "2026-Q4.yaml", good);
    write(dir.path(), "strategy.yaml", "organization: \"oops\n");
    let path = dir.path().to_string_lossy().into_owned();
    let output = okr(&["report", &path, "--as-of=2026-11-28"]);
    assert_eq!(output.code(), Some(1));
    let text = output.stdout();
    assert!(
        text.starts_with(
            "! strategy.yaml could not be read: the report has no Balanced Scorecard\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Balanced Scorecard: strategy.yaml could not be read, so there is no scorecard to show"
        ),
        "{text}"
    );
    let markdown = okr(&["report", &path, "--as-of=2026-11-28", "--format=markdown"]).stdout();
    let section = markdown.find("## Balanced Scorecard").expect("the section");
    assert!(
        markdown[section..]
            .contains("strategy.yaml could not be read, so there is no scorecard to show")
    );
    let okrs = okr(&["report", &path, "--as-of=2026-11-28", "--only=okrs"]);
    assert_eq!(okrs.code(), Some(0));
    assert!(
        !okrs.stdout().contains("strategy.yaml"),
        "{}",
        okrs.stdout()
    );
}

/// The report reads only the quarter files it shows: a broken file of
/// another quarter is neither read nor listed, unless that quarter is asked for.
#[test]
fn only_the_shown_quarters_are_read() {
    let good = "objectives:\n  - id: O1\n    title: Win retailers\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n        current: 6\n";
    let files = [
        ("2026-Q3.yaml", good),
        ("2026-Q4.yaml", good),
        ("sales/2026-Q3.yaml", "objectives: [\n"),
    ];
    let current = report_json(&files, &["--as-of=2026-11-28"]);
    assert_eq!(current["quarters"].as_array().map(Vec::len), Some(1));
    assert_eq!(current["quarters"][0]["quarter"], "2026-Q4");
    assert_eq!(current["skipped"], serde_json::json!([]));
    let all = report_json(&files, &["--as-of=2026-11-28", "--quarter=all"]);
    assert_eq!(all["quarters"].as_array().map(Vec::len), Some(2));
    assert_eq!(all["skipped"][0]["path"], "sales/2026-Q3.yaml");
    let q3 = report_json(&files, &["--as-of=2026-11-28", "--quarter=2026-Q3"]);
    assert_eq!(q3["skipped"][0]["path"], "sales/2026-Q3.yaml");
}

#[test]
fn an_invalid_config_stops_the_report() {
    let output = okr(&["report", "tests/cli/bad-config", "--as-of=2026-11-28"]);
    assert_eq!(output.code(), Some(2));
    assert!(output.stderr().contains("L008"));
}

/// Writes `files` into a temporary goals folder and returns `okr report --format json`.
fn report_json(files: &[(&str, &str)], args: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    let output = Okr::new()
        .arg("report")
        .arg(dir.path())
        .arg("--format=json")
        .args(args)
        .run();
    let value = output.json();
    let skipped = value["skipped"].as_array().is_some_and(|s| !s.is_empty());
    output.assert_code(i32::from(skipped));
    value
}

const WORKED: &str = "\
objectives:
  - id: O1
    title: Ship the features customers asked for
    kind: committed
    key_results:
      - title: Launch 6 features
        target: 6
        current: 3
      - title: Cut failed deploys from 12% to 3%
        start: 12
        target: 3
        checkins:
          - {date: 2026-08-01, value: 9}
          - {date: 2026-09-30, value: 5}
          - {date: 2026-12-15, value: 3}
  - id: O2
    title: Stay fast under load
    key_results:
      - title: Keep p99 at or below 200 ms
        keep_below: 200
        current: 200
        checkins:
          - {date: 2026-08-01, value: 250}
          - {date: 2026-09-01, value: 200}
      - title: Grow weekly users from 100 to 200
        start: 100
        target: 200
        current: 260
  - id: O3
    title: An objective with no key results yet
    key_results: []
";

#[test]
fn worked_examples_after_the_quarter() {
    let value = report_json(&[("2026-Q3.yaml", WORKED)], &["--as-of=2026-10-05"]);
    let q = &value["quarters"][0];
    assert_eq!(q["phase"], "ended");
    let o = &q["teams"][0]["objectives"];
    let krs = &o[0]["key_results"];
    assert_eq!(krs[0]["score"], 0.5, "launch six features, three launched");
    // 12 -> 3, at 5 on the last check-in known on 2026-10-05 (the December one is later).
    let lower = krs[1]["progress"].as_f64().unwrap_or(f64::NAN);
    assert!((lower - 7.0 / 9.0).abs() < 1e-9, "{lower}");
    assert_eq!(krs[1]["current"], 5.0);
    assert_eq!(o[0]["missed_commitment"], true);
    assert_eq!(o[0]["status"], "yellow", "(0.5 + 7/9) / 2 = 0.64");
    // Threshold: 250 out, 200 on the bound is in; current equals the last check-in.
    assert_eq!(o[1]["key_results"][0]["score"], 0.5);
    // Over-achievement: raw progress 1.6 is kept, the score is clamped.
    assert_eq!(o[1]["key_results"][1]["progress"], 1.6);
    assert_eq!(o[1]["key_results"][1]["score"], 1.0);
    assert_eq!(o[2]["score"], serde_json::Value::Null, "empty objective");
    assert_eq!(o[2]["status"], "unscored");
}

#[test]
fn fiscal_quarters_and_pacing_while_running() {
    let okr_yaml = "fiscal_year_start_month: 2\n";
    let quarter = "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n      - title: Reach 10 stores\n        target: 10\n        current: 2\n";
    let value = report_json(
        &[("okr.yaml", okr_yaml), ("2020-Q2.yaml", quarter)],
        &["--as-of=2019-06-15"],
    );
    let q = &value["quarters"][0];
    assert_eq!(
        (q["start"].as_str(), q["end"].as_str()),
        (Some("2019-05-01"), Some("2019-07-31"))
    );
    assert_eq!(q["phase"], "running");
    let o = &q["teams"][0]["objectives"][0];
    // 46 of 92 days elapsed, aspirational goal 0.7: expected 0.35; 0.2 is within 0.25 -> at risk.
    let expected = o["expected"].as_f64().unwrap_or(f64::NAN);
    assert!((expected - 0.35).abs() < 1e-9, "{expected}");
    assert_eq!(o["status"], "at_risk");
}

#[test]
fn a_repeated_link_counts_once() {
    let strategy = "perspectives:\n  financial:\n    - id: F1\n      title: Grow\n      measures: [{id: arr, name: ARR, baseline: 1, target: 2, actual: 1.5}]\n";
    let quarter = "objectives:\n  - id: O1\n    title: Grow\n    supports: [F1, F1]\n    key_results:\n      - title: Reach 10 stores\n        target: 10\n        current: 5\n  - id: O2\n    title: Delight\n    aligns_to: [O1, O1]\n    key_results:\n      - title: Reach 4 stores\n        target: 4\n        current: 4\n";
    let value = report_json(
        &[("strategy.yaml", strategy), ("2026-Q4.yaml", quarter)],
        &["--as-of=2026-11-28"],
    );
    let f1 = &value["strategy"]["perspectives"][0]["objectives"][0];
    assert_eq!(f1["supported_by"], serde_json::json!(["company/O1"]));
    assert_eq!(f1["okr_support"], 0.5);
    let root = &value["quarters"][0]["alignment"][0];
    assert_eq!(root["children"].as_array().map(Vec::len), Some(1));
}

/// `-o FILE` of `okr report` and `okr map` never writes through a symbolic
/// link inside the repository, in a folder of the path or as the file (a
/// pull request can add such a link, pointing anywhere); a link outside the
/// repository is the user's own and is followed.
#[cfg(unix)]
#[test]
fn o_never_writes_through_a_symbolic_link_in_the_repository() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let repo = crate::util::copy_of(&crate::util::acme());
    symlink(outside.path(), repo.path().join("site")).unwrap();
    std::fs::create_dir(repo.path().join("real")).unwrap();
    symlink(outside.path(), repo.path().join("real/inner")).unwrap();
    symlink(
        outside.path().join("report.html"),
        repo.path().join("report.html"),
    )
    .unwrap();
    let cases = [
        ("report", "site/report.html", "site"),
        ("report", "site/new/report.html", "site"),
        ("report", "real/inner/report.html", "real/inner"),
        ("report", "report.html", "report.html"),
        ("map", "site/map.svg", "site"),
    ];
    for (command, target, link) in cases {
        let out = Okr::new()
            .args([command, ".", "--as-of=2026-11-28", "-o", target])
            .current_dir(repo.path())
            .run();
        assert_eq!(out.code(), Some(2), "{command} -o {target}");
        let stderr = out.stderr();
        assert!(
            stderr.contains(&format!("{link} is a symbolic link"))
                && stderr.contains("wrote nothing"),
            "{command} -o {target}: {stderr}"
        );
        assert_eq!(
            std::fs::read_dir(outside.path()).unwrap().count(),
            0,
            "{command} -o {target} wrote outside"
        );
    }
    let mine = tempfile::tempdir().unwrap();
    symlink(outside.path(), mine.path().join("out")).unwrap();
    let target = mine.path().join("out/report.html");
    let out = Okr::new()
        .args(["report", ".", "--as-of=2026-11-28", "-o"])
        .arg(&target)
        .current_dir(repo.path())
        .run();
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    assert!(outside.path().join("report.html").is_file());
}

/// A threshold whose latest reading is out of bounds is never on track,
/// however early in the quarter.
#[test]
fn a_threshold_out_of_bounds_is_never_on_track() {
    let quarter = "objectives:\n  - id: O1\n    title: Keep the API fast\n    kind: committed\n    key_results:\n      - id: K1\n        title: p99 latency stays under 300 ms\n        keep_below: 300\n        checkins:\n          - {date: 2026-10-05, value: 450}\n";
    let value = report_json(&[("2026-Q4.yaml", quarter)], &["--as-of", "2026-10-08"]);
    let text = value.to_string();
    let kr = &value["quarters"][0]["teams"][0]["objectives"][0]["key_results"][0];
    assert_eq!(kr["status"], "off_track", "{text}");
}

/// An unfinished milestone is pending until it is due (its `due:`, else 14
/// days before the quarter's end), expects nothing before then, and does
/// not pull its objective off track; past its due date it is off track.
#[test]
fn a_milestone_is_pending_until_it_is_due() {
    let quarter = "objectives:
  - id: O1
    title: Make deploys boring
    kind: committed
    key_results:
      - id: K1
        title: Cut failed deploys from 8% to 4%
        start: 8
        target: 4
        current: 5.5
      - id: K2
        title: Ship blue-green deploys to 2 regions
        done: false
      - id: K3
        title: Ship 1 runbook per service
        done: false
        due: 2026-11-01
      - id: K4
        title: Ship 2 canary dashboards
        done: false
        due: 2026-12-31
";
    let on = |date: &str| {
        let value = report_json(&[("2026-Q4.yaml", quarter)], &["--as-of", date]);
        value["quarters"][0]["teams"][0]["objectives"][0].clone()
    };
    let o = on("2026-10-20");
    let text = o.to_string();
    let krs = &o["key_results"];
    for k in [1, 2, 3] {
        assert_eq!(krs[k]["status"], "pending", "K{}: {text}", k + 1);
        assert_eq!(krs[k]["expected"], 0.0, "{text}");
    }
    assert_eq!(krs[1]["due"], "2026-12-17", "{text}");
    assert_eq!(krs[2]["due"], "2026-11-01", "{text}");
    // A third of the way into the quarter: K3 is past due.
    let o = on("2026-11-15");
    let text = o.to_string();
    let krs = &o["key_results"];
    assert_eq!(krs[0]["status"], "on_track", "{text}");
    assert_eq!(krs[1]["status"], "pending", "{text}");
    assert_eq!(krs[2]["status"], "off_track", "{text}");
    assert_eq!(krs[2]["expected"], 1.0, "{text}");
    assert_eq!(krs[3]["status"], "pending", "{text}");
    // The objective expects its metric's pace and K3's goal, nothing of
    // the milestones not yet due.
    let expected = o["expected"].as_f64().unwrap();
    let pace = krs[0]["expected"].as_f64().unwrap();
    assert!((expected - (pace + 1.0) / 4.0).abs() < 1e-9, "{text}");
    // In the quarter's last two weeks K2 is due; K4 (due on the last day) is not.
    let o = on("2026-12-20");
    let krs = &o["key_results"];
    assert_eq!(krs[1]["status"], "off_track", "{o}");
    assert_eq!(krs[3]["status"], "pending", "{o}");
}

/// A metric and one milestone planned for the end, on pace: the objective
/// is on track, and one of only pending milestones is pending.
#[test]
fn an_objective_is_not_off_track_for_a_milestone_not_yet_due() {
    let quarter = "objectives:
  - id: O1
    title: Make deploys boring
    kind: committed
    key_results:
      - title: Cut failed deploys from 8% to 4%
        start: 8
        target: 4
        current: 5.6
      - title: Ship blue-green deploys to 2 regions
        done: false
  - id: O2
    title: Open the Berlin office
    key_results:
      - title: Sign 1 lease
        done: false
";
    let value = report_json(&[("2026-Q4.yaml", quarter)], &["--as-of", "2026-11-15"]);
    let objectives = &value["quarters"][0]["teams"][0]["objectives"];
    assert_eq!(objectives[0]["status"], "on_track", "{value}");
    assert_eq!(objectives[1]["status"], "pending", "{value}");
    assert_eq!(value["quarters"][0]["summary"]["pending"], 1, "{value}");
}

/// `due:` belongs to milestones: on a metric it is O003.
#[test]
fn a_due_date_on_a_metric_is_o003() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "objectives:\n  - id: O1\n    title: Win retailers\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n        due: 2026-12-01\n";
    write(dir.path(), "2026-Q4.yaml", text);
    let path = dir.path().to_string_lossy().into_owned();
    let out = okr(&["check", &path, "--as-of=2026-11-28"]);
    assert!(
        out.stdout()
            .contains("error[O003] key result `O1.1` is a metric (`target`) but has a `due` date"),
        "{}",
        out.stdout()
    );
}

/// Shared ownership: `owner: [lena, sam]` and `owner: ana, tom` each name
/// two owners; `--owner` finds any of them (ignoring case), `okr check`
/// accepts both, and every format shows a key result's owners.
#[test]
fn shared_owners_are_each_found_and_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "objectives:
  - id: O1
    title: Win mid-size retailers
    owner: [lena, sam]
    key_results:
      - title: Sign 12 retailers
        target: 12
        current: 6
      - title: Cut onboarding from 20 to 10 days
        owner: ana, tom
        start: 20
        target: 10
        current: 15
  - id: O2
    title: Make deploys boring
    owner: dana
    key_results:
      - title: Cut failed deploys from 8% to 4%
        owner: mei
        start: 8
        target: 4
        current: 6
  - id: O3
    title: Open the Berlin office
    owner: grace
    key_results:
      - title: Sign 1 lease
        done: true
";
    write(dir.path(), "2026-Q4.yaml", text);
    let path = dir.path().to_string_lossy().into_owned();
    let check = okr(&["check", &path, "--as-of=2026-11-28"]);
    assert!(!check.stdout().contains("error["), "{}", check.stdout());
    let report = |args: &[&str]| {
        let mut all = vec!["report", path.as_str(), "--as-of=2026-11-28"];
        all.extend_from_slice(args);
        okr(&all)
    };
    let json = report(&["--format=json"]).json();
    let o1 = &json["quarters"][0]["teams"][0]["objectives"][0];
    assert_eq!(o1["owners"], serde_json::json!(["lena", "sam"]), "{o1}");
    assert_eq!(o1["owner"], "lena, sam", "{o1}");
    assert_eq!(
        o1["key_results"][1]["owners"],
        serde_json::json!(["ana", "tom"])
    );
    for (owner, ids) in [
        ("sam", vec!["O1"]),
        ("Lena", vec!["O1"]),
        ("tom", vec!["O1"]),
        ("mei", vec!["O2"]),
    ] {
        let json = report(&["--format=json", "--owner", owner]).json();
        let shown: Vec<&str> = json["quarters"][0]["teams"][0]["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap())
            .collect();
        assert_eq!(shown, ids, "--owner {owner}");
    }
    // `--owner tom` shows the one key result tom owns.
    let json = report(&["--format=json", "--owner", "tom"]).json();
    let krs = &json["quarters"][0]["teams"][0]["objectives"][0]["key_results"];
    assert_eq!(krs.as_array().unwrap().len(), 1, "{krs}");
    let table = report(&["--format=table"]).stdout();
    assert!(table.contains("@lena @sam"), "{table}");
    assert!(table.contains("@ana @tom"), "{table}");
    assert!(table.contains("@mei"), "{table}");
    let markdown = report(&["--format=markdown"]).stdout();
    assert!(markdown.contains("owner ana, tom"), "{markdown}");
    let html = report(&["--format=html"]).stdout();
    assert!(html.contains("owner ana, tom"), "html");
    let csv = report(&["--format=csv"]).stdout();
    assert!(csv.contains("\"ana, tom\""), "{csv}");
}

/// A CEO objective with no key results of its own, carried by the
/// objectives aligned to it (three levels deep), is scored from them: no
/// O002, the weighted mean of its children, the tree shows it, and the
/// company score counts each objective once.
#[test]
fn a_parent_objective_is_scored_from_the_objectives_aligned_to_it() {
    let company = "objectives:
  - id: C1
    title: Win the retail market
    kind: committed
  - id: C2
    title: Build the team for 2027
    key_results:
      - {title: Hire 5 engineers, target: 5, current: 5}
  - id: C3
    title: Be loved by customers
    key_results:
      - {title: Lift NPS from 30 to 50, start: 30, target: 50, current: 40}
";
    let sales = "objectives:
  - id: S1
    title: Grow the pipeline
    weight: 3
    aligns_to: [company/C1]
  - id: S2
    title: Win back lost accounts
    aligns_to: [company/C1]
    key_results:
      - {title: Win back 4 accounts, target: 4, current: 1}
  - id: S3
    title: Make renewals easy
    key_results:
      - {title: Renew 10 accounts, target: 10, current: 10}
";
    let emea = "objectives:
  - id: E1
    title: Open the German market
    aligns_to: [sales/S1]
    key_results:
      - {title: Sign 10 German retailers, target: 10, current: 6}
  - id: E2
    title: Open the French market
    aligns_to: [sales/S1]
    key_results:
      - {title: Sign 10 French retailers, target: 10, current: 2}
  - id: E3
    title: Hire the EMEA team
    key_results:
      - {title: Hire 4 account executives, target: 4, current: 4}
";
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "2026-Q4.yaml", company);
    write(dir.path(), "sales/2026-Q4.yaml", sales);
    write(dir.path(), "emea/2026-Q4.yaml", emea);
    let path = dir.path().to_string_lossy().into_owned();
    let check = okr(&["check", &path, "--as-of=2026-11-28"]);
    assert!(!check.stdout().contains("O002"), "{}", check.stdout());
    let json = okr(&["report", &path, "--as-of=2026-11-28", "--format=json"]).json();
    let q = &json["quarters"][0];
    let objective = |team: &str, id: &str| {
        q["teams"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["team"] == team)
            .unwrap()["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == id)
            .unwrap()
            .clone()
    };
    let s1 = objective("sales", "S1");
    assert_eq!(s1["scored_from"], "aligned_objectives", "{s1}");
    assert!((s1["score"].as_f64().unwrap() - 0.4).abs() < 1e-9, "{s1}");
    // C1: S1 (weight 3, 0.4) and S2 (0.25): (1.2 + 0.25) / 4.
    let c1 = objective("company", "C1");
    assert!(
        (c1["score"].as_f64().unwrap() - 1.45 / 4.0).abs() < 1e-9,
        "{c1}"
    );
    assert_eq!(c1["coverage"], serde_json::json!({"scored": 2, "total": 2}));
    // The company score: the mean of the objectives with key results of
    // their own (C2 1.0, C3 0.5, S2 0.25, S3 1.0, E1 0.6, E2 0.2, E3 1.0).
    let expected = (1.0 + 0.5 + 0.25 + 1.0 + 0.6 + 0.2 + 1.0) / 7.0;
    assert!(
        (q["score"].as_f64().unwrap() - expected).abs() < 1e-9,
        "{}",
        q["score"]
    );
    assert_eq!(q["coverage"], serde_json::json!({"scored": 7, "total": 7}));
    let tree = okr(&["report", &path, "--as-of=2026-11-28", "--tree"]).stdout();
    assert!(
        tree.contains("company/C1 Win the retail market 0.36 from aligned objectives"),
        "{tree}"
    );
    assert!(
        tree.contains("sales/S1 Grow the pipeline 0.40 from aligned objectives"),
        "{tree}"
    );
    assert!(
        tree.contains("emea/E2 Open the French market 0.20"),
        "{tree}"
    );
    let markdown = okr(&["report", &path, "--as-of=2026-11-28", "--format=markdown"]).stdout();
    assert!(
        markdown.contains("committed · from 2 aligned objectives |"),
        "{markdown}"
    );
}

/// A cycle of parent objectives (O007) leaves them unscored where it
/// closes, without looping.
#[test]
fn a_cycle_of_parent_objectives_is_unscored_not_endless() {
    let company = "objectives:
  - id: C1
    title: Win the retail market
    aligns_to: [sales/S1]
  - id: C2
    title: Build the team for 2027
    key_results:
      - {title: Hire 5 engineers, target: 5, current: 5}
  - id: C3
    title: Be loved by customers
    key_results:
      - {title: Lift NPS from 30 to 50, start: 30, target: 50, current: 40}
";
    let sales = "objectives:
  - id: S1
    title: Grow the pipeline
    aligns_to: [company/C1]
";
    let json = report_json(
        &[("2026-Q4.yaml", company), ("sales/2026-Q4.yaml", sales)],
        &["--as-of", "2026-11-28"],
    );
    let teams = &json["quarters"][0]["teams"];
    assert_eq!(
        teams[0]["objectives"][0]["score"],
        serde_json::Value::Null,
        "{json}"
    );
    assert_eq!(
        teams[1]["objectives"][0]["score"],
        serde_json::Value::Null,
        "{json}"
    );
}

/// Roll-ups say how much of them is scored: an objective with one of its
/// three key results scored is "partly scored" (no status colour), and the
/// team and company scores name their coverage in every format.
#[test]
fn roll_ups_say_how_much_of_them_is_scored() {
    let text = "objectives:
  - id: O1
    title: Win mid-size retailers
    key_results:
      - {title: Sign 12 retailers, target: 12, current: 12}
      - {title: Hold 5 retailer events, start: 5, target: 5}
      - {title: Keep 30 stores live, start: 30, target: 30}
  - id: O2
    title: Make deploys boring
    key_results:
      - {title: Cut failed deploys from 8% to 4%, start: 8, target: 4, current: 6}
  - id: O3
    title: Open the Berlin office
    key_results:
      - {title: Sign 3 leases, start: 3, target: 3}
";
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "2026-Q4.yaml", text);
    let path = dir.path().to_string_lossy().into_owned();
    let run = |format: &str| okr(&["report", &path, "--as-of=2026-11-28", "--format", format]);
    let json = run("json").json();
    let q = &json["quarters"][0];
    let o1 = &q["teams"][0]["objectives"][0];
    assert_eq!(o1["status"], "partly_scored", "{o1}");
    assert_eq!(o1["score"], 1.0, "{o1}");
    assert_eq!(o1["coverage"], serde_json::json!({"scored": 1, "total": 3}));
    let o3 = &q["teams"][0]["objectives"][2];
    assert_eq!(o3["score"], serde_json::Value::Null, "{o3}");
    assert_eq!(o3["status"], "unscored", "{o3}");
    assert_eq!(q["coverage"], serde_json::json!({"scored": 2, "total": 3}));
    assert_eq!(
        q["teams"][0]["coverage"],
        serde_json::json!({"scored": 2, "total": 3})
    );
    assert_eq!(q["summary"]["partly_scored"], 1);
    let table = run("table").stdout();
    assert!(
        table.contains("company score 0.75 · 2 of 3 objectives scored"),
        "{table}"
    );
    assert!(table.contains("partly scored"), "{table}");
    let markdown = run("markdown").stdout();
    assert!(
        markdown.contains("company score **0.75 · 2 of 3 objectives scored**"),
        "{markdown}"
    );
    assert!(markdown.contains("1 of 3 key results scored"), "{markdown}");
    let html = run("html").stdout();
    assert!(html.contains("2 of 3 objectives scored"), "html");
    assert!(html.contains("1 of 3 key results scored"), "html");
}

/// Balanced Scorecard measures as organizations state them: a floor, a
/// range (scored as key-result thresholds are: the share of readings
/// within bounds; out of bounds now is never on track) and a target still
/// to be decided (unscored, B012, its objective's coverage says so).
#[test]
fn measures_with_floors_ranges_and_targets_to_be_decided() {
    let strategy = "period: {start: 2026-01-01, end: 2026-12-31}
perspectives:
  financial:
    - id: F1
      title: Stay solvent
      measures:
        - id: cash_days
          name: Days of cash on hand
          keep_above: 90
          actual: 86
          history:
            - {date: 2026-03-31, value: 120}
            - {date: 2026-06-30, value: 95}
        - {id: occupancy, name: Bed occupancy, unit: \"%\", keep_above: 85, keep_below: 92, actual: 88}
        - {id: donors, name: Recurring donors, target: tbd}
  customer:
    - {id: C1, title: Delight patients, contributes_to: [F1], measures: [{id: nps, name: NPS, baseline: 30, target: 50, actual: 40}]}
  internal:
    - {id: I1, title: Run lean, contributes_to: [C1], measures: [{id: wait, name: Wait, baseline: 30, target: 10, actual: 20}]}
  learning:
    - {id: L1, title: Grow skills, contributes_to: [I1], measures: [{id: certs, name: Certs, baseline: 0, target: 10, actual: 5}]}
";
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "strategy.yaml", strategy);
    write(
        dir.path(),
        "okr.yaml",
        "limits: {strategy_objectives: {min: 4, max: 15}}\n",
    );
    let path = dir.path().to_string_lossy().into_owned();
    let check = okr(&["check", &path, "--as-of=2026-07-15", "--format=json"]).json();
    let codes: Vec<&str> = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"B012"), "{codes:?}");
    assert!(!codes.contains(&"B004"), "{codes:?}");
    let json = okr(&[
        "report",
        &path,
        "--as-of=2026-07-15",
        "--format=json",
        "--only",
        "strategy",
    ])
    .json();
    let f1 = &json["strategy"]["perspectives"][0]["objectives"][0];
    let measures = &f1["measures"];
    // 120 and 95 within, 86 below the floor: 2 of 3, and off track now.
    assert!(
        (measures[0]["score"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9,
        "{f1}"
    );
    assert_eq!(measures[0]["status"], "off_track", "{f1}");
    assert_eq!(measures[0]["keep_above"], 90.0, "{f1}");
    assert_eq!(measures[1]["score"], 1.0, "{f1}");
    assert_eq!(measures[2]["score"], serde_json::Value::Null, "{f1}");
    assert_eq!(measures[2]["target_tbd"], true, "{f1}");
    assert_eq!(
        f1["coverage"],
        serde_json::json!({"scored": 2, "total": 3}),
        "{f1}"
    );
    let table = okr(&["report", &path, "--as-of=2026-07-15", "--only", "strategy"]).stdout();
    assert!(table.contains("keep >= 90"), "{table}");
    assert!(table.contains("-> tbd"), "{table}");
}
