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
    assert_eq!(value["counts"]["errors"], 3);
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
