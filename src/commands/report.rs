//! `okr report`: load the quarters the report shows, evaluate at the as-of
//! date, project the evaluation into a report value, and render it.

use std::io::{self, IsTerminal, Write};

use super::{Output, goals_root, load_trusted, today, verbose, write_output};
use crate::Error;
use crate::cli::{Global, OnlyArg, ReportArgs};
use crate::eval::report::{self, Only, Options, QuarterSelection};
use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::render::report::{ReportFormat, Style};
use crate::render::text::terminal;

pub(crate) fn run(args: &ReportArgs, global: &Global) -> Result<u8, Error> {
    let started = std::time::Instant::now();
    let as_of = today(global);
    let selection = args.quarter.clone().unwrap_or(QuarterSelection::Current);
    // Only the quarter files the report shows are read.
    let select = |settings: &Settings, present: &[Quarter]| {
        report::quarters_to_read(&selection, settings, present, as_of)
    };
    let root = goals_root(&args.path);
    let Some(loaded) = load_trusted(&root, &select)? else {
        return Ok(2);
    };
    let options = Options {
        quarters: selection,
        teams: args.team.clone(),
        owner: args.owner.clone(),
        only: match args.only {
            None => Only::Everything,
            Some(OnlyArg::Okrs) => Only::Okrs,
            Some(OnlyArg::Strategy) => Only::Strategy,
        },
        by_theme: args.by == Some(crate::cli::ByArg::Theme),
    };
    let eval = crate::eval::evaluate(&loaded.repository, as_of);
    // `okr check`'s findings: the report names the files it could not read
    // and counts the errors of the others.
    let findings = crate::rules::findings(&loaded, &eval);
    let report = report::build(&eval, &options, &findings)?;
    let styled =
        args.format == ReportFormat::Table && global.color.styles() && args.output.is_none();
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(terminal_width)
        .unwrap_or(100);
    let style = Style {
        color: styled,
        width,
        tree: args.tree,
    };
    let text = crate::render::report::render(args.format, &report, style);
    verbose(
        global,
        &format!(
            "read {} files, scored at {as_of}, in {} ms",
            loaded.files,
            started.elapsed().as_millis()
        ),
    );
    // CSV has no place for a notice, and a report written to a file is not
    // seen here: the notices go to stderr as well.
    if args.format == ReportFormat::Csv || args.output.is_some() {
        warn(&report);
    }
    if let Some(path) = &args.output {
        write_output(&args.path, path, &text, global)?;
    } else {
        let output = if styled {
            Output::Styled(global.color)
        } else {
            Output::Plain
        };
        output.print_or_closed(&text)?;
    }
    // The report was printed, but without the goals of a file it needed.
    Ok(u8::from(!report.skipped.is_empty()))
}

/// The report's notices on stderr, one line each.
fn warn(report: &report::Report) {
    let mut err = io::stderr().lock();
    for s in &report.skipped {
        let _ = writeln!(err, "okr: {}", s.notice(terminal));
    }
    if let Some(line) = report.errors_notice() {
        let _ = writeln!(err, "okr: {line}");
    }
}

/// The terminal's width when stdout is one.
fn terminal_width() -> Option<u16> {
    if !io::stdout().is_terminal() {
        return None;
    }
    comfy_table::Table::new().width()
}
