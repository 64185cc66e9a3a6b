//! `okr init` and `okr new` end to end: what they write loads through okr's
//! own loader, checks clean where it should, and nothing a user wrote is
//! overwritten without --force.

use std::fs;
use std::path::Path;

use okr::model::{KeyResultKind, QuarterFile};

use crate::util::{Okr, Output, acme, copy_of, fixture};

fn okr(args: &[&str]) -> Output {
    Okr::new().args(args).run()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The repository at `root`, loaded by okr, and the team's file for `quarter`.
fn quarter_file(root: &Path, team: &str, quarter: &str) -> (QuarterFile, Vec<String>) {
    let loaded = okr::input::load::load(root).unwrap();
    let codes = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.code, d.path, d.message))
        .collect();
    let mut repository = loaded.repository;
    let at = repository
        .quarters
        .iter()
        .position(|f| f.team == team && f.quarter.to_string() == quarter)
        .unwrap_or_else(|| panic!("no {team} {quarter}"));
    (repository.quarters.swap_remove(at), codes)
}

const STARTER: [&str; 6] = [
    "okr.yaml",
    "strategy.yaml",
    "2026-Q4.yaml",
    "schemas/strategy.schema.json",
    "schemas/quarter.schema.json",
    "schemas/config.schema.json",
];

#[test]
fn init_writes_a_starter_that_checks_without_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let goals = tmp.path().join("goals");
    let out = okr(&["init", arg(&goals), "--as-of", "2026-11-28"]);
    out.assert_code(0);
    for rel in STARTER {
        assert!(goals.join(rel).is_file(), "{rel} missing");
        assert!(out.stdout().contains(rel), "{rel} not reported");
    }
    for (rel, schema) in [
        ("okr.yaml", "schemas/config.schema.json"),
        ("strategy.yaml", "schemas/strategy.schema.json"),
        ("2026-Q4.yaml", "schemas/quarter.schema.json"),
    ] {
        let first = fs::read_to_string(goals.join(rel)).unwrap();
        let first = first.lines().next().unwrap().to_owned();
        assert_eq!(first, format!("# yaml-language-server: $schema={schema}"));
    }
    for as_of in ["2026-10-01", "2026-11-28", "2026-12-31"] {
        let check = okr(&["check", arg(&goals), "--as-of", as_of, "--format", "json"]);
        check.assert_code(0);
        let json = check.json();
        assert_eq!(json["counts"]["errors"], 0, "{json}");
        assert_eq!(json["files_checked"], 3);
        for d in json["diagnostics"].as_array().unwrap() {
            // A starter has 4 strategic objectives, not 10, and no check-ins yet.
            let code = d["code"].as_str().unwrap();
            assert!(code == "B002" || code == "O014", "{d}");
        }
    }
}

#[test]
fn init_uses_the_quarter_of_the_as_of_date_for_the_company_file_and_strategy_period() {
    let tmp = tempfile::tempdir().unwrap();
    let out = okr(&["init", arg(tmp.path()), "--as-of", "2027-02-03"]);
    out.assert_code(0);
    let (file, codes) = quarter_file(tmp.path(), "company", "2027-Q1");
    assert!(codes.iter().all(|c| !c.starts_with('L')), "{codes:?}");
    assert_eq!(file.objectives.len(), 3);
    assert!(
        file.objectives
            .iter()
            .all(|o| o.title.value.starts_with("Example:"))
    );
    let strategy = fs::read_to_string(tmp.path().join("strategy.yaml")).unwrap();
    assert!(strategy.contains("start: 2027-01-01\n  end: 2027-12-31\n"));
}

#[test]
fn init_refuses_to_overwrite_and_force_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::write(root.join("okr.yaml"), "checkin_cadence_days: 7 # mine\n").unwrap();
    fs::write(root.join("2026-Q4.yaml"), b"objectives: []\n\xff").unwrap();
    let out = okr(&["init", arg(root), "--as-of", "2026-11-28"]);
    assert_eq!(out.code(), Some(2));
    let stderr = out.stderr();
    assert!(
        stderr.contains("okr.yaml")
            && stderr.contains("2026-Q4.yaml")
            && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(root.join("okr.yaml")).unwrap(),
        b"checkin_cadence_days: 7 # mine\n"
    );
    assert_eq!(
        fs::read(root.join("2026-Q4.yaml")).unwrap(),
        b"objectives: []\n\xff"
    );
    assert!(!root.join("strategy.yaml").exists(), "nothing is written");
    assert!(!root.join("schemas").exists(), "nothing is written");

    let out = okr(&["init", arg(root), "--as-of", "2026-11-28", "--force"]);
    out.assert_code(0);
    for rel in STARTER {
        assert!(root.join(rel).is_file(), "{rel}");
    }
    assert!(
        fs::read_to_string(root.join("okr.yaml"))
            .unwrap()
            .contains("# checkin_cadence_days: 14")
    );
    let leftovers: Vec<_> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn init_refuses_a_yml_twin_even_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("okr.yml"), "fiscal_year_start_month: 4\n").unwrap();
    let out = okr(&["init", arg(tmp.path()), "--force"]);
    assert_eq!(out.code(), Some(2));
    assert!(out.stderr().contains("okr.yml"), "{}", out.stderr());
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn the_generated_okr_yaml_gives_the_default_settings_commented_or_not() {
    let tmp = tempfile::tempdir().unwrap();
    let out = okr(&["init", arg(tmp.path())]);
    out.assert_code(0);
    let written = fs::read_to_string(tmp.path().join("okr.yaml")).unwrap();
    let default = format!("{:?}", okr::input::config::Settings::default());

    let (settings, findings) = okr::input::config::Settings::load("okr.yaml", &written);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(format!("{settings:?}"), default);

    // Every setting line uncommented: the defaults it documents are the real ones.
    let (_, settings_block) = written.split_once("\n\n").unwrap();
    let uncommented: String = settings_block
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap_or(l)))
        .collect();
    assert!(uncommented.contains("\nwording:"), "{uncommented}");
    let (settings, findings) = okr::input::config::Settings::load("okr.yaml", &uncommented);
    assert!(findings.is_empty(), "{findings:?}\n{uncommented}");
    assert_eq!(format!("{settings:?}"), default);
}

#[test]
fn new_defaults_to_the_quarter_after_the_latest() {
    // After the team's latest file.
    let repo = copy_of(&acme());
    let out = okr(&["new", "--team", "platform", "--path", arg(repo.path())]);
    out.assert_code(0);
    assert!(repo.path().join("platform/2027-Q1.yaml").is_file());
    assert!(out.stdout().contains("next: add 3 to 5 objectives"));
    let (file, codes) = quarter_file(repo.path(), "platform", "2027-Q1");
    assert!(file.objectives.is_empty());
    assert!(codes.iter().all(|c| !c.starts_with('L')), "{codes:?}");

    // A team with no file yet: after the repository's latest, in a folder of its name.
    let out = okr(&["new", "--team", "design", "--path", arg(repo.path())]);
    out.assert_code(0);
    assert!(repo.path().join("design/2027-Q2.yaml").is_file());

    // An empty folder: the quarter containing the as-of date, for the company.
    let empty = tempfile::tempdir().unwrap();
    let out = okr(&["new", "--path", arg(empty.path()), "--as-of", "2026-05-06"]);
    out.assert_code(0);
    quarter_file(empty.path(), "company", "2026-Q2");
    let written = fs::read_to_string(empty.path().join("2026-Q2.yaml")).unwrap();
    assert!(!written.contains("team:"), "{written}");
    assert!(
        written.starts_with("# yaml-language-server: $schema=schemas/quarter.schema.json\n"),
        "{written}"
    );
    assert!(
        empty.path().join("schemas/quarter.schema.json").is_file(),
        "the schemas the line points at are written with it"
    );
    assert!(out.stdout().contains("created "), "{}", out.stdout());
}

#[test]
fn new_writes_into_a_nested_team_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("sales/emea")).unwrap();
    fs::create_dir_all(root.join("misc")).unwrap();
    fs::write(root.join("sales/emea/2026-Q3.yaml"), "objectives: []\n").unwrap();
    fs::write(
        root.join("misc/2026-Q3.yaml"),
        "team: growth\nobjectives: []\n",
    )
    .unwrap();
    let out = okr(&["new", "--team", "emea", "--path", arg(root)]);
    out.assert_code(0);
    let written = fs::read_to_string(root.join("sales/emea/2026-Q4.yaml")).unwrap();
    assert!(!written.contains("team:"), "{written}");
    quarter_file(root, "sales/emea", "2026-Q4");

    // A team whose folder is named differently keeps its `team:`.
    let out = okr(&["new", "--team", "growth", "--path", arg(root)]);
    out.assert_code(0);
    let written = fs::read_to_string(root.join("misc/2026-Q4.yaml")).unwrap();
    assert!(written.contains("\nteam: growth\n"), "{written}");
    quarter_file(root, "growth", "2026-Q4");
}

#[test]
fn from_carries_the_open_key_results_with_everything_they_said() {
    let repo = copy_of(&acme());
    let root = repo.path();
    // At the end of 2026-Q3, platform had done everything of P3, P1.2 (74 of
    // 70) and the milestone P2.3, and nothing else.
    fs::remove_file(root.join("platform/2026-Q4.yaml")).unwrap();
    let out = okr(&[
        "new",
        "--team",
        "platform",
        "--from",
        "2026-Q3",
        "--path",
        arg(root),
        "--as-of",
        "2026-11-28",
    ]);
    out.assert_code(0);
    let stdout = out.stdout();
    assert!(
        stdout.contains("platform/2026-Q4.yaml, carrying 2 of 3 objectives from 2026-Q3:"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  P1 Make the query engine feel instant (score 0.95, 1 of 2 key results carried)"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("  P2 Make deploys boring (score 0.91, 2 of 3 key results carried)"));
    assert!(
        stdout.contains(
            "left behind as finished:\n  P3 Free engineers from toil (score 1.00, all 2 key results done)"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("next: add at least 1 more objective"));

    let (old, _) = quarter_file(root, "platform", "2026-Q3");
    let (new, codes) = quarter_file(root, "platform", "2026-Q4");
    assert!(codes.iter().all(|c| !c.starts_with('L')), "{codes:?}");
    let ids: Vec<&str> = new.objectives.iter().map(|o| o.id.value.as_ref()).collect();
    assert_eq!(ids, ["P1", "P2"]);
    for (carried, before) in new.objectives.iter().zip(&old.objectives) {
        assert_eq!(carried.title.value, before.title.value);
        assert_eq!(carried.kind, before.kind);
        assert_eq!(
            carried.owner.as_ref().map(|o| &o.value),
            before.owner.as_ref().map(|o| &o.value)
        );
        let refs = |o: &okr::model::Objective| -> Vec<String> {
            o.supports
                .iter()
                .chain(&o.aligns_to)
                .map(|t| t.value.to_string())
                .collect()
        };
        assert_eq!(refs(carried), refs(before));
        for kr in &carried.key_results {
            let was = before
                .key_results
                .iter()
                .find(|w| w.title.value == kr.title.value)
                .unwrap_or_else(|| panic!("{} was not in 2026-Q3", kr.title.value));
            assert!(kr.checkins.is_empty(), "{}", kr.id.value);
            assert!(kr.current.is_none(), "{}", kr.id.value);
            assert_eq!(kr.kind(), was.kind());
            assert_eq!(kr.target.map(|n| n.value), was.target.map(|n| n.value));
            assert_eq!(
                kr.unit.as_ref().map(|u| &u.value),
                was.unit.as_ref().map(|u| &u.value)
            );
        }
    }
    let starts = |o: usize| -> Vec<Option<f64>> {
        new.objectives[o]
            .key_results
            .iter()
            .map(|k| k.start.map(|n| n.value))
            .collect()
    };
    // The last check-in values of 2026-Q3, as the new starts.
    assert_eq!(starts(0), [Some(1350.0)]);
    assert_eq!(starts(1), [Some(7.0), Some(6.0)]);
}

/// A count that restarts each quarter ("Sign 18 new logos") was carried
/// with last quarter's value as its start, 15 of 18 on the first day.
#[test]
fn from_restarts_a_metric_whose_start_was_0_and_continues_any_other() {
    let repo = copy_of(&fixture("scaffold/carry"));
    let root = repo.path();
    let out = okr(&[
        "new",
        "--team",
        "sales",
        "--from",
        "2026-Q3",
        "--path",
        arg(root),
        "--as-of",
        "2026-10-01",
    ]);
    out.assert_code(0);
    let stdout = out.stdout();
    for line in [
        "    S1.1 \"Sign 18 new logos\": restarts from 0: its start was 0\n",
        "    S1.2 \"Grow net revenue retention from 100% to 110%\": continues from 104%, its last value on 2026-09-20\n",
        "    S1.4 (now S1.3) \"Keep monthly churn at or below 2%\": keeps its bounds, no start\n",
        "    S2.3 (now S2.2) \"Raise the average deal size from 40 to 60 kEUR\": continues from 48 kEUR, its `current` value\n",
        "    S2.4 (now S2.3) \"Cut the sales cycle from 90 to 60 days\": keeps its start of 90 days: no value was measured\n",
    ] {
        assert!(stdout.contains(line), "{line}\n{stdout}");
    }
    let (new, _) = quarter_file(root, "sales", "2026-Q4");
    let metric = |o: usize, k: usize| {
        let kr = &new.objectives[o].key_results[k];
        (
            kr.title.value.to_string(),
            kr.start.map(|n| n.value),
            kr.target.map(|n| n.value),
        )
    };
    assert_eq!(
        metric(0, 0),
        ("Sign 18 new logos".to_owned(), Some(0.0), Some(18.0))
    );
    assert_eq!(metric(0, 1).1, Some(104.0));
    assert_eq!(metric(1, 1).1, Some(48.0));
    assert_eq!(metric(1, 2).1, Some(90.0));
    let threshold = &new.objectives[0].key_results[2];
    assert_eq!(threshold.kind(), Some(KeyResultKind::Threshold));
    assert_eq!(threshold.keep_below.map(|n| n.value), Some(2.0));
    assert!(threshold.start.is_none() && threshold.target.is_none());
    assert!(
        new.objectives[0]
            .key_results
            .iter()
            .all(|k| k.checkins.is_empty())
    );

    // The file is there now: a second run writes nothing over it.
    let path = root.join("sales/2026-Q4.yaml");
    let before = fs::read(&path).unwrap();
    let out = okr(&[
        "new",
        "2026-Q4",
        "--team",
        "sales",
        "--from",
        "2026-Q3",
        "--path",
        arg(root),
    ]);
    assert_eq!(out.code(), Some(2));
    assert!(out.stderr().contains("already exists"), "{}", out.stderr());
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// Done milestones were carried as done, so a carried objective scored
/// 0.50 on the quarter's first day; done key results are not carried now,
/// and an objective with nothing left to do stays behind.
#[test]
fn from_leaves_done_key_results_and_finished_objectives_behind() {
    let repo = copy_of(&fixture("scaffold/carry"));
    let root = repo.path();
    let out = okr(&[
        "new",
        "--team",
        "sales",
        "--from",
        "2026-Q3",
        "--path",
        arg(root),
        "--as-of",
        "2026-10-01",
    ]);
    out.assert_code(0);
    let stdout = out.stdout();
    for line in [
        "created ",
        "sales/2026-Q4.yaml, carrying 2 of 3 objectives from 2026-Q3:\n",
        "  S1 Win the mid-market (score 0.81, 3 of 4 key results carried)\n",
        "    S1.3 \"Launch the partner portal for 3 resellers\": not carried: done\n",
        "  S2 Sell to the enterprise (score 0.35, 3 of 4 key results carried)\n",
        "    S2.1 \"Close 4 enterprise deals\": not carried: reached its target of 4 (5)\n",
        "    S2.2 (now S2.1) \"Publish the enterprise price list for 2 regions\": carried as not done\n",
        "left behind as finished:\n  S3 Quote faster (score 1.00, all 2 key results done)\n",
    ] {
        assert!(stdout.contains(line), "{line}\n{stdout}");
    }
    let (new, _) = quarter_file(root, "sales", "2026-Q4");
    let titles: Vec<Vec<&str>> = new
        .objectives
        .iter()
        .map(|o| {
            o.key_results
                .iter()
                .map(|k| k.title.value.as_ref())
                .collect()
        })
        .collect();
    assert_eq!(
        titles,
        [
            vec![
                "Sign 18 new logos",
                "Grow net revenue retention from 100% to 110%",
                "Keep monthly churn at or below 2%",
            ],
            vec![
                "Publish the enterprise price list for 2 regions",
                "Raise the average deal size from 40 to 60 kEUR",
                "Cut the sales cycle from 90 to 60 days",
            ],
        ]
    );
    assert_eq!(
        new.objectives[1].key_results[0].done.map(|d| d.0),
        Some(false)
    );

    // Nothing carried is done already: every objective starts the quarter at 0.
    let report = okr(&[
        "report",
        arg(root),
        "--quarter",
        "2026-Q4",
        "--format",
        "json",
        "--as-of",
        "2026-10-01",
    ])
    .json();
    let scores: Vec<f64> = report["quarters"][0]["teams"][0]["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores, [0.0, 0.0]);
    // `okr check` finds only that two objectives are fewer than three.
    let check = okr(&[
        "check",
        arg(root),
        "--format",
        "json",
        "--as-of",
        "2026-10-01",
    ])
    .json();
    let codes: Vec<&str> = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["O001"], "{check}");
}

/// "Cut churn from 8% to 3%" carried with `start: 3.6` no longer says what
/// it measures from.
#[test]
fn from_names_carried_titles_that_state_the_old_start() {
    let repo = copy_of(&fixture("scaffold/carry"));
    let root = repo.path();
    let out = okr(&[
        "new",
        "--team",
        "sales",
        "--from",
        "2026-Q3",
        "--path",
        arg(root),
        "--as-of",
        "2026-10-01",
    ]);
    out.assert_code(0);
    let notes: Vec<String> = out
        .stdout()
        .lines()
        .filter(|l| l.contains("retitle"))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        notes,
        [
            "note: S1.2 \"Grow net revenue retention from 100% to 110%\": the title states 100, the new start is 104; retitle it",
            "note: S2.3 (now S2.2) \"Raise the average deal size from 40 to 60 kEUR\": the title states 40, the new start is 48; retitle it",
        ]
    );
}

#[test]
fn from_needs_a_loadable_file_of_that_team() {
    let repo = copy_of(&acme());
    let root = arg(repo.path());
    let out = okr(&[
        "new", "2027-Q1", "--team", "platform", "--from", "2025-Q4", "--path", root,
    ]);
    assert_eq!(out.code(), Some(2));
    let stderr = out.stderr();
    assert!(stderr.contains("no file for 2025-Q4"), "{stderr}");
    assert!(stderr.contains("2026-Q3, 2026-Q4"), "{stderr}");
    let out = okr(&[
        "new", "2027-Q1", "--team", "platfrom", "--from", "2026-Q4", "--path", root,
    ]);
    assert_eq!(out.code(), Some(2));
    let stderr = out.stderr();
    assert!(
        stderr.contains("customer-success, platform, sales"),
        "{stderr}"
    );
    assert!(!repo.path().join("platfrom").exists());

    fs::write(repo.path().join("sales/2026-Q4.yaml"), "objectives: [").unwrap();
    let out = okr(&[
        "new", "2027-Q1", "--team", "sales", "--from", "2026-Q4", "--path", root,
    ]);
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr()
            .contains("cannot carry from sales/2026-Q4.yaml")
    );
    assert!(!repo.path().join("sales/2027-Q1.yaml").exists());

    let out = okr(&[
        "new", "2026-Q4", "--team", "platform", "--from", "2026-Q4", "--path", root,
    ]);
    assert_eq!(out.code(), Some(2));
    assert!(out.stderr().contains("not before"));
}

#[test]
fn new_refuses_an_existing_file_unless_forced() {
    let repo = copy_of(&acme());
    let path = repo.path().join("platform/2026-Q4.yaml");
    let before = fs::read(&path).unwrap();
    let out = okr(&[
        "new",
        "2026-Q4",
        "--team",
        "platform",
        "--path",
        arg(repo.path()),
    ]);
    assert_eq!(out.code(), Some(2));
    assert!(out.stderr().contains("already exists"), "{}", out.stderr());
    assert_eq!(fs::read(&path).unwrap(), before);

    let out = okr(&[
        "new",
        "2026-Q4",
        "--team",
        "platform",
        "--path",
        arg(repo.path()),
        "--force",
    ]);
    out.assert_code(0);
    assert_ne!(fs::read(&path).unwrap(), before);
}

#[test]
fn new_refuses_invalid_team_names() {
    let repo = copy_of(&acme());
    for team in [
        "",
        "  ",
        ".hidden",
        "target",
        "sales//emea",
        "/sales",
        "sales/.hidden",
        "sales/target",
        "sales/../x",
    ] {
        let out = okr(&["new", "--team", team, "--path", arg(repo.path())]);
        assert_eq!(out.code(), Some(2), "{team:?}");
        assert!(out.stderr().contains("team"), "{team:?}");
    }
    // The message names the separator actually found.
    let out = okr(&["new", "--team", "x\\y", "--path", arg(repo.path())]);
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr().contains("cannot contain `\\`"),
        "{}",
        out.stderr()
    );
}

/// `sales/emea` is the sub-team `emea` of `sales`: `okr new` creates its
/// folder, and a short name that two teams end with is refused with both.
#[test]
fn new_creates_a_sub_team_and_refuses_an_ambiguous_short_name() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("support/emea")).unwrap();
    fs::write(root.join("support/emea/2026-Q4.yaml"), "objectives: []\n").unwrap();
    let out = okr(&[
        "new",
        "2026-Q4",
        "--team",
        "sales/emea",
        "--path",
        arg(root),
    ]);
    out.assert_code(0);
    let written = fs::read_to_string(root.join("sales/emea/2026-Q4.yaml")).unwrap();
    assert!(!written.contains("team:"), "{written}");
    quarter_file(root, "sales/emea", "2026-Q4");

    let out = okr(&["new", "2027-Q1", "--team", "emea", "--path", arg(root)]);
    assert_eq!(out.code(), Some(2));
    let stderr = out.stderr();
    assert!(
        stderr.contains("team `emea` is ambiguous")
            && stderr.contains("`sales/emea`, `support/emea`"),
        "{stderr}"
    );
    assert!(!root.join("emea").exists());
    // The full name works.
    let out = okr(&["new", "--team", "support/emea", "--path", arg(root)]);
    out.assert_code(0);
    assert!(root.join("support/emea/2027-Q1.yaml").exists());
}

#[cfg(unix)]
#[test]
fn new_refuses_a_team_folder_linked_outside_the_repository() {
    let outside = tempfile::tempdir().unwrap();
    let repo = copy_of(&acme());
    std::os::unix::fs::symlink(outside.path(), repo.path().join("design")).unwrap();
    let out = okr(&["new", "--team", "design", "--path", arg(repo.path())]);
    assert_eq!(out.code(), Some(2));
    assert!(out.stderr().contains("outside"), "{}", out.stderr());
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn carried_text_reads_back_exactly_and_prints_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("ops")).unwrap();
    fs::write(
        root.join("ops/2026-Q3.yaml"),
        r#"objectives:
  - id: "yes"
    title: "Example: \e[31mred\u202E # not a comment"
    description: "two\nlines: \"quoted\" \\ back"
    owner: "@dana"
    supports: ["a,b", "[x]"]
    weight: 0.5
    key_results:
      - id: "1.5"
        title: "true"
        owner: "null"
        start: 0.0000001
        target: 1e20
        unit: "%"
        checkins:
          - {date: 2026-08-01, value: 12.25}
      - title: "- dash {x}: y"
        keep_above: -3
        current: 1
"#,
    )
    .unwrap();
    let out = okr(&[
        "new",
        "--team",
        "ops",
        "--from",
        "2026-Q3",
        "--path",
        arg(root),
    ]);
    out.assert_code(0);
    assert!(!out.stdout().contains('\u{1b}'));
    assert!(!out.stdout().contains('\u{202E}'));
    let (old, _) = quarter_file(root, "ops", "2026-Q3");
    let (new, codes) = quarter_file(root, "ops", "2026-Q4");
    assert!(codes.iter().all(|c| !c.starts_with('L')), "{codes:?}");
    let (o, was) = (&new.objectives[0], &old.objectives[0]);
    assert_eq!(&*o.id.value, "yes");
    assert_eq!(o.title.value, was.title.value);
    assert_eq!(&*o.owner.as_ref().unwrap().value, "@dana");
    assert_eq!(o.weight.value, 0.5);
    let supports: Vec<&str> = o.supports.iter().map(|t| t.value.as_ref()).collect();
    assert_eq!(supports, ["a,b", "[x]"]);
    let written = fs::read_to_string(root.join("ops/2026-Q4.yaml")).unwrap();
    assert!(
        written.contains(r#"description: "two\nlines: \"quoted\" \\ back""#),
        "{written}"
    );
    let kr = &o.key_results[0];
    assert_eq!(
        (kr.id.value.as_ref(), kr.title.value.as_ref()),
        ("1.5", "true")
    );
    assert_eq!(&*kr.owner.as_ref().unwrap().value, "null");
    assert_eq!(kr.start.unwrap().value, 12.25);
    assert_eq!(kr.target.unwrap().value, 1e20);
    assert_eq!(&*kr.unit.as_ref().unwrap().value, "%");
    let threshold = &o.key_results[1];
    assert_eq!(&*threshold.title.value, "- dash {x}: y");
    assert_eq!(threshold.keep_above.unwrap().value, -3.0);
    assert!(threshold.current.is_none());
}

/// The schema a file's first line points at, resolved from the file's folder.
fn schema_of(file: &Path) -> serde_json::Value {
    let text = fs::read_to_string(file).unwrap();
    let first = text.lines().next().unwrap();
    let rel = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{}: {first}", file.display()));
    let schema = fs::read_to_string(file.parent().unwrap().join(rel)).unwrap();
    serde_json::from_str(&schema).unwrap()
}

fn schema_errors(schema: &serde_json::Value, yaml: &str) -> Vec<String> {
    let options = serde_saphyr::options! { strict_booleans: true };
    let json = serde_saphyr::from_str_with_options::<serde_json::Value>(yaml, options).unwrap();
    // A file of comments only is an empty document: every key at its default.
    let json = if json.is_null() {
        serde_json::json!({})
    } else {
        json
    };
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap();
    validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn created_files_validate_against_the_schemas_they_point_at() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let out = okr(&["init", arg(root), "--as-of", "2026-08-10"]);
    out.assert_code(0);
    fs::create_dir_all(root.join("platform")).unwrap();
    fs::copy(
        acme().join("platform/2026-Q3.yaml"),
        root.join("platform/2026-Q3.yaml"),
    )
    .unwrap();
    let out = okr(&[
        "new",
        "--team",
        "platform",
        "--from",
        "2026-Q3",
        "--path",
        arg(root),
    ]);
    out.assert_code(0);
    let out = okr(&["new", "--team", "sales", "--path", arg(root)]);
    out.assert_code(0);
    for rel in [
        "okr.yaml",
        "strategy.yaml",
        "2026-Q3.yaml",
        "platform/2026-Q4.yaml",
        "sales/2027-Q1.yaml",
    ] {
        let file = root.join(rel);
        let errors = schema_errors(&schema_of(&file), &fs::read_to_string(&file).unwrap());
        assert!(errors.is_empty(), "{rel}: {errors:?}");
    }
    // okr.yaml with every setting uncommented.
    let written = fs::read_to_string(root.join("okr.yaml")).unwrap();
    let (_, block) = written.split_once("\n\n").unwrap();
    let uncommented: String = block
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap_or(l)))
        .collect();
    let errors = schema_errors(&schema_of(&root.join("okr.yaml")), &uncommented);
    assert!(errors.is_empty(), "{errors:?}");
}
