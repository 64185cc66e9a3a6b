//! Objectives, teams and quarters at a date: the roll-ups of key-result
//! states, the OKR support each strategic objective gets in a quarter, and
//! the alignment tree.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::graph::Alignment;
use super::key_result::{self, KeyResultState};
use super::{Calendar, thresholds, weight};
use crate::eval::score::{self, Coverage, Phase, Status};
use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::model::{Objective, ObjectiveKind, QuarterFile, Repository};

/// One team's quarter file at the date.
#[derive(Debug, Clone)]
pub struct FileState {
    /// Weighted mean of the team's objectives.
    pub score: Option<f64>,
    /// Its objectives scored, of all.
    pub coverage: Coverage,
    /// In the file's order.
    pub objectives: Vec<ObjectiveState>,
}

/// An OKR objective at the date.
#[derive(Debug, Clone)]
pub struct ObjectiveState {
    /// Its weight in the team's score (not positive or not finite: 0, left out).
    pub weight: f64,
    /// Weighted mean of its key results; for a parent objective, of the
    /// objectives aligned to it.
    pub score: Option<f64>,
    /// What is expected of its scored parts (see `key_result::evaluate`);
    /// the committed or aspirational goal times the share of the quarter
    /// elapsed when none is scored.
    pub expected: f64,
    pub status: Status,
    /// Its key results scored, of all; for a parent objective, the
    /// objectives aligned to it.
    pub coverage: Coverage,
    /// A parent objective: no key results of its own, scored from the
    /// objectives aligned to it.
    pub from_children: bool,
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
    /// name, each sub-team after its parent, then path.
    pub files: Vec<usize>,
    /// The mean of the quarter's objectives that are scored from key
    /// results of their own (a parent objective's score is its children's).
    pub score: Option<f64>,
    /// Those objectives scored, of all.
    pub coverage: Coverage,
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
    /// Mean score of this objective and every objective aligned beneath it
    /// (those scored from key results of their own).
    pub rolled_up: Option<f64>,
    /// Those objectives scored, of all.
    pub coverage: Coverage,
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
    file_state(objectives)
}

/// A team's figures from its objectives' states.
fn file_state(objectives: Vec<ObjectiveState>) -> FileState {
    FileState {
        score: score::weighted_mean(
            objectives
                .iter()
                .filter_map(|o| o.score.map(|s| (s, o.weight))),
        ),
        coverage: Coverage::of(
            objectives
                .iter()
                .filter(|o| o.status != Status::Dropped)
                .map(|o| o.score.is_some()),
        ),
        objectives,
    }
}

/// One part of an objective's roll-up: a key result, or an objective
/// aligned to a parent objective.
struct Part {
    score: Option<f64>,
    expected: f64,
    weight: f64,
    status: Status,
    /// Held off track by a bound broken now (a threshold key result).
    broken: bool,
}

/// An objective's figures from its parts.
struct RolledUp {
    score: Option<f64>,
    expected: f64,
    status: Status,
    coverage: Coverage,
    missed_commitment: bool,
}

/// The one roll-up of parts into an objective: the weighted mean of the
/// scored parts; what is expected of them (a milestone not yet due expects
/// nothing), else the pace; pending when every scored part is; `partly
/// scored` while the quarter runs or after it when less than half of the
/// weight is scored.
fn roll_up(
    settings: &Settings,
    kind: ObjectiveKind,
    parts: &[Part],
    calendar: &Calendar,
) -> RolledUp {
    let goal = goal(settings, kind);
    let scored = || parts.iter().filter(|p| p.score.is_some());
    let score = score::weighted_mean(scored().filter_map(|p| p.score.map(|s| (s, p.weight))));
    let expected = score::weighted_mean(scored().map(|p| (p.expected, p.weight)))
        .unwrap_or_else(|| score::expected(goal, calendar.elapsed));
    let pending = scored().next().is_some() && scored().all(|p| p.status == Status::Pending);
    let status = match score::status(score, expected, calendar.phase, thresholds(settings)) {
        status @ (Status::NotStarted | Status::Unscored) => status,
        _ if pending => Status::Pending,
        _ if score::mostly_unscored(parts.iter().map(|p| (p.score.is_some(), p.weight))) => {
            Status::PartlyScored
        }
        status => score::held_roll_up(
            status,
            scored().filter(|p| p.broken).count(),
            scored().count(),
        ),
    };
    RolledUp {
        score,
        expected,
        status,
        coverage: Coverage::of(parts.iter().map(|p| p.score.is_some())),
        missed_commitment: kind == ObjectiveKind::Committed
            && calendar.phase == Phase::Ended
            && score.is_none_or(|s| s < settings.committed_goal),
    }
}

fn goal(settings: &Settings, kind: ObjectiveKind) -> f64 {
    match kind {
        ObjectiveKind::Committed => settings.committed_goal,
        ObjectiveKind::Aspirational => settings.aspirational_goal,
    }
}

fn objective(settings: &Settings, o: &Objective, calendar: &Calendar) -> ObjectiveState {
    let goal = goal(settings, o.kind);
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
    // A dropped key result counts nowhere, not even as unscored.
    let parts: Vec<Part> = o
        .key_results
        .iter()
        .zip(&key_results)
        .filter(|(_, k)| k.status != Status::Dropped)
        .map(|(kr, k)| Part {
            score: k.score,
            expected: k.expected,
            weight: weight(kr.weight),
            status: k.status,
            broken: k.broken,
        })
        .collect();
    let r = roll_up(settings, o.kind, &parts, calendar);
    // A dropped objective counts nowhere (its key results keep their values).
    let dropped = o.dropped;
    ObjectiveState {
        weight: weight(o.weight),
        score: r.score.filter(|_| !dropped),
        expected: r.expected,
        status: if dropped { Status::Dropped } else { r.status },
        coverage: r.coverage,
        from_children: false,
        missed_commitment: !dropped && r.missed_commitment,
        confidence: score::mean(key_results.iter().filter_map(|k| k.confidence))
            .filter(|_| !dropped),
        key_results,
    }
}

/// Parent objectives: an objective with no key results of its own and at
/// least one objective aligned to it is scored from those objectives (the
/// weighted mean of their scores, by their weights), at any depth: a child
/// that is a parent itself is scored first. An objective on a cycle (O007)
/// is unscored where the cycle closes. The teams' scores follow.
pub(super) fn parents(
    repository: &Repository,
    files: &mut [FileState],
    alignment: &Alignment,
    as_of: NaiveDate,
) {
    let nodes = &alignment.nodes;
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (n, edges) in alignment.edges.iter().enumerate() {
        for &(to, _) in edges {
            if to != n && !children[to].contains(&n) {
                children[to].push(n);
            }
        }
    }
    let model = |n: usize| {
        let (f, o) = nodes[n];
        &repository.quarters[f].objectives[o]
    };
    let is_parent =
        |n: usize| model(n).key_results.is_empty() && !model(n).dropped && !children[n].is_empty();
    // 0: not yet, 1: on the path being scored, 2: scored.
    let mut seen = vec![0u8; nodes.len()];
    let mut changed = HashSet::new();
    for start in 0..nodes.len() {
        if !is_parent(start) || seen[start] != 0 {
            continue;
        }
        // Depth first, children before parents, without recursion: a long
        // chain of alignments cannot exhaust the stack.
        seen[start] = 1;
        let mut stack = vec![(start, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (n, next) = (top.0, top.1);
            if let Some(&c) = children[n].get(next) {
                top.1 += 1;
                if is_parent(c) && seen[c] == 0 {
                    seen[c] = 1;
                    stack.push((c, 0));
                }
                continue;
            }
            stack.pop();
            seen[n] = 2;
            let parts: Vec<Part> = children[n]
                .iter()
                .filter(|&&c| {
                    let (f, o) = nodes[c];
                    files[f].objectives[o].status != Status::Dropped
                })
                .map(|&c| {
                    let (f, o) = nodes[c];
                    let s = &files[f].objectives[o];
                    Part {
                        // A child still on the path closes a cycle: unscored.
                        score: if seen[c] == 1 { None } else { s.score },
                        expected: s.expected,
                        weight: s.weight,
                        status: s.status,
                        broken: false,
                    }
                })
                .collect();
            let confidence = score::mean(children[n].iter().filter_map(|&c| {
                let (f, o) = nodes[c];
                files[f].objectives[o].confidence
            }));
            let (f, o) = nodes[n];
            let file = &repository.quarters[f];
            let calendar = Calendar::quarter(file.quarter, &repository.settings, as_of);
            let r = roll_up(&repository.settings, model(n).kind, &parts, &calendar);
            let state = &mut files[f].objectives[o];
            state.score = r.score;
            state.expected = r.expected;
            state.status = r.status;
            state.coverage = r.coverage;
            state.missed_commitment = r.missed_commitment;
            state.confidence = confidence;
            state.from_children = true;
            changed.insert(f);
        }
    }
    for f in changed {
        let objectives = std::mem::take(&mut files[f].objectives);
        files[f] = file_state(objectives);
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
            // A sub-team follows its parent (`sales`, `sales/emea`, `sales-ops`).
            indices.sort_by(|&a, &b| {
                let (a, b) = (&repository.quarters[a], &repository.quarters[b]);
                crate::model::team::order(&a.team, &b.team).then_with(|| a.path.cmp(&b.path))
            });
            // A parent objective's score is its children's: counted once,
            // through them.
            let own = || {
                indices
                    .iter()
                    .flat_map(|&f| files[f].objectives.iter())
                    .filter(|o| !o.from_children && o.status != Status::Dropped)
            };
            let score = score::mean(own().filter_map(|o| o.score));
            let coverage = Coverage::of(own().map(|o| o.score.is_some()));
            QuarterState {
                quarter,
                calendar: Calendar::quarter(quarter, &repository.settings, as_of),
                support: support(repository, files, &indices),
                tree: tree(files, alignment, &indices),
                files: indices,
                score,
                coverage,
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
    let mut scores: Vec<Option<f64>> = Vec::new();
    own_score(&states[file].objectives[objective], &mut scores);
    collect_scores(&kids, states, &mut scores);
    TreeNode {
        file,
        objective,
        rolled_up: score::mean(scores.iter().flatten().copied()),
        coverage: Coverage::of(scores.iter().map(Option::is_some)),
        children: kids,
    }
}

/// An objective's score for a roll-up of the tree, unless it is a parent
/// objective, whose score is its children's.
fn own_score(state: &ObjectiveState, out: &mut Vec<Option<f64>>) {
    if !state.from_children && state.status != Status::Dropped {
        out.push(state.score);
    }
}

fn collect_scores(nodes: &[TreeNode], states: &[FileState], out: &mut Vec<Option<f64>>) {
    for n in nodes {
        own_score(&states[n.file].objectives[n.objective], out);
        collect_scores(&n.children, states, out);
    }
}
