//! `okr report`: load the quarters the report shows, evaluate at the as-of
//! date, project the evaluation into a report value, and render it.

use std::io::{self, IsTerminal};

use super::{Output, goals_root, load_trusted, today, verbose, write_output};
use crate::Error;
use crate::cli::{Global, OnlyArg, ReportArgs};
use crate::eval::report::{self, Only, Options, QuarterSelection};
use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::render::report::{ReportFormat, Style};

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
    };
    let skipped = report::skipped(&loaded.repository, &loaded.diagnostics);
    let eval = crate::eval::evaluate(&loaded.repository, as_of);
    let report = report::build(&eval, &options, skipped)?;
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
    if let Some(path) = &args.output {
        write_output(&args.path, path, &text, global)?;
        return Ok(0);
    }
    let output = if styled {
        Output::Styled(global.color)
    } else {
        Output::Plain
    };
    output.print_or_closed(&text)?;
    Ok(0)
}

/// The terminal's width when stdout is one.
fn terminal_width() -> Option<u16> {
    if !io::stdout().is_terminal() {
        return None;
    }
    comfy_table::Table::new().width()
}
