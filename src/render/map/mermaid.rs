//! `okr map --format mermaid`: a Mermaid flowchart, which GitHub renders in
//! Markdown. One subgraph per perspective, top of the map first, arrows
//! pointing up (`flowchart BT`); backwards links dotted and red. Ids are
//! made from letters, digits and `_` behind a prefix (never a keyword like
//! `end`); labels are quoted with every character Mermaid could read as
//! syntax or markup written as a Mermaid entity (`#quot;`).

use std::fmt::Write as _;

use crate::eval::map::StrategyMap;

use super::{
    BACKWARDS, Ids, OKRS_SHOWN, colours, lane_name, one_line, status_key, status_text,
    used_statuses,
};

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
        let arrow = if edge.backwards { "-.->" } else { "-->" };
        let _ = writeln!(
            out,
            "  {} {arrow} {}",
            node_ids[edge.from], node_ids[edge.to]
        );
    }
    for (okr, i) in &okr_links {
        let _ = writeln!(out, "  {okr} --- {}", node_ids[*i]);
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
