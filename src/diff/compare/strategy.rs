//! Changes to the Balanced Scorecard: strategic objectives, measures and
//! strategy-map links by id; measure targets (single or by period) and
//! formulas moved after the period began.

use std::collections::{BTreeSet, HashMap};

use super::{change, field_change, num};
use crate::diff::{Area, Change, ChangeKind, Effect};
use chrono::NaiveDate;

use crate::eval::formula::Values;
use crate::eval::score;
use crate::eval::{BscObjectiveState, Evaluation};
use crate::model::{BscObjective, Measure};

/// What a moved goalpost is judged at: the as-of date, the strategy
/// period's start, and the head's measures (to run an old formula on them).
struct Judging<'a> {
    as_of: NaiveDate,
    start: Option<NaiveDate>,
    values: Option<Values<'a>>,
}

pub(super) fn strategy(base: &Evaluation<'_>, head: &Evaluation<'_>, out: &mut Vec<Change>) {
    let as_of = head.as_of;
    let (before, after) = (bsc_index(base), bsc_index(head));
    let period = head
        .repository
        .strategy
        .as_ref()
        .and_then(|s| s.period.as_ref());
    let started = period.is_some_and(|p| p.start <= as_of);
    let judging = Judging {
        as_of,
        start: period.map(|p| p.start),
        values: head.repository.strategy.as_ref().map(Values::new),
    };
    let mut ids: BTreeSet<&String> = before.keys().collect();
    ids.extend(after.keys());
    let at =
        |subject: String, kind, message| change(Area::Strategy, None, None, subject, kind, message);
    for id in ids {
        match (before.get(id), after.get(id)) {
            (Some((o, _, _)), None) => out.push(at(
                id.clone(),
                ChangeKind::Removed,
                format!("strategic objective {id} \"{}\" removed", o.title.value),
            )),
            (None, Some((o, _, _))) => out.push(at(
                id.clone(),
                ChangeKind::Added,
                format!("strategic objective {id} \"{}\" added", o.title.value),
            )),
            (Some((b, bp, bs)), Some((h, hp, hs))) => {
                if b.title.value != h.title.value {
                    out.push(field_change(
                        at(
                            id.clone(),
                            ChangeKind::Renamed,
                            format!("strategic objective {id} renamed to \"{}\"", h.title.value),
                        ),
                        "title",
                        b.title.value.to_string(),
                        h.title.value.to_string(),
                    ));
                }
                let owner = |o: &crate::model::BscObjective| {
                    o.owner
                        .as_ref()
                        .map_or("-".to_owned(), |t| t.value.to_string())
                };
                for (field, old, new) in [
                    ("owner", owner(b), owner(h)),
                    (
                        "weight",
                        format!("{}", b.weight.value),
                        format!("{}", h.weight.value),
                    ),
                ] {
                    if old != new {
                        out.push(field_change(
                            at(
                                id.clone(),
                                ChangeKind::Changed,
                                format!("strategic objective {id}: {field} {old} -> {new}"),
                            ),
                            field,
                            old,
                            new,
                        ));
                    }
                }
                if bp != hp {
                    out.push(field_change(
                        at(
                            id.clone(),
                            ChangeKind::Moved,
                            format!("strategic objective {id} moved from {bp} to {hp}"),
                        ),
                        "perspective",
                        bp.clone(),
                        hp.clone(),
                    ));
                }
                let links = |o: &crate::model::BscObjective| {
                    o.contributes_to
                        .iter()
                        .map(|t| t.value.to_string())
                        .collect::<BTreeSet<String>>()
                };
                let (lb, lh) = (links(b), links(h));
                for gone in lb.difference(&lh) {
                    out.push(at(
                        format!("{id} -> {gone}"),
                        ChangeKind::Removed,
                        format!("strategy map link {id} -> {gone} removed"),
                    ));
                }
                for new in lh.difference(&lb) {
                    out.push(at(
                        format!("{id} -> {new}"),
                        ChangeKind::Added,
                        format!("strategy map link {id} -> {new} added"),
                    ));
                }
                // A measure's actual at the as-of date, as evaluated.
                let actual = |measure: &str| {
                    measure_actual(h, *hs, measure).or_else(|| measure_actual(b, *bs, measure))
                };
                measures(
                    id,
                    (&b.measures, &h.measures),
                    &actual,
                    started.then_some(&judging),
                    out,
                );
            }
            (None, None) => {}
        }
    }
}

/// Strategic objectives by id, with their perspective.
/// The evaluated actual of measure `id` of objective `o`.
fn measure_actual(o: &BscObjective, state: Option<&BscObjectiveState>, id: &str) -> Option<f64> {
    let m = o.measures.iter().position(|m| *m.id.value == *id)?;
    state?.measures.get(m)?.actual
}

/// Strategic objectives by id, with their perspective and state.
fn bsc_index<'e>(
    eval: &'e Evaluation<'_>,
) -> HashMap<String, (&'e BscObjective, String, Option<&'e BscObjectiveState>)> {
    let states = eval.strategy.as_ref();
    eval.repository
        .strategy
        .iter()
        .flat_map(|s| s.perspectives.iter().enumerate())
        .flat_map(|(p, perspective)| {
            perspective
                .objectives
                .iter()
                .enumerate()
                .map(move |(i, o)| {
                    let state = states
                        .and_then(|s| s.perspectives.get(p))
                        .and_then(|p| p.objectives.get(i));
                    (
                        o.id.value.to_string(),
                        (o, perspective.key.value.to_string(), state),
                    )
                })
        })
        .collect()
}

fn measures(
    objective: &str,
    (before, after): (&[Measure], &[Measure]),
    actual: &dyn Fn(&str) -> Option<f64>,
    started: Option<&Judging<'_>>,
    out: &mut Vec<Change>,
) {
    let at = |m: &Measure, kind, message| {
        change(
            Area::Strategy,
            None,
            None,
            format!("{objective}/{}", m.id.value),
            kind,
            message,
        )
    };
    for b in before
        .iter()
        .filter(|b| !after.iter().any(|h| h.id.value == b.id.value))
    {
        out.push(at(
            b,
            ChangeKind::Removed,
            format!(
                "measure {objective}/{} \"{}\" removed",
                b.id.value, b.name.value
            ),
        ));
    }
    for h in after {
        let Some(b) = before.iter().find(|b| b.id.value == h.id.value) else {
            out.push(at(
                h,
                ChangeKind::Added,
                format!(
                    "measure {objective}/{} \"{}\" added",
                    h.id.value, h.name.value
                ),
            ));
            continue;
        };
        if b.name.value != h.name.value {
            out.push(field_change(
                at(
                    h,
                    ChangeKind::Renamed,
                    format!(
                        "measure {objective}/{} renamed to \"{}\"",
                        h.id.value, h.name.value
                    ),
                ),
                "name",
                b.name.value.to_string(),
                h.name.value.to_string(),
            ));
        }
        if b.weight.value != h.weight.value {
            let (old, new) = (format!("{}", b.weight.value), format!("{}", h.weight.value));
            out.push(field_change(
                at(
                    h,
                    ChangeKind::Changed,
                    format!("measure {objective}/{}: weight {old} -> {new}", h.id.value),
                ),
                "weight",
                old,
                new,
            ));
        }
        // Goalposts: the target, the baseline, a target by period, the formula.
        let mut moved: Vec<(String, String, String)> = [
            ("target", b.target, h.target),
            ("baseline", b.baseline, h.baseline),
            ("keep_above", b.keep_above, h.keep_above),
            ("keep_below", b.keep_below, h.keep_below),
        ]
        .into_iter()
        .filter(|(_, old, new)| old.map(|n| n.value) != new.map(|n| n.value))
        .map(|(field, old, new)| (field.to_owned(), num(old), num(new)))
        .collect();
        moved.extend(period_targets(b, h));
        let formula = |m: &Measure| {
            m.formula
                .as_ref()
                .map_or("-".to_owned(), |f| f.text.value.to_string())
        };
        if formula(b) != formula(h) {
            moved.push(("formula".to_owned(), formula(b), formula(h)));
        }
        let judged = started
            .filter(|_| !moved.is_empty())
            .map(|j| judge(b, h, actual(&h.id.value), j));
        for (field, old, new) in moved {
            let mut c = field_change(
                at(
                    h,
                    ChangeKind::Changed,
                    format!("measure {objective}/{}: {field} {old} -> {new}", h.id.value),
                ),
                &field,
                old,
                new,
            );
            if let Some((direction, scores, how)) = &judged {
                c.kind = ChangeKind::GoalpostMoved;
                c.direction = *direction;
                c.score_before = scores.map(|s| s.0);
                c.score_after = scores.map(|s| s.1);
                c.message = format!("{} after the strategy period began: {how}", c.message);
            }
            out.push(c);
        }
        for (field, old, new) in settings(b, h) {
            out.push(field_change(
                at(
                    h,
                    ChangeKind::Changed,
                    format!("measure {objective}/{}: {field} {old} -> {new}", h.id.value),
                ),
                field,
                old,
                new,
            ));
        }
        if b.actual.map(|n| n.value) != h.actual.map(|n| n.value) {
            out.push(field_change(
                at(
                    h,
                    ChangeKind::Progress,
                    format!(
                        "measure {objective}/{}: actual {} -> {}",
                        h.id.value,
                        num(b.actual),
                        num(h.actual)
                    ),
                ),
                "actual",
                num(b.actual),
                num(h.actual),
            ));
        }
    }
}

/// Judges a measure's moved target or baseline by its effect: the head's
/// actual scored (as the evaluation scores a measure) under the old
/// definition and the new; easier when that raises the score. When the two
/// show the same, or there is no actual, by the distance from baseline to
/// target (or, without a baseline on both sides, by the target alone, in
/// the direction of improvement). Returns the direction, the two scores and
/// the words after "began: ".
fn judge(
    old: &Measure,
    new: &Measure,
    actual: Option<f64>,
    judging: &Judging<'_>,
) -> (Option<Effect>, Option<(f64, f64)>, String) {
    let up = |m: &Measure| m.effective_direction() != Some(crate::model::Direction::Down);
    // The target of the as-of date (of `targets` by period, or `target`).
    let leg = |m: &Measure| crate::eval::target_of(m, judging.as_of, judging.start);
    // An old formula is run on the head's inputs: what it would show now.
    let old_actual = match (&old.formula, &new.formula, &judging.values) {
        (Some(o), Some(n), Some(values)) if o.text.value != n.text.value => o
            .expr
            .as_ref()
            .ok()
            .and_then(|e| values.eval(e, judging.as_of).value()),
        _ => actual,
    };
    let scored = |m: &Measure, actual: Option<f64>| {
        leg(m).and_then(|(from, target)| score::measure_score(from, target, actual, up(m)))
    };
    let scores = scored(old, old_actual).zip(scored(new, actual));
    let shown = |v: f64| crate::render::fixed(v, 2);
    let why = match scores {
        Some((b, a)) if shown(b) != shown(a) => {
            let d = if a > b {
                Effect::Easier
            } else {
                Effect::Harder
            };
            return (
                Some(d),
                scores,
                format!(
                    "{} (at the current actual, score {} -> {})",
                    d.word(),
                    shown(b),
                    shown(a)
                ),
            );
        }
        Some((b, _)) => format!("the same score {} at the current actual", shown(b)),
        None if actual.is_some() => "no score at the current actual".to_owned(),
        None => "no actual to score".to_owned(),
    };
    let value = |n: Option<crate::model::Number>| n.map(|n| n.value);
    // A floor lowered or a ceiling raised (or either taken away) lets more
    // readings through: easier; the other way, harder.
    let bound = |old: Option<f64>, new: Option<f64>, easier_when_lower: bool| match (old, new) {
        (Some(a), Some(b)) if a == b => None,
        (Some(a), Some(b)) => Some(if (b < a) == easier_when_lower {
            1.0
        } else {
            -1.0
        }),
        (Some(_), None) => Some(1.0),
        (None, Some(_)) => Some(-1.0),
        (None, None) => None,
    };
    let bounds: Vec<f64> = [
        bound(value(old.keep_above), value(new.keep_above), true),
        bound(value(old.keep_below), value(new.keep_below), false),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !bounds.is_empty() && value(old.target) == value(new.target) {
        let direction = if bounds.iter().all(|&e| e > 0.0) {
            Some(Effect::Easier)
        } else if bounds.iter().all(|&e| e < 0.0) {
            Some(Effect::Harder)
        } else {
            None
        };
        let how = match direction {
            Some(d) => format!(
                "{} ({why}; judged by its bounds: a lower floor or a higher ceiling lets more readings through)",
                d.word()
            ),
            None => format!(
                "neither easier nor harder: one bound loosened, the other tightened ({why})"
            ),
        };
        return (direction, None, how);
    }
    let sign = if up(new) { 1.0 } else { -1.0 };
    // From where it is paced (the baseline, or the previous period target).
    let (from0, target0) = leg(old).unzip();
    let (from1, target1) = leg(new).unzip();
    let easier = match (from0.flatten(), target0, from1.flatten(), target1) {
        (Some(b0), Some(t0), Some(b1), Some(t1)) => Some(sign * ((t0 - b0) - (t1 - b1))),
        (b0, Some(t0), b1, Some(t1)) if b0 == b1 => Some(sign * (t0 - t1)),
        _ => None,
    };
    let direction = match easier {
        Some(e) if e > 0.0 => Some(Effect::Easier),
        Some(e) if e < 0.0 => Some(Effect::Harder),
        _ => None,
    };
    let how = match direction {
        Some(d) => format!(
            "{} ({why}; judged by the distance from baseline to target)",
            d.word()
        ),
        None => format!("neither easier nor harder by its score or its distance to target ({why})"),
    };
    (direction, None, how)
}

/// Changes to `targets` by period, one per `by` date: added, removed, or
/// its value changed. A moved `by` date is one removed and one added.
fn period_targets(before: &Measure, after: &Measure) -> Vec<(String, String, String)> {
    let by_date = |m: &Measure| {
        m.targets
            .iter()
            .map(|t| (t.by.value, t.value.value))
            .collect::<std::collections::BTreeMap<NaiveDate, f64>>()
    };
    let (old, new) = (by_date(before), by_date(after));
    let mut dates: BTreeSet<NaiveDate> = old.keys().copied().collect();
    dates.extend(new.keys().copied());
    let shown = |v: Option<&f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v}"));
    dates
        .into_iter()
        .filter(|d| old.get(d) != new.get(d))
        .map(|d| {
            (
                format!("target by {d}"),
                shown(old.get(&d)),
                shown(new.get(&d)),
            )
        })
        .collect()
}

/// Changes to how a measure is read that move no goalpost: `bands`,
/// `data_only` and `frequency`.
fn settings(before: &Measure, after: &Measure) -> Vec<(&'static str, String, String)> {
    let bands = |m: &Measure| {
        m.bands.map_or("-".to_owned(), |b| {
            format!("green {}, yellow {}", b.green.value, b.yellow.value)
        })
    };
    let data_only = |m: &Measure| m.data_only.is_some().to_string();
    let frequency = |m: &Measure| {
        m.frequency
            .map_or("-".to_owned(), |(f, _)| f.label().to_owned())
    };
    [
        ("bands", bands(before), bands(after)),
        ("data_only", data_only(before), data_only(after)),
        ("frequency", frequency(before), frequency(after)),
    ]
    .into_iter()
    .filter(|(_, old, new)| old != new)
    .collect()
}
