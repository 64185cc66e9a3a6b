//! `okr report --format html`: the report as one self-contained page, a
//! dashboard for a browser, a phone or paper. The page is inline CSS and
//! inline SVG only: no scripts, no web fonts, no URLs (links point at the
//! page's own `#sections`), so it works offline, from file:// and as a
//! mail attachment. Every string a user wrote passes through `text::html`,
//! and element ids are okr's own (`kr-12`), never user text.
//!
//! Like every renderer it only draws the computed report: scores, statuses,
//! expected scores and forecasts are the report's, the charts' points are
//! its check-ins, and the strategy map is `map::build` of the same report.

mod axis;
mod burnup;
mod css;
mod measure;
mod okrs;
mod strategy;
mod team;

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::eval::report::Report;
use crate::eval::score::Status;

use super::{Style, percent};
use crate::render::map::status_key;
use crate::render::text::html as esc;

pub(crate) fn render(report: &Report, style: Style) -> String {
    let map = report.map.as_ref();
    let mut page = Page::new(report.as_of);
    let heading = heading(report);
    let subtitle = subtitle(report);
    page.push("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push("<meta name=\"generator\" content=\"okr\">\n");
    let _ = writeln!(
        page.out,
        "<title>{} · as of {}</title>",
        esc(&heading),
        report.as_of
    );
    let _ = writeln!(page.out, "<style>\n{}</style>\n</head>", css::stylesheet());
    page.push("<body>\n<header class=\"masthead\">\n<div class=\"wrap\">\n");
    let _ = writeln!(page.out, "<h1>{}</h1>", esc(&heading));
    let _ = writeln!(page.out, "<p class=\"subtitle\">{subtitle}</p>");
    navigation(&mut page, report, map.is_some());
    page.push("</div>\n</header>\n<main class=\"wrap\">\n");
    notices(&mut page, report);
    if report.quarters.is_empty() && report.strategy.is_none() {
        page.push("<p class=\"empty\">Nothing to report.</p>\n");
    }
    for (i, quarter) in report.quarters.iter().enumerate() {
        okrs::quarter(&mut page, quarter, i + 1, style);
    }
    if !report.history.is_empty() {
        okrs::history(&mut page, report);
    }
    if let (Some(strategy), Some(map)) = (&report.strategy, map) {
        strategy::scorecard(&mut page, strategy, map);
        strategy::map(&mut page, map);
    } else if let Some(unread) = report.unread_strategy() {
        page.push("<section id=\"scorecard\" aria-labelledby=\"scorecard-heading\">\n<h2 id=\"scorecard-heading\">Balanced Scorecard</h2>\n");
        let _ = writeln!(
            page.out,
            "<p>{}</p>\n</section>",
            code_spans(&unread.scorecard_notice(|p| format!("<code>{}</code>", esc(p))))
        );
    }
    if !report.skipped.is_empty() {
        page.push("<section id=\"skipped\" aria-labelledby=\"skipped-heading\">\n");
        page.push("<h2 id=\"skipped-heading\">Skipped files</h2>\n");
        page.push("<p>These files could not be loaded, so their goals are missing above; <code>okr check</code> says more.</p>\n<ul class=\"skipped\">\n");
        for s in &report.skipped {
            let _ = writeln!(
                page.out,
                "<li><code>{}</code>: {}</li>",
                esc(&s.path),
                esc(&s.reason)
            );
        }
        page.push("</ul>\n</section>\n");
    }
    page.push("</main>\n<footer class=\"wrap\">\n");
    let _ = writeln!(
        page.out,
        "<p>Made by okr from the goals files as of {}. Every score, status and forecast is explained in okr's docs/scoring.md.</p>",
        report.as_of
    );
    page.push("</footer>\n</body>\n</html>\n");
    page.out
}

/// What the report leaves out, above everything else: one line for each
/// file that could not be read, one for the errors of the others.
fn notices(page: &mut Page, report: &Report) {
    let errors = report.errors_notice();
    if report.skipped.is_empty() && errors.is_none() {
        return;
    }
    page.push("<ul class=\"notices\" role=\"note\">\n");
    for s in &report.skipped {
        let _ = writeln!(
            page.out,
            "<li>{}</li>",
            s.notice(|t| format!("<code>{}</code>", esc(t)))
        );
    }
    if let Some(line) = errors {
        let _ = writeln!(page.out, "<li>{}</li>", code_spans(&esc(&line)));
    }
    page.push("</ul>\n");
}

/// okr's own words about its command, in the page's code style.
fn code_spans(text: &str) -> String {
    text.replace("`okr check`", "<code>okr check</code>")
}

/// The page being written, with the counter its element ids come from.
pub(super) struct Page {
    out: String,
    ids: usize,
    /// The date the report is scored at, which charts mark.
    as_of: NaiveDate,
}

impl Page {
    fn new(as_of: NaiveDate) -> Page {
        Page {
            out: String::new(),
            ids: 0,
            as_of,
        }
    }

    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// A new id, unique in the page: `chart-7`.
    fn id(&mut self, prefix: &str) -> String {
        self.ids += 1;
        format!("{prefix}-{}", self.ids)
    }
}

/// The h1: what the page covers.
fn heading(report: &Report) -> String {
    match (report.quarters.first(), report.quarters.last()) {
        (Some(first), Some(last)) if first.quarter == last.quarter => {
            format!("OKR report {}", first.quarter)
        }
        (Some(first), Some(last)) => format!("OKR report {} to {}", first.quarter, last.quarter),
        _ => "Balanced Scorecard report".to_owned(),
    }
}

/// The line under the h1, escaped: the organization and the as-of date.
fn subtitle(report: &Report) -> String {
    let organization = report
        .strategy
        .as_ref()
        .and_then(|s| s.organization.as_deref())
        .filter(|o| !o.trim().is_empty());
    match organization {
        Some(org) => format!("{} · as of {}", esc(org), report.as_of),
        None => format!("As of {}", report.as_of),
    }
}

fn navigation(page: &mut Page, report: &Report, map: bool) {
    let mut links: Vec<(String, String)> = report
        .quarters
        .iter()
        .enumerate()
        .map(|(i, q)| (format!("quarter-{}", i + 1), esc(&q.quarter)))
        .collect();
    if !report.history.is_empty() {
        links.push(("history".to_owned(), "History".to_owned()));
    }
    if report.strategy.is_some() && map {
        links.push(("scorecard".to_owned(), "Balanced Scorecard".to_owned()));
        links.push(("strategy-map".to_owned(), "Strategy map".to_owned()));
    }
    if !report.skipped.is_empty() {
        links.push(("skipped".to_owned(), "Skipped files".to_owned()));
    }
    if links.len() < 2 {
        return;
    }
    page.push("<nav aria-label=\"Sections\">\n<ul>\n");
    for (id, label) in links {
        let _ = writeln!(page.out, "<li><a href=\"#{id}\">{label}</a></li>");
    }
    page.push("</ul>\n</nav>\n");
}

/// A status in words on its colour (the words carry it; the colour helps).
fn badge(status: Status, missed_commitment: bool) -> String {
    format!(
        "<span class=\"status s-{}\">{}</span>",
        status_key(status),
        esc(&super::status(status, missed_commitment))
    )
}

/// A bar of a 0..1 score in its status colour with a marker at the score
/// expected by now, and both as text, so neither colour nor the bar is
/// needed to read it.
fn progress(page: &mut Page, value: Option<f64>, expected: Option<f64>, status: Status) {
    // Nothing is expected of a dropped goal.
    let expected = expected.filter(|_| status != Status::Dropped);
    let width = value.map_or(0.0, |v| v.clamp(0.0, 1.0) * 100.0);
    let _ = write!(
        page.out,
        "<div class=\"progress s-{}\">\n<div class=\"track\" aria-hidden=\"true\"><div class=\"fill\" style=\"width:{width:.1}%\"></div>",
        status_key(status)
    );
    if let Some(e) = expected {
        let _ = write!(
            page.out,
            "<div class=\"pace\" style=\"left:{:.1}%\"></div>",
            e.clamp(0.0, 1.0) * 100.0
        );
    }
    page.push("</div>\n");
    let shown = match value {
        Some(_) => percent(value),
        None if status == Status::Dropped => "dropped".to_owned(),
        None => "unscored".to_owned(),
    };
    let _ = write!(page.out, "<p class=\"pct\"><strong>{shown}</strong>");
    if let Some(e) = expected {
        let _ = write!(
            page.out,
            " <span class=\"muted\">· expected by now {}</span>",
            percent(Some(e))
        );
    }
    page.push("</p>\n</div>\n");
}

/// `id title` for a heading, escaped, the id set apart.
fn titled(id: &str, title: &str) -> String {
    if id.trim().is_empty() {
        esc(title)
    } else {
        format!("<span class=\"id\">{}</span> {}", esc(id), esc(title))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_titles_escaped() {
        let mut page = Page::new(NaiveDate::default());
        assert_eq!(page.id("chart"), "chart-1");
        assert_eq!(page.id("measure"), "measure-2");
        assert_eq!(
            titled("<b>", "\"x\" & 'y'"),
            "<span class=\"id\">&lt;b&gt;</span> &quot;x&quot; &amp; &#39;y&#39;"
        );
        assert_eq!(titled(" ", "t"), "t");
        progress(&mut page, Some(1.5), Some(0.25), Status::OnTrack);
        assert!(page.out.contains("width:100.0%"), "{}", page.out);
        assert!(page.out.contains("left:25.0%"));
        assert!(page.out.contains("<strong>150%</strong>"));
    }
}
