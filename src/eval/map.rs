//! The strategy map of `okr map`: the Balanced Scorecard's objectives in
//! perspective lanes with their `contributes_to` arrows, built from the
//! evaluation (so every status is the one `okr report` shows) and the
//! perspective order of okr.yaml. The renderers in `render/map/` only draw
//! this value.

use chrono::NaiveDate;
use std::collections::BTreeSet;

use crate::eval::Evaluation;
use crate::eval::score::Status;
use crate::model::quarter::Quarter;

/// The whole map, lanes top (the first perspective) to bottom.
#[derive(Debug, Clone)]
pub struct StrategyMap {
    pub organization: Option<String>,
    pub as_of: NaiveDate,
    pub lanes: Vec<Lane>,
    /// In lane order, then file order within a lane; edges refer to these.
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// The quarter whose OKR objectives hang under the nodes (`--okrs`).
    pub okr_quarter: Option<String>,
}

/// One perspective: a horizontal band of the map.
#[derive(Debug, Clone)]
pub struct Lane {
    pub perspective: String,
    /// What the lane's title shows: okr.yaml's `label`, else the key.
    pub label: String,
    /// Not in okr.yaml's `perspectives` (B001): drawn below the others, and
    /// its links are never called backwards.
    pub unknown: bool,
}

/// A strategic objective.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub title: String,
    /// Index into `lanes`.
    pub lane: usize,
    pub score: Option<f64>,
    pub status: Status,
    /// With `--okrs`: the quarter's OKR objectives that support it.
    pub okrs: Vec<OkrNode>,
}

/// An OKR objective hung under the strategic objective it supports.
#[derive(Debug, Clone)]
pub struct OkrNode {
    pub team: String,
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub status: Status,
}

/// A `contributes_to` arrow: `from` drives `to` (indices into `nodes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Points down the perspective order, as rule B007 reports.
    pub backwards: bool,
}

impl StrategyMap {
    /// The nodes of one lane, in order, as indices into `nodes`.
    pub(crate) fn lane_nodes(&self, lane: usize) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].lane == lane)
            .collect()
    }
}

/// Builds the map from the evaluation: lanes in okr.yaml's perspective
/// order (top of the map first), then perspectives it does not name; links
/// from the strategy graph, each drawn once. With `okrs`, the OKR objectives
/// of that quarter hang under the strategic objectives they support. None
/// when there is no scorecard.
pub fn build(eval: &Evaluation<'_>, okrs: Option<Quarter>) -> Option<StrategyMap> {
    let repository = eval.repository;
    let strategy = repository.strategy.as_ref()?;
    let state = eval.strategy.as_ref()?;
    let graph = eval.strategy_graph.as_ref()?;
    let mut lanes: Vec<Lane> = repository
        .settings
        .perspectives
        .iter()
        .map(|p| Lane {
            perspective: p.clone(),
            label: repository.settings.perspective_label(p).to_owned(),
            unknown: false,
        })
        .collect();
    for p in &strategy.perspectives {
        if !lanes.iter().any(|l| *l.perspective == *p.key.value) {
            lanes.push(Lane {
                perspective: p.key.value.to_string(),
                label: p.key.value.to_string(),
                unknown: true,
            });
        }
    }
    let lane_of = |perspective: usize| {
        let key = &strategy.perspectives[perspective].key.value;
        lanes
            .iter()
            .position(|l| *l.perspective == **key)
            .unwrap_or(0)
    };
    // Graph nodes in lane order, file order within a lane: a perspective
    // written twice (already an L003) contributes all its objectives.
    let mut order: Vec<usize> = (0..graph.nodes.len()).collect();
    order.sort_by_key(|&n| lane_of(graph.nodes[n].perspective));
    let mut position = vec![0; graph.nodes.len()];
    for (i, &n) in order.iter().enumerate() {
        position[n] = i;
    }
    let support = okrs.and_then(|q| eval.quarter(q));
    let quarters = &repository.quarters;
    let nodes: Vec<Node> = order
        .iter()
        .map(|&n| {
            let node = graph.nodes[n];
            let o = node.model;
            let os = &state.perspectives[node.perspective].objectives[node.objective];
            Node {
                id: o.id.value.to_string(),
                title: o.title.value.to_string(),
                lane: lane_of(node.perspective),
                score: os.score,
                status: os.status,
                okrs: support
                    .and_then(|q| q.support.get(o.id.value.as_ref()))
                    .map(|s| {
                        s.objectives
                            .iter()
                            .map(|&(f, i)| {
                                let objective = &quarters[f].objectives[i];
                                let os = &eval.files[f].objectives[i];
                                OkrNode {
                                    team: quarters[f].team.clone(),
                                    id: objective.id.value.to_string(),
                                    title: objective.title.value.to_string(),
                                    score: os.score,
                                    status: os.status,
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    // A repeated link is one link; unknown ids (B005) are not drawn.
    let mut seen = BTreeSet::new();
    let mut edges = Vec::new();
    for &n in &order {
        for &(to, _) in &graph.edges[n] {
            let (from_at, to_at) = (position[n], position[to]);
            if seen.insert((from_at, to_at)) {
                edges.push(Edge {
                    from: from_at,
                    to: to_at,
                    backwards: graph.backwards(n, to),
                });
            }
        }
    }
    Some(StrategyMap {
        organization: strategy.organization.as_ref().map(|t| t.value.to_string()),
        as_of: eval.as_of,
        lanes,
        nodes,
        edges,
        okr_quarter: support.map(|q| q.quarter.to_string()),
    })
}
