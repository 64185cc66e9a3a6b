//! The `okr` binary: parse the command line, run the command, and map the
//! outcome to exit codes: 0 no errors, 1 findings (or a `--fail-on` gate),
//! 2 okr could not do its job. This is the one place that prints
//! `okr: error:` and chooses 2.

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = okr::cli::Cli::parse();
    match okr::commands::run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "okr: error: {}", e.message());
            ExitCode::from(2)
        }
    }
}
