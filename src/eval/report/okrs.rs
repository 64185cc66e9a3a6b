//! The OKR side of a report: the evaluation's quarters, teams, objectives
//! and key results with their text, and the filters of `--team` and `--owner`.

use chrono::NaiveDate;

use crate::eval::key_result;
use crate::eval::score::Status;
use crate::eval::{Evaluation, KeyResultState, ObjectiveState, QuarterState, TreeNode as Node};
use crate::model::{KeyResult, KeyResultKind, Objective, ObjectiveKind};

use super::{
    CheckinReport, KeyResultReport, ObjectiveReport, Options, QuarterReport, ScoredFrom, Summary,
    TeamReport, TreeNode,
};

/// Every team's OKRs of one quarter, as evaluated.
pub(super) fn quarter(eval: &Evaluation<'_>, state: &QuarterState<'_>) -> QuarterReport {
    let teams: Vec<TeamReport> = state
        .files
        .iter()
        .map(|&f| team(eval, &state.files, f))
        .collect();
    let summary = summarize(&teams);
    QuarterReport {
        quarter: state.quarter.to_string(),
        start: state.calendar.start,
        end: state.calendar.end,
        phase: state.calendar.phase,
        elapsed: state.calendar.elapsed,
        score: state.score,
        coverage: state.coverage,
        teams,
        summary,
        alignment: alignment(eval, state),
    }
}

/// The alignment tree. With a scorecard, its strategic objectives are the
/// roots (okr.yaml's perspective order, then any other perspective), each
/// with the quarter's OKR objectives that support it and those aligned
/// beneath them; an objective supporting two is under both. The alignment
/// roots that support no strategic objective follow.
fn alignment(eval: &Evaluation<'_>, state: &QuarterState<'_>) -> Vec<TreeNode> {
    let okr_tree: Vec<TreeNode> = state.tree.iter().map(|n| tree_node(eval, n)).collect();
    let repository = eval.repository;
    let (Some(strategy), Some(scorecard)) = (&repository.strategy, &eval.strategy) else {
        return okr_tree;
    };
    let supports = |n: &Node| -> &[crate::model::Text] {
        &repository.quarters[n.file].objectives[n.objective].supports
    };
    let known: std::collections::HashSet<&str> = strategy
        .perspectives
        .iter()
        .flat_map(|p| p.objectives.iter().map(|o| o.id.value.as_ref()))
        .collect();
    let settings = &repository.settings;
    let mut order: Vec<usize> = (0..strategy.perspectives.len()).collect();
    order.sort_by_key(|&i| {
        let key = &strategy.perspectives[i].key.value;
        settings
            .perspectives
            .iter()
            .position(|p| **p == **key)
            .unwrap_or(usize::MAX)
    });
    let mut roots = Vec::new();
    for i in order {
        let (p, ps) = (&strategy.perspectives[i], &scorecard.perspectives[i]);
        for (o, os) in p.objectives.iter().zip(&ps.objectives) {
            let mut children = Vec::new();
            supporting(
                &state.tree,
                &okr_tree,
                &o.id.value,
                &supports,
                &mut children,
            );
            roots.push(TreeNode {
                team: String::new(),
                perspective: Some(settings.perspective_label(&p.key.value).to_owned()),
                id: o.id.value.to_string(),
                title: o.title.value.to_string(),
                score: os.score,
                scored_from: ScoredFrom::Measures,
                status: os.status,
                rolled_up: None,
                coverage: os.coverage,
                children,
            });
        }
    }
    roots.extend(
        state
            .tree
            .iter()
            .zip(okr_tree)
            .filter(|(n, _)| !supports(n).iter().any(|s| known.contains(&*s.value)))
            .map(|(_, r)| r),
    );
    roots
}

/// The OKR objectives under `nodes` that support strategic objective `id`,
/// each with its subtree (searched no deeper: its subtree comes along).
fn supporting<'a>(
    nodes: &[Node],
    shown: &[TreeNode],
    id: &str,
    supports: &impl Fn(&Node) -> &'a [crate::model::Text],
    out: &mut Vec<TreeNode>,
) {
    for (n, r) in nodes.iter().zip(shown) {
        if supports(n).iter().any(|s| *s.value == *id) {
            out.push(r.clone());
        } else {
            supporting(&n.children, &r.children, id, supports, out);
        }
    }
}

/// The quarter as shown: only the chosen teams and what the owner owns.
/// Scores stay those of the whole quarter; the summary counts what is shown.
pub(super) fn filter(mut quarter: QuarterReport, options: &Options) -> QuarterReport {
    quarter.teams = std::mem::take(&mut quarter.teams)
        .into_iter()
        // `--team sales` is sales and every team beneath it.
        .filter(|t| {
            options.teams.is_empty()
                || options
                    .teams
                    .iter()
                    .any(|w| crate::model::team::within(&t.team, w))
        })
        .filter_map(|t| owned_by(t, options.owner.as_deref()))
        .collect();
    quarter.summary = summarize(&quarter.teams);
    quarter
}

/// Only what `owner` owns: whole objectives they own, else their key results.
fn owned_by(mut team: TeamReport, owner: Option<&str>) -> Option<TeamReport> {
    let Some(owner) = owner else {
        return Some(team);
    };
    // Any of its owners, ignoring case and the spaces around.
    let owns = |owners: &[String]| {
        owners
            .iter()
            .any(|o| o.trim().eq_ignore_ascii_case(owner.trim()))
    };
    team.objectives.retain_mut(|o| {
        if owns(&o.owners) {
            return true;
        }
        o.key_results.retain(|k| owns(&k.owners));
        !o.key_results.is_empty()
    });
    (!team.objectives.is_empty()).then_some(team)
}

fn team(eval: &Evaluation<'_>, files: &[usize], f: usize) -> TeamReport {
    let file = &eval.repository.quarters[f];
    let state = &eval.files[f];
    let family = crate::eval::teams::family(eval.repository, &eval.files, files, f);
    TeamReport {
        team: file.team.clone(),
        path: file.path.clone(),
        score: state.score,
        coverage: state.coverage,
        parent: family.parent,
        score_with_subteams: family.score_with_subteams,
        coverage_with_subteams: family.coverage_with_subteams,
        depth: family.depth,
        objectives: file
            .objectives
            .iter()
            .zip(&state.objectives)
            .map(|(o, s)| objective(o, s, eval.as_of))
            .collect(),
    }
}

fn objective(o: &Objective, state: &ObjectiveState, as_of: NaiveDate) -> ObjectiveReport {
    ObjectiveReport {
        id: o.id.value.to_string(),
        title: o.title.value.to_string(),
        owner: o.owner.as_ref().map(|t| t.value.to_string()),
        owners: o.owners.iter().map(|t| t.value.to_string()).collect(),
        note: o.note.as_ref().map(|t| t.value.to_string()),
        kind: o.kind,
        weight: state.weight,
        score: state.score,
        expected: state.expected,
        status: state.status,
        scored_from: ScoredFrom::of(state),
        coverage: state.coverage,
        missed_commitment: state.missed_commitment,
        confidence: state.confidence,
        supports: o.supports.iter().map(|t| t.value.to_string()).collect(),
        aligns_to: o.aligns_to.iter().map(|t| t.value.to_string()).collect(),
        key_results: o
            .key_results
            .iter()
            .zip(&state.key_results)
            .map(|(kr, s)| key_result(kr, s, as_of))
            .collect(),
    }
}

fn key_result(kr: &KeyResult, state: &KeyResultState, as_of: NaiveDate) -> KeyResultReport {
    KeyResultReport {
        id: kr.id.value.to_string(),
        title: kr.title.value.to_string(),
        owner: kr.owner.as_ref().map(|t| t.value.to_string()),
        owners: kr.owners.iter().map(|t| t.value.to_string()).collect(),
        note: kr.note.as_ref().map(|t| t.value.to_string()),
        kind: state.kind,
        start: (state.kind == Some(KeyResultKind::Metric))
            .then_some(state.start)
            .filter(|v| v.is_finite()),
        target: finite(kr.target),
        keep_above: finite(kr.keep_above),
        keep_below: finite(kr.keep_below),
        current: state.current,
        done: state.done,
        due: state.due,
        unit: kr.unit.as_ref().map(|t| t.value.to_string()),
        weight: crate::eval::weight(kr.weight),
        progress: state.progress,
        score: state.score,
        grade: state.grade,
        measured_score: state.measured_score,
        graded: kr.is_graded(),
        expected: state.expected,
        status: state.status,
        forecast: state.forecast,
        confidence: state.confidence,
        trend: key_result::trend(kr, as_of),
        checkins: key_result::known(kr, as_of)
            .into_iter()
            .map(|i| &kr.checkins[i])
            .map(|c| CheckinReport {
                date: c.date.value,
                value: finite(c.value),
                score: finite(c.score),
                confidence: finite(c.confidence),
                note: c.note.as_ref().map(|t| t.value.to_string()),
            })
            .collect(),
        stale: state.stale,
    }
}

fn tree_node(eval: &Evaluation<'_>, node: &Node) -> TreeNode {
    let file = &eval.repository.quarters[node.file];
    let o = &file.objectives[node.objective];
    TreeNode {
        team: file.team.clone(),
        perspective: None,
        id: o.id.value.to_string(),
        title: o.title.value.to_string(),
        score: eval.files[node.file].objectives[node.objective].score,
        scored_from: ScoredFrom::of(&eval.files[node.file].objectives[node.objective]),
        status: eval.files[node.file].objectives[node.objective].status,
        rolled_up: node.rolled_up,
        coverage: node.coverage,
        children: node.children.iter().map(|c| tree_node(eval, c)).collect(),
    }
}

/// A written number, if it is one (O012 reports NaN and infinities).
fn finite(n: Option<crate::model::Number>) -> Option<f64> {
    n.map(|n| n.value).filter(|v| v.is_finite())
}

fn summarize(teams: &[TeamReport]) -> Summary {
    let mut s = Summary::default();
    for o in teams.iter().flat_map(|t| t.objectives.iter()) {
        s.objectives += 1;
        match o.status {
            Status::OnTrack => s.on_track += 1,
            Status::AtRisk => s.at_risk += 1,
            Status::OffTrack => s.off_track += 1,
            Status::Green => s.green += 1,
            Status::Yellow => s.yellow += 1,
            Status::Red => s.red += 1,
            Status::NotStarted => s.not_started += 1,
            Status::Pending => s.pending += 1,
            Status::PartlyScored => s.partly_scored += 1,
            Status::Unscored => s.unscored += 1,
            Status::Dropped => s.dropped += 1,
            // Scorecard statuses: no OKR objective has them.
            Status::Met | Status::PartlyMet | Status::Missed | Status::DataOnly => {}
        }
        if o.kind == ObjectiveKind::Committed {
            s.committed += 1;
        } else {
            s.aspirational += 1;
        }
        s.missed_commitments += usize::from(o.missed_commitment);
        s.stale_key_results += o.key_results.iter().filter(|k| k.stale).count();
    }
    s
}
