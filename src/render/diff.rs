//! Drawing a `Diff`: for a terminal, for a pull-request comment (a short
//! summary, then collapsible sections; user text escaped), and as JSON.

use std::fmt::Write;

use crate::diff::{ChangeKind, Diff, Effect, Level};
use crate::render::report::score;
use crate::render::text::{markdown as escape, terminal as clean};

/// `--format` of `okr diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// For terminals.
    Human,
    /// A pull-request comment: a summary, then collapsible sections.
    Markdown,
    /// One JSON document, documented in docs/json.md.
    Json,
}

pub(crate) fn render(format: DiffFormat, diff: &Diff) -> String {
    match format {
        DiffFormat::Human => human(diff),
        DiffFormat::Markdown => markdown(diff),
        DiffFormat::Json => json(diff),
    }
}

/// Bumped only on incompatible changes to the diff document.
pub(crate) const SCHEMA_VERSION: u32 = 1;

fn json(diff: &Diff) -> String {
    #[derive(serde::Serialize)]
    struct Document<'a> {
        schema_version: u32,
        #[serde(flatten)]
        diff: &'a Diff,
    }
    let mut text = crate::render::json_text::to_string_pretty(&Document {
        schema_version: SCHEMA_VERSION,
        diff,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}

fn headline(diff: &Diff) -> String {
    use crate::diagnostic::count;
    let s = &diff.summary;
    let mut parts = vec![count(s.changes, "change")];
    if s.goalposts_moved > 0 {
        parts.push(format!("{} moved", count(s.goalposts_moved, "goalpost")));
    }
    let new = s.introduced_errors + s.introduced_warnings;
    if new > 0 {
        parts.push(format!(
            "{} ({})",
            count(new, "new finding"),
            count(s.introduced_errors, "error")
        ));
    }
    if s.fixed > 0 {
        parts.push(format!("{} fixed", count(s.fixed, "finding")));
    }
    parts.join(", ")
}

fn marker(kind: ChangeKind, direction: Option<Effect>) -> &'static str {
    match (kind, direction) {
        (ChangeKind::Added, _) => "+",
        (ChangeKind::Removed, _) => "-",
        (ChangeKind::GoalpostMoved, Some(Effect::Easier)) => "! easier",
        (ChangeKind::GoalpostMoved, Some(Effect::Harder)) => "! harder",
        // Moved, but neither easier nor harder by its effect or its structure.
        (ChangeKind::GoalpostMoved, None) => "!",
        (ChangeKind::Progress, _) => "~",
        (ChangeKind::Dropped, _) => "x",
        (ChangeKind::Restored, _) => "^",
        _ => "*",
    }
}

/// `marker` for a Markdown cell: ours, so escaped by hand, not as user text.
fn markdown_marker(kind: ChangeKind, direction: Option<Effect>) -> &'static str {
    match marker(kind, direction) {
        "! easier" => "\\! easier",
        "! harder" => "\\! harder",
        "!" => "\\!",
        "~" => "\\~",
        "^" => "\\^",
        "*" => "\\*",
        other => other,
    }
}

/// `before -> after (difference)`, the difference worked out from the two
/// figures shown, so it adds up (`0.72 -> 0.69 (-0.03)`).
fn delta(before: Option<f64>, after: Option<f64>) -> String {
    let (b, a) = (score(before), score(after));
    match (b.parse::<f64>(), a.parse::<f64>()) {
        (Ok(shown_b), Ok(shown_a)) => format!("{b} -> {a} ({:+.2})", shown_a - shown_b),
        _ => format!("{b} -> {a}"),
    }
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Quarter => "quarter",
        Level::Team => "team",
        Level::Objective => "objective",
        Level::KeyResult => "key result",
        Level::Perspective => "perspective",
        Level::BscObjective => "strategic objective",
    }
}

fn human(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "okr diff {} ({}) .. {} ({}), scored as of {}: {}",
        clean(&diff.base.label),
        diff.base.date,
        clean(&diff.head.label),
        diff.head.date,
        diff.as_of,
        headline(diff)
    );
    for u in &diff.unread {
        let _ = writeln!(out, "! {}", u.notice(clean));
    }
    if !diff.changes.is_empty() {
        out.push_str("\nChanges\n");
        for c in &diff.changes {
            let place = c
                .quarter
                .as_deref()
                .map(|q| format!("{q} "))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<8} {place}{}",
                marker(c.kind, c.direction),
                clean(&c.message)
            );
        }
    }
    if !diff.scores.is_empty() {
        out.push_str("\nScores\n");
        for s in &diff.scores {
            // A quarter's row names its quarter once, as its subject.
            let place = s
                .quarter
                .as_deref()
                .filter(|_| s.level != Level::Quarter)
                .map(|q| format!("{q} "))
                .unwrap_or_default();
            let status = match (s.status_before, s.status_after) {
                (Some(b), Some(a)) if b != a => format!(", {} -> {}", b.label(), a.label()),
                _ => String::new(),
            };
            let was = s
                .was
                .as_deref()
                .map(|w| format!(" (was {})", clean(w)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {place}{} {}{was}: {}{status}",
                level(s.level),
                clean(&s.subject),
                delta(s.before, s.after)
            );
        }
    }
    for (title, findings) in [
        ("New findings", &diff.introduced),
        ("Fixed findings", &diff.fixed),
    ] {
        if !findings.is_empty() {
            let _ = writeln!(out, "\n{title}");
            for f in findings {
                let _ = writeln!(
                    out,
                    "  {}:{}:{}: {}[{}] {}",
                    clean(&f.path),
                    f.line,
                    f.column,
                    f.severity,
                    f.code,
                    clean(&f.message)
                );
            }
        }
    }
    out
}

fn markdown(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- okr-diff -->\n### okr diff: {}\n",
        escape(&headline(diff))
    );
    let _ = writeln!(
        out,
        "Comparing {} ({}) with {} ({}), scored as of {}.\n",
        escape(&diff.base.label),
        diff.base.date,
        escape(&diff.head.label),
        diff.head.date,
        diff.as_of
    );
    if !diff.unread.is_empty() {
        out.push_str("> [!WARNING]\n");
        for u in &diff.unread {
            let _ = writeln!(out, "> - {}", u.notice(escape));
        }
        out.push('\n');
    }
    let goalposts: Vec<_> = diff
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::GoalpostMoved)
        .collect();
    if !goalposts.is_empty() {
        out.push_str("> [!WARNING]\n> Goalposts moved after their period began:\n");
        for c in goalposts {
            let _ = writeln!(out, "> - {}", escape(&c.message));
        }
        out.push('\n');
    }
    if diff.summary.introduced_errors > 0 {
        let _ = writeln!(
            out,
            "**{}** from `okr check`.\n",
            crate::diagnostic::count(diff.summary.introduced_errors, "new error")
        );
    }
    let mut groups: Vec<String> = diff
        .changes
        .iter()
        .map(|c| {
            c.team
                .clone()
                .unwrap_or_else(|| "Balanced Scorecard".to_owned())
        })
        .collect();
    groups.sort();
    groups.dedup();
    for group in groups {
        let changes: Vec<_> = diff
            .changes
            .iter()
            .filter(|c| {
                c.team
                    .clone()
                    .unwrap_or_else(|| "Balanced Scorecard".to_owned())
                    == group
            })
            .collect();
        let _ = writeln!(
            out,
            "<details><summary>{} ({})</summary>\n",
            escape(&group),
            crate::diagnostic::count(changes.len(), "change")
        );
        out.push_str("| | Quarter | Change |\n| --- | --- | --- |\n");
        for c in changes {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                markdown_marker(c.kind, c.direction),
                c.quarter.as_deref().map_or_else(String::new, escape),
                escape(&c.message)
            );
        }
        out.push_str("\n</details>\n\n");
    }
    if !diff.scores.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>Scores ({})</summary>\n",
            crate::diagnostic::count(diff.scores.len(), "change")
        );
        out.push_str("| Level | Quarter | What | Before | After | Status |\n| --- | --- | --- | ---: | ---: | --- |\n");
        for s in &diff.scores {
            let status = match (s.status_before, s.status_after) {
                (Some(b), Some(a)) if b != a => format!("{} → {}", b.label(), a.label()),
                (_, Some(a)) => a.label().to_owned(),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {status} |",
                level(s.level),
                s.quarter.as_deref().map_or_else(String::new, escape),
                match &s.was {
                    Some(w) => format!("{} (was {})", escape(&s.subject), escape(w)),
                    None => escape(&s.subject),
                },
                score(s.before),
                score(s.after)
            );
        }
        out.push_str("\n</details>\n\n");
    }
    for (title, findings) in [
        ("New findings", &diff.introduced),
        ("Fixed findings", &diff.fixed),
    ] {
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<details><summary>{title} ({})</summary>\n",
            findings.len()
        );
        for f in findings {
            let _ = writeln!(
                out,
                "- `{}` {}:{} {} {}",
                f.code,
                escape(&f.path),
                f.line,
                f.severity,
                escape(&f.message)
            );
        }
        out.push_str("\n</details>\n\n");
    }
    if let Some(map) = &diff.head_map {
        out.push_str(&crate::render::report::markdown::strategy_map(
            map,
            &format!("Strategy map at {}", escape(&diff.head.label)),
        ));
    }
    out
}
