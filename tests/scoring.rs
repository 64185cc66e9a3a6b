//! Property tests of the scoring invariants (docs/scoring.md): every score
//! is in 0..1 and never NaN, a metric's score only rises as its current
//! value moves toward the target, and a lower-is-better target scores as its
//! mirror image.

use chrono::NaiveDate;
use proptest::prelude::*;

use okr::eval::score::{
    clamp01, elapsed_fraction, expected, forecast, measure_score, metric_progress, threshold_score,
    weighted_mean,
};

/// Finite numbers of every magnitude, including the extremes.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6..1e6f64,
        proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
        Just(f64::MAX),
        Just(f64::MIN),
    ]
}

/// A metric key result's score as okr report computes it.
fn metric_score(start: f64, target: f64, current: f64) -> Option<f64> {
    metric_progress(start, target, current).map(clamp01)
}

fn in_unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x) && !x.is_nan()
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n)
}

proptest! {
    #[test]
    fn metric_scores_are_in_unit_range(s in number(), t in number(), c in number()) {
        if let Some(score) = metric_score(s, t, c) {
            prop_assert!(in_unit(score), "{score}");
        }
    }

    #[test]
    fn metric_scores_rise_toward_the_target(
        s in -1e6..1e6f64, t in -1e6..1e6f64, a in -2e6..2e6f64, b in -2e6..2e6f64,
    ) {
        prop_assume!(s != t);
        // `closer` is at least as far from the start toward the target as `farther`.
        let (farther, closer) = if (b - a) * (t - s) >= 0.0 { (a, b) } else { (b, a) };
        let (low, high) = (metric_score(s, t, farther), metric_score(s, t, closer));
        prop_assert!(low.unwrap() <= high.unwrap(), "{s}->{t}: {farther} {low:?}, {closer} {high:?}");
    }

    #[test]
    fn lower_is_better_is_the_mirror_of_higher_is_better(
        s in -1e6..1e6f64, t in -1e6..1e6f64, c in -2e6..2e6f64,
    ) {
        prop_assume!(s != t);
        prop_assert_eq!(metric_score(s, t, c), metric_score(-s, -t, -c));
    }

    #[test]
    fn reaching_the_target_scores_one_and_the_start_zero(s in -1e6..1e6f64, t in -1e6..1e6f64) {
        prop_assume!(s != t);
        prop_assert_eq!(metric_score(s, t, t), Some(1.0));
        prop_assert_eq!(metric_score(s, t, s), Some(0.0));
    }

    #[test]
    fn threshold_scores_are_shares(
        values in proptest::collection::vec(number(), 0..20),
        above in proptest::option::of(number()),
        below in proptest::option::of(number()),
    ) {
        if let Some(score) = threshold_score(&values, above, below) {
            prop_assert!(in_unit(score));
        }
    }

    #[test]
    fn weighted_means_stay_within_their_scores(
        items in proptest::collection::vec((0.0..=1.0f64, number()), 0..20),
    ) {
        if let Some(mean) = weighted_mean(items.iter().copied()) {
            prop_assert!(in_unit(mean), "{mean} from {items:?}");
        }
    }

    #[test]
    fn measure_scores_are_in_unit_range(
        baseline in proptest::option::of(number()),
        target in number(),
        actual in proptest::option::of(number()),
        up in any::<bool>(),
    ) {
        if let Some(score) = measure_score(baseline, target, actual, up) {
            prop_assert!(in_unit(score), "{score}");
        }
    }

    #[test]
    fn pacing_is_in_unit_range(
        start in 0..400i64, length in 0..400i64, at in -50..900i64, goal in 0.0..=1.0f64,
    ) {
        let elapsed = elapsed_fraction(day(start), day(start + length), day(at));
        prop_assert!(in_unit(elapsed));
        prop_assert!(in_unit(expected(goal, elapsed)));
    }

    #[test]
    fn forecasts_are_in_unit_range(
        points in proptest::collection::vec((0..120i64, number()), 0..12),
        end in 0..200i64,
    ) {
        let points: Vec<(NaiveDate, f64)> = points.into_iter().map(|(d, p)| (day(d), p)).collect();
        if let Some(f) = forecast(&points, day(end)) {
            prop_assert!(in_unit(f), "{f}");
        }
    }
}
