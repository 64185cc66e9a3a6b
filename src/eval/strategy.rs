//! The Balanced Scorecard at a date: measures, strategic objectives,
//! perspectives and the scorecard, scored against the strategy period.

use chrono::NaiveDate;

use super::formula::{Outcome, Values};
use super::{thresholds, weight};
use crate::eval::score::{self, Coverage, Phase, Status, Thresholds};
use crate::input::config::Settings;
use crate::model::{
    Bands, BscObjective, Direction, InitiativeStatus, Measure, PeriodTarget, Strategy,
};

/// The scorecard at the date.
#[derive(Debug, Clone)]
pub struct StrategyState {
    pub phase: Phase,
    /// Share of the strategy period elapsed (1 without a period).
    pub elapsed: f64,
    /// The committed goal times `elapsed`.
    pub expected: f64,
    /// Mean of the perspectives, weighted by okr.yaml's perspective weights.
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
    /// Where its score should be by now: the weighted mean of its scored
    /// measures' `expected` (the scorecard's without any).
    pub expected: f64,
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
    /// The value at the date: the latest of the history points on or before
    /// it and `actual` when it counts by then (dated by `actual_date`, else
    /// at the last history date; undated without history, at every date).
    pub actual: Option<f64>,
    /// The date of that value, when it has one.
    pub actual_date: Option<NaiveDate>,
    /// Its latest value is older than its `frequency` allows (B013).
    pub stale: bool,
    /// The target it is scored against at the date: `target`, or the
    /// period target of `targets` whose period holds the date.
    pub target: Option<f64>,
    /// That period target's `by`.
    pub target_by: Option<NaiveDate>,
    /// Where its score should be by now: the committed goal times the share
    /// of its target's period elapsed (the strategy period for `target`).
    pub expected: f64,
    /// Its target's period is over: the status is a grade.
    pub graded: bool,
    /// A floor or ceiling broken at its latest reading while the period
    /// runs: off track, and its objective never on track.
    pub broken: bool,
    /// `data_only: true`: never scored, counted in no coverage.
    pub data_only: bool,
    /// Written, else implied by baseline -> target.
    pub direction: Option<Direction>,
    pub weight: f64,
    pub score: Option<f64>,
    pub status: Status,
    /// History values known at the date, oldest first.
    pub trend: Vec<f64>,
    /// A calculated measure whose formula divides by zero at the date
    /// (B019): unscored.
    pub divides_by_zero: bool,
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
    let at = At {
        as_of,
        phase,
        expected,
        goal: settings.committed_goal,
        t: thresholds(settings),
        start: strategy.period.as_ref().map(|p| p.start),
        end: strategy.period.as_ref().map(|p| p.end),
        values: Values::new(strategy),
        cadence: settings.checkin_cadence_days,
    };
    let perspectives: Vec<PerspectiveState> = strategy
        .perspectives
        .iter()
        .map(|p| {
            let objectives: Vec<BscObjectiveState> =
                p.objectives.iter().map(|o| objective(o, &at)).collect();
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
        // Weighted by okr.yaml's perspective weights (default 1 each).
        score: score::weighted_mean(strategy.perspectives.iter().zip(&perspectives).filter_map(
            |(p, ps)| {
                ps.score
                    .map(|s| (s, settings.perspective_weight(&p.key.value)))
            },
        )),
        coverage: Coverage::of(
            perspectives
                .iter()
                .flat_map(|p| &p.objectives)
                .map(|o| o.score.is_some()),
        ),
        perspectives,
    }
}

/// The date and what it means for the scorecard.
struct At<'a> {
    as_of: NaiveDate,
    phase: Phase,
    /// The scorecard's expected score at the date.
    expected: f64,
    /// okr.yaml `scoring.committed_goal`.
    goal: f64,
    t: Thresholds,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    /// Every measure's values, for formulas.
    values: Values<'a>,
    /// okr.yaml `checkin_cadence_days`: the grace after a measure's period.
    cadence: i64,
}

fn objective(o: &BscObjective, at: &At<'_>) -> BscObjectiveState {
    let measures: Vec<MeasureState> = o.measures.iter().map(|m| measure(m, at)).collect();
    // Data-only measures are never scored, so they count in no roll-up.
    let scored: Vec<&MeasureState> = measures.iter().filter(|m| !m.data_only).collect();
    let score = score::weighted_mean(scored.iter().filter_map(|m| m.score.map(|s| (s, m.weight))));
    // Measures paced over the strategy period all expect the scorecard's.
    let expected = if scored.iter().all(|m| m.target_by.is_none()) {
        at.expected
    } else {
        score::weighted_mean(
            scored
                .iter()
                .filter(|m| m.score.is_some())
                .map(|m| (m.expected, m.weight)),
        )
        .unwrap_or(at.expected)
    };
    // Graded once every measure's period is over, as the scorecard's result.
    let graded = !scored.is_empty() && scored.iter().all(|m| m.graded);
    let status = if graded && at.phase != Phase::Before {
        score::grade(score, at.t)
    } else {
        score::status(score, expected, running(at.phase), at.t)
    };
    // Less than half of its measures' weight scored: no status colour.
    let status = match status {
        status @ (Status::NotStarted | Status::Unscored) => status,
        _ if score::mostly_unscored(scored.iter().map(|m| (m.score.is_some(), m.weight))) => {
            Status::PartlyScored
        }
        status => score::held_roll_up(
            status,
            scored.iter().filter(|m| m.broken).count(),
            scored.iter().filter(|m| m.score.is_some()).count(),
        ),
    };
    BscObjectiveState {
        weight: weight(o.weight),
        expected,
        score,
        status,
        coverage: Coverage::of(scored.iter().map(|m| m.score.is_some())),
        measures,
        initiatives: o
            .initiatives
            .iter()
            .map(|i| InitiativeState {
                overdue: matches!(
                    i.status,
                    Some(InitiativeStatus::Planned | InitiativeStatus::Active)
                ) && i.due.is_some_and(|d| d.value < at.as_of),
            })
            .collect(),
    }
}

/// The scorecard's grades come from [`score::grade`], not from the OKR
/// colours of an ended period: until graded, a scorecard is paced.
fn running(phase: Phase) -> Phase {
    match phase {
        Phase::Ended => Phase::Running,
        phase => phase,
    }
}

/// The target a measure is scored against at the date, and the period it
/// is paced over.
#[derive(Clone, Copy)]
struct Leg {
    /// The value it starts from: the previous period target, or the baseline.
    from: Option<f64>,
    target: f64,
    /// The period target's `by` (None for a single `target`).
    by: Option<NaiveDate>,
    /// The period's first day: the day after the previous `by`, or the
    /// strategy's start.
    start: Option<NaiveDate>,
}

fn target_at(m: &Measure, at: &At<'_>) -> Option<Leg> {
    leg(m, at.as_of, at.start)
}

/// The value a measure is paced from and the target it is scored against at
/// `as_of` (`start`: the strategy period's first day), for `okr diff` to
/// judge a moved target by period as the evaluation scores it.
pub(crate) fn target_of(
    m: &Measure,
    as_of: NaiveDate,
    start: Option<NaiveDate>,
) -> Option<(Option<f64>, f64)> {
    leg(m, as_of, start).map(|l| (l.from, l.target))
}

fn leg(m: &Measure, as_of: NaiveDate, period_start: Option<NaiveDate>) -> Option<Leg> {
    let baseline = m.baseline.map(|b| b.value);
    if let Some(t) = m.target {
        return Some(Leg {
            from: baseline,
            target: t.value,
            by: None,
            start: period_start,
        });
    }
    let mut targets: Vec<&PeriodTarget> = m.targets.iter().collect();
    targets.sort_by_key(|t| t.by.value);
    let i = targets
        .iter()
        .position(|t| t.by.value >= as_of)
        .unwrap_or(targets.len().checked_sub(1)?);
    let target = targets[i];
    let (from, start) = match i.checked_sub(1).map(|p| targets[p]) {
        Some(previous) => (Some(previous.value.value), previous.by.value.succ_opt()),
        None => (baseline, period_start),
    };
    Some(Leg {
        from,
        target: target.value.value,
        by: Some(target.by.value),
        start,
    })
}

/// The value at the date, its date, and whether it is `actual`: the
/// latest history point on or before the date, or `actual` when that counts
/// by then and is not older.
fn value_at(
    m: &Measure,
    known: &[(NaiveDate, f64)],
    as_of: NaiveDate,
) -> Option<(f64, Option<NaiveDate>, bool)> {
    let dated = actual_date(m);
    let actual = m
        .actual
        .filter(|_| dated.is_none_or(|d| d <= as_of))
        .map(|a| (a.value, dated, true));
    let latest = known
        .last()
        .map(|&(date, value)| (value, Some(date), false));
    match (actual, latest) {
        (Some(a), Some(h)) if a.1 >= h.1 => Some(a),
        (Some(a), None) => Some(a),
        (_, h) => h,
    }
}

/// A measure's own value at the date (its history and `actual`, not a
/// formula), as [`value_at`] says.
pub(super) fn own_value(m: &Measure, as_of: NaiveDate) -> Option<(f64, Option<NaiveDate>, bool)> {
    value_at(m, &own_history(m, as_of), as_of)
}

/// A measure's own history on or before the date, oldest first.
fn own_history(m: &Measure, as_of: NaiveDate) -> Vec<(NaiveDate, f64)> {
    let mut known: Vec<(NaiveDate, f64)> = m
        .history
        .iter()
        .filter(|h| h.date.value <= as_of)
        .map(|h| (h.date.value, h.value.value))
        .collect();
    known.sort_by_key(|h| h.0);
    known
}

/// When `actual` was measured: `actual_date`, else the last history date;
/// None (every date) for an undated actual without history.
pub(crate) fn actual_date(m: &Measure) -> Option<NaiveDate> {
    m.actual_date
        .map(|d| d.value)
        .or_else(|| m.history.iter().map(|h| h.date.value).max())
}

/// The band of `value`: green at or beyond `green` in the direction, yellow
/// at or beyond `yellow`, else red.
fn band(value: f64, bands: &Bands, up: bool) -> Status {
    let beyond = |limit: f64| if up { value >= limit } else { value <= limit };
    if beyond(bands.green.value) {
        Status::Green
    } else if beyond(bands.yellow.value) {
        Status::Yellow
    } else {
        Status::Red
    }
}

fn measure(m: &Measure, at: &At<'_>) -> MeasureState {
    let direction = m.effective_direction();
    let up = direction != Some(Direction::Down);
    // History after the as-of date has not happened yet. A calculated
    // measure's history and value are its formula's at each date.
    let (known, value, outcome) = if m.formula.is_some() {
        let known = at.values.history(&m.id.value, at.as_of);
        let outcome = at.values.value(&m.id.value, at.as_of);
        let value = outcome.value().map(|v| {
            let latest = known.last().copied();
            (v, latest.map(|l| l.0), latest.is_none_or(|l| l.1 != v))
        });
        (known, value, Some(outcome))
    } else {
        let known = own_history(m, at.as_of);
        let value = value_at(m, &known, at.as_of);
        (known, value, None)
    };
    let actual = value.map(|(v, _, _)| v);
    let (above, below) = (m.keep_above.map(|n| n.value), m.keep_below.map(|n| n.value));
    let bounded = above.is_some() || below.is_some();
    let leg = target_at(m, at);
    let threshold = leg.is_none() && bounded;
    // A floor, a ceiling or a range is scored as a key-result threshold is:
    // the share of its readings (the known history, then the value at the
    // date when it is the actual, apart from them) within bounds. Beside a
    // target, the bounds only judge the status.
    let readings: Vec<f64> = if bounded {
        let mut values: Vec<f64> = known.iter().map(|h| h.1).collect();
        if let Some((a, _, true)) = value
            && values.last() != Some(&a)
        {
            values.push(a);
        }
        values
    } else {
        Vec::new()
    };
    let data_only = m.data_only.is_some() && leg.is_none() && !bounded;
    let score = if data_only {
        None
    } else if threshold {
        score::threshold_score(&readings, above, below)
    } else {
        leg.and_then(|l| score::measure_score(l.from, l.target, actual, up))
    };
    // Paced over its target's period; a single target over the strategy's.
    let by = leg.and_then(|l| l.by);
    let expected = match (by, leg.and_then(|l| l.start)) {
        (Some(by), Some(start)) => {
            score::expected(at.goal, score::elapsed_fraction(start, by, at.as_of))
        }
        (Some(by), None) if at.as_of >= by => score::expected(at.goal, 1.0),
        _ => at.expected,
    };
    let graded = by.is_some_and(|by| at.as_of >= by) || at.end.is_some_and(|end| at.as_of >= end);
    let banded = m
        .bands
        .as_ref()
        .zip(actual.filter(|a| a.is_finite()))
        .map(|(b, a)| band(a, b, up));
    let out_of_bounds = score::out_of_bounds(readings.last().copied(), above, below);
    let status = if data_only {
        Status::DataOnly
    } else if at.phase == Phase::Before {
        score::status(score, expected, at.phase, at.t)
    } else if let Some(band) = banded {
        // Bands judge the value itself; at the end they are the grade.
        match (band, graded) {
            (Status::Green, true) => Status::Met,
            (Status::Yellow, true) => Status::PartlyMet,
            (_, true) => Status::Missed,
            (band, false) => band,
        }
    } else if graded {
        score::grade(score, at.t)
    } else {
        // Out of bounds at its latest reading, a measure is never on track.
        score::held(
            score::status(score, expected, at.phase, at.t),
            out_of_bounds,
        )
    };
    // Held off track by a bound broken now: its objective is never on track.
    let broken = status == Status::OffTrack && banded.is_none() && !graded && out_of_bounds;
    MeasureState {
        actual: actual.filter(|v| v.is_finite()),
        actual_date: value.and_then(|(_, d, _)| d),
        stale: stale(m, value.and_then(|(_, d, _)| d), at),
        target: leg.map(|l| l.target).filter(|v| v.is_finite()),
        target_by: by,
        expected,
        graded,
        data_only,
        direction,
        weight: weight(m.weight),
        score,
        status,
        broken,
        trend: known
            .iter()
            .map(|h| h.1)
            .filter(|v| v.is_finite())
            .collect(),
        divides_by_zero: outcome == Some(Outcome::DividesByZero),
    }
}

/// Whether the measure's latest value, dated `latest`, is older than one
/// period of its `frequency` plus `checkin_cadence_days` at the date (B013).
/// Nothing is due before the strategy starts.
fn stale(m: &Measure, latest: Option<NaiveDate>, at: &At<'_>) -> bool {
    let (Some((frequency, _)), Some(latest)) = (m.frequency, latest) else {
        return false;
    };
    if at.start.is_some_and(|start| at.as_of < start) {
        return false;
    }
    latest
        .checked_add_months(chrono::Months::new(frequency.months()))
        .and_then(|d| d.checked_add_signed(chrono::TimeDelta::try_days(at.cadence)?))
        .is_some_and(|due| due < at.as_of)
}
