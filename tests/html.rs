//! `okr report --format html` end to end on examples/acme at a fixed date,
//! parsed with a real HTML5 parser (html5ever, through scraper): the
//! structure the dashboard promises (a section per team with its
//! objectives, a burn-up chart per key result with check-ins, a picture of
//! each measure's value in its unit (and a line chart of its history) in
//! the configured perspective order, the strategy map), what
//! makes it self-contained and accessible, escaping of hostile text, and
//! determinism. The expected counts come from the JSON report of the same
//! input, so they follow the example when it changes.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::util::{AS_OF, Okr, acme, copy_of};

/// examples/acme as okr is given it, from the repository's root.
const ACME: &str = "examples/acme";

fn report(path: &str, format: &str, extra: &[&str]) -> String {
    let output = Okr::new()
        .args(["report", path, AS_OF, "--format", format])
        .args(extra)
        .run();
    output.assert_code(0);
    output.stdout()
}

fn json(path: &str, extra: &[&str]) -> Value {
    serde_json::from_str(&report(path, "json", extra)).unwrap()
}

fn select<'a>(root: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    root.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

fn array(value: &Value) -> &Vec<Value> {
    value.as_array().unwrap()
}

/// Check-ins with a value: the points a burn-up chart draws.
/// The points of a key result's burn-up: its check-ins' values, or its
/// grades when it is graded by people alone.
fn points(kr: &Value) -> usize {
    let field = if kr["kind"] == "graded" {
        "score"
    } else {
        "value"
    };
    array(&kr["checkins"])
        .iter()
        .filter(|c| !c[field].is_null())
        .count()
}

/// A key result with a progress bar and a burn-up chart: measured, or
/// graded by people.
fn charted_kind(kr: &Value) -> bool {
    kr["kind"] == "metric" || kr["kind"] == "threshold" || kr["kind"] == "graded"
}

#[test]
fn the_dashboard_has_a_section_per_team_and_a_chart_per_key_result_with_checkins() {
    let page = report(ACME, "html", &[]);
    let document = Html::parse_document(&page);
    let root = document.root_element();
    let expected = json(ACME, &[]);
    let quarter = &expected["quarters"][0];

    assert_eq!(root.value().attr("lang"), Some("en"));
    assert!(!text(select(root, "head > title")[0]).trim().is_empty());
    assert_eq!(select(root, "meta[name=viewport]").len(), 1);
    assert_eq!(select(root, "h1").len(), 1);
    assert!(text(select(root, "h1")[0]).contains("2026-Q4"));

    let teams = select(root, "section.team");
    let expected_teams = array(&quarter["teams"]);
    assert_eq!(teams.len(), expected_teams.len());
    let mut charts = Vec::new();
    for (section, team) in teams.iter().zip(expected_teams) {
        let heading = text(select(*section, "h3")[0]);
        assert!(
            heading.starts_with(team["team"].as_str().unwrap()),
            "{heading}"
        );
        let objectives = select(*section, "article.objective");
        assert_eq!(objectives.len(), array(&team["objectives"]).len());
        for (article, objective) in objectives.iter().zip(array(&team["objectives"])) {
            let title = text(select(*article, "h4")[0]);
            assert!(
                title.contains(objective["title"].as_str().unwrap()),
                "{title}"
            );
            assert!(
                select(*article, ".progress .pace").len()
                    == usize::from(objective["status"] != "dropped")
                        + array(&objective["key_results"])
                            .iter()
                            .filter(|k| charted_kind(k))
                            .filter(|k| k["status"] != "dropped")
                            .count(),
                "an expected-pace marker on the objective's and each measured or graded key result's bar, none on a dropped one's"
            );
            let items = select(*article, "li.kr");
            assert_eq!(items.len(), array(&objective["key_results"]).len());
            for (item, kr) in items.iter().zip(array(&objective["key_results"])) {
                let svgs = select(*item, "svg.burnup");
                let charted = charted_kind(kr) && points(kr) > 0;
                assert_eq!(svgs.len(), usize::from(charted), "{}", kr["id"]);
                if kr["kind"] == "milestone" {
                    let state = text(select(*item, ".milestone")[0]);
                    let expected = match kr["due"].as_str() {
                        _ if kr["done"] == true => " done".to_owned(),
                        Some(due) => format!(" not done, due {due}"),
                        None => " not done".to_owned(),
                    };
                    assert!(state.ends_with(&expected), "{state}");
                }
                charts.extend(svgs.into_iter().map(|svg| (svg, kr)));
            }
        }
    }
    let charted = expected_teams
        .iter()
        .flat_map(|t| array(&t["objectives"]))
        .flat_map(|o| array(&o["key_results"]))
        .filter(|k| charted_kind(k) && points(k) > 0)
        .count();
    assert!(charted > 10, "acme has many key results with check-ins");
    assert_eq!(select(root, "svg.burnup").len(), charted);
    for (svg, kr) in charts {
        let title = text(select(svg, ":scope > title")[0]);
        assert!(title.contains(kr["id"].as_str().unwrap()), "{title}");
        assert_eq!(select(svg, ":scope > desc").len(), 1);
        assert_eq!(select(svg, "circle.checkin").len(), points(kr), "{title}");
        assert!(
            select(svg, ".x-axis text").len() >= 2,
            "dates on the x axis"
        );
        assert!(
            select(svg, ".y-axis text").len() >= 2,
            "values on the y axis"
        );
        if kr["kind"] == "metric" {
            assert_eq!(select(svg, "line.pace").len(), 1, "{title}");
            let forecast = select(svg, "line.forecast");
            assert_eq!(forecast.len(), usize::from(!kr["forecast"].is_null()));
            if let Some(line) = forecast.first() {
                assert!(line.value().attr("stroke-dasharray").is_some(), "dashed");
            }
        }
    }
    assert!(select(root, "line.forecast").len() > 5);

    // The Balanced Scorecard, in okr.yaml's perspective order.
    let loaded = okr::input::load::load(&acme()).unwrap();
    let configured = &loaded.repository.settings.perspectives;
    let perspectives = select(root, "#scorecard section.perspective");
    let headings: Vec<String> = perspectives
        .iter()
        .map(|p| text(select(*p, "h3")[0]).to_lowercase())
        .collect();
    assert_eq!(headings.len(), configured.len());
    for (heading, key) in headings.iter().zip(configured) {
        assert!(heading.starts_with(key.as_str()), "{heading} vs {key}");
    }
    let strategy = &expected["strategy"];
    for (section, key) in perspectives.iter().zip(configured) {
        let p = array(&strategy["perspectives"])
            .iter()
            .find(|p| p["perspective"] == key.as_str())
            .unwrap();
        let measures: usize = array(&p["objectives"])
            .iter()
            .map(|o| array(&o["measures"]).len())
            .sum();
        assert_eq!(
            select(*section, "svg.measure-bullet").len(),
            measures,
            "{key}"
        );
        assert_eq!(
            select(*section, "article.bsc-objective").len(),
            array(&p["objectives"]).len()
        );
    }

    // The strategy map, inline, one box per strategic objective.
    let maps = select(root, "#strategy-map svg");
    assert_eq!(maps.len(), 1);
    let objectives: usize = array(&strategy["perspectives"])
        .iter()
        .map(|p| array(&p["objectives"]).len())
        .sum();
    assert_eq!(select(maps[0], "g.objective").len(), objectives);
    assert!(
        select(root, "img").is_empty(),
        "the map is inline, not an <img>"
    );
}

#[test]
fn the_dashboard_is_self_contained_and_accessible() {
    let page = report(ACME, "html", &[]);
    let document = Html::parse_document(&page);
    let root = document.root_element();
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    assert!(
        document.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        document.errors
    );

    // Nothing from elsewhere: no scripts, no URLs, no links off the page.
    assert!(select(root, "script, iframe, object, embed, link, img").is_empty());
    for needle in ["http", "//", "url(", "@import", "javascript:"] {
        let found = page.to_lowercase().find(needle);
        assert!(found.is_none(), "`{needle}` at {found:?}");
    }
    let ids: Vec<&str> = select(root, "[id]")
        .iter()
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    for element in select(root, "*") {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}");
            assert_ne!(name, "src");
            if name == "href" {
                let target = value.strip_prefix('#').expect("only #fragments");
                assert!(ids.contains(&target), "#{target} exists");
            }
        }
    }

    // Every chart is an image with a title (and a description).
    let svgs = select(root, "svg");
    assert!(svgs.len() > 40);
    for svg in &svgs {
        assert_eq!(svg.value().attr("role"), Some("img"));
        let labels = svg.value().attr("aria-labelledby").unwrap();
        let mut labels = labels.split(' ');
        let title = labels.next().unwrap();
        let title = select(root, &format!("[id='{title}']"))[0];
        assert_eq!(title.value().name(), "title");
        assert_eq!(title.parent().and_then(ElementRef::wrap), Some(*svg));
        assert!(!text(title).trim().is_empty());
        let desc = select(root, &format!("[id='{}']", labels.next().unwrap()))[0];
        assert_eq!(desc.value().name(), "desc");
    }

    // Headings go down one level at a time.
    let mut level = 0;
    for heading in select(root, "h1, h2, h3, h4, h5, h6") {
        let next: usize = heading.value().name()[1..].parse().unwrap();
        assert!(
            next <= level + 1,
            "h{level} then h{next}: {}",
            text(heading)
        );
        level = next;
    }

    // Tables have captions and header cells with a scope.
    let tables = select(root, "table");
    assert!(tables.len() > 5);
    for table in tables {
        assert_eq!(select(table, "caption").len(), 1);
        let headers = select(table, "th");
        assert!(!headers.is_empty());
        assert!(headers.iter().all(|th| th.value().attr("scope").is_some()));
        let wrapper = table.parent().and_then(ElementRef::wrap).unwrap();
        assert_eq!(wrapper.value().attr("class"), Some("table-wrap"));
    }

    // Statuses are words, not colours only.
    let statuses = select(root, "span.status");
    assert!(statuses.len() > 30);
    for status in statuses {
        let class = status.value().attr("class").unwrap();
        let key = class.split(' ').find_map(|c| c.strip_prefix("s-")).unwrap();
        assert!(
            text(status).contains(&key.replace('_', " ")),
            "{class}: {}",
            text(status)
        );
    }
    for bar in select(root, ".progress") {
        let shown = text(select(bar, ".pct")[0]);
        assert!(
            shown.contains('%') || shown.contains("unscored") || shown.contains("dropped"),
            "{shown}"
        );
    }
    for words in ["on track", "at risk", "off track"] {
        assert!(page.contains(words), "{words}");
    }
    assert!(page.contains("@media print"));
}

#[test]
fn only_selects_the_sections() {
    let okrs = Html::parse_document(&report(ACME, "html", &["--only", "okrs"]));
    let root = okrs.root_element();
    assert!(!select(root, "section.team").is_empty());
    assert!(select(root, "#scorecard, #strategy-map").is_empty());
    let strategy = Html::parse_document(&report(ACME, "html", &["--only", "strategy"]));
    let root = strategy.root_element();
    assert!(select(root, "section.team, svg.burnup").is_empty());
    assert_eq!(select(root, "#scorecard").len(), 1);
    assert_eq!(select(root, "#strategy-map svg").len(), 1);
    assert_eq!(select(root, "h1").len(), 1);
}

#[test]
fn the_same_files_and_date_give_the_same_bytes() {
    let first = report(ACME, "html", &["--quarter", "all", "--tree"]);
    let second = report(ACME, "html", &["--quarter", "all", "--tree"]);
    assert!(first == second, "two renderings differ");
    let document = Html::parse_document(&first);
    assert!(
        select(document.root_element(), "#history table").len() == 1,
        "history with several quarters"
    );
}

#[test]
fn output_goes_to_the_file_given_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let output = Okr::new()
        .args(["report", ACME, AS_OF, "--format", "html", "-o"])
        .arg(&file)
        .run();
    assert_eq!(output.code(), Some(0));
    assert_eq!(output.stdout(), format!("wrote {}\n", file.display()));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        report(ACME, "html", &[])
    );
}

#[test]
fn hostile_titles_and_notes_are_shown_as_text() {
    let dir = copy_of(&acme());
    let script = "<script>alert(1)</script>";
    let img = "\"><img src=x onerror=alert(1)>";
    let edit = |file: &str, pairs: &[(&str, &str)]| {
        let path = dir.path().join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (from, to) in pairs {
            assert!(text.contains(from), "{from}");
            text = text.replace(from, to);
        }
        std::fs::write(&path, text).unwrap();
    };
    edit(
        "platform/2026-Q4.yaml",
        &[
            (
                "title: Make deploys boring",
                "title: \"<script>alert(1)</script>\"",
            ),
            (
                "title: Cut failed deploys from 7% to 3%",
                "title: \"\\\"><img src=x onerror=alert(1)>\"",
            ),
            ("unit: \"%\"", "unit: \"&amp;\""),
            (
                "note: Migration linter in CI",
                "note: \"bidi \\u202Eevil and ansi \\e[31mred\"",
            ),
            (
                "note: Freeze means few deploys until Dec 1",
                "note: \"<script>alert(1)</script> &amp; '\"",
            ),
        ],
    );
    edit(
        "strategy.yaml",
        &[(
            "title: Grow recurring revenue",
            "title: \"\\\"><img src=x onerror=alert(1)> &amp;\"",
        )],
    );
    let path = dir.path().to_str().unwrap();
    let page = report(path, "html", &[]);
    assert!(!page.contains('\u{202E}') && !page.contains('\u{1b}'));
    let document = Html::parse_document(&page);
    let root = document.root_element();
    assert!(select(root, "script, img").is_empty());
    for element in select(root, "*") {
        assert!(
            element
                .value()
                .attrs()
                .all(|(name, _)| !name.starts_with("on")),
            "{:?}",
            element.value()
        );
    }
    let shown = text(root);
    assert!(shown.contains(script), "a title shows as text");
    assert!(shown.contains(img));
    assert!(
        shown.contains("&amp; '"),
        "an entity in a note stays as written"
    );
    assert!(
        shown.contains("bidi  evil and ansi  [31mred"),
        "controls are spaces"
    );
    let heading = select(root, "article.objective h4")
        .into_iter()
        .map(text)
        .find(|t| t.contains("P1"))
        .unwrap();
    assert_eq!(heading, format!("P1 {script}"));
    let chart = select(root, "svg.burnup > title")
        .into_iter()
        .map(text)
        .find(|t| t.contains("P1.1"))
        .unwrap();
    assert_eq!(chart, format!("Burn-up of P1.1 {img}"));
    let tooltips: Vec<String> = select(root, "circle.checkin > title")
        .into_iter()
        .map(text)
        .filter(|t| t.contains("&amp;"))
        .collect();
    assert!(!tooltips.is_empty(), "the unit as written in tooltips");
}

/// Each measure of acme is pictured in its own unit against its goal, never
/// as a progress percentage, and a measure with history gets a line chart
/// with one point per history point known at the as-of date (the JSON
/// report's `trend`).
#[test]
fn measures_are_pictured_in_their_unit() {
    let expected = json(ACME, &[]);
    let page = Html::parse_document(&report(ACME, "html", &[]));
    let root = page.root_element();
    let figures = select(root, "#scorecard figure.measure");
    let measures: Vec<&Value> = array(&expected["strategy"]["perspectives"])
        .iter()
        .flat_map(|p| array(&p["objectives"]))
        .flat_map(|o| array(&o["measures"]))
        .collect();
    assert_eq!(figures.len(), measures.len());
    let mut charted = 0;
    for (figure, m) in figures.iter().zip(&measures) {
        let name = m["name"].as_str().unwrap();
        let caption = text(select(*figure, "figcaption")[0]);
        assert!(caption.contains(name), "{caption} vs {name}");
        let bullets = select(*figure, "svg.measure-bullet");
        assert_eq!(bullets.len(), 1, "{name}");
        let svg = bullets[0];
        assert_eq!(svg.value().attr("role"), Some("img"));
        let title = text(select(svg, "title")[0]);
        let desc = text(select(svg, "desc")[0]);
        // The value in words with its unit, in the label and the picture.
        if let (Some(unit), Some(actual)) = (m["unit"].as_str(), m["actual"].as_f64()) {
            let with_unit = format!(" {unit}");
            assert!(caption.contains(&with_unit), "{name}: {caption}");
            assert!(title.contains(&with_unit), "{name}: {title}");
            assert!(desc.contains(&with_unit), "{name}: {desc}");
            assert!(
                select(svg, "circle.value-mark").len() == 1,
                "{name}: the value {actual} is marked"
            );
        }
        // No score as a percentage anywhere in the picture or its label:
        // a percent sign only as the measure's own unit, after a space.
        for words in [&caption, &title, &desc] {
            let words = words.replace(name, "");
            let glued = words
                .char_indices()
                .any(|(i, c)| c == '%' && words[..i].ends_with(|d: char| d.is_ascii_digit()));
            assert!(!glued, "{name}: a progress percentage in {words}");
            assert!(!words.contains("expected"), "{name}: {words}");
            assert!(!words.contains(" of "), "{name}: {words}");
        }
        if !m["target"].is_null() {
            assert_eq!(select(svg, "line.target").len(), 1, "{name}");
        }
        let trend = array(&m["trend"]).len();
        let charts = select(*figure, "svg.measure-history");
        if trend >= 2 {
            charted += 1;
            assert_eq!(charts.len(), 1, "{name}");
            assert_eq!(charts[0].value().attr("role"), Some("img"));
            assert_eq!(select(charts[0], "circle.point").len(), trend, "{name}");
            assert_eq!(select(charts[0], "polyline.actual").len(), 1, "{name}");
            if !m["target"].is_null() {
                assert_eq!(select(charts[0], "line.target").len(), 1, "{name}");
            }
        } else {
            assert!(charts.is_empty(), "{name}");
        }
    }
    assert!(charted > 5, "acme's measures have history");
}

/// A ceiling reads as the value against the ceiling in the unit (agency
/// spend 6.4 % against a ceiling of 5 %), not as "69%" of it: the value is
/// marked beyond the healthy band that ends at the ceiling.
#[test]
fn a_ceiling_is_not_a_percentage_of_it() {
    let dir = copy_of(&acme());
    let path = dir.path().join("strategy.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let anchor = "        # A healthy range, not a target";
    assert!(yaml.contains(anchor));
    let yaml = yaml.replacen(
        anchor,
        &format!("        - id: agency_spend\n          name: Agency spend\n          unit: \"%\"\n          keep_below: 5\n          actual: 6.4\n          actual_date: 2026-10-31\n{anchor}"),
        1,
    );
    std::fs::write(&path, yaml).unwrap();
    let html = report(dir.path().to_str().unwrap(), "html", &[]);
    let page = Html::parse_document(&html);
    let figure = select(page.root_element(), "#scorecard figure.measure")
        .into_iter()
        .find(|f| text(select(*f, "figcaption strong")[0]) == "Agency spend")
        .expect("the ceiling measure is pictured");
    let caption = text(select(figure, "figcaption")[0]);
    assert!(caption.contains("6.4 % · ceiling 5 %"), "{caption}");
    let svg = select(figure, "svg.measure-bullet")[0];
    let desc = text(select(svg, "desc")[0]);
    assert!(desc.contains("Value 6.4 %"), "{desc}");
    assert!(desc.contains("keep at or below 5 %"), "{desc}");
    for words in [&caption, &desc, &text(select(svg, "title")[0])] {
        assert!(!words.contains("69%") && !words.contains(" of "), "{words}");
    }
    // The healthy band ends at the ceiling; the value lies beyond it.
    let x = |e: ElementRef<'_>, a: &str| e.value().attr(a).unwrap().parse::<f64>().unwrap();
    let band = select(svg, "rect.healthy")[0];
    let ceiling = select(svg, "line.bound")[0];
    let value = select(svg, "circle.value-mark")[0];
    assert!((x(band, "x") + x(band, "width") - x(ceiling, "x1")).abs() < 0.2);
    assert!(x(value, "cx") > x(ceiling, "x1") + 10.0);
    assert!(
        svg.select(&Selector::parse("text").unwrap())
            .all(|t| !text(t).contains('%') || text(t) == "in %")
    );
}
