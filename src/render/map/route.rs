//! The arrows' paths, drawn orthogonally (vertical runs, horizontal runs on
//! tracks, rounded corners) so that no two arrows share a line:
//!
//! - **Ports**: each arrow end has its own point on a box edge, the ends of
//!   one edge spread evenly in the order of where their arrows go next.
//! - **Channels**: an arrow across a lane in between runs vertically through
//!   a gap between two boxes (at most three arrows a gap, `TRACK` apart) or
//!   beside the row, so it never crosses a box.
//! - **Tracks**: below each lane's row of boxes lies a gap; every arrow that
//!   crosses it (or joins two boxes of the lane above it) runs horizontally
//!   on a track of its own, `TRACK` apart, with the lane edge between two
//!   tracks. The tracks are ordered so that a vertical run never overlaps
//!   another arrow's vertical run, and, where that leaves a choice, so that
//!   arrows heading the same way do not cross.
//!
//! `plan` decides all of it from the x positions alone; the layout then
//! sizes each gap for its tracks, and `draw` makes the paths.

use std::collections::HashMap;

use crate::eval::map::StrategyMap;

use super::layout::{ARROW, GAP_X, LinkPath, NodeBox};

/// The distance between two parallel arrows.
pub(super) const TRACK: f64 = 12.0;
/// Room between a row of boxes and the nearest track (an arrowhead's length
/// and more).
pub(super) const TRACK_PAD: f64 = 20.0;
/// How far apart (each way) two ends move that would otherwise put two
/// arrows' vertical runs in line.
const SHIFT: f64 = 9.0;
/// Arrows through one gap between two boxes.
const PER_CHANNEL: usize = 3;

/// One crossing of a gap: from `up` (an x on the row above the gap) to
/// `low` (an x on the row below it); for a link within a lane, both xs are
/// on the row above.
#[derive(Clone, Copy)]
pub(super) struct Leg {
    pub gap: usize,
    pub up: f64,
    pub low: f64,
    pub within: bool,
}

/// Where every arrow goes, in x: its legs top to bottom, and each gap's
/// legs in track order, top first, as (edge, leg).
pub(super) struct Plan {
    legs: Vec<Vec<Leg>>,
    /// Whether each edge is drawn from its top end (its source is above).
    downwards: Vec<bool>,
    pub tracks: Vec<Vec<(usize, usize)>>,
    /// The rightmost x an arrow uses.
    pub right: f64,
}

impl Plan {
    /// Tracks in gap `gap` that join two boxes of the lane above it.
    pub(super) fn within(&self, gap: usize) -> usize {
        self.tracks[gap]
            .iter()
            .filter(|&&(e, k)| self.legs[e][k].within)
            .count()
    }
}

/// Which side of a box an arrow end is on.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Side {
    Top,
    Bottom,
}

/// The routes in x. `boxes` have their final x and width; `left` is the
/// least x a channel beside a row may use (right of the lane labels).
pub(super) fn plan(map: &StrategyMap, order: &[Vec<usize>], boxes: &[NodeBox], left: f64) -> Plan {
    let centre = |i: usize| boxes[i].x + boxes[i].w / 2.0;
    let mut used: HashMap<(usize, i64), usize> = HashMap::new();
    let mut beside: HashMap<(usize, bool), usize> = HashMap::new();
    let mut right: f64 = 0.0;
    // Channels first: the xs at which each edge crosses the lanes between
    // its ends, top to bottom.
    let mut channels: Vec<Vec<f64>> = Vec::new();
    for edge in &map.edges {
        let (la, lb) = (map.nodes[edge.from].lane, map.nodes[edge.to].lane);
        let (top, bottom, x_top, x_bottom) = if la <= lb {
            (la, lb, centre(edge.from), centre(edge.to))
        } else {
            (lb, la, centre(edge.to), centre(edge.from))
        };
        let mut xs = Vec::new();
        for (m, row) in order.iter().enumerate().take(bottom).skip(top + 1) {
            let t = (m - top) as f64 / (bottom - top) as f64;
            let want = x_top + (x_bottom - x_top) * t;
            let x = channel(row, boxes, want, m, left, &mut used, &mut beside);
            right = right.max(x);
            xs.push(x);
        }
        channels.push(xs);
    }
    // Ports: each end's next x decides its place on the box edge.
    // (next x, edge, whether the edge starts there) by box edge.
    type Ends = Vec<(f64, usize, bool)>;
    let mut ends: HashMap<(usize, Side), Ends> = HashMap::new();
    for (e, edge) in map.edges.iter().enumerate() {
        let (la, lb) = (map.nodes[edge.from].lane, map.nodes[edge.to].lane);
        let (from_side, to_side) = match la.cmp(&lb) {
            std::cmp::Ordering::Greater => (Side::Top, Side::Bottom),
            std::cmp::Ordering::Less => (Side::Bottom, Side::Top),
            std::cmp::Ordering::Equal => (Side::Bottom, Side::Bottom),
        };
        let xs = &channels[e];
        // The next x from the source and from the target, along the arrow.
        let (after_from, before_to) = if la <= lb {
            (xs.first(), xs.last())
        } else {
            (xs.last(), xs.first())
        };
        // A link to itself leaves left of where it comes back.
        let nudge = if edge.from == edge.to { 1.0 } else { 0.0 };
        let next_from = after_from.copied().unwrap_or(centre(edge.to) - nudge);
        let next_to = before_to.copied().unwrap_or(centre(edge.from) + nudge);
        ends.entry((edge.from, from_side))
            .or_default()
            .push((next_from, e, true));
        ends.entry((edge.to, to_side))
            .or_default()
            .push((next_to, e, false));
    }
    let mut port: HashMap<(usize, bool), f64> = HashMap::new();
    // (lane, side, edge, start) of every end, in a fixed order.
    let mut placed: Vec<(usize, Side, usize, bool)> = Vec::new();
    let mut ends: Vec<_> = ends.into_iter().collect();
    ends.sort_by_key(|((node, side), _)| (*node, *side == Side::Top));
    for ((node, side), mut list) in ends {
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
        let b = &boxes[node];
        let n = list.len() as f64;
        for (k, (_, e, start)) in list.into_iter().enumerate() {
            port.insert((e, start), b.x + b.w * (k as f64 + 1.0) / (n + 1.0));
            placed.push((map.nodes[node].lane, side, e, start));
        }
    }
    // An end on a bottom edge and one of another arrow on the top edge of
    // the box below, nearly in line, would put two vertical runs on one
    // line: the upper moves left and the lower right.
    for &(lane, side, e, start) in &placed {
        if side != Side::Bottom {
            continue;
        }
        for &(lane2, side2, e2, start2) in &placed {
            if side2 != Side::Top || lane2 != lane + 1 || e2 == e {
                continue;
            }
            let (Some(&x), Some(&y)) = (port.get(&(e, start)), port.get(&(e2, start2))) else {
                continue;
            };
            if (x - y).abs() < TRACK + 4.0 {
                let mid = (x + y) / 2.0;
                port.insert((e, start), mid - SHIFT);
                port.insert((e2, start2), mid + SHIFT);
            }
        }
    }
    // Legs, and the gaps they cross.
    let gaps = map.lanes.len();
    let mut legs = Vec::new();
    let mut downwards = Vec::new();
    let mut per_gap: Vec<Vec<(usize, usize)>> = vec![Vec::new(); gaps];
    for (e, edge) in map.edges.iter().enumerate() {
        let (la, lb) = (map.nodes[edge.from].lane, map.nodes[edge.to].lane);
        let (Some(&x_from), Some(&x_to)) = (port.get(&(e, true)), port.get(&(e, false))) else {
            legs.push(Vec::new());
            downwards.push(true);
            continue;
        };
        let mut list = Vec::new();
        if la == lb {
            list.push(Leg {
                gap: la,
                up: x_from,
                low: x_to,
                within: true,
            });
        } else {
            let (top, x_top, x_bottom) = if la < lb {
                (la, x_from, x_to)
            } else {
                (lb, x_to, x_from)
            };
            let mut xs = vec![x_top];
            xs.extend(&channels[e]);
            xs.push(x_bottom);
            for (k, pair) in xs.windows(2).enumerate() {
                list.push(Leg {
                    gap: top + k,
                    up: pair[0],
                    low: pair[1],
                    within: false,
                });
            }
        }
        for (k, leg) in list.iter().enumerate() {
            if leg.gap < gaps {
                per_gap[leg.gap].push((e, k));
            }
        }
        legs.push(list);
        downwards.push(la <= lb);
    }
    let tracks = per_gap
        .into_iter()
        .map(|members| order_tracks(&legs, members))
        .collect();
    Plan {
        legs,
        downwards,
        tracks,
        right,
    }
}

/// A gap's legs top to bottom. A leg whose vertical run from the row above
/// comes near (within `TRACK` and a little) a vertical run of another into
/// the row below must lie above it, or the two runs would overlap; among
/// the legs free to go next: links within the lane first (short ones
/// innermost, on top), then legs heading right, the one starting furthest
/// right on top, then legs heading left, the one starting furthest left on
/// top, so legs heading the same way do not cross.
fn order_tracks(legs: &[Vec<Leg>], members: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let leg = |m: (usize, usize)| legs[m.0][m.1];
    let near = |a: f64, b: f64| (a - b).abs() < TRACK + 4.0;
    let ups = |l: Leg| {
        if l.within {
            vec![l.up, l.low]
        } else {
            vec![l.up]
        }
    };
    let lows = |l: Leg| if l.within { vec![] } else { vec![l.low] };
    // before[i][j]: member i must lie above member j.
    let n = members.len();
    let mut blockers = vec![0usize; n];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        for j in 0..n {
            if i == j {
                continue;
            }
            let (a, b) = (leg(members[i]), leg(members[j]));
            if ups(a).iter().any(|&x| lows(b).iter().any(|&y| near(x, y))) {
                after[i].push(j);
                blockers[j] += 1;
            }
        }
    }
    let key = |m: (usize, usize)| {
        let l = leg(m);
        if l.within {
            (0, (l.low - l.up).abs(), m.0)
        } else if l.low >= l.up {
            (1, -l.up, m.0)
        } else {
            (2, l.up, m.0)
        }
    };
    let mut done = vec![false; n];
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        // The best free member; with a cycle (two legs each above the
        // other), the best left at all.
        let pick = (0..n)
            .filter(|&i| !done[i] && blockers[i] == 0)
            .min_by(|&a, &b| cmp_key(key(members[a]), key(members[b])))
            .or_else(|| {
                (0..n)
                    .filter(|&i| !done[i])
                    .min_by(|&a, &b| cmp_key(key(members[a]), key(members[b])))
            });
        let Some(i) = pick else { break };
        done[i] = true;
        for &j in &after[i] {
            blockers[j] = blockers[j].saturating_sub(1);
        }
        out.push(members[i]);
    }
    out
}

fn cmp_key(a: (u8, f64, usize), b: (u8, f64, usize)) -> std::cmp::Ordering {
    a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// The x at which an arrow crosses a lane's row of boxes near `want`: there
/// when it is clear of the boxes, else in the nearest gap between two boxes
/// with room, or beside the row.
fn channel(
    row: &[usize],
    boxes: &[NodeBox],
    want: f64,
    lane: usize,
    left: f64,
    used: &mut HashMap<(usize, i64), usize>,
    beside: &mut HashMap<(usize, bool), usize>,
) -> f64 {
    let (Some(&first), Some(&last)) = (row.first(), row.last()) else {
        return want;
    };
    let (start, end) = (boxes[first].x, boxes[last].x + boxes[last].w);
    // Offsets within a gap between two boxes: 0, +12, -12.
    let offset = |k: usize| match k {
        0 => 0.0,
        1 => TRACK,
        _ => -TRACK,
    };
    let mut candidates: Vec<(f64, Option<i64>)> = row
        .windows(2)
        .filter_map(|w| {
            let mid = (boxes[w[0]].x + boxes[w[0]].w + boxes[w[1]].x) / 2.0;
            let k = *used.get(&(lane, mid.round() as i64)).unwrap_or(&0);
            (k < PER_CHANNEL).then(|| (mid + offset(k), Some(mid.round() as i64)))
        })
        .collect();
    let k_left = *beside.get(&(lane, false)).unwrap_or(&0);
    let k_right = *beside.get(&(lane, true)).unwrap_or(&0);
    let x_left = start - GAP_X / 2.0 - k_left as f64 * TRACK;
    let x_right = end + GAP_X / 2.0 + k_right as f64 * TRACK;
    if x_left >= left {
        candidates.push((x_left, None));
    }
    candidates.push((x_right, None));
    let Some(&(x, slot)) = candidates
        .iter()
        .min_by(|a, b| (a.0 - want).abs().total_cmp(&(b.0 - want).abs()))
    else {
        return want;
    };
    match slot {
        Some(mid) => *used.entry((lane, mid)).or_insert(0) += 1,
        None => *beside.entry((lane, x > end)).or_insert(0) += 1,
    }
    x
}

/// The paths, given each lane's row (top, bottom) and each gap's track ys
/// in `Plan::tracks` order.
pub(super) fn draw(
    map: &StrategyMap,
    plan: &Plan,
    rows: &[(f64, f64)],
    track_ys: &[Vec<f64>],
) -> Vec<LinkPath> {
    let mut track_of: HashMap<(usize, usize), f64> = HashMap::new();
    for (g, list) in plan.tracks.iter().enumerate() {
        for (k, &m) in list.iter().enumerate() {
            if let Some(&y) = track_ys.get(g).and_then(|ys| ys.get(k)) {
                track_of.insert(m, y);
            }
        }
    }
    map.edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let legs = &plan.legs[e];
            let (Some(first), Some(last)) = (legs.first(), legs.last()) else {
                return LinkPath {
                    d: String::new(),
                    head: String::new(),
                };
            };
            let track = |k: usize| track_of.get(&(e, k)).copied().unwrap_or(0.0);
            if first.within {
                let lane = map.nodes[edge.from].lane;
                let y = rows[lane].1;
                let t = track(0);
                let points = [
                    (first.up, y),
                    (first.up, t),
                    (first.low, t),
                    (first.low, y + ARROW),
                ];
                return LinkPath {
                    d: rounded(&points),
                    head: head(first.low, y, true),
                };
            }
            // Top to bottom: the top end, each gap's track, the bottom end.
            let top_lane = first.gap;
            let bottom_lane = last.gap + 1;
            let mut points = vec![(first.up, rows[top_lane].1)];
            for (k, leg) in legs.iter().enumerate() {
                let t = track(k);
                points.push((leg.up, t));
                points.push((leg.low, t));
            }
            points.push((
                last.low,
                rows[bottom_lane.min(rows.len().saturating_sub(1))].0,
            ));
            let down = plan.downwards[e];
            let (tip, up) = if down {
                (points[points.len() - 1], false)
            } else {
                points.reverse();
                (points[points.len() - 1], true)
            };
            // The line stops where the arrowhead begins.
            if let Some(end) = points.last_mut() {
                end.1 += if up { ARROW } else { -ARROW };
            }
            LinkPath {
                d: rounded(&points),
                head: head(tip.0, tip.1, up),
            }
        })
        .collect()
}

/// An orthogonal polyline as a path with rounded corners (cubic curves with
/// both control points on the corner); points in line with their
/// neighbours are skipped.
fn rounded(points: &[(f64, f64)]) -> String {
    let mut kept: Vec<(f64, f64)> = Vec::new();
    for &p in points {
        if let Some(&q) = kept.last()
            && (p.0 - q.0).abs() < 0.05
            && (p.1 - q.1).abs() < 0.05
        {
            continue;
        }
        if kept.len() >= 2 {
            let (a, b) = (kept[kept.len() - 2], kept[kept.len() - 1]);
            let straight = ((a.0 - b.0).abs() < 0.05 && (b.0 - p.0).abs() < 0.05)
                || ((a.1 - b.1).abs() < 0.05 && (b.1 - p.1).abs() < 0.05);
            if straight {
                kept.pop();
            }
        }
        kept.push(p);
    }
    let Some(&(x0, y0)) = kept.first() else {
        return String::new();
    };
    let mut d = format!("M{x0:.1},{y0:.1}");
    for k in 1..kept.len() {
        let (b, c) = (kept[k], kept.get(k + 1).copied());
        let Some(c) = c else {
            d.push_str(&format!(" L{:.1},{:.1}", b.0, b.1));
            break;
        };
        let a = kept[k - 1];
        let r = 6.0_f64.min(dist(a, b) / 2.0).min(dist(b, c) / 2.0);
        let into = toward(b, a, r);
        let out = toward(b, c, r);
        d.push_str(&format!(
            " L{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            into.0, into.1, b.0, b.1, b.0, b.1, out.0, out.1
        ));
    }
    d
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// The point `r` from `from` toward `to`.
fn toward(from: (f64, f64), to: (f64, f64), r: f64) -> (f64, f64) {
    let d = dist(from, to);
    if d < 1e-9 {
        return from;
    }
    (
        from.0 + (to.0 - from.0) * r / d,
        from.1 + (to.1 - from.1) * r / d,
    )
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
