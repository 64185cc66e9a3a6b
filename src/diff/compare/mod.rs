//! Matching the two sides and listing what changed: objectives by team,
//! quarter and id; key results by explicit id, then equal title, then
//! position (so a retitled key result is a rename), one pairing for the
//! changes, the score rows and the findings; strategic objectives, measures
//! and strategy-map links by id; findings by rule and subject.

mod okrs;
mod strategy;
mod unread;

use chrono::NaiveDate;
use std::collections::HashMap;

use super::{Area, Change, ChangeKind, Diff, Finding, Level, ScoreChange, Side, Summary};
use crate::diagnostic::{Severity, subject};
use crate::eval::report::{self, Options, Report};
use crate::input::load::Loaded;
use crate::model::{Objective, QuarterFile, Repository};

/// Compares two loaded states of a goals repository, both scored at `as_of`.
pub fn compare<'a>(
    base: &'a Loaded,
    head: &'a Loaded,
    base_side: Side,
    head_side: Side,
    as_of: NaiveDate,
) -> Diff {
    // Each side is evaluated, reported and checked on its own core.
    let side = |loaded: &'a Loaded| {
        let eval = crate::eval::evaluate(&loaded.repository, as_of);
        let findings = crate::rules::findings(loaded, &eval);
        let report = report::build(&eval, &Options::everything(), &findings).ok();
        (eval, report, findings)
    };
    let ((base_eval, base_report, base_findings), (head_eval, head_report, head_findings)) =
        std::thread::scope(|s| {
            let base = s.spawn(|| side(base));
            let head = side(head);
            match base.join() {
                Ok(base) => (base, head),
                // A bug on the other core is a bug here too: never an empty side.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
    let unread = unread::files(
        (base, &base_findings, &base_side),
        (head, &head_findings, &head_side),
    );
    let mut changes = Vec::new();
    let mut pairing = Pairing::default();
    okrs::okrs(&base_eval, &head_eval, &mut changes, &mut pairing);
    strategy::strategy(&base_eval, &head_eval, &mut changes);
    let renames = team_renames(&base.repository, &head.repository);
    let mut scores = match (&base_report, &head_report) {
        (Some(b), Some(h)) => score_changes(b, h, &pairing, &renames),
        _ => Vec::new(),
    };
    score_effects(&mut changes, &scores);
    let places = (places(&base.repository), places(&head.repository));
    let (mut introduced, mut fixed) =
        findings(base_findings, head_findings, (&pairing, &renames), places);
    unread.hide(&mut changes, &mut scores, &mut introduced, &mut fixed);
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
    let head_map = head_report.as_ref().and_then(|r| r.map.clone());
    Diff {
        base: base_side,
        head: head_side,
        as_of,
        changes,
        scores,
        introduced,
        fixed,
        unread: unread.files,
        summary,
        head_map,
    }
}

pub(super) type Key<'a> = (String, &'a str, &'a str);

/// Key results paired across the two sides, as the list of changes pairs
/// them (by id, then title, then position), so that score rows and findings
/// pair them the same way: a positional `P2.2` that became `P2.1` when
/// `P2.1` was deleted is still itself. Keys are (quarter, team, objective,
/// key result).
#[derive(Debug, Default)]
pub(super) struct Pairing {
    /// A head key result -> the base key result's id.
    base_of: HashMap<(String, String, String, String), String>,
    /// A base key result -> the head key result's id; None when it was removed.
    head_of: HashMap<(String, String, String, String), Option<String>>,
}

impl Pairing {
    pub(super) fn key_result(
        &mut self,
        (bq, bt, bo, bk): (&str, &str, &str, &str),
        (hq, ht, ho, hk): (&str, &str, &str, &str),
    ) {
        let key = |q: &str, t: &str, o: &str, k: &str| {
            (q.to_owned(), t.to_owned(), o.to_owned(), k.to_owned())
        };
        self.base_of.insert(key(hq, ht, ho, hk), bk.to_owned());
        self.head_of
            .insert(key(bq, bt, bo, bk), Some(hk.to_owned()));
    }

    /// A base key result of an objective both sides have, removed at the head.
    pub(super) fn removed(&mut self, (q, t, o, k): (&str, &str, &str, &str)) {
        let key = (q.to_owned(), t.to_owned(), o.to_owned(), k.to_owned());
        self.head_of.insert(key, None);
    }

    /// The base id of head key result `kr` of objective `objective`; None
    /// when it is new.
    fn base_of(&self, quarter: &str, team: &str, objective: &str, kr: &str) -> Option<&str> {
        let key = (
            quarter.to_owned(),
            team.to_owned(),
            objective.to_owned(),
            kr.to_owned(),
        );
        self.base_of.get(&key).map(String::as_str)
    }

    /// Whether base key result `kr` has a head counterpart.
    fn paired(&self, quarter: &str, team: &str, objective: &str, kr: &str) -> bool {
        let key = (
            quarter.to_owned(),
            team.to_owned(),
            objective.to_owned(),
            kr.to_owned(),
        );
        self.head_of.get(&key).is_some_and(Option::is_some)
    }

    /// The head ids of a team's base key results in one quarter, where they
    /// differ, for reading a base finding as the head would word it; a
    /// removed key result's id becomes one no head finding names, so its
    /// findings never stand for those of the key result that took its id.
    fn renamed(&self, quarter: &str, team: &str) -> HashMap<&str, &str> {
        self.head_of
            .iter()
            .filter(|((q, t, _, k), h)| {
                q == quarter && t == team && h.as_deref() != Some(k.as_str())
            })
            .map(|((_, _, _, k), h)| (k.as_str(), h.as_deref().unwrap_or("\0removed")))
            .collect()
    }
}

/// Every objective by (quarter, team, id), with its file's and its own
/// position in the model (for its state in the evaluation).
pub(super) fn objectives(
    repo: &Repository,
) -> HashMap<Key<'_>, (&QuarterFile, &Objective, (usize, usize))> {
    repo.quarters
        .iter()
        .enumerate()
        .flat_map(|(f, file)| {
            file.objectives
                .iter()
                .enumerate()
                .map(move |(o, objective)| {
                    (
                        (
                            file.quarter.to_string(),
                            file.team.as_str(),
                            objective.id.value.as_ref(),
                        ),
                        (file, objective, (f, o)),
                    )
                })
        })
        .collect()
}

pub(super) fn change(
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
        score_before: None,
        score_after: None,
        message,
    }
}

pub(super) fn field_change(mut c: Change, field: &str, before: String, after: String) -> Change {
    c.field = Some(field.to_owned());
    c.before = Some(before);
    c.after = Some(after);
    c
}

pub(super) fn list(items: &[crate::model::Text]) -> String {
    let names: Vec<&str> = items.iter().map(|t| t.value.as_ref()).collect();
    format!("[{}]", names.join(", "))
}

pub(super) fn num(n: Option<crate::model::Number>) -> String {
    n.map_or_else(|| "-".to_owned(), |n| format!("{}", n.value))
}

/// What new progress did to the score: a key result's own score, a
/// measure's strategic objective's.
fn score_effects(changes: &mut [Change], scores: &[ScoreChange]) {
    // A goalpost carries its own effect, judged with the head's readings:
    // the whole change of the score (progress included) would blur it.
    for c in changes
        .iter_mut()
        .filter(|c| c.kind == ChangeKind::Progress)
    {
        let found = match c.area {
            // The head's key result: a removed one's row may share its id.
            Area::Okrs => scores.iter().find(|s| {
                s.level == Level::KeyResult
                    && s.subject == c.subject
                    && s.quarter == c.quarter
                    && s.after.is_some()
            }),
            Area::Strategy => {
                let objective = c.subject.split('/').next().unwrap_or_default();
                scores
                    .iter()
                    .find(|s| s.level == Level::BscObjective && s.subject == objective)
            }
        };
        if let Some(s) = found {
            c.score_before = s.before;
            c.score_after = s.after;
            let show =
                |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| crate::render::fixed(v, 2));
            c.message = format!(
                "{} (score {} -> {})",
                c.message,
                show(s.before),
                show(s.after)
            );
        }
    }
}

/// Scores that differ between the two reports, from the quarter down.
/// Teams renamed between the two sides (a team folder moved: `platform/`
/// to `infra/`), per quarter: `(quarter, base team)` -> head team. A team
/// only the base has is the head team only the head has that holds most
/// of its objectives (more than half of them, by id).
type Renames = HashMap<(String, String), String>;

fn team_renames(base: &Repository, head: &Repository) -> Renames {
    use std::collections::{BTreeMap, BTreeSet};
    let teams = |repo: &Repository| {
        let mut teams: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        for f in &repo.quarters {
            teams
                .entry((f.quarter.to_string(), f.team.clone()))
                .or_default()
                .extend(f.objectives.iter().map(|o| o.id.value.to_string()));
        }
        teams
    };
    let (before, after) = (teams(base), teams(head));
    let mut renames = Renames::new();
    for ((quarter, team), ids) in before.iter().filter(|(k, _)| !after.contains_key(*k)) {
        let best = after
            .iter()
            .filter(|((q, t), _)| {
                q == quarter
                    && !before.contains_key(&(q.clone(), t.clone()))
                    && !renames.values().any(|taken| taken == t)
            })
            .map(|((_, t), head_ids)| (head_ids.intersection(ids).count(), t))
            .max_by_key(|(shared, _)| *shared);
        if let Some((shared, t)) = best
            && shared * 2 > ids.len()
        {
            renames.insert((quarter.clone(), team.clone()), t.clone());
        }
    }
    renames
}

fn score_changes(
    base: &Report,
    head: &Report,
    pairing: &Pairing,
    renames: &Renames,
) -> Vec<ScoreChange> {
    let renamed = |quarter: &str, team: &str| {
        renames
            .get(&(quarter.to_owned(), team.to_owned()))
            .cloned()
            .unwrap_or_else(|| team.to_owned())
    };
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
        was: None,
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
            let bt = bq.and_then(|b| {
                b.teams
                    .iter()
                    .find(|t| renamed(&b.quarter, &t.team) == ht.team)
            });
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
                    let was = pairing.base_of(&hq.quarter, &ht.team, &ho.id, &hk.id);
                    let bk = bo
                        .zip(was)
                        .and_then(|(o, was)| o.key_results.iter().find(|k| k.id == was));
                    if moved(bk.and_then(|k| k.score), hk.score) {
                        let mut r = row(
                            Level::KeyResult,
                            Some(&ht.team),
                            q,
                            format!("{}/{}", ht.team, hk.id),
                            bk.and_then(|k| k.score),
                            hk.score,
                            Some(hk.expected),
                            bk.map(|k| k.status),
                            Some(hk.status),
                        );
                        r.was = was.filter(|w| *w != hk.id).map(str::to_owned);
                        out.push(r);
                    }
                }
            }
        }
    }
    // Teams, objectives and key results only the base has: their scores go away.
    for bq in &base.quarters {
        let hq = head.quarters.iter().find(|q| q.quarter == bq.quarter);
        let q = Some(bq.quarter.as_str());
        for bt in &bq.teams {
            let ht = hq.and_then(|h| {
                h.teams
                    .iter()
                    .find(|t| t.team == renamed(&bq.quarter, &bt.team))
            });
            if ht.is_none() && bt.score.is_some() {
                out.push(row(
                    Level::Team,
                    Some(&bt.team),
                    q,
                    bt.team.clone(),
                    bt.score,
                    None,
                    None,
                    None,
                    None,
                ));
            }
            for bo in &bt.objectives {
                let ho = ht.and_then(|t| t.objectives.iter().find(|o| o.id == bo.id));
                if ho.is_none() && bo.score.is_some() {
                    let subject = format!("{}/{}", bt.team, bo.id);
                    out.push(row(
                        Level::Objective,
                        Some(&bt.team),
                        q,
                        subject,
                        bo.score,
                        None,
                        None,
                        Some(bo.status),
                        None,
                    ));
                }
                for bk in &bo.key_results {
                    let gone =
                        ho.is_none() || !pairing.paired(&bq.quarter, &bt.team, &bo.id, &bk.id);
                    if gone && bk.score.is_some() {
                        let subject = format!("{}/{}", bt.team, bk.id);
                        out.push(row(
                            Level::KeyResult,
                            Some(&bt.team),
                            q,
                            subject,
                            bk.score,
                            None,
                            None,
                            Some(bk.status),
                            None,
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

/// Each quarter file's place, by path: its quarter and team.
type Places<'a> = HashMap<&'a str, (String, &'a str)>;

fn places(repo: &Repository) -> Places<'_> {
    repo.quarters
        .iter()
        .map(|f| (f.path.as_str(), (f.quarter.to_string(), f.team.as_str())))
        .collect()
}

/// Findings compared by rule and subject: the goal a finding is about (its
/// message with the numbers outside backticks masked, as `okr checkin`
/// compares them) in its team's quarter, or in its file when it is in no
/// quarter file. A quarter file moved or renamed keeps its findings, as do
/// lines that merely moved; a base finding about a positional key result
/// whose id shifted (`P2.2` that became `P2.1`) is read with its head id.
/// The same finding twice on one side is counted, not merged.
fn findings(
    base: Vec<crate::diagnostic::Diagnostic>,
    head: Vec<crate::diagnostic::Diagnostic>,
    (pairing, renames): (&Pairing, &Renames),
    (base_places, head_places): (Places<'_>, Places<'_>),
) -> (Vec<Finding>, Vec<Finding>) {
    let convert = |d: crate::diagnostic::Diagnostic| Finding {
        code: d.code,
        severity: d.severity,
        path: d.path,
        line: d.position.line,
        column: d.position.column,
        message: d.message,
    };
    let before: Vec<Finding> = base.into_iter().map(convert).collect();
    let after: Vec<Finding> = head.into_iter().map(convert).collect();
    let place = |places: &Places<'_>, f: &Finding| {
        places
            .get(f.path.as_str())
            .map_or_else(|| f.path.clone(), |(q, t)| format!("{t}/{q}"))
    };
    let head_key = |f: &Finding| (f.code, place(&head_places, f), subject(&f.message));
    // A base finding in a renamed team is in the head team's place.
    let base_place = |f: &Finding| match base_places.get(f.path.as_str()) {
        Some((q, t)) => match renames.get(&(q.clone(), (*t).to_owned())) {
            Some(head_team) => format!("{head_team}/{q}"),
            None => format!("{t}/{q}"),
        },
        None => f.path.clone(),
    };
    let base_key = |f: &Finding| {
        let message = match base_places.get(f.path.as_str()) {
            Some((q, t)) => {
                let mut renamed = pairing.renamed(q, t);
                // The team's own name, as the head names it.
                if let Some(head_team) = renames.get(&(q.clone(), (*t).to_owned())) {
                    renamed.insert(t, head_team.as_str());
                }
                reword(&f.message, &renamed)
            }
            None => f.message.clone(),
        };
        (f.code, base_place(f), subject(&message))
    };
    let new_only = |ours: &[Finding],
                    ours_key: &dyn Fn(&Finding) -> FindingKey,
                    theirs: &[Finding],
                    theirs_key: &dyn Fn(&Finding) -> FindingKey| {
        let mut left: HashMap<FindingKey, usize> = HashMap::new();
        for f in theirs {
            *left.entry(theirs_key(f)).or_default() += 1;
        }
        ours.iter()
            .filter(|f| match left.get_mut(&ours_key(f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .cloned()
            .collect::<Vec<Finding>>()
    };
    let introduced = new_only(&after, &head_key, &before, &base_key);
    let fixed = new_only(&before, &base_key, &after, &head_key);
    (introduced, fixed)
}

/// A finding's rule, place and subject.
type FindingKey = (crate::rules::Code, String, String);

/// `message` with each id in backticks that `renamed` maps replaced by the new id.
fn reword(message: &str, renamed: &HashMap<&str, &str>) -> String {
    if renamed.is_empty() {
        return message.to_owned();
    }
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            // Odd parts are between backticks.
            match renamed.get(part) {
                Some(new) if i % 2 == 1 => *new,
                _ => part,
            }
        })
        .collect::<Vec<&str>>()
        .join("`")
}
