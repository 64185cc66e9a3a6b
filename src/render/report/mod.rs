//! Drawing a computed `report::Report`: one file per format, chosen in one
//! match, sharing the small text helpers below. Nothing here scores.

mod csv;
mod html;
mod json;
pub(crate) mod markdown;
mod table;

use crate::eval::report::Report;
use crate::eval::score::Status;

/// `--format` of `okr report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Tables with bars and sparklines, for terminals.
    Table,
    /// GitHub-flavoured Markdown for PR comments, wikis and step summaries.
    Markdown,
    /// One JSON document, documented in docs/json.md.
    Json,
    /// One row per key result (or per measure with --only strategy).
    Csv,
    /// One self-contained HTML page (no scripts, no external files): charts,
    /// gauges and the strategy map, for a browser or printing.
    Html,
}

/// How the report is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Colours (table only).
    pub color: bool,
    /// Total width for tables.
    pub width: u16,
    /// Show the alignment tree.
    pub tree: bool,
}

pub fn render(format: ReportFormat, report: &Report, style: Style) -> String {
    match format {
        ReportFormat::Table => table::render(report, style),
        ReportFormat::Markdown => markdown::render(report, style),
        ReportFormat::Json => json::render(report),
        ReportFormat::Csv => csv::render(report),
        ReportFormat::Html => html::render(report, style),
    }
}

/// A score as shown to people: two decimals, or `-` when there is none.
pub(crate) fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| crate::render::fixed(v, 2))
}

/// How much of a roll-up is scored, when not all of it: `9 of 27
/// objectives scored`, or `nothing scored`; none when all is.
pub(crate) fn coverage(c: crate::eval::report::Coverage, parts: &str) -> Option<String> {
    match (c.scored, c.total) {
        (_, 0) => None,
        (0, _) => Some("nothing scored".to_owned()),
        (s, t) if s < t => Some(format!("{s} of {t} {parts} scored")),
        _ => None,
    }
}

/// A score with its coverage when partial: `0.66 · 9 of 27 objectives scored`.
pub(crate) fn score_of(
    value: Option<f64>,
    c: crate::eval::report::Coverage,
    parts: &str,
) -> String {
    match coverage(c, parts) {
        Some(note) if value.is_some() => format!("{} · {note}", score(value)),
        Some(note) => note,
        None => score(value),
    }
}

/// What an objective's score is made of, when it is not all of its key
/// results: `1 of 3 key results scored`, or for a parent objective
/// `from 2 aligned objectives` (`, 1 of 2 scored`).
pub(crate) fn objective_basis(o: &crate::eval::report::ObjectiveReport) -> Option<String> {
    use crate::eval::report::ScoredFrom;
    let c = o.coverage;
    match o.scored_from {
        ScoredFrom::AlignedObjectives => {
            let from = format!(
                "from {}",
                crate::diagnostic::count(c.total, "aligned objective")
            );
            Some(match c.scored {
                s if s == c.total => from,
                0 => format!("{from}, none scored"),
                s => format!("{from}, {s} of them scored"),
            })
        }
        ScoredFrom::KeyResults => coverage(c, "key results"),
        ScoredFrom::Measures => coverage(c, "measures"),
    }
}

/// Who a node of the alignment tree is, before its title: `platform/P1`
/// for an OKR objective, `customer: C1` for a strategic objective at the
/// root. `show` draws the user's text for the format.
pub(crate) fn node_name(
    node: &crate::eval::report::TreeNode,
    show: impl Fn(&str) -> String,
) -> String {
    match &node.perspective {
        Some(p) => format!("{}: {}", show(p), show(&node.id)),
        None => format!("{}/{}", show(&node.team), show(&node.id)),
    }
}

/// An objective's score in the alignment tree, saying when it comes from
/// the objectives aligned to it: `0.42 from aligned objectives`.
pub(crate) fn node_score(node: &crate::eval::report::TreeNode) -> String {
    if node.status == Status::Dropped {
        return "dropped".to_owned();
    }
    match node.scored_from {
        crate::eval::report::ScoredFrom::AlignedObjectives => {
            format!("{} from aligned objectives", score(node.score))
        }
        crate::eval::report::ScoredFrom::KeyResults => score(node.score),
        crate::eval::report::ScoredFrom::Measures => {
            format!("{} from measures", score(node.score))
        }
    }
}

/// ` (rolled up 0.40 · 3 of 4 objectives scored)` for a node with children.
pub(crate) fn rolled_up(node: &crate::eval::report::TreeNode) -> String {
    // A strategic objective's OKRs do not roll up into its score.
    if node.children.is_empty() || node.perspective.is_some() {
        String::new()
    } else {
        format!(
            " (rolled up {})",
            score_of(node.rolled_up, node.coverage, "objectives")
        )
    }
}

/// A team's score as shown to people: its own, and beside it the score
/// with its sub-teams when that differs: `0.62 (with sub-teams 0.58)`.
pub(crate) fn team_score(team: &crate::eval::report::TeamReport) -> String {
    let own = score_of(team.score, team.coverage, "objectives");
    match subteams_score(team) {
        Some(all) => format!("{own} (with sub-teams {all})"),
        None => own,
    }
}

/// A team's score with its sub-teams as shown, when it differs from its own.
pub(crate) fn subteams_score(team: &crate::eval::report::TeamReport) -> Option<String> {
    let own = score(team.score);
    team.score_with_subteams
        .filter(|&s| score(Some(s)) != own)
        .map(|s| {
            score_of(
                Some(s),
                team.coverage_with_subteams.unwrap_or_default(),
                "objectives",
            )
        })
}

/// A measure's goal as shown: its target (with the `by` date of a period
/// target), `tbd` while it is still to be decided, `data only`, and its
/// floor or ceiling (`keep >= 90`, `keep 85..92`), then a calculated
/// measure's formula (`· = opex / discharges`). User text: escape it for
/// the output.
pub(crate) fn measure_goal(m: &crate::eval::report::MeasureReport) -> String {
    let bounds = match (m.keep_above, m.keep_below) {
        (Some(a), Some(b)) => Some(format!("keep {}..{}", number(a), number(b))),
        (Some(a), None) => Some(format!("keep >= {}", number(a))),
        (None, Some(b)) => Some(format!("keep <= {}", number(b))),
        (None, None) => None,
    };
    let target = match (m.target, m.target_tbd) {
        // The period target of the date: `11.5 by 2026-12-31`.
        (Some(t), _) => Some(match m.target_by {
            Some(by) => format!("{} by {by}", number(t)),
            None => number(t),
        }),
        (None, true) => Some("tbd".to_owned()),
        (None, false) if m.data_only => Some("data only".to_owned()),
        (None, false) => None,
    };
    let goal = match (target, bounds) {
        (Some(t), Some(b)) => format!("{t} ({b})"),
        (Some(t), None) => t,
        (None, Some(b)) => b,
        (None, None) => "-".to_owned(),
    };
    match &m.formula {
        Some(f) => format!("{goal} · = {f}"),
        None => goal,
    }
}

/// The score expected of a goal by now; `-` for a dropped one, of which
/// nothing is expected.
/// How people graded a key result: `graded 0.80 · measured 0.45` (its
/// measure scores too), `graded 0.80`, or `graded, no grade yet`; nothing
/// for one that is not graded.
pub(crate) fn grade(k: &crate::eval::report::KeyResultReport) -> Option<String> {
    match (k.grade, k.measured_score) {
        (Some(g), Some(m)) => Some(format!(
            "graded {} · measured {}",
            score(Some(g)),
            score(Some(m))
        )),
        (Some(g), None) => Some(format!("graded {}", score(Some(g)))),
        (None, _) if k.graded && k.status != Status::Dropped => {
            Some("graded, no grade yet".to_owned())
        }
        (None, _) => None,
    }
}

pub(crate) fn expected(value: f64, status: Status) -> String {
    if status == Status::Dropped {
        "-".to_owned()
    } else {
        score(Some(value))
    }
}

/// A ratio as a percentage, e.g. raw progress `-12%` or `134%`.
pub(crate) fn percent(value: Option<f64>) -> String {
    value.map_or_else(
        || "-".to_owned(),
        |v| format!("{}%", crate::render::fixed(v * 100.0, 0)),
    )
}

/// A number for people: no needless decimals, thousands grouped from
/// 10,000 on: 12, 3.5, 2026, 15,000,000.
pub(crate) fn number(value: f64) -> String {
    let text = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = crate::render::fixed(value, 2);
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    if value.abs() < 10_000.0 {
        return text;
    }
    let (sign, digits) = text.split_at(usize::from(text.starts_with('-')));
    let (whole, fraction) = digits.split_once('.').map_or((digits, ""), |(w, f)| (w, f));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// An initiative's budget with its unit: `250,000 EUR`. `show` draws
/// the unit (the user's text) for the format.
pub(crate) fn budget(value: f64, unit: Option<&str>, show: impl Fn(&str) -> String) -> String {
    match unit {
        Some(u) => format!("{} {}", number(value), show(u)),
        None => number(value),
    }
}

/// Budget totals per unit, never added across units: `310,000 EUR; 40,000 USD`.
pub(crate) fn budget_totals(
    totals: &[crate::eval::report::BudgetTotal],
    show: impl Fn(&str) -> String,
) -> Option<String> {
    let parts: Vec<String> = totals
        .iter()
        .map(|t| budget(t.total, t.unit.as_deref(), &show))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// What a report says of an initiative after its title: `active, owner
/// ana, start 2026-03-01, due 2026-09-30, 40% done, budget 250,000 EUR,
/// overdue`; the same words in every format. `show` draws user text.
pub(crate) fn initiative_facts(
    i: &crate::eval::report::InitiativeReport,
    show: impl Fn(&str) -> String,
) -> String {
    let mut facts = vec![i.status.unwrap_or("unknown status").to_owned()];
    if let Some(owner) = &i.owner {
        facts.push(format!("owner {}", show(owner)));
    }
    if let Some(start) = i.start {
        facts.push(format!("start {start}"));
    }
    if let Some(due) = i.due {
        facts.push(format!("due {due}"));
    }
    if let Some(p) = i.progress {
        facts.push(format!("{} done", percent(Some(p))));
    }
    if let Some(b) = i.budget {
        facts.push(format!("budget {}", budget(b, i.unit.as_deref(), &show)));
    }
    if i.objectives.len() > 1 {
        facts.push(format!("serves {}", some_of(&i.objectives, &show)));
    }
    if i.overdue {
        facts.push("overdue".to_owned());
    }
    facts.join(", ")
}

/// A theme's name for people; `None` is the objectives without a theme.
pub(crate) fn theme_name(name: Option<&str>, show: impl Fn(&str) -> String) -> String {
    name.map_or_else(|| "no theme".to_owned(), show)
}

/// The objectives of a theme for one cell: `F1 Grow revenue, C2 Delight
/// customers` (ids with titles, looked up in the scorecard shown).
pub(crate) fn theme_objectives(
    s: &crate::eval::report::StrategyReport,
    theme: &crate::eval::report::ThemeReport,
    show: impl Fn(&str) -> String,
) -> String {
    let titled: Vec<String> = theme
        .objectives
        .iter()
        .map(|id| {
            let title = s
                .perspectives
                .iter()
                .flat_map(|p| &p.objectives)
                .find(|o| o.id == *id)
                .map(|o| o.title.as_str())
                .unwrap_or_default();
            format!("{} {}", id, title)
        })
        .collect();
    some_of(&titled, show)
}

/// A bar of `width` cells for a 0..1 score, in eighths of a cell.
pub(crate) fn bar(value: Option<f64>, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let Some(v) = value else {
        return " ".repeat(width);
    };
    let eighths = (v.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(PARTS[eighths % 8]);
    }
    let used = out.chars().count();
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// A sparkline of values, scaled between their minimum and maximum.
pub(crate) fn sparkline(values: &[f64]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (min, max) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    values
        .iter()
        .map(|v| {
            if max > min {
                TICKS[(((v - min) / (max - min)) * 7.0).round() as usize]
            } else {
                TICKS[3]
            }
        })
        .collect()
}

/// A list of names for one cell: all of a short list, else the first few
/// and how many more, so a strategic objective that 300 OKRs support keeps
/// a readable row. `show` draws each name (escaping it for the format).
pub(crate) fn some_of(names: &[String], show: impl Fn(&str) -> String) -> String {
    const SHOWN: usize = 5;
    let mut out: Vec<String> = names.iter().take(SHOWN).map(|n| show(n)).collect();
    if names.len() > SHOWN {
        out.push(format!("and {} more", names.len() - SHOWN));
    }
    out.join(", ")
}

/// An objective's OKR support in words: the score, or `no OKRs this
/// quarter` when the as-of date's quarter has no OKR file (never 0.00).
pub(crate) fn okr_support(o: &crate::eval::report::BscObjectiveReport) -> String {
    match o.okr_support_note {
        Some(note) if note == crate::eval::report::NO_OKRS => note.to_owned(),
        _ => score(o.okr_support),
    }
}

/// Whether the scorecard's support quarter has no OKR file at all: then no
/// objective is listed as unsupported, the quarter is.
pub(crate) fn no_okrs(s: &crate::eval::report::StrategyReport) -> bool {
    s.perspectives
        .iter()
        .flat_map(|p| &p.objectives)
        .any(|o| o.okr_support_note == Some(crate::eval::report::NO_OKRS))
}

/// The status label, with "missed commitment" where it applies.
pub(crate) fn status(status: Status, missed_commitment: bool) -> String {
    if missed_commitment {
        format!("{} (missed commitment)", status.label())
    } else {
        status.label().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_draw_without_scoring() {
        assert_eq!(score(Some(0.5)), "0.50");
        assert_eq!(score(None), "-");
        // Half away from zero, as people round.
        assert_eq!(percent(Some(-0.125)), "-13%");
        assert_eq!(number(15_000_000.0), "15,000,000");
        assert_eq!(number(-12_345.5), "-12,345.5");
        assert_eq!(number(2026.0), "2026");
        assert_eq!(number(3.50), "3.5");
        assert_eq!(bar(Some(0.5), 4), "██  ");
        assert_eq!(bar(Some(1.0 / 16.0), 2), "▏ ");
        assert_eq!(sparkline(&[1.0, 2.0, 3.0]), "▁▅█");
        assert_eq!(sparkline(&[2.0, 2.0]), "▄▄");
        let many: Vec<String> = (1..=7).map(|i| format!("t/O{i}")).collect();
        assert_eq!(some_of(&many[..2], str::to_owned), "t/O1, t/O2");
        assert_eq!(
            some_of(&many, str::to_owned),
            "t/O1, t/O2, t/O3, t/O4, t/O5, and 2 more"
        );
    }
}
