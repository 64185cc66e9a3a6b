//! `okr map --format mermaid`: a Mermaid flowchart, which GitHub renders in
//! Markdown. One subgraph per perspective, top of the map first, arrows
//! pointing up (`flowchart BT`); backwards links dotted and red, written
//! from their target (`to <-.- from`) so they rank like the others; and
//! invisible links (`~~~`) from each lane to the lane above it, so Mermaid's
//! layout (dagre; GitHub renders Mermaid 11 without the ELK layout) stacks
//! the lanes in perspective order, each lane's objectives on one row unless
//! a link within the lane lifts one. Ids are
//! made from letters, digits and `_` behind a prefix (never a keyword like
//! `end`); labels are quoted with every character Mermaid could read as
//! syntax or markup written as a Mermaid entity (`#quot;`).

use std::fmt::Write as _;

use crate::eval::map::StrategyMap;

use super::{
    BACKWARDS, Ids, OKRS_SHOWN, colours, lane_name, one_line, status_key, status_text,
    used_statuses,
};

/// Above this many invisible links between two lanes, the lanes are
/// stacked through one node of each instead of every pair.
const MAX_STACKING: usize = 100;

pub(super) fn render(map: &StrategyMap) -> String {
    let mut ids = Ids::new();
    let node_ids: Vec<String> = map.nodes.iter().map(|n| ids.make("o_", &n.id)).collect();
    let mut out = String::new();
    let _ = writeln!(out, "%% okr map, as of {}", map.as_of);
    out.push_str("flowchart BT\n");
    // (okr node id, strategic objective index) for the support lines.
    let mut okr_links: Vec<(String, usize)> = Vec::new();
    let mut classes: Vec<(String, String)> = Vec::new();
    for (l, lane) in map.lanes.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph {}[\"{}\"]",
            ids.make("p_", &lane.perspective),
            label(&lane_name(&lane.label))
        );
        for i in map.lane_nodes(l) {
            let node = &map.nodes[i];
            let _ = writeln!(
                out,
                "    {}[\"{}<br/>{}\"]",
                node_ids[i],
                label(&format!("{} {}", node.id, node.title)),
                label(&status_text(node.status, node.score))
            );
            classes.push((node_ids[i].clone(), status_key(node.status)));
            for okr in node.okrs.iter().take(OKRS_SHOWN) {
                let id = ids.make("k_", &format!("{}_{}_{}", node.id, okr.team, okr.id));
                let _ = writeln!(
                    out,
                    "    {id}(\"{}<br/>{}\")",
                    label(&format!("{}/{} {}", okr.team, okr.id, okr.title)),
                    label(&status_text(okr.status, okr.score))
                );
                classes.push((id.clone(), status_key(okr.status)));
                okr_links.push((id, i));
            }
            if node.okrs.len() > OKRS_SHOWN {
                let id = ids.make("k_", &format!("{}_more", node.id));
                let _ = writeln!(
                    out,
                    "    {id}(\"and {} more OKRs\")",
                    node.okrs.len() - OKRS_SHOWN
                );
                okr_links.push((id, i));
            }
        }
        out.push_str("  end\n");
    }
    for edge in &map.edges {
        // A backwards link is written from its target with the head at the
        // start, so that it ranks like the others and keeps the lanes in
        // order; it still points at its target.
        if edge.backwards {
            let _ = writeln!(out, "  {} <-.- {}", node_ids[edge.to], node_ids[edge.from]);
        } else {
            let _ = writeln!(out, "  {} --> {}", node_ids[edge.from], node_ids[edge.to]);
        }
    }
    for (okr, i) in &okr_links {
        let _ = writeln!(out, "  {okr} --- {}", node_ids[*i]);
    }
    // Invisible links stack the lanes: from the top of each lane (its
    // objectives no link within the lane leaves) to the bottom of the lane
    // above (its OKRs, and the objectives no link within the lane enters),
    // so every node of a lane ranks below every node of the lane above.
    let mut stack = Vec::new();
    for l in 1..map.lanes.len() {
        let (upper, lower) = (map.lane_nodes(l - 1), map.lane_nodes(l));
        let within = |i: usize, out: bool| {
            map.edges.iter().any(|e| {
                let (a, b) = if out { (e.from, e.to) } else { (e.to, e.from) };
                a == i && map.nodes[b].lane == map.nodes[i].lane && !e.backwards
            })
        };
        let mut bottoms: Vec<&str> = Vec::new();
        for &i in &upper {
            if !map.nodes[i].okrs.is_empty() {
                bottoms.extend(
                    okr_links
                        .iter()
                        .filter(|(_, o)| *o == i)
                        .map(|(id, _)| id.as_str()),
                );
            } else if !within(i, false) {
                bottoms.push(&node_ids[i]);
            }
        }
        let tops: Vec<&str> = lower
            .iter()
            .filter(|&&i| !within(i, true))
            .map(|&i| node_ids[i].as_str())
            .collect();
        if tops.len() * bottoms.len() <= MAX_STACKING {
            for t in &tops {
                for b in &bottoms {
                    stack.push(format!("  {t} ~~~ {b}"));
                }
            }
        } else if let (Some(first_top), Some(first_bottom)) = (tops.first(), bottoms.first()) {
            // Large lanes: through one node of each lane, which keeps the
            // text linear (Mermaid usually keeps the order then too).
            for t in &tops {
                stack.push(format!("  {t} ~~~ {first_bottom}"));
            }
            for b in bottoms.iter().skip(1) {
                stack.push(format!("  {first_top} ~~~ {b}"));
            }
        }
    }
    for status in used_statuses(map) {
        let (stroke, fill) = colours(status);
        let key = status_key(status);
        let members: Vec<&str> = classes
            .iter()
            .filter(|(_, k)| *k == key)
            .map(|(id, _)| id.as_str())
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "  classDef s_{key} fill:{fill},stroke:{stroke},stroke-width:2px,color:#1A1A1A"
        );
        let _ = writeln!(out, "  class {} s_{key}", members.join(","));
    }
    let backwards: Vec<String> = map
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.backwards)
        .map(|(k, _)| k.to_string())
        .collect();
    if !backwards.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{BACKWARDS},stroke-width:2px",
            backwards.join(",")
        );
    }
    if !okr_links.is_empty() {
        let support: Vec<String> = (map.edges.len()..map.edges.len() + okr_links.len())
            .map(|k| k.to_string())
            .collect();
        let _ = writeln!(out, "  linkStyle {} stroke:#999999", support.join(","));
    }
    if !stack.is_empty() {
        out.push_str("  %% invisible links: each lane below the one above it\n");
    }
    for line in stack {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// User text for inside a quoted Mermaid label, on one line: hidden
/// characters (`text::is_hidden`) become spaces, and every character Mermaid
/// reads as syntax, markup or the start of an entity (`#`, `&`, and the
/// placeholders of its entity decoder) is written as a numeric or named
/// Mermaid entity, so no entity from the user's text is decoded.
fn label(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            // Mermaid reads `:...#...;` in a line with `style` as a style.
            ':' => out.push_str("#58;"),
            // A label in backticks is Markdown.
            '`' => out.push_str("#96;"),
            // Mermaid stands `ﬂ°°`, `ﬂ°` and `¶ß` in for `&#`, `&` and `;`
            // while it parses, and turns every one back, the user's too.
            '\u{FB02}' => out.push_str("#64258;"),
            '¶' => out.push_str("#182;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_inert() {
        assert_eq!(
            label("<script>alert(1)</script> & \"q\" #1: `x`\nend"),
            "#lt;script#gt;alert(1)#lt;/script#gt; #amp; #quot;q#quot; #35;1#58; #96;x#96; end"
        );
        assert_eq!(
            label("#8238;x #x202E;\u{202E}y #rlm; \u{FB02}\u{B0}\u{B0}8238\u{B6}\u{DF}"),
            "#35;8238;x #35;x202E; y #35;rlm; #64258;\u{B0}\u{B0}8238#182;\u{DF}"
        );
    }
}
