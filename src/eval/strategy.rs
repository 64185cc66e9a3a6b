//! The Balanced Scorecard at a date: measures, strategic objectives,
//! perspectives and the scorecard, scored against the strategy period.

use chrono::NaiveDate;

use super::{thresholds, weight};
use crate::eval::score::{self, Coverage, Phase, Status, Thresholds};
use crate::input::config::Settings;
use crate::model::{BscObjective, Direction, InitiativeStatus, Measure, Strategy};

/// The scorecard at the date.
#[derive(Debug, Clone)]
pub struct StrategyState {
    pub phase: Phase,
    /// Share of the strategy period elapsed (1 without a period).
    pub elapsed: f64,
    /// The committed goal times `elapsed`.
    pub expected: f64,
    /// Mean of the perspectives.
    pub score: Option<f64>,
    /// Its strategic objectives scored, of all.
    pub coverage: Coverage,
    /// In the order of `strategy.perspectives`.
    pub perspectives: Vec<PerspectiveState>,
}

#[derive(Debug, Clone)]
pub struct PerspectiveState {
    /// Weighted mean of its objectives (weights default to 1).
    pub score: Option<f64>,
    /// Its objectives scored, of all.
    pub coverage: Coverage,
    pub objectives: Vec<BscObjectiveState>,
}

#[derive(Debug, Clone)]
pub struct BscObjectiveState {
    /// Its weight in the perspective's score.
    pub weight: f64,
    /// Weighted mean of its measures.
    pub score: Option<f64>,
    pub status: Status,
    /// Its measures scored, of all.
    pub coverage: Coverage,
    pub measures: Vec<MeasureState>,
    pub initiatives: Vec<InitiativeState>,
}

#[derive(Debug, Clone)]
pub struct MeasureState {
    /// The actual at the date: the latest history point on or before it
    /// when later points exist, else `actual`.
    pub actual: Option<f64>,
    /// Written, else implied by baseline -> target.
    pub direction: Option<Direction>,
    pub weight: f64,
    pub score: Option<f64>,
    pub status: Status,
    /// History values known at the date, oldest first.
    pub trend: Vec<f64>,
}

#[derive(Debug, Clone, Copy)]
pub struct InitiativeState {
    /// Planned or active, and due before the date.
    pub overdue: bool,
}

pub(super) fn evaluate(
    settings: &Settings,
    strategy: &Strategy,
    as_of: NaiveDate,
) -> StrategyState {
    let (phase, elapsed) = match &strategy.period {
        Some(p) => (
            Phase::of(p.start, p.end, as_of),
            score::elapsed_fraction(p.start, p.end, as_of),
        ),
        None => (Phase::Running, 1.0),
    };
    let expected = score::expected(settings.committed_goal, elapsed);
    let t = thresholds(settings);
    let perspectives: Vec<PerspectiveState> = strategy
        .perspectives
        .iter()
        .map(|p| {
            let objectives: Vec<BscObjectiveState> = p
                .objectives
                .iter()
                .map(|o| objective(o, expected, phase, t, as_of))
                .collect();
            PerspectiveState {
                score: score::weighted_mean(
                    objectives
                        .iter()
                        .filter_map(|o| o.score.map(|s| (s, o.weight))),
                ),
                coverage: Coverage::of(objectives.iter().map(|o| o.score.is_some())),
                objectives,
            }
        })
        .collect();
    StrategyState {
        phase,
        elapsed,
        expected,
        score: score::mean(perspectives.iter().filter_map(|p| p.score)),
        coverage: Coverage::of(
            perspectives
                .iter()
                .flat_map(|p| &p.objectives)
                .map(|o| o.score.is_some()),
        ),
        perspectives,
    }
}

fn objective(
    o: &BscObjective,
    expected: f64,
    phase: Phase,
    t: Thresholds,
    as_of: NaiveDate,
) -> BscObjectiveState {
    let measures: Vec<MeasureState> = o
        .measures
        .iter()
        .map(|m| measure(m, expected, phase, t, as_of))
        .collect();
    let score = score::weighted_mean(
        measures
            .iter()
            .filter_map(|m| m.score.map(|s| (s, m.weight))),
    );
    // Less than half of its measures' weight scored: no status colour.
    let status = match score::status(score, expected, phase, t) {
        status @ (Status::NotStarted | Status::Unscored) => status,
        _ if score::mostly_unscored(measures.iter().map(|m| (m.score.is_some(), m.weight))) => {
            Status::PartlyScored
        }
        status => status,
    };
    BscObjectiveState {
        weight: weight(o.weight),
        score,
        status,
        coverage: Coverage::of(measures.iter().map(|m| m.score.is_some())),
        measures,
        initiatives: o
            .initiatives
            .iter()
            .map(|i| InitiativeState {
                overdue: matches!(
                    i.status,
                    Some(InitiativeStatus::Planned | InitiativeStatus::Active)
                ) && i.due.is_some_and(|d| d.value < as_of),
            })
            .collect(),
    }
}

fn measure(
    m: &Measure,
    expected: f64,
    phase: Phase,
    t: Thresholds,
    as_of: NaiveDate,
) -> MeasureState {
    let direction = m.effective_direction();
    let up = direction != Some(Direction::Down);
    // As with check-ins: history after the as-of date has not happened yet,
    // and then `actual` (undated) describes a later state too.
    let mut known: Vec<&crate::model::HistoryPoint> =
        m.history.iter().filter(|h| h.date.value <= as_of).collect();
    known.sort_by_key(|h| h.date.value);
    let actual = if known.len() < m.history.len() {
        known.last().map(|h| h.value.value)
    } else {
        m.actual.map(|a| a.value)
    };
    let (above, below) = (m.keep_above.map(|n| n.value), m.keep_below.map(|n| n.value));
    let bounded = above.is_some() || below.is_some();
    let threshold = m.target.is_none() && bounded;
    // A floor, a ceiling or a range is scored as a key-result threshold is:
    // the share of its readings (the known history, then the actual when it
    // is written apart from it) within bounds. Beside a target, the bounds
    // only judge the status.
    let readings: Vec<f64> = if bounded {
        let mut values: Vec<f64> = known.iter().map(|h| h.value.value).collect();
        if known.len() == m.history.len()
            && let Some(a) = m.actual.map(|a| a.value)
            && values.last() != Some(&a)
        {
            values.push(a);
        }
        values
    } else {
        Vec::new()
    };
    let score = if threshold {
        score::threshold_score(&readings, above, below)
    } else {
        m.target.and_then(|target| {
            score::measure_score(m.baseline.map(|b| b.value), target.value, actual, up)
        })
    };
    MeasureState {
        actual: actual.filter(|v| v.is_finite()),
        direction,
        weight: weight(m.weight),
        score,
        // Out of bounds at its latest reading, a measure is never on track.
        status: score::held(
            score::status(score, expected, phase, t),
            readings.last().copied(),
            above,
            below,
        ),
        trend: known
            .iter()
            .map(|h| h.value.value)
            .filter(|v| v.is_finite())
            .collect(),
    }
}
