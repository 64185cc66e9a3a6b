//! Changes to the OKRs: objectives by quarter, team and id (another team
//! with the same quarter and id is a move); key results by id, then title,
//! then position (the pairing score rows and findings use too); goalposts
//! that moved after the quarter began, judged by their effect on the score.

use chrono::NaiveDate;
use std::collections::BTreeSet;

use super::{Key, Pairing, change, field_change, list, num, objectives};
use crate::diff::{Area, Change, ChangeKind, Effect};
use crate::eval::{self, Evaluation, FileState, ObjectiveState, score};
use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::model::{KeyResult, KeyResultKind, Objective, ObjectiveKind, QuarterFile};

pub(super) fn okrs(
    base: &Evaluation<'_>,
    head: &Evaluation<'_>,
    out: &mut Vec<Change>,
    pairing: &mut Pairing,
) {
    let as_of = head.as_of;
    let (before, after) = (objectives(base.repository), objectives(head.repository));
    let settings = &head.repository.settings;
    let month = settings.fiscal_year_start_month;
    let mut keys: BTreeSet<&Key<'_>> = before.keys().collect();
    keys.extend(after.keys());
    let mut removed = Vec::new();
    let mut added = Vec::new();
    let side = |eval, file: &QuarterFile, o, at: (usize, usize)| Version {
        objective: o,
        state: state(eval, at),
        file: file_state(eval, at),
        index: at.1,
        quarter: file.quarter,
    };
    for key in keys {
        let (quarter, team) = (&key.0, key.1);
        match (before.get(key), after.get(key)) {
            (Some(_), None) => removed.push(key),
            (None, Some(_)) => added.push(key),
            (Some(&(bf, b, b_at)), Some(&(file, h, h_at))) => {
                let started = file.quarter.dates(month).0 <= as_of;
                let pair = Pair {
                    team,
                    quarter,
                    base_team: team,
                    settings,
                    as_of,
                    started,
                };
                let sides = (side(base, bf, b, b_at), side(head, file, h, h_at));
                objective_pair(&pair, sides, out, pairing);
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
                if let (Some(&(bf, b, b_at)), Some(&(file, h, h_at))) =
                    (before.get(*r), after.get(*a))
                {
                    let started = file.quarter.dates(month).0 <= as_of;
                    let pair = Pair {
                        team: a.1,
                        quarter: &a.0,
                        base_team: r.1,
                        settings,
                        as_of,
                        started,
                    };
                    let sides = (side(base, bf, b, b_at), side(head, file, h, h_at));
                    objective_pair(&pair, sides, out, pairing);
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

/// The state of the team file an objective is in.
fn file_state<'e>(eval: &'e Evaluation<'_>, (file, _): (usize, usize)) -> Option<&'e FileState> {
    eval.files.get(file)
}

/// Where one objective is compared: its team (at the head and at the base),
/// its quarter, and whether the quarter had begun at the as-of date.
struct Pair<'a> {
    team: &'a str,
    quarter: &'a str,
    base_team: &'a str,
    settings: &'a Settings,
    as_of: NaiveDate,
    started: bool,
}

/// One side's version of an objective, with its state at the as-of date.
struct Version<'e> {
    objective: &'e Objective,
    state: Option<&'e ObjectiveState>,
    file: Option<&'e FileState>,
    /// Its position in its file.
    index: usize,
    quarter: Quarter,
}

/// Changes between two versions of one objective (`b` before, `h` after),
/// with their states at the as-of date.
fn objective_pair(
    pair: &Pair<'_>,
    (base, head): (Version<'_>, Version<'_>),
    out: &mut Vec<Change>,
    pairing: &mut Pairing,
) {
    let (b, h) = (base.objective, head.objective);
    let (team, quarter) = (pair.team, pair.quarter);
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
    if b.dropped != h.dropped {
        out.push(dropped_change(
            at(ChangeKind::Dropped, String::new()),
            "objective",
            &subject,
            (&h.title, h.note.as_ref()),
            h.dropped,
        ));
    }
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
    let kind = |o: &Objective| format!("{:?}", o.kind).to_lowercase();
    if b.kind != h.kind {
        let goal = |o: &Objective| match o.kind {
            ObjectiveKind::Committed => pair.settings.committed_goal,
            ObjectiveKind::Aspirational => pair.settings.aspirational_goal,
        };
        let (old, new) = (goal(b), goal(h));
        let mut c = field_change(
            at(
                if pair.started {
                    ChangeKind::GoalpostMoved
                } else {
                    ChangeKind::Changed
                },
                format!("objective {subject}: kind {} -> {}", kind(b), kind(h)),
            ),
            "kind",
            kind(b),
            kind(h),
        );
        // A committed objective is expected to reach a higher goal: the
        // switch moves what is expected, whatever the score.
        if pair.started && old != new {
            let d = if new > old {
                Effect::Harder
            } else {
                Effect::Easier
            };
            c.direction = Some(d);
            c.message = format!(
                "{} after the quarter began: {} (expected to reach {} -> {})",
                c.message,
                d.word(),
                crate::render::fixed(old, 2),
                crate::render::fixed(new, 2)
            );
        } else if pair.started {
            c.message = format!(
                "{} after the quarter began: neither easier nor harder (both are expected to reach {})",
                c.message,
                crate::render::fixed(new, 2)
            );
        }
        out.push(c);
    }
    if b.weight.value != h.weight.value {
        // Its weight moves the team's score, scored with the head's objective scores.
        let team_scores = head.file.map(|f| {
            let others = |weight_of: &dyn Fn(usize, &ObjectiveState) -> f64| {
                score::weighted_mean(
                    f.objectives
                        .iter()
                        .enumerate()
                        .filter_map(|(i, o)| o.score.map(|s| (s, weight_of(i, o)))),
                )
            };
            let old = eval::weight(b.weight);
            (
                others(&|i, o| if i == head.index { old } else { o.weight }),
                others(&|_, o| o.weight),
            )
        });
        let (old, new) = (format!("{}", b.weight.value), format!("{}", h.weight.value));
        out.push(weight_change(
            field_change(
                at(
                    ChangeKind::Changed,
                    format!("objective {subject}: weight {old} -> {new}"),
                ),
                "weight",
                old,
                new,
            ),
            pair.started,
            team_scores,
            "the team's score",
        ));
    }
    let fields = [
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
    key_results(pair, (&base, &head), out, pairing);
}

/// `dropped objective team/P1 "title" (note: why)`, or `restored …` when
/// `status: dropped` was taken away.
fn dropped_change(
    mut c: Change,
    what: &str,
    subject: &str,
    (title, note): (&crate::model::Text, Option<&crate::model::Text>),
    dropped: bool,
) -> Change {
    let (kind, word) = if dropped {
        (ChangeKind::Dropped, "dropped")
    } else {
        (ChangeKind::Restored, "restored")
    };
    c.kind = kind;
    c.field = Some("status".to_owned());
    c.before = Some(if dropped { "-" } else { "dropped" }.to_owned());
    c.after = Some(if dropped { "dropped" } else { "-" }.to_owned());
    c.message = format!("{word} {what} {subject} \"{}\"", title.value);
    if let Some(note) = note.filter(|_| dropped) {
        c.message = format!("{} (note: {})", c.message, note.value);
    }
    c
}

/// A weight that changed: a goalpost once the period began, judged by its
/// effect on the score it weighs in (`scores`: under the old weight and the
/// new, at the as-of date); neither easier nor harder when that is the same.
fn weight_change(
    mut c: Change,
    started: bool,
    scores: Option<(Option<f64>, Option<f64>)>,
    what: &str,
) -> Change {
    if !started {
        return c;
    }
    c.kind = ChangeKind::GoalpostMoved;
    let shown = |v: f64| crate::render::fixed(v, 2);
    let how = match scores {
        Some((Some(b), Some(a))) if shown(b) != shown(a) => {
            let d = if a > b {
                Effect::Easier
            } else {
                Effect::Harder
            };
            c.direction = Some(d);
            c.score_before = Some(b);
            c.score_after = Some(a);
            format!("{} ({what} {} -> {})", d.word(), shown(b), shown(a))
        }
        Some((Some(b), Some(_))) => {
            format!("neither easier nor harder ({what} stays {})", shown(b))
        }
        _ => format!("neither easier nor harder (no score in {what} to weigh)"),
    };
    c.message = format!("{} after the quarter began: {how}", c.message);
    c
}

/// Pairs key results: explicit ids first, then equal titles, then by position.
fn pair_key_results<'a>(
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
    pair: &Pair<'_>,
    (base, head): (&Version<'_>, &Version<'_>),
    out: &mut Vec<Change>,
    pairing: &mut Pairing,
) {
    let (b, h) = (base.objective, head.objective);
    let (team, quarter) = (pair.team, pair.quarter);
    let objective = h.id.value.as_ref();
    let (pairs, removed, added) = pair_key_results(&b.key_results, &h.key_results);
    for (old, new) in &pairs {
        pairing.key_result(
            (quarter, pair.base_team, &b.id.value, &old.id.value),
            (quarter, team, objective, &new.id.value),
        );
    }
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
        pairing.removed((quarter, pair.base_team, &b.id.value, &kr.id.value));
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
        if old.dropped != new.dropped {
            out.push(dropped_change(
                at(new, ChangeKind::Dropped, String::new()),
                "key result",
                &format!("{team}/{}", new.id.value),
                (&new.title, new.note.as_ref()),
                new.dropped,
            ));
        }
        // A positional id that shifted (a key result before it removed)
        // names its old id too.
        let name = if old.id.value == new.id.value {
            new.id.value.to_string()
        } else {
            format!("{} (was {})", new.id.value, old.id.value)
        };
        if old.title.value != new.title.value {
            out.push(field_change(
                at(
                    new,
                    ChangeKind::Renamed,
                    format!(
                        "key result {team}/{name} renamed to \"{}\"",
                        new.title.value
                    ),
                ),
                "title",
                old.title.value.to_string(),
                new.title.value.to_string(),
            ));
        }
        // A start that is absent counts as 0, as it is scored.
        let start = |kr: &KeyResult| kr.start.map(|n| n.value).unwrap_or(0.0);
        let written = |n: Option<crate::model::Number>| n.map(|n| n.value);
        let goalposts = [
            (
                "target",
                num(old.target),
                num(new.target),
                written(old.target) != written(new.target),
            ),
            (
                "start",
                num(old.start),
                num(new.start),
                start(old) != start(new),
            ),
            (
                "keep_above",
                num(old.keep_above),
                num(new.keep_above),
                written(old.keep_above) != written(new.keep_above),
            ),
            (
                "keep_below",
                num(old.keep_below),
                num(new.keep_below),
                written(old.keep_below) != written(new.keep_below),
            ),
            // Adding or removing `done` makes it a milestone or stops it being one.
            (
                "done",
                old.done.map_or("-".into(), |d| d.0.to_string()),
                new.done.map_or("-".into(), |d| d.0.to_string()),
                old.done.is_some() != new.done.is_some(),
            ),
        ];
        let moved: Vec<_> = goalposts.iter().filter(|g| g.3).collect();
        // A goal dropped on either side is scored nowhere: what it expected
        // moves no score, so no goalpost moved.
        let counted = !(old.dropped || new.dropped || b.dropped || h.dropped);
        let judged =
            (pair.started && counted && !moved.is_empty()).then(|| judge(pair, head, old, new));
        for (field, before, after, _) in moved {
            let mut c = field_change(
                at(
                    new,
                    ChangeKind::Changed,
                    format!("key result {team}/{name}: {field} {before} -> {after}"),
                ),
                field,
                before.clone(),
                after.clone(),
            );
            if let Some(j) = &judged {
                c.kind = ChangeKind::GoalpostMoved;
                c.direction = j.direction;
                c.score_before = j.scores.map(|s| s.0);
                c.score_after = j.scores.map(|s| s.1);
                c.message = format!("{} after the quarter began: {}", c.message, j.how);
            }
            out.push(c);
        }
        // Written differently but scored the same (`start: 0` where it was
        // left out): a plain change, never a goalpost.
        if start(old) == start(new) && written(old.start) != written(new.start) {
            out.push(field_change(
                at(
                    new,
                    ChangeKind::Changed,
                    format!(
                        "key result {team}/{name}: start {} -> {} (the same start)",
                        num(old.start),
                        num(new.start)
                    ),
                ),
                "start",
                num(old.start),
                num(new.start),
            ));
        }
        if old.weight.value != new.weight.value {
            // Its weight moves the objective's score, scored with the head's key results.
            let scores = head.state.map(|state| {
                let mean = |weight_of: &dyn Fn(&KeyResult) -> f64| {
                    score::weighted_mean(
                        h.key_results
                            .iter()
                            .zip(&state.key_results)
                            .filter_map(|(kr, k)| k.score.map(|s| (s, weight_of(kr)))),
                    )
                };
                (
                    mean(&|kr| {
                        if std::ptr::eq(kr, new) {
                            eval::weight(old.weight)
                        } else {
                            eval::weight(kr.weight)
                        }
                    }),
                    mean(&|kr| eval::weight(kr.weight)),
                )
            });
            let (was, is) = (
                format!("{}", old.weight.value),
                format!("{}", new.weight.value),
            );
            out.push(weight_change(
                field_change(
                    at(
                        new,
                        ChangeKind::Changed,
                        format!("key result {team}/{name}: weight {was} -> {is}"),
                    ),
                    "weight",
                    was,
                    is,
                ),
                pair.started,
                scores,
                "the objective's score",
            ));
        }
        let owner = |kr: &KeyResult| {
            kr.owner
                .as_ref()
                .map_or("-".into(), |t| t.value.to_string())
        };
        if owner(old) != owner(new) {
            let (was, is) = (owner(old), owner(new));
            out.push(field_change(
                at(
                    new,
                    ChangeKind::Changed,
                    format!("key result {team}/{name}: owner {was} -> {is}"),
                ),
                "owner",
                was,
                is,
            ));
        }
        // A milestone that stays one: its done-ness is progress.
        if let (Some(was), Some(is)) = (old.done, new.done)
            && was.0 != is.0
        {
            out.push(field_change(
                at(
                    new,
                    ChangeKind::Progress,
                    format!("key result {team}/{name}: done {} -> {}", was.0, is.0),
                ),
                "done",
                was.0.to_string(),
                is.0.to_string(),
            ));
        }
        // Check-ins by date: new, edited (same date, other value) and removed.
        // A check-in as shown: its value, its grade, or both.
        let shown = |c: &crate::model::CheckIn| match (c.value, c.score) {
            (Some(v), None) => format!("{}", v.value),
            (None, Some(g)) => format!("graded {}", g.value),
            (Some(v), Some(g)) => format!("{} (graded {})", v.value, g.value),
            (None, None) => "-".to_owned(),
        };
        let dated = |kr: &KeyResult| -> std::collections::BTreeMap<NaiveDate, String> {
            kr.checkins
                .iter()
                .map(|c| (c.date.value, shown(c)))
                .collect()
        };
        let (was, is) = (dated(old), dated(new));
        let mut what = Vec::new();
        for (date, value) in &is {
            match was.get(date) {
                None => what.push(format!("new check-in {value} on {date}")),
                Some(before) if before != value => {
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
        // A grade people gave is progress, as `current` is.
        if old.score.map(|n| n.value) != new.score.map(|n| n.value) {
            what.push(format!("graded {} -> {}", num(old.score), num(new.score)));
        }
        let graded = |kr: &KeyResult| kr.graded.is_some_and(|(g, _)| g);
        if graded(old) != graded(new) {
            what.push(format!("graded {} -> {}", graded(old), graded(new)));
        }
        if !what.is_empty() {
            let message = format!("key result {team}/{name}: {}", what.join(", "));
            out.push(at(new, ChangeKind::Progress, message));
        }
    }
}

/// How moving a key result's goalposts is judged.
struct Judged {
    direction: Option<Effect>,
    /// Its score at the as-of date under the old goalposts and the new.
    scores: Option<(f64, f64)>,
    /// The words after "after the quarter began: ".
    how: String,
}

/// Judges moved goalposts by their effect: the head's key result, with its
/// readings at the as-of date, scored (by the evaluation) under the old
/// goalposts and under the new. Easier when that raises its score, harder
/// when it lowers it. When the two scores show the same, or there is no
/// measured value to score, the structural rule of [`structural`] decides.
fn judge(pair: &Pair<'_>, head: &Version<'_>, old: &KeyResult, new: &KeyResult) -> Judged {
    let mut under_old = new.clone();
    under_old.start = old.start;
    under_old.target = old.target;
    under_old.keep_above = old.keep_above;
    under_old.keep_below = old.keep_below;
    // A milestone's written done-ness is a reading; whether it is a milestone
    // at all is a goalpost.
    under_old.done = if old.done.is_some() {
        new.done.or(old.done)
    } else {
        None
    };
    let score =
        |kr: &KeyResult| eval::key_result_score(pair.settings, kr, head.quarter, pair.as_of);
    let k = head
        .objective
        .key_results
        .iter()
        .position(|k| std::ptr::eq(k, new));
    let measured = k
        .and_then(|k| head.state?.key_results.get(k))
        .is_some_and(|s| s.measured || new.kind() == Some(KeyResultKind::Milestone));
    let shown = |v: f64| crate::render::fixed(v, 2);
    let scores = score(&under_old).zip(score(new));
    let why = match scores {
        Some((b, a)) if measured && shown(b) != shown(a) => {
            let d = if a > b {
                Effect::Easier
            } else {
                Effect::Harder
            };
            return Judged {
                direction: Some(d),
                scores,
                how: format!(
                    "{} (at the current value, score {} -> {})",
                    d.word(),
                    shown(b),
                    shown(a)
                ),
            };
        }
        Some((b, _)) if measured => format!("the same score {} at the current value", shown(b)),
        _ if measured => "no score at the current value".to_owned(),
        _ => "no current value to score".to_owned(),
    };
    let (direction, rule) = structural(old, new);
    let how = match direction {
        Some(d) => format!("{} ({why}; judged {rule})", d.word()),
        None => format!("neither easier nor harder ({why}; nor {rule})"),
    };
    Judged {
        direction,
        scores: None,
        how,
    }
}

/// The structural rule for goalposts whose effect the score cannot show: a
/// metric is easier with less distance from its start to its target (in its
/// direction of improvement), and easier without a target; a threshold is
/// easier with a wider band, bound by bound. None when the rule sees no
/// difference; with the words naming the rule.
fn structural(old: &KeyResult, new: &KeyResult) -> (Option<Effect>, &'static str) {
    let value = |n: Option<crate::model::Number>| n.map(|n| n.value);
    let by = |easier: f64| {
        if easier > 0.0 {
            Some(Effect::Easier)
        } else if easier < 0.0 {
            Some(Effect::Harder)
        } else {
            None
        }
    };
    match (value(old.target), value(new.target)) {
        (Some(t0), Some(t1)) => {
            let (s0, s1) = (
                value(old.start).unwrap_or(0.0),
                value(new.start).unwrap_or(0.0),
            );
            let (need0, need1) = if t0 >= s0 {
                (t0 - s0, t1 - s1)
            } else {
                (s0 - t0, s1 - t1)
            };
            (by(need0 - need1), "by the distance from start to target")
        }
        // No target any more: the key result stops being scored as a metric.
        (Some(_), None) => (Some(Effect::Easier), "by the target removed"),
        (None, Some(_)) => (Some(Effect::Harder), "by the target added"),
        (None, None) => {
            let bound = |a: Option<f64>, b: Option<f64>, wider: fn(f64, f64) -> f64| match (a, b) {
                (Some(a), Some(b)) => wider(a, b),
                (Some(_), None) => f64::INFINITY,
                (None, Some(_)) => f64::NEG_INFINITY,
                (None, None) => 0.0,
            };
            let below = bound(value(old.keep_below), value(new.keep_below), |a, b| b - a);
            let above = bound(value(old.keep_above), value(new.keep_above), |a, b| a - b);
            let sum = below + above;
            (
                by(if sum.is_nan() { 0.0 } else { sum }),
                "by the width of the band",
            )
        }
    }
}
