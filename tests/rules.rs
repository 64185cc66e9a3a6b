//! Every rule has fixtures under tests/rules/<CODE>/: `fail/` is a goals
//! repository that triggers the rule exactly where `fail/expect.txt` says
//! (`path:line:column` per line, only findings of that code are compared), and
//! `pass/` is a similar repository with no finding at all. Date rules use
//! `--as-of 2026-11-28`.

use std::fs;
use std::path::{Path, PathBuf};

use okr::rules::{Code, RULES};

use crate::util::{fixture, today};

/// tests/rules/<CODE>/<CASE>.
fn rule_fixture(code: Code, case: &str) -> PathBuf {
    fixture(&format!("rules/{code}/{case}"))
}

/// `path:line:column` of each finding of `code`, paths relative to the fixture.
fn findings(root: &Path, code: Code) -> Vec<String> {
    let outcome = okr::commands::check(root, today()).expect("fixture loads");
    let prefix = format!("{}/", root.display());
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            format!(
                "{}:{}:{}",
                d.path.strip_prefix(&prefix).unwrap_or(&d.path),
                d.position.line,
                d.position.column
            )
        })
        .collect()
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let missing: Vec<String> = RULES
        .iter()
        .flat_map(|r| ["fail/expect.txt", "pass"].map(|case| (r.code, case)))
        .filter(|&(code, case)| !rule_fixture(code, case).exists())
        .map(|(code, case)| format!("{code}/{case}"))
        .collect();
    assert!(missing.is_empty(), "missing fixtures: {missing:?}");
}

#[test]
fn failing_fixtures_report_exactly_the_expected_places() {
    let mut failures = Vec::new();
    for rule in RULES {
        let root = rule_fixture(rule.code, "fail");
        let Ok(expected) = fs::read_to_string(root.join("expect.txt")) else {
            continue;
        };
        let mut expected: Vec<String> = expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        expected.sort();
        let mut actual = findings(&root, rule.code);
        actual.sort();
        if expected.is_empty() || actual != expected {
            failures.push(format!(
                "{}: expected {expected:?}, got {actual:?}",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn passing_fixtures_are_clean() {
    let mut failures = Vec::new();
    for rule in RULES {
        let root = rule_fixture(rule.code, "pass");
        if !root.exists() {
            continue;
        }
        let outcome = okr::commands::check(&root, today()).expect("fixture loads");
        for d in &outcome.diagnostics {
            failures.push(format!(
                "{} pass: {}:{}:{} {} {}",
                rule.code, d.path, d.position.line, d.position.column, d.code, d.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
