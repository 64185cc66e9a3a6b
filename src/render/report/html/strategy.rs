//! The Balanced Scorecard side of the dashboard: the perspectives in
//! okr.yaml's order (the strategy map's lanes, top first), each strategic
//! objective as a card with its score against the expected pace, each
//! measure's value against its goal in its unit (and its history) and its initiatives; then the strategy map itself, inline.

use std::fmt::Write as _;

use crate::eval::map::StrategyMap;
use crate::eval::report::{BscObjectiveReport, StrategyReport};
use crate::eval::score::Phase;
use crate::render::map::lane_name;
use crate::render::text::html as esc;

use super::super::{coverage, percent, score, score_of, some_of};
use super::{Page, badge, measure, progress, titled};

pub(super) fn scorecard(page: &mut Page, s: &StrategyReport, map: &StrategyMap) {
    page.push("<section id=\"scorecard\" aria-labelledby=\"scorecard-heading\">\n<h2 id=\"scorecard-heading\">Balanced Scorecard</h2>\n");
    let mut facts = Vec::new();
    if let (Some(start), Some(end)) = (s.start, s.end) {
        let pace = match s.phase {
            Phase::Before => "not started".to_owned(),
            Phase::Running => format!("{} elapsed", percent(Some(s.elapsed))),
            Phase::Ended => "ended".to_owned(),
        };
        facts.push(format!("period {start} to {end}, {pace}"));
    }
    facts.push(format!(
        "score <strong>{}</strong>",
        score_of(s.score, s.coverage, "strategic objectives")
    ));
    if let Some(q) = &s.support_quarter {
        facts.push(format!("OKR support from {}", esc(q)));
    }
    if let Some(totals) = crate::render::report::budget_totals(&s.budgets, esc) {
        facts.push(format!("initiative budgets {totals}"));
    }
    let _ = writeln!(page.out, "<p class=\"meta\">{}</p>", facts.join(" · "));
    // The map's lanes are the configured perspectives, then any others.
    for lane in &map.lanes {
        for p in s
            .perspectives
            .iter()
            .filter(|p| p.perspective == lane.perspective)
        {
            let id = page.id("perspective");
            let _ = writeln!(
                page.out,
                "<section class=\"perspective\" aria-labelledby=\"{id}\">\n<h3 id=\"{id}\">{} <span class=\"chip\">score {}</span></h3>\n<div class=\"bsc-objectives\">",
                esc(&lane_name(&p.label)),
                score_of(p.score, p.coverage, "objectives")
            );
            for o in &p.objectives {
                objective(page, o);
            }
            page.push("</div>\n</section>\n");
        }
    }
    if let Some(themes) = &s.themes {
        page.push("<div class=\"table-wrap\">\n<table>\n<caption>Strategic themes</caption>\n<thead><tr><th scope=\"col\">Theme</th><th scope=\"col\">Score</th><th scope=\"col\">Objectives</th></tr></thead>\n<tbody>\n");
        for t in themes {
            let _ = writeln!(
                page.out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                crate::render::report::theme_name(t.name.as_deref(), esc),
                score_of(t.score, t.coverage, "objectives"),
                crate::render::report::theme_objectives(s, t, esc)
            );
        }
        page.push("</tbody>\n</table>\n</div>\n");
    }
    page.push("</section>\n");
}

fn objective(page: &mut Page, o: &BscObjectiveReport) {
    let _ = writeln!(
        page.out,
        "<article class=\"card bsc-objective\">\n<div class=\"card-head\">\n<h4>{}</h4>\n<div class=\"right\"><span class=\"score\">{}</span>{}</div>\n</div>",
        titled(&o.id, &o.title),
        score(o.score),
        badge(o.status, false)
    );
    let mut meta = Vec::new();
    if let Some(owner) = &o.owner {
        meta.push(format!("owner {}", esc(owner)));
    }
    meta.extend(coverage(o.coverage, "measures"));
    meta.push(
        if o.okr_support_note == Some(crate::eval::report::NO_OKRS) {
            crate::eval::report::NO_OKRS.to_owned()
        } else if o.supported_by.is_empty() {
            "no OKR supports it".to_owned()
        } else {
            format!(
                "OKR support {} from {}",
                score(o.okr_support),
                some_of(&o.supported_by, esc)
            )
        },
    );
    if !o.contributes_to.is_empty() {
        meta.push(format!("drives {}", some_of(&o.contributes_to, esc)));
    }
    if !o.themes.is_empty() {
        meta.push(format!("themes {}", some_of(&o.themes, esc)));
    }
    if let Some(totals) = crate::render::report::budget_totals(&o.budgets, esc) {
        meta.push(format!("initiative budget {totals}"));
    }
    let _ = writeln!(page.out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    progress(page, o.score, Some(o.expected), o.status);
    if !o.measures.is_empty() {
        page.push("<div class=\"measures\">\n");
        for m in &o.measures {
            page.push("<figure class=\"measure\">\n");
            measure::bullet(page, m);
            measure::history(page, m);
            let mut detail = esc(&measure::label(m));
            if let Some(b) = m.baseline {
                let unit = m
                    .unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                let _ = write!(
                    detail,
                    " · baseline {}",
                    esc(&format!("{}{unit}", super::axis::compact(b)))
                );
            }
            if let Some(f) = &m.formula {
                let _ = write!(detail, " · = {}", esc(f));
            }
            if m.stale {
                detail.push_str(" <span class=\"flag\">stale</span>");
            }
            let _ = writeln!(
                page.out,
                "<figcaption><strong>{}</strong>{}<br>{detail}</figcaption>\n</figure>",
                esc(&m.name),
                badge(m.status, false)
            );
        }
        page.push("</div>\n");
    }
    if !o.initiatives.is_empty() {
        let _ = writeln!(
            page.out,
            "<div class=\"table-wrap\">\n<table>\n<caption>Initiatives of {}</caption>\n<thead><tr><th scope=\"col\">Initiative</th><th scope=\"col\">Owner</th><th scope=\"col\">Start</th><th scope=\"col\">Due</th><th scope=\"col\">Progress</th><th scope=\"col\">Budget</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>",
            esc(&o.id)
        );
        for i in &o.initiatives {
            let mut state = esc(i.status.unwrap_or("-"));
            if i.overdue {
                state.push_str(" <span class=\"flag\">overdue</span>");
            }
            let mut title = esc(&i.title);
            if let Some(home) = i.objectives.first().filter(|home| **home != o.id) {
                let _ = write!(title, " (of {})", esc(home));
            }
            let _ = writeln!(
                page.out,
                "<tr><th scope=\"row\">{title}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{state}</td></tr>",
                i.owner.as_deref().map_or_else(|| "-".to_owned(), esc),
                i.start.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                i.due.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                if i.progress.is_some() {
                    crate::render::report::percent(i.progress)
                } else {
                    "-".to_owned()
                },
                i.budget.map_or_else(
                    || "-".to_owned(),
                    |b| crate::render::report::budget(b, i.unit.as_deref(), esc)
                ),
            );
        }
        page.push("</tbody>\n</table>\n</div>\n");
    }
    page.push("</article>\n");
}

/// The strategy map as `okr map` draws it, inline.
pub(super) fn map(page: &mut Page, map: &StrategyMap) {
    page.push("<section id=\"strategy-map\" aria-labelledby=\"strategy-map-heading\">\n<h2 id=\"strategy-map-heading\">Strategy map</h2>\n<div class=\"map-wrap\">\n");
    let id = page.id("map");
    page.push(&crate::render::map::svg_inline(map, &id));
    page.push("</div>\n</section>\n");
}
