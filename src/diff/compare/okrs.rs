//! Changes to the OKRs: objectives by quarter, team and id (another team
//! with the same quarter and id is a move); key results by id, then title,
//! then position; goalposts that moved after the quarter began.

use chrono::NaiveDate;
use std::collections::BTreeSet;

use super::{Key, change, field_change, list, num, objectives};
use crate::diff::{Area, Change, ChangeKind, Effect};
use crate::eval::score;
use crate::eval::{Evaluation, ObjectiveState};
use crate::model::{KeyResult, Objective};

pub(super) fn okrs(base: &Evaluation<'_>, head: &Evaluation<'_>, out: &mut Vec<Change>) {
    let as_of = head.as_of;
    let (before, after) = (objectives(base.repository), objectives(head.repository));
    let month = head.repository.settings.fiscal_year_start_month;
    let mut keys: BTreeSet<&Key<'_>> = before.keys().collect();
    keys.extend(after.keys());
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for key in keys {
        let (quarter, team) = (&key.0, key.1);
        match (before.get(key), after.get(key)) {
            (Some(_), None) => removed.push(key),
            (None, Some(_)) => added.push(key),
            (Some(&(_, b, b_at)), Some(&(file, h, h_at))) => {
                let started = file.quarter.dates(month).0 <= as_of;
                let states = (state(base, b_at), state(head, h_at));
                objective_pair(team, quarter, (b, h), states, started, out);
            }
            (None, None) => {}
        }
    }
    // The same objective in another team of the same quarter: moved, not removed and added.
    let mut moved_to: Vec<&Key<'_>> = Vec::new();
    for r in &removed {
        let target = added
            .iter()
            .find(|a| a.0 == r.0 && a.2 == r.2 && !moved_to.contains(a));
        match target {
            Some(a) => {
                moved_to.push(a);
                out.push(field_change(
                    change(
                        Area::Okrs,
                        Some(a.1),
                        Some(&a.0),
                        format!("{}/{}", a.1, a.2),
                        ChangeKind::Moved,
                        format!("objective {} moved from team {} to {}", a.2, r.1, a.1),
                    ),
                    "team",
                    r.1.to_owned(),
                    a.1.to_owned(),
                ));
                if let (Some(&(_, b, b_at)), Some(&(file, h, h_at))) =
                    (before.get(*r), after.get(*a))
                {
                    let started = file.quarter.dates(month).0 <= as_of;
                    let states = (state(base, b_at), state(head, h_at));
                    objective_pair(a.1, &a.0, (b, h), states, started, out);
                }
            }
            None => {
                let title = before
                    .get(*r)
                    .map(|(_, o, _)| o.title.value.clone())
                    .unwrap_or_default();
                out.push(change(
                    Area::Okrs,
                    Some(r.1),
                    Some(&r.0),
                    format!("{}/{}", r.1, r.2),
                    ChangeKind::Removed,
                    format!("objective {}/{} \"{title}\" removed", r.1, r.2),
                ));
            }
        }
    }
    for a in added.iter().filter(|a| !moved_to.contains(a)) {
        let title = after
            .get(*a)
            .map(|(_, o, _)| o.title.value.clone())
            .unwrap_or_default();
        out.push(change(
            Area::Okrs,
            Some(a.1),
            Some(&a.0),
            format!("{}/{}", a.1, a.2),
            ChangeKind::Added,
            format!("objective {}/{} \"{title}\" added", a.1, a.2),
        ));
    }
}

/// An objective's state in an evaluation, by its position in the model.
fn state<'e>(
    eval: &'e Evaluation<'_>,
    (file, objective): (usize, usize),
) -> Option<&'e ObjectiveState> {
    eval.objective(file, objective).map(|(_, s)| s)
}

/// Changes between two versions of one objective (`b` before, `h` after),
/// with their states at the as-of date.
fn objective_pair(
    team: &str,
    quarter: &str,
    (b, h): (&Objective, &Objective),
    states: (Option<&ObjectiveState>, Option<&ObjectiveState>),
    started: bool,
    out: &mut Vec<Change>,
) {
    let id = h.id.value.as_ref();
    let subject = format!("{team}/{id}");
    let at = |kind, message| {
        change(
            Area::Okrs,
            Some(team),
            Some(quarter),
            subject.clone(),
            kind,
            message,
        )
    };
    if b.title.value != h.title.value {
        out.push(field_change(
            at(
                ChangeKind::Renamed,
                format!("objective {subject} renamed to \"{}\"", h.title.value),
            ),
            "title",
            b.title.value.to_string(),
            h.title.value.to_string(),
        ));
    }
    let fields = [
        (
            "kind",
            format!("{:?}", b.kind).to_lowercase(),
            format!("{:?}", h.kind).to_lowercase(),
        ),
        (
            "weight",
            format!("{}", b.weight.value),
            format!("{}", h.weight.value),
        ),
        (
            "owner",
            b.owner.as_ref().map_or("-".into(), |t| t.value.to_string()),
            h.owner.as_ref().map_or("-".into(), |t| t.value.to_string()),
        ),
        ("supports", list(&b.supports), list(&h.supports)),
        ("aligns_to", list(&b.aligns_to), list(&h.aligns_to)),
    ];
    for (field, old, new) in fields {
        if old != new {
            out.push(field_change(
                at(
                    ChangeKind::Changed,
                    format!("objective {subject}: {field} {old} -> {new}"),
                ),
                field,
                old,
                new,
            ));
        }
    }
    key_results(team, quarter, id, (b, h), states, started, out);
}

/// Pairs key results: explicit ids first, then equal titles, then by position.
fn pair<'a>(
    before: &'a [KeyResult],
    after: &'a [KeyResult],
) -> (
    Vec<(&'a KeyResult, &'a KeyResult)>,
    Vec<&'a KeyResult>,
    Vec<&'a KeyResult>,
) {
    let mut left: Vec<Option<&KeyResult>> = before.iter().map(Some).collect();
    let mut right: Vec<Option<&KeyResult>> = after.iter().map(Some).collect();
    let mut pairs = Vec::new();
    let mut take = |matches: &dyn Fn(&KeyResult, &KeyResult) -> bool,
                    pairs: &mut Vec<(&'a KeyResult, &'a KeyResult)>| {
        for l in left.iter_mut() {
            let Some(b) = *l else { continue };
            if let Some(r) = right.iter_mut().find(|r| r.is_some_and(|h| matches(b, h)))
                && let Some(h) = r.take()
            {
                pairs.push((b, h));
                *l = None;
            }
        }
    };
    take(
        &|b, h| (b.explicit_id || h.explicit_id) && b.id.value == h.id.value,
        &mut pairs,
    );
    take(
        &|b, h| !b.explicit_id && !h.explicit_id && b.title.value == h.title.value,
        &mut pairs,
    );
    take(&|b, h| !b.explicit_id && !h.explicit_id, &mut pairs);
    (
        pairs,
        left.into_iter().flatten().collect(),
        right.into_iter().flatten().collect(),
    )
}

fn key_results(
    team: &str,
    quarter: &str,
    objective: &str,
    (b, h): (&Objective, &Objective),
    states: (Option<&ObjectiveState>, Option<&ObjectiveState>),
    started: bool,
    out: &mut Vec<Change>,
) {
    // The value a key result has at the as-of date, as the evaluation says.
    let measured = |o: &Objective, state: Option<&ObjectiveState>, kr: &KeyResult| {
        let k = o.key_results.iter().position(|k| std::ptr::eq(k, kr))?;
        let s = state?.key_results.get(k)?;
        s.current.filter(|_| s.measured)
    };
    let (pairs, removed, added) = pair(&b.key_results, &h.key_results);
    let at = |kr: &KeyResult, kind, message| {
        change(
            Area::Okrs,
            Some(team),
            Some(quarter),
            format!("{team}/{}", kr.id.value),
            kind,
            message,
        )
    };
    for kr in removed {
        out.push(at(
            kr,
            ChangeKind::Removed,
            format!(
                "key result {team}/{} \"{}\" removed from {objective}",
                kr.id.value, kr.title.value
            ),
        ));
    }
    for kr in added {
        out.push(at(
            kr,
            ChangeKind::Added,
            format!(
                "key result {team}/{} \"{}\" added to {objective}",
                kr.id.value, kr.title.value
            ),
        ));
    }
    for (old, new) in pairs {
        if old.title.value != new.title.value {
            out.push(field_change(
                at(
                    new,
                    ChangeKind::Renamed,
                    format!(
                        "key result {team}/{} renamed to \"{}\"",
                        new.id.value, new.title.value
                    ),
                ),
                "title",
                old.title.value.to_string(),
                new.title.value.to_string(),
            ));
        }
        let goalposts = [
            ("target", old.target, new.target),
            ("start", old.start, new.start),
            ("keep_above", old.keep_above, new.keep_above),
            ("keep_below", old.keep_below, new.keep_below),
        ];
        for (field, before, after) in goalposts {
            if before.map(|n| n.value) == after.map(|n| n.value) {
                continue;
            }
            let (kind, direction, effect) = if started && before.is_some() {
                let value = measured(h, states.1, new).or_else(|| measured(b, states.0, old));
                let (d, effect) = direction(old, new, value);
                (ChangeKind::GoalpostMoved, Some(d), effect)
            } else {
                (ChangeKind::Changed, None, None)
            };
            let how = match (direction, effect) {
                (Some(d), Some((b, a))) => format!(
                    " after the quarter began: {} (at the current value, score {b:.2} -> {a:.2})",
                    if d == Effect::Easier {
                        "easier"
                    } else {
                        "harder"
                    }
                ),
                (Some(Effect::Easier), None) => " after the quarter began: easier".to_owned(),
                (Some(Effect::Harder), None) => " after the quarter began: harder".to_owned(),
                (None, _) => String::new(),
            };
            let mut c = field_change(
                at(
                    new,
                    kind,
                    format!(
                        "key result {team}/{}: {field} {} -> {}{how}",
                        new.id.value,
                        num(before),
                        num(after)
                    ),
                ),
                field,
                num(before),
                num(after),
            );
            c.direction = direction;
            c.score_before = effect.map(|e| e.0);
            c.score_after = effect.map(|e| e.1);
            out.push(c);
        }
        let fields = [
            (
                "weight",
                format!("{}", old.weight.value),
                format!("{}", new.weight.value),
            ),
            (
                "owner",
                old.owner
                    .as_ref()
                    .map_or("-".into(), |t| t.value.to_string()),
                new.owner
                    .as_ref()
                    .map_or("-".into(), |t| t.value.to_string()),
            ),
            (
                "done",
                // As written: `false`, `true`, or `-` when absent.
                old.done.map_or("-".into(), |d| d.0.to_string()),
                new.done.map_or("-".into(), |d| d.0.to_string()),
            ),
        ];
        for (field, before, after) in fields {
            if before != after {
                let kind = if field == "done" {
                    ChangeKind::Progress
                } else {
                    ChangeKind::Changed
                };
                out.push(field_change(
                    at(
                        new,
                        kind,
                        format!(
                            "key result {team}/{}: {field} {before} -> {after}",
                            new.id.value
                        ),
                    ),
                    field,
                    before,
                    after,
                ));
            }
        }
        // Check-ins by date: new, edited (same date, other value) and removed.
        let dated = |kr: &KeyResult| -> std::collections::BTreeMap<NaiveDate, f64> {
            kr.checkins
                .iter()
                .map(|c| (c.date.value, c.value.value))
                .collect()
        };
        let (was, is) = (dated(old), dated(new));
        let mut what = Vec::new();
        for (date, value) in &is {
            match was.get(date) {
                None => what.push(format!("new check-in {value} on {date}")),
                Some(before) if before.to_bits() != value.to_bits() => {
                    what.push(format!("check-in of {date} edited: {before} -> {value}"));
                }
                Some(_) => {}
            }
        }
        for (date, value) in was.iter().filter(|(d, _)| !is.contains_key(*d)) {
            what.push(format!("check-in {value} of {date} removed"));
        }
        if old.current.map(|n| n.value) != new.current.map(|n| n.value) {
            what.push(format!(
                "current {} -> {}",
                num(old.current),
                num(new.current)
            ));
        }
        if !what.is_empty() {
            let message = format!("key result {team}/{}: {}", new.id.value, what.join(", "));
            out.push(at(new, ChangeKind::Progress, message));
        }
    }
}

/// Whether moving the goalposts made the key result easier, with the
/// isolated effect on a metric's score: `current`, the value at the as-of
/// date, scored against the old and the new goalposts.
fn direction(
    old: &KeyResult,
    new: &KeyResult,
    current: Option<f64>,
) -> (Effect, Option<(f64, f64)>) {
    let value = |n: Option<crate::model::Number>| n.map(|n| n.value);
    let progress = |kr: &KeyResult, c: f64| {
        let start = kr.start.map_or(0.0, |n| n.value);
        value(kr.target).and_then(|t| score::metric_progress(start, t, c))
    };
    let effect = current.and_then(|c| {
        Some((
            score::clamp01(progress(old, c)?),
            score::clamp01(progress(new, c)?),
        ))
    });
    let easier = match (value(old.target), value(new.target)) {
        // A metric: easier when less distance is left to cover, judged in the
        // direction of improvement (a lower target is easier when higher is
        // better, and the reverse).
        (Some(t0), Some(t1)) => {
            let (s0, s1) = (
                value(old.start).unwrap_or(0.0),
                value(new.start).unwrap_or(0.0),
            );
            let up = t0 >= s0;
            let (need0, need1) = if up {
                (t0 - s0, t1 - s1)
            } else {
                (s0 - t0, s1 - t1)
            };
            need1 < need0
        }
        // No target any more: the key result stops being scored as a metric.
        (Some(_), None) => true,
        (None, Some(_)) => false,
        // A threshold: each bound on its own; a wider band is easier.
        (None, None) => {
            let below = match (value(old.keep_below), value(new.keep_below)) {
                (Some(a), Some(b)) => b - a,
                (Some(_), None) => f64::INFINITY,
                (None, Some(_)) => f64::NEG_INFINITY,
                (None, None) => 0.0,
            };
            let above = match (value(old.keep_above), value(new.keep_above)) {
                (Some(a), Some(b)) => a - b,
                (Some(_), None) => f64::INFINITY,
                (None, Some(_)) => f64::NEG_INFINITY,
                (None, None) => 0.0,
            };
            below + above > 0.0
        }
    };
    (
        if easier {
            Effect::Easier
        } else {
            Effect::Harder
        },
        effect,
    )
}
