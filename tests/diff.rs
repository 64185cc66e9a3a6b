//! `okr diff` on real git repositories built in temporary folders: a base
//! commit, then the kinds of change a pull request brings, in every format;
//! and the ways it cannot run.

use std::path::Path;

use crate::util::{INVISIBLE, Okr, Output, Repo, yaml_escaped};

fn okr(dir: &Path, args: &[&str]) -> Output {
    Okr::new().args(args).current_dir(dir).run()
}

const STRATEGY: &str = "\
period: {start: 2026-01-01, end: 2026-12-31}
perspectives:
  financial:
    - id: F1
      title: Grow recurring revenue
      measures:
        - {id: arr, name: Annual recurring revenue, baseline: 10, target: 15, actual: 12}
  customer:
    - id: C1
      title: Win retailers
      contributes_to: [F1]
      measures:
        - {id: nps, name: Net promoter score, baseline: 30, target: 45, actual: 38}
  internal:
    - id: I1
      title: Ship reliably
      contributes_to: [C1]
      measures:
        - {id: cfr, name: Change failure rate, baseline: 12, target: 3, actual: 6}
  learning:
    - id: L1
      title: Grow data skills
      contributes_to: [I1]
      measures:
        - {id: certs, name: Certified analysts, baseline: 2, target: 12, actual: 7}
";

const COMPANY: &str = "\
objectives:
  - id: O1
    title: Win the mid-size retail market
    supports: [C1, F1]
    key_results:
      - title: Sign 12 new retailers
        target: 12
        current: 5
  - id: O2
    title: Make deploys boring
    supports: [I1]
    key_results:
      - title: Cut failed deploys from 12% to 3%
        start: 12
        target: 3
        current: 6
  - id: O3
    title: Grow the data team's skills
    supports: [L1]
    key_results:
      - title: Certify 10 analysts
        target: 10
        current: 4
";

const PLATFORM: &str = "\
objectives:
  - id: P1
    title: Make deploys boring
    kind: committed
    aligns_to: [company/O2]
    key_results:
      - id: P1.1
        title: Cut failed deploys from 12% to 3%
        start: 12
        target: 3
        checkins:
          - {date: 2026-10-14, value: 9, confidence: 0.6}
      - title: Publish the deploy runbook for 3 services
        done: false
  - id: P2
    title: Sail through Black Friday
    aligns_to: [company/O2]
    key_results:
      - title: Hold p99 at or below 200 ms
        keep_below: 200
        current: 180
  - id: P3
    title: Free engineers from toil
    aligns_to: [company/O3]
    key_results:
      - title: Cut pages from 60 to 30 a month
        start: 60
        target: 30
        current: 45
";

const SALES: &str = "\
objectives:
  - id: S1
    title: Own the mid-size market
    aligns_to: [company/O1]
    key_results:
      - title: Book 3 million USD of new ARR
        target: 3000000
        current: 1200000
  - id: S2
    title: Build a predictable pipeline
    aligns_to: [company/O1]
    key_results:
      - title: Grow qualified pipeline to 9 million USD
        target: 9000000
        current: 4000000
  - id: S3
    title: Turn partners into a growth engine
    aligns_to: [company/O1]
    key_results:
      - title: Source 20 deals through partners
        target: 20
        current: 8
";

const DESIGN: &str = "\
objectives:
  - id: D1
    title: A design system every team uses
    aligns_to: [company/O3]
    key_results:
      - title: Move 8 products to the design system
        target: 8
        current: 3
  - id: D2
    title: Research that shapes the roadmap
    aligns_to: [company/O1]
    key_results:
      - title: Run 24 customer interviews
        target: 24
        current: 10
  - id: D3
    title: Accessible by default
    aligns_to: [company/O1]
    key_results:
      - title: Fix 40 accessibility issues
        target: 40
        current: 12
";

/// A repository with goals in `goals/`: a base commit before 2026-Q4, then a
/// commit in mid-November that changes them the way pull requests do.
fn repository() -> Repo {
    let repo = Repo::init();
    repo.write(
        "goals/okr.yaml",
        "limits: {strategy_objectives: {min: 4, max: 15}}\n",
    );
    repo.write("goals/strategy.yaml", STRATEGY);
    repo.write("goals/2026-Q4.yaml", COMPANY);
    repo.write("goals/platform/2026-Q4.yaml", PLATFORM);
    repo.write("goals/sales/2026-Q4.yaml", SALES);
    repo.write("goals/design/2026-Q4.yaml", DESIGN);
    repo.commit("Q4 goals", "2026-09-20T10:00:00");
    let platform = PLATFORM
        // a target lowered six weeks into the quarter
        .replace("        start: 12\n        target: 3\n        checkins:", "        start: 12\n        target: 5\n        checkins:")
        // a key result without an id, retitled
        .replace("Publish the deploy runbook for 3 services", "Publish deploy runbooks for 3 services")
        // a threshold widened
        .replace("keep_below: 200", "keep_below: 250")
        // a check-in corrected
        .replace("{date: 2026-10-14, value: 9, confidence: 0.6}", "{date: 2026-10-14, value: 8.5, confidence: 0.6}")
        // a new check-in
        .replace(
            "          - {date: 2026-10-14, value: 8.5, confidence: 0.6}",
            "          - {date: 2026-10-14, value: 8.5, confidence: 0.6}\n          - {date: 2026-11-18, value: 6, confidence: 0.7}",
        );
    // S2 moves from sales to platform
    let s2 = "  - id: S2\n    title: Build a predictable pipeline\n    aligns_to: [company/O1]\n    key_results:\n      - title: Grow qualified pipeline to 9 million USD\n        target: 9000000\n        current: 4000000\n";
    repo.write("goals/platform/2026-Q4.yaml", &format!("{platform}{s2}"));
    repo.write("goals/sales/2026-Q4.yaml", &SALES.replace(s2, ""));
    repo.remove("goals/design/2026-Q4.yaml");
    let strategy = STRATEGY
        .replace("baseline: 30, target: 45", "baseline: 30, target: 40")
        // a new strategy-map link
        .replace(
            "      title: Grow data skills\n      contributes_to: [I1]",
            "      title: Grow data skills\n      contributes_to: [I1, C1]",
        );
    repo.write("goals/strategy.yaml", &strategy);
    repo.commit("November changes", "2026-11-20T10:00:00");
    repo
}

fn diff(dir: &Path, format: &str) -> String {
    let output = okr(
        &dir.join("goals"),
        &["diff", "HEAD~1", "HEAD", "--format", format],
    );
    output.assert_code(0);
    output.stdout()
}

#[test]
fn a_pull_request_in_every_format() {
    let dir = repository();
    insta::assert_snapshot!("human", diff(dir.path(), "human"));
    insta::assert_snapshot!("markdown", diff(dir.path(), "markdown"));
    let json = diff(dir.path(), "json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let kinds: Vec<&str> = value["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    for kind in [
        "goalpost_moved",
        "renamed",
        "progress",
        "moved",
        "removed",
        "added",
    ] {
        assert!(kinds.contains(&kind), "no `{kind}` in {kinds:?}");
    }
    let goalposts: Vec<&serde_json::Value> = value["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["kind"] == "goalpost_moved")
        .collect();
    assert_eq!(
        goalposts.len(),
        3,
        "a key result target, a threshold and a BSC measure target"
    );
    assert!(goalposts.iter().all(|g| g["direction"] == "easier"));
    let edited = value["changes"].as_array().into_iter().flatten().any(|c| {
        c["message"]
            .as_str()
            .is_some_and(|m| m.contains("check-in of 2026-10-14 edited: 9 -> 8.5"))
    });
    assert!(edited, "a corrected check-in is an edit, not a new one");
    let link = value["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["subject"] == "L1 -> C1");
    assert_eq!(link.map(|c| &c["kind"]), Some(&serde_json::json!("added")));
    insta::assert_snapshot!("json", json);
}

#[test]
fn fail_on_goalposts_and_the_working_tree() {
    let dir = repository();
    let goals = dir.path().join("goals");
    let strict = okr(
        &goals,
        &["diff", "HEAD~1", "HEAD", "--fail-on", "goalpost,new-errors"],
    );
    assert_eq!(strict.code(), Some(1));
    // No HEAD: the working tree, uncommitted edits included.
    dir.write(
        "goals/2026-Q4.yaml",
        &COMPANY.replace("current: 5", "current: 7"),
    );
    let working = okr(&goals, &["diff", "HEAD", "--format", "json"]);
    working.assert_code(0);
    let value = working.json();
    assert_eq!(value["head"]["label"], "working tree");
    assert_eq!(value["changes"][0]["kind"], "progress");
    // No BASE: the merge base with main.
    dir.git(&["checkout", "-q", "-b", "feature"]);
    let default = okr(&goals, &["diff"]);
    default.assert_code(0);
}

#[test]
fn the_ways_it_cannot_run() {
    let dir = repository();
    let goals = dir.path().join("goals");
    let missing = "`:/goals` does not exist or is not a folder";
    let cases: [(&[&str], &str); 4] = [
        (&["diff", "nosuch", "HEAD"], "fetch-depth: 0"),
        (&["diff", "--", "-x"], "may not begin with `-`"),
        // A folder that does not exist is not a missing git.
        (&["diff", "--path", ":/goals"], missing),
        (&["diff", "HEAD", "--path", ":/goals"], missing),
    ];
    for (args, says) in cases {
        let output = okr(&goals, args);
        assert_eq!(output.code(), Some(2), "{args:?}");
        let stderr = output.stderr();
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!stderr.contains("install git"), "{args:?}: {stderr}");
    }
    let plain = tempfile::tempdir().expect("temp dir");
    let outside = okr(plain.path(), &["diff"]);
    assert_eq!(outside.code(), Some(2));
    assert!(outside.stderr().contains("not inside a git repository"));
    let no_git = Okr::new()
        .arg("diff")
        .current_dir(&goals)
        .env("PATH", "")
        .run();
    assert_eq!(no_git.code(), Some(2));
    assert!(no_git.stderr().contains("cannot run `git`"));
}

#[test]
fn json_escapes_invisible_characters_and_keeps_them() {
    let dir = repository();
    let goals = dir.path().join("goals");
    let yaml = yaml_escaped(INVISIBLE);
    dir.write(
        "goals/2026-Q4.yaml",
        &COMPANY.replace(
            "title: Win the mid-size retail market",
            &format!("title: \"{yaml}\""),
        ),
    );
    let output = okr(&goals, &["diff", "HEAD", "--format", "json"]);
    output.assert_code(0);
    let text = output.stdout();
    assert!(text.is_ascii(), "{text}");
    assert!(
        text.contains("\\u009b2J\\u0085\\u007f\\u001bb\\u202ec"),
        "{text}"
    );
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let retitled = value["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|c| c["after"] == INVISIBLE);
    assert!(retitled, "the new title, exactly: {text}");
}

/// A team file that does not load at the head: the diff names it, at which
/// revision, and shows none of its goals as removed nor its findings as fixed;
/// then fixed again, the same at the base.
#[test]
fn a_file_unread_at_one_revision_is_named_and_its_changes_not_shown() {
    let repo = Repo::init();
    repo.write("goals/strategy.yaml", STRATEGY);
    repo.write("goals/2026-Q4.yaml", COMPANY);
    repo.write("goals/sales/2026-Q4.yaml", SALES);
    repo.commit("Q4 goals", "2026-09-20T10:00:00");
    // An unclosed quote: the file does not load at all.
    let broken = SALES.replace(
        "title: Own the mid-size market",
        "title: \"Own the mid-size market",
    );
    repo.write("goals/sales/2026-Q4.yaml", &broken);
    repo.commit("a typo", "2026-10-20T10:00:00");
    repo.write("goals/sales/2026-Q4.yaml", SALES);
    repo.commit("fixed", "2026-10-21T10:00:00");
    let goals = repo.path().join("goals");
    for (base, head, side, revision) in [
        ("HEAD~2", "HEAD~1", "head", "HEAD~1"),
        ("HEAD~1", "HEAD", "base", "HEAD~1"),
    ] {
        let run = |format: &str| {
            let output = okr(&goals, &["diff", base, head, "--format", format]);
            output.assert_code(0);
            output.stdout()
        };
        let notice = format!(
            "sales/2026-Q4.yaml could not be read at {revision} ({side}): its changes are not shown"
        );
        let human = run("human");
        assert_eq!(
            human.lines().nth(1),
            Some(format!("! {notice}").as_str()),
            "{human}"
        );
        assert!(
            !human.contains("removed") && !human.contains("added"),
            "{human}"
        );
        assert!(!human.contains("sales/S1"), "{human}");
        let markdown = run("markdown");
        assert!(
            markdown.contains(&format!("> [!WARNING]\n> - {}", notice.replace('~', "\\~"))),
            "{markdown}"
        );
        let value: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
        assert_eq!(value["unread"][0]["side"], side);
        assert_eq!(value["unread"][0]["revision"], revision);
        assert_eq!(value["unread"][0]["path"], "sales/2026-Q4.yaml");
        assert_eq!(value["unread"][0]["team"], "sales");
        assert_eq!(value["changes"], serde_json::json!([]));
        // Only the loading finding comes or goes, not the team's others.
        let moved = if side == "head" {
            "introduced"
        } else {
            "fixed"
        };
        let codes: Vec<&str> = value[moved]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["code"].as_str())
            .collect();
        assert_eq!(codes, ["L001"], "{value}");
    }
}

/// A milestone marked done shows its values as written (`false -> true`),
/// in every format, never Rust's `Some(false)`.
#[test]
fn a_milestone_done_reads_as_written() {
    let repo = Repo::init();
    let file = "objectives:\n  - id: O1\n    title: Ship the portal\n    key_results:\n      - {id: K1, title: Launch 1 partner portal, done: false}\n";
    repo.write("goals/2026-Q4.yaml", file);
    repo.commit("goals", "2026-10-02T10:00:00");
    repo.write(
        "goals/2026-Q4.yaml",
        &file.replace("done: false", "done: true"),
    );
    repo.commit("done", "2026-11-02T10:00:00");
    for format in ["human", "markdown", "json"] {
        let out = diff(repo.path(), format);
        assert!(!out.contains("Some("), "{format}: {out}");
        assert!(
            out.contains("false") && out.contains("true"),
            "{format}: {out}"
        );
    }
    let human = diff(repo.path(), "human");
    assert!(human.contains("done false -> true"), "{human}");
}

/// Two commits of one team file: `before` on 2026-09-20, `after` on 2026-11-20.
fn two_commits(path: &str, before: &str, after: &str) -> Repo {
    let repo = Repo::init();
    repo.write(path, before);
    repo.commit("goals", "2026-09-20T10:00:00");
    repo.write(path, after);
    repo.commit("change", "2026-11-20T10:00:00");
    repo
}

fn changes(value: &serde_json::Value) -> Vec<&serde_json::Value> {
    value["changes"].as_array().into_iter().flatten().collect()
}

/// Moving a start from 410 to 450 on a key result that aims down to 300
/// raises its score at the current value (370): easier, whatever field
/// moved; not "harder" by the distance from start to target.
#[test]
fn a_goalpost_is_judged_by_its_effect_on_the_score() {
    let file = "objectives:\n  - id: P1\n    title: Faster pages\n    key_results:\n      - {id: K1, title: Cut load time to 300 ms, start: 410, target: 300, current: 370}\n      - {id: K2, title: Serve 100 customers, target: 100}\n";
    let after = file
        .replace("start: 410", "start: 450")
        .replace("target: 100}", "start: 0, target: 80}");
    let repo = two_commits("goals/platform/2026-Q4.yaml", file, &after);
    let human = diff(repo.path(), "human");
    assert!(
        human.contains(
            "platform/K1: start 410 -> 450 after the quarter began: easier (at the current value, score 0.36 -> 0.53)"
        ),
        "{human}"
    );
    // No value measured: the structural rule decides, and says so.
    assert!(
        human.contains(
            "platform/K2: target 100 -> 80 after the quarter began: easier (no current value to score; judged by the distance from start to target)"
        ),
        "{human}"
    );
    // `start: 0` written where it was left out scores the same: not a goalpost.
    assert!(
        human.contains("  *        2026-Q4 key result platform/K2: start - -> 0 (the same start)"),
        "{human}"
    );
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    assert_eq!(value["summary"]["goalposts_moved"], 2, "{value}");
    let k1 = changes(&value)
        .into_iter()
        .find(|c| c["subject"] == "platform/K1" && c["field"] == "start")
        .cloned()
        .unwrap_or_default();
    assert_eq!(k1["kind"], "goalpost_moved");
    assert_eq!(k1["direction"], "easier");
    let (b, a) = (k1["score_before"].as_f64(), k1["score_after"].as_f64());
    assert!(b.zip(a).is_some_and(|(b, a)| a > b), "{k1}");
}

/// A start added where the default 0 applied, a key result's weight, a
/// milestone made of a metric and an objective switched to committed all
/// move what is expected once the quarter runs: goalposts, judged.
#[test]
fn added_fields_weights_and_kinds_are_goalposts() {
    let file = "objectives:\n  - id: P1\n    title: Grow usage\n    kind: aspirational\n    key_results:\n      - {id: K1, title: Reach 50 active teams, target: 50, current: 40}\n      - {id: K2, title: Reach 10 integrations, target: 10, current: 2}\n      - {id: K3, title: Reach 4 regions, target: 4, current: 1}\n";
    let after = file
        .replace("kind: aspirational", "kind: committed\n    weight: 2")
        .replace(
            "target: 50, current: 40",
            "start: -10, target: 50, current: 40",
        )
        .replace(
            "target: 10, current: 2}",
            "target: 10, current: 2, weight: 3}",
        )
        .replace("target: 4, current: 1}", "done: true}");
    let repo = two_commits("goals/platform/2026-Q4.yaml", file, &after);
    let goals = repo.path().join("goals");
    let strict = okr(&goals, &["diff", "HEAD~1", "HEAD", "--fail-on", "goalpost"]);
    assert_eq!(strict.code(), Some(1), "{}", strict.stdout());
    let human = diff(repo.path(), "human");
    for line in [
        "platform/K1: start - -> -10 after the quarter began: easier (at the current value, score 0.80 -> 0.83)",
        "platform/K2: weight 1 -> 3 after the quarter began: harder (the objective's score 0.68 -> 0.49)",
        "platform/K3: done - -> true after the quarter began: easier (at the current value, score 0.00 -> 1.00)",
        "platform/P1: kind aspirational -> committed after the quarter began: harder (expected to reach 0.70 -> 1.00)",
        // The team's only objective: its weight cannot move the team's score.
        "  !        2026-Q4 objective platform/P1: weight 1 -> 2 after the quarter began: neither easier nor harder (the team's score stays 0.49)",
    ] {
        assert!(human.contains(line), "{line}\n{human}");
    }
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    let fields: Vec<(&str, &str)> = changes(&value)
        .into_iter()
        .filter(|c| c["kind"] == "goalpost_moved")
        .filter_map(|c| Some((c["field"].as_str()?, c["direction"].as_str()?)))
        .collect();
    assert_eq!(
        fields,
        [
            ("kind", "harder"),
            ("start", "easier"),
            ("weight", "harder"),
            ("target", "easier"),
            ("done", "easier"),
        ],
        "{value}"
    );
    // Before the quarter began it is a plain change.
    let early = okr(
        &goals,
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "--as-of",
            "2026-09-25",
            "--fail-on",
            "goalpost",
        ],
    );
    assert_eq!(early.code(), Some(0), "{}", early.stdout());
}

/// Deleting the first of two key results without ids: the second, now
/// `P2.1`, is still itself, so the score rows say only that `P2.1` went.
#[test]
fn removing_a_key_result_does_not_shift_the_score_rows() {
    let file = "objectives:\n  - id: P2\n    title: Sail through Black Friday\n    key_results:\n      - {title: Ship 10 load tests, target: 10, current: 10}\n      - {title: Hold 4 regions, target: 4, current: 3}\n";
    let after = file.replace(
        "      - {title: Ship 10 load tests, target: 10, current: 10}\n",
        "",
    );
    let repo = two_commits("goals/platform/2026-Q4.yaml", file, &after);
    let human = diff(repo.path(), "human");
    assert!(
        human.contains("key result platform/P2.1: 1.00 -> -"),
        "{human}"
    );
    assert!(!human.contains("platform/P2.2"), "{human}");
    assert!(!human.contains("1.00 -> 0.75"), "{human}");
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    let rows: Vec<(&str, Option<f64>, Option<f64>)> = value["scores"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["level"] == "key_result")
        .filter_map(|s| {
            Some((
                s["subject"].as_str()?,
                s["before"].as_f64(),
                s["after"].as_f64(),
            ))
        })
        .collect();
    assert_eq!(rows, [("platform/P2.1", Some(1.0), None)], "{value}");
}

/// A team file moved to another folder (its `team:` keeps the team) and a
/// positional key result whose id shifted keep their findings: nothing is
/// fixed nor introduced.
#[test]
fn findings_follow_a_moved_file_and_a_shifted_id() {
    let file = "team: platform\nobjectives:\n  - id: P1\n    title: Faster deploys\n    key_results:\n      - {title: Reach 20 deploys a day, target: 20, current: 5}\n      - {title: Help the 5 core services release by canary, target: 5, current: 1}\n";
    let repo = Repo::init();
    repo.write("goals/platform/2026-Q4.yaml", file);
    repo.commit("goals", "2026-09-20T10:00:00");
    repo.remove("goals/platform/2026-Q4.yaml");
    repo.write(
        "goals/infra/2026-Q4.yaml",
        &file.replace(
            "      - {title: Reach 20 deploys a day, target: 20, current: 5}\n",
            "",
        ),
    );
    repo.commit("move", "2026-11-20T10:00:00");
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    assert_eq!(value["introduced"], serde_json::json!([]), "{value}");
    // Only the removed key result's own finding (no check-in) went with it.
    let fixed: Vec<(&str, &str)> = value["fixed"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| Some((f["code"].as_str()?, f["message"].as_str()?)))
        .collect();
    assert_eq!(fixed.len(), 1, "{value}");
    assert_eq!(fixed[0].0, "O014", "{value}");
    assert!(fixed[0].1.starts_with("key result `P1.1` "), "{value}");
    let human = diff(repo.path(), "human");
    assert!(!human.contains("O015"), "{human}");
    // The finding is there at both sides, about `P1.2` then `P1.1`.
    let check = okr(&repo.path().join("goals"), &["check", "--format", "json"]);
    assert!(
        check
            .stdout()
            .contains("key result `P1.1` starts with `help`"),
        "{}",
        check.stdout()
    );
}

/// A measure's baseline added after the strategy period began changes how
/// its actual scores: a goalpost, judged by that score.
#[test]
fn a_measure_baseline_added_is_a_goalpost() {
    let strategy = STRATEGY.replace(
        "{id: arr, name: Annual recurring revenue, baseline: 10, target: 15, actual: 12}",
        "{id: arr, name: Annual recurring revenue, target: 15, actual: 12}",
    );
    let repo = two_commits("goals/strategy.yaml", &strategy, STRATEGY);
    let human = diff(repo.path(), "human");
    assert!(
        human.contains(
            "measure F1/arr: baseline - -> 10 after the strategy period began: harder (at the current actual, score 0.80 -> 0.40)"
        ),
        "{human}"
    );
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    assert_eq!(value["summary"]["goalposts_moved"], 1, "{value}");
}

/// A measure's floor lowered and a range widened after the strategy period
/// began let more readings through: goalposts moved, easier; a floor raised
/// is harder.
#[test]
fn a_measure_floor_or_range_moved_is_a_goalpost() {
    let with_bounds = |above: &str, below: &str| {
        STRATEGY.replace(
            "{id: cfr, name: Change failure rate, baseline: 12, target: 3, actual: 6}",
            &format!("{{id: cfr, name: Change failure rate, keep_above: {above}, keep_below: {below}, actual: 6}}"),
        )
    };
    let repo = two_commits(
        "goals/strategy.yaml",
        &with_bounds("2", "8"),
        &with_bounds("1", "9"),
    );
    let human = diff(repo.path(), "human");
    for line in [
        "measure I1/cfr: keep_above 2 -> 1 after the strategy period began: easier",
        "measure I1/cfr: keep_below 8 -> 9 after the strategy period began: easier",
    ] {
        assert!(human.contains(line), "{line} in {human}");
    }
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    assert_eq!(value["summary"]["goalposts_moved"], 2, "{value}");
    let repo = two_commits(
        "goals/strategy.yaml",
        &with_bounds("2", "8"),
        &with_bounds("4", "8"),
    );
    let human = diff(repo.path(), "human");
    assert!(
        human.contains("measure I1/cfr: keep_above 2 -> 4 after the strategy period began: harder"),
        "{human}"
    );
}

/// Run from the top of the repository, where no goals file is but the goals
/// folder is below: nothing is compared, so it is no pass (exit 2), and the
/// message names the folder to give.
#[test]
fn nothing_to_compare_is_no_pass() {
    let file = "objectives:\n  - id: P1\n    title: Faster deploys\n    key_results:\n      - {title: Reach 20 deploys a day, target: 20, current: 5}\n";
    let repo = Repo::init();
    repo.write("goals/okr.yaml", "checkin_cadence_days: 14\n");
    repo.write("goals/2026-Q4.yaml", file);
    repo.commit("goals", "2026-09-20T10:00:00");
    repo.write(
        "goals/2026-Q4.yaml",
        &file.replace("target: 20", "target: 10"),
    );
    repo.commit("change", "2026-11-20T10:00:00");
    let out = okr(
        repo.path(),
        &["diff", "HEAD~1", "HEAD", "--fail-on", "goalpost"],
    );
    assert_eq!(out.code(), Some(2), "{}", out.stdout());
    assert!(
        out.stderr().contains("no goals file in `.` at either revision; the goals folder is `goals`: run `okr diff --path goals`"),
        "{}",
        out.stderr()
    );
}

/// A team folder renamed (`platform/` to `infra/`): the objectives moved,
/// and the score rows and findings follow the team to its new name instead
/// of listing everything as removed and added.
#[test]
fn a_renamed_team_folder_keeps_its_scores_and_findings() {
    let file = "objectives:\n  - id: P1\n    title: Faster deploys\n    key_results:\n      - {title: Reach 20 deploys a day, target: 20, current: 5}\n  - id: P2\n    title: Calm on-call\n    key_results:\n      - {title: Cut pages from 40 to 10 a week, start: 40, target: 10, current: 30}\n";
    let repo = Repo::init();
    repo.write("goals/okr.yaml", "checkin_cadence_days: 14\n");
    repo.write("goals/platform/2026-Q4.yaml", file);
    repo.commit("goals", "2026-09-20T10:00:00");
    repo.remove("goals/platform/2026-Q4.yaml");
    repo.write(
        "goals/infra/2026-Q4.yaml",
        &file.replace("target: 20, current: 5", "target: 10, current: 5"),
    );
    repo.commit("rename", "2026-11-20T10:00:00");
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    assert_eq!(value["introduced"], serde_json::json!([]), "{value}");
    assert_eq!(value["fixed"], serde_json::json!([]), "{value}");
    let rows: Vec<(&str, bool, bool)> = value["scores"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| {
            Some((
                s["subject"].as_str()?,
                s["before"].is_number(),
                s["after"].is_number(),
            ))
        })
        .collect();
    assert!(
        rows.iter().all(|(_, before, after)| *before && *after),
        "{rows:?}"
    );
    assert!(rows.iter().any(|(s, ..)| *s == "infra"), "{rows:?}");
    assert!(
        !rows.iter().any(|(s, ..)| s.starts_with("platform")),
        "{rows:?}"
    );
}

/// A key result whose positional id shifted (`P1.3` became `P1.2` when
/// `P1.1` was removed) is named with its old id too, in its changes and its
/// score row, so the reader is not left to guess which is which.
#[test]
fn a_shifted_positional_id_names_its_old_id() {
    let file = "objectives:\n  - id: P1\n    title: Faster deploys\n    key_results:\n      - {title: Reach 20 deploys a day, target: 20, current: 5}\n      - {title: Cut lead time from 10 to 2 days, start: 10, target: 2, current: 6}\n      - {title: Cut failed deploys from 10% to 2%, start: 10, target: 2, current: 6}\n";
    let after = file
        .replace(
            "      - {title: Reach 20 deploys a day, target: 20, current: 5}\n",
            "",
        )
        .replace(
            "from 10% to 2%, start: 10, target: 2,",
            "from 10% to 2%, start: 10, target: 4,",
        );
    let repo = two_commits("goals/platform/2026-Q4.yaml", file, &after);
    let human = diff(repo.path(), "human");
    assert!(
        human.contains("key result platform/P1.2 (was P1.3): target 2 -> 4"),
        "{human}"
    );
    assert!(
        human.contains("key result platform/P1.2 (was P1.3): 0.50 -> 0.67"),
        "{human}"
    );
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    let row = value["scores"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["subject"] == "platform/P1.2")
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["was"], "P1.3", "{value}");
}

/// Targets by period, a formula, bands, `data_only` and `frequency` changed
/// after the strategy period began (as of the head commit, 2026-11-20): each
/// is a change; a target by period and a formula are goalposts, judged by
/// the measure's score at that date.
#[test]
fn targets_by_period_and_formulas_moved_are_goalposts() {
    let strategy = STRATEGY
        .replace(
            "{id: arr, name: Annual recurring revenue, baseline: 10, target: 15, actual: 12}",
            "{id: arr, name: Annual recurring revenue, baseline: 10, targets: [{by: 2026-06-30, value: 12}, {by: 2026-12-31, value: 15}], actual: 13.5}
        - {id: opex, name: Operating expenses, data_only: true, actual: 1200000}
        - {id: discharges, name: Adjusted discharges, data_only: true, actual: 400}
        - {id: beds, name: Staffed beds, data_only: true, actual: 300}
        - {id: cost, name: Cost per discharge, formula: opex / discharges, baseline: 3500, target: 2000}",
        );
    let after = strategy
        .replace("{by: 2026-12-31, value: 15}", "{by: 2026-12-31, value: 14}, {by: 2027-06-30, value: 16}")
        .replace("formula: opex / discharges", "formula: opex / (discharges * 2)")
        .replace("data_only: true, actual: 300", "data_only: false, actual: 300")
        .replace(
            "{id: nps, name: Net promoter score, baseline: 30, target: 45, actual: 38}",
            "{id: nps, name: Net promoter score, baseline: 30, target: 45, actual: 38, frequency: monthly, bands: {green: 40, yellow: 35}}",
        );
    let repo = two_commits("goals/strategy.yaml", &strategy, &after);
    let human = diff(repo.path(), "human");
    // At 2026-11-20 arr is paced from the 2026-06-30 target (12) toward the
    // 2026-12-31 one: (13.5 - 12) / (15 - 12) = 0.50 before, / (14 - 12) = 0.75 after.
    assert!(
        human.contains(
            "measure F1/arr: target by 2026-12-31 15 -> 14 after the strategy period began: easier (at the current actual, score 0.50 -> 0.75)"
        ),
        "{human}"
    );
    // A target for a later period does not change the score of the date.
    assert!(
        human.contains(
            "measure F1/arr: target by 2027-06-30 - -> 16 after the strategy period began"
        ),
        "{human}"
    );
    // The old formula on today's inputs: 1,200,000 / 400 = 3,000, scoring
    // (3000 - 3500) / (2000 - 3500) = 0.33; the new one 1,200,000 / 800 =
    // 1,500, at or beyond the target: 1.00.
    assert!(
        human.contains(
            "measure F1/cost: formula opex / discharges -> opex / (discharges * 2) after the strategy period began: easier (at the current actual, score 0.33 -> 1.00)"
        ),
        "{human}"
    );
    for change in [
        "measure F1/beds: data_only true -> false",
        "measure C1/nps: bands - -> green 40, yellow 35",
        "measure C1/nps: frequency - -> monthly",
    ] {
        assert!(human.contains(change), "{change}: {human}");
    }
    let value: serde_json::Value = serde_json::from_str(&diff(repo.path(), "json")).expect("JSON");
    assert_eq!(value["summary"]["goalposts_moved"], 3, "{value}");
    // Removing a target by period is reported too.
    let repo = two_commits("goals/strategy.yaml", &after, &strategy);
    let human = diff(repo.path(), "human");
    assert!(
        human.contains(
            "measure F1/arr: target by 2027-06-30 16 -> - after the strategy period began"
        ),
        "{human}"
    );
}
