//! okr from any folder of a goals repository: from the root, from a team's
//! folder and from above the root, with and without git, every command
//! reads the same repository (teams, references, settings, strategy) or
//! says clearly why it cannot. And the file names okr reports (L005): a
//! quarter or another period named another way, never a file that is
//! clearly something else (tests/roots/names/).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{AS_OF, Okr, Output, Repo, acme, copy_dir, fixture, write};

fn run(dir: &Path, args: &[&str]) -> Output {
    Okr::new().current_dir(dir).args(args).arg(AS_OF).run()
}

/// A copy of acme in `goals/` of a folder, in git or not.
struct Setup {
    _git: Option<Repo>,
    _dir: Option<tempfile::TempDir>,
    top: PathBuf,
}

impl Setup {
    fn new(git: bool) -> Setup {
        let (repo, dir) = if git {
            (Some(Repo::init()), None)
        } else {
            (None, Some(tempfile::tempdir().expect("a folder")))
        };
        let top = repo
            .as_ref()
            .map(|r| r.path().to_path_buf())
            .or_else(|| dir.as_ref().map(|d| d.path().to_path_buf()))
            .expect("a folder");
        copy_dir(&acme(), &top.join("goals"));
        if let Some(repo) = &repo {
            repo.commit("acme", "2026-11-01T10:00:00");
        }
        Setup {
            _git: repo,
            _dir: dir,
            top,
        }
    }

    fn goals(&self) -> PathBuf {
        self.top.join("goals")
    }

    /// The places okr is run from, with the PATH it is given, that all
    /// mean the goals repository.
    fn inside(&self) -> Vec<(PathBuf, Vec<String>)> {
        let goals = self.goals();
        let platform = goals.join("platform");
        let absolute = platform.to_string_lossy().into_owned();
        vec![
            (self.top.clone(), vec!["goals".to_owned()]),
            (goals.clone(), vec![]),
            (platform.clone(), vec![]),
            (platform.clone(), vec![".".to_owned()]),
            (self.top.clone(), vec!["goals/platform".to_owned()]),
            (goals.join("sales"), vec![absolute]),
        ]
    }
}

fn report(dir: &Path, path: &[String]) -> Value {
    let mut args = vec!["report", "--format", "json", "--quarter", "all"];
    args.extend(path.iter().map(String::as_str));
    let out = run(dir, &args);
    out.assert_code(0);
    out.json()
}

fn same_teams_and_scores_from_every_folder(git: bool) {
    let setup = Setup::new(git);
    let expected = report(&setup.goals(), &[]);
    assert!(
        expected.to_string().contains("\"platform\""),
        "the report has the platform team"
    );
    for (dir, path) in setup.inside() {
        assert_eq!(report(&dir, &path), expected, "report {path:?} in {dir:?}");
        let mut args = vec!["map", "--format", "mermaid"];
        args.extend(path.iter().map(String::as_str));
        let map = run(&dir, &args);
        map.assert_code(0);
        assert_eq!(
            map.stdout(),
            run(&setup.goals(), &["map", "--format", "mermaid"]).stdout()
        );
    }
}

#[test]
fn same_teams_and_scores_from_every_folder_in_git() {
    same_teams_and_scores_from_every_folder(true);
}

#[test]
fn same_teams_and_scores_from_every_folder_outside_git() {
    same_teams_and_scores_from_every_folder(false);
}

/// Above the root, the goals folder below is named, with how to check it;
/// nothing is scored as a team called `goals`.
fn above_the_root_names_the_goals_folder(git: bool) {
    let setup = Setup::new(git);
    let check = run(&setup.top, &["check"]);
    check.assert_code(2);
    let stdout = check.stdout();
    assert!(
        stdout.contains("`goals/okr.yaml` is the settings of another goals folder, `goals`"),
        "{stdout}"
    );
    assert!(stdout.contains("`okr check goals`"), "{stdout}");
    assert!(
        check.stderr().contains("no goals file checked"),
        "{}",
        check.stderr()
    );
    let json = run(&setup.top, &["check", "--format", "json"]).json();
    let paths: Vec<&str> = json_paths(&json);
    assert_eq!(paths, ["goals/okr.yaml", "goals/strategy.yaml"]);
    let report = run(&setup.top, &["report"]);
    report.assert_code(2);
    assert!(
        report.stderr().contains("`okr check goals`"),
        "{}",
        report.stderr()
    );
}

#[test]
fn above_the_root_names_the_goals_folder_in_git() {
    above_the_root_names_the_goals_folder(true);
}

#[test]
fn above_the_root_names_the_goals_folder_outside_git() {
    above_the_root_names_the_goals_folder(false);
}

fn json_paths(doc: &Value) -> Vec<&str> {
    doc["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["path"].as_str())
        .collect()
}

#[test]
fn check_in_a_team_folder_reports_its_files_against_the_whole_repository() {
    let setup = Setup::new(true);
    let goals = setup.goals();
    // A finding in sales must not show from platform, and platform's
    // references to company objectives must resolve (no false O006).
    write(&goals, "sales/2026-Q4.yaml", "objectives: [1]\n");
    let platform = goals.join("platform");
    let out = run(&platform, &["check"]);
    out.assert_code(0);
    assert_eq!(out.stdout(), "checked 2 files: no problems found\n");
    let unknown = "quarter: 2026-Q4\nobjectives:\n  - id: X1\n    title: Ship it\n    aligns_to: [company/O9]\n";
    write(&goals, "platform/2026-Q4.yaml", unknown);
    for (dir, path, shown) in [
        (platform.clone(), ".", "2026-Q4.yaml"),
        (
            setup.top.clone(),
            "goals/platform",
            "goals/platform/2026-Q4.yaml",
        ),
    ] {
        let out = run(&dir, &["check", path, "--format", "json"]);
        let doc = out.json();
        let paths = json_paths(&doc);
        assert!(
            !paths.is_empty() && paths.iter().all(|p| *p == shown),
            "{paths:?}"
        );
        assert!(
            doc.to_string().contains("team `company` has no `O9`"),
            "{doc}"
        );
    }
}

#[test]
fn checkin_and_new_in_a_team_folder_act_on_the_root() {
    let setup = Setup::new(false);
    let goals = setup.goals();
    let platform = goals.join("platform");
    let before = std::fs::read_to_string(platform.join("2026-Q4.yaml")).expect("acme");
    let out = run(&platform, &["checkin", "P2.2", "63"]);
    out.assert_code(0);
    assert!(
        out.stdout().contains("platform/P2/P2.2"),
        "{}",
        out.stdout()
    );
    let after = std::fs::read_to_string(platform.join("2026-Q4.yaml")).expect("acme");
    assert_ne!(before, after, "the platform file was written");

    run(&platform, &["new", "2027-Q1", "--team", "platform"]).assert_code(0);
    assert!(platform.join("2027-Q1.yaml").is_file());
    assert!(!platform.join("platform").exists());
    run(&platform, &["new", "2027-Q1"]).assert_code(0);
    assert!(
        goals.join("2027-Q1.yaml").is_file(),
        "company's file, at the root"
    );
}

#[test]
fn diff_in_a_team_folder_compares_the_root() {
    let setup = Setup::new(true);
    let goals = setup.goals();
    run(&goals, &["checkin", "platform/P2/P2.2", "63"]).assert_code(0);
    let expected = run(&goals, &["diff", "HEAD", "--format", "json"]);
    expected.assert_code(0);
    assert!(expected.stdout().contains("P2.2"), "{}", expected.stdout());
    for (dir, path) in [
        (goals.join("platform"), None),
        (setup.top.clone(), Some("goals/platform")),
    ] {
        let mut args = vec!["diff", "HEAD", "--format", "json"];
        if let Some(path) = path {
            args.extend(["--path", path]);
        }
        assert_eq!(run(&dir, &args).stdout(), expected.stdout(), "{dir:?}");
    }
}

#[test]
fn period_file_names_are_reported_with_the_name_to_use() {
    let out = run(&fixture(""), &["check", "roots/names", "--color=never"]);
    out.assert_code(0);
    insta::assert_snapshot!(out.stdout());
    let doc = run(&fixture(""), &["check", "roots/names", "--format", "json"]).json();
    let mut reported = json_paths(&doc);
    reported.sort_unstable();
    assert_eq!(
        reported,
        [
            "roots/names/2026-H2.yaml",
            "roots/names/2027.yaml",
            "roots/names/FY26-Q4.yaml",
            "roots/names/monthly/2026-11.yaml",
            "roots/names/okrs/growth-2026-Q4.yaml",
            "roots/names/q4-2026.yml",
            "roots/names/sales/2026-Q4-sales.yaml",
        ],
        "and not .github/, .gitlab-ci.yml, .pre-commit-config.yaml, docker-compose.yml, mkdocs.yml, schemas/, team-2026.yaml"
    );
}

#[test]
fn a_folder_of_misnamed_files_checks_nothing_and_exits_2() {
    let dir = tempfile::tempdir().expect("a folder");
    write(dir.path(), "FY26-Q4.yaml", "objectives: []\n");
    write(dir.path(), "okrs/growth-2026-Q4.yaml", "objectives: []\n");
    for format in ["human", "json", "github", "sarif"] {
        let out = run(dir.path(), &["check", "--format", format]);
        out.assert_code(2);
        assert!(
            out.stderr().contains("no goals file checked"),
            "{format}: {}",
            out.stderr()
        );
        assert!(
            out.stdout().contains("growth"),
            "{format}: the findings are printed"
        );
    }
}
