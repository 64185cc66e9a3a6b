//! Pure scoring functions: numbers in, numbers out, no I/O and no
//! formatting. Every formula is documented with its source in docs/scoring.md.
//! No function returns NaN: undefined results are `None`.

use chrono::NaiveDate;

/// Clamps to Google's 0.0-1.0 grading range.
pub fn clamp01(x: f64) -> f64 {
    // `+ 0.0` turns -0.0 into 0.0, so no output shows "-0".
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, 1.0) + 0.0
    }
}

/// Raw progress of a metric: (current - start) / (target - start). Works
/// both ways (a target below start means lower is better). Below 0 is worse
/// than the start, above 1 is over-achieved. None when target equals start
/// or a value is not finite.
pub fn metric_progress(start: f64, target: f64, current: f64) -> Option<f64> {
    let distance = target - start;
    let progress = (current - start) / distance + 0.0;
    (distance != 0.0 && progress.is_finite()).then_some(progress)
}

/// Whether `value` is within the bounds; a value exactly on a bound is within.
pub(crate) fn within(value: f64, keep_above: Option<f64>, keep_below: Option<f64>) -> bool {
    value.is_finite()
        && keep_above.is_none_or(|low| value >= low)
        && keep_below.is_none_or(|high| value <= high)
}

/// Threshold score: the share of `values` (check-ins, the current value
/// counting as the latest) within bounds. None without values.
pub fn threshold_score(
    values: &[f64],
    keep_above: Option<f64>,
    keep_below: Option<f64>,
) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let inside = values
        .iter()
        .filter(|v| within(**v, keep_above, keep_below))
        .count();
    Some(inside as f64 / values.len() as f64)
}

/// Weighted mean of (score, weight) pairs, ignoring non-finite scores and
/// weights that are not positive. None when nothing is left.
pub fn weighted_mean(items: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let items: Vec<(f64, f64)> = items
        .into_iter()
        .filter(|(s, w)| s.is_finite() && w.is_finite() && *w > 0.0)
        .collect();
    // Weights are scaled by the largest, so huge weights cannot overflow to inf / inf.
    let largest = items.iter().map(|(_, w)| *w).fold(0.0, f64::max);
    let (sum, total) = items.iter().fold((0.0, 0.0), |(sum, total), (s, w)| {
        let w = w / largest;
        (sum + s * w, total + w)
    });
    let mean = sum / total;
    (total > 0.0 && mean.is_finite()).then_some(mean)
}

/// Plain mean; None for an empty set.
pub(crate) fn mean(items: impl IntoIterator<Item = f64>) -> Option<f64> {
    weighted_mean(items.into_iter().map(|s| (s, 1.0)))
}

/// Share of a period elapsed at `as_of`, counting whole days and the as-of
/// day itself: 0 before the start, 1 on and after the last day. A period of
/// one day is 1 on that day.
pub fn elapsed_fraction(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> f64 {
    if as_of < start {
        return 0.0;
    }
    if as_of >= end {
        return 1.0;
    }
    let total = (end - start).num_days() + 1;
    let done = (as_of - start).num_days() + 1;
    clamp01(done as f64 / total as f64)
}

/// Where the score should be by now: goal x elapsed fraction.
pub fn expected(goal: f64, elapsed: f64) -> f64 {
    clamp01(goal * elapsed)
}

/// How an objective or key result stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The period has not begun.
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    /// After the period: graded.
    Green,
    Yellow,
    Red,
    /// Nothing could be scored.
    Unscored,
    /// A milestone not done before it is due (or an objective of only such
    /// milestones): nothing is expected of it yet.
    Pending,
    /// A roll-up with less than half of its weight scored: its score says
    /// too little for a status.
    PartlyScored,
    /// `status: dropped`: given up; counts in no score or roll-up.
    Dropped,
    /// A Balanced Scorecard measure or objective at the end of its period
    /// (the strategy's, or a period target's `by`): the period's result.
    Met,
    PartlyMet,
    Missed,
    /// `data_only: true`: recorded, never scored.
    DataOnly,
}

impl Status {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::OffTrack => "off track",
            Status::Green => "green",
            Status::Yellow => "yellow",
            Status::Red => "red",
            Status::Unscored => "unscored",
            Status::Pending => "pending",
            Status::PartlyScored => "partly scored",
            Status::Dropped => "dropped",
            Status::Met => "met",
            Status::PartlyMet => "partly met",
            Status::Missed => "missed",
            Status::DataOnly => "data only",
        }
    }
}

/// How much of a roll-up is scored: its parts with a score, of all its
/// parts (key results of an objective, objectives of a team or quarter,
/// measures of a strategic objective...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    pub scored: usize,
    pub total: usize,
}

impl Coverage {
    /// Counts `items` (`true` for each scored one).
    pub(crate) fn of(items: impl IntoIterator<Item = bool>) -> Coverage {
        items
            .into_iter()
            .fold(Coverage::default(), |c, scored| Coverage {
                scored: c.scored + usize::from(scored),
                total: c.total + 1,
            })
    }

    /// Some parts are not scored.
    pub fn is_partial(self) -> bool {
        self.scored < self.total
    }
}

/// Whether less than half of a roll-up's weight is scored, given each
/// part's `(scored, weight)`. Parts of no usable weight count by number
/// when every weight is unusable.
pub(crate) fn mostly_unscored(parts: impl IntoIterator<Item = (bool, f64)>) -> bool {
    let parts: Vec<(bool, f64)> = parts.into_iter().collect();
    let usable = |w: f64| w.is_finite() && w > 0.0;
    let weighted = parts.iter().any(|&(_, w)| usable(w));
    // Scaled by the largest, so huge weights cannot overflow.
    let largest = parts
        .iter()
        .map(|&(_, w)| w)
        .filter(|&w| usable(w))
        .fold(0.0, f64::max);
    let weight = |w: f64| match (weighted, usable(w)) {
        (true, true) => w / largest,
        (true, false) => 0.0,
        (false, _) => 1.0,
    };
    let total: f64 = parts.iter().map(|&(_, w)| weight(w)).sum();
    let scored: f64 = parts.iter().filter(|p| p.0).map(|&(_, w)| weight(w)).sum();
    total > 0.0 && scored * 2.0 < total
}

/// Tolerances and grades from okr.yaml `scoring`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Thresholds {
    pub on_track: f64,
    pub at_risk: f64,
    pub green: f64,
    pub yellow: f64,
}

/// Whether a latest reading breaks the bounds (a value exactly on a bound
/// is within); false without a reading or without bounds.
pub(crate) fn out_of_bounds(
    latest: Option<f64>,
    keep_above: Option<f64>,
    keep_below: Option<f64>,
) -> bool {
    (keep_above.is_some() || keep_below.is_some())
        && latest.is_some_and(|v| !within(v, keep_above, keep_below))
}

/// A key result's or measure's status when it has bounds to hold: one
/// whose latest reading is out of bounds ([`out_of_bounds`]) is off track,
/// however early in the period (pacing does not excuse a bound broken now).
pub(crate) fn held(status: Status, out_of_bounds: bool) -> Status {
    match status {
        Status::OnTrack | Status::AtRisk if out_of_bounds => Status::OffTrack,
        status => status,
    }
}

/// A roll-up's status when `broken` of its `scored` parts hold a bound
/// broken at their latest reading (a threshold key result, a measure with a
/// floor or ceiling, each off track by [`held`]): never on track, and off
/// track when every scored part is. A covenant breach never reads as on
/// track one level up.
pub(crate) fn held_roll_up(status: Status, broken: usize, scored: usize) -> Status {
    match status {
        Status::OnTrack | Status::AtRisk if broken > 0 && broken == scored => Status::OffTrack,
        Status::OnTrack if broken > 0 => Status::AtRisk,
        status => status,
    }
}

/// Status of a score against the calendar: while the period runs, pacing
/// against `expected`; after it ends, a grade; before it, not started.
pub(crate) fn status(score: Option<f64>, expected: f64, phase: Phase, t: Thresholds) -> Status {
    let Some(score) = score else {
        return Status::Unscored;
    };
    match phase {
        Phase::Before => Status::NotStarted,
        Phase::Running if score >= expected - t.on_track => Status::OnTrack,
        Phase::Running if score >= expected - t.at_risk => Status::AtRisk,
        Phase::Running => Status::OffTrack,
        Phase::Ended if score >= t.green => Status::Green,
        Phase::Ended if score >= t.yellow => Status::Yellow,
        Phase::Ended => Status::Red,
    }
}

/// Where the as-of date falls relative to a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Before,
    Running,
    Ended,
}

impl Phase {
    pub(crate) fn of(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> Phase {
        if as_of < start {
            Phase::Before
        } else if as_of > end {
            Phase::Ended
        } else {
            Phase::Running
        }
    }
}

/// Forecast at `end`: a least-squares line through (day, progress) points,
/// clamped to 0..1. None with fewer than two distinct days.
pub fn forecast(points: &[(NaiveDate, f64)], end: NaiveDate) -> Option<f64> {
    let points: Vec<(f64, f64)> = points
        .iter()
        .filter(|(_, p)| p.is_finite())
        .map(|(d, p)| ((*d - end).num_days() as f64, *p))
        .collect();
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let slope = sxy / sxx;
    // x is days relative to `end`, so the line's value at `end` is at x = 0.
    let at_end = mean_y - slope * mean_x;
    at_end.is_finite().then(|| clamp01(at_end))
}

/// Score of a Balanced Scorecard measure, clamped to 0..1. An actual at or
/// beyond the target (in the measure's direction) scores 1, so a target of 0
/// reached scores 1. Short of it, with a baseline: (actual - baseline) /
/// (target - baseline); without: actual / target when higher is better,
/// target / actual when lower is better; where that ratio is undefined (a
/// target of 0 to rise to, a target equal to the baseline), 0: not reached.
/// None only without a finite actual or target.
pub fn measure_score(
    baseline: Option<f64>,
    target: f64,
    actual: Option<f64>,
    up: bool,
) -> Option<f64> {
    let actual = actual.filter(|a| a.is_finite())?;
    if !target.is_finite() {
        return None;
    }
    let reached = if up {
        actual >= target
    } else {
        actual <= target
    };
    if reached {
        return Some(1.0);
    }
    let raw = match baseline.filter(|b| b.is_finite()) {
        Some(b) => metric_progress(b, target, actual).unwrap_or(0.0),
        None if up => actual / target,
        None => target / actual,
    };
    Some(if raw.is_finite() { clamp01(raw) } else { 0.0 })
}

/// A period's result, once it is over: met when the score is 1 (the target
/// reached, a floor or range held at every reading), partly met from
/// `t.yellow`, missed below.
pub(crate) fn grade(score: Option<f64>, t: Thresholds) -> Status {
    match score {
        None => Status::Unscored,
        // Float noise: (11.3 - 11.5) / (11.0 - 11.5) is 0.39999999999999858.
        Some(s) if s >= 1.0 - 1e-9 => Status::Met,
        Some(s) if s >= t.yellow - 1e-9 => Status::PartlyMet,
        Some(_) => Status::Missed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    const T: Thresholds = Thresholds {
        on_track: 0.10,
        at_risk: 0.25,
        green: 0.7,
        yellow: 0.4,
    };

    #[test]
    fn google_launch_six_features_three_launched_is_half() {
        assert_eq!(metric_progress(0.0, 6.0, 3.0), Some(0.5));
    }

    #[test]
    fn lower_is_better_targets() {
        // Cut failed deploys from 12% to 3%, now at 5%: 7 of 9 points.
        let p = metric_progress(12.0, 3.0, 5.0).unwrap_or(f64::NAN);
        assert!((p - 7.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn raw_progress_keeps_both_ends_and_score_clamps() {
        assert_eq!(metric_progress(10.0, 20.0, 5.0), Some(-0.5));
        assert_eq!(metric_progress(10.0, 20.0, 25.0), Some(1.5));
        assert_eq!(clamp01(-0.5), 0.0);
        assert_eq!(clamp01(1.5), 1.0);
        assert_eq!(metric_progress(5.0, 5.0, 5.0), None);
        let at_start = metric_progress(7.0, 3.0, 7.0).unwrap_or(f64::NAN);
        assert!(
            at_start == 0.0 && at_start.is_sign_positive(),
            "no negative zero"
        );
        assert!(clamp01(-0.0).is_sign_positive());
        assert_eq!(metric_progress(0.0, 1.0, f64::NAN), None);
    }

    #[test]
    fn thresholds_count_the_bound_as_within() {
        assert_eq!(
            threshold_score(&[200.0, 180.0, 210.0, 150.0], None, Some(200.0)),
            Some(0.75)
        );
        assert_eq!(threshold_score(&[10.0], Some(10.0), None), Some(1.0));
        assert_eq!(
            threshold_score(&[5.0, 15.0], Some(10.0), Some(12.0)),
            Some(0.0)
        );
        assert_eq!(threshold_score(&[], Some(1.0), None), None);
    }

    #[test]
    fn means_of_empty_sets_are_none() {
        assert_eq!(weighted_mean([(1.0, 3.0), (0.0, 1.0)]), Some(0.75));
        assert_eq!(weighted_mean([]), None);
        assert_eq!(weighted_mean([(1.0, 0.0)]), None);
        assert_eq!(mean([0.5, 1.0]), Some(0.75));
    }

    #[test]
    fn elapsed_counts_days_including_today() {
        let (s, e) = (date("2026-10-01"), date("2026-12-31"));
        assert_eq!(elapsed_fraction(s, e, date("2026-09-30")), 0.0);
        assert!((elapsed_fraction(s, e, date("2026-10-01")) - 1.0 / 92.0).abs() < 1e-12);
        assert!((elapsed_fraction(s, e, date("2026-11-15")) - 46.0 / 92.0).abs() < 1e-12);
        assert_eq!(elapsed_fraction(s, e, date("2026-12-31")), 1.0);
        assert_eq!(elapsed_fraction(s, s, s), 1.0, "a one-day period");
        // Fiscal quarter 2020-Q4 with the year starting in February.
        assert_eq!(
            elapsed_fraction(date("2019-11-01"), date("2020-01-31"), date("2020-02-01")),
            1.0
        );
    }

    #[test]
    fn status_paces_then_grades() {
        let running = Phase::Running;
        assert_eq!(status(Some(0.45), 0.5, running, T), Status::OnTrack);
        assert_eq!(
            status(Some(0.40), 0.5, running, T),
            Status::OnTrack,
            "exactly on the tolerance"
        );
        assert_eq!(status(Some(0.30), 0.5, running, T), Status::AtRisk);
        assert_eq!(status(Some(0.20), 0.5, running, T), Status::OffTrack);
        assert_eq!(status(Some(0.7), 1.0, Phase::Ended, T), Status::Green);
        assert_eq!(status(Some(0.4), 1.0, Phase::Ended, T), Status::Yellow);
        assert_eq!(status(Some(0.39), 1.0, Phase::Ended, T), Status::Red);
        assert_eq!(status(None, 0.5, running, T), Status::Unscored);
        assert_eq!(status(Some(0.0), 0.0, Phase::Before, T), Status::NotStarted);
    }

    #[test]
    fn forecast_extends_the_least_squares_line() {
        let end = date("2026-12-31");
        // 0.1 progress every 10 days, ending 30 days before the end: 0.6 at the end.
        let points = [(date("2026-11-21"), 0.2), (date("2026-12-01"), 0.3)];
        let f = forecast(&points, end).unwrap_or(f64::NAN);
        assert!((f - 0.6).abs() < 1e-9, "{f}");
        assert_eq!(forecast(&points[..1], end), None);
        assert_eq!(
            forecast(&[(end, 0.1), (end, 0.3)], end),
            None,
            "one day only"
        );
        assert_eq!(
            forecast(&[(date("2026-10-01"), 0.0), (date("2026-10-02"), 0.5)], end),
            Some(1.0)
        );
    }

    #[test]
    fn measures_with_and_without_baseline() {
        assert_eq!(measure_score(Some(10.0), 15.0, Some(12.5), true), Some(0.5));
        assert_eq!(measure_score(None, 200.0, Some(150.0), true), Some(0.75));
        assert_eq!(measure_score(None, 2.0, Some(4.0), false), Some(0.5));
        assert_eq!(
            measure_score(None, 2.0, Some(0.0), false),
            Some(1.0),
            "below a lower-is-better target"
        );
        assert_eq!(
            measure_score(None, 0.0, Some(3.0), true),
            Some(1.0),
            "beyond a target of 0"
        );
        assert_eq!(measure_score(Some(1.0), 1.0, Some(3.0), true), Some(1.0));
        assert_eq!(
            measure_score(Some(1.0), 1.0, Some(0.0), true),
            Some(0.0),
            "a level to hold, missed"
        );
        assert_eq!(measure_score(Some(1.0), 2.0, None, true), None);
    }

    #[test]
    fn zero_targets_score_from_the_baseline() {
        // Never-events: from 3 to 0, now 1: two of three gone.
        let s = measure_score(Some(3.0), 0.0, Some(1.0), false).unwrap_or(f64::NAN);
        assert!((s - 2.0 / 3.0).abs() < 1e-12, "{s}");
        assert_eq!(measure_score(Some(3.0), 0.0, Some(0.0), false), Some(1.0));
        assert_eq!(measure_score(None, 0.0, Some(0.0), false), Some(1.0));
        assert_eq!(measure_score(None, 0.0, Some(2.0), false), Some(0.0));
    }

    #[test]
    fn grades_are_met_partly_met_missed() {
        assert_eq!(grade(Some(1.0), T), Status::Met);
        assert_eq!(grade(Some(0.99), T), Status::PartlyMet);
        assert_eq!(grade(Some(0.4), T), Status::PartlyMet);
        assert_eq!(grade(Some(0.39), T), Status::Missed);
        assert_eq!(grade(None, T), Status::Unscored);
    }
}
