//! The `okr` binary: parse the command line, call the library, print, and map
//! the outcome to exit codes: 0 no errors, 1 findings, 2 okr could not do its job.

use anyhow::Result;
use chrono::Local;
use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

use okr::cli::{
    CheckArgs, Cli, ColorChoice, Command, DiffArgs, DiffFormat, FailOn, OnlyArg, ReportArgs,
    RulesArgs,
};
use okr::render::{self, Format};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Report(args) => report(&args),
        Command::Diff(args) => diff(&args),
        Command::Rules(args) => rules(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "okr: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Prints possibly-styled text through anstream, which strips the styles when
/// the choice is `auto` and stdout is not a colour terminal or NO_COLOR is set.
fn print_styled(text: &str, choice: ColorChoice) -> Result<()> {
    let choice = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(io::stdout().lock(), choice);
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn check(args: &CheckArgs) -> Result<u8> {
    let as_of = args.as_of.unwrap_or_else(|| Local::now().date_naive());
    let outcome = okr::check::check(&args.path, as_of)?;
    let format = Format::from(args.format);
    let styled = format == Format::Human && args.color != ColorChoice::Never;
    let text = render::render(format, &outcome, styled);
    let printed = if styled {
        print_styled(&text, args.color)
    } else {
        print(&text)
    };
    if let Err(e) = printed {
        if e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
        {
            return Ok(exit_code(&outcome, args.deny_warnings));
        }
        return Err(e);
    }
    Ok(exit_code(&outcome, args.deny_warnings))
}

fn exit_code(outcome: &okr::check::Outcome, deny_warnings: bool) -> u8 {
    let counts = outcome.counts();
    if outcome.config_invalid {
        2
    } else if counts.errors > 0 || (deny_warnings && counts.warnings > 0) {
        1
    } else {
        0
    }
}

fn report(args: &ReportArgs) -> Result<u8> {
    let as_of = args.as_of.unwrap_or_else(|| Local::now().date_naive());
    let loaded = okr::load::load(&args.path)?;
    if loaded.config_invalid {
        let outcome = okr::check::Outcome {
            diagnostics: loaded.diagnostics,
            sources: loaded.repository.sources,
            files: loaded.files,
            config_invalid: true,
        };
        let _ = write!(
            io::stderr(),
            "{}",
            render::render(Format::Human, &outcome, false)
        );
        return Ok(2);
    }
    let options = okr::report::Options {
        as_of,
        quarters: args
            .quarter
            .clone()
            .unwrap_or(okr::report::QuarterSelection::Current),
        teams: args.team.clone(),
        owner: args.owner.clone(),
        only: match args.only {
            None => okr::report::Only::Everything,
            Some(OnlyArg::Okrs) => okr::report::Only::Okrs,
            Some(OnlyArg::Strategy) => okr::report::Only::Strategy,
        },
    };
    let skipped = okr::report::skipped(&loaded.repository, &loaded.diagnostics);
    let report = match okr::report::build(&loaded.repository, &options, skipped) {
        Ok(report) => report,
        Err(e) => {
            let _ = writeln!(io::stderr(), "okr: error: {e}");
            return Ok(2);
        }
    };
    let format = render::report::Format::from(args.format);
    let styled = format == render::report::Format::Table && args.color != ColorChoice::Never;
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(terminal_width)
        .unwrap_or(100);
    let style = render::report::Style {
        color: styled,
        width,
        tree: args.tree,
    };
    let text = render::report::render(format, &report, style);
    let printed = if styled {
        print_styled(&text, args.color)
    } else {
        print(&text)
    };
    match printed {
        Err(e) if !is_broken_pipe(&e) => Err(e),
        _ => Ok(0),
    }
}

fn diff(args: &DiffArgs) -> Result<u8> {
    let dir = match &args.path {
        Some(p) => p.clone(),
        None => std::env::current_dir()?,
    };
    let diff = okr::diff::between(
        &dir,
        args.base.as_deref(),
        args.head.as_deref(),
        args.as_of,
        Local::now().date_naive(),
    )?;
    let format = match args.format {
        DiffFormat::Human => render::diff::Format::Human,
        DiffFormat::Markdown => render::diff::Format::Markdown,
        DiffFormat::Json => render::diff::Format::Json,
    };
    if let Err(e) = print(&render::diff::render(format, &diff))
        && !is_broken_pipe(&e)
    {
        return Err(e);
    }
    let goalpost = args.fail_on.contains(&FailOn::Goalpost) && diff.summary.goalposts_moved > 0;
    let errors = args.fail_on.contains(&FailOn::NewErrors) && diff.summary.introduced_errors > 0;
    Ok(if goalpost || errors { 1 } else { 0 })
}

/// The terminal's width when stdout is one.
fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return None;
    }
    comfy_table::Table::new().width()
}

fn rules(args: &RulesArgs) -> Result<u8> {
    if args.markdown {
        print(&render::rules::markdown())?;
        return Ok(0);
    }
    let Some(wanted) = &args.rule else {
        print(&render::rules::list())?;
        return Ok(0);
    };
    match okr::rules::lookup(wanted) {
        Some(rule) => {
            print(&render::rules::explain(rule))?;
            Ok(0)
        }
        None => {
            let _ = writeln!(
                io::stderr(),
                "okr: error: no rule `{wanted}`; `okr rules` lists them all"
            );
            Ok(2)
        }
    }
}
