//! The two graphs of a goals repository, each built once: the alignment of
//! OKR objectives (`aligns_to`) and the strategy map of strategic objectives
//! (`contributes_to`), with their unresolved links, cycles and, for the
//! strategy map, links that run backwards (down the perspective order). Rules
//! report from them, the report draws the alignment tree and `okr map` the
//! strategy map from them.

use std::collections::HashMap;

use super::cycles::{self, Cycle};
use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::model::team::{self, Named};
use crate::model::{BscObjective, Repository, Strategy};

/// OKR objectives across every quarter file and their `aligns_to` links.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// `(file, objective)` positions of every objective, in file order.
    pub nodes: Vec<(usize, usize)>,
    /// The first node of each file, and one past the last.
    first: Vec<usize>,
    /// For each node, the links that name an objective: `(node, index of
    /// the aligns_to entry)`.
    pub edges: Vec<Vec<(usize, usize)>>,
    /// Links that name no objective: `(node, index of the aligns_to entry, why)`.
    pub unresolved: Vec<(usize, usize, Unresolved)>,
    /// One cycle per strongly connected component that has one; `edge`
    /// indexes `edges` of the path's last node.
    pub cycles: Vec<Cycle>,
}

/// Why an `aligns_to` link names no objective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// The team or the id is empty.
    Malformed,
    /// No objective of the quarter has that team and id.
    Unknown { team: String, id: String },
    /// The team's file for the quarter did not load, so the link may be fine.
    Unloaded,
    /// The team is a short name several teams end with (`emea` for
    /// `sales/emea` and `support/emea`): their full names, sorted.
    Ambiguous {
        team: String,
        id: String,
        candidates: Vec<String>,
    },
}

impl Alignment {
    pub(crate) fn build(repository: &Repository) -> Alignment {
        let mut nodes = Vec::new();
        let mut first = Vec::with_capacity(repository.quarters.len() + 1);
        let mut index: HashMap<(Quarter, &str, &str), usize> = HashMap::new();
        for (f, file) in repository.quarters.iter().enumerate() {
            first.push(nodes.len());
            for (o, objective) in file.objectives.iter().enumerate() {
                if !objective.id.value.is_empty() {
                    // The first of repeated ids wins (the repeat is an O005).
                    index
                        .entry((file.quarter, &file.team, &objective.id.value))
                        .or_insert(nodes.len());
                }
                nodes.push((f, o));
            }
        }
        first.push(nodes.len());
        // Every team of the repository, whatever the quarter: a short name
        // is unique when one team folder alone ends with it.
        let teams = team::Index::new(
            repository
                .quarters
                .iter()
                .map(|f| f.team.as_str())
                .chain(repository.unloaded.iter().map(|u| u.team.as_str())),
        );
        let mut edges = vec![Vec::new(); nodes.len()];
        let mut unresolved = Vec::new();
        for (n, &(f, o)) in nodes.iter().enumerate() {
            let file = &repository.quarters[f];
            for (k, link) in file.objectives[o].aligns_to.iter().enumerate() {
                // TEAM/ID: the team may be nested (`sales/emea/E1`), so
                // the id is what follows the last `/`.
                let (written, id) = link
                    .value
                    .rsplit_once('/')
                    .unwrap_or((&file.team, &link.value));
                if id.is_empty() || written.is_empty() {
                    unresolved.push((n, k, Unresolved::Malformed));
                    continue;
                }
                let resolved = match teams.resolve(written) {
                    Named::One(full) => full,
                    Named::Unknown => written.to_owned(),
                    Named::Ambiguous(candidates) => {
                        unresolved.push((
                            n,
                            k,
                            Unresolved::Ambiguous {
                                team: written.to_owned(),
                                id: id.to_owned(),
                                candidates,
                            },
                        ));
                        continue;
                    }
                };
                let team = resolved.as_str();
                match index.get(&(file.quarter, team, id)) {
                    Some(&to) => edges[n].push((to, k)),
                    None if repository
                        .unloaded
                        .iter()
                        .any(|u| u.quarter == file.quarter && u.team == team) =>
                    {
                        unresolved.push((n, k, Unresolved::Unloaded));
                    }
                    None => unresolved.push((
                        n,
                        k,
                        Unresolved::Unknown {
                            team: team.to_owned(),
                            id: id.to_owned(),
                        },
                    )),
                }
            }
        }
        Alignment {
            cycles: cycles_of(&edges),
            nodes,
            first,
            edges,
            unresolved,
        }
    }

    /// The nodes of one quarter file, in its order.
    pub(crate) fn nodes_of_file(&self, file: usize) -> std::ops::Range<usize> {
        match (self.first.get(file), self.first.get(file + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }
}

/// The strategy map's graph: strategic objectives and `contributes_to` links.
#[derive(Debug, Clone)]
pub struct StrategyGraph<'r> {
    /// Strategic objectives in file order.
    pub nodes: Vec<StrategyNode<'r>>,
    /// Node by id; the first of repeated ids wins (the repeat is a B004).
    pub index: HashMap<&'r str, usize>,
    /// For each node, the links that name a strategic objective: `(node,
    /// index of the contributes_to entry)`, repeats included.
    pub edges: Vec<Vec<(usize, usize)>>,
    /// Links that name no strategic objective: `(node, index of the entry)`.
    pub unknown: Vec<(usize, usize)>,
    /// How many links point at each node.
    pub incoming: Vec<usize>,
    /// One cycle per strongly connected component that has one; `edge`
    /// indexes `edges` of the path's last node.
    pub cycles: Vec<Cycle>,
}

/// A strategic objective in the graph.
#[derive(Debug, Clone, Copy)]
pub struct StrategyNode<'r> {
    /// Index into `strategy.perspectives`.
    pub perspective: usize,
    /// Index into that perspective's objectives.
    pub objective: usize,
    /// Its perspective's place in okr.yaml's `perspectives` (0 is the top
    /// of the map); None for a perspective okr.yaml does not name (B001).
    pub level: Option<usize>,
    pub model: &'r BscObjective,
}

impl<'r> StrategyGraph<'r> {
    pub(crate) fn build(strategy: &'r Strategy, settings: &Settings) -> StrategyGraph<'r> {
        let mut nodes = Vec::new();
        for (p, perspective) in strategy.perspectives.iter().enumerate() {
            let level = settings
                .perspectives
                .iter()
                .position(|k| **k == *perspective.key.value);
            for (o, model) in perspective.objectives.iter().enumerate() {
                nodes.push(StrategyNode {
                    perspective: p,
                    objective: o,
                    level,
                    model,
                });
            }
        }
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if !n.model.id.value.is_empty() {
                index.entry(n.model.id.value.as_ref()).or_insert(i);
            }
        }
        let mut edges = vec![Vec::new(); nodes.len()];
        let mut unknown = Vec::new();
        let mut incoming = vec![0; nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            for (k, link) in n.model.contributes_to.iter().enumerate() {
                match index.get(link.value.as_ref()) {
                    Some(&to) => {
                        edges[i].push((to, k));
                        incoming[to] += 1;
                    }
                    None => unknown.push((i, k)),
                }
            }
        }
        StrategyGraph {
            cycles: cycles_of(&edges),
            nodes,
            index,
            edges,
            unknown,
            incoming,
        }
    }

    /// Whether the link `from` -> `to` points down the perspective order
    /// (B007): cause and effect runs up the map. Links touching a
    /// perspective okr.yaml does not name are never backwards.
    pub(crate) fn backwards(&self, from: usize, to: usize) -> bool {
        matches!(
            (self.nodes[from].level, self.nodes[to].level),
            (Some(a), Some(b)) if b > a
        )
    }
}

/// The cycles of a graph whose edges carry the index of the link they came from.
fn cycles_of(edges: &[Vec<(usize, usize)>]) -> Vec<Cycle> {
    let targets: Vec<Vec<usize>> = edges
        .iter()
        .map(|e| e.iter().map(|(to, _)| *to).collect())
        .collect();
    cycles::cycles(&targets)
}
