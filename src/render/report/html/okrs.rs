//! The OKR side of the dashboard: per quarter a summary (company score,
//! statuses, the share of the quarter elapsed and the score expected by
//! now), a table of teams, then each team's section (`team.rs`) and, with
//! `--tree`, the alignment tree; with several quarters, a history table.

use std::fmt::Write as _;

use crate::eval::report::{ObjectiveKind, QuarterReport, Report, Summary, TreeNode};
use crate::eval::score::{Phase, Status};
use crate::render::text::html as esc;

use super::super::{Style, coverage, node_score, percent, rolled_up, score};
use super::{Page, badge};

pub(super) fn quarter(page: &mut Page, q: &QuarterReport, index: usize, style: Style) {
    let id = format!("quarter-{index}");
    let _ = writeln!(
        page.out,
        "<section id=\"{id}\" class=\"quarter\" aria-labelledby=\"{id}-heading\">\n<h2 id=\"{id}-heading\">{}</h2>",
        esc(&q.quarter)
    );
    summary(page, q);
    teams_table(page, q);
    if q.teams.is_empty() {
        page.push("<p class=\"empty\">No objectives match.</p>\n");
    }
    for team in &q.teams {
        super::team::team(page, team, q);
    }
    if style.tree && !q.alignment.is_empty() {
        page.push("<h3>Alignment</h3>\n<ul class=\"tree\">\n");
        for node in &q.alignment {
            tree_node(page, node);
        }
        page.push("</ul>\n");
    }
    page.push("</section>\n");
}

/// The quarter at a glance: score, pace, statuses.
fn summary(page: &mut Page, q: &QuarterReport) {
    let phase = match q.phase {
        Phase::Before => "not started",
        Phase::Running => "running",
        Phase::Ended => "ended",
    };
    page.push("<div class=\"card stats\">\n");
    let _ = writeln!(
        page.out,
        "<p class=\"stat\"><span class=\"label\">Company score</span><span class=\"value\">{}</span><span class=\"note\">mean of all objectives of the quarter{}</span></p>",
        score(q.score),
        coverage(q.coverage, "objectives")
            .map(|c| format!(": {c}"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        page.out,
        "<div class=\"stat\"><span class=\"label\">Quarter elapsed</span><span class=\"value\">{}</span><span class=\"note\">{} to {}, {phase}</span></div>",
        percent(Some(q.elapsed)),
        q.start,
        q.end
    );
    // The expected score of each kind, as the report gives it to its objectives.
    let objectives = || q.teams.iter().flat_map(|t| t.objectives.iter());
    let expected: Vec<String> = [
        (ObjectiveKind::Committed, "committed"),
        (ObjectiveKind::Aspirational, "aspirational"),
    ]
    .into_iter()
    .filter_map(|(kind, label)| {
        objectives()
            .find(|o| o.kind == kind)
            .map(|o| format!("{} {label}", score(Some(o.expected))))
    })
    .collect();
    if !expected.is_empty() {
        let _ = writeln!(
            page.out,
            "<p class=\"stat\"><span class=\"label\">Expected by now</span><span class=\"value\">{}</span><span class=\"note\">{}</span></p>",
            expected
                .first()
                .and_then(|e| e.split(' ').next())
                .unwrap_or("-"),
            expected.join(" · ")
        );
    }
    let s = &q.summary;
    let _ = write!(
        page.out,
        "<div class=\"stat\"><span class=\"label\">Objectives</span><span class=\"value\">{}</span><span class=\"counts\">",
        s.objectives
    );
    for (n, status) in counts(s, q.phase) {
        let _ = write!(
            page.out,
            "<span class=\"status s-{}\">{n} {}</span>",
            crate::render::map::status_key(status),
            status.label()
        );
    }
    page.push("</span></div>\n</div>\n");
    let _ = writeln!(
        page.out,
        "<p class=\"meta\">{} committed, {} aspirational · {} · {}</p>",
        s.committed,
        s.aspirational,
        crate::diagnostic::count(s.missed_commitments, "missed commitment"),
        crate::diagnostic::count(s.stale_key_results, "stale key result")
    );
}

/// Objectives by status, the statuses of the quarter's phase first.
fn counts(s: &Summary, phase: Phase) -> Vec<(usize, Status)> {
    let mut counts = match phase {
        Phase::Running => vec![
            (s.on_track, Status::OnTrack),
            (s.at_risk, Status::AtRisk),
            (s.off_track, Status::OffTrack),
        ],
        Phase::Ended => vec![
            (s.green, Status::Green),
            (s.yellow, Status::Yellow),
            (s.red, Status::Red),
        ],
        Phase::Before => Vec::new(),
    };
    counts.extend(
        [
            (s.not_started, Status::NotStarted),
            (s.pending, Status::Pending),
            (s.partly_scored, Status::PartlyScored),
            (s.unscored, Status::Unscored),
            (s.dropped, Status::Dropped),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0),
    );
    counts
}

fn teams_table(page: &mut Page, q: &QuarterReport) {
    if q.teams.is_empty() {
        return;
    }
    let _ = writeln!(
        page.out,
        "<div class=\"table-wrap\">\n<table>\n<caption>Teams in {}</caption>\n<thead><tr><th scope=\"col\">Team</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Objectives</th></tr></thead>\n<tbody>",
        esc(&q.quarter)
    );
    for team in &q.teams {
        let objectives: Vec<String> = team
            .objectives
            .iter()
            .map(|o| {
                format!(
                    "<span class=\"pair\">{} {}</span>",
                    esc(&o.id),
                    badge(o.status, o.missed_commitment)
                )
            })
            .collect();
        let _ = writeln!(
            page.out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&team.team),
            esc(&super::super::team_score(team)),
            objectives.join(" ")
        );
    }
    page.push("</tbody>\n</table>\n</div>\n");
}

fn tree_node(page: &mut Page, node: &TreeNode) {
    let _ = write!(
        page.out,
        "<li><span class=\"id\">{}</span> {} – {}{}",
        super::super::node_name(node, esc),
        esc(&node.title),
        node_score(node),
        rolled_up(node)
    );
    if !node.children.is_empty() {
        page.push("\n<ul>\n");
        for child in &node.children {
            tree_node(page, child);
        }
        page.push("</ul>\n");
    }
    page.push("</li>\n");
}

/// Each team's score per quarter.
pub(super) fn history(page: &mut Page, report: &Report) {
    page.push("<section id=\"history\" aria-labelledby=\"history-heading\">\n<h2 id=\"history-heading\">History</h2>\n<div class=\"table-wrap\">\n<table>\n<caption>Scores per quarter</caption>\n<thead><tr><th scope=\"col\">Team</th>");
    for q in &report.quarters {
        let _ = write!(
            page.out,
            "<th scope=\"col\" class=\"num\">{}</th>",
            esc(&q.quarter)
        );
    }
    page.push("</tr></thead>\n<tbody>\n");
    for row in &report.history {
        let name = row
            .team
            .as_deref()
            .map_or_else(|| "all objectives".to_owned(), esc);
        let _ = write!(page.out, "<tr><th scope=\"row\">{name}</th>");
        for s in &row.scores {
            let _ = write!(page.out, "<td class=\"num\">{}</td>", score(*s));
        }
        page.push("</tr>\n");
    }
    page.push("</tbody>\n</table>\n</div>\n</section>\n");
}
