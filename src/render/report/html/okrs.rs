//! The OKR side of the dashboard: per quarter a summary (company score,
//! statuses, the share of the quarter elapsed and the score expected by
//! now), a table of teams, then per team its objectives as cards, each key
//! result with its progress against the expected pace and, when it has
//! check-ins, a burn-up chart.

use std::fmt::Write as _;

use crate::render::text::html as esc;
use crate::report::{
    KeyResultReport, KrKind, ObjectiveKind, ObjectiveReport, QuarterReport, Report, Summary,
    TeamReport, TreeNode,
};
use crate::score::{Phase, Status};

use super::super::{Style, number, percent, score, some_of};
use super::{Page, badge, charts, progress, titled};

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
        self::team(page, team, q);
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
        "<p class=\"stat\"><span class=\"label\">Company score</span><span class=\"value\">{}</span><span class=\"note\">mean of all objectives of the quarter</span></p>",
        score(q.score)
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
        plural(
            s.missed_commitments,
            "missed commitment",
            "missed commitments"
        ),
        plural(s.stale_key_results, "stale key result", "stale key results")
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
            (s.unscored, Status::Unscored),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0),
    );
    counts
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
            .map(|o| format!("{} {}", esc(&o.id), badge(o.status, o.missed_commitment)))
            .collect();
        let _ = writeln!(
            page.out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&team.team),
            score(team.score),
            objectives.join(" ")
        );
    }
    page.push("</tbody>\n</table>\n</div>\n");
}

fn team(page: &mut Page, team: &TeamReport, q: &QuarterReport) {
    let id = page.id("team");
    let _ = writeln!(
        page.out,
        "<section class=\"team\" aria-labelledby=\"{id}\">\n<h3 id=\"{id}\">{} <span class=\"chip\">score {}</span></h3>",
        esc(&team.team),
        score(team.score)
    );
    for o in &team.objectives {
        objective(page, o, q);
    }
    page.push("</section>\n");
}

fn objective(page: &mut Page, o: &ObjectiveReport, q: &QuarterReport) {
    let _ = writeln!(
        page.out,
        "<article class=\"card objective\">\n<div class=\"card-head\">\n<h4>{}</h4>\n<div class=\"right\"><span class=\"score\">{}</span>{}</div>\n</div>",
        titled(&o.id, &o.title),
        score(o.score),
        badge(o.status, o.missed_commitment)
    );
    let mut meta = vec![o.kind.label().to_owned()];
    if let Some(owner) = &o.owner {
        meta.push(format!("owner {}", esc(owner)));
    }
    if let Some(c) = o.confidence {
        meta.push(format!("confidence {}", score(Some(c))));
    }
    if !o.supports.is_empty() {
        meta.push(format!("supports {}", some_of(&o.supports, esc)));
    }
    if !o.aligns_to.is_empty() {
        meta.push(format!("aligns to {}", some_of(&o.aligns_to, esc)));
    }
    let _ = writeln!(page.out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    progress(page, o.score, Some(o.expected), o.status);
    if !o.key_results.is_empty() {
        page.push("<ol class=\"krs\">\n");
        for k in &o.key_results {
            key_result(page, k, o, q);
        }
        page.push("</ol>\n");
    }
    page.push("</article>\n");
}

fn key_result(page: &mut Page, k: &KeyResultReport, o: &ObjectiveReport, q: &QuarterReport) {
    let mut flags = String::new();
    if k.stale {
        flags.push_str("<span class=\"flag\">stale</span>");
    }
    let _ = writeln!(
        page.out,
        "<li class=\"kr\">\n<div class=\"card-head\">\n<h5>{}</h5>\n<div class=\"right\">{flags}{}</div>\n</div>",
        titled(&k.id, &k.title),
        badge(k.status, false)
    );
    let unit = k
        .unit
        .as_deref()
        .map(|u| format!(" {}", esc(u)))
        .unwrap_or_default();
    let value = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), number);
    let mut meta = vec![k.kind.label().to_owned()];
    match k.kind {
        KrKind::Metric => {
            meta.push(format!(
                "{}{unit} now, from {} to {}{unit}",
                value(k.current),
                value(k.start),
                value(k.target)
            ));
            meta.push(format!("progress {}", percent(k.progress)));
        }
        KrKind::Threshold => {
            let mut bounds = Vec::new();
            if let Some(a) = k.keep_above {
                bounds.push(format!("at or above {}", number(a)));
            }
            if let Some(b) = k.keep_below {
                bounds.push(format!("at or below {}", number(b)));
            }
            meta.push(format!(
                "{}{unit} now, keep {}",
                value(k.current),
                bounds.join(" and ")
            ));
            meta.push(format!("{} of readings in bounds", percent(k.progress)));
        }
        KrKind::Milestone | KrKind::Invalid => {}
    }
    if let Some(f) = k.forecast {
        meta.push(format!("forecast {} at quarter end", score(Some(f))));
    }
    if let Some(c) = k.confidence {
        meta.push(format!("confidence {}", score(Some(c))));
    }
    if let Some(owner) = k.owner.as_ref().filter(|w| Some(*w) != o.owner.as_ref()) {
        meta.push(format!("owner {}", esc(owner)));
    }
    let _ = writeln!(page.out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    match k.kind {
        KrKind::Milestone => {
            let done = k.done == Some(true);
            let _ = writeln!(
                page.out,
                "<p class=\"milestone\">{}</p>",
                if done { "✓ done" } else { "○ not done" }
            );
        }
        KrKind::Invalid => {
            page.push("<p class=\"milestone\">not scored: not exactly one of metric, milestone or threshold (O003)</p>\n");
        }
        KrKind::Metric | KrKind::Threshold => {
            progress(page, k.score, Some(k.expected), k.status);
            charts::burnup(page, k, q);
        }
    }
    if let Some(last) = k.checkins.last() {
        let mut text = format!("Last check-in {}", last.date);
        // A milestone's check-in values are 0 and 1, said by done / not done.
        if let Some(v) = last.value.filter(|_| k.kind != KrKind::Milestone) {
            let _ = write!(text, ": {}{unit}", number(v));
        }
        if let Some(note) = &last.note {
            let _ = write!(text, " – “{}”", esc(note));
        }
        let _ = writeln!(page.out, "<p class=\"note\">{text}</p>");
    }
    page.push("</li>\n");
}

fn tree_node(page: &mut Page, node: &TreeNode) {
    let _ = write!(
        page.out,
        "<li><span class=\"id\">{}/{}</span> {} – {} (rolled up {})",
        esc(&node.team),
        esc(&node.id),
        esc(&node.title),
        score(node.score),
        score(node.rolled_up)
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
