//! Grades given by people (issue 15), through the binary: `score:` on a key
//! result is its score, with the measured score kept beside it (O017 when
//! they differ by more than 0.3); check-ins with `score:` grade a key result
//! over time (its score at a date is its latest grade, and its trend and
//! forecast are its grades); `graded: true` declares a key result graded by
//! judgment, valid and unscored until its first grade. `okr checkin` writes
//! grades, `okr diff` reports them as progress, `okr new --from` carries a
//! graded key result without its grades.

use std::path::Path;

use serde_json::Value;

use crate::util::{Okr, Output, Repo, write};

fn okr(dir: &Path, args: &[&str]) -> Output {
    Okr::new().args(args).current_dir(dir).run()
}

/// O1: a metric with a final grade (8 of 20 measured: 0.40; graded 0.9), a
/// key result graded over time (0.2 on 15 October, 0.5 on 15 November) and
/// one declared graded, not yet graded. O2 and O3 keep the team at three
/// objectives.
const TEAM: &str = "\
objectives:
  - id: O1
    title: Win the mid-market
    key_results:
      - id: O1.1
        title: Sign 20 new logos
        target: 20
        current: 8
        score: 0.9
      - id: O1.2
        title: Design partners rate onboarding as effortless
        checkins:
          - {date: 2026-10-15, score: 0.2}
          - {date: 2026-11-15, score: 50%}
      - id: O1.3
        title: Leadership rates the partner programme as excellent
        graded: true
  - id: O2
    title: Make deploys boring
    key_results:
      - id: O2.1
        title: Cut failed deploys from 12% to 3%
        start: 12
        target: 3
        checkins:
          - {date: 2026-11-20, value: 6}
  - id: O3
    title: Make the product feel instant
    key_results:
      - id: O3.1
        title: Hold p99 latency at or below 200 ms
        keep_below: 200
        checkins:
          - {date: 2026-11-20, value: 180}
";

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sales/2026-Q4.yaml", TEAM);
    dir
}

fn report(dir: &Path, as_of: &str) -> Value {
    let out = okr(dir, &["report", ".", "--as-of", as_of, "--format", "json"]);
    out.assert_code(0);
    out.json()
}

fn objective(report: &Value, o: usize) -> &Value {
    &report["quarters"][0]["teams"][0]["objectives"][o]
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[test]
fn a_grade_is_the_score_and_the_measure_is_kept_beside_it() {
    let dir = repository();
    let value = report(dir.path(), "2026-11-28");
    let o1 = objective(&value, 0);
    let k1 = &o1["key_results"][0];
    assert!(close(&k1["score"], 0.9), "{k1}");
    assert!(close(&k1["grade"], 0.9), "{k1}");
    assert!(close(&k1["measured_score"], 0.4), "{k1}");
    assert_eq!(k1["kind"], "metric");
    assert_eq!(k1["graded"], true);
    // Graded over time: its latest grade, 50% written as 0.5.
    let k2 = &o1["key_results"][1];
    assert_eq!(k2["kind"], "graded");
    assert!(close(&k2["score"], 0.5), "{k2}");
    assert_eq!(k2["measured_score"], Value::Null);
    assert_eq!(k2["trend"], serde_json::json!([0.2, 0.5]));
    // Its forecast extends its grades: 0.3 in 31 days, 46 days more to 31 December.
    assert!(close(&k2["forecast"], 0.5 + 0.3 * 46.0 / 31.0), "{k2}");
    assert_eq!(k2["checkins"][0]["value"], Value::Null);
    assert!(close(&k2["checkins"][0]["score"], 0.2), "{k2}");
    // Declared graded, not yet graded: unscored, and no O003.
    let k3 = &o1["key_results"][2];
    assert_eq!(k3["kind"], "graded");
    assert_eq!(k3["score"], Value::Null);
    assert_eq!(k3["status"], "unscored");
    // O1 is the mean of its two grades, 2 of 3 key results scored.
    assert!(close(&o1["score"], 0.7), "{o1}");
    assert_eq!(o1["coverage"], serde_json::json!({"scored": 2, "total": 3}));

    // Every format says which scores are grades.
    let table = Okr::new()
        .args(["report", ".", "--as-of", "2026-11-28", "--color=never"])
        .current_dir(dir.path())
        .env("COLUMNS", "400")
        .run()
        .stdout();
    for text in [
        "graded 0.90 · measured 0.40",
        "graded 0.50",
        "graded, no grade yet",
    ] {
        assert!(table.contains(text), "{text} in {table}");
    }
    for format in ["markdown", "html"] {
        let text = okr(
            dir.path(),
            &["report", ".", "--as-of", "2026-11-28", "--format", format],
        )
        .stdout();
        assert!(
            text.contains("graded 0.90 · measured 0.40"),
            "{format}: {text}"
        );
        assert!(text.contains("graded, no grade yet"), "{format}: {text}");
    }
    let csv = okr(
        dir.path(),
        &["report", ".", "--as-of", "2026-11-28", "--format", "csv"],
    )
    .stdout();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains(",score,grade,measured_score,"),
        "{csv}"
    );
    assert!(csv.contains(",0.9,0.9,0.4,"), "{csv}");
}

#[test]
fn a_grade_counts_from_its_date() {
    let dir = repository();
    // Before the first grade: O1.2 is unscored; between them, the first.
    let early = report(dir.path(), "2026-10-10");
    assert_eq!(objective(&early, 0)["key_results"][1]["status"], "unscored");
    let mid = report(dir.path(), "2026-11-01");
    assert!(close(&objective(&mid, 0)["key_results"][1]["score"], 0.2));
    // A final grade written in the grading days after the quarter counts
    // for it, and is no O009.
    let graded = TEAM.replace(
        "          - {date: 2026-11-15, score: 50%}\n",
        "          - {date: 2026-11-15, score: 50%}\n          - {date: 2027-01-05, score: 0.8}\n",
    );
    write(dir.path(), "sales/2026-Q4.yaml", &graded);
    let after = report(dir.path(), "2027-01-06");
    assert!(close(&objective(&after, 0)["key_results"][1]["score"], 0.8));
    let check = okr(dir.path(), &["check", ".", "--as-of", "2027-01-06"]);
    assert!(!check.stdout().contains("O009"), "{}", check.stdout());
}

#[test]
fn check_reports_a_grade_far_from_the_measure_and_grades_out_of_range() {
    let dir = repository();
    let out = okr(
        dir.path(),
        &["check", ".", "--as-of", "2026-11-28", "--format", "json"],
    );
    let findings: Vec<String> = out.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        findings.contains(&"O017 key result `O1.1` is graded 0.90 but measures 0.40".to_owned()),
        "{findings:?}"
    );
    assert!(
        !findings.iter().any(|f| f.starts_with("O003")),
        "{findings:?}"
    );

    // A grade of 70 was meant as 70%: O012 says how to write it.
    write(
        dir.path(),
        "sales/2026-Q4.yaml",
        TEAM.replace("score: 0.9", "score: 70"),
    );
    let out = okr(dir.path(), &["check", ".", "--as-of", "2026-11-28"]);
    out.assert_code(1);
    let text = out.stdout();
    assert!(
        text.contains("error[O012] score 70 is outside 0..1"),
        "{text}"
    );
    assert!(text.contains("write 0.7 (or 70%)"), "{text}");

    // A grade out of range is left out of every score, never counted as a
    // perfect one: O1.1 falls back to its measure, O1.2 to its earlier grade.
    write(
        dir.path(),
        "sales/2026-Q4.yaml",
        TEAM.replace("score: 0.9", "score: 90")
            .replace("score: 50%}", "score: 60}"),
    );
    let value = report(dir.path(), "2026-11-28");
    let o1 = objective(&value, 0);
    assert!(close(&o1["key_results"][0]["score"], 0.4), "{o1}");
    assert_eq!(o1["key_results"][0]["grade"], Value::Null);
    assert!(close(&o1["key_results"][1]["score"], 0.2), "{o1}");

    // A key result with neither a measure nor a way to be graded is O003,
    // and its hint names `graded: true`.
    write(
        dir.path(),
        "sales/2026-Q4.yaml",
        TEAM.replace("        graded: true\n", ""),
    );
    let text = okr(dir.path(), &["check", ".", "--as-of", "2026-11-28"]).stdout();
    assert!(
        text.contains("error[O003] key result `O1.3` has no way to be measured"),
        "{text}"
    );
    assert!(text.contains("`graded: true`"), "{text}");
}

#[test]
fn checkin_writes_grades() {
    let dir = repository();
    // A graded key result's VALUE is its grade.
    let out = okr(
        dir.path(),
        &[
            "checkin",
            "sales/O1/O1.3",
            "70%",
            "--date",
            "2026-11-28",
            "--as-of",
            "2026-11-28",
        ],
    );
    out.assert_code(0);
    assert!(
        out.stdout().contains("check-in 2026-11-28 = score 0.7"),
        "{}",
        out.stdout()
    );
    // A measured one takes --score beside its value, and its `score:` follows.
    let out = okr(
        dir.path(),
        &[
            "checkin",
            "sales/O1/O1.1",
            "10",
            "--score",
            "0.6",
            "--date",
            "2026-11-28",
            "--as-of",
            "2026-11-28",
        ],
    );
    out.assert_code(0);
    assert!(
        out.stdout()
            .contains("= 10 (score 0.6); current 8 -> 10; score 0.9 -> 0.6"),
        "{}",
        out.stdout()
    );
    let text = std::fs::read_to_string(dir.path().join("sales/2026-Q4.yaml")).unwrap();
    assert!(
        text.contains("          - date: 2026-11-28\n            score: 0.7\n"),
        "{text}"
    );
    assert!(text.contains("        score: 0.6\n"), "{text}");
    assert!(
        text.contains("{date: 2026-11-28, value: 10, score: 0.6}")
            || text.contains("value: 10\n            score: 0.6"),
        "{text}"
    );
    let value = report(dir.path(), "2026-11-28");
    let o1 = objective(&value, 0);
    assert!(close(&o1["key_results"][0]["score"], 0.6), "{o1}");
    assert!(close(&o1["key_results"][2]["score"], 0.7), "{o1}");
    // A grade outside 0..1, or given twice, is refused; nothing is written.
    for args in [
        vec!["checkin", "sales/O1/O1.2", "1.5", "--as-of", "2026-11-28"],
        vec![
            "checkin",
            "sales/O1/O1.2",
            "0.5",
            "--score",
            "0.5",
            "--as-of",
            "2026-11-28",
        ],
    ] {
        let out = okr(dir.path(), &args);
        out.assert_code(2);
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sales/2026-Q4.yaml")).unwrap(),
        text
    );
}

#[test]
fn diff_reports_a_new_grade_as_progress_and_new_carries_graded_key_results_ungraded() {
    let repo = Repo::init();
    repo.write("sales/2026-Q4.yaml", TEAM);
    repo.commit("Q4 goals", "2026-10-01T10:00:00");
    repo.write(
        "sales/2026-Q4.yaml",
        &TEAM.replace("score: 0.9", "score: 0.5"),
    );
    repo.commit("regraded", "2026-11-20T10:00:00");
    let out = okr(
        repo.path(),
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "--as-of",
            "2026-11-28",
            "--format",
            "json",
        ],
    );
    out.assert_code(0);
    let value = out.json();
    let changes = value["changes"].as_array().unwrap();
    assert!(
        changes.iter().any(|c| c["kind"] == "progress"
            && c["message"] == "key result sales/O1.1: graded 0.9 -> 0.5 (score 0.90 -> 0.50)"),
        "{value}"
    );
    assert!(
        !changes.iter().any(|c| c["kind"] == "goalpost_moved"),
        "{value}"
    );

    // Final grades written in the grading days after the quarter: O1.2 is
    // graded 1.0, fully achieved, and O2.1's last value is 3, its target.
    repo.write(
        "sales/2026-Q4.yaml",
        &TEAM
            .replace("score: 0.9", "score: 0.5")
            .replace(
                "          - {date: 2026-11-15, score: 50%}\n",
                "          - {date: 2026-11-15, score: 50%}\n          - {date: 2027-01-05, score: 1}\n",
            )
            .replace(
                "          - {date: 2026-11-20, value: 6}\n",
                "          - {date: 2026-11-20, value: 6}\n          - {date: 2027-01-04, value: 3}\n",
            ),
    );
    repo.commit("final grades", "2027-01-05T10:00:00");
    let out = okr(
        repo.path(),
        &[
            "new",
            "--from",
            "2026-Q4",
            "--team",
            "sales",
            "--as-of",
            "2027-01-06",
        ],
    );
    out.assert_code(0);
    let text = std::fs::read_to_string(repo.path().join("sales/2027-Q1.yaml")).unwrap();
    let summary = out.stdout();
    assert!(
        summary.contains("not carried: graded 1.0, fully achieved"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "left behind as finished:\n  O2 Make deploys boring (score 1.00, its key result done)"
        ),
        "{summary}"
    );
    assert!(!text.contains("Design partners rate onboarding"), "{text}");
    // Carried graded, without a grade or check-ins.
    assert!(
        text.contains("Leadership rates the partner programme as excellent\n        graded: true"),
        "{text}"
    );
    assert!(!text.contains("score:"), "{text}");
    assert!(
        out.stdout().contains("carried as graded"),
        "{}",
        out.stdout()
    );
}
