//! The arrows' paths: ends spread along box edges, S-curves through the
//! gaps between lanes, vertical runs through the free channels of the lanes
//! in between, arcs below a lane for links within it, triangular heads.

use std::collections::HashMap;

use crate::eval::map::StrategyMap;

use super::layout::{ARROW, GAP_X, LANE_PAD, LinkPath, NodeBox};

/// One end of an arrow on a box's edge: the x of the box at its other end
/// (the ends are spread in that order), the edge, and whether it starts there.
struct End {
    other_x: f64,
    edge: usize,
    start: bool,
}

/// Which side of a box an arrow end is on.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    Top,
    Bottom,
}

pub(super) fn route(
    map: &StrategyMap,
    order: &[Vec<usize>],
    boxes: &[NodeBox],
    rows: &[(f64, f64)],
) -> Vec<LinkPath> {
    let centre = |i: usize| boxes[i].x + boxes[i].w / 2.0;
    // Arrow ends per (node, side).
    let mut ends: HashMap<(usize, Side), Vec<End>> = HashMap::new();
    for (e, edge) in map.edges.iter().enumerate() {
        let (la, lb) = (map.nodes[edge.from].lane, map.nodes[edge.to].lane);
        let (from_side, to_side) = match la.cmp(&lb) {
            std::cmp::Ordering::Greater => (Side::Top, Side::Bottom),
            std::cmp::Ordering::Less => (Side::Bottom, Side::Top),
            std::cmp::Ordering::Equal => (Side::Bottom, Side::Bottom),
        };
        // A link to itself leaves left of where it comes back.
        let nudge = if edge.from == edge.to { 1.0 } else { 0.0 };
        ends.entry((edge.from, from_side)).or_default().push(End {
            other_x: centre(edge.to) - nudge,
            edge: e,
            start: true,
        });
        ends.entry((edge.to, to_side)).or_default().push(End {
            other_x: centre(edge.from) + nudge,
            edge: e,
            start: false,
        });
    }
    let mut port: HashMap<(usize, bool), (f64, f64)> = HashMap::new();
    for ((node, side), mut list) in ends {
        list.sort_by(|a, b| {
            a.other_x
                .total_cmp(&b.other_x)
                .then(a.edge.cmp(&b.edge))
                .then(b.start.cmp(&a.start))
        });
        let b = &boxes[node];
        let y = if side == Side::Top { b.y } else { b.y + b.h };
        let n = list.len() as f64;
        for (k, end) in list.into_iter().enumerate() {
            let x = b.x + b.w * (k as f64 + 1.0) / (n + 1.0);
            port.insert((end.edge, end.start), (x, y));
        }
    }
    let mut channel_use: HashMap<(usize, i64), usize> = HashMap::new();
    map.edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let (Some(&(x1, y1)), Some(&(x2, y2))) = (port.get(&(e, true)), port.get(&(e, false)))
            else {
                return LinkPath {
                    d: String::new(),
                    head: String::new(),
                };
            };
            let (la, lb) = (map.nodes[edge.from].lane, map.nodes[edge.to].lane);
            if la == lb {
                let depth = (18.0 + (x2 - x1).abs() * 0.12).min((LANE_PAD - 6.0) * 4.0 / 3.0);
                let end = y2 + ARROW;
                return LinkPath {
                    d: format!(
                        "M{x1:.1},{y1:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{end:.1}",
                        y1 + depth,
                        end + depth
                    ),
                    head: head(x2, y2, true),
                };
            }
            let up = la > lb;
            let sign = if up { -1.0 } else { 1.0 };
            // Waypoints: the start, each lane crossed (entry and exit), the end.
            let mut points = vec![(x1, y1)];
            let between: Vec<usize> = if up {
                (lb + 1..la).rev().collect()
            } else {
                (la + 1..lb).collect()
            };
            // An empty lane has nothing to steer around.
            for m in between.into_iter().filter(|&m| !order[m].is_empty()) {
                let t = (m as f64 - la as f64) / (lb as f64 - la as f64);
                let cx = channel(&order[m], boxes, x1 + (x2 - x1) * t, m, &mut channel_use);
                let (top, bottom) = rows[m];
                if up {
                    points.push((cx, bottom));
                    points.push((cx, top));
                } else {
                    points.push((cx, top));
                    points.push((cx, bottom));
                }
            }
            points.push((x2, y2 - sign * ARROW));
            let mut d = format!("M{x1:.1},{y1:.1}");
            for (k, pair) in points.windows(2).enumerate() {
                let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
                if k % 2 == 1 {
                    d.push_str(&format!(" L{bx:.1},{by:.1}"));
                } else {
                    let mid = (ay + by) / 2.0;
                    d.push_str(&format!(
                        " C{ax:.1},{mid:.1} {bx:.1},{mid:.1} {bx:.1},{by:.1}"
                    ));
                }
            }
            LinkPath {
                d,
                head: head(x2, y2, up),
            }
        })
        .collect()
}

/// The x at which an arrow crosses a lane's row of boxes near `want`: there
/// when it is clear of the boxes, else the middle of the nearest gap,
/// nudged aside for each arrow already there.
fn channel(
    row: &[usize],
    boxes: &[NodeBox],
    want: f64,
    lane: usize,
    used: &mut HashMap<(usize, i64), usize>,
) -> f64 {
    let (Some(&first), Some(&last)) = (row.first(), row.last()) else {
        return want;
    };
    let clear = 14.0;
    if want < boxes[first].x - clear || want > boxes[last].x + boxes[last].w + clear {
        return want;
    }
    let mut gaps = vec![boxes[first].x - GAP_X / 2.0];
    gaps.extend(
        row.windows(2)
            .map(|w| (boxes[w[0]].x + boxes[w[0]].w + boxes[w[1]].x) / 2.0),
    );
    gaps.push(boxes[last].x + boxes[last].w + GAP_X / 2.0);
    let best = gaps
        .iter()
        .copied()
        .min_by(|a, b| (a - want).abs().total_cmp(&(b - want).abs()))
        .unwrap_or(want);
    let count = used.entry((lane, best.round() as i64)).or_insert(0);
    // 0, +6, -6, +12, -12, +18, -18, then around again.
    let k = *count % 7;
    *count += 1;
    let step = k.div_ceil(2) as f64 * 6.0;
    if k % 2 == 1 { best + step } else { best - step }
}

/// An arrowhead with its tip at (x, y), pointing up or down.
fn head(x: f64, y: f64, up: bool) -> String {
    let base = if up { y + ARROW } else { y - ARROW };
    format!(
        "M{x:.1},{y:.1} L{:.1},{base:.1} L{:.1},{base:.1} Z",
        x - 4.5,
        x + 4.5
    )
}
