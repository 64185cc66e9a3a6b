//! Shell conventions: completion scripts, man pages, global flags and
//! `--help` examples, for every command.

use crate::util::{Okr, Output};

fn okr(args: &[&str]) -> Output {
    Okr::new().args(args).run()
}

const COMMANDS: [&str; 11] = [
    "check",
    "report",
    "diff",
    "rules",
    "schema",
    "init",
    "new",
    "checkin",
    "map",
    "completions",
    "man",
];

#[test]
fn completions_cover_every_command_in_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _okr"),
        ("zsh", "#compdef okr"),
        ("fish", "complete -c okr"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "set edit:completion:arg-completer[okr]"),
    ] {
        let out = okr(&["completions", shell]);
        assert_eq!(out.code(), Some(0), "{shell}");
        let script = out.stdout();
        assert!(script.contains(marker), "{shell}: no `{marker}`");
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} completes no `{command}`");
        }
    }
    assert_eq!(okr(&["completions", "tcsh"]).code(), Some(2));
}

#[test]
fn man_pages_are_generated_from_the_command_line_definitions() {
    let page = okr(&["man"]).stdout();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq"),
        "roff: {}",
        &page[..40]
    );
    assert!(page.contains(".TH okr 1"));
    for command in COMMANDS {
        assert!(
            page.contains(&format!("okr\\-{command}(1)")),
            "no {command}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let out = okr(&["man", "--out-dir", dir.path().to_str().unwrap(), "-q"]);
    assert_eq!(out.code(), Some(0));
    assert!(out.stdout().is_empty(), "--quiet");
    for command in COMMANDS {
        let page = std::fs::read_to_string(dir.path().join(format!("okr-{command}.1"))).unwrap();
        assert!(page.contains(&format!(".TH okr-{command} 1")), "{command}");
    }
    assert!(dir.path().join("okr.1").exists());
}

#[test]
fn every_command_takes_the_global_flags_and_shows_examples() {
    for command in COMMANDS {
        let help = okr(&[command, "--help"]).stdout();
        for flag in [
            "--color <COLOR>",
            "--as-of <DATE>",
            "-q, --quiet",
            "-v, --verbose",
        ] {
            assert!(help.contains(flag), "`okr {command} --help` lacks {flag}");
        }
        assert!(
            help.contains("Examples:\n  okr "),
            "`okr {command} --help` has no examples"
        );
    }
    // Global flags go before or after the command.
    let before = okr(&["--as-of", "2026-11-28", "-q", "check", "examples/acme"]);
    let after = okr(&["check", "examples/acme", "--as-of", "2026-11-28", "-q"]);
    assert_eq!(before.code(), Some(0));
    assert_eq!(before.stdout(), after.stdout());
    assert_eq!(before.stdout(), "", "--quiet: nothing when all is well");
    assert_eq!(okr(&["check", "-q", "-v"]).code(), Some(2), "-q with -v");
}
