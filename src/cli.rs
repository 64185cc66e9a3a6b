//! Command-line definitions (clap derive) only; `main.rs` acts on them.

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::quarter::Quarter;
use crate::report::QuarterSelection;

#[derive(Debug, Parser)]
#[command(
    name = "okr",
    version,
    about = "Goals as code: OKRs and a Balanced Scorecard in YAML, checked like code"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The base revision (default: the merge base of HEAD with origin/HEAD, else main or master).
    pub base: Option<String>,
    /// The head revision (default: the working tree, uncommitted edits included).
    pub head: Option<String>,
    /// The goals folder (default: the current folder).
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Exit with 1 on these: `goalpost` (a goalpost moved), `new-errors` (new okr check errors).
    #[arg(long, value_name = "WHAT", value_delimiter = ',')]
    pub fail_on: Vec<FailOn>,
    /// The date to score both sides at and judge goalposts by (default: the head commit's date, or today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// `--format` of `okr diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For terminals.
    Human,
    /// A pull-request comment: a summary, then collapsible sections.
    Markdown,
    /// One JSON document, documented in docs/json.md.
    Json,
}

/// `--fail-on` of `okr diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Goalpost,
    NewErrors,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The goals folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// A quarter (2026-Q4), a range (2026-Q1..2026-Q4) or `all`; default: the
    /// quarter containing the as-of date, else the latest present.
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarters)]
    pub quarter: Option<QuarterSelection>,
    /// Only this team (repeatable).
    #[arg(long, value_name = "TEAM")]
    pub team: Vec<String>,
    /// Only objectives and key results this person owns.
    #[arg(long, value_name = "OWNER")]
    pub owner: Option<String>,
    /// Only the OKRs or only the Balanced Scorecard.
    #[arg(long, value_enum)]
    pub only: Option<OnlyArg>,
    /// Show the alignment tree of each quarter.
    #[arg(long)]
    pub tree: bool,
    /// The date to score at, as YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// When to colour tables (NO_COLOR is honoured in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--format` of `okr report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tables with bars and sparklines, for terminals.
    Table,
    /// GitHub-flavoured Markdown for PR comments, wikis and step summaries.
    Markdown,
    /// One JSON document, documented in docs/json.md.
    Json,
    /// One row per key result (or per measure with --only strategy).
    Csv,
}

impl From<ReportFormat> for crate::render::report::Format {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Table => Self::Table,
            ReportFormat::Markdown => Self::Markdown,
            ReportFormat::Json => Self::Json,
            ReportFormat::Csv => Self::Csv,
        }
    }
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
pub struct CheckArgs {
    /// The goals folder (with okr.yaml, strategy.yaml and YYYY-QN.yaml files).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// When to colour human output (NO_COLOR is honoured in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The date to treat as today for date rules, as YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Exit with code 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// A rule code (O002) or name (key-result-count) to explain.
    pub rule: Option<String>,
    /// Print the full reference of every rule as Markdown (docs/rules.md).
    #[arg(long, conflicts_with = "rule")]
    pub markdown: bool,
}

/// `--format` of `okr check`; see `render::Format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Messages with source snippets, for people.
    Human,
    /// One JSON document, documented in docs/json.md.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
}

impl From<OutputFormat> for crate::render::Format {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Human => Self::Human,
            OutputFormat::Json => Self::Json,
            OutputFormat::Github => Self::Github,
            OutputFormat::Sarif => Self::Sarif,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: use YYYY-MM-DD, e.g. 2026-11-28"))
}
