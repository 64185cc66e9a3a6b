//! `okr map --format svg`: the laid-out map as one self-contained SVG
//! document. Styling is in presentation attributes (no `<style>`, which
//! would leak into an HTML page the SVG is inlined into), there are no ids,
//! scripts, links or external references, and every user-written string
//! passes through `xml`, which also drops characters XML cannot hold.

use std::fmt::Write as _;

use crate::eval::map::StrategyMap;
use crate::render::text::xml;

use super::layout::{self, Layout, TextLine};
use super::{BACKWARDS, colours, lane_name, one_line, status_key, status_text};

const INK: &str = "#1A1A1A";
const LINK: &str = "#4D4D4D";

/// The map as an SVG document; with `inline`, as an element of an HTML
/// page instead: no XML namespace (HTML puts `<svg>` in it) and the title
/// and description given the ids `{inline}-title` and `{inline}-desc`, which
/// `aria-labelledby` names (the only ids, chosen by the page).
pub(super) fn render(map: &StrategyMap, inline: Option<&str>) -> String {
    let layout = layout::layout(map);
    let Layout { width, height, .. } = layout;
    let mut out = String::new();
    let (namespace, labelled, title_id, desc_id) = match inline {
        None => (
            " xmlns=\"http://www.w3.org/2000/svg\"".to_owned(),
            String::new(),
            String::new(),
            String::new(),
        ),
        Some(id) => {
            let id = xml(id);
            (
                String::new(),
                format!(" aria-labelledby=\"{id}-title {id}-desc\""),
                format!(" id=\"{id}-title\""),
                format!(" id=\"{id}-desc\""),
            )
        }
    };
    let _ = writeln!(
        out,
        "<svg{namespace} width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\"{labelled} \
         font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" fill=\"{INK}\">"
    );
    let title = match &map.organization {
        Some(org) => format!("Strategy map of {}", one_line(org)),
        None => "Strategy map".to_owned(),
    };
    let _ = writeln!(out, "<title{title_id}>{}</title>", xml(&title));
    let _ = writeln!(out, "<desc{desc_id}>{}</desc>", xml(&description(map)));
    let _ = writeln!(
        out,
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#FFFFFF\"/>"
    );
    text(&mut out, &layout.heading);

    out.push_str("<g class=\"lanes\">\n");
    for (l, lane) in layout.lanes.iter().enumerate() {
        let fill = if l % 2 == 0 { "#F5F5F5" } else { "#FAFAFA" };
        let _ = writeln!(
            out,
            "<g class=\"lane\" data-perspective=\"{}\">",
            xml(&map.lanes[l].perspective)
        );
        let _ = writeln!(
            out,
            "<rect class=\"band\" x=\"12\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"#DDDDDD\"/>",
            lane.y,
            width - 24.0,
            lane.height
        );
        for line in &lane.label {
            text(&mut out, line);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");

    out.push_str("<g class=\"links\">\n");
    for (edge, path) in map.edges.iter().zip(&layout.links) {
        let (class, colour, dash) = if edge.backwards {
            ("link backwards", BACKWARDS, " stroke-dasharray=\"6 4\"")
        } else {
            ("link", LINK, "")
        };
        let _ = writeln!(
            out,
            "<g class=\"{class}\" data-from=\"{}\" data-to=\"{}\">",
            xml(&map.nodes[edge.from].id),
            xml(&map.nodes[edge.to].id)
        );
        let _ = writeln!(
            out,
            "<path class=\"line\" d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash}/>",
            path.d
        );
        let _ = writeln!(
            out,
            "<path class=\"arrowhead\" d=\"{}\" fill=\"{colour}\"/>",
            path.head
        );
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");

    out.push_str("<g class=\"objectives\">\n");
    for (node, b) in map.nodes.iter().zip(&layout.boxes) {
        let (stroke, fill) = colours(node.status);
        let _ = writeln!(
            out,
            "<g class=\"objective\" data-id=\"{}\" data-status=\"{}\">",
            xml(&node.id),
            status_key(node.status)
        );
        // The tooltip: the whole title, and every supporting OKR.
        let mut tooltip = format!(
            "{} {} ({}): {}",
            one_line(&node.id),
            one_line(&node.title),
            lane_name(&map.lanes[node.lane].label),
            status_text(node.status, node.score)
        );
        for okr in &node.okrs {
            let _ = write!(
                tooltip,
                "\n{}/{} {}: {}",
                one_line(&okr.team),
                one_line(&okr.id),
                one_line(&okr.title),
                status_text(okr.status, okr.score)
            );
        }
        let _ = writeln!(out, "<title>{}</title>", xml_lines(&tooltip));
        let _ = writeln!(
            out,
            "<rect class=\"box\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>",
            b.x, b.y, b.w, b.h
        );
        if let Some(y) = b.rule {
            let _ = writeln!(
                out,
                "<path class=\"rule\" d=\"M{:.1},{y:.1} H{:.1}\" stroke=\"{stroke}\" stroke-width=\"1\"/>",
                b.x + 6.0,
                b.x + b.w - 6.0
            );
        }
        for &(x, y, status) in &b.marks {
            let (stroke, fill) = colours(status);
            let _ = writeln!(
                out,
                "<rect class=\"okr-status\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"8\" height=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>"
            );
        }
        for line in &b.lines {
            text(&mut out, line);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");

    out.push_str("<g class=\"legend\">\n");
    for item in &layout.legend {
        match item.status {
            Some(status) => {
                let (stroke, fill) = colours(status);
                let _ = writeln!(
                    out,
                    "<rect class=\"swatch\" x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>",
                    item.x, item.y
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<path class=\"swatch\" d=\"M{:.1},{:.1} h24\" stroke=\"{BACKWARDS}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                    item.x,
                    item.y + 6.0
                );
            }
        }
        text(&mut out, &item.text);
    }
    out.push_str("</g>\n");
    out.push_str("</svg>\n");
    out
}

fn text(out: &mut String, line: &TextLine) {
    let weight = if line.bold {
        " font-weight=\"bold\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<text class=\"{}\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\"{weight}>{}</text>",
        line.class,
        line.x,
        line.y,
        line.size,
        xml(&line.text)
    );
}

/// What the map shows, in words, for screen readers.
fn description(map: &StrategyMap) -> String {
    let backwards = map.edges.iter().filter(|e| e.backwards).count();
    let mut text = format!(
        "As of {}: {} strategic objectives in {} perspectives, {} links ({backwards} backwards).",
        map.as_of,
        map.nodes.len(),
        map.lanes.len(),
        map.edges.len()
    );
    for (l, lane) in map.lanes.iter().enumerate() {
        let nodes: Vec<String> = map
            .lane_nodes(l)
            .into_iter()
            .map(|i| {
                let n = &map.nodes[i];
                format!(
                    "{} {} ({})",
                    one_line(&n.id),
                    one_line(&n.title),
                    status_text(n.status, n.score)
                )
            })
            .collect();
        let _ = write!(
            text,
            " {}: {}.",
            lane_name(&lane.label),
            if nodes.is_empty() {
                "no objectives".to_owned()
            } else {
                nodes.join("; ")
            }
        );
    }
    if !map.edges.is_empty() {
        let links: Vec<String> = map
            .edges
            .iter()
            .map(|e| {
                format!(
                    "{} drives {}{}",
                    one_line(&map.nodes[e.from].id),
                    one_line(&map.nodes[e.to].id),
                    if e.backwards { " (backwards)" } else { "" }
                )
            })
            .collect();
        let _ = write!(text, " Links: {}.", links.join("; "));
    }
    text
}

/// Like `xml`, keeping line breaks (for tooltips).
fn xml_lines(text: &str) -> String {
    text.split('\n').map(xml).collect::<Vec<_>>().join("&#10;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml("<script>alert(1)</script> & \"q\" 'a'\u{1b}\u{FFFF}"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos; \u{FFFD}"
        );
    }
}
