//! The commands: each wires the stages together for one subcommand (find and
//! load, evaluate, check or compare, render, print or write) and returns an
//! exit code, or the one [`Error`] that makes it 2. `run` picks the command.

mod check;
mod checkin;
mod diff;
mod docs;
mod init;
mod map;
mod new;
mod report;
mod rules;
mod schema;

pub use check::check;
pub use schema::write_all;

use chrono::{Local, NaiveDate};
use std::io::{self, Write};
use std::path::Path;

use crate::Error;
use crate::cli::{Cli, ColorChoice, Command, Global};
use crate::render::text::terminal;

/// Runs the command `cli` asks for; `Ok` holds the exit code (0 or 1, or 2
/// when findings that stop okr were printed).
pub fn run(cli: &Cli) -> Result<u8, Error> {
    let global = &cli.global;
    if let Some(threads) = global.threads.filter(|&n| n > 0) {
        // Only fails if the pool exists already, which it cannot this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    match &cli.command {
        Command::Check(args) => check::run(args, global),
        Command::Report(args) => report::run(args, global),
        Command::Diff(args) => diff::run(args, global),
        Command::Rules(args) => rules::run(args),
        Command::Schema(args) => schema::run(args, global),
        Command::Init(args) => init::run(args, global),
        Command::New(args) => new::run(args, global),
        Command::Checkin(args) => checkin::run(args, global),
        Command::Map(args) => map::run(args, global),
        Command::Completions(args) => docs::completions(args),
        Command::Man(args) => docs::man(args, global),
    }
}

/// Where a command's text goes on stdout: as is, or through anstream, which
/// strips styles when the choice is `auto` and stdout is not a colour
/// terminal or NO_COLOR is set.
#[derive(Debug, Clone, Copy)]
enum Output {
    Plain,
    Styled(ColorChoice),
}

impl Output {
    /// Prints `text`; a reader that went away (`| head`) is not an error.
    fn print_or_closed(self, text: &str) -> Result<(), Error> {
        match self.print(text) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        }
    }

    fn print(self, text: &str) -> io::Result<()> {
        match self {
            Output::Plain => {
                let mut out = io::stdout().lock();
                out.write_all(text.as_bytes())?;
                out.flush()
            }
            Output::Styled(choice) => {
                let mut out = anstream::AutoStream::new(io::stdout().lock(), choice.stream());
                out.write_all(text.as_bytes())?;
                out.flush()
            }
        }
    }
}

/// Plain text on stdout.
fn print(text: &str) -> Result<(), Error> {
    Output::Plain.print_or_closed(text)
}

/// Today, or the `--as-of` date.
fn today(global: &Global) -> NaiveDate {
    global.as_of.unwrap_or_else(|| Local::now().date_naive())
}

/// A line on stderr for `--verbose`.
fn verbose(global: &Global, line: &str) {
    if global.verbose {
        let _ = writeln!(io::stderr(), "okr: {line}");
    }
}

/// A line on stdout saying what a command did, unless `--quiet`.
fn say(global: &Global, line: &str) -> Result<(), Error> {
    if global.quiet {
        return Ok(());
    }
    print(&format!("{line}\n"))
}

/// The root of the goals repository `path` lies in (see `input::root`):
/// every command reads the same repository from any of its folders.
fn goals_root(path: &Path) -> std::path::PathBuf {
    crate::input::root::locate(path).root
}

/// A path as the user typed it, safe for a terminal.
fn shown(path: &Path) -> String {
    terminal(&crate::input::find::display(path))
}

/// Writes a command's output to `-o FILE` (atomically) and says so; never
/// through a symbolic link inside the repository of the goals folder `goals`.
fn write_output(goals: &Path, path: &Path, text: &str, global: &Global) -> Result<(), Error> {
    let repository = crate::edit::write::repository_of(goals);
    crate::edit::write::ensure_no_links(&repository, path)?;
    crate::edit::write::create(path, text.as_bytes(), true)?;
    say(global, &format!("wrote {}", shown(path)))
}

/// Loads a goals folder for a command that scores it; with an invalid
/// okr.yaml, or findings and no goals file (every file misnamed, or in
/// another goals folder below), the findings are printed on stderr and
/// there is nothing to score (`None`: the command exits with 2).
fn load_trusted(
    path: &Path,
    select: &crate::input::load::Selector<'_>,
) -> Result<Option<crate::input::load::Loaded>, Error> {
    let loaded = crate::input::load::load_only(path, select)?;
    let repository = &loaded.repository;
    let nothing = repository.quarters.is_empty()
        && repository.unloaded.is_empty()
        && repository.strategy.is_none()
        && !loaded.diagnostics.is_empty();
    if !loaded.config_invalid && !nothing {
        return Ok(Some(loaded));
    }
    let findings = crate::diagnostic::Findings {
        diagnostics: loaded.diagnostics,
        sources: loaded.repository.sources,
        files: loaded.files,
        config_invalid: loaded.config_invalid,
        base: None,
    };
    let text = crate::render::render(crate::render::CheckFormat::Human, &findings, false);
    let _ = write!(io::stderr(), "{text}");
    if nothing && !findings.config_invalid {
        say_no_goals_file(path, true);
    }
    Ok(None)
}

/// The last line of a run that found no goals file to read.
fn say_no_goals_file(path: &Path, findings_above: bool) {
    let _ = writeln!(
        io::stderr(),
        "okr: no goals file checked in {}: okr reads strategy.yaml and quarter files named YYYY-QN.yaml{}",
        shown(path),
        if findings_above {
            "; the findings above say which files okr skipped and why"
        } else {
            ""
        }
    );
}
