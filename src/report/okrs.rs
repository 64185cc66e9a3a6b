//! The OKR side of a report: key results, objectives, teams and the
//! quarter, scored at the as-of date.

use std::collections::{HashMap, HashSet};

use crate::config::Settings;
use crate::model::{KeyResult, KeyResultKind, Objective, ObjectiveKind, QuarterFile, Repository};
use crate::quarter::Quarter;
use crate::score::{self, Phase, Status};

use super::{
    CheckinReport, KeyResultReport, KrKind, ObjectiveReport, Options, QuarterReport, Summary,
    TeamReport, TreeNode, thresholds,
};

/// The calendar facts every score of one quarter shares.
struct Calendar {
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    phase: Phase,
    elapsed: f64,
    as_of: chrono::NaiveDate,
}

/// Every team's OKRs of one quarter, scored at the as-of date.
pub(super) fn quarter(
    repository: &Repository,
    quarter: Quarter,
    as_of: chrono::NaiveDate,
) -> QuarterReport {
    let settings = &repository.settings;
    let (start, end) = quarter.dates(settings.fiscal_year_start_month);
    let calendar = Calendar {
        start,
        end,
        phase: Phase::of(start, end, as_of),
        elapsed: score::elapsed_fraction(start, end, as_of),
        as_of,
    };
    let mut files: Vec<&QuarterFile> = repository
        .quarters
        .iter()
        .filter(|f| f.quarter == quarter)
        .collect();
    // The company first, then teams by name.
    files.sort_by_key(|f| {
        (
            f.team != crate::find::COMPANY,
            f.team.clone(),
            f.path.clone(),
        )
    });
    let all: Vec<TeamReport> = files.iter().map(|f| team(settings, f, &calendar)).collect();
    let score = score::mean(
        all.iter()
            .flat_map(|t| t.objectives.iter())
            .filter_map(|o| o.score),
    );
    let alignment = tree(&all);
    let summary = summarize(&all);
    QuarterReport {
        quarter: quarter.to_string(),
        start,
        end,
        phase: calendar.phase,
        elapsed: calendar.elapsed,
        score,
        teams: all,
        summary,
        alignment,
    }
}

/// The quarter as shown: only the chosen teams and what the owner owns.
/// Scores stay those of the whole quarter; the summary counts what is shown.
pub(super) fn filter(mut quarter: QuarterReport, options: &Options) -> QuarterReport {
    quarter.teams = std::mem::take(&mut quarter.teams)
        .into_iter()
        .filter(|t| options.teams.is_empty() || options.teams.contains(&t.team))
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
    team.objectives.retain_mut(|o| {
        if o.owner.as_deref() == Some(owner) {
            return true;
        }
        o.key_results.retain(|k| k.owner.as_deref() == Some(owner));
        !o.key_results.is_empty()
    });
    (!team.objectives.is_empty()).then_some(team)
}

fn team(settings: &Settings, file: &QuarterFile, calendar: &Calendar) -> TeamReport {
    let objectives: Vec<ObjectiveReport> = file
        .objectives
        .iter()
        .map(|o| objective(settings, o, calendar))
        .collect();
    TeamReport {
        team: file.team.clone(),
        path: file.path.clone(),
        score: score::weighted_mean(
            objectives
                .iter()
                .filter_map(|o| o.score.map(|s| (s, o.weight))),
        ),
        objectives,
    }
}

fn objective(settings: &Settings, o: &Objective, calendar: &Calendar) -> ObjectiveReport {
    let goal = match o.kind {
        ObjectiveKind::Committed => settings.committed_goal,
        ObjectiveKind::Aspirational => settings.aspirational_goal,
    };
    let expected = score::expected(goal, calendar.elapsed);
    let key_results: Vec<KeyResultReport> = o
        .key_results
        .iter()
        .map(|kr| key_result(settings, kr, expected, calendar))
        .collect();
    let score = score::weighted_mean(
        key_results
            .iter()
            .filter_map(|k| k.score.map(|s| (s, k.weight))),
    );
    let status = score::status(score, expected, calendar.phase, thresholds(settings));
    let committed = o.kind == ObjectiveKind::Committed;
    ObjectiveReport {
        id: o.id.value.to_string(),
        title: o.title.value.to_string(),
        owner: o.owner.as_ref().map(|t| t.value.to_string()),
        kind: o.kind,
        weight: weight(o.weight),
        score,
        expected,
        status,
        missed_commitment: committed
            && calendar.phase == Phase::Ended
            && score.is_none_or(|s| s < settings.committed_goal),
        confidence: score::mean(key_results.iter().filter_map(|k| k.confidence)),
        supports: o.supports.iter().map(|t| t.value.to_string()).collect(),
        aligns_to: o.aligns_to.iter().map(|t| t.value.to_string()).collect(),
        key_results,
    }
}

fn key_result(
    settings: &Settings,
    kr: &KeyResult,
    expected: f64,
    calendar: &Calendar,
) -> KeyResultReport {
    // As of a date, check-ins dated after it have not happened yet.
    let known: Vec<&crate::model::CheckIn> = kr
        .checkins
        .iter()
        .filter(|c| c.date.value <= calendar.as_of)
        .collect();
    let mut checkins: Vec<(chrono::NaiveDate, f64)> = known
        .iter()
        .map(|c| (c.date.value, c.value.value))
        .collect();
    checkins.sort_by_key(|(d, _)| *d);
    // The same check-ins as written, in the same (stable) date order.
    let mut written: Vec<&crate::model::CheckIn> = known.clone();
    written.sort_by_key(|c| c.date.value);
    let latest = known
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (c.date.value, *i))
        .map(|(_, c)| *c);
    let kind = kr.kind();
    let start = kr.start.map_or(0.0, |n| n.value);
    // A check-in after the as-of date means `current` and `done` describe a
    // later state: as of the date, the latest known check-in is what counts.
    let later = known.len() < kr.checkins.len();
    // `current`, else the latest check-in's value, else the start (metrics).
    let current = if later {
        latest.map(|c| c.value.value)
    } else {
        kr.current
            .map(|n| n.value)
            .or(latest.map(|c| c.value.value))
    };
    let done = if later {
        Some(latest.is_some_and(|c| c.value.value >= 1.0))
    } else {
        kr.done.map(|(d, _)| d)
    };
    let (current, progress, score, forecast, trend) = match kind {
        Some(KeyResultKind::Metric) => {
            let target = kr.target.map_or(start, |n| n.value);
            let current = current.unwrap_or(start);
            let progress = score::metric_progress(start, target, current);
            let points: Vec<(chrono::NaiveDate, f64)> = checkins
                .iter()
                .filter_map(|(d, v)| score::metric_progress(start, target, *v).map(|p| (*d, p)))
                .collect();
            let forecast = score::forecast(&points, calendar.end);
            let trend = points.iter().map(|(_, p)| *p).collect();
            (
                Some(current),
                progress,
                progress.map(score::clamp01),
                forecast,
                trend,
            )
        }
        Some(KeyResultKind::Milestone) => {
            let done = done == Some(true);
            let value = if done { 1.0 } else { 0.0 };
            let trend = checkins.iter().map(|(_, v)| *v).collect();
            (None, Some(value), Some(value), None, trend)
        }
        Some(KeyResultKind::Threshold) => {
            let (above, below) = (
                kr.keep_above.map(|n| n.value),
                kr.keep_below.map(|n| n.value),
            );
            let mut values: Vec<f64> = checkins.iter().map(|(_, v)| *v).collect();
            // `current` counts as the latest check-in when it is written apart from them.
            if let Some(c) = kr.current.filter(|_| !later)
                && latest.is_none_or(|l| l.value.value != c.value)
            {
                values.push(c.value);
            }
            let share = score::threshold_score(&values, above, below);
            (current, share, share, None, values)
        }
        None => (current, None, None, None, Vec::new()),
    };
    let stale = calendar.phase == Phase::Running
        && done != Some(true)
        && (calendar.as_of - kr.last_checkin_by(calendar.as_of).unwrap_or(calendar.start))
            .num_days()
            > settings.checkin_cadence_days;
    KeyResultReport {
        id: kr.id.value.to_string(),
        title: kr.title.value.to_string(),
        owner: kr.owner.as_ref().map(|t| t.value.to_string()),
        kind: match kind {
            Some(KeyResultKind::Metric) => KrKind::Metric,
            Some(KeyResultKind::Milestone) => KrKind::Milestone,
            Some(KeyResultKind::Threshold) => KrKind::Threshold,
            None => KrKind::Invalid,
        },
        start: (kind == Some(KeyResultKind::Metric))
            .then_some(start)
            .filter(|v| v.is_finite()),
        target: finite(kr.target),
        keep_above: finite(kr.keep_above),
        keep_below: finite(kr.keep_below),
        current: current.filter(|c| c.is_finite()),
        done,
        unit: kr.unit.as_ref().map(|t| t.value.to_string()),
        weight: weight(kr.weight),
        progress,
        score,
        expected,
        status: score::status(score, expected, calendar.phase, thresholds(settings)),
        forecast,
        confidence: latest
            .and_then(|c| c.confidence)
            .map(|n| n.value)
            .filter(|c| c.is_finite()),
        trend: trend.into_iter().filter(|v: &f64| v.is_finite()).collect(),
        checkins: written
            .into_iter()
            .map(|c| CheckinReport {
                date: c.date.value,
                value: Some(c.value.value).filter(|v| v.is_finite()),
                confidence: finite(c.confidence),
                note: c.note.as_ref().map(|t| t.value.to_string()),
            })
            .collect(),
        stale,
    }
}

/// A written number, if it is one (O012 reports NaN and infinities).
fn finite(n: Option<crate::model::Number>) -> Option<f64> {
    n.map(|n| n.value).filter(|v| v.is_finite())
}

/// A weight as the roll-ups use it: not positive or not finite counts as 0 (left out).
pub(super) fn weight(n: crate::model::Number) -> f64 {
    if n.value.is_finite() && n.value > 0.0 {
        n.value
    } else {
        0.0
    }
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
            Status::Unscored => s.unscored += 1,
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

/// The alignment tree of a quarter: roots are objectives that align to no
/// objective of the quarter; children are the objectives aligned to them.
/// Cycles (O007) are cut where they close.
fn tree(teams: &[TeamReport]) -> Vec<TreeNode> {
    let nodes: Vec<(&str, &ObjectiveReport)> = teams
        .iter()
        .flat_map(|t| t.objectives.iter().map(move |o| (t.team.as_str(), o)))
        .collect();
    let index: HashMap<(&str, &str), usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, (team, o))| ((*team, o.id.as_str()), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut has_parent = vec![false; nodes.len()];
    for (i, (team, o)) in nodes.iter().enumerate() {
        for target in &o.aligns_to {
            let (t, id) = target.split_once('/').unwrap_or((team, target));
            if let Some(&parent) = index.get(&(t, id))
                && parent != i
            {
                children[parent].push(i);
                has_parent[i] = true;
            }
        }
    }
    let mut placed = HashSet::new();
    let mut roots: Vec<TreeNode> = (0..nodes.len())
        .filter(|&i| !has_parent[i])
        .map(|i| grow(i, 0, &nodes, &children, &mut placed))
        .collect();
    // Objectives only reachable through a cycle still appear once.
    for i in 0..nodes.len() {
        if !placed.contains(&i) {
            roots.push(grow(i, 0, &nodes, &children, &mut placed));
        }
    }
    roots
}

/// Alignment deeper than this is shown from a new root, so a hostile chain
/// of links cannot exhaust the stack.
const MAX_TREE_DEPTH: usize = 32;

fn grow(
    i: usize,
    depth: usize,
    nodes: &[(&str, &ObjectiveReport)],
    children: &[Vec<usize>],
    placed: &mut HashSet<usize>,
) -> TreeNode {
    placed.insert(i);
    let (team, o) = nodes[i];
    let kids: Vec<TreeNode> = if depth >= MAX_TREE_DEPTH {
        Vec::new()
    } else {
        children[i]
            .iter()
            .filter(|&&c| placed.insert(c))
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .map(|c| grow(c, depth + 1, nodes, children, placed))
            .collect()
    };
    let mut scores: Vec<f64> = o.score.into_iter().collect();
    collect_scores(&kids, &mut scores);
    TreeNode {
        team: team.to_owned(),
        id: o.id.clone(),
        title: o.title.clone(),
        score: o.score,
        rolled_up: score::mean(scores),
        children: kids,
    }
}

fn collect_scores(nodes: &[TreeNode], out: &mut Vec<f64>) {
    for n in nodes {
        out.extend(n.score);
        collect_scores(&n.children, out);
    }
}
