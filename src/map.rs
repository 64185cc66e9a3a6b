//! The strategy map of `okr map`: the Balanced Scorecard's objectives in
//! perspective lanes with their `contributes_to` arrows, built from the
//! computed report (so every status is the one `okr report` shows) and the
//! perspective order of okr.yaml. The renderers in `render/map/` only draw
//! this value.

use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

use crate::report::Report;
use crate::score::Status;

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
    pub fn lane_nodes(&self, lane: usize) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].lane == lane)
            .collect()
    }
}

/// Builds the map from a report with a Balanced Scorecard; `perspectives` is
/// okr.yaml's order, top of the map first. With `okrs`, the OKR objectives of
/// the report's latest quarter (the one its support comes from) hang under
/// the strategic objectives they support. None when there is no scorecard.
pub fn build(report: &Report, perspectives: &[String], okrs: bool) -> Option<StrategyMap> {
    let strategy = report.strategy.as_ref()?;
    let mut lanes: Vec<Lane> = perspectives
        .iter()
        .map(|p| Lane {
            perspective: p.clone(),
            unknown: false,
        })
        .collect();
    for p in &strategy.perspectives {
        if !lanes.iter().any(|l| l.perspective == p.perspective) {
            lanes.push(Lane {
                perspective: p.perspective.clone(),
                unknown: true,
            });
        }
    }
    let support = if okrs {
        report.quarters.last().map(okr_support).unwrap_or_default()
    } else {
        HashMap::new()
    };
    let mut nodes = Vec::new();
    // Each node's report entry, for its links once every id is known.
    let mut links: Vec<&[String]> = Vec::new();
    for (lane, l) in lanes.iter().enumerate() {
        // A perspective written twice (already an L003) contributes all its objectives.
        for p in strategy
            .perspectives
            .iter()
            .filter(|p| p.perspective == l.perspective)
        {
            for o in &p.objectives {
                nodes.push(Node {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    lane,
                    score: o.score,
                    status: o.status,
                    okrs: support.get(o.id.as_str()).cloned().unwrap_or_default(),
                });
                links.push(&o.contributes_to);
            }
        }
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        // The first of repeated ids wins, as in the rules.
        if !n.id.is_empty() {
            index.entry(n.id.as_str()).or_insert(i);
        }
    }
    // A repeated link is one link; unknown ids (B005) are not drawn.
    let mut seen = BTreeSet::new();
    let mut edges = Vec::new();
    for (from, targets) in links.iter().enumerate() {
        for target in targets.iter() {
            let Some(&to) = index.get(target.as_str()) else {
                continue;
            };
            if seen.insert((from, to)) {
                let (a, b) = (&lanes[nodes[from].lane], &lanes[nodes[to].lane]);
                edges.push(Edge {
                    from,
                    to,
                    backwards: !a.unknown && !b.unknown && nodes[to].lane > nodes[from].lane,
                });
            }
        }
    }
    Some(StrategyMap {
        organization: strategy.organization.clone(),
        as_of: report.as_of,
        lanes,
        nodes,
        edges,
        okr_quarter: if okrs {
            report.quarters.last().map(|q| q.quarter.clone())
        } else {
            None
        },
    })
}

/// For each strategic objective id, the OKR objectives of the quarter that
/// support it, in team then file order.
fn okr_support(quarter: &crate::report::QuarterReport) -> HashMap<&str, Vec<OkrNode>> {
    let mut support: HashMap<&str, Vec<OkrNode>> = HashMap::new();
    for team in &quarter.teams {
        for o in &team.objectives {
            for id in &o.supports {
                let list = support.entry(id.as_str()).or_default();
                if !list.iter().any(|n| n.team == team.team && n.id == o.id) {
                    list.push(OkrNode {
                        team: team.team.clone(),
                        id: o.id.clone(),
                        title: o.title.clone(),
                        score: o.score,
                        status: o.status,
                    });
                }
            }
        }
    }
    support
}
