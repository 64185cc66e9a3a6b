//! Changes to the Balanced Scorecard: strategic objectives, measures and
//! strategy-map links by id; measure targets moved after the period began.

use std::collections::{BTreeSet, HashMap};

use super::{change, field_change, num};
use crate::diff::{Area, Change, ChangeKind, Effect};
use crate::eval::score;
use crate::eval::{BscObjectiveState, Evaluation};
use crate::model::{BscObjective, Measure};

pub(super) fn strategy(base: &Evaluation<'_>, head: &Evaluation<'_>, out: &mut Vec<Change>) {
    let as_of = head.as_of;
    let (before, after) = (bsc_index(base), bsc_index(head));
    let started = head
        .repository
        .strategy
        .as_ref()
        .and_then(|s| s.period.as_ref())
        .is_some_and(|p| p.start <= as_of);
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
                measures(id, (&b.measures, &h.measures), &actual, started, out);
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
    started: bool,
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
        let moved: Vec<_> = [
            ("target", b.target, h.target),
            ("baseline", b.baseline, h.baseline),
            ("keep_above", b.keep_above, h.keep_above),
            ("keep_below", b.keep_below, h.keep_below),
        ]
        .into_iter()
        .filter(|(_, old, new)| old.map(|n| n.value) != new.map(|n| n.value))
        .collect();
        let judged = (started && !moved.is_empty()).then(|| judge(b, h, actual(&h.id.value)));
        for (field, old, new) in moved {
            let mut c = field_change(
                at(
                    h,
                    ChangeKind::Changed,
                    format!(
                        "measure {objective}/{}: {field} {} -> {}",
                        h.id.value,
                        num(old),
                        num(new)
                    ),
                ),
                field,
                num(old),
                num(new),
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
) -> (Option<Effect>, Option<(f64, f64)>, String) {
    let up = |m: &Measure| m.effective_direction() != Some(crate::model::Direction::Down);
    let scored = |m: &Measure| {
        m.target
            .and_then(|t| score::measure_score(m.baseline.map(|n| n.value), t.value, actual, up(m)))
    };
    let shown = |v: f64| crate::render::fixed(v, 2);
    let scores = scored(old).zip(scored(new));
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
    let easier = match (
        value(old.baseline),
        value(old.target),
        value(new.baseline),
        value(new.target),
    ) {
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
