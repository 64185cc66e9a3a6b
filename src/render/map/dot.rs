//! `okr map --format dot`: the map for Graphviz (`dot -Tsvg`). One cluster
//! per perspective with its strategic objectives on one rank, arrows pointing
//! up (`rankdir=BT`), the lane's name on top; backwards links dashed and
//! red, and left out of the ranking so they cannot turn the lanes over;
//! invisible links stack the lanes in perspective order. Node ids are generated; every
//! user-written string is a quoted label with `"`, `\` and `&` escaped and
//! hidden characters made spaces.

use std::fmt::Write as _;

use crate::eval::map::StrategyMap;

use super::layout::FONT;
use super::measure::wrap;
use super::{BACKWARDS, Ids, OKRS_SHOWN, colours, lane_name, one_line, status_text};

pub(super) fn render(map: &StrategyMap) -> String {
    let mut ids = Ids::new();
    let node_ids: Vec<String> = map.nodes.iter().map(|n| ids.make("o_", &n.id)).collect();
    let mut out = String::new();
    out.push_str("digraph strategy_map {\n");
    let mut heading = match &map.organization {
        Some(org) => format!("Strategy map of {}", org),
        None => "Strategy map".to_owned(),
    };
    heading.push_str(&format!(", as of {}", map.as_of));
    if let Some(q) = &map.okr_quarter {
        heading.push_str(&format!(", OKRs of {q}"));
    }
    let _ = writeln!(
        out,
        "  graph [rankdir=BT, newrank=true, nodesep=0.4, ranksep=0.7, fontname=\"Helvetica\", labelloc=t, label=\"{}\"];",
        quoted(&heading)
    );
    out.push_str("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, penwidth=2];\n");
    out.push_str("  edge [color=\"#4D4D4D\"];\n");
    let mut okr_links: Vec<(String, usize)> = Vec::new();
    let mut firsts: Vec<&str> = Vec::new();
    for (l, lane) in map.lanes.iter().enumerate() {
        let members = map.lane_nodes(l);
        // With `rankdir=BT`, Graphviz reads a cluster's `labelloc` upside
        // down: `b` puts the lane's name at its top.
        let _ = writeln!(out, "  subgraph cluster_{l} {{");
        let _ = writeln!(
            out,
            "    label=\"{}\"; labelloc=b; style=filled; fillcolor=\"#F5F5F5\"; color=\"#DDDDDD\";",
            quoted(&lane_name(&lane.label))
        );
        if let Some(&first) = members.first() {
            firsts.push(&node_ids[first]);
            let same: Vec<&str> = members.iter().map(|&i| node_ids[i].as_str()).collect();
            let _ = writeln!(out, "    {{ rank=same; {}; }}", same.join("; "));
        }
        for &i in &members {
            let node = &map.nodes[i];
            let (stroke, fill) = colours(node.status);
            let mut text = vec![one_line(&node.id)];
            text.extend(wrap(&one_line(&node.title), 180.0, FONT, 4, false));
            text.push(status_text(node.status, node.score));
            let _ = writeln!(
                out,
                "    {} [label=\"{}\", fillcolor=\"{fill}\", color=\"{stroke}\"];",
                node_ids[i],
                lines(&text)
            );
            for okr in node.okrs.iter().take(OKRS_SHOWN) {
                let id = ids.make("k_", &format!("{}_{}_{}", node.id, okr.team, okr.id));
                let (stroke, fill) = colours(okr.status);
                let mut text = vec![format!("{}/{}", one_line(&okr.team), one_line(&okr.id))];
                text.extend(wrap(&one_line(&okr.title), 160.0, FONT, 2, false));
                text.push(status_text(okr.status, okr.score));
                let _ = writeln!(
                    out,
                    "    {id} [label=\"{}\", fontsize=9, penwidth=1, fillcolor=\"{fill}\", color=\"{stroke}\"];",
                    lines(&text)
                );
                okr_links.push((id, i));
            }
            if node.okrs.len() > OKRS_SHOWN {
                let id = ids.make("k_", &format!("{}_more", node.id));
                let _ = writeln!(
                    out,
                    "    {id} [label=\"and {} more OKRs\", fontsize=9, penwidth=1, fillcolor=\"#FFFFFF\", color=\"#999999\"];",
                    node.okrs.len() - OKRS_SHOWN
                );
                okr_links.push((id, i));
            }
        }
        out.push_str("  }\n");
    }
    for edge in &map.edges {
        let style = if edge.backwards {
            format!(" [style=dashed, color=\"{BACKWARDS}\", penwidth=1.5, constraint=false]")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} -> {}{style};",
            node_ids[edge.from], node_ids[edge.to]
        );
    }
    for (okr, i) in &okr_links {
        let _ = writeln!(
            out,
            "  {okr} -> {} [style=dotted, arrowhead=none, color=\"#999999\"];",
            node_ids[*i]
        );
    }
    // Keeps the lanes in perspective order even where no arrow says so;
    // with OKRs, a rank apart, for the OKRs that hang under the lane above.
    let minlen = if map.okr_quarter.is_some() {
        ", minlen=2"
    } else {
        ""
    };
    for pair in firsts.windows(2) {
        let _ = writeln!(out, "  {} -> {} [style=invis{minlen}];", pair[1], pair[0]);
    }
    out.push_str("}\n");
    out
}

/// Lines of a label, each escaped, joined by DOT's centred line break.
fn lines(text: &[String]) -> String {
    text.iter()
        .map(|t| quoted(t))
        .collect::<Vec<_>>()
        .join("\\n")
}

/// User text inside a DOT quoted string, on one line: hidden characters
/// (`text::is_hidden`) become spaces; `\\` and `"` are escaped (so no
/// escape sequence like `\N` or `\l` survives); `&` is written `&amp;`,
/// since Graphviz decodes HTML entities (`&#8238;`, `&#x1b;`, `&rlm;`) in
/// labels, so the label reads as the user wrote it.
fn quoted(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_cannot_end_early() {
        assert_eq!(quoted("a\" ];\nb\\N <x>"), "a\\\" ]; b\\\\N <x>");
    }

    #[test]
    fn entities_are_not_decoded() {
        assert_eq!(quoted("R&D & ops"), "R&amp;D &amp; ops");
        assert_eq!(
            quoted("&#8238;x &#x1b; &rlm;\u{202E}"),
            "&amp;#8238;x &amp;#x1b; &amp;rlm;"
        );
    }
}
