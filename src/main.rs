//! The `okr` binary: parse the command line, call the library, print, and map
//! the outcome to exit codes: 0 no errors, 1 findings, 2 okr could not do its job.

use anyhow::Result;
use chrono::Local;
use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

use okr::cli::{
    CheckArgs, CheckinArgs, Cli, ColorChoice, Command, CompletionsArgs, DiffArgs, DiffFormat,
    FailOn, Global, InitArgs, ManArgs, MapArgs, NewArgs, OnlyArg, ReportArgs, RulesArgs,
    SchemaArgs, SchemaKind,
};
use okr::render::{self, Format};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let global = &cli.global;
    if let Some(threads) = global.threads.filter(|&n| n > 0) {
        // Only fails if the pool exists already, which it cannot this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    let result = match cli.command {
        Command::Check(args) => check(&args, global),
        Command::Report(args) => report(&args, global),
        Command::Diff(args) => diff(&args, global),
        Command::Rules(args) => rules(&args),
        Command::Schema(args) => schema(&args, global),
        Command::Init(args) => init(&args, global),
        Command::New(args) => new(&args, global),
        Command::Checkin(args) => checkin(&args, global),
        Command::Map(args) => map(&args, global),
        Command::Completions(args) => completions(&args),
        Command::Man(args) => man(&args, global),
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

/// Today, or the `--as-of` date.
fn today(global: &Global) -> chrono::NaiveDate {
    global.as_of.unwrap_or_else(|| Local::now().date_naive())
}

/// A line on stderr for `--verbose`.
fn verbose(global: &Global, line: &str) {
    if global.verbose {
        let _ = writeln!(io::stderr(), "okr: {line}");
    }
}

/// A line on stdout saying what a command did, unless `--quiet`.
fn say(global: &Global, line: &str) -> Result<()> {
    if global.quiet {
        return Ok(());
    }
    print(&format!("{line}\n"))
}

fn check(args: &CheckArgs, global: &Global) -> Result<u8> {
    let started = std::time::Instant::now();
    let outcome = okr::check::check(&args.path, today(global))?;
    if global.verbose {
        for path in outcome.sources.paths() {
            verbose(global, &format!("read {path}"));
        }
        verbose(
            global,
            &format!("checked in {} ms", started.elapsed().as_millis()),
        );
    }
    let format = Format::from(args.format);
    let styled = format == Format::Human && global.color != ColorChoice::Never;
    let text = if format == Format::Human && global.quiet {
        render::human(&outcome, styled, false)
    } else {
        render::render(format, &outcome, styled)
    };
    let printed = if styled {
        print_styled(&text, global.color)
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

/// Writes a command's output to `-o FILE` (atomically) and says so.
fn write_output(path: &std::path::Path, text: &str, global: &Global) -> Result<()> {
    okr::write::create(path, text.as_bytes(), true)?;
    say(
        global,
        &format!(
            "wrote {}",
            render::text::terminal(&path.display().to_string())
        ),
    )
}

/// Loads a goals folder for a command that scores it; with an invalid
/// okr.yaml its findings are printed on stderr and there is nothing to score.
fn load_trusted(
    path: &std::path::Path,
    select: &okr::load::Selector<'_>,
) -> Result<Option<okr::load::Loaded>> {
    let loaded = okr::load::load_only(path, select)?;
    if !loaded.config_invalid {
        return Ok(Some(loaded));
    }
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
    Ok(None)
}

fn report(args: &ReportArgs, global: &Global) -> Result<u8> {
    let started = std::time::Instant::now();
    let as_of = today(global);
    let selection = args
        .quarter
        .clone()
        .unwrap_or(okr::report::QuarterSelection::Current);
    // Only the quarter files the report shows are read.
    let select = |settings: &okr::config::Settings, present: &[okr::quarter::Quarter]| {
        okr::report::quarters_to_read(&selection, settings, present, as_of)
    };
    let Some(loaded) = load_trusted(&args.path, &select)? else {
        return Ok(2);
    };
    let options = okr::report::Options {
        quarters: selection,
        teams: args.team.clone(),
        owner: args.owner.clone(),
        only: match args.only {
            None => okr::report::Only::Everything,
            Some(OnlyArg::Okrs) => okr::report::Only::Okrs,
            Some(OnlyArg::Strategy) => okr::report::Only::Strategy,
        },
    };
    let skipped = okr::report::skipped(&loaded.repository, &loaded.diagnostics);
    let eval = okr::eval::evaluate(&loaded.repository, as_of);
    let report = match okr::report::build(&eval, &options, skipped) {
        Ok(report) => report,
        Err(e) => {
            let _ = writeln!(io::stderr(), "okr: error: {e}");
            return Ok(2);
        }
    };
    let format = render::report::Format::from(args.format);
    let styled = format == render::report::Format::Table
        && global.color != ColorChoice::Never
        && args.output.is_none();
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
    verbose(
        global,
        &format!(
            "read {} files, scored at {as_of}, in {} ms",
            loaded.files,
            started.elapsed().as_millis()
        ),
    );
    if let Some(path) = &args.output {
        write_output(path, &text, global)?;
        return Ok(0);
    }
    let printed = if styled {
        print_styled(&text, global.color)
    } else {
        print(&text)
    };
    match printed {
        Err(e) if !is_broken_pipe(&e) => Err(e),
        _ => Ok(0),
    }
}

fn diff(args: &DiffArgs, global: &Global) -> Result<u8> {
    let dir = match &args.path {
        Some(p) => p.clone(),
        None => std::env::current_dir()?,
    };
    let started = std::time::Instant::now();
    let diff = okr::diff::between(
        &dir,
        args.base.as_deref(),
        args.head.as_deref(),
        global.as_of,
        Local::now().date_naive(),
    )?;
    verbose(
        global,
        &format!("compared in {} ms", started.elapsed().as_millis()),
    );
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
    match okr::rules::Code::parse(wanted) {
        Some(code) => {
            print(&render::rules::explain(code.rule()))?;
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

fn schema(args: &SchemaArgs, global: &Global) -> Result<u8> {
    if let Some(dir) = &args.write {
        for path in okr::schema::write_all(dir)? {
            say(global, &format!("wrote {}", path.display()))?;
        }
        return Ok(0);
    }
    let kind = match args.kind {
        Some(SchemaKind::Strategy) | None => okr::schema::Kind::Strategy,
        Some(SchemaKind::Quarter) => okr::schema::Kind::Quarter,
        Some(SchemaKind::Config) => okr::schema::Kind::Config,
    };
    print(&okr::schema::json(kind))?;
    Ok(0)
}

fn init(args: &InitArgs, global: &Global) -> Result<u8> {
    let written = okr::scaffold::init(&args.dir, args.force, today(global))?;
    let shown = |path: &std::path::Path| render::text::terminal(&path.display().to_string());
    for path in &written {
        say(global, &format!("created {}", shown(path)))?;
    }
    say(
        global,
        &format!(
            "next: replace the examples (every title starting with \"Example:\"), then run `okr check {}`",
            shown(&args.dir)
        ),
    )?;
    Ok(0)
}

fn new(args: &NewArgs, global: &Global) -> Result<u8> {
    let options = okr::scaffold::NewOptions {
        root: args.path.clone(),
        quarter: args.quarter,
        team: args.team.clone(),
        from: args.from,
        force: args.force,
        today: today(global),
    };
    let created = okr::scaffold::new_quarter(&options)?;
    say(global, &created.summary())?;
    Ok(0)
}

fn checkin(args: &CheckinArgs, global: &Global) -> Result<u8> {
    let request = okr::checkin::Request {
        root: args.path.clone(),
        reference: args.reference.clone(),
        value: args.value.clone(),
        done: args.done,
        confidence: args.confidence.clone(),
        note: args.note.clone(),
        date: args.date,
        quarter: args.quarter,
        today: today(global),
    };
    match okr::checkin::run(&request)? {
        okr::checkin::Outcome::Written(written) => {
            say(global, &written.summary())?;
            if global.verbose {
                let _ = write!(io::stderr(), "{}", written.patch());
            }
            Ok(0)
        }
        okr::checkin::Outcome::Unchanged(message) => {
            say(global, &message)?;
            Ok(0)
        }
        okr::checkin::Outcome::Refused(refusal) => {
            let styled = global.color != ColorChoice::Never;
            let text = refusal.render(styled);
            let choice = match global.color {
                ColorChoice::Auto => anstream::ColorChoice::Auto,
                ColorChoice::Always => anstream::ColorChoice::Always,
                ColorChoice::Never => anstream::ColorChoice::Never,
            };
            let mut err = anstream::AutoStream::new(io::stderr().lock(), choice);
            let _ = err.write_all(text.as_bytes());
            Ok(1)
        }
    }
}

fn map(args: &MapArgs, global: &Global) -> Result<u8> {
    let started = std::time::Instant::now();
    let Some(loaded) = load_trusted(&args.path, &|_, _| None)? else {
        return Ok(2);
    };
    let shown = render::text::terminal(&args.path.display().to_string());
    if loaded.repository.strategy.is_none() {
        let skipped = okr::report::skipped(&loaded.repository, &loaded.diagnostics);
        let unreadable = skipped
            .iter()
            .find(|s| s.path.ends_with("strategy.yaml") || s.path.ends_with("strategy.yml"));
        let message = match unreadable {
            Some(s) => format!(
                "{}: {}; `okr check {shown}` says more",
                render::text::terminal(&s.path),
                render::text::terminal(&s.reason)
            ),
            None => format!(
                "no strategy.yaml in {shown}: the strategy map is drawn from its objectives and `contributes_to` links (`okr init` writes an example)"
            ),
        };
        let _ = writeln!(io::stderr(), "okr: error: {message}");
        return Ok(2);
    }
    let eval = okr::eval::evaluate(&loaded.repository, today(global));
    if let Some(quarter) = args.okrs
        && eval.quarter(quarter).is_none()
    {
        let present: Vec<String> = eval
            .quarters
            .iter()
            .map(|q| q.quarter.to_string())
            .collect();
        let present = if present.is_empty() {
            "none".to_owned()
        } else {
            present.join(", ")
        };
        let _ = writeln!(
            io::stderr(),
            "okr: error: no quarter file for {quarter}; present: {present}"
        );
        return Ok(2);
    }
    let Some(map) = okr::map::build(&eval, args.okrs) else {
        anyhow::bail!("{shown} has no Balanced Scorecard to draw");
    };
    let text = render::map::render(args.format.into(), &map);
    verbose(
        global,
        &format!(
            "read {} files, drew {} objectives and {} links as of {}, in {} ms",
            loaded.files,
            map.nodes.len(),
            map.edges.len(),
            map.as_of,
            started.elapsed().as_millis()
        ),
    );
    match &args.output {
        Some(path) => write_output(path, &text, global)?,
        None => {
            if let Err(e) = print(&text)
                && !is_broken_pipe(&e)
            {
                return Err(e);
            }
        }
    }
    Ok(0)
}

fn completions(args: &CompletionsArgs) -> Result<u8> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "okr", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(0)
}

fn man(args: &ManArgs, global: &Global) -> Result<u8> {
    use clap::CommandFactory;
    let command = Cli::command();
    match &args.out_dir {
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(command).render(&mut out)?;
            print(&String::from_utf8_lossy(&out))?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            clap_mangen::generate_to(command, dir)?;
            say(global, &format!("wrote man pages into {}", dir.display()))?;
        }
    }
    Ok(0)
}
