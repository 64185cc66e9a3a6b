//! The `okr` binary end to end: exit codes, and snapshots of every output
//! format on tests/cli/findings (reviewed like code: `cargo insta review`).

use crate::util::{AS_OF, Okr, Output, fixture, root};

/// okr ARGS in the repository's root, so paths print as they are given.
fn okr(args: &[&str]) -> Output {
    Okr::new().args(args).run()
}

fn code(args: &[&str]) -> i32 {
    okr(args).code().unwrap_or(-1)
}

#[test]
fn exit_codes_follow_the_contract() {
    assert_eq!(
        code(&["check", "examples/acme", AS_OF]),
        0,
        "a clean repository"
    );
    assert_eq!(
        code(&["check", "tests/cli/findings", AS_OF]),
        1,
        "errors found"
    );
    assert_eq!(
        code(&["check", "tests/cli/warnings", AS_OF]),
        0,
        "warnings only"
    );
    assert_eq!(
        code(&["check", "tests/cli/warnings", AS_OF, "--deny-warnings"]),
        1,
        "warnings denied"
    );
    assert_eq!(
        code(&["check", "tests/cli/bad-config", AS_OF]),
        2,
        "invalid okr.yaml"
    );
    assert_eq!(
        code(&["check", "tests/cli/no-such-folder"]),
        2,
        "missing folder"
    );
    assert_eq!(code(&["check", "Cargo.toml"]), 2, "not a folder");
    assert_eq!(code(&["check", "docs"]), 2, "no goals files at all");
    assert_eq!(
        code(&["check", "--format", "xml", "examples/acme"]),
        2,
        "bad argument"
    );
    assert_eq!(
        code(&["check", "--as-of", "2026-02-30", "examples/acme"]),
        2,
        "bad date"
    );
    assert_eq!(code(&["rules", "O002"]), 0);
    assert_eq!(code(&["rules", "Z999"]), 2);
}

#[test]
fn errors_name_the_problem_on_stderr() {
    let output = okr(&["check", "tests/cli/no-such-folder"]);
    let stderr = output.stderr();
    assert!(
        stderr.contains("tests/cli/no-such-folder` does not exist"),
        "{stderr}"
    );
    assert!(output.stdout_bytes().is_empty());
}

#[test]
fn human_format() {
    let output = okr(&["check", "tests/cli/findings", AS_OF, "--color=never"]);
    insta::assert_snapshot!(output.stdout());
}

#[test]
fn human_format_colours_only_when_asked() {
    let plain = okr(&["check", "tests/cli/findings", AS_OF]).stdout();
    assert!(!plain.contains('\u{1b}'), "not a terminal: no colour");
    let coloured = okr(&["check", "tests/cli/findings", AS_OF, "--color=always"]).stdout();
    assert!(coloured.contains("\u{1b}["));
}

#[test]
fn json_format() {
    let output = okr(&["check", "tests/cli/findings", AS_OF, "--format=json"]);
    let text = output.stdout();
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["counts"]["errors"], 4);
    insta::assert_snapshot!(text);
}

#[test]
fn github_format() {
    let output = okr(&["check", "tests/cli/findings", AS_OF, "--format=github"]);
    insta::assert_snapshot!(output.stdout());
}

#[test]
fn sarif_format() {
    let output = okr(&["check", "tests/cli/findings", AS_OF, "--format=sarif"]);
    let text = output.stdout();
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["version"], "2.1.0");
    let rules = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(rules, okr::rules::RULES.len());
    for result in value["runs"][0]["results"].as_array().into_iter().flatten() {
        let index = result["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(okr::rules::RULES[index].code.as_str(), result["ruleId"]);
    }
    assert_eq!(crate::paths::sarif_problems(&value), Vec::<String>::new());
    // The base is this checkout's absolute path, which differs from machine to machine.
    let base = value["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("a base for the relative paths");
    let text = text.replace(base, "file:///[checkout]/");
    insta::assert_snapshot!(text);
}

#[test]
fn invalid_config_is_reported_where_it_is_wrong() {
    let output = okr(&["check", "tests/cli/bad-config", AS_OF, "--format=github"]);
    insta::assert_snapshot!(output.stdout());
}

#[test]
fn rules_list_and_explain() {
    insta::assert_snapshot!("rules_list", okr(&["rules"]).stdout());
    let explained = okr(&["rules", "key-result-count"]).stdout();
    assert!(
        explained.starts_with("O002 key-result-count [error]"),
        "{explained}"
    );
    assert!(explained.contains("Why it matters"));
}

#[test]
fn docs_rules_md_is_generated_from_the_rule_table() {
    let committed = std::fs::read_to_string(root().join("docs/rules.md")).unwrap_or_default();
    assert!(
        committed == okr::render::rules::markdown(),
        "docs/rules.md is out of date: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn readme_rules_table_is_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap_or_default();
    let table = readme
        .split_once("<!-- rules:start -->\n")
        .and_then(|(_, rest)| rest.split_once("<!-- rules:end -->"))
        .map(|(table, _)| table);
    assert_eq!(
        table,
        Some(okr::render::rules::markdown_table("docs/rules.md").as_str()),
        "the README's rules table is out of date"
    );
}

/// Files are read and parsed on several threads; the findings, their order
/// and every output byte must not depend on how many.
#[test]
fn output_is_the_same_with_one_thread_or_many() {
    let mut cases = 0;
    for entry in std::fs::read_dir(fixture("rules")).expect("fixtures") {
        let fail = entry.expect("fixture").path().join("fail");
        let Some(dir) = fail.to_str() else { continue };
        for format in ["human", "json"] {
            let one = okr(&["check", dir, AS_OF, "--threads", "1", "--format", format]);
            let many = okr(&["check", dir, AS_OF, "--threads", "4", "--format", format]);
            assert_eq!(one.code(), many.code(), "{dir}");
            assert_eq!(one.stdout(), many.stdout(), "{dir} {format}");
            cases += 1;
        }
    }
    assert!(cases > 50, "{cases}");
}

/// A file pasted from a spreadsheet with a dozen independent mistakes: one
/// run reports every one at its line and column, nothing twice, and the
/// other rules still run on the rest of the file.
#[test]
fn every_problem_of_a_file_in_one_run() {
    let output = okr(&[
        "check",
        "tests/cli/mistakes",
        "--as-of",
        "2026-11-20",
        "--format=json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&output.stdout()).expect("valid JSON");
    let findings: Vec<(String, u64, u64, String, String)> = value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("growth/2026-Q4.yaml"))
        })
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default().to_owned(),
                d["hint"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected: [(&str, u64, u64, &str); 14] = [
        ("L002", 4, 5, "did you mean `title`?"),
        ("L002", 8, 17, "write `target: 5100000` and `unit: USD`"),
        ("L002", 10, 16, "`0%`, a percentage, but `unit: ms`"),
        ("L002", 15, 17, "okr works out every other status"),
        (
            "L002",
            17,
            19,
            "`date: 2026-11-01` (1 November 2026) or `date: 2026-01-11`",
        ),
        ("L002", 20, 20, "found the text `lots`"),
        ("L002", 22, 10, "has an empty `title`"),
        ("L002", 23, 11, "did you mean `committed`?"),
        ("L002", 27, 17, "write `target: 1200`"),
        ("L002", 30, 15, "write `done: true`"),
        ("L002", 34, 13, "found the text `heavy`"),
        ("L002", 39, 16, "write `start: 12` and `unit: hours`"),
        // The other rules still run on what could be read.
        ("O015", 36, 16, "starts with `attend`"),
        ("O014", 7, 16, "has had no check-in for"),
    ];
    for (code, line, column, text) in expected {
        assert!(
            findings.iter().any(|(c, l, col, m, h)| c == code
                && *l == line
                && *col == column
                && (m.contains(text) || h.contains(text))),
            "no {code} at {line}:{column} saying {text:?} in {findings:#?}"
        );
    }
    // Nothing follows from a value already reported: no "has no title" for
    // the misspelt one, no kind or check-in cascades, and `45%` is fine.
    let l002 = findings.iter().filter(|f| f.0 == "L002").count();
    assert_eq!(l002, 12, "{findings:#?}");
    assert!(!findings.iter().any(|f| f.0 == "O003"), "{findings:#?}");
    assert!(
        !findings
            .iter()
            .any(|f| f.0 == "O014" && f.3.contains("G1.3")),
        "{findings:#?}"
    );
    assert!(
        !findings.iter().any(|f| f.1 == 11),
        "45% is a number: {findings:#?}"
    );
}

/// `45%` is 45 with unit `%`, whether or not it is quoted, and the report
/// shows it so.
#[test]
fn percentages_are_numbers_with_unit_percent() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("2026-Q4.yaml"),
        "objectives:\n  - id: G1\n    title: Win\n    key_results:\n      - title: Conversion\n        start: 0%\n        target: \"45%\"\n        checkins:\n          - {date: 2026-11-02, value: 30%}\n",
    )
    .expect("written");
    let root = dir.path().to_str().expect("UTF-8 path");
    let check = okr(&["check", root, "--as-of", "2026-11-10", "--format=json"]);
    assert!(!check.stdout().contains("L002"), "{}", check.stdout());
    let report = okr(&["report", root, "--as-of", "2026-11-10", "--format=json"]);
    let value: serde_json::Value = serde_json::from_str(&report.stdout()).expect("valid JSON");
    let text = value.to_string();
    assert!(text.contains("\"unit\":\"%\""), "{text}");
    assert!(
        text.contains("\"target\":45.0") || text.contains("\"target\":45"),
        "{text}"
    );
}

/// One file, as an editor or a hook passes it: checked against its whole
/// repository, only its findings shown, named as given.
#[test]
fn one_file_is_checked_against_its_repository() {
    let file = "tests/cli/mistakes/growth/2026-Q4.yaml";
    let out = okr(&["check", file, "--as-of", "2026-11-20", "--format=json"]);
    let value: serde_json::Value = serde_json::from_str(&out.stdout()).expect("valid JSON");
    let paths: Vec<&str> = value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| *p == file), "{paths:?}");
    // The strategy's findings (B010) belong to the other file.
    let strategy = okr(&[
        "check",
        "tests/cli/mistakes/strategy.yaml",
        "--as-of",
        "2026-11-20",
    ]);
    assert!(strategy.stdout().contains("B010"), "{}", strategy.stdout());
    assert!(!strategy.stdout().contains("L002"), "{}", strategy.stdout());
}

/// B010 judges the quarter running at the as-of date: a draft of the next
/// quarter that supports little is not judged while this one runs.
#[test]
fn b010_judges_the_running_quarter_not_a_draft_of_the_next() {
    let dir = tempfile::tempdir().expect("a folder");
    crate::util::copy_dir(&crate::util::acme(), dir.path());
    std::fs::write(
        dir.path().join("2027-Q1.yaml"),
        "objectives:\n  - id: D1\n    title: Draft\n    key_results:\n      - {title: Ship 3 things, target: 3}\n",
    )
    .expect("written");
    let root = dir.path().to_str().expect("UTF-8");
    let out = okr(&["check", root, "--as-of", "2026-11-28"]);
    assert!(!out.stdout().contains("B010"), "{}", out.stdout());
    let later = okr(&["check", root, "--as-of", "2027-01-10"]);
    assert!(later.stdout().contains("B010"), "{}", later.stdout());
}

/// A team's quarter split over two files is one finding, L007: neither
/// file is also "too few objectives" (O001).
#[test]
fn a_split_team_quarter_is_only_l007() {
    let dir = tempfile::tempdir().expect("a folder");
    let one = "objectives:\n  - id: P1\n    title: Make deploys boring\n    key_results:\n      - {title: Cut failed deploys to 3, target: 3, start: 12}\n";
    std::fs::create_dir_all(dir.path().join("platform")).expect("folder");
    std::fs::write(dir.path().join("platform/2026-Q4.yaml"), one).expect("written");
    std::fs::write(
        dir.path().join("platform/2026-Q4.yml"),
        one.replace("P1", "P2"),
    )
    .expect("written");
    let out = okr(&[
        "check",
        dir.path().to_str().expect("UTF-8"),
        "--as-of",
        "2026-10-05",
    ]);
    let text = out.stdout();
    assert!(text.contains("L007"), "{text}");
    assert!(!text.contains("O001"), "{text}");
}
