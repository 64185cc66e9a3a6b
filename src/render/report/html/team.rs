//! A team's section of the dashboard: its objectives as cards with their
//! progress against the expected pace, and in each its key results: the
//! values and forecast in words, a progress bar and, for a key result with
//! check-ins, its burn-up chart; a milestone says done or not done.

use std::fmt::Write as _;

use crate::eval::report::{
    KeyResultReport, ObjectiveReport, QuarterReport, TeamReport, kind_label,
};
use crate::model::KeyResultKind;
use crate::render::text::html as esc;

use super::super::{grade, number, objective_basis, percent, score, some_of, team_score};
use super::{Page, badge, burnup, progress, titled};

pub(super) fn team(page: &mut Page, team: &TeamReport, q: &QuarterReport) {
    let id = page.id("team");
    let _ = writeln!(
        page.out,
        "<section class=\"team{}\" aria-labelledby=\"{id}\">\n<h3 id=\"{id}\">{} <span class=\"chip\">score {}</span></h3>",
        if team.depth > 0 { " sub-team" } else { "" },
        esc(&team.team),
        esc(&team_score(team))
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
    note(page, o.note.as_deref());
    let mut meta = vec![o.kind.label().to_owned()];
    if let Some(owner) = &o.owner {
        meta.push(format!("owner {}", esc(owner)));
    }
    meta.extend(objective_basis(o));
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
    note(page, k.note.as_deref());
    let unit = k
        .unit
        .as_deref()
        .map(|u| format!(" {}", esc(u)))
        .unwrap_or_default();
    let value = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), number);
    let mut meta = vec![kind_label(k.kind).to_owned()];
    match k.kind {
        Some(KeyResultKind::Metric) => {
            meta.push(format!(
                "{}{unit} now, from {} to {}{unit}",
                value(k.current),
                value(k.start),
                value(k.target)
            ));
            meta.push(format!("progress {}", percent(k.progress)));
        }
        Some(KeyResultKind::Threshold) => {
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
        Some(KeyResultKind::Milestone) | Some(KeyResultKind::Graded) | None => {}
    }
    meta.extend(grade(k));
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
        Some(KeyResultKind::Milestone) => {
            let _ = writeln!(
                page.out,
                "<p class=\"milestone\">{}</p>",
                match (k.done, k.due) {
                    (Some(true), _) => "✓ done".to_owned(),
                    (_, Some(due)) => format!("○ not done, due {}", due.format("%Y-%m-%d")),
                    _ => "○ not done".to_owned(),
                }
            );
        }
        None => {
            page.push("<p class=\"milestone\">not scored: not exactly one of metric, milestone or threshold (O003)</p>\n");
        }
        Some(KeyResultKind::Metric)
        | Some(KeyResultKind::Threshold)
        | Some(KeyResultKind::Graded) => {
            progress(page, k.score, Some(k.expected), k.status);
            burnup::burnup(page, k, q);
        }
    }
    if let Some(last) = k.checkins.last() {
        let mut text = format!("Last check-in {}", last.date);
        // A milestone's check-in values are 0 and 1, said by done / not done.
        if let Some(v) = last
            .value
            .filter(|_| k.kind != Some(KeyResultKind::Milestone))
        {
            let _ = write!(text, ": {}{unit}", number(v));
        }
        if let Some(g) = last.score {
            let _ = write!(text, ", graded {}", score(Some(g)));
        }
        if let Some(note) = &last.note {
            let _ = write!(text, " – “{}”", esc(note));
        }
        let _ = writeln!(page.out, "<p class=\"note\">{text}</p>");
    }
    page.push("</li>\n");
}

/// A goal's note under its title, escaped like the title.
fn note(page: &mut Page, text: Option<&str>) {
    if let Some(text) = text {
        let _ = writeln!(page.out, "<p class=\"note\">note: {}</p>", esc(text));
    }
}
