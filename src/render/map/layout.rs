//! Where everything of the SVG strategy map goes, computed without Graphviz.
//!
//! - **Lanes**: one horizontal band per perspective, top to bottom in map
//!   order, each as tall as its tallest box plus room above and below for
//!   the arrows between lanes.
//! - **Boxes**: one fixed-width column per objective, a lane's boxes centred
//!   in the widest lane. Text is wrapped to the box width with an
//!   approximate character width (0.6 em, 1 em for wide East Asian
//!   characters, so the estimate errs on the wide side); titles are capped at
//!   a few lines with an ellipsis, and every box in a lane gets the height of
//!   the tallest, so the lane's top and bottom edges are straight lines.
//! - **Order within a lane**: the file order, then a few barycentre sweeps
//!   (each box moves to the mean x of the boxes it links to in other lanes,
//!   downwards then upwards), keeping the order with the fewest crossings of
//!   the links drawn as straight lines. Ties keep the current order, so the
//!   result depends only on the input.
//! - **Arrows**: orthogonal, routed in `route.rs` from the x positions
//!   alone: each end its own point on a box edge, vertical runs through the
//!   gaps between boxes of the lanes in between, horizontal runs on tracks
//!   of their own in the gap below each row. Each gap is then made as deep
//!   as its tracks need, with the lane edge between two tracks, so no two
//!   arrows run closer than `TRACK` and none crosses a box, a lane title or
//!   runs along a lane edge. Arrowheads are drawn as triangles rather than
//!   markers, so the SVG needs no ids and no `url()`.
//! - **Text**: at least 11 px; with `--okrs` an OKR's status, team and id
//!   are wrapped, never cut.

use crate::eval::map::StrategyMap;
use crate::eval::score::Status;

use super::measure::{text_width, truncate, wrap};
use super::order::order;
use super::route::{TRACK, TRACK_PAD, draw, plan};
use super::{OKRS_SHOWN, lane_name, one_line, status_text};

/// Font sizes in px: text in boxes, small print, lane labels, the heading.
pub(super) const FONT: f64 = 12.0;
pub(super) const SMALL: f64 = 11.0;
const LABEL_FONT: f64 = 13.0;
const HEADING_FONT: f64 = 14.0;

pub(super) const BOX_W: f64 = 200.0;
pub(super) const BOX_PAD: f64 = 8.0;
pub(super) const GAP_X: f64 = 56.0;
pub(super) const LANE_PAD: f64 = 36.0;
const LABEL_W: f64 = 112.0;
const MARGIN: f64 = 12.0;
const HEADER_H: f64 = 32.0;
const LINE: f64 = 16.0;
const SMALL_LINE: f64 = 14.0;
const TITLE_LINES: usize = 4;
const OKR_HEAD_LINES: usize = 6;
pub(super) const ARROW: f64 = 8.0;

pub(super) struct Layout {
    pub width: f64,
    pub height: f64,
    pub heading: TextLine,
    pub lanes: Vec<LaneBox>,
    /// By node index.
    pub boxes: Vec<NodeBox>,
    /// By edge index.
    pub links: Vec<LinkPath>,
    pub legend: Vec<LegendItem>,
}

pub(super) struct TextLine {
    pub x: f64,
    /// The baseline.
    pub y: f64,
    pub size: f64,
    pub bold: bool,
    pub class: &'static str,
    pub text: String,
}

pub(super) struct LaneBox {
    pub y: f64,
    pub height: f64,
    pub label: Vec<TextLine>,
}

pub(super) struct NodeBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub lines: Vec<TextLine>,
    /// With OKRs: the y of the rule above them, and a status square per OKR.
    pub rule: Option<f64>,
    pub marks: Vec<(f64, f64, Status)>,
}

pub(super) struct LinkPath {
    pub d: String,
    pub head: String,
}

pub(super) struct LegendItem {
    pub x: f64,
    pub y: f64,
    /// None: the backwards-link sample.
    pub status: Option<Status>,
    pub text: TextLine,
}

pub(super) fn layout(map: &StrategyMap) -> Layout {
    let order = order(map);
    let widest = order.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let content_x = MARGIN + LABEL_W + GAP_X;
    let content_w = span(widest);

    // Across first: every box's x, and the arrows' routes in x.
    let mut texts: Vec<Option<BoxText>> = (0..map.nodes.len())
        .map(|i| Some(box_text(map, i)))
        .collect();
    let mut boxes: Vec<NodeBox> = (0..map.nodes.len())
        .map(|_| NodeBox {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0,
            lines: Vec::new(),
            rule: None,
            marks: Vec::new(),
        })
        .collect();
    for row in &order {
        let offset = content_x + (content_w - span(row.len())) / 2.0;
        for (k, &i) in row.iter().enumerate() {
            boxes[i].x = offset + k as f64 * (BOX_W + GAP_X);
            boxes[i].w = BOX_W;
        }
    }
    let plan = plan(map, &order, &boxes, MARGIN + LABEL_W + 16.0);
    let width = (content_x + content_w + GAP_X + MARGIN).max(plan.right + GAP_X / 2.0 + MARGIN);
    let mut width = width;

    // Then down: each lane's row of boxes, and below it a gap as deep as its
    // tracks need, with the lane edge between two tracks.
    let mut y = MARGIN + HEADER_H;
    let mut lanes = Vec::new();
    let mut rows = Vec::new(); // (top, bottom) of each lane's row of boxes
    let mut track_ys = Vec::new();
    let mut band_top = y;
    for (l, lane) in map.lanes.iter().enumerate() {
        let row_h = order[l]
            .iter()
            .map(|&i| texts[i].as_ref().map_or(0.0, |t| t.height))
            .fold(40.0, f64::max);
        let top = y + LANE_PAD;
        for &i in &order[l] {
            let Some(BoxText {
                lines, rule, marks, ..
            }) = texts[i].take()
            else {
                continue;
            };
            let b = &mut boxes[i];
            let x = b.x;
            b.y = top;
            b.h = row_h;
            b.lines = lines
                .into_iter()
                .map(|t| TextLine {
                    x: t.x + x,
                    y: t.y + top,
                    ..t
                })
                .collect();
            b.rule = rule.map(|r| r + top);
            b.marks = marks
                .into_iter()
                .map(|(mx, my, s)| (mx + x, my + top, s))
                .collect();
        }
        let bottom = top + row_h;
        rows.push((top, bottom));
        let n = plan.tracks[l].len();
        let last = l + 1 == map.lanes.len();
        let (ys, edge, next) = if last {
            // Below the last row: its links within the lane, then the edge.
            let ys: Vec<f64> = (0..n)
                .map(|k| bottom + TRACK_PAD + k as f64 * TRACK)
                .collect();
            let edge = ys.last().map_or(bottom + LANE_PAD, |t| t + TRACK_PAD);
            (ys, edge, edge)
        } else {
            let gap = (2.0 * LANE_PAD).max(2.0 * TRACK_PAD + n as f64 * TRACK);
            let first = bottom + (gap - n as f64 * TRACK) / 2.0;
            // Links within the lane above the edge, the rest split around it.
            let split = plan.within(l).max(n / 2);
            let ys: Vec<f64> = (0..n)
                .map(|k| first + k as f64 * TRACK + if k >= split { TRACK } else { 0.0 })
                .collect();
            let edge = first + split as f64 * TRACK;
            (ys, edge, bottom + gap)
        };
        track_ys.push(ys);
        let height = edge - band_top;
        let label = wrap(&lane_name(&lane.label), LABEL_W - 20.0, LABEL_FONT, 3, true);
        let label_top = band_top + height / 2.0 - label.len() as f64 * LINE / 2.0 + LABEL_FONT;
        lanes.push(LaneBox {
            y: band_top,
            height,
            label: label
                .into_iter()
                .enumerate()
                .map(|(k, text)| TextLine {
                    x: MARGIN + 10.0,
                    y: label_top + k as f64 * LINE,
                    size: LABEL_FONT,
                    bold: true,
                    class: "lane-label",
                    text,
                })
                .collect(),
        });
        band_top = edge;
        // The next row sits as far below the gap's middle as this one above.
        y = next - LANE_PAD;
    }
    let links = draw(map, &plan, &rows, &track_ys);

    let (legend, legend_bottom) = legend(map, band_top + 12.0, &mut width);
    let heading = TextLine {
        x: MARGIN,
        y: MARGIN + HEADING_FONT + 4.0,
        size: HEADING_FONT,
        bold: true,
        class: "heading",
        text: truncate(&heading(map), width - 2.0 * MARGIN, HEADING_FONT, true),
    };
    Layout {
        width,
        height: legend_bottom + MARGIN,
        heading,
        lanes,
        boxes,
        links,
        legend,
    }
}

fn heading(map: &StrategyMap) -> String {
    let mut text = match &map.organization {
        Some(org) => format!("Strategy map of {}", one_line(org)),
        None => "Strategy map".to_owned(),
    };
    text.push_str(&format!(" · as of {}", map.as_of));
    if let Some(q) = &map.okr_quarter {
        text.push_str(&format!(" · OKRs of {}", one_line(q)));
    }
    text
}

/// The width of a row of `n` boxes.
pub(super) fn span(n: usize) -> f64 {
    n.max(1) as f64 * BOX_W + (n.max(1) - 1) as f64 * GAP_X
}

/// A box's contents relative to its top-left corner.
struct BoxText {
    lines: Vec<TextLine>,
    height: f64,
    rule: Option<f64>,
    marks: Vec<(f64, f64, Status)>,
}

fn box_text(map: &StrategyMap, i: usize) -> BoxText {
    let node = &map.nodes[i];
    let inner = BOX_W - 2.0 * BOX_PAD;
    let mut lines = Vec::new();
    let mut y = BOX_PAD;
    let push = |lines: &mut Vec<TextLine>, y: &mut f64, text, size, bold, class, indent| {
        let step = if size == FONT { LINE } else { SMALL_LINE };
        lines.push(TextLine {
            x: BOX_PAD + indent,
            y: *y + size,
            size,
            bold,
            class,
            text,
        });
        *y += step;
    };
    let id = truncate(&one_line(&node.id), inner, FONT, true);
    push(&mut lines, &mut y, id, FONT, true, "id", 0.0);
    for text in wrap(&one_line(&node.title), inner, FONT, TITLE_LINES, false) {
        push(&mut lines, &mut y, text, FONT, false, "title", 0.0);
    }
    y += 2.0;
    let status = status_text(node.status, node.score);
    push(&mut lines, &mut y, status, SMALL, false, "status", 0.0);
    let mut rule = None;
    let mut marks = Vec::new();
    if let Some(quarter) = &map.okr_quarter {
        y += 4.0;
        rule = Some(y);
        y += 3.0;
        let header = if node.okrs.is_empty() {
            format!("no OKR of {} supports it", one_line(quarter))
        } else {
            format!("OKRs of {}", one_line(quarter))
        };
        let header = truncate(&header, inner, SMALL, false);
        push(&mut lines, &mut y, header, SMALL, false, "okr-heading", 0.0);
        for okr in node.okrs.iter().take(OKRS_SHOWN) {
            marks.push((BOX_PAD, y + 2.0, okr.status));
            // The status first, so a long team name cannot cut it off.
            let head = format!(
                "{} · {}/{}",
                status_text(okr.status, okr.score),
                one_line(&okr.team),
                one_line(&okr.id)
            );
            // Wrapped, not cut: the box shows the whole status, team and id (up
            // to `OKR_HEAD_LINES` lines, against absurdly long names).
            for head in wrap(&head, inner - 12.0, SMALL, OKR_HEAD_LINES, false) {
                push(&mut lines, &mut y, head, SMALL, false, "okr", 12.0);
            }
            for title in wrap(&one_line(&okr.title), inner - 12.0, SMALL, 2, false) {
                push(&mut lines, &mut y, title, SMALL, false, "okr-title", 12.0);
            }
        }
        if node.okrs.len() > OKRS_SHOWN {
            let more = format!("and {} more", node.okrs.len() - OKRS_SHOWN);
            push(&mut lines, &mut y, more, SMALL, false, "okr-more", 12.0);
        }
    }
    BoxText {
        lines,
        height: y + BOX_PAD,
        rule,
        marks,
    }
}

/// The legend below the lanes, in rows that fit the width (which grows for
/// a single item that does not): the statuses used, and backwards links.
fn legend(map: &StrategyMap, top: f64, width: &mut f64) -> (Vec<LegendItem>, f64) {
    let mut entries: Vec<(Option<Status>, String)> = super::used_statuses(map)
        .into_iter()
        .map(|s| (Some(s), s.label().to_owned()))
        .collect();
    if map.edges.iter().any(|e| e.backwards) {
        entries.push((None, "backwards link (B007)".to_owned()));
    }
    let mut items = Vec::new();
    let (mut x, mut y) = (MARGIN + 10.0, top);
    for (status, text) in entries {
        let sample = if status.is_some() { 18.0 } else { 30.0 };
        let w = sample + text_width(&text, SMALL, false) + 18.0;
        if x + w > *width - MARGIN && x > MARGIN + 10.0 {
            x = MARGIN + 10.0;
            y += 18.0;
        }
        *width = width.max(x + w + MARGIN);
        items.push(LegendItem {
            x,
            y,
            status,
            text: TextLine {
                x: x + sample,
                y: y + SMALL,
                size: SMALL,
                bold: false,
                class: "legend-label",
                text,
            },
        });
        x += w;
    }
    (items, y + 18.0)
}
