//! The one way the tests run the okr binary: [`Okr`] builds the command in
//! an environment of its own, so a test sees the same okr on a developer's
//! machine, in a git hook and in CI, and [`Output`] reads what it printed.
//! Every variable okr or a library it uses reads is removed or set here;
//! a test that needs one sets it with [`Okr::env`], where the reader sees it.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{self, Command, Stdio};

use serde_json::Value;

/// The okr binary cargo built for these tests.
const BIN: &str = env!("CARGO_BIN_EXE_okr");

/// Variables removed from every run, with who reads them.
const REMOVED: &[&str] = &[
    // clap, for `--as-of` and `--threads` (src/cli.rs); any other `OKR_`
    // variable goes too, see REMOVED_PREFIXES.
    "OKR_AS_OF",
    "OKR_THREADS",
    // anstream (anstyle-query), to decide on colour under `--color auto`.
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
    "COLORTERM",
    "CI",
    // rayon's default pool, when `--threads` is not given.
    "RAYON_NUM_THREADS",
    "RAYON_RS_NUM_CPUS",
    // The standard library, to add backtraces to what a panic prints.
    "RUST_BACKTRACE",
    "RUST_LIB_BACKTRACE",
    // Set on GitHub's runners, where okr is used: no output may depend on it.
    "GITHUB_ACTIONS",
    // git, for the user's ignore and attributes files (and HOME, set below).
    "XDG_CONFIG_HOME",
];

/// Prefixes of variables removed: okr's own, and git's (`GIT_DIR` from the
/// hook running the tests, an author, a pager, a config file).
const REMOVED_PREFIXES: &[&str] = &["OKR_", "GIT_"];

/// Variables set in every run, with why.
const SET: &[(&str, &str)] = &[
    // The report's width: what okr uses when stdout is not a terminal.
    ("COLUMNS", "100"),
    // okr's today is the local date (`okr diff`, a run without --as-of):
    // the same wherever the tests run.
    ("TZ", "UTC0"),
    // git's messages, which okr passes on, untranslated.
    ("LC_ALL", "C"),
    // git reads no configuration but the repository's: no signing, no hooks
    // path, no global ignore file (and HOME, below, holds no `.gitconfig`).
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
];

/// Gives `command` the tests' environment: see [`REMOVED`] and [`SET`].
/// HOME is a folder that does not exist, so git finds no `~/.gitconfig` or
/// `~/.config/git/` there. [`super::Repo`] runs git in it too.
pub(super) fn clean(command: &mut Command) {
    for name in REMOVED {
        command.env_remove(name);
    }
    for (name, _) in std::env::vars_os() {
        if REMOVED_PREFIXES
            .iter()
            .any(|prefix| name.to_string_lossy().starts_with(prefix))
        {
            command.env_remove(&name);
        }
    }
    command.envs(SET.iter().copied()).env(
        "HOME",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("okr-tests-no-home"),
    );
}

/// A run of okr being set up: `Okr::new().args(["check", "examples/acme"]).run()`.
/// It runs in the repository's root ([`super::root`]), with stdin empty and
/// the environment of [`clean`].
pub struct Okr {
    command: Command,
    /// The command line, for failure messages.
    shown: String,
}

impl Okr {
    pub fn new() -> Okr {
        Okr::start(Command::new(BIN))
    }

    /// okr started by another program, for what a test cannot ask of okr
    /// itself: `program`, its `args`, then the okr binary's path, then
    /// okr's arguments. `Okr::via("setpriv", &["--reuid=65534", "--"])`.
    pub fn via(program: &str, args: &[&str]) -> Okr {
        let mut command = Command::new(program);
        command.args(args).arg(BIN);
        Okr::start(command)
    }

    fn start(mut command: Command) -> Okr {
        clean(&mut command);
        command.current_dir(super::root()).stdin(Stdio::null());
        Okr {
            command,
            shown: "okr".to_owned(),
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Okr {
        self.shown.push(' ');
        self.shown.push_str(&arg.as_ref().to_string_lossy());
        self.command.arg(arg);
        self
    }

    pub fn args<I>(self, args: I) -> Okr
    where
        I: IntoIterator,
        I::Item: AsRef<OsStr>,
    {
        args.into_iter().fold(self, Okr::arg)
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Okr {
        self.command.current_dir(dir);
        self
    }

    pub fn env(mut self, name: &str, value: impl AsRef<OsStr>) -> Okr {
        self.command.env(name, value);
        self
    }

    /// Runs okr to the end and returns what it printed.
    pub fn run(mut self) -> Output {
        let output = self
            .command
            .output()
            .unwrap_or_else(|e| panic!("`{}` did not start: {e}", self.shown));
        Output {
            output,
            shown: self.shown,
        }
    }

    /// The command itself, for a test that starts and stops okr its own way
    /// (a kill, a timeout, output into files).
    pub fn command(self) -> Command {
        self.command
    }
}

/// What a run of okr printed, and how it ended.
pub struct Output {
    output: process::Output,
    shown: String,
}

impl Output {
    /// The exit code; None when okr was killed by a signal.
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// Standard output as text; okr prints UTF-8 only.
    pub fn stdout(&self) -> String {
        self.text(&self.output.stdout, "stdout")
    }

    /// Standard error as text; okr prints UTF-8 only.
    pub fn stderr(&self) -> String {
        self.text(&self.output.stderr, "stderr")
    }

    pub fn stdout_bytes(&self) -> &[u8] {
        &self.output.stdout
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.output.stdout).unwrap_or_else(|e| {
            panic!(
                "`{}` printed no valid JSON ({e}):\n{}",
                self.shown,
                String::from_utf8_lossy(&self.output.stdout)
            )
        })
    }

    /// Fails the test, showing both outputs, unless okr exited with `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Output {
        assert!(
            self.code() == Some(code),
            "`{}` exited {:?}, not {code}\n--- stdout\n{}--- stderr\n{}",
            self.shown,
            self.code(),
            String::from_utf8_lossy(&self.output.stdout),
            String::from_utf8_lossy(&self.output.stderr)
        );
        self
    }

    fn text(&self, bytes: &[u8], stream: &str) -> String {
        String::from_utf8(bytes.to_vec())
            .unwrap_or_else(|e| panic!("`{}` printed invalid UTF-8 on {stream}: {e}", self.shown))
    }
}

/// A variable that okr's command line reads (clap's `env = "..."` in
/// src/cli.rs) and the harness left alone would let a developer's shell
/// change what the tests see.
#[test]
fn every_variable_the_command_line_reads_is_removed_or_set() {
    fn walk(command: &clap::Command, found: &mut Vec<String>) {
        for arg in command.get_arguments() {
            if let Some(name) = arg.get_env() {
                found.push(name.to_string_lossy().into_owned());
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, found);
        }
    }
    let mut found = Vec::new();
    walk(
        &<okr::cli::Cli as clap::CommandFactory>::command(),
        &mut found,
    );
    assert!(found.iter().any(|n| n == "OKR_AS_OF"), "{found:?}");
    let kept: Vec<&String> = found
        .iter()
        .filter(|n| {
            !REMOVED.contains(&n.as_str())
                && !REMOVED_PREFIXES.iter().any(|p| n.starts_with(p))
                && !SET.iter().any(|(set, _)| set == n)
        })
        .collect();
    assert!(kept.is_empty(), "add these to REMOVED or SET: {kept:?}");
}
