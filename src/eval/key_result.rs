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
    /// Its score: the grade when people gave one, else the measured score.
    pub score: Option<f64>,
    /// The grade people gave by the date (`score:`, or the latest graded
    /// check-in's), 0.0-1.0 as written.
    pub grade: Option<f64>,
    /// The measured score, when a grade is its score and its measure
    /// scores too: kept to show beside the grade (O017).
    pub measured_score: Option<f64>,
    /// The score expected of it at the date: its objective's pace; for a
    /// milestone, 0 while it is pending and its objective's goal once due.
    pub expected: f64,
    pub status: Status,
    /// A threshold whose latest reading is out of bounds while the quarter
    /// runs: off track, and its objective never on track.
    pub broken: bool,
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

/// The trend at `as_of`, oldest first, finite values only: the known
/// grades of a key result graded over time (check-ins with `score:`);
/// else a metric's progress at each known check-in, a milestone's or
/// threshold's known check-in values, and a threshold's `current` last when
/// it is written apart from them (the values its share counts).
pub(crate) fn trend(kr: &KeyResult, as_of: NaiveDate) -> Vec<f64> {
    let known = known(kr, as_of);
    let grades = grades(kr, &known);
    let points: Vec<f64> = if grades.is_empty() {
        history(kr, &known).into_iter().map(|(_, v)| v).collect()
    } else {
        grades.into_iter().map(|(_, g)| g).collect()
    };
    points.into_iter().filter(|v| v.is_finite()).collect()
}

/// The grades of the known check-ins that carry one, oldest first. A
/// grade outside 0..1 (O012) is left out, as every faulty value is: never
/// counted as a perfect or a failed grade.
fn grades(kr: &KeyResult, known: &[usize]) -> Vec<(NaiveDate, f64)> {
    known
        .iter()
        .map(|&i| &kr.checkins[i])
        .filter_map(|c| c.score.and_then(valid_grade).map(|g| (c.date.value, g)))
        .collect()
}

/// A written grade, when it is one: from 0 to 1.
fn valid_grade(n: crate::model::Number) -> Option<f64> {
    (0.0..=1.0).contains(&n.value).then_some(n.value)
}

/// The points a key result's measured forecast, threshold share and trend
/// are made of, oldest first, given its known check-ins: `(date, value)`,
/// where the value is a metric's progress (check-ins it cannot score are
/// left out) or the check-in's value, and a threshold's `current` written
/// apart from its check-ins comes last, undated. Check-ins that carry only
/// a grade measure nothing.
fn history(kr: &KeyResult, known: &[usize]) -> Vec<(Option<NaiveDate>, f64)> {
    let measured: Vec<(NaiveDate, f64)> = known
        .iter()
        .map(|&i| &kr.checkins[i])
        .filter_map(|c| c.value.map(|v| (c.date.value, v.value)))
        .collect();
    match kr.kind() {
        Some(KeyResultKind::Metric) => {
            let start = kr.start.map_or(0.0, |n| n.value);
            let target = kr.target.map_or(start, |n| n.value);
            measured
                .into_iter()
                .filter_map(|(date, v)| {
                    score::metric_progress(start, target, v).map(|p| (Some(date), p))
                })
                .collect()
        }
        Some(KeyResultKind::Milestone) => measured
            .into_iter()
            .map(|(date, v)| (Some(date), v))
            .collect(),
        Some(KeyResultKind::Threshold) => {
            let latest_value = measured.last().map(|(_, v)| *v);
            let mut points: Vec<(Option<NaiveDate>, f64)> = measured
                .into_iter()
                .map(|(date, v)| (Some(date), v))
                .collect();
            // `current` counts as the latest check-in when it is written apart
            // from them, and only while no check-in after the date shows it
            // describes a later state.
            let later = known.len() < kr.checkins.len();
            if let Some(c) = kr.current.filter(|_| !later)
                && latest_value.is_none_or(|l| l != c.value)
            {
                points.push((None, c.value));
            }
            points
        }
        Some(KeyResultKind::Graded) | None => Vec::new(),
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
    // The latest known measured value and grade (`known` is in date order,
    // equal dates as written).
    let latest_value = known
        .iter()
        .rev()
        .find_map(|&i| kr.checkins[i].value.map(|n| n.value));
    let grades = grades(kr, &known);
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
    // A grade people gave: `score:`, else the latest known graded
    // check-in's; as `current`, `score:` describes the latest state.
    let grade = if later {
        grades.last().map(|(_, g)| *g)
    } else {
        kr.score
            .and_then(valid_grade)
            .or(grades.last().map(|(_, g)| *g))
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
        Some(KeyResultKind::Graded) => (None, grade, None, None),
        None => (measured_value, None, None, None),
    };
    // The grade is the score; the measured one is kept beside it. A key
    // result graded over time forecasts from its grades.
    let measured_score = score;
    let score = grade.or(measured_score);
    let forecast = if grades.is_empty() {
        forecast
    } else {
        score::forecast(&grades, calendar.end)
    };
    // Nothing is expected of a milestone until it is due, and all of it
    // after; one that is not done is pending until then.
    let due = (kind == Some(KeyResultKind::Milestone)).then(|| due(kr, calendar));
    let before_due = calendar.phase == score::Phase::Running && due.is_some_and(|d| as_of <= d);
    let pending = before_due && done != Some(true) && grade.is_none();
    let expected = match kind {
        _ if before_due => 0.0,
        Some(KeyResultKind::Milestone) if calendar.phase == score::Phase::Running => goal,
        _ => pace,
    };
    let last_checkin = latest.map(|i| kr.checkins[i].date.value);
    let days_without_checkin = (as_of - last_checkin.unwrap_or(calendar.start)).num_days();
    // A check-in that could not be read (reported) may be the recent one:
    // staleness is not judged without it.
    // One graded by judgment with no grade yet may be graded at the
    // quarter's end: it is not stale until its first grade.
    let ungraded = kind == Some(KeyResultKind::Graded) && grade.is_none();
    let stale = calendar.phase == score::Phase::Running
        && done != Some(true)
        && !ungraded
        && !kr.checkins_short
        && days_without_checkin > settings.checkin_cadence_days;
    // A grade is people's judgment of the whole: bounds broken at the
    // latest reading do not override it.
    let out_of_bounds = grade.is_none()
        && score::out_of_bounds(
            latest_reading,
            kr.keep_above.map(|n| n.value),
            kr.keep_below.map(|n| n.value),
        );
    // Held off track by a bound broken now: its objective is never on track.
    let broken = out_of_bounds && calendar.phase == score::Phase::Running;
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
        grade,
        measured_score: measured_score.filter(|_| grade.is_some()),
        expected,
        broken,
        // While the quarter runs, a threshold out of bounds at its latest
        // reading is never on track, however early it is.
        status: match score::held(
            score::status(score, expected, calendar.phase, super::thresholds(settings)),
            out_of_bounds,
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
    state.grade = None;
    state.measured_score = None;
    state.expected = 0.0;
    state.status = Status::Dropped;
    state.broken = false;
    state.forecast = None;
    state.confidence = None;
}
