//! The order of the objectives within each lane: the file order, improved
//! by barycentre sweeps while they reduce the crossings of the links.

use crate::eval::map::StrategyMap;

use super::layout::{BOX_W, GAP_X, span};

const SWEEPS: usize = 8;
/// Above this many links the order stays the file order (the crossing count
/// is quadratic in the links).
const MAX_ORDERED_LINKS: usize = 1000;

/// Each lane's nodes, left to right.
pub(super) fn order(map: &StrategyMap) -> Vec<Vec<usize>> {
    let mut order: Vec<Vec<usize>> = (0..map.lanes.len()).map(|l| map.lane_nodes(l)).collect();
    let links: Vec<(usize, usize)> = map
        .edges
        .iter()
        .filter(|e| map.nodes[e.from].lane != map.nodes[e.to].lane)
        .map(|e| (e.from, e.to))
        .collect();
    if links.is_empty() || links.len() > MAX_ORDERED_LINKS {
        return order;
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); map.nodes.len()];
    for &(a, b) in &links {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let lane_of = |i: usize| map.nodes[i].lane;
    let mut best = order.clone();
    let mut best_crossings = crossings(&links, &centres(&order, map.nodes.len()), lane_of);
    for sweep in 0..SWEEPS {
        let lanes: Vec<usize> = if sweep % 2 == 0 {
            (0..order.len()).collect()
        } else {
            (0..order.len()).rev().collect()
        };
        for l in lanes {
            let x = centres(&order, map.nodes.len());
            let mut keyed: Vec<(f64, usize, usize)> = order[l]
                .iter()
                .enumerate()
                .map(|(pos, &v)| {
                    let ns = &neighbours[v];
                    let bary = if ns.is_empty() {
                        x[v]
                    } else {
                        ns.iter().map(|&u| x[u]).sum::<f64>() / ns.len() as f64
                    };
                    (bary, pos, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            order[l] = keyed.into_iter().map(|k| k.2).collect();
        }
        let count = crossings(&links, &centres(&order, map.nodes.len()), lane_of);
        if count < best_crossings {
            best_crossings = count;
            best.clone_from(&order);
        }
    }
    best
}

/// The x of each node's centre, lanes centred in the widest.
fn centres(order: &[Vec<usize>], nodes: usize) -> Vec<f64> {
    let widest = span(order.iter().map(Vec::len).max().unwrap_or(1));
    let mut x = vec![0.0; nodes];
    for lane in order {
        let offset = (widest - span(lane.len())) / 2.0;
        for (k, &i) in lane.iter().enumerate() {
            x[i] = offset + k as f64 * (BOX_W + GAP_X) + BOX_W / 2.0;
        }
    }
    x
}

/// Pairs of links that cross when drawn as straight lines between centres.
fn crossings(links: &[(usize, usize)], x: &[f64], lane: impl Fn(usize) -> usize) -> usize {
    let point = |i: usize| (x[i], lane(i) as f64 * BOX_W);
    let mut count = 0;
    for (k, &(a, b)) in links.iter().enumerate() {
        for &(c, d) in &links[k + 1..] {
            if a == c || a == d || b == c || b == d {
                continue;
            }
            if cross(point(a), point(b), point(c), point(d)) {
                count += 1;
            }
        }
    }
    count
}

fn cross(p1: (f64, f64), p2: (f64, f64), p3: (f64, f64), p4: (f64, f64)) -> bool {
    let orient = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        let v = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
        if v > 1e-9 {
            1
        } else if v < -1e-9 {
            -1
        } else {
            0
        }
    };
    let (d1, d2) = (orient(p3, p4, p1), orient(p3, p4, p2));
    let (d3, d4) = (orient(p1, p2, p3), orient(p1, p2, p4));
    d1 * d2 < 0 && d3 * d4 < 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::map::{Edge, Lane, Node};
    use crate::eval::score::Status;

    fn node(id: &str, lane: usize) -> Node {
        Node {
            id: id.to_owned(),
            title: id.to_owned(),
            lane,
            score: None,
            status: Status::Unscored,
            okrs: Vec::new(),
        }
    }

    #[test]
    fn sweeps_untangle_crossed_links() {
        let lane = |p: &str| Lane {
            perspective: p.to_owned(),
            label: p.to_owned(),
            unknown: false,
        };
        let edge = |from, to| Edge {
            from,
            to,
            backwards: false,
        };
        // Top: A B C; bottom: D E F with D -> C, E -> B, F -> A: three crossings.
        let map = StrategyMap {
            organization: None,
            as_of: chrono::NaiveDate::default(),
            lanes: vec![lane("customer"), lane("internal")],
            nodes: ["A", "B", "C", "D", "E", "F"]
                .iter()
                .enumerate()
                .map(|(i, id)| node(id, i / 3))
                .collect(),
            edges: vec![edge(3, 2), edge(4, 1), edge(5, 0)],
            okr_quarter: None,
        };
        let order = order(&map);
        let links: Vec<(usize, usize)> = map.edges.iter().map(|e| (e.from, e.to)).collect();
        let lane_of = |i: usize| map.nodes[i].lane;
        assert_eq!(
            crossings(
                &links,
                &centres(&[vec![0, 1, 2], vec![3, 4, 5]], 6),
                lane_of
            ),
            3
        );
        assert_eq!(crossings(&links, &centres(&order, 6), lane_of), 0);
        assert_eq!(order, [vec![2, 1, 0], vec![3, 4, 5]]);
    }
}
