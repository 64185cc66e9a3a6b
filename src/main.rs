//! The `okr` binary: parse the command line, call the library, print, and map
//! the outcome to exit codes: 0 no errors, 1 findings, 2 okr could not do its job.

use anyhow::Result;
use chrono::Local;
use clap::Parser;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use okr::cli::{CheckArgs, Cli, ColorChoice, Command, RulesArgs};
use okr::render::{self, Format};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(&args),
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

fn check(args: &CheckArgs) -> Result<u8> {
    let as_of = args.as_of.unwrap_or_else(|| Local::now().date_naive());
    let outcome = okr::check::check(&args.path, as_of)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = render::render(args.format, &outcome, color && args.format == Format::Human);
    if let Err(e) = print(&text) {
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

fn rules(args: &RulesArgs) -> Result<u8> {
    if args.markdown {
        print(&render::rules::markdown())?;
        return Ok(0);
    }
    let Some(wanted) = &args.rule else {
        print(&render::rules::list())?;
        return Ok(0);
    };
    let found = okr::rules::RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(wanted) || r.name == wanted);
    match found {
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
