//! `okr report --format table` (default): terminal tables with Unicode bars
//! and sparklines, coloured only when asked, readable at 80 columns.

use comfy_table::{
    Attribute, Cell, Color, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED,
};
use std::fmt::Write;

use super::{Style, bar, number, percent, score, sparkline, status};
use crate::report::{KeyResultReport, QuarterReport, Report, StrategyReport, TreeNode};
use crate::score::Status;

pub fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();
    for quarter in &report.quarters {
        render_quarter(&mut out, quarter, style);
    }
    if report.quarters.len() > 1 {
        history(&mut out, report, style);
    }
    if let Some(strategy) = &report.strategy {
        scorecard(&mut out, strategy, style);
    }
    if report.quarters.is_empty() && report.strategy.is_none() {
        out.push_str("Nothing to report: no quarter file or strategy.yaml matches.\n");
    }
    if !report.skipped.is_empty() {
        let _ = writeln!(out, "Skipped (run `okr check` for details):");
        for s in &report.skipped {
            let _ = writeln!(out, "  {}: {}", clean(&s.path), clean(&s.reason));
        }
    }
    out
}

/// User text without control characters, which could restyle the terminal.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn new_table(style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn status_cell(s: Status, missed: bool, style: Style) -> Cell {
    let cell = Cell::new(status(s, missed));
    if !style.color {
        return cell;
    }
    match s {
        Status::OnTrack | Status::Green => cell.fg(Color::Green),
        Status::AtRisk | Status::Yellow => cell.fg(Color::Yellow),
        Status::OffTrack | Status::Red => cell.fg(Color::Red),
        _ => cell,
    }
}

fn render_quarter(out: &mut String, q: &QuarterReport, style: Style) {
    let _ = writeln!(
        out,
        "{} ({} to {}), {} elapsed, company score {}",
        q.quarter,
        q.start,
        q.end,
        percent(Some(q.elapsed)),
        score(q.score)
    );
    for team in &q.teams {
        let mut table = new_table(style);
        table.set_header(vec![
            Cell::new(format!("{}  {}", clean(&team.team), score(team.score)))
                .add_attribute(Attribute::Bold),
            Cell::new("score"),
            Cell::new("progress"),
            Cell::new("exp"),
            Cell::new("status"),
            Cell::new("conf"),
            Cell::new("details"),
        ]);
        for o in &team.objectives {
            let mut details = vec![o.kind.to_owned()];
            details.extend(o.owner.as_ref().map(|w| format!("@{}", clean(w))));
            table.add_row(vec![
                Cell::new(format!("{} {}", clean(&o.id), clean(&o.title)))
                    .add_attribute(Attribute::Bold),
                Cell::new(score(o.score)),
                Cell::new(bar(o.score, 8)),
                Cell::new(score(Some(o.expected))),
                status_cell(o.status, o.missed_commitment, style),
                Cell::new(score(o.confidence)),
                Cell::new(details.join(", ")),
            ]);
            for kr in &o.key_results {
                table.add_row(vec![
                    Cell::new(format!("  {} {}", clean(&kr.id), clean(&kr.title))),
                    Cell::new(score(kr.score)),
                    Cell::new(bar(kr.score, 8)),
                    Cell::new(score(Some(kr.expected))),
                    status_cell(kr.status, false, style),
                    Cell::new(score(kr.confidence)),
                    Cell::new(key_result_details(kr)),
                ]);
            }
        }
        let _ = writeln!(out, "{table}");
    }
    let s = &q.summary;
    let by_status = if s.green + s.yellow + s.red > 0 {
        format!("{} green, {} yellow, {} red", s.green, s.yellow, s.red)
    } else {
        format!(
            "{} on track, {} at risk, {} off track",
            s.on_track, s.at_risk, s.off_track
        )
    };
    let _ = writeln!(
        out,
        "{}: score {} · {} objectives: {by_status} · {} committed, {} aspirational · {} missed commitments · {} stale key results\n",
        q.quarter,
        score(q.score),
        s.objectives,
        s.committed,
        s.aspirational,
        s.missed_commitments,
        s.stale_key_results
    );
    if style.tree {
        let _ = writeln!(out, "Alignment, {}:", q.quarter);
        for node in &q.alignment {
            tree_node(out, node, "", true, true);
        }
        out.push('\n');
    }
}

/// `40 / 45 NPS · progress 64% · forecast 0.82 · ▁▃▅ · stale`
fn key_result_details(kr: &KeyResultReport) -> String {
    let unit = kr
        .unit
        .as_deref()
        .map(clean)
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let mut parts = Vec::new();
    match kr.kind {
        "metric" => {
            let current = kr.current.map_or_else(|| "-".to_owned(), number);
            let target = kr.target.map_or_else(|| "-".to_owned(), number);
            parts.push(format!("{current} / {target}{unit}"));
            parts.push(format!("progress {}", percent(kr.progress)));
        }
        "milestone" => parts.push(if kr.done == Some(true) {
            "done".to_owned()
        } else {
            "not done".to_owned()
        }),
        "threshold" => {
            let current = kr.current.map_or_else(|| "-".to_owned(), number);
            let bounds = match (kr.keep_above, kr.keep_below) {
                (Some(a), Some(b)) => format!("{}..{}", number(a), number(b)),
                (Some(a), None) => format!(">= {}", number(a)),
                (None, Some(b)) => format!("<= {}", number(b)),
                (None, None) => String::new(),
            };
            parts.push(format!("{current}{unit} (keep {bounds})"));
            parts.push(format!("in bounds {}", percent(kr.progress)));
        }
        _ => parts.push("not measurable (run okr check)".to_owned()),
    }
    if let Some(f) = kr.forecast {
        parts.push(format!("forecast {f:.2}"));
    }
    if kr.trend.len() > 1 && kr.kind != "milestone" {
        parts.push(sparkline(&kr.trend));
    }
    if kr.stale {
        parts.push("stale".to_owned());
    }
    parts.join(" · ")
}

fn tree_node(out: &mut String, node: &TreeNode, prefix: &str, last: bool, root: bool) {
    let (branch, next) = match (root, last) {
        (true, _) => ("", String::new()),
        (false, true) => ("└─ ", format!("{prefix}   ")),
        (false, false) => ("├─ ", format!("{prefix}│  ")),
    };
    let rolled = if node.children.is_empty() {
        String::new()
    } else {
        format!(" (rolled up {})", score(node.rolled_up))
    };
    let _ = writeln!(
        out,
        "{prefix}{branch}{}/{} {} {}{rolled}",
        clean(&node.team),
        clean(&node.id),
        clean(&node.title),
        score(node.score)
    );
    for (i, child) in node.children.iter().enumerate() {
        tree_node(out, child, &next, i + 1 == node.children.len(), false);
    }
}

fn history(out: &mut String, report: &Report, style: Style) {
    let mut teams: Vec<&str> = report
        .quarters
        .iter()
        .flat_map(|q| q.teams.iter().map(|t| t.team.as_str()))
        .collect();
    teams.sort_unstable();
    teams.dedup();
    let mut table = new_table(style);
    let mut header = vec![Cell::new("team")];
    header.extend(report.quarters.iter().map(|q| Cell::new(&q.quarter)));
    header.push(Cell::new("trend"));
    table.set_header(header);
    let company: Vec<Option<f64>> = report.quarters.iter().map(|q| q.score).collect();
    let mut row = vec![Cell::new("all objectives").add_attribute(Attribute::Bold)];
    row.extend(company.iter().map(|s| Cell::new(score(*s))));
    row.push(Cell::new(sparkline(
        &company.iter().flatten().copied().collect::<Vec<_>>(),
    )));
    table.add_row(row);
    for team in teams {
        let scores: Vec<Option<f64>> = report
            .quarters
            .iter()
            .map(|q| {
                q.teams
                    .iter()
                    .find(|t| t.team == team)
                    .and_then(|t| t.score)
            })
            .collect();
        let mut row = vec![Cell::new(clean(team))];
        row.extend(scores.iter().map(|s| Cell::new(score(*s))));
        row.push(Cell::new(sparkline(
            &scores.iter().flatten().copied().collect::<Vec<_>>(),
        )));
        table.add_row(row);
    }
    let _ = writeln!(out, "History\n{table}\n");
}

fn scorecard(out: &mut String, s: &StrategyReport, style: Style) {
    let period = match (s.start, s.end) {
        (Some(a), Some(b)) => format!("{a} to {b}, {} elapsed", percent(Some(s.elapsed))),
        _ => "no period".to_owned(),
    };
    let _ = writeln!(
        out,
        "Balanced Scorecard{}: {period}, score {}{}",
        s.organization
            .as_deref()
            .map(|o| format!(" of {}", clean(o)))
            .unwrap_or_default(),
        score(s.score),
        s.support_quarter
            .as_deref()
            .map(|q| format!(", OKR support from {q}"))
            .unwrap_or_default()
    );
    let mut unsupported = Vec::new();
    for p in &s.perspectives {
        let mut table = new_table(style);
        table.set_header(vec![
            Cell::new(format!("{}  {}", clean(&p.perspective), score(p.score)))
                .add_attribute(Attribute::Bold),
            Cell::new("score"),
            Cell::new("progress"),
            Cell::new("exp"),
            Cell::new("status"),
            Cell::new("okr"),
            Cell::new("details"),
        ]);
        for o in &p.objectives {
            if o.supported_by.is_empty() {
                unsupported.push(format!("{} {}", clean(&o.id), clean(&o.title)));
            }
            let support = if o.supported_by.is_empty() {
                "no OKR support".to_owned()
            } else {
                format!(
                    "supported by {}",
                    o.supported_by
                        .iter()
                        .map(|s| clean(s))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            table.add_row(vec![
                Cell::new(format!("{} {}", clean(&o.id), clean(&o.title)))
                    .add_attribute(Attribute::Bold),
                Cell::new(score(o.score)),
                Cell::new(bar(o.score, 8)),
                Cell::new(score(Some(o.expected))),
                status_cell(o.status, false, style),
                Cell::new(score(o.okr_support)),
                Cell::new(support),
            ]);
            for m in &o.measures {
                let unit = m
                    .unit
                    .as_deref()
                    .map(clean)
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                let value = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), number);
                let mut details = format!(
                    "{} -> {} -> {}{unit}",
                    value(m.baseline),
                    value(m.actual),
                    value(m.target)
                );
                if m.trend.len() > 1 {
                    details.push_str(" · ");
                    details.push_str(&sparkline(&m.trend));
                }
                table.add_row(vec![
                    Cell::new(format!("  {} {}", clean(&m.id), clean(&m.name))),
                    Cell::new(score(m.score)),
                    Cell::new(bar(m.score, 8)),
                    Cell::new(""),
                    status_cell(m.status, false, style),
                    Cell::new(""),
                    Cell::new(details),
                ]);
            }
            for i in &o.initiatives {
                let mut state = i.status.unwrap_or("unknown status").to_owned();
                if let Some(due) = i.due {
                    state = format!("{state}, due {due}");
                }
                if i.overdue {
                    state.push_str(", overdue");
                }
                table.add_row(vec![
                    Cell::new(format!("  initiative: {}", clean(&i.title))),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(state),
                ]);
            }
        }
        let _ = writeln!(out, "{table}");
    }
    if !unsupported.is_empty() {
        let _ = writeln!(out, "No OKR supports: {}\n", unsupported.join("; "));
    }
}
