//! `okr report --format table` (default): terminal tables with Unicode bars
//! and sparklines, coloured only when asked, readable at 80 columns.

use comfy_table::{
    Attribute, Cell, Color, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED,
};
use std::fmt::Write;

use crate::render::text::terminal;

use super::{
    Style, bar, budget_totals, coverage, expected, grade, initiative_facts, measure_goal, no_okrs,
    node_score, number, objective_basis, okr_support, percent, rolled_up, score, score_of, some_of,
    sparkline, status, team_score, theme_name, theme_objectives,
};
use crate::diagnostic::count;
use crate::eval::report::{KeyResultReport, QuarterReport, Report, StrategyReport, TreeNode};
use crate::eval::score::{Phase, Status};
use crate::model::KeyResultKind;

pub(crate) fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();
    notices(&mut out, report);
    for quarter in &report.quarters {
        render_quarter(&mut out, quarter, style);
    }
    if !report.history.is_empty() {
        history(&mut out, report, style);
    }
    if let Some(strategy) = &report.strategy {
        scorecard(&mut out, strategy, style);
    } else if let Some(unread) = report.unread_strategy() {
        let _ = writeln!(
            out,
            "Balanced Scorecard: {}\n",
            unread.scorecard_notice(clean)
        );
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

/// What the report leaves out, above everything else: one line for each
/// file that could not be read, and one for the errors of the others.
fn notices(out: &mut String, report: &Report) {
    for s in &report.skipped {
        let _ = writeln!(out, "! {}", s.notice(clean));
    }
    if let Some(line) = report.errors_notice() {
        let _ = writeln!(out, "! {line}");
    }
    if !report.skipped.is_empty() || report.errors > 0 {
        out.push('\n');
    }
}

/// The most characters of one user-written text a cell shows. Longer text
/// is cut with `…`: comfy-table's wrapping costs the square of a word's
/// length, so a megabyte title would otherwise hang the report.
const CELL_CHARS: usize = 200;

/// User text for the table: terminal-safe and at most `CELL_CHARS` long.
fn clean(text: &str) -> String {
    let safe = terminal(text);
    match safe.char_indices().nth(CELL_CHARS) {
        Some((cut, _)) => format!("{}…", &safe[..cut]),
        None => safe,
    }
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
    if missed {
        return cell.fg(Color::Yellow);
    }
    match s {
        Status::OnTrack | Status::Green | Status::Met => cell.fg(Color::Green),
        Status::AtRisk | Status::Yellow | Status::PartlyMet => cell.fg(Color::Yellow),
        Status::OffTrack | Status::Red | Status::Missed => cell.fg(Color::Red),
        _ => cell,
    }
}

fn render_quarter(out: &mut String, q: &QuarterReport, style: Style) {
    let when = match q.phase {
        Phase::Running => format!("{} elapsed", percent(Some(q.elapsed))),
        Phase::Before => "not started".to_owned(),
        Phase::Ended => "ended".to_owned(),
    };
    let _ = writeln!(
        out,
        "{} ({} to {}), {when}, company score {}",
        q.quarter,
        q.start,
        q.end,
        score_of(q.score, q.coverage, "objectives")
    );
    // Below 100 columns the bar gives way to the numbers.
    let narrow = style.width < 100;
    let fit = |mut cells: Vec<Cell>| {
        if narrow {
            cells.remove(2);
        }
        cells
    };
    for team in &q.teams {
        let mut table = new_table(style);
        table.set_header(fit(vec![
            Cell::new(format!(
                "{}{}  {}",
                "  ".repeat(team.depth),
                clean(&team.team),
                team_score(team)
            ))
            .add_attribute(Attribute::Bold),
            Cell::new("score"),
            Cell::new("bar"),
            Cell::new("exp"),
            Cell::new("status"),
            Cell::new("conf"),
            Cell::new("details"),
        ]));
        for o in &team.objectives {
            let mut details = vec![o.kind.label().to_owned()];
            details.extend(owners(&o.owners));
            details.extend(objective_basis(o));
            details.extend(o.note.as_deref().map(note));
            table.add_row(fit(vec![
                Cell::new(format!("{} {}", clean(&o.id), clean(&o.title)))
                    .add_attribute(Attribute::Bold),
                Cell::new(score(o.score)),
                Cell::new(bar(o.score, 8)),
                Cell::new(expected(o.expected, o.status)),
                status_cell(o.status, o.missed_commitment, style),
                Cell::new(score(o.confidence)),
                Cell::new(details.join(", ")),
            ]));
            for kr in &o.key_results {
                table.add_row(fit(vec![
                    Cell::new(format!("↳ {} {}", clean(&kr.id), clean(&kr.title))),
                    Cell::new(score(kr.score)),
                    Cell::new(bar(kr.score, 8)),
                    Cell::new(expected(kr.expected, kr.status)),
                    status_cell(kr.status, false, style),
                    Cell::new(score(kr.confidence)),
                    Cell::new(key_result_details(kr, &o.owners)),
                ]));
            }
        }
        let _ = writeln!(out, "{table}");
    }
    let s = &q.summary;
    let mut by_status = match q.phase {
        Phase::Ended => vec![
            format!("{} green", s.green),
            format!("{} yellow", s.yellow),
            format!("{} red", s.red),
        ],
        _ => vec![
            format!("{} on track", s.on_track),
            format!("{} at risk", s.at_risk),
            format!("{} off track", s.off_track),
        ],
    };
    if s.not_started > 0 {
        by_status.push(format!("{} not started", s.not_started));
    }
    if s.pending > 0 {
        by_status.push(format!("{} pending", s.pending));
    }
    if s.partly_scored > 0 {
        by_status.push(format!("{} partly scored", s.partly_scored));
    }
    if s.unscored > 0 {
        by_status.push(format!("{} unscored", s.unscored));
    }
    if s.dropped > 0 {
        by_status.push(format!("{} dropped", s.dropped));
    }
    let _ = writeln!(
        out,
        "{}: company score {} · {}: {}\n  {} committed, {} aspirational · {} · {}\n",
        q.quarter,
        score_of(q.score, q.coverage, "objectives"),
        count(s.objectives, "objective"),
        by_status.join(", "),
        s.committed,
        s.aspirational,
        count(s.missed_commitments, "missed commitment"),
        count(s.stale_key_results, "stale key result"),
    );
    if style.tree {
        let _ = writeln!(out, "Alignment, {}:", q.quarter);
        for node in &q.alignment {
            tree_node(out, node, "", true, true);
        }
        out.push('\n');
    }
}

/// `@lena @sam`, or nothing without owners.
fn owners(owners: &[String]) -> Option<String> {
    (!owners.is_empty()).then(|| {
        owners
            .iter()
            .map(|w| format!("@{}", clean(w.trim_start_matches('@'))))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// `40 / 45 NPS · progress 64% · forecast 0.82 · ▁▃▅ · stale · @mei`: a
/// key result's owners when they are not its objective's.
fn key_result_details(kr: &KeyResultReport, objective_owners: &[String]) -> String {
    let unit = kr
        .unit
        .as_deref()
        .map(clean)
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let mut parts = Vec::new();
    match kr.kind {
        Some(KeyResultKind::Metric) => {
            let current = kr.current.map_or_else(|| "-".to_owned(), number);
            let target = kr.target.map_or_else(|| "-".to_owned(), number);
            parts.push(format!("{current} / {target}{unit}"));
            parts.push(format!("progress {}", percent(kr.progress)));
        }
        Some(KeyResultKind::Milestone) => parts.push(match (kr.done, kr.due) {
            (Some(true), _) => "done".to_owned(),
            (_, Some(due)) => format!("not done, due {}", due.format("%Y-%m-%d")),
            _ => "not done".to_owned(),
        }),
        Some(KeyResultKind::Threshold) => {
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
        Some(KeyResultKind::Graded) => {}
        None => parts.push("not measurable (run okr check)".to_owned()),
    }
    parts.extend(grade(kr));
    if let Some(f) = kr.forecast {
        parts.push(format!("forecast {}", score(Some(f))));
    }
    if kr.trend.len() > 1 && kr.kind != Some(KeyResultKind::Milestone) {
        parts.push(sparkline(&kr.trend));
    }
    if kr.stale {
        parts.push("stale".to_owned());
    }
    if kr.owners != objective_owners {
        parts.extend(owners(&kr.owners));
    }
    parts.extend(kr.note.as_deref().map(note));
    parts.join(" · ")
}

/// `note: …`: a goal's note, terminal-safe and cut like every cell text.
fn note(text: &str) -> String {
    format!("note: {}", clean(text))
}

fn tree_node(out: &mut String, node: &TreeNode, prefix: &str, last: bool, root: bool) {
    let (branch, next) = match (root, last) {
        (true, _) => ("", String::new()),
        (false, true) => ("└─ ", format!("{prefix}   ")),
        (false, false) => ("├─ ", format!("{prefix}│  ")),
    };
    let _ = writeln!(
        out,
        "{prefix}{branch}{} {} {}{}",
        super::node_name(node, clean),
        clean(&node.title),
        node_score(node),
        rolled_up(node)
    );
    for (i, child) in node.children.iter().enumerate() {
        tree_node(out, child, &next, i + 1 == node.children.len(), false);
    }
}

fn history(out: &mut String, report: &Report, style: Style) {
    let mut table = new_table(style);
    let mut header = vec![Cell::new("team")];
    header.extend(report.quarters.iter().map(|q| Cell::new(quarter_label(q))));
    header.push(Cell::new("trend"));
    table.set_header(header);
    for row in &report.history {
        let name = match &row.team {
            Some(team) => Cell::new(clean(team)),
            None => Cell::new("all objectives").add_attribute(Attribute::Bold),
        };
        let mut cells = vec![name];
        cells.extend(row.scores.iter().map(|s| Cell::new(score(*s))));
        cells.push(Cell::new(sparkline(
            &row.scores.iter().flatten().copied().collect::<Vec<_>>(),
        )));
        table.add_row(cells);
    }
    let _ = writeln!(out, "History\n{table}\n");
}

/// `2026-Q4`, with the elapsed share while the quarter runs, so a partial
/// score is not read as a final one.
fn quarter_label(q: &QuarterReport) -> String {
    match q.phase {
        Phase::Running => format!("{} ({} in)", q.quarter, percent(Some(q.elapsed))),
        Phase::Before => format!("{} (not started)", q.quarter),
        Phase::Ended => q.quarter.clone(),
    }
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
        score_of(s.score, s.coverage, "strategic objectives"),
        s.support_quarter
            .as_deref()
            .map(|q| format!(", OKR support from {q}"))
            .unwrap_or_default()
    );
    if let Some(totals) = budget_totals(&s.budgets, clean) {
        let _ = writeln!(out, "Initiative budgets: {totals}");
    }
    let mut unsupported = Vec::new();
    for p in &s.perspectives {
        let mut table = new_table(style);
        table.set_header(vec![
            Cell::new(format!(
                "{}  {}",
                clean(&p.label),
                score_of(p.score, p.coverage, "objectives")
            ))
            .add_attribute(Attribute::Bold),
            Cell::new("score"),
            Cell::new("progress"),
            Cell::new("exp"),
            Cell::new("status"),
            Cell::new("okr"),
            Cell::new("details"),
        ]);
        for o in &p.objectives {
            if o.supported_by.is_empty() && !no_okrs(s) {
                unsupported.push(format!("{} {}", clean(&o.id), clean(&o.title)));
            }
            let mut support = if o.supported_by.is_empty() {
                "no OKR support".to_owned()
            } else {
                format!("supported by {}", some_of(&o.supported_by, clean))
            };
            if !o.owners.is_empty() {
                support = format!("owner {}, {support}", some_of(&o.owners, clean));
            }
            if !o.themes.is_empty() {
                support.push_str(&format!(", themes {}", some_of(&o.themes, clean)));
            }
            if let Some(totals) = budget_totals(&o.budgets, clean) {
                support.push_str(&format!(", budget {totals}"));
            }
            if let Some(note) = coverage(o.coverage, "measures") {
                support.push_str(&format!(", {note}"));
            }
            table.add_row(vec![
                Cell::new(format!("{} {}", clean(&o.id), clean(&o.title)))
                    .add_attribute(Attribute::Bold),
                Cell::new(score(o.score)),
                Cell::new(bar(o.score, 8)),
                Cell::new(score(Some(o.expected))),
                status_cell(o.status, false, style),
                Cell::new(okr_support(o)),
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
                // A floor or a range is held, not reached: `26 months (keep >= 18)`.
                let mut details = if m.target.is_none() && !m.target_tbd || m.data_only {
                    format!("{}{unit} ({})", value(m.actual), clean(&measure_goal(m)))
                } else {
                    format!(
                        "{} -> {}{unit} -> {}",
                        value(m.baseline),
                        value(m.actual),
                        clean(&measure_goal(m))
                    )
                };
                if m.trend.len() > 1 {
                    details.push_str(" · ");
                    details.push_str(&sparkline(&m.trend));
                }
                if m.stale {
                    details.push_str(" · stale");
                }
                table.add_row(vec![
                    Cell::new(format!("↳ {} {}", clean(&m.id), clean(&m.name))),
                    Cell::new(score(m.score)),
                    Cell::new(bar(m.score, 8)),
                    Cell::new(""),
                    status_cell(m.status, false, style),
                    Cell::new(""),
                    Cell::new(details),
                ]);
            }
            for i in &o.initiatives {
                let state = initiative_facts(i, clean);
                table.add_row(vec![
                    Cell::new(format!("↳ initiative: {}", clean(&i.title))),
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
    if let Some(themes) = &s.themes {
        let mut table = new_table(style);
        table.set_header(vec![
            Cell::new("Theme").add_attribute(Attribute::Bold),
            Cell::new("score"),
            Cell::new("progress"),
            Cell::new("objectives"),
        ]);
        for t in themes {
            table.add_row(vec![
                Cell::new(theme_name(t.name.as_deref(), clean)).add_attribute(Attribute::Bold),
                Cell::new(score_of(t.score, t.coverage, "objectives")),
                Cell::new(bar(t.score, 8)),
                Cell::new(theme_objectives(s, t, clean)),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }
    if !unsupported.is_empty() {
        let _ = writeln!(out, "No OKR supports: {}\n", unsupported.join("; "));
    }
    if no_okrs(s) {
        let _ = writeln!(
            out,
            "No OKRs this quarter: the scorecard has no OKR support.\n"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_megabyte_title_is_cut_and_drawn_at_once() {
        assert_eq!(clean("short \u{1b}[2J title"), "short  [2J title");
        let long = clean(&"é".repeat(1_000_000));
        assert_eq!(long.chars().count(), CELL_CHARS + 1);
        assert!(long.ends_with("é…"));
        let mut table = new_table(Style {
            color: false,
            width: 80,
            tree: false,
        });
        table.add_row(vec![Cell::new(long), Cell::new("0.50")]);
        let drawn = table.to_string();
        assert!(drawn.contains('…'), "{drawn}");
        // The time is measured by `cargo bench --bench okr -- one_file/`.
    }
}
