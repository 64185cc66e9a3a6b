//! One key result at a date: the only place its value, done-ness,
//! staleness, progress, score, status, forecast and trend are worked out.
//!
//! The state keeps what every command reads. The check-ins known at the date
//! and the trend, which only reports draw, are worked out by [`known`] and
//! [`trend`] when asked, from the same definitions the state uses, so that
//! checking a large organization does not hold a list per key result.

use chrono::NaiveDate;

use super::Calendar;
use crate::eval::score::{self, Status};
use crate::input::config::Settings;
use crate::model::{KeyResult, KeyResultKind};

/// What a key result is at the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyResultState {
    /// Its kind when exactly one is declared (O003 otherwise).
    pub kind: Option<KeyResultKind>,
    /// A metric's start as scored: `start`, else 0.
    pub start: f64,
    /// The value at the date: `current`, else the latest known check-in's
    /// value; a metric with neither stands at its start. None for milestones.
    pub current: Option<f64>,
    /// Whether a value was measured by the date (`current` or a check-in),
    /// rather than a metric standing at its start by default.
    pub measured: bool,
    /// A milestone's done-ness at the date: as written, unless check-ins
    /// dated after the date show the file describes a later state; then
    /// the latest known check-in says (a value of 1 is done).
    pub done: Option<bool>,
    /// A milestone's due date: `due:`, else 14 days before the quarter's end.
    pub due: Option<NaiveDate>,
    /// The date of the latest known check-in.
    pub last_checkin: Option<NaiveDate>,
    /// Days from the last known check-in (else the quarter's start) to the date.
    pub days_without_checkin: i64,
    /// The quarter runs, the key result is not done, and no check-in came
    /// within the cadence.
    pub stale: bool,
    /// Raw progress, not clamped: below 0 is worse than the start, above 1 over-achieved.
    pub progress: Option<f64>,
    pub score: Option<f64>,
    /// The score expected of it at the date: its objective's pace; for a
    /// milestone, 0 while it is pending and its objective's goal once due.
    pub expected: f64,
    pub status: Status,
    pub forecast: Option<f64>,
    /// The latest known check-in's confidence.
    pub confidence: Option<f64>,
}

/// Indices into `kr.checkins` of those dated on or before `as_of` (the
/// others have not happened yet at that date), oldest first, equal dates in
/// written order.
pub(crate) fn known(kr: &KeyResult, as_of: NaiveDate) -> Vec<usize> {
    let mut known: Vec<usize> = (0..kr.checkins.len())
        .filter(|&i| kr.checkins[i].date.value <= as_of)
        .collect();
    known.sort_by_key(|&i| kr.checkins[i].date.value);
    known
}

/// The trend at `as_of`, oldest first, finite values only: a metric's
/// progress at each known check-in, a milestone's or threshold's known
/// check-in values, and a threshold's `current` last when it is written
/// apart from them (the values its share counts).
pub(crate) fn trend(kr: &KeyResult, as_of: NaiveDate) -> Vec<f64> {
    let known = known(kr, as_of);
    history(kr, &known)
        .into_iter()
        .map(|(_, v)| v)
        .filter(|v| v.is_finite())
        .collect()
}

/// The points a key result's forecast, threshold share and trend are made
/// of, oldest first, given its known check-ins: `(date, value)`, where the
/// value is a metric's progress (check-ins it cannot score are left out) or
/// the check-in's value, and a threshold's `current` written apart from its
/// check-ins comes last, undated.
fn history(kr: &KeyResult, known: &[usize]) -> Vec<(Option<NaiveDate>, f64)> {
    let checkins = known.iter().map(|&i| &kr.checkins[i]);
    match kr.kind() {
        Some(KeyResultKind::Metric) => {
            let start = kr.start.map_or(0.0, |n| n.value);
            let target = kr.target.map_or(start, |n| n.value);
            checkins
                .filter_map(|c| {
                    score::metric_progress(start, target, c.value.value)
                        .map(|p| (Some(c.date.value), p))
                })
                .collect()
        }
        Some(KeyResultKind::Milestone) => checkins
            .map(|c| (Some(c.date.value), c.value.value))
            .collect(),
        Some(KeyResultKind::Threshold) => {
            let mut points: Vec<(Option<NaiveDate>, f64)> = checkins
                .map(|c| (Some(c.date.value), c.value.value))
                .collect();
            // `current` counts as the latest check-in when it is written apart
            // from them, and only while no check-in after the date shows it
            // describes a later state.
            let later = known.len() < kr.checkins.len();
            let latest_value = known.last().map(|&i| kr.checkins[i].value.value);
            if let Some(c) = kr.current.filter(|_| !later)
                && latest_value.is_none_or(|l| l != c.value)
            {
                points.push((None, c.value));
            }
            points
        }
        None => Vec::new(),
    }
}

/// Days before its quarter's end by which a milestone without `due:` is due.
pub(crate) const MILESTONE_DUE_DAYS_BEFORE_END: u64 = 14;

/// The day a milestone is due: its `due:`, else 14 days before its
/// quarter's last day (the quarter's last two weeks are for finishing).
pub(crate) fn due(kr: &KeyResult, calendar: &Calendar) -> NaiveDate {
    kr.due.map_or_else(
        || {
            calendar
                .end
                .checked_sub_days(chrono::Days::new(MILESTONE_DUE_DAYS_BEFORE_END))
                .unwrap_or(calendar.end)
                .max(calendar.start)
        },
        |d| d.value,
    )
}

/// Evaluates `kr` at `calendar.as_of`, under an objective whose goal is
/// `goal` (its expected score at the quarter's end).
pub(super) fn evaluate(
    settings: &Settings,
    kr: &KeyResult,
    goal: f64,
    calendar: &Calendar,
) -> KeyResultState {
    let as_of = calendar.as_of;
    let pace = score::expected(goal, calendar.elapsed);
    // As of a date, check-ins dated after it have not happened yet.
    let known = known(kr, as_of);
    let latest = kr.latest_checkin_by(as_of).map(|(i, _)| i);
    let latest_value = latest.map(|i| kr.checkins[i].value.value);
    let kind = kr.kind();
    let start = kr.start.map_or(0.0, |n| n.value);
    // A check-in after the date means `current` and `done` describe a later
    // state: as of the date, the latest known check-in is what counts.
    let later = known.len() < kr.checkins.len();
    let measured_value = if later {
        latest_value
    } else {
        kr.current.map(|n| n.value).or(latest_value)
    };
    let done = kr.done.map(|(written, _)| {
        if later {
            latest_value.is_some_and(|v| v >= 1.0)
        } else {
            written
        }
    });
    // A threshold's latest reading, judged against its bounds below.
    let mut latest_reading = None;
    let (current, progress, score, forecast) = match kind {
        Some(KeyResultKind::Metric) => {
            let target = kr.target.map_or(start, |n| n.value);
            let current = measured_value.unwrap_or(start);
            let progress = score::metric_progress(start, target, current);
            let points: Vec<(NaiveDate, f64)> = history(kr, &known)
                .into_iter()
                .filter_map(|(date, p)| date.map(|d| (d, p)))
                .collect();
            let forecast = score::forecast(&points, calendar.end);
            (
                Some(current),
                progress,
                progress.map(score::clamp01),
                forecast,
            )
        }
        Some(KeyResultKind::Milestone) => {
            let value = if done == Some(true) { 1.0 } else { 0.0 };
            (None, Some(value), Some(value), None)
        }
        Some(KeyResultKind::Threshold) => {
            let (above, below) = (
                kr.keep_above.map(|n| n.value),
                kr.keep_below.map(|n| n.value),
            );
            let values: Vec<f64> = history(kr, &known).into_iter().map(|(_, v)| v).collect();
            let share = score::threshold_score(&values, above, below);
            latest_reading = values.last().copied();
            (measured_value, share, share, None)
        }
        None => (measured_value, None, None, None),
    };
    // Nothing is expected of a milestone until it is due, and all of it
    // after; one that is not done is pending until then.
    let due = (kind == Some(KeyResultKind::Milestone)).then(|| due(kr, calendar));
    let before_due = calendar.phase == score::Phase::Running && due.is_some_and(|d| as_of <= d);
    let pending = before_due && done != Some(true);
    let expected = match kind {
        _ if before_due => 0.0,
        Some(KeyResultKind::Milestone) if calendar.phase == score::Phase::Running => goal,
        _ => pace,
    };
    let last_checkin = latest.map(|i| kr.checkins[i].date.value);
    let days_without_checkin = (as_of - last_checkin.unwrap_or(calendar.start)).num_days();
    // A check-in that could not be read (reported) may be the recent one:
    // staleness is not judged without it.
    let stale = calendar.phase == score::Phase::Running
        && done != Some(true)
        && !kr.checkins_short
        && days_without_checkin > settings.checkin_cadence_days;
    let mut state = KeyResultState {
        kind,
        start,
        current: current.filter(|c| c.is_finite()),
        measured: measured_value.is_some(),
        done,
        due,
        last_checkin,
        days_without_checkin,
        stale,
        progress,
        score,
        expected,
        // While the quarter runs, a threshold out of bounds at its latest
        // reading is never on track, however early it is.
        status: match score::held(
            score::status(score, expected, calendar.phase, super::thresholds(settings)),
            latest_reading,
            kr.keep_above.map(|n| n.value),
            kr.keep_below.map(|n| n.value),
        ) {
            _ if pending => score::Status::Pending,
            status => status,
        },
        forecast,
        confidence: latest
            .and_then(|i| kr.checkins[i].confidence)
            .map(|n| n.value)
            .filter(|c| c.is_finite()),
    };
    if kr.dropped {
        dropped(&mut state);
    }
    state
}

/// A dropped goal keeps its values for display but counts nowhere: no
/// score, expectation, forecast, confidence or staleness.
pub(super) fn dropped(state: &mut KeyResultState) {
    state.stale = false;
    state.score = None;
    state.expected = 0.0;
    state.status = Status::Dropped;
    state.forecast = None;
    state.confidence = None;
}
