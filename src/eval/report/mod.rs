//! The report value of `okr report`: the evaluation (`eval`) selected and
//! filtered as asked, with the text of the model beside each state, and the
//! strategy map. Building it computes nothing; the renderers in
//! `render/report/` only draw it.

mod okrs;
mod strategy;
pub(crate) use strategy::NO_OKRS;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::Evaluation;
use crate::eval::map::StrategyMap;
pub use crate::eval::score::Coverage;
use crate::eval::score::{Phase, Status};
pub(crate) use crate::model::ObjectiveKind;
use crate::model::quarter::Quarter;
use crate::model::{KeyResultKind, Repository};

/// Which quarters a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuarterSelection {
    /// The quarter containing the as-of date, else the latest present.
    Current,
    One(Quarter),
    /// An inclusive range.
    Range(Quarter, Quarter),
    All,
}

/// What to report on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Everything,
    Okrs,
    Strategy,
}

/// Everything that selects and shapes a report; the date is the evaluation's.
#[derive(Debug, Clone)]
pub struct Options {
    pub quarters: QuarterSelection,
    /// Empty: all teams.
    pub teams: Vec<String>,
    pub owner: Option<String>,
    pub only: Only,
    /// `--by theme`: group the scorecard's objectives by strategic theme.
    pub by_theme: bool,
}

impl Options {
    /// Every quarter, team and owner, OKRs and the scorecard.
    pub fn everything() -> Options {
        Options {
            quarters: QuarterSelection::All,
            teams: Vec::new(),
            owner: None,
            only: Only::Everything,
            by_theme: false,
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub as_of: NaiveDate,
    /// What was asked for (`--only`), so renderers can lay out accordingly.
    #[serde(skip)]
    pub only: Only,
    /// Selected quarters, oldest first.
    pub quarters: Vec<QuarterReport>,
    /// With several quarters: scores per quarter, all objectives first, then
    /// each shown team (columns follow `quarters`).
    pub history: Vec<HistoryRow>,
    /// The Balanced Scorecard, with OKR support from the quarter containing the as-of date.
    pub strategy: Option<StrategyReport>,
    /// Files the report needed that could not be read, so their goals are
    /// missing here; every format names them at its top.
    pub skipped: Vec<Skipped>,
    /// Errors (`okr check`'s, with okr.yaml's severities) in the files the
    /// report read and shows, besides the skipped files: their values may
    /// be missing from the scores.
    pub errors: usize,
    /// The strategy map of the scorecard shown, lanes in okr.yaml's
    /// perspective order (the order renderers lay the scorecard out in).
    #[serde(skip)]
    pub map: Option<StrategyMap>,
}

/// One row of the history table; `team` is None for all objectives.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    pub team: Option<String>,
    pub scores: Vec<Option<f64>>,
}

/// A file the report needed that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    /// The first loading finding, with its code.
    pub reason: String,
    /// The quarter file's quarter; None for strategy.yaml.
    pub quarter: Option<String>,
    /// The quarter file's team (its folder); None for strategy.yaml.
    pub team: Option<String>,
}

impl Skipped {
    /// The one line that says what the report leaves out, for the top of
    /// every format; `show` makes the user's text (path, team) safe for it:
    /// `growth/2026-Q4.yaml could not be read: the totals below leave out
    /// team growth`.
    pub fn notice(&self, show: impl Fn(&str) -> String) -> String {
        match &self.team {
            Some(team) => format!(
                "{} could not be read: the totals below leave out team {}",
                show(&self.path),
                show(team)
            ),
            None => format!(
                "{} could not be read: the report has no Balanced Scorecard",
                show(&self.path)
            ),
        }
    }

    /// The line `okr map --okrs` prints on stderr for a quarter file of
    /// the quarter it draws.
    pub fn map_notice(&self, show: impl Fn(&str) -> String) -> String {
        format!(
            "{} could not be read: the map leaves out the OKRs of team {}",
            show(&self.path),
            show(self.team.as_deref().unwrap_or_default())
        )
    }

    /// What the scorecard section says in its place when strategy.yaml is
    /// the file that could not be read.
    pub fn scorecard_notice(&self, show: impl Fn(&str) -> String) -> String {
        format!(
            "{} could not be read, so there is no scorecard to show; run `okr check` for details.",
            show(&self.path)
        )
    }
}

impl Report {
    /// strategy.yaml, when the report needed it and could not read it.
    pub fn unread_strategy(&self) -> Option<&Skipped> {
        self.skipped.iter().find(|s| s.team.is_none())
    }

    /// The one line about errors in the files that were read, for the top
    /// of every format (no user text in it).
    pub fn errors_notice(&self) -> Option<String> {
        (self.errors > 0).then(|| {
            format!(
                "The goals have {}: scores may leave out the values at fault; run `okr check` to see them.",
                crate::diagnostic::count(self.errors, "error")
            )
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct QuarterReport {
    pub quarter: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub phase: Phase,
    /// Share of the quarter elapsed at the as-of date, 0..1.
    pub elapsed: f64,
    /// Company roll-up: the mean of all objectives of the quarter that are
    /// scored from key results of their own (a parent objective counts
    /// through its children).
    pub score: Option<f64>,
    /// Those objectives scored, of all.
    pub coverage: Coverage,
    pub teams: Vec<TeamReport>,
    pub summary: Summary,
    /// Objectives that align to no other objective of the quarter, each with
    /// the objectives aligned beneath it (`--tree`).
    pub alignment: Vec<TreeNode>,
}

/// An objective in the alignment tree.
#[derive(Debug, Clone, Serialize)]
pub struct TreeNode {
    /// The OKR objective's team; empty for a strategic objective.
    pub team: String,
    /// A strategic objective's perspective, as shown (its label); None for
    /// an OKR objective.
    pub perspective: Option<String>,
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    /// What its score is computed from: `key_results`, or
    /// `aligned_objectives` for a parent objective.
    pub scored_from: ScoredFrom,
    /// The objective's status (`dropped` ones count in no roll-up).
    pub status: Status,
    /// Mean score of this objective and every objective aligned beneath it
    /// (those scored from key results of their own).
    pub rolled_up: Option<f64>,
    /// Those objectives scored, of all.
    pub coverage: Coverage,
    pub children: Vec<TreeNode>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamReport {
    pub team: String,
    pub path: String,
    /// Weighted mean of the team's objectives.
    pub score: Option<f64>,
    /// Its objectives scored, of all.
    pub coverage: Coverage,
    /// The nearest team above it with a file in the quarter (`sales` for
    /// `sales/emea`); None for a top team.
    pub parent: Option<String>,
    /// Weighted mean of its objectives and those of every team beneath it;
    /// None when no team of the quarter is beneath it.
    pub score_with_subteams: Option<f64>,
    /// Those objectives scored, of all; None without sub-teams.
    pub coverage_with_subteams: Option<Coverage>,
    /// How many of the quarter's teams it sits beneath, for indenting.
    #[serde(skip)]
    pub depth: usize,
    pub objectives: Vec<ObjectiveReport>,
}

/// What an objective's score is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoredFrom {
    KeyResults,
    /// A parent objective: no key results of its own, scored from the
    /// objectives aligned to it.
    AlignedObjectives,
    /// A strategic objective at the root of the tree: from its measures.
    Measures,
}

impl ScoredFrom {
    pub(crate) fn of(state: &crate::eval::ObjectiveState) -> ScoredFrom {
        if state.from_children {
            ScoredFrom::AlignedObjectives
        } else {
            ScoredFrom::KeyResults
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveReport {
    pub id: String,
    pub title: String,
    /// Who is accountable, as written (several joined by `, `).
    pub owner: Option<String>,
    /// Each owner.
    pub owners: Vec<String>,
    /// The `note:` free text (e.g. why it was dropped).
    pub note: Option<String>,
    pub kind: ObjectiveKind,
    pub weight: f64,
    pub score: Option<f64>,
    pub expected: f64,
    pub status: Status,
    /// What its score is computed from.
    pub scored_from: ScoredFrom,
    /// Its key results scored, of all; for a parent objective, the
    /// objectives aligned to it.
    pub coverage: Coverage,
    /// A committed objective graded below 1.0 after its quarter.
    pub missed_commitment: bool,
    /// Mean of the key results' latest confidences, where given.
    pub confidence: Option<f64>,
    pub supports: Vec<String>,
    pub aligns_to: Vec<String>,
    pub key_results: Vec<KeyResultReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyResultReport {
    pub id: String,
    pub title: String,
    /// Who is accountable, as written (several joined by `, `).
    pub owner: Option<String>,
    /// Each owner.
    pub owners: Vec<String>,
    /// The `note:` free text (e.g. why it was dropped).
    pub note: Option<String>,
    /// None when not exactly one kind (O003); `invalid` in JSON.
    #[serde(serialize_with = "serialize_kind")]
    pub kind: Option<KeyResultKind>,
    pub start: Option<f64>,
    pub target: Option<f64>,
    pub keep_above: Option<f64>,
    pub keep_below: Option<f64>,
    pub current: Option<f64>,
    pub done: Option<bool>,
    /// A milestone's due date: `due:`, else 14 days before the quarter's end.
    pub due: Option<NaiveDate>,
    pub unit: Option<String>,
    pub weight: f64,
    /// Raw progress, not clamped: below 0 is worse than the start, above 1 over-achieved.
    pub progress: Option<f64>,
    /// The grade when people gave one, else the measured score.
    pub score: Option<f64>,
    /// The grade people gave by the date (`score:` or a graded check-in).
    pub grade: Option<f64>,
    /// The measured score beside a grade, when its measure scores.
    pub measured_score: Option<f64>,
    /// Graded by people (`graded: true`, a `score:`, graded check-ins).
    pub graded: bool,
    pub expected: f64,
    pub status: Status,
    pub forecast: Option<f64>,
    pub confidence: Option<f64>,
    /// Check-in values oldest first (progress for metrics), for sparklines.
    pub trend: Vec<f64>,
    /// The check-ins dated on or before the as-of date, oldest first, for
    /// burn-up charts.
    pub checkins: Vec<CheckinReport>,
    /// The quarter is running and the last check-in is older than the cadence.
    pub stale: bool,
}

/// A check-in as written, known at the as-of date.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinReport {
    pub date: NaiveDate,
    /// The measured value; None when none is written (a grade only) or it
    /// is not a finite number (O012).
    pub value: Option<f64>,
    /// The grade people gave on that date.
    pub score: Option<f64>,
    pub confidence: Option<f64>,
    pub note: Option<String>,
}

/// A key result's kind as reports name it: the kind's label, or `invalid`
/// when it is not exactly one kind (O003).
pub(crate) fn kind_label(kind: Option<KeyResultKind>) -> &'static str {
    kind.map_or("invalid", KeyResultKind::label)
}

fn serialize_kind<S: serde::Serializer>(
    kind: &Option<KeyResultKind>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kind_label(*kind))
}

/// Counts over a quarter's objectives and key results.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub objectives: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    pub not_started: usize,
    /// Objectives whose scored key results are all milestones not yet due.
    pub pending: usize,
    /// Objectives with less than half of their weight scored.
    pub partly_scored: usize,
    pub unscored: usize,
    /// Objectives written `status: dropped`: counted in no score.
    pub dropped: usize,
    pub committed: usize,
    pub aspirational: usize,
    pub missed_commitments: usize,
    pub stale_key_results: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StrategyReport {
    pub organization: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub phase: Phase,
    pub elapsed: f64,
    /// Mean of the perspectives, weighted by their okr.yaml weights.
    pub score: Option<f64>,
    /// Its strategic objectives scored, of all.
    pub coverage: Coverage,
    /// The quarter whose OKRs count as support.
    pub support_quarter: Option<String>,
    pub perspectives: Vec<PerspectiveReport>,
    /// Budget totals of all initiatives per unit, each initiative once.
    pub budgets: Vec<BudgetTotal>,
    /// With `--by theme`: the objectives of each theme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub themes: Option<Vec<ThemeReport>>,
}

/// A strategic theme and its objectives (`--by theme`).
#[derive(Debug, Clone, Serialize)]
pub struct ThemeReport {
    /// The theme as written; None for the objectives without a theme.
    pub name: Option<String>,
    /// Ids of its strategic objectives, in perspective order.
    pub objectives: Vec<String>,
    /// Plain mean of its objectives' scores.
    pub score: Option<f64>,
    /// Its objectives scored, of all.
    pub coverage: Coverage,
}

/// The sum of initiative budgets written in one unit.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetTotal {
    /// The budgets' `unit`; None for budgets written without one.
    pub unit: Option<String>,
    pub total: f64,
    /// How many initiatives the total adds up.
    pub initiatives: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PerspectiveReport {
    /// The key in strategy.yaml.
    pub perspective: String,
    /// What outputs show: okr.yaml's `label`, else the key.
    pub label: String,
    /// Its weight in the scorecard's score (okr.yaml, default 1).
    pub weight: f64,
    /// Weighted mean of its objectives (weights default to 1).
    pub score: Option<f64>,
    /// Its objectives scored, of all.
    pub coverage: Coverage,
    pub objectives: Vec<BscObjectiveReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BscObjectiveReport {
    pub id: String,
    pub title: String,
    /// Who is accountable, as written (several joined by `, `).
    pub owner: Option<String>,
    /// Each owner.
    pub owners: Vec<String>,
    /// Its weight in the perspective's score.
    pub weight: f64,
    /// Weighted mean of its measures.
    pub score: Option<f64>,
    pub expected: f64,
    pub status: Status,
    /// Its measures scored, of all.
    pub coverage: Coverage,
    /// Mean score of the support quarter's OKR objectives that support it;
    /// shown beside `score`, never mixed into it.
    pub okr_support: Option<f64>,
    /// Why `okr_support` is null: `no OKRs this quarter` (no quarter file
    /// for the quarter holding the as-of date), `not supported` (no OKR of
    /// it supports this objective) or `unscored`.
    pub okr_support_note: Option<&'static str>,
    /// `team/id` of those OKR objectives.
    pub supported_by: Vec<String>,
    pub contributes_to: Vec<String>,
    pub measures: Vec<MeasureReport>,
    /// Its initiatives, then those of other objectives that also serve it.
    pub initiatives: Vec<InitiativeReport>,
    /// Strategic themes, as written.
    pub themes: Vec<String>,
    /// Budget totals of `initiatives` per unit.
    pub budgets: Vec<BudgetTotal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureReport {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    /// The target it is scored against at the date: `target`, or the
    /// period target of `targets` whose period holds the date.
    pub target: Option<f64>,
    /// That period target's `by` (null for a single `target`).
    pub target_by: Option<NaiveDate>,
    /// `targets` as written, by date.
    pub targets: Vec<PeriodTargetReport>,
    /// `target: tbd`: the target is still to be decided (B012).
    pub target_tbd: bool,
    /// `data_only: true`: recorded and shown, never scored.
    pub data_only: bool,
    /// `monthly`, `quarterly` or `annual`, when written.
    pub frequency: Option<&'static str>,
    /// Traffic-light bands, when written.
    pub bands: Option<BandsReport>,
    /// A calculated measure's `formula`, as written.
    pub formula: Option<String>,
    /// Where its score should be by now (paced over its target's period).
    pub expected: f64,
    /// A floor and a ceiling (a threshold measure without a target).
    pub keep_above: Option<f64>,
    pub keep_below: Option<f64>,
    pub actual: Option<f64>,
    /// The date of `actual`, when known (`actual_date`, a history date).
    pub actual_date: Option<NaiveDate>,
    /// up | down, written or inferred.
    pub direction: Option<&'static str>,
    pub weight: f64,
    pub score: Option<f64>,
    pub status: Status,
    pub trend: Vec<f64>,
    /// Its latest value is older than its `frequency` allows (B013).
    pub stale: bool,
    /// The dated history known at the date, oldest first (a calculated
    /// measure's: its formula's value at each date): what `trend` holds,
    /// with the dates, for the HTML dashboard's line charts. Not in the
    /// JSON report (`trend` is).
    #[serde(skip)]
    pub history: Vec<(NaiveDate, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodTargetReport {
    pub by: NaiveDate,
    pub value: f64,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct BandsReport {
    pub green: f64,
    pub yellow: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct InitiativeReport {
    pub title: String,
    /// Who is accountable, as written (several joined by `, `).
    pub owner: Option<String>,
    /// Each owner.
    pub owners: Vec<String>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: Option<&'static str>,
    /// Planned or active, and due before the as-of date.
    pub overdue: bool,
    /// How far the work is, 0 to 1.
    pub progress: Option<f64>,
    pub budget: Option<f64>,
    /// The budget's unit, e.g. `EUR`.
    pub unit: Option<String>,
    /// The strategic objectives it serves: the one it is written under first.
    pub objectives: Vec<String>,
}

/// The quarter files `okr report` has to read for `selection` (for
/// `load::load_only`): the choice `select_quarters` makes, taken from the
/// files' names before any is parsed. `None`, read everything, when the
/// selection names no quarter present, so the error lists them all.
pub(crate) fn quarters_to_read(
    selection: &QuarterSelection,
    settings: &crate::input::config::Settings,
    present: &[Quarter],
    as_of: NaiveDate,
) -> Option<Vec<Quarter>> {
    let mut chosen = choose(selection, present.to_vec(), as_of, settings);
    let support = support_quarter(selection, as_of, settings);
    if !chosen.is_empty() && present.contains(&support) && !chosen.contains(&support) {
        chosen.push(support);
    }
    (!chosen.is_empty()).then_some(chosen)
}

/// The quarter whose OKRs count as the scorecard's support: the one quarter
/// a user names, else the quarter containing the as-of date (never a later
/// one that has not started, nor an earlier one).
fn support_quarter(
    selection: &QuarterSelection,
    as_of: NaiveDate,
    settings: &crate::input::config::Settings,
) -> Quarter {
    match selection {
        QuarterSelection::One(q) => *q,
        _ => Quarter::containing(as_of, settings.fiscal_year_start_month),
    }
}

fn choose(
    selection: &QuarterSelection,
    present: Vec<Quarter>,
    as_of: NaiveDate,
    settings: &crate::input::config::Settings,
) -> Vec<Quarter> {
    match selection {
        QuarterSelection::All => present,
        QuarterSelection::One(q) => present.into_iter().filter(|p| p == q).collect(),
        QuarterSelection::Range(a, b) => present.into_iter().filter(|q| a <= q && q <= b).collect(),
        QuarterSelection::Current => {
            let today = Quarter::containing(as_of, settings.fiscal_year_start_month);
            if present.contains(&today) {
                vec![today]
            } else {
                present.last().copied().into_iter().collect()
            }
        }
    }
}

/// What loading left out, with the first reason found for each file.
pub fn skipped(repository: &Repository, diagnostics: &[Diagnostic]) -> Vec<Skipped> {
    let reason = |path: &str| {
        diagnostics
            .iter()
            .find(|d| d.path == path && d.code.is_loading())
            .map_or_else(
                || "could not be loaded".to_owned(),
                |d| format!("{} ({})", d.message, d.code),
            )
    };
    let mut skipped: Vec<Skipped> = repository
        .unloaded
        .iter()
        .map(|u| Skipped {
            path: u.path.clone(),
            reason: reason(&u.path),
            quarter: Some(u.quarter.to_string()),
            team: Some(u.team.clone()),
        })
        .collect();
    for d in diagnostics
        .iter()
        .filter(|d| d.path.ends_with("strategy.yaml") || d.path.ends_with("strategy.yml"))
    {
        if repository.strategy.is_none() && !skipped.iter().any(|s| s.path == d.path) {
            skipped.push(Skipped {
                path: d.path.clone(),
                reason: format!("{} ({})", d.message, d.code),
                quarter: None,
                team: None,
            });
        }
    }
    skipped
}

/// A filter that matches nothing: a mistyped quarter or team.
#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    #[error("no quarter file for {wanted}; present: {present}")]
    NoQuarter { wanted: String, present: String },
    #[error("no team `{wanted}` in the selected quarters; teams: {present}")]
    NoTeam { wanted: String, present: String },
    #[error("team `{wanted}` is ambiguous: it names {candidates}; write the full name")]
    AmbiguousTeam { wanted: String, candidates: String },
}

/// Builds the report from the evaluation. `findings` are what loading
/// found (`Loaded::diagnostics`), or `okr check`'s findings: the report
/// names the files that could not be read and counts the errors of the
/// others.
pub fn build(
    eval: &Evaluation<'_>,
    options: &Options,
    findings: &[Diagnostic],
) -> Result<Report, SelectError> {
    let repository = eval.repository;
    let present: Vec<Quarter> = eval.quarters.iter().map(|q| q.quarter).collect();
    let quarters = choose(
        &options.quarters,
        present.clone(),
        eval.as_of,
        &repository.settings,
    );
    if options.only != Only::Strategy && !present.is_empty() && quarters.is_empty() {
        let wanted = match &options.quarters {
            QuarterSelection::One(q) => q.to_string(),
            QuarterSelection::Range(a, b) => format!("{a}..{b}"),
            _ => "the selected quarters".to_owned(),
        };
        let present: Vec<String> = present.iter().map(Quarter::to_string).collect();
        return Err(SelectError::NoQuarter {
            wanted,
            present: present.join(", "),
        });
    }
    let states: Vec<&crate::eval::QuarterState<'_>> =
        quarters.iter().filter_map(|q| eval.quarter(*q)).collect();
    let options = &resolve_teams(repository, &states, options)?;
    // Support comes from the quarter holding the as-of date (or the one
    // quarter asked for, as `okr map --okrs` hangs it), scored whole: every
    // team counts, whatever the report shows. Without OKRs for it, there is
    // no support to show (not a support of 0).
    let support = support_quarter(&options.quarters, eval.as_of, &repository.settings);
    let strategy = match options.only {
        Only::Okrs => None,
        _ => strategy::report(eval, support, eval.quarter(support))
            .map(|s| strategy::filter(s, options)),
    };
    let map = match strategy {
        Some(_) => crate::eval::map::build(eval, None),
        None => None,
    };
    let quarter_reports: Vec<QuarterReport> = if options.only == Only::Strategy {
        Vec::new()
    } else {
        states
            .iter()
            .map(|q| okrs::filter(okrs::quarter(eval, q), options))
            .collect()
    };
    let history = if quarter_reports.len() > 1 {
        history(&quarter_reports)
    } else {
        Vec::new()
    };
    // strategy.yaml matters unless only OKRs are shown; every quarter file
    // read counts, as the company score and the scorecard's support do.
    // The skipped files are named on their own, not counted again.
    let mut skipped = skipped(repository, findings);
    let strategy_path = repository.strategy.as_ref().map(|s| s.path.as_str());
    let errors = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| !skipped.iter().any(|s| s.path == d.path))
        .filter(|d| options.only != Only::Okrs || Some(d.path.as_str()) != strategy_path)
        .count();
    skipped.retain(|s| s.team.is_some() || options.only != Only::Okrs);
    Ok(Report {
        as_of: eval.as_of,
        only: options.only,
        quarters: quarter_reports,
        history,
        strategy,
        skipped,
        errors,
        map,
    })
}

/// `options` with each `--team` by its full name (`emea` is `sales/emea`
/// when one team alone ends with it). A team names itself and its
/// sub-teams, so it must have a file, or a sub-team with one, in the
/// selected quarters.
fn resolve_teams(
    repository: &Repository,
    states: &[&crate::eval::QuarterState<'_>],
    options: &Options,
) -> Result<Options, SelectError> {
    use crate::model::team::{self, Named};
    let all: Vec<&str> = repository
        .quarters
        .iter()
        .map(|f| f.team.as_str())
        .chain(repository.unloaded.iter().map(|u| u.team.as_str()))
        .collect();
    let mut shown: Vec<&str> = states
        .iter()
        .flat_map(|q| q.files.iter())
        .map(|&f| repository.quarters[f].team.as_str())
        .collect();
    shown.sort_by(|a, b| team::order(a, b));
    shown.dedup();
    let mut resolved = options.clone();
    for wanted in &mut resolved.teams {
        let full = match team::resolve(wanted, all.iter().copied()) {
            Named::One(full) => full,
            Named::Ambiguous(candidates) => {
                return Err(SelectError::AmbiguousTeam {
                    wanted: wanted.clone(),
                    candidates: team::listed(&candidates),
                });
            }
            Named::Unknown => wanted.clone(),
        };
        if !shown.iter().any(|t| team::within(t, &full)) {
            return Err(SelectError::NoTeam {
                wanted: wanted.clone(),
                present: shown.join(", "),
            });
        }
        *wanted = full;
    }
    Ok(resolved)
}

/// Each shown team's score per quarter, after a first row for all objectives.
fn history(quarters: &[QuarterReport]) -> Vec<HistoryRow> {
    let mut teams: Vec<&str> = quarters
        .iter()
        .flat_map(|q| q.teams.iter().map(|t| t.team.as_str()))
        .collect();
    teams.sort_by(|a, b| crate::model::team::order(a, b));
    teams.dedup();
    let mut rows = vec![HistoryRow {
        team: None,
        scores: quarters.iter().map(|q| q.score).collect(),
    }];
    rows.extend(teams.into_iter().map(|team| {
        HistoryRow {
            team: Some(team.to_owned()),
            scores: quarters
                .iter()
                .map(|q| {
                    q.teams
                        .iter()
                        .find(|t| t.team == team)
                        .and_then(|t| t.score)
                })
                .collect(),
        }
    }));
    rows
}
