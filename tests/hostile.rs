//! Hostile and broken files: each is one located finding, never a panic or a
//! hang, and the other files of the repository are still checked.

use chrono::NaiveDate;
use std::fs;
use std::path::Path;

use okr::diagnostic::Diagnostic;

/// A clean quarter file, so each test can show the rest is still checked.
const GOOD: &str = "objectives:\n  - id: O1\n    title: Win retailers\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n";

fn check(files: &[(&str, &[u8])]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("folder");
        }
        fs::write(path, bytes).expect("write fixture");
    }
    // A sibling team whose only finding is O001 (one objective), proving it was loaded.
    fs::create_dir_all(dir.path().join("other")).expect("folder");
    fs::write(dir.path().join("other/2026-Q3.yaml"), GOOD).expect("write");
    run(dir.path())
}

fn run(root: &Path) -> Vec<Diagnostic> {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let outcome = okr::check::check(root, as_of).expect("loads");
    let prefix = format!("{}/", root.display());
    let mut diagnostics = outcome.diagnostics;
    for d in &mut diagnostics {
        d.path = d.path.trim_start_matches(&prefix).to_owned();
    }
    assert!(
        diagnostics
            .iter()
            .any(|d| d.path == "other/2026-Q3.yaml" && d.code == "O001"),
        "the other file was not checked: {diagnostics:#?}"
    );
    diagnostics
}

/// The findings for `2026-Q3.yaml` as (code, line, column).
fn found(diagnostics: &[Diagnostic]) -> Vec<(&'static str, usize, usize)> {
    diagnostics
        .iter()
        .filter(|d| d.path == "2026-Q3.yaml")
        .map(|d| (d.code, d.span.line, d.span.column))
        .collect()
}

#[test]
fn malformed_yaml_is_l001_at_the_parser_position() {
    let d = check(&[(
        "2026-Q3.yaml",
        b"objectives:\n  - id: O1\n    title: \"unclosed\n",
    )]);
    let f = found(&d);
    assert_eq!(f.len(), 1, "{d:#?}");
    assert_eq!(f[0].0, "L001");
    assert!(f[0].1 >= 3, "{f:?}");
}

#[test]
fn duplicate_keys_are_l003() {
    let d = check(&[("2026-Q3.yaml", b"objectives: []\nobjectives: []\n")]);
    assert_eq!(found(&d), vec![("L003", 2, 1)]);
}

#[test]
fn tabs_for_indentation_are_l001() {
    let d = check(&[("2026-Q3.yaml", b"objectives:\n\t- id: O1\n")]);
    assert_eq!(found(&d).first().map(|f| f.0), Some("L001"));
}

#[test]
fn billion_laughs_is_stopped() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("objectives: *i\n");
    let d = check(&[("2026-Q3.yaml", bomb.as_bytes())]);
    let f = found(&d);
    assert_eq!(f.len(), 1, "{d:#?}");
    assert!(matches!(f[0].0, "L002" | "L004"), "{f:?}");
}

#[test]
fn deep_nesting_is_a_finding() {
    let depth = 100_000;
    let flow = format!("objectives: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let block: String = (0..5_000)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    let d = check(&[
        ("2026-Q3.yaml", flow.as_bytes()),
        ("deep/2026-Q3.yaml", block.as_bytes()),
    ]);
    assert_eq!(found(&d).len(), 1, "{d:#?}");
    assert!(d.iter().any(|x| x.path == "deep/2026-Q3.yaml"));
}

#[test]
fn binary_data_is_a_finding() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let d = check(&[("2026-Q3.yaml", &bytes)]);
    assert_eq!(found(&d).len(), 1, "{d:#?}");
}

#[test]
fn invalid_utf8_is_l004_on_its_line() {
    let d = check(&[(
        "2026-Q3.yaml",
        b"objectives:\n  - id: O1\n    title: caf\xe9\n",
    )]);
    assert_eq!(found(&d), vec![("L004", 3, 15)]);
}

#[test]
fn utf16_is_l004() {
    let text: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("objectives: []\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let d = check(&[("2026-Q3.yaml", &text)]);
    assert_eq!(found(&d), vec![("L004", 1, 1)]);
}

#[test]
fn utf8_bom_is_accepted() {
    let d = check(&[("2026-Q3.yaml", format!("\u{feff}{GOOD}").as_bytes())]);
    assert_eq!(found(&d), vec![("O001", 1, 1)]);
}

#[test]
fn files_over_the_size_limit_are_l004() {
    let big = format!("{GOOD}# {}\n", "x".repeat(9 * 1024 * 1024));
    let d = check(&[("2026-Q3.yaml", big.as_bytes())]);
    assert_eq!(found(&d), vec![("L004", 1, 1)]);
    let padded = format!("{GOOD}# {}\n", "x".repeat(100));
    let small = check(&[
        ("okr.yaml", b"max_file_bytes: 150\n"),
        ("2026-Q3.yaml", padded.as_bytes()),
    ]);
    assert_eq!(found(&small), vec![("L004", 1, 1)]);
}

#[test]
fn empty_and_comment_only_files_have_no_objectives() {
    let d = check(&[
        ("2026-Q3.yaml", b""),
        ("x/2026-Q3.yaml", b"# nothing yet\n"),
    ]);
    assert_eq!(found(&d), vec![("O001", 1, 1)]);
    assert!(
        d.iter()
            .any(|x| x.path == "x/2026-Q3.yaml" && x.code == "O001")
    );
}

#[test]
fn wrong_top_level_shapes_are_l002() {
    let d = check(&[
        ("2026-Q3.yaml", b"- 1\n- 2\n"),
        ("s/2026-Q3.yaml", b"just text\n"),
    ]);
    assert_eq!(found(&d), vec![("L002", 1, 1)]);
    assert!(
        d.iter()
            .any(|x| x.path == "s/2026-Q3.yaml" && x.code == "L002")
    );
}

#[test]
fn impossible_numbers_and_dates() {
    let file = b"objectives:\n  - id: O1\n    title: T\n    key_results:\n      - title: Reach 5\n        target: .nan\n        checkins:\n          - {date: 2026-02-30, value: 1}\n";
    let d = check(&[("2026-Q3.yaml", file)]);
    let f = found(&d);
    assert!(f.contains(&("O012", 6, 17)), "{f:?}");
    assert!(f.contains(&("L002", 8, 20)), "{f:?}");
    let huge = check(&[(
        "2026-Q3.yaml",
        b"objectives:\n  - id: O1\n    title: T\n    weight: 1e400\n",
    )]);
    assert_eq!(found(&huge).first().map(|f| (f.0, f.1)), Some(("L002", 4)));
}

#[cfg(unix)]
#[test]
fn fifos_and_symlinks_are_never_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("other")).expect("folder");
    fs::write(dir.path().join("other/2026-Q3.yaml"), GOOD).expect("write");
    let fifo = dir.path().join("2026-Q3.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("2026-Q4.yaml")).expect("symlink");
    std::os::unix::fs::symlink(".", dir.path().join("loop")).expect("symlink");
    let d = run(dir.path());
    if made {
        assert_eq!(found(&d), vec![("L004", 1, 1)]);
    }
    let link: Vec<_> = d.iter().filter(|x| x.path == "2026-Q4.yaml").collect();
    assert_eq!(link.len(), 1, "{d:#?}");
    assert!(link[0].code == "L004" && link[0].message.contains("symbolic link"));
    let fifo_strategy = dir.path().join("strategy.yaml");
    if Command::new("mkfifo")
        .arg(&fifo_strategy)
        .status()
        .is_ok_and(|s| s.success())
    {
        let d = run(dir.path());
        assert!(
            d.iter()
                .any(|x| x.path == "strategy.yaml" && x.code == "L004"),
            "{d:#?}"
        );
    }
}

use std::process::Command;

#[test]
fn a_broken_file_causes_no_false_findings_elsewhere() {
    let platform = b"objectives:\n  - id: P1\n    title: Make deploys boring\n    aligns_to: [sales/S1]\n    key_results:\n      - title: Cut failed deploys to 3%\n        start: 12\n        target: 3\n";
    let sales = b"objectives:\n  - id: S1\n    titel: Grow pipeline\n";
    let d = check(&[
        ("platform/2026-Q3.yaml", platform),
        ("sales/2026-Q3.yaml", sales),
    ]);
    assert!(
        d.iter()
            .any(|x| x.path == "sales/2026-Q3.yaml" && x.code == "L002"),
        "{d:#?}"
    );
    assert!(!d.iter().any(|x| x.code == "O006"), "{d:#?}");
}

#[cfg(unix)]
#[test]
fn settings_okr_cannot_read_stop_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("2026-Q3.yaml"), GOOD).expect("write");
    std::os::unix::fs::symlink("/etc/hostname", dir.path().join("okr.yaml")).expect("symlink");
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let outcome = okr::check::check(dir.path(), as_of).expect("loads");
    assert!(outcome.config_invalid);
    assert_eq!(outcome.diagnostics.len(), 1, "{:#?}", outcome.diagnostics);
    assert_eq!(outcome.diagnostics[0].code, "L004");
}
