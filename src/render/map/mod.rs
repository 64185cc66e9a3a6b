//! Drawing a `map::StrategyMap`: SVG laid out by okr itself (`layout.rs`,
//! `svg.rs`), Mermaid for GitHub Markdown and DOT for Graphviz, chosen in one
//! match. Statuses come from the map value; nothing here scores.

mod dot;
mod layout;
mod measure;
mod mermaid;
mod order;
mod route;
mod svg;

use crate::eval::map::StrategyMap;
use crate::eval::score::Status;

/// `--format` of `okr map`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MapFormat {
    /// A self-contained SVG laid out by okr (no Graphviz needed).
    Svg,
    /// A Mermaid flowchart, rendered by GitHub in Markdown.
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

pub(crate) fn render(format: MapFormat, map: &StrategyMap) -> String {
    match format {
        MapFormat::Svg => svg::render(map, None),
        MapFormat::Mermaid => mermaid::render(map),
        MapFormat::Dot => dot::render(map),
    }
}

/// The map as an `<svg>` element for an HTML page (the dashboard of
/// `okr report --format html`): no XML namespace, and its title and
/// description labelled `{id}-title` and `{id}-desc` for `aria-labelledby`.
pub(crate) fn svg_inline(map: &StrategyMap, id: &str) -> String {
    svg::render(map, Some(id))
}

/// The map as a Mermaid flowchart (without the ```mermaid fence).
pub(crate) fn mermaid(map: &StrategyMap) -> String {
    mermaid::render(map)
}

/// OKR objectives shown under one strategic objective; the rest are counted.
pub(crate) const OKRS_SHOWN: usize = 4;

/// Okabe-Ito colours (distinguishable with the common colour-vision
/// deficiencies), always paired with the status in words: (stroke, fill).
pub(crate) fn colours(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::OnTrack | Status::Green | Status::Met => ("#009E73", "#D5EFE6"),
        Status::AtRisk | Status::Yellow | Status::PartlyMet => ("#E69F00", "#FCEDCB"),
        Status::OffTrack | Status::Red | Status::Missed => ("#D55E00", "#F8DDCC"),
        Status::NotStarted | Status::Unscored | Status::DataOnly => ("#7F7F7F", "#EEEEEE"),
        // Okabe-Ito blue: nothing is expected yet.
        Status::Pending => ("#0072B2", "#DCEBF5"),
        Status::PartlyScored => ("#7F7F7F", "#FFFFFF"),
        // Grey on near-white, paler than unscored: given up, counted nowhere.
        Status::Dropped => ("#8A8A8A", "#FAFAFA"),
    }
}

/// The colour of backwards links (Okabe-Ito vermillion).
pub(crate) const BACKWARDS: &str = "#D55E00";

/// A status as an identifier: `on_track`.
pub(crate) fn status_key(status: Status) -> String {
    status.label().replace(' ', "_")
}

/// The status and score in words, as shown in a box: `on track 0.72`.
pub(crate) fn status_text(status: Status, score: Option<f64>) -> String {
    match score.filter(|s| s.is_finite()) {
        Some(s) if status != Status::Unscored => {
            format!("{} {}", status.label(), crate::render::fixed(s, 2))
        }
        _ => status.label().to_owned(),
    }
}

/// Every status in a fixed order, for legends and class definitions.
pub(crate) const STATUSES: [Status; 15] = [
    Status::OnTrack,
    Status::AtRisk,
    Status::OffTrack,
    Status::Green,
    Status::Yellow,
    Status::Red,
    Status::NotStarted,
    Status::Pending,
    Status::PartlyScored,
    Status::Unscored,
    Status::Dropped,
    Status::Met,
    Status::PartlyMet,
    Status::Missed,
    Status::DataOnly,
];

/// The statuses the map uses (strategic and, with `--okrs`, OKR objectives).
pub(crate) fn used_statuses(map: &StrategyMap) -> Vec<Status> {
    STATUSES
        .into_iter()
        .filter(|s| {
            map.nodes
                .iter()
                .any(|n| n.status == *s || n.okrs.iter().any(|o| o.status == *s))
        })
        .collect()
}

/// User text on one line: control and direction-changing characters become
/// spaces and runs of white space one space.
pub(crate) fn one_line(text: &str) -> String {
    crate::render::text::visible(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A perspective key as a lane name: `financial` -> `Financial`.
pub(crate) fn lane_name(perspective: &str) -> String {
    let text = one_line(perspective);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// Identifiers for Mermaid and DOT: `prefix` and the text's ASCII letters,
/// digits and underscores, made unique with a counter when two texts clean
/// up the same (the prefix keeps keywords like `end` or `graph` out).
pub(crate) struct Ids {
    used: std::collections::HashSet<String>,
}

impl Ids {
    pub(crate) fn new() -> Self {
        Ids {
            used: std::collections::HashSet::new(),
        }
    }

    pub(crate) fn make(&mut self, prefix: &str, text: &str) -> String {
        let clean: String = text
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .take(64)
            .collect();
        let base = format!("{prefix}{clean}");
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_and_unique() {
        let mut ids = Ids::new();
        assert_eq!(ids.make("o_", "end"), "o_end");
        assert_eq!(ids.make("o_", "F-1"), "o_F_1");
        assert_eq!(ids.make("o_", "F_1"), "o_F_1_2");
        assert_eq!(ids.make("o_", "\"];click"), "o____click");
        assert_eq!(lane_name("learning\u{1b}[31m"), "Learning [31m");
        assert_eq!(status_text(Status::AtRisk, Some(0.5)), "at risk 0.50");
        assert_eq!(status_text(Status::Unscored, None), "unscored");
    }
}
