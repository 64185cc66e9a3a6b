//! Matching the two sides and listing what changed: objectives by team,
//! quarter and id; key results by id, else by position with the title as a
//! tie-breaker (so a retitled key result is a rename); strategic objectives,
//! measures and strategy-map links by id.

use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

use super::{
    Area, Change, ChangeKind, Diff, Direction, Finding, Level, ScoreChange, Side, Summary,
};
use crate::diagnostic::Severity;
use crate::load::Loaded;
use crate::model::{KeyResult, Measure, Objective, QuarterFile, Repository};
use crate::report::{self, Only, Options, QuarterSelection, Report};
use crate::score;

/// Compares two loaded states of a goals repository, both scored at `as_of`.
pub fn compare(
    base: &Loaded,
    head: &Loaded,
    base_side: Side,
    head_side: Side,
    as_of: NaiveDate,
) -> Diff {
    let options = Options {
        as_of,
        quarters: QuarterSelection::All,
        teams: Vec::new(),
        owner: None,
        only: Only::Everything,
    };
    // Each side is scored and checked on its own core.
    let side = |loaded: &Loaded| {
        let report = report::build(&loaded.repository, &options, Vec::new()).ok();
        (report, crate::check::findings(loaded, as_of))
    };
    let ((base_report, base_findings), (head_report, head_findings)) = std::thread::scope(|s| {
        let base = s.spawn(|| side(base));
        let head = side(head);
        (base.join().unwrap_or_default(), head)
    });
    let mut changes = Vec::new();
    okrs(&base.repository, &head.repository, as_of, &mut changes);
    strategy(&base.repository, &head.repository, as_of, &mut changes);
    let scores = match (&base_report, &head_report) {
        (Some(b), Some(h)) => score_changes(b, h),
        _ => Vec::new(),
    };
    let (introduced, fixed) = findings(base_findings, head_findings);
    let summary = Summary {
        changes: changes.len(),
        goalposts_moved: changes
            .iter()
            .filter(|c| c.kind == ChangeKind::GoalpostMoved)
            .count(),
        introduced_errors: introduced
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        introduced_warnings: introduced
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
        fixed: fixed.len(),
    };
    Diff {
        base: base_side,
        head: head_side,
        as_of,
        changes,
        scores,
        introduced,
        fixed,
        summary,
    }
}

type Key<'a> = (String, &'a str, &'a str);

fn objectives(repo: &Repository) -> HashMap<Key<'_>, (&QuarterFile, &Objective)> {
    repo.quarters
        .iter()
        .flat_map(|f| {
            f.objectives.iter().map(move |o| {
                (
                    (f.quarter.to_string(), f.team.as_str(), o.id.value.as_str()),
                    (f, o),
                )
            })
        })
        .collect()
}

fn change(
    area: Area,
    team: Option<&str>,
    quarter: Option<&str>,
    subject: String,
    kind: ChangeKind,
    message: String,
) -> Change {
    Change {
        area,
        team: team.map(str::to_owned),
        quarter: quarter.map(str::to_owned),
        subject,
        kind,
        field: None,
        before: None,
        after: None,
        direction: None,
        message,
    }
}

fn field_change(mut c: Change, field: &str, before: String, after: String) -> Change {
    c.field = Some(field.to_owned());
    c.before = Some(before);
    c.after = Some(after);
    c
}

fn list(items: &[crate::model::Text]) -> String {
    let names: Vec<&str> = items.iter().map(|t| t.value.as_str()).collect();
    format!("[{}]", names.join(", "))
}

fn num(n: Option<crate::model::Number>) -> String {
    n.map_or_else(|| "-".to_owned(), |n| format!("{}", n.value))
}

fn okrs(base: &Repository, head: &Repository, as_of: NaiveDate, out: &mut Vec<Change>) {
    let (before, after) = (objectives(base), objectives(head));
    let month = head.settings.fiscal_year_start_month;
    let mut keys: BTreeSet<&Key<'_>> = before.keys().collect();
    keys.extend(after.keys());
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for key in keys {
        let (quarter, team, id) = (&key.0, key.1, key.2);
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
        match (before.get(key), after.get(key)) {
            (Some(_), None) => removed.push(key),
            (None, Some(_)) => added.push(key),
            (Some((_, b)), Some((file, h))) => {
                if b.title.value != h.title.value {
                    out.push(field_change(
                        at(
                            ChangeKind::Renamed,
                            format!("objective {subject} renamed to \"{}\"", h.title.value),
                        ),
                        "title",
                        b.title.value.clone(),
                        h.title.value.clone(),
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
                        b.owner.as_ref().map_or("-".into(), |t| t.value.clone()),
                        h.owner.as_ref().map_or("-".into(), |t| t.value.clone()),
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
                let started = file.quarter.dates(month).0 <= as_of;
                key_results(team, quarter, id, b, h, started, out);
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
            }
            None => {
                let title = before
                    .get(*r)
                    .map(|(_, o)| o.title.value.clone())
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
            .map(|(_, o)| o.title.value.clone())
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
        &|b, h| b.explicit_id && h.explicit_id && b.id.value == h.id.value,
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
    b: &Objective,
    h: &Objective,
    started: bool,
    out: &mut Vec<Change>,
) {
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
                old.title.value.clone(),
                new.title.value.clone(),
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
            let (kind, direction) = if started && before.is_some() && after.is_some() {
                (ChangeKind::GoalpostMoved, Some(direction(old, new)))
            } else {
                (ChangeKind::Changed, None)
            };
            let how = match direction {
                Some(Direction::Easier) => " after the quarter began: easier",
                Some(Direction::Harder) => " after the quarter began: harder",
                None => "",
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
                old.owner.as_ref().map_or("-".into(), |t| t.value.clone()),
                new.owner.as_ref().map_or("-".into(), |t| t.value.clone()),
            ),
            (
                "done",
                format!("{:?}", old.done.map(|d| d.0)),
                format!("{:?}", new.done.map(|d| d.0)),
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
        let known: BTreeSet<(NaiveDate, u64)> = old
            .checkins
            .iter()
            .map(|c| (c.date.value, c.value.value.to_bits()))
            .collect();
        let fresh: Vec<&crate::model::CheckIn> = new
            .checkins
            .iter()
            .filter(|c| !known.contains(&(c.date.value, c.value.value.to_bits())))
            .collect();
        if !fresh.is_empty() || old.current.map(|n| n.value) != new.current.map(|n| n.value) {
            let what: Vec<String> = fresh
                .iter()
                .map(|c| format!("{} on {}", c.value.value, c.date.value))
                .collect();
            let message = if what.is_empty() {
                format!(
                    "key result {team}/{}: current {} -> {}",
                    new.id.value,
                    num(old.current),
                    num(new.current)
                )
            } else {
                format!(
                    "key result {team}/{}: new check-in {}",
                    new.id.value,
                    what.join(", ")
                )
            };
            out.push(at(new, ChangeKind::Progress, message));
        }
    }
}

/// Easier when the change raises the progress the current value is worth.
fn direction(old: &KeyResult, new: &KeyResult) -> Direction {
    let current = old
        .current
        .or_else(|| old.latest_checkin().map(|c| c.value))
        .map(|n| n.value);
    let progress = |kr: &KeyResult| {
        let start = kr.start.map_or(0.0, |n| n.value);
        match (kr.target, current) {
            (Some(t), Some(c)) => score::metric_progress(start, t.value, c),
            _ => None,
        }
    };
    match (progress(old), progress(new)) {
        (Some(a), Some(b)) if b > a => Direction::Easier,
        (Some(_), Some(_)) => Direction::Harder,
        _ => {
            // Thresholds: a wider band is easier.
            let width = |kr: &KeyResult| {
                kr.keep_below.map_or(f64::INFINITY, |n| n.value)
                    - kr.keep_above.map_or(f64::NEG_INFINITY, |n| n.value)
            };
            if width(new) > width(old) {
                Direction::Easier
            } else {
                Direction::Harder
            }
        }
    }
}

fn strategy(base: &Repository, head: &Repository, as_of: NaiveDate, out: &mut Vec<Change>) {
    let (before, after) = (bsc_index(base), bsc_index(head));
    let started = head
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
            (Some((o, _)), None) => out.push(at(
                id.clone(),
                ChangeKind::Removed,
                format!("strategic objective {id} \"{}\" removed", o.title.value),
            )),
            (None, Some((o, _))) => out.push(at(
                id.clone(),
                ChangeKind::Added,
                format!("strategic objective {id} \"{}\" added", o.title.value),
            )),
            (Some((b, bp)), Some((h, hp))) => {
                if b.title.value != h.title.value {
                    out.push(field_change(
                        at(
                            id.clone(),
                            ChangeKind::Renamed,
                            format!("strategic objective {id} renamed to \"{}\"", h.title.value),
                        ),
                        "title",
                        b.title.value.clone(),
                        h.title.value.clone(),
                    ));
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
                        .map(|t| t.value.clone())
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
                measures(id, &b.measures, &h.measures, started, out);
            }
            (None, None) => {}
        }
    }
}

/// Strategic objectives by id, with their perspective.
fn bsc_index(repo: &Repository) -> HashMap<String, (&crate::model::BscObjective, String)> {
    repo.strategy
        .iter()
        .flat_map(|s| s.perspectives.iter())
        .flat_map(|p| {
            p.objectives
                .iter()
                .map(move |o| (o.id.value.clone(), (o, p.key.value.clone())))
        })
        .collect()
}

fn measures(
    objective: &str,
    before: &[Measure],
    after: &[Measure],
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
        for (field, old, new) in [
            ("target", b.target, h.target),
            ("baseline", b.baseline, h.baseline),
        ] {
            if old.map(|n| n.value) == new.map(|n| n.value) {
                continue;
            }
            let moved = started && old.is_some() && new.is_some();
            let direction = moved.then(|| {
                let progress = |m: &Measure| match (m.target, h.actual.or(b.actual)) {
                    (Some(t), Some(a)) => score::measure_score(
                        m.baseline.map(|n| n.value),
                        t.value,
                        Some(a.value),
                        m.effective_direction() != Some(crate::model::Direction::Down),
                    ),
                    _ => None,
                };
                if progress(h) > progress(b) {
                    Direction::Easier
                } else {
                    Direction::Harder
                }
            });
            let kind = if moved {
                ChangeKind::GoalpostMoved
            } else {
                ChangeKind::Changed
            };
            let how = match direction {
                Some(Direction::Easier) => " after the strategy period began: easier",
                Some(Direction::Harder) => " after the strategy period began: harder",
                None => "",
            };
            let mut c = field_change(
                at(
                    h,
                    kind,
                    format!(
                        "measure {objective}/{}: {field} {} -> {}{how}",
                        h.id.value,
                        num(old),
                        num(new)
                    ),
                ),
                field,
                num(old),
                num(new),
            );
            c.direction = direction;
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

/// Scores that differ between the two reports, from the quarter down.
fn score_changes(base: &Report, head: &Report) -> Vec<ScoreChange> {
    let mut out = Vec::new();
    let moved = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() > 1e-9,
        (None, None) => false,
        _ => true,
    };
    let row = |level,
               team: Option<&str>,
               quarter: Option<&str>,
               subject: String,
               before,
               after,
               expected,
               sb,
               sa| ScoreChange {
        level,
        team: team.map(str::to_owned),
        quarter: quarter.map(str::to_owned),
        subject,
        before,
        after,
        expected,
        status_before: sb,
        status_after: sa,
    };
    for hq in &head.quarters {
        let bq = base.quarters.iter().find(|q| q.quarter == hq.quarter);
        let q = Some(hq.quarter.as_str());
        if moved(bq.and_then(|b| b.score), hq.score) {
            out.push(row(
                Level::Quarter,
                None,
                q,
                hq.quarter.clone(),
                bq.and_then(|b| b.score),
                hq.score,
                None,
                None,
                None,
            ));
        }
        for ht in &hq.teams {
            let bt = bq.and_then(|b| b.teams.iter().find(|t| t.team == ht.team));
            if moved(bt.and_then(|t| t.score), ht.score) {
                out.push(row(
                    Level::Team,
                    Some(&ht.team),
                    q,
                    ht.team.clone(),
                    bt.and_then(|t| t.score),
                    ht.score,
                    None,
                    None,
                    None,
                ));
            }
            for ho in &ht.objectives {
                let bo = bt.and_then(|t| t.objectives.iter().find(|o| o.id == ho.id));
                if moved(bo.and_then(|o| o.score), ho.score) {
                    out.push(row(
                        Level::Objective,
                        Some(&ht.team),
                        q,
                        format!("{}/{}", ht.team, ho.id),
                        bo.and_then(|o| o.score),
                        ho.score,
                        Some(ho.expected),
                        bo.map(|o| o.status),
                        Some(ho.status),
                    ));
                }
                for hk in &ho.key_results {
                    let bk = bo.and_then(|o| o.key_results.iter().find(|k| k.id == hk.id));
                    if moved(bk.and_then(|k| k.score), hk.score) {
                        out.push(row(
                            Level::KeyResult,
                            Some(&ht.team),
                            q,
                            format!("{}/{}", ht.team, hk.id),
                            bk.and_then(|k| k.score),
                            hk.score,
                            Some(hk.expected),
                            bk.map(|k| k.status),
                            Some(hk.status),
                        ));
                    }
                }
            }
        }
    }
    if let (Some(bs), Some(hs)) = (&base.strategy, &head.strategy) {
        for hp in &hs.perspectives {
            let bp = bs
                .perspectives
                .iter()
                .find(|p| p.perspective == hp.perspective);
            if moved(bp.and_then(|p| p.score), hp.score) {
                out.push(row(
                    Level::Perspective,
                    None,
                    None,
                    hp.perspective.clone(),
                    bp.and_then(|p| p.score),
                    hp.score,
                    None,
                    None,
                    None,
                ));
            }
            for ho in &hp.objectives {
                let bo = bs
                    .perspectives
                    .iter()
                    .flat_map(|p| p.objectives.iter())
                    .find(|o| o.id == ho.id);
                if moved(bo.and_then(|o| o.score), ho.score) {
                    out.push(row(
                        Level::BscObjective,
                        None,
                        None,
                        ho.id.clone(),
                        bo.and_then(|o| o.score),
                        ho.score,
                        Some(ho.expected),
                        bo.map(|o| o.status),
                        Some(ho.status),
                    ));
                }
            }
        }
    }
    out
}

/// Findings compared by code, file and message, not position, so lines that
/// merely moved are not reported as new.
fn findings(
    base: Vec<crate::diagnostic::Diagnostic>,
    head: Vec<crate::diagnostic::Diagnostic>,
) -> (Vec<Finding>, Vec<Finding>) {
    let convert = |d: crate::diagnostic::Diagnostic| Finding {
        code: d.code,
        severity: d.severity,
        path: d.path,
        line: d.span.line,
        column: d.span.column,
        message: d.message,
    };
    let before: Vec<Finding> = base.into_iter().map(convert).collect();
    let after: Vec<Finding> = head.into_iter().map(convert).collect();
    let key = |f: &Finding| (f.code, f.path.clone(), f.message.clone());
    let old: BTreeSet<_> = before.iter().map(key).collect();
    let new: BTreeSet<_> = after.iter().map(key).collect();
    let introduced = after
        .iter()
        .filter(|f| !old.contains(&key(f)))
        .cloned()
        .collect();
    let fixed = before
        .iter()
        .filter(|f| !new.contains(&key(f)))
        .cloned()
        .collect();
    (introduced, fixed)
}
