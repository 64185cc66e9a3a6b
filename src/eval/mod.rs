//! The state of the goals at a date: the one evaluation every command reads.
//!
//! `evaluate` works out, once per run and per as-of date, everything that is
//! derived from the model: each key result's value, done-ness, last check-in,
//! staleness, progress, score, expected score, status, forecast and trend;
//! the roll-ups of objectives, teams, quarters, perspectives and the
//! scorecard; the OKR support of each strategic objective; and the alignment
//! and strategy graphs with their cycles and backwards links. `okr check`'s
//! date rules, `okr report`, both sides of `okr diff`, `okr map`, `okr
//! checkin`'s verification and `okr new --from` all read this value; none of
//! them recomputes any of it. The states hold numbers and indices into the
//! model, never copies of its text, so checking a large organization pays
//! only for the arithmetic.

pub(crate) mod cycles;
pub(crate) mod formula;
pub(crate) mod graph;
pub(crate) mod key_result;
pub mod map;
mod okrs;
pub mod report;
pub mod score;
mod strategy;
pub(crate) mod teams;

use chrono::NaiveDate;

use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::model::{KeyResultAt, Objective, Repository};
use score::{Phase, Thresholds};

pub(crate) use key_result::KeyResultState;
pub(crate) use okrs::{FileState, ObjectiveState, QuarterState, TreeNode};
pub(crate) use strategy::{BscObjectiveState, MeasureState, StrategyState, actual_date, target_of};

/// The state of a repository's goals at one date.
#[derive(Debug)]
pub struct Evaluation<'r> {
    pub repository: &'r Repository,
    pub as_of: NaiveDate,
    /// One per quarter file, in the order of `repository.quarters`.
    pub files: Vec<FileState>,
    /// The quarters present, oldest first.
    pub quarters: Vec<QuarterState<'r>>,
    /// Objectives and their `aligns_to` links, across every quarter file.
    pub alignment: graph::Alignment,
    /// The Balanced Scorecard scored against its period.
    pub strategy: Option<StrategyState>,
    /// Strategic objectives and their `contributes_to` links.
    pub strategy_graph: Option<graph::StrategyGraph<'r>>,
}

/// Where a date falls in a period, and how much of it has passed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calendar {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: NaiveDate,
    pub phase: Phase,
    /// Share of the period elapsed at `as_of`, 0..1.
    pub elapsed: f64,
}

impl Calendar {
    pub(crate) fn new(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> Calendar {
        Calendar {
            start,
            end,
            as_of,
            phase: Phase::of(start, end, as_of),
            elapsed: score::elapsed_fraction(start, end, as_of),
        }
    }

    /// The calendar of a quarter under the configured fiscal year.
    pub(crate) fn quarter(quarter: Quarter, settings: &Settings, as_of: NaiveDate) -> Calendar {
        let (start, end) = quarter.dates(settings.fiscal_year_start_month);
        Calendar::new(start, end, as_of)
    }
}

/// Evaluates every goal of `repository` at `as_of`.
pub fn evaluate(repository: &Repository, as_of: NaiveDate) -> Evaluation<'_> {
    let mut files = okrs::files(repository, as_of);
    let alignment = graph::Alignment::build(repository);
    okrs::parents(repository, &mut files, &alignment, as_of);
    let quarters = okrs::quarters(repository, &files, &alignment, as_of);
    let strategy_graph = repository
        .strategy
        .as_ref()
        .map(|s| graph::StrategyGraph::build(s, &repository.settings));
    let strategy = repository
        .strategy
        .as_ref()
        .map(|s| strategy::evaluate(&repository.settings, s, as_of));
    Evaluation {
        repository,
        as_of,
        files,
        quarters,
        alignment,
        strategy,
        strategy_graph,
    }
}

impl<'r> Evaluation<'r> {
    /// The state of one quarter, if any file has it.
    pub(crate) fn quarter(&self, quarter: Quarter) -> Option<&QuarterState<'r>> {
        self.quarters.iter().find(|q| q.quarter == quarter)
    }

    /// The state of the key result at `(file, objective, key result)`
    /// positions in the model.
    pub(crate) fn key_result(&self, at: KeyResultAt) -> Option<&KeyResultState> {
        self.files
            .get(at.file)?
            .objectives
            .get(at.objective)?
            .key_results
            .get(at.key_result)
    }

    /// The objective at `(file, objective)` with its state.
    pub(crate) fn objective(
        &self,
        file: usize,
        objective: usize,
    ) -> Option<(&'r Objective, &ObjectiveState)> {
        let model = self
            .repository
            .quarters
            .get(file)?
            .objectives
            .get(objective)?;
        let state = self.files.get(file)?.objectives.get(objective)?;
        Some((model, state))
    }
}

/// The score `kr` would have at `as_of` in `quarter`, worked out as the
/// evaluation works it out: for `okr diff`, which scores a key result's
/// readings under its old and its new goalposts.
pub(crate) fn key_result_score(
    settings: &Settings,
    kr: &crate::model::KeyResult,
    quarter: Quarter,
    as_of: NaiveDate,
) -> Option<f64> {
    let calendar = Calendar::quarter(quarter, settings, as_of);
    // The goal only sets the expected score and status, which are not asked for.
    key_result::evaluate(settings, kr, 0.0, &calendar).score
}

/// Tolerances and grades from okr.yaml `scoring`.
pub(crate) fn thresholds(s: &Settings) -> Thresholds {
    Thresholds {
        on_track: s.pacing_on_track,
        at_risk: s.pacing_at_risk,
        green: s.grade_green,
        yellow: s.grade_yellow,
    }
}

/// A weight as the roll-ups use it: not positive or not finite counts as 0 (left out).
pub(crate) fn weight(n: crate::model::Number) -> f64 {
    if n.value.is_finite() && n.value > 0.0 {
        n.value
    } else {
        0.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test's unwrap is its assertion
mod tests;
