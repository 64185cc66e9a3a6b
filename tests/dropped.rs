//! `status: dropped` and `note:` on objectives and key results (issue 15),
//! through the binary: a dropped goal stays in every output, labelled, with
//! its note, and counts in no score, limit, measurability or staleness rule;
//! `okr diff` says it was dropped (never a moved goalpost), `okr new --from`
//! leaves it behind and `okr checkin` refuses it.

use std::path::Path;

use crate::util::{Okr, Output, Repo, write};

fn okr(dir: &Path, args: &[&str]) -> Output {
    Okr::new().args(args).current_dir(dir).run()
}

/// Three objectives: O1 with a live and a dropped key result (the dropped one
/// has no target, which would be an O003), O2 live, O3 dropped with a key
/// result that would be stale.
const TEAM: &str = "\
objectives:
  - id: O1
    title: Win mid-market retailers
    note: Focus on EMEA first
    key_results:
      - id: O1.1
        title: Sign 12 mid-market retailers
        target: 12
        checkins:
          - {date: 2026-11-20, value: 6}
      - id: O1.2
        title: Launch the reseller programme
        status: dropped
        note: de-prioritized after the reorg
  - id: O2
    title: Make deploys boring
    key_results:
      - id: O2.1
        title: Cut failed deploys from 12% to 3%
        start: 12
        target: 3
        unit: \"%\"
        checkins:
          - {date: 2026-11-20, value: 6}
  - id: O3
    title: Expand into Japan
    status: dropped
    note: killed by the board in October
    key_results:
      - id: O3.1
        title: Sign 5 Japanese partners
        target: 5
";

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sales/2026-Q4.yaml", TEAM);
    dir
}

fn json(dir: &Path) -> serde_json::Value {
    let out = okr(
        dir,
        &["report", ".", "--as-of", "2026-11-28", "--format", "json"],
    );
    out.assert_code(0);
    out.json()
}

#[test]
fn a_dropped_goal_is_shown_everywhere_and_scored_nowhere() {
    let dir = repository();
    let value = json(dir.path());
    let team = &value["quarters"][0]["teams"][0];
    let o1 = &team["objectives"][0];
    assert_eq!(o1["note"], "Focus on EMEA first");
    assert_eq!(o1["key_results"][1]["status"], "dropped");
    assert_eq!(o1["key_results"][1]["score"], serde_json::Value::Null);
    assert_eq!(
        o1["key_results"][1]["note"],
        "de-prioritized after the reorg"
    );
    // O1 is its live key result alone: 6 of 12.
    assert_eq!(o1["score"], o1["key_results"][0]["score"]);
    let o3 = &team["objectives"][2];
    assert_eq!(o3["status"], "dropped");
    assert_eq!(o3["score"], serde_json::Value::Null);
    assert_eq!(o3["key_results"][0]["status"], "dropped");
    assert_eq!(o3["key_results"][0]["stale"], false);
    // The team is O1 and O2 only.
    let (s1, s2) = (
        o1["score"].as_f64().unwrap(),
        team["objectives"][1]["score"].as_f64().unwrap(),
    );
    let team_score = team["score"].as_f64().unwrap();
    assert!((team_score - (s1 + s2) / 2.0).abs() < 1e-9, "{team}");
    assert_eq!(value["quarters"][0]["summary"]["dropped"], 1);

    let table = Okr::new()
        .args([
            "report",
            ".",
            "--as-of",
            "2026-11-28",
            "--color=never",
            "--tree",
        ])
        .current_dir(dir.path())
        .env("COLUMNS", "400")
        .run();
    let table = table.stdout();
    for text in [
        "dropped",
        "note: Focus on EMEA first",
        "note: de-prioritized after the reorg",
        "note: killed by the board in October",
        "1 dropped",
        "sales/O3 Expand into Japan dropped",
    ] {
        assert!(table.contains(text), "{text} in {table}");
    }
    for format in ["markdown", "html", "csv"] {
        let out = okr(
            dir.path(),
            &["report", ".", "--as-of", "2026-11-28", "--format", format],
        );
        out.assert_code(0);
        let text = out.stdout();
        assert!(
            text.contains("killed by the board in October"),
            "{format}: {text}"
        );
        assert!(text.contains("dropped"), "{format}: {text}");
        // Nothing is expected of a dropped goal: no expected score.
        if format == "markdown" {
            assert!(text.contains("| - | - | dropped |"), "{text}");
            assert!(!text.contains("| 0.00 | dropped |"), "{text}");
        }
        if format == "html" {
            assert!(text.contains("<strong>dropped</strong>"), "html");
        }
    }
    let csv = okr(
        dir.path(),
        &["report", ".", "--as-of", "2026-11-28", "--format", "csv"],
    )
    .stdout();
    let header = csv.lines().next().unwrap();
    assert!(header.contains(",objective_note,"), "{header}");
    assert!(header.ends_with(",note"), "{header}");
}

#[test]
fn a_dropped_goal_is_not_checked_for_measurability_staleness_or_limits() {
    let dir = repository();
    let out = okr(
        dir.path(),
        &["check", ".", "--as-of", "2026-11-28", "--format", "json"],
    );
    let codes: Vec<String> = out.json()["diagnostics"]
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
    // No O003 for O1.2 (no target), no O014 for O3.1 (no check-in); O001
    // counts the two live objectives only, and says one is dropped.
    assert!(!codes.iter().any(|c| c.starts_with("O003")), "{codes:?}");
    assert!(!codes.iter().any(|c| c.starts_with("O014")), "{codes:?}");
    assert!(
        codes.contains(
            &"O001 team `sales` has 2 objectives and 1 dropped in 2026-Q4 (at least 3)".to_owned()
        ),
        "{codes:?}"
    );
}

#[test]
fn status_takes_dropped_only() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "2026-Q4.yaml",
        TEAM.replace(
            "status: dropped\n    note: killed",
            "status: on track\n    note: killed",
        ),
    );
    let out = okr(dir.path(), &["check", ".", "--as-of", "2026-11-28"]);
    let stderr = out.stdout() + &out.stderr();
    assert!(
        stderr.contains("`status` is `on track`, not `dropped`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("only `status: dropped` is written"),
        "{stderr}"
    );
}

#[test]
fn diff_says_dropped_and_restored_never_a_goalpost() {
    let repo = Repo::init();
    let live = TEAM
        .replace(
            "        status: dropped\n        note: de-prioritized after the reorg\n",
            "        done: false\n",
        )
        .replace(
            "    status: dropped\n    note: killed by the board in October\n",
            "",
        );
    repo.write("sales/2026-Q4.yaml", &live);
    repo.commit("Q4 goals", "2026-10-01T10:00:00");
    repo.write("sales/2026-Q4.yaml", TEAM);
    repo.commit("dropped", "2026-11-20T10:00:00");
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
    let dropped: Vec<&str> = changes
        .iter()
        .filter(|c| c["kind"] == "dropped")
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    for message in [
        "dropped key result sales/O1.2 \"Launch the reseller programme\" (note: de-prioritized after the reorg)",
        "dropped objective sales/O3 \"Expand into Japan\" (note: killed by the board in October)",
    ] {
        assert!(dropped.contains(&message), "{message} in {value}");
    }
    assert_eq!(dropped.len(), 2, "{value}");
    assert!(
        !changes.iter().any(|c| c["kind"] == "goalpost_moved"),
        "{value}"
    );
    let human = okr(
        repo.path(),
        &["diff", "HEAD~1", "HEAD", "--as-of", "2026-11-28"],
    )
    .stdout();
    assert!(
        human.contains("dropped objective sales/O3 \"Expand into Japan\" (note: killed by the board in October)"),
        "{human}"
    );
    // And back.
    repo.write("sales/2026-Q4.yaml", &live);
    repo.commit("restored", "2026-11-21T10:00:00");
    let value = okr(
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
    )
    .json();
    let restored = value["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "restored")
        .count();
    assert_eq!(restored, 2, "{value}");
}

#[test]
fn new_from_leaves_dropped_goals_behind() {
    let dir = repository();
    let out = okr(
        dir.path(),
        &[
            "new",
            "--team",
            "sales",
            "--from",
            "2026-Q4",
            "--path",
            ".",
            "--as-of",
            "2027-01-05",
        ],
    );
    out.assert_code(0);
    let stdout = out.stdout();
    let written = std::fs::read_to_string(dir.path().join("sales/2027-Q1.yaml")).unwrap();
    assert!(!written.contains("Expand into Japan"), "{written}");
    assert!(
        !written.contains("Launch the reseller programme"),
        "{written}"
    );
    assert!(
        written.contains("Sign 12 mid-market retailers"),
        "{written}"
    );
    assert!(
        stdout.contains("O1.2 \"Launch the reseller programme\": not carried: dropped"),
        "{stdout}"
    );
    assert!(
        stdout.contains("left behind as finished or dropped:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("O3 Expand into Japan (dropped)"),
        "{stdout}"
    );
}

#[test]
fn checkin_refuses_a_dropped_key_result() {
    let dir = repository();
    for kr in ["sales/O1/O1.2", "sales/O3/O3.1"] {
        let out = okr(
            dir.path(),
            &["checkin", kr, "3", "--path", ".", "--as-of", "2026-11-28"],
        );
        out.assert_code(2);
        assert!(
            out.stderr().contains("is dropped (`status: dropped`)"),
            "{}",
            out.stderr()
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sales/2026-Q4.yaml")).unwrap(),
        TEAM
    );
}
