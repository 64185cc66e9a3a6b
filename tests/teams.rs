//! Nested teams end to end: tests/teams/nested has `sales/`, its sub-team
//! `sales/emea/` and `support/emea/`. A team is its folder's path, so the
//! two emea teams are two teams (no L007); a short name (`emea`) works
//! where one team alone ends with it and is an error or a finding listing
//! the candidates where not; `--team sales` shows sales and its sub-teams;
//! a team's report gives its own score and, where it differs, its score
//! with its sub-teams.

use std::fs;

use serde_json::Value;

use crate::util::{AS_OF, Okr, Output, copy_of, fixture, write};

const NESTED: &str = "tests/teams/nested";

fn report(args: &[&str]) -> Output {
    Okr::new().args(["report", NESTED, AS_OF]).args(args).run()
}

/// `(team, score, score_with_subteams, parent)` of each team of the report.
fn teams(json: &Value) -> Vec<(String, Value, Value, Value)> {
    json["quarters"][0]["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["team"].as_str().unwrap().to_owned(),
                t["score"].clone(),
                t["score_with_subteams"].clone(),
                t["parent"].clone(),
            )
        })
        .collect()
}

#[test]
fn two_folders_with_the_same_name_are_two_teams() {
    let out = Okr::new().args(["check", NESTED, AS_OF]).run();
    out.assert_code(0);
    assert!(
        out.stdout().contains("no problems found"),
        "{}",
        out.stdout()
    );

    let out = report(&["--format", "json"]);
    out.assert_code(0);
    let json = out.json();
    let shown = teams(&json);
    let names: Vec<&str> = shown.iter().map(|t| t.0.as_str()).collect();
    // A sub-team follows its parent.
    assert_eq!(names, ["company", "sales", "sales/emea", "support/emea"]);
    // sales: S1 at 0.5 on its own; with E1 (1.0) and E2 (0.75) of
    // sales/emea, the weighted mean of the three objectives is 0.75.
    assert_eq!(shown[1].1, 0.5);
    assert_eq!(shown[1].2, 0.75);
    assert_eq!(shown[1].3, Value::Null);
    assert_eq!(shown[2].1, 0.875);
    assert_eq!(shown[2].2, Value::Null, "no team beneath sales/emea");
    assert_eq!(shown[2].3, "sales");
    assert_eq!(shown[3].3, Value::Null, "support has no file of its own");
    // Alignment crosses the nested names.
    let tree = json["quarters"][0]["alignment"].to_string();
    assert!(tree.contains("\"team\":\"sales/emea\""), "{tree}");
}

#[test]
fn reports_show_the_score_with_sub_teams_beside_the_own() {
    let table = report(&[]);
    table.assert_code(0);
    let stdout = table.stdout();
    assert!(stdout.contains("sales  0.50 (with sub-teams"), "{stdout}");
    assert!(stdout.contains("  sales/emea  0.88"), "{stdout}");
    assert!(stdout.contains("support/emea  0.50"), "{stdout}");

    let markdown = report(&["--format", "markdown"]).stdout();
    assert!(
        markdown.contains("### sales (0.50 · with sub-teams 0.75)"),
        "{markdown}"
    );
    assert!(markdown.contains("#### sales/emea (0.88)"), "{markdown}");
    assert!(markdown.contains("### support/emea (0.50)"), "{markdown}");

    let html = report(&["--format", "html"]).stdout();
    assert!(html.contains("<section class=\"team sub-team\""), "{html}");
    assert!(html.contains("0.50 (with sub-teams 0.75)"), "{html}");

    let csv = report(&["--format", "csv"]).stdout();
    assert!(csv.contains("\"sales/emea\",\"E2\""), "{csv}");
    assert!(csv.contains("\"support/emea\",\"E1\""), "{csv}");
}

#[test]
fn team_filters_take_full_names_unique_short_names_and_departments() {
    let shown = |args: &[&str]| {
        let out = report(&[&["--format", "json"], args].concat());
        out.assert_code(0);
        teams(&out.json())
            .into_iter()
            .map(|t| t.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&["--team", "sales/emea"]), ["sales/emea"]);
    assert_eq!(shown(&["--team", "sales"]), ["sales", "sales/emea"]);
    // A folder without a file of its own is a department too.
    assert_eq!(shown(&["--team", "support"]), ["support/emea"]);

    let out = report(&["--team", "emea"]);
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr()
            .contains("team `emea` is ambiguous: it names `sales/emea`, `support/emea`"),
        "{}",
        out.stderr()
    );
    let out = report(&["--team", "nope"]);
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr()
            .contains("teams: company, sales, sales/emea, support/emea"),
        "{}",
        out.stderr()
    );
}

/// A copy of the fixture with `marketing/2026-Q4.yaml` aligned to `target`,
/// and the findings `okr check` gives on it.
fn aligned_to(target: &str, remove: Option<&str>) -> Output {
    let dir = copy_of(&fixture("teams/nested"));
    if let Some(folder) = remove {
        fs::remove_dir_all(dir.path().join(folder)).unwrap();
    }
    write(
        dir.path(),
        "marketing/2026-Q4.yaml",
        format!(
            "quarter: 2026-Q4\nobjectives:\n  - id: M1\n    title: Make the brand known in Europe\n    owner: lea\n    aligns_to: [{target}]\n    key_results:\n      - id: M1.1\n        title: Reach 30% aided brand awareness in Germany\n        start: 10\n        target: 30\n        unit: \"%\"\n        checkins:\n          - {{date: 2026-11-20, value: 20}}\n"
        ),
    );
    let out = Okr::new()
        .args(["check", ".", AS_OF, "--format", "json"])
        .current_dir(dir.path())
        .run();
    drop(dir);
    out
}

fn codes(out: &Output) -> Vec<(String, String)> {
    out.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn aligns_to_takes_nested_names_and_reports_ambiguous_short_ones() {
    let out = aligned_to("sales/emea/E1", None);
    assert_eq!(codes(&out), [], "the full name resolves");

    let out = aligned_to("emea/E1", None);
    let found = codes(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "O006");
    assert!(
        found[0]
            .1
            .contains("team `emea` may be `sales/emea`, `support/emea`"),
        "{found:?}"
    );
    let hint = out.json()["diagnostics"][0]["hint"].to_string();
    assert!(
        hint.contains("`sales/emea/E1`, `support/emea/E1`"),
        "{hint}"
    );

    // With one emea team left, the short name is that team.
    let out = aligned_to("emea/E1", Some("support"));
    assert_eq!(codes(&out), []);
    let out = aligned_to("emea/E9", Some("support"));
    let found = codes(&out);
    assert!(
        found.len() == 1 && found[0].1.contains("team `sales/emea` has no `E9`"),
        "{found:?}"
    );
}

#[test]
fn checkin_finds_a_key_result_of_a_nested_team() {
    let dir = copy_of(&fixture("teams/nested"));
    let run = |reference: &str| {
        Okr::new()
            .args(["checkin", reference, "7", "--date", "2026-11-27"])
            .args(["--path", "."])
            .current_dir(dir.path())
            .run()
    };
    let read = |file: &str| fs::read_to_string(dir.path().join(file)).unwrap();
    let before = read("support/emea/2026-Q4.yaml");

    let out = run("sales/emea/E1/E1.1");
    out.assert_code(0);
    assert!(read("sales/emea/2026-Q4.yaml").contains("{date: 2026-11-27, value: 7}"));
    // TEAM/KR with a nested team.
    run("sales/emea/E2.1").assert_code(0);
    assert_eq!(
        read("sales/emea/2026-Q4.yaml")
            .matches("2026-11-27")
            .count(),
        2
    );

    let out = run("emea/E1/E1.1");
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr()
            .contains("team `emea` is ambiguous: it names `sales/emea`, `support/emea`"),
        "{}",
        out.stderr()
    );
    assert_eq!(read("support/emea/2026-Q4.yaml"), before, "untouched");
    run("support/emea/E1.1").assert_code(0);
    assert_ne!(read("support/emea/2026-Q4.yaml"), before);
    let checked = Okr::new()
        .args(["check", ".", AS_OF])
        .current_dir(dir.path())
        .run();
    checked.assert_code(0);
}
