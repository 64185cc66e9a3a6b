//! The dates of Balanced Scorecard measures (B013-B016): values that are
//! stale for the measure's frequency, dated after the as-of date or outside
//! the strategy period, and an `actual` that disagrees with its history.
//! These mirror O014, O010, O009 and O013 for key results.

use crate::diagnostic::Diagnostic;
use crate::model::{Measure, Strategy};
use crate::rules::{Code, Context};

pub(crate) fn check(ctx: &Context, strategy: &Strategy, out: &mut Vec<Diagnostic>) {
    let states = ctx.eval.strategy.as_ref();
    for (p, perspective) in strategy.perspectives.iter().enumerate() {
        for (o, objective) in perspective.objectives.iter().enumerate() {
            for (i, measure) in objective.measures.iter().enumerate() {
                let state = states
                    .and_then(|s| s.perspectives.get(p))
                    .and_then(|s| s.objectives.get(o))
                    .and_then(|s| s.measures.get(i));
                if let Some(state) = state {
                    stale(ctx, strategy, measure, state, out);
                }
                dates(ctx, strategy, measure, out);
                disagrees(ctx, strategy, measure, out);
            }
        }
    }
}

/// B013: the evaluation found the measure stale: its latest value is older
/// than one period of its frequency plus `checkin_cadence_days`.
fn stale(
    ctx: &Context,
    strategy: &Strategy,
    measure: &Measure,
    state: &crate::eval::MeasureState,
    out: &mut Vec<Diagnostic>,
) {
    let (Some((frequency, span)), Some(latest), true) =
        (measure.frequency, state.actual_date, state.stale)
    else {
        return;
    };
    let cadence = ctx.repository.settings.checkin_cadence_days;
    out.push(
        Diagnostic::new(
            Code::B013,
            &strategy.path,
            span,
            format!(
                "measure `{}` is {} but its latest value is from {latest} (one period and {cadence} days of grace, `checkin_cadence_days`, have passed)",
                measure.id.label(),
                frequency.label()
            ),
        )
        .hint("add the latest value to `history` (or update `actual` and `actual_date`)"),
    );
}

/// B014: a history point or `actual_date` after the as-of date; B015: a
/// history point outside the strategy period.
fn dates(ctx: &Context, strategy: &Strategy, measure: &Measure, out: &mut Vec<Diagnostic>) {
    let id = measure.id.label();
    let dates = measure
        .history
        .iter()
        .map(|h| ("history point", h.date))
        .chain(measure.actual_date.map(|d| ("actual_date", d)));
    for (what, date) in dates {
        if date.value > ctx.as_of {
            out.push(
                Diagnostic::new(
                    Code::B014,
                    &strategy.path,
                    date.span,
                    format!(
                        "{what} of measure `{id}` is dated {}, after today ({})",
                        date.value, ctx.as_of
                    ),
                )
                .hint("fix the date: a measure's values record what was measured, not plans; until then it does not count"),
            );
        } else if what == "history point"
            && let Some(period) = &strategy.period
            && (date.value < period.start || date.value > period.end)
        {
            out.push(
                Diagnostic::new(
                    Code::B015,
                    &strategy.path,
                    date.span,
                    format!(
                        "history point of measure `{id}` is dated {}, outside the strategy period {}..{}",
                        date.value, period.start, period.end
                    ),
                )
                .hint("fix the date, or move the value to `baseline` if it is where the strategy started"),
            );
        }
    }
}

/// B016: `actual` differs from the latest history value on or before the
/// as-of date, unless `actual_date` makes it newer.
fn disagrees(ctx: &Context, strategy: &Strategy, measure: &Measure, out: &mut Vec<Diagnostic>) {
    let Some(actual) = measure.actual else {
        return;
    };
    let Some(latest) = measure
        .history
        .iter()
        .filter(|h| h.date.value <= ctx.as_of)
        .max_by_key(|h| h.date.value)
    else {
        return;
    };
    let newer = measure
        .actual_date
        .is_some_and(|d| d.value > latest.date.value);
    let counts = crate::eval::actual_date(measure).is_none_or(|d| d <= ctx.as_of);
    if !newer && counts && actual.value != latest.value.value && actual.value.is_finite() {
        out.push(
            Diagnostic::new(
                Code::B016,
                &strategy.path,
                actual.span,
                format!(
                    "measure `{}` has actual {} but its latest history point ({}) says {}",
                    measure.id.label(),
                    actual.value,
                    latest.date.value,
                    latest.value.value
                ),
            )
            .hint("update `actual` to the latest history value, or write `actual_date` if it was measured later"),
        );
    }
}
