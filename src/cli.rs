//! Command-line definitions (clap derive) only; `main.rs` acts on them.

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::eval::report::QuarterSelection;
use crate::model::quarter::Quarter;
use crate::render::CheckFormat;
use crate::render::diff::DiffFormat;
use crate::render::map::MapFormat;
use crate::render::report::ReportFormat;

#[derive(Debug, Parser)]
#[command(
    name = "okr",
    version,
    about = "Goals as code: OKRs and a Balanced Scorecard in YAML, checked like code",
    after_help = "Exit codes: 0 no errors, 1 findings (or --fail-on, or a file okr report needs could not be read), 2 okr could not do its job.\n\
                  `okr COMMAND --help` shows examples for each command."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes, before or after its name.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// When to colour output (NO_COLOR is honoured in `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The date to treat as today, as YYYY-MM-DD (default: today).
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date, env = "OKR_AS_OF")]
    pub as_of: Option<NaiveDate>,
    /// Print only findings and errors: no summary lines, no notes.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say what okr does: files read, what was written, timings (on stderr).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Threads for reading and parsing files (default: one per core).
    #[arg(
        short = 'j',
        long,
        global = true,
        value_name = "N",
        env = "OKR_THREADS"
    )]
    pub threads: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a goals repository against the OKR and Balanced Scorecard rules.
    Check(CheckArgs),
    /// Score the OKRs and the Balanced Scorecard, paced against the calendar.
    Report(ReportArgs),
    /// Show what a change to the goals means, between two git revisions.
    Diff(DiffArgs),
    /// List the rules, or explain one (`okr rules O002`).
    Rules(RulesArgs),
    /// Print the JSON Schema of a goals file, or write all three for editors.
    Schema(SchemaArgs),
    /// Start a goals repository: okr.yaml, strategy.yaml, this quarter's file and the schemas.
    Init(InitArgs),
    /// Create a team's file for a quarter, optionally carrying over unfinished objectives.
    New(NewArgs),
    /// Record progress on a key result: add a check-in (in date order) and update `current`.
    Checkin(CheckinArgs),
    /// Draw the strategy map: objectives by perspective, coloured by status, with their links.
    Map(MapArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page, or write one per command into a folder.
    Man(ManArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr schema quarter > quarter.schema.json
  okr schema --write goals/schemas")]
pub struct SchemaArgs {
    /// Which file's schema to print.
    #[arg(value_enum, required_unless_present = "write")]
    pub kind: Option<SchemaKind>,
    /// Write all three schemas (strategy, quarter, config) into this folder.
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    pub write: Option<PathBuf>,
}

/// The three kinds of goals file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// strategy.yaml, the Balanced Scorecard.
    Strategy,
    /// YYYY-QN.yaml, a team's OKRs for a quarter.
    Quarter,
    /// okr.yaml, the settings.
    Config,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr init goals
  okr init goals --force     # overwrite files okr would create")]
pub struct InitArgs {
    /// The folder to create the repository in (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr new 2027-Q1 --team platform --from 2026-Q4
  okr new --team sales       # the quarter after sales' latest")]
pub struct NewArgs {
    /// The quarter, YYYY-QN (default: the one after the team's latest).
    #[arg(value_parser = parse_quarter)]
    pub quarter: Option<Quarter>,
    /// The team (default: company, the files at the top of the folder); a sub-team is written sales/emea.
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// Carry over what this quarter left to do: its key results not done, in their objectives.
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter)]
    pub from: Option<Quarter>,
    /// The goals folder, or a folder inside it (okr reads from its root).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub path: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr checkin platform/P1/P1.1 4.1 --confidence 0.6 --note \"Freeze until Dec 1\"
  okr checkin P1.1 4.1              # a key result id unique in the quarter
  okr checkin platform/P1/3 --done  # a milestone, by position")]
pub struct CheckinArgs {
    /// TEAM/OBJECTIVE/KR (the key result by id, else by position 1, 2, ...), TEAM/KR, OBJECTIVE/KR, or a key result id unique in the quarter; TEAM may be a sub-team, sales/emea.
    #[arg(value_name = "REF")]
    pub reference: String,
    /// The measured value (milestones: 0 or 1); for a key result graded by people (`graded: true`), its grade.
    #[arg(required_unless_present_any = ["done", "score"], allow_negative_numbers = true)]
    pub value: Option<String>,
    /// A grade people give it, 0.0 to 1.0 (`70%` is 0.7), written as the check-in's `score:`.
    #[arg(long, value_name = "GRADE", allow_negative_numbers = true)]
    pub score: Option<String>,
    /// Mark a milestone done (`done: true`, and a check-in of 1).
    #[arg(long, conflicts_with = "value")]
    pub done: bool,
    /// The chance of reaching the target, 0.0 to 1.0.
    #[arg(long, value_name = "C", allow_negative_numbers = true)]
    pub confidence: Option<String>,
    /// A short note.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The check-in date, YYYY-MM-DD (default: the as-of date, else today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// The quarter (default: the current one, containing today or --as-of).
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter)]
    pub quarter: Option<Quarter>,
    /// The goals folder, or a folder inside it (okr reads from its root).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub path: PathBuf,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr completions bash > ~/.local/share/bash-completion/completions/okr
  okr completions zsh > \"${fpath[1]}/_okr\"
  okr completions fish > ~/.config/fish/completions/okr.fish")]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr man | man -l -
  okr man --out-dir /usr/local/share/man/man1")]
pub struct ManArgs {
    /// Write okr.1 and one page per command (okr-check.1, ...) into this folder.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr diff                          # the working tree against the merge base with main
  okr diff origin/main HEAD --path goals --format markdown
  okr diff --fail-on goalpost,new-errors

--as-of defaults to the head commit's date (today for the working tree).")]
pub struct DiffArgs {
    /// The base revision (default: the merge base of HEAD with origin/HEAD, else main or master).
    pub base: Option<String>,
    /// The head revision (default: the working tree, uncommitted edits included).
    pub head: Option<String>,
    /// The goals folder, or a folder inside it (default: the current folder).
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Exit with 1 on these: `goalpost` (a goalpost moved), `new-errors` (new okr check errors).
    #[arg(long, value_name = "WHAT", value_delimiter = ',')]
    pub fail_on: Vec<FailOn>,
}

/// `--fail-on` of `okr diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Goalpost,
    NewErrors,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr report goals
  okr report goals --quarter 2026-Q1..2026-Q4 --team platform --format markdown
  okr report goals --only strategy --format csv > scorecard.csv
  okr report goals --format html -o report.html   # a dashboard page, with charts

A file the report needs that cannot be read is named at its top (CSV: on
stderr), and okr report exits 1 after writing the report.")]
pub struct ReportArgs {
    /// The goals folder, or a folder inside it (okr reads from its root).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Write to this file (atomically; overwritten if it exists) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A quarter (2026-Q4), a range (2026-Q1..2026-Q4) or `all`; default: the
    /// quarter containing the as-of date, else the latest present.
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarters)]
    pub quarter: Option<QuarterSelection>,
    /// Only this team and its sub-teams (repeatable): sales/emea, or emea while one team alone is called so.
    #[arg(long, value_name = "TEAM")]
    pub team: Vec<String>,
    /// Only objectives and key results this person owns (one of their owners, ignoring case).
    #[arg(long, value_name = "OWNER")]
    pub owner: Option<String>,
    /// Only the OKRs or only the Balanced Scorecard.
    #[arg(long, value_enum)]
    pub only: Option<OnlyArg>,
    /// Show the alignment tree of each quarter.
    #[arg(long)]
    pub tree: bool,
    /// Group the scorecard's strategic objectives: `theme` (their `themes`).
    #[arg(long, value_enum, value_name = "GROUPING")]
    pub by: Option<ByArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ByArg {
    /// By strategic theme; objectives without one under "no theme".
    Theme,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr map goals -o strategy-map.svg
  okr map goals --format mermaid      # for GitHub Markdown
  okr map goals --format dot | dot -Tpng -o map.png
  okr map goals --okrs 2026-Q4 -o map.svg

With --okrs, a quarter file of that quarter that cannot be read is named on
stderr: the map leaves out that team's OKRs.")]
pub struct MapArgs {
    /// The goals folder (with strategy.yaml), or a folder inside it.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MapFormat::Svg)]
    pub format: MapFormat,
    /// Write to this file (atomically; overwritten if it exists) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Hang this quarter's OKR objectives under the strategic objectives they support.
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter)]
    pub okrs: Option<Quarter>,
}

/// `--only` of `okr report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnlyArg {
    Okrs,
    Strategy,
}

fn parse_quarters(text: &str) -> Result<QuarterSelection, String> {
    let quarter = |q: &str| {
        Quarter::parse(q.trim())
            .ok_or_else(|| format!("`{q}` is not a quarter: use YYYY-QN, e.g. 2026-Q4"))
    };
    if text == "all" {
        return Ok(QuarterSelection::All);
    }
    match text.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (quarter(a)?, quarter(b)?);
            if a > b {
                return Err(format!("the range {text} ends before it starts"));
            }
            Ok(QuarterSelection::Range(a, b))
        }
        None => Ok(QuarterSelection::One(quarter(text)?)),
    }
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr check goals
  okr check goals --format github       # annotations in GitHub Actions
  okr check goals --deny-warnings --as-of 2026-11-28")]
pub struct CheckArgs {
    /// The goals folder (with okr.yaml, strategy.yaml and YYYY-QN.yaml files), or a folder or one file inside it: its files are checked against the whole repository.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with code 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  okr rules
  okr rules O002
  okr rules stale-checkin")]
pub struct RulesArgs {
    /// A rule code (O002) or name (key-result-count) to explain.
    pub rule: Option<String>,
    /// Print the full reference of every rule as Markdown (docs/rules.md).
    #[arg(long, conflicts_with = "rule")]
    pub markdown: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether okr styles its text at all (anstream may still strip it).
    pub fn styles(self) -> bool {
        self != ColorChoice::Never
    }

    /// The same choice for anstream.
    pub fn stream(self) -> anstream::ColorChoice {
        match self {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        }
    }
}

fn parse_quarter(text: &str) -> Result<Quarter, String> {
    Quarter::parse(text.trim())
        .ok_or_else(|| format!("`{text}` is not a quarter: use YYYY-QN, e.g. 2026-Q4"))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: use YYYY-MM-DD, e.g. 2026-11-28"))
}
