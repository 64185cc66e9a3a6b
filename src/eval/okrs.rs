//! Objectives, teams and quarters at a date: the roll-ups of key-result
//! states, the OKR support each strategic objective gets in a quarter, and
//! the alignment tree.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::graph::Alignment;
use super::key_result::{self, KeyResultState};
use super::{Calendar, thresholds, weight};
use crate::eval::score::{self, Phase, Status};
use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::model::{Objective, ObjectiveKind, QuarterFile, Repository};

/// One team's quarter file at the date.
#[derive(Debug, Clone)]
pub struct FileState {
    /// Weighted mean of the team's objectives.
    pub score: Option<f64>,
    /// In the file's order.
    pub objectives: Vec<ObjectiveState>,
}

/// An OKR objective at the date.
#[derive(Debug, Clone)]
pub struct ObjectiveState {
    /// Its weight in the team's score (not positive or not finite: 0, left out).
    pub weight: f64,
    /// Weighted mean of its key results.
    pub score: Option<f64>,
    /// The committed or aspirational goal times the share of the quarter elapsed.
    pub expected: f64,
    pub status: Status,
    /// A committed objective graded below its goal after its quarter.
    pub missed_commitment: bool,
    /// Mean of the key results' latest confidences, where given.
    pub confidence: Option<f64>,
    /// In the objective's order.
    pub key_results: Vec<KeyResultState>,
}

/// Every team's OKRs of one quarter at the date.
#[derive(Debug, Clone)]
pub struct QuarterState<'r> {
    pub quarter: Quarter,
    pub calendar: Calendar,
    /// Indices into `repository.quarters`: the company first, then teams by
    /// name, then path.
    pub files: Vec<usize>,
    /// The mean of all objectives of the quarter.
    pub score: Option<f64>,
    /// For each strategic objective id, the objectives of this quarter that
    /// support it.
    pub support: HashMap<&'r str, Support>,
    /// Objectives that align to no objective of the quarter, with the
    /// objectives aligned beneath them.
    pub tree: Vec<TreeNode>,
}

/// The OKR objectives of a quarter that support one strategic objective.
#[derive(Debug, Clone, Default)]
pub struct Support {
    /// `(file, objective)` positions, in file order, each objective once
    /// however often it names the strategic objective.
    pub objectives: Vec<(usize, usize)>,
    /// Mean of their scores; shown beside the measures' score, never mixed in.
    pub score: Option<f64>,
}

/// An objective in the alignment tree.
#[derive(Debug, Clone)]
pub struct TreeNode {
    /// Index into `repository.quarters`.
    pub file: usize,
    /// Index into that file's objectives.
    pub objective: usize,
    /// Mean score of this objective and every objective aligned beneath it.
    pub rolled_up: Option<f64>,
    pub children: Vec<TreeNode>,
}

/// Every quarter file at `as_of`, in the repository's order; files are
/// independent, so they are evaluated on every thread okr uses.
pub(super) fn files(repository: &Repository, as_of: NaiveDate) -> Vec<FileState> {
    use rayon::prelude::*;
    let settings = &repository.settings;
    repository
        .quarters
        .par_iter()
        .map(|file| {
            let calendar = Calendar::quarter(file.quarter, settings, as_of);
            team(settings, file, &calendar)
        })
        .collect()
}

fn team(settings: &Settings, file: &QuarterFile, calendar: &Calendar) -> FileState {
    let objectives: Vec<ObjectiveState> = file
        .objectives
        .iter()
        .map(|o| objective(settings, o, calendar))
        .collect();
    FileState {
        score: score::weighted_mean(
            objectives
                .iter()
                .filter_map(|o| o.score.map(|s| (s, o.weight))),
        ),
        objectives,
    }
}

fn objective(settings: &Settings, o: &Objective, calendar: &Calendar) -> ObjectiveState {
    let goal = match o.kind {
        ObjectiveKind::Committed => settings.committed_goal,
        ObjectiveKind::Aspirational => settings.aspirational_goal,
    };
    let key_results: Vec<KeyResultState> = o
        .key_results
        .iter()
        .map(|kr| {
            let mut state = key_result::evaluate(settings, kr, goal, calendar);
            if o.dropped {
                key_result::dropped(&mut state);
            }
            state
        })
        .collect();
    let scored = || {
        o.key_results
            .iter()
            .zip(&key_results)
            .filter(|(_, k)| k.score.is_some())
    };
    // A dropped objective counts nowhere (its key results keep their values).
    let score = score::weighted_mean(
        scored().filter_map(|(kr, k)| k.score.map(|s| (s, weight(kr.weight)))),
    )
    .filter(|_| !o.dropped);
    // What is expected of the key results that are scored (a milestone
    // not yet due expects nothing); the pace when none is.
    let expected = score::weighted_mean(scored().map(|(kr, k)| (k.expected, weight(kr.weight))))
        .unwrap_or_else(|| score::expected(goal, calendar.elapsed));
    // An objective whose scored key results are all pending milestones is
    // pending too.
    let pending = scored().next().is_some() && scored().all(|(_, k)| k.status == Status::Pending);
    ObjectiveState {
        weight: weight(o.weight),
        score,
        expected,
        status: if o.dropped {
            Status::Dropped
        } else if pending {
            Status::Pending
        } else {
            score::status(score, expected, calendar.phase, thresholds(settings))
        },
        missed_commitment: !o.dropped
            && o.kind == ObjectiveKind::Committed
            && calendar.phase == Phase::Ended
            && score.is_none_or(|s| s < settings.committed_goal),
        confidence: score::mean(key_results.iter().filter_map(|k| k.confidence))
            .filter(|_| !o.dropped),
        key_results,
    }
}

/// Every quarter present, oldest first.
pub(super) fn quarters<'r>(
    repository: &'r Repository,
    files: &[FileState],
    alignment: &Alignment,
    as_of: NaiveDate,
) -> Vec<QuarterState<'r>> {
    let mut present: Vec<Quarter> = repository.quarters.iter().map(|f| f.quarter).collect();
    present.sort();
    present.dedup();
    present
        .into_iter()
        .map(|quarter| {
            let mut indices: Vec<usize> = (0..repository.quarters.len())
                .filter(|&i| repository.quarters[i].quarter == quarter)
                .collect();
            indices.sort_by(|&a, &b| {
                let key = |f: &QuarterFile| {
                    (
                        f.team != crate::input::find::COMPANY,
                        f.team.clone(),
                        f.path.clone(),
                    )
                };
                key(&repository.quarters[a]).cmp(&key(&repository.quarters[b]))
            });
            let score = score::mean(
                indices
                    .iter()
                    .flat_map(|&f| files[f].objectives.iter())
                    .filter_map(|o| o.score),
            );
            QuarterState {
                quarter,
                calendar: Calendar::quarter(quarter, &repository.settings, as_of),
                support: support(repository, files, &indices),
                tree: tree(files, alignment, &indices),
                files: indices,
                score,
            }
        })
        .collect()
}

fn support<'r>(
    repository: &'r Repository,
    states: &[FileState],
    files: &[usize],
) -> HashMap<&'r str, Support> {
    let mut support: HashMap<&'r str, Support> = HashMap::new();
    for &f in files {
        for (o, objective) in repository.quarters[f].objectives.iter().enumerate() {
            let mut named = HashSet::new();
            for id in &objective.supports {
                if named.insert(id.value.as_ref()) {
                    let entry = support.entry(id.value.as_ref()).or_default();
                    entry.objectives.push((f, o));
                }
            }
        }
    }
    for s in support.values_mut() {
        s.score = score::mean(
            s.objectives
                .iter()
                .filter_map(|&(f, o)| states[f].objectives[o].score),
        );
    }
    support
}

/// Alignment deeper than this is shown from a new root, so a hostile chain
/// of links cannot exhaust the stack.
const MAX_TREE_DEPTH: usize = 32;

/// The alignment tree of a quarter: roots are objectives that align to no
/// objective of the quarter; children are the objectives aligned to them.
/// Cycles (O007) are cut where they close.
fn tree(states: &[FileState], alignment: &Alignment, files: &[usize]) -> Vec<TreeNode> {
    let nodes: Vec<usize> = files
        .iter()
        .flat_map(|&f| alignment.nodes_of_file(f))
        .collect();
    let here: HashSet<usize> = nodes.iter().copied().collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut has_parent = HashSet::new();
    for &n in &nodes {
        for &to in alignment.edges[n].iter().map(|(to, _)| to) {
            if to != n && here.contains(&to) {
                children.entry(to).or_default().push(n);
                has_parent.insert(n);
            }
        }
    }
    // Children in the order the quarter lists objectives.
    let mut placed = HashSet::new();
    let mut roots: Vec<TreeNode> = nodes
        .iter()
        .filter(|n| !has_parent.contains(*n))
        .map(|&n| grow(n, 0, states, alignment, &children, &mut placed))
        .collect::<Vec<_>>();
    // Objectives only reachable through a cycle still appear once.
    for &n in &nodes {
        if !placed.contains(&n) {
            roots.push(grow(n, 0, states, alignment, &children, &mut placed));
        }
    }
    roots
}

fn grow(
    n: usize,
    depth: usize,
    states: &[FileState],
    alignment: &Alignment,
    children: &HashMap<usize, Vec<usize>>,
    placed: &mut HashSet<usize>,
) -> TreeNode {
    placed.insert(n);
    let (file, objective) = alignment.nodes[n];
    let kids: Vec<TreeNode> = if depth >= MAX_TREE_DEPTH {
        Vec::new()
    } else {
        children
            .get(&n)
            .into_iter()
            .flatten()
            .filter(|&&c| placed.insert(c))
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .map(|c| grow(c, depth + 1, states, alignment, children, placed))
            .collect()
    };
    let own = states[file].objectives[objective].score;
    let mut scores: Vec<f64> = own.into_iter().collect();
    collect_scores(&kids, states, &mut scores);
    TreeNode {
        file,
        objective,
        rolled_up: score::mean(scores),
        children: kids,
    }
}

fn collect_scores(nodes: &[TreeNode], states: &[FileState], out: &mut Vec<f64>) {
    for n in nodes {
        out.extend(states[n.file].objectives[n.objective].score);
        collect_scores(&n.children, states, out);
    }
}
