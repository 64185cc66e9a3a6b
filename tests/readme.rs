//! The README's examples are run: every ```console block is a session of
//! `$ okr ...` commands and their expected output, run in order in a fresh
//! copy of examples/ (so commands that write, like `okr checkin`, change the
//! copy), with `OKR_AS_OF=2026-11-28` and `NO_COLOR=1` so the output is
//! reproducible. In expected output, a line `...` stands for any lines and
//! `[..]` for any text within a line; a last line `[exit status: N]` expects
//! that exit code instead of 0. stdout comes first, then stderr.

use std::fs;

use crate::util::{Okr, TODAY, copy_dir, root};

struct Step {
    line: usize,
    args: Vec<String>,
    expected: Vec<String>,
}

/// The ```console blocks of `markdown`, each a list of steps.
fn sessions(markdown: &str) -> Vec<Vec<Step>> {
    let mut sessions = Vec::new();
    let mut current: Option<Vec<Step>> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut current, line) {
            (None, "```console") => current = Some(Vec::new()),
            (Some(_), "```") => sessions.push(current.take().unwrap()),
            (Some(steps), _) => match line.strip_prefix("$ ") {
                Some(command) => steps.push(Step {
                    line: i + 1,
                    args: split(command),
                    expected: Vec::new(),
                }),
                None => steps
                    .last_mut()
                    .unwrap_or_else(|| panic!("README.md:{}: output before a `$` line", i + 1))
                    .expected
                    .push(line.to_owned()),
            },
            (None, _) => {}
        }
    }
    assert!(current.is_none(), "README.md: an unclosed ```console block");
    sessions
}

/// Splits a command line like a shell would for simple quoting.
fn split(command: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut arg = String::new();
    let mut quote = None;
    let mut started = false;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => arg.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, ' ') if started => {
                args.push(std::mem::take(&mut arg));
                started = false;
            }
            (None, ' ') => {}
            (None, c) => {
                arg.push(c);
                started = true;
            }
        }
    }
    if started {
        args.push(arg);
    }
    args
}

/// Whether `line` matches `pattern`, where `[..]` stands for any text.
fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[..]").collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let (first, rest) = (parts[0], &parts[1..]);
    let Some(mut left) = line.strip_prefix(first) else {
        return false;
    };
    for (i, part) in rest.iter().enumerate() {
        if i == rest.len() - 1 {
            return left.ends_with(part);
        }
        match left.find(part) {
            Some(at) => left = &left[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `lines` match `patterns`, where a `...` pattern stands for any lines.
fn lines_match(patterns: &[String], lines: &[&str]) -> bool {
    match patterns.split_first() {
        None => lines.is_empty(),
        Some((p, rest)) if p == "..." => {
            (0..=lines.len()).any(|skip| lines_match(rest, &lines[skip..]))
        }
        Some((p, rest)) => {
            !lines.is_empty() && line_matches(p, lines[0]) && lines_match(rest, &lines[1..])
        }
    }
}

#[test]
fn readme_examples_run_as_shown() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let sessions = sessions(&readme);
    assert!(
        sessions.len() >= 5,
        "the README's console examples went missing"
    );
    let mut failures = Vec::new();
    for steps in sessions {
        let sandbox = tempfile::tempdir().unwrap();
        copy_dir(&root().join("examples"), &sandbox.path().join("examples"));
        for step in steps {
            assert_eq!(
                step.args[0], "okr",
                "README.md:{}: only okr is run",
                step.line
            );
            let out = Okr::new()
                .args(&step.args[1..])
                .current_dir(sandbox.path())
                .env("OKR_AS_OF", TODAY)
                .env("NO_COLOR", "1")
                .run();
            let mut expected = step.expected.clone();
            let status = match expected.last().and_then(|l| {
                l.strip_prefix("[exit status: ")
                    .and_then(|s| s.strip_suffix(']'))
            }) {
                Some(code) => {
                    let code = code.parse().unwrap();
                    expected.pop();
                    code
                }
                None => 0,
            };
            let text = format!("{}{}", out.stdout(), out.stderr());
            let lines: Vec<&str> = text.lines().collect();
            if out.code() != Some(status) || !lines_match(&expected, &lines) {
                failures.push(format!(
                    "README.md:{}: `{}` exited {:?} (expected {status}) and printed:\n{text}",
                    step.line,
                    step.args.join(" "),
                    out.code()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_matcher_can_fail() {
    let lines = ["a 1 ms", "b", "c"];
    let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(lines_match(&p(&["a [..] ms", "...", "c"]), &lines));
    assert!(!lines_match(&p(&["a [..] s", "b", "c"]), &lines[..1]));
    assert!(!lines_match(&p(&["a 1 ms", "c"]), &lines));
    assert_eq!(split(r#"okr checkin P1.1 4 --note "a b" 'c'"#).len(), 7);
}
