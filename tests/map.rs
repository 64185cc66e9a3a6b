//! `okr map` end to end: the SVG parsed as XML and checked for its
//! structure (lanes, one box per objective, one arrow per link, backwards
//! links dashed), legibility on 15 objectives and 25 links (no overlapping
//! boxes, arrows clear of boxes, text inside its box), escaping of hostile
//! titles in every format, determinism, and snapshots of Mermaid and DOT.

use crate::util::{AS_OF, Okr, Output, acme, copy_of, is_invisible, root};

/// tests/map/fifteen as okr is given it, from the repository's root.
const FIFTEEN: &str = "tests/map/fifteen";

fn okr(args: &[&str]) -> Output {
    Okr::new().args(args).run()
}

fn map(path: &str, extra: &[&str]) -> String {
    let output = Okr::new().args(["map", path, AS_OF]).args(extra).run();
    output.assert_code(0);
    output.stdout()
}

/// `contributes_to` links of a goals folder, as (from, to), from the loader.
fn links(path: &str) -> Vec<(String, String)> {
    let loaded = okr::input::load::load(&root().join(path)).unwrap();
    let strategy = loaded.repository.strategy.unwrap();
    let mut links = Vec::new();
    for p in &strategy.perspectives {
        for o in &p.objectives {
            for to in &o.contributes_to {
                links.push((o.id.value.to_string(), to.value.to_string()));
            }
        }
    }
    links.sort();
    links
}

fn class_is(node: &roxmltree::Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|c| c == class))
}

fn elements<'a, 'i>(doc: &'a roxmltree::Document<'i>, class: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && class_is(n, class))
        .collect()
}

fn number(node: &roxmltree::Node<'_, '_>, attribute: &str) -> f64 {
    node.attribute(attribute).unwrap().parse().unwrap()
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn of(node: &roxmltree::Node<'_, '_>) -> Rect {
        Rect {
            x: number(node, "x"),
            y: number(node, "y"),
            w: number(node, "width"),
            h: number(node, "height"),
        }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// Strictly inside, a pixel in from the border.
    fn contains(&self, (x, y): (f64, f64)) -> bool {
        x > self.x + 1.0
            && x < self.x + self.w - 1.0
            && y > self.y + 1.0
            && y < self.y + self.h - 1.0
    }
}

/// Points along an SVG path of M, L and C commands.
fn samples(d: &str) -> Vec<(f64, f64)> {
    let mut tokens = d.split([' ', ',']).filter(|t| !t.is_empty());
    let mut points = Vec::new();
    let mut at = (0.0, 0.0);
    let coord = |first: Option<&str>, rest: &mut dyn Iterator<Item = &str>| -> (f64, f64) {
        let x: f64 = first.unwrap().parse().unwrap();
        let y: f64 = rest.next().unwrap().parse().unwrap();
        (x, y)
    };
    while let Some(token) = tokens.next() {
        let (command, first) = token.split_at(1);
        let first = Some(first);
        match command {
            "M" => at = coord(first, &mut tokens),
            "L" => {
                let to = coord(first, &mut tokens);
                for k in 0..=20 {
                    let t = f64::from(k) / 20.0;
                    points.push((at.0 + (to.0 - at.0) * t, at.1 + (to.1 - at.1) * t));
                }
                at = to;
            }
            "C" => {
                let c1 = coord(first, &mut tokens);
                let c2 = coord(tokens.next(), &mut tokens);
                let to = coord(tokens.next(), &mut tokens);
                for k in 0..=40 {
                    let t = f64::from(k) / 40.0;
                    let u = 1.0 - t;
                    let b = |p0: f64, p1: f64, p2: f64, p3: f64| {
                        u * u * u * p0
                            + 3.0 * u * u * t * p1
                            + 3.0 * u * t * t * p2
                            + t * t * t * p3
                    };
                    points.push((b(at.0, c1.0, c2.0, to.0), b(at.1, c1.1, c2.1, to.1)));
                }
                at = to;
            }
            "Z" => {}
            other => panic!("unexpected path command {other} in {d}"),
        }
    }
    points
}

#[test]
fn svg_has_lanes_boxes_and_arrows() {
    let svg = map("examples/acme", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let children: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .take(2)
        .collect();
    assert_eq!(
        children,
        ["title", "desc"],
        "accessible name and description first"
    );

    let lanes: Vec<&str> = elements(&doc, "lane")
        .iter()
        .map(|n| n.attribute("data-perspective").unwrap())
        .collect();
    assert_eq!(lanes, ["financial", "customer", "internal", "learning"]);
    let bands: Vec<Rect> = elements(&doc, "band").iter().map(Rect::of).collect();
    assert!(
        bands.windows(2).all(|w| w[0].y + w[0].h <= w[1].y),
        "lanes top to bottom"
    );

    let objectives = elements(&doc, "objective");
    let mut ids: Vec<&str> = objectives
        .iter()
        .map(|n| n.attribute("data-id").unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "C1", "C2", "C3", "F1", "F2", "F3", "I1", "I2", "I3", "L1", "L2", "L3"
        ]
    );
    for o in &objectives {
        let boxes: Vec<_> = o.children().filter(|n| class_is(n, "box")).collect();
        assert_eq!(boxes.len(), 1, "one box per objective");
        // Each box sits in its perspective's band.
        let id = o.attribute("data-id").unwrap();
        let lane = ["F", "C", "I", "L"]
            .iter()
            .position(|p| id.starts_with(p))
            .unwrap();
        let b = Rect::of(&boxes[0]);
        assert!(
            bands[lane].y < b.y && b.y + b.h < bands[lane].y + bands[lane].h,
            "{id}"
        );
        // The status in words, not only in colour.
        let words: Vec<&str> = o.descendants().filter_map(|n| n.text()).collect();
        assert!(
            words.iter().any(|w| ["on track", "at risk", "off track"]
                .iter()
                .any(|s| w.starts_with(s))),
            "{id}: {words:?}"
        );
    }
    assert!(svg.contains("data-id=\"I2\" data-status=\"on_track\""));

    let mut drawn: Vec<(String, String)> = elements(&doc, "link")
        .iter()
        .map(|n| {
            (
                n.attribute("data-from").unwrap().to_owned(),
                n.attribute("data-to").unwrap().to_owned(),
            )
        })
        .collect();
    drawn.sort();
    assert_eq!(drawn, links("examples/acme"), "one arrow per link");
    assert_eq!(elements(&doc, "arrowhead").len(), drawn.len());
    assert!(elements(&doc, "backwards").is_empty());

    // Self-contained: the namespace is the only URL; nothing to fetch or run.
    let without_namespace = svg.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for needle in [
        "http",
        "url(",
        "href",
        "<script",
        "<style",
        "<image",
        "<foreignObject",
        "@import",
        " id=\"",
    ] {
        assert!(
            !without_namespace.contains(needle),
            "the SVG holds {needle}"
        );
    }
}

#[test]
fn backwards_links_are_dashed_and_red() {
    let svg = map(FIFTEEN, &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let links = elements(&doc, "link");
    assert_eq!(links.len(), 25);
    let mut backwards = Vec::new();
    for link in &links {
        let line = link.children().find(|n| class_is(n, "line")).unwrap();
        let dashed = line.attribute("stroke-dasharray").is_some();
        assert_eq!(dashed, class_is(link, "backwards"));
        if dashed {
            assert_eq!(line.attribute("stroke"), Some("#D55E00"));
            backwards.push(format!(
                "{}->{}",
                link.attribute("data-from").unwrap(),
                link.attribute("data-to").unwrap()
            ));
        }
    }
    backwards.sort();
    assert_eq!(backwards, ["C4->L1", "F3->I1"]);
    assert!(svg.contains("backwards link (B007)"), "in the legend");
}

#[test]
fn fifteen_objectives_and_25_links_stay_legible() {
    let svg = map(FIFTEEN, &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let objectives = elements(&doc, "objective");
    assert_eq!(objectives.len(), 15);
    let boxes: Vec<Rect> = objectives
        .iter()
        .map(|o| Rect::of(&o.children().find(|n| class_is(n, "box")).unwrap()))
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "boxes overlap: {a:?} {b:?}");
        }
    }
    // Text within its box, by the layout's own estimate of 0.6 em a character.
    for (o, b) in objectives.iter().zip(&boxes) {
        for text in o.children().filter(|n| n.has_tag_name("text")) {
            let content = text.text().unwrap_or_default();
            let size = number(&text, "font-size");
            let bold = if text.attribute("font-weight") == Some("bold") {
                1.1
            } else {
                1.0
            };
            let width = content.chars().count() as f64 * 0.6 * size * bold;
            let (x, y) = (number(&text, "x"), number(&text, "y"));
            assert!(
                x >= b.x && x + width <= b.x + b.w && y - size >= b.y && y <= b.y + b.h,
                "{content:?} at {x},{y} ({width} px wide) leaves {b:?}"
            );
        }
    }
    // The long unbroken word is broken, not spilled.
    assert!(svg.contains(">Supercalifragilisticexpia<"), "{svg}");
    // Arrows run between boxes, never through one.
    for link in elements(&doc, "link") {
        let line = link.children().find(|n| class_is(n, "line")).unwrap();
        for point in samples(line.attribute("d").unwrap()) {
            for b in &boxes {
                assert!(
                    !b.contains(point),
                    "the arrow {}->{} crosses the box {b:?} at {point:?}",
                    link.attribute("data-from").unwrap(),
                    link.attribute("data-to").unwrap()
                );
            }
        }
    }
}

/// What makes a map hard to read, measured on the SVG: arrows closer than
/// 12 px to each other (running alongside, away from their own boxes), two
/// ends on a box edge closer than 12 px, an arrow through a box that is not
/// its own or through a lane title, an arrow along a lane edge, text under
/// 11 px, and text wider than its box (0.6 em a character, 1.1 times for
/// bold, as the layout estimates). Crossings at an angle are allowed.
pub(crate) fn geometry_problems(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut problems = Vec::new();
    let mut boxes: std::collections::HashMap<&str, Rect> = std::collections::HashMap::new();
    for o in elements(&doc, "objective") {
        let b = o.children().find(|n| class_is(n, "box")).unwrap();
        boxes.insert(o.attribute("data-id").unwrap(), Rect::of(&b));
    }
    let text_width = |text: &roxmltree::Node<'_, '_>| {
        let size = number(text, "font-size");
        let bold = if text.attribute("font-weight") == Some("bold") {
            1.1
        } else {
            1.0
        };
        text.text().unwrap_or_default().chars().count() as f64 * 0.6 * size * bold
    };
    // Text: at least 11 px, and within its box.
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let size = number(&text, "font-size");
        if size < 11.0 {
            problems.push(format!("{size} px text: {:?}", text.text()));
        }
    }
    for o in elements(&doc, "objective") {
        let b = boxes[o.attribute("data-id").unwrap()];
        for text in o.children().filter(|n| n.has_tag_name("text")) {
            let (x, y, size) = (
                number(&text, "x"),
                number(&text, "y"),
                number(&text, "font-size"),
            );
            let w = text_width(&text);
            if x < b.x || x + w > b.x + b.w || y - size < b.y || y > b.y + b.h {
                problems.push(format!("{:?} ({w} px) leaves its box {b:?}", text.text()));
            }
        }
    }
    // Lane titles and edges.
    let titles: Vec<Rect> = elements(&doc, "lane-label")
        .iter()
        .map(|t| {
            let size = number(t, "font-size");
            Rect {
                x: number(t, "x"),
                y: number(t, "y") - size,
                w: text_width(t),
                h: size * 1.3,
            }
        })
        .collect();
    let edges: Vec<f64> = elements(&doc, "band")
        .iter()
        .flat_map(|b| {
            let r = Rect::of(b);
            [r.y, r.y + r.h]
        })
        .collect();
    // Arrows as dense points, with their own boxes.
    struct Arrow {
        name: String,
        points: Vec<(f64, f64)>,
        ends: [Rect; 2],
    }
    let arrows: Vec<Arrow> = elements(&doc, "link")
        .iter()
        .map(|link| {
            let (from, to) = (
                link.attribute("data-from").unwrap(),
                link.attribute("data-to").unwrap(),
            );
            let line = link.children().find(|n| class_is(n, "line")).unwrap();
            let head = link.children().find(|n| class_is(n, "arrowhead")).unwrap();
            let mut points = densify(&samples(line.attribute("d").unwrap()));
            // The head's tip is where the arrow ends.
            points.extend(samples(head.attribute("d").unwrap()).first());
            Arrow {
                name: format!("{from}->{to}"),
                points,
                ends: [boxes[from], boxes[to]],
            }
        })
        .collect();
    let near_box = |r: &Rect, (x, y): (f64, f64), m: f64| {
        x > r.x - m && x < r.x + r.w + m && y > r.y - m && y < r.y + r.h + m
    };
    for a in &arrows {
        for &p in &a.points {
            for (id, b) in &boxes {
                if b.contains(p) && !a.ends.iter().any(|e| e.x == b.x && e.y == b.y) {
                    problems.push(format!("{} crosses the box {id} at {p:?}", a.name));
                }
            }
            if titles.iter().any(|t| near_box(t, p, 2.0)) {
                problems.push(format!("{} crosses a lane title at {p:?}", a.name));
            }
        }
        // Along a lane edge: a horizontal run within 6 px of one.
        for pair in a.points.windows(2) {
            let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
            if (x2 - x1).abs() > 0.5
                && (y2 - y1).abs() < 0.1
                && edges.iter().any(|e| (e - y1).abs() < 6.0)
            {
                problems.push(format!(
                    "{} runs along a lane edge at {:?}",
                    a.name, pair[0]
                ));
                break;
            }
        }
    }
    // Ends on one box edge at least 12 px apart.
    let mut ends: Vec<(String, (f64, f64))> = Vec::new();
    for a in &arrows {
        for p in [a.points[0], *a.points.last().unwrap()] {
            ends.push((a.name.clone(), p));
        }
    }
    for (k, (na, p)) in ends.iter().enumerate() {
        for (nb, q) in &ends[k + 1..] {
            if (p.1 - q.1).abs() < 10.0 && (p.0 - q.0).abs() < 12.0 {
                problems.push(format!(
                    "{na} and {nb} end {p:?} and {q:?}, closer than 12 px"
                ));
            }
        }
    }
    // Arrows apart: no point of one within 12 px of another running the
    // same way (within 20 degrees), away from either arrow's own boxes.
    let direction = |points: &[(f64, f64)], k: usize| {
        let (a, b) = (
            points[k.saturating_sub(1)],
            points[(k + 1).min(points.len() - 1)],
        );
        (b.1 - a.1).atan2(b.0 - a.0)
    };
    for (i, a) in arrows.iter().enumerate() {
        for b in &arrows[i + 1..] {
            let mut close = 0;
            for (k, &p) in a.points.iter().enumerate() {
                if a.ends.iter().chain(&b.ends).any(|r| near_box(r, p, 16.0)) {
                    continue;
                }
                let Some((m, d)) = b
                    .points
                    .iter()
                    .enumerate()
                    .map(|(m, q)| (m, ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()))
                    .min_by(|x, y| x.1.total_cmp(&y.1))
                else {
                    continue;
                };
                let angle = (direction(&a.points, k) - direction(&b.points, m))
                    .rem_euclid(std::f64::consts::PI);
                let parallel = angle.min(std::f64::consts::PI - angle) < 20f64.to_radians();
                if d < 11.5 && parallel {
                    close += 1;
                    if close == 3 {
                        problems.push(format!(
                            "{} and {} run {d:.1} px apart at {p:?}",
                            a.name, b.name
                        ));
                    }
                } else {
                    close = 0;
                }
            }
        }
    }
    problems
}

/// Points at most 2 px apart along the sampled path.
fn densify(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for pair in points.windows(2) {
        let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
        let n = ((((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt() / 2.0).ceil() as usize).max(1);
        for k in 0..n {
            let t = k as f64 / n as f64;
            out.push((x1 + (x2 - x1) * t, y1 + (y2 - y1) * t));
        }
    }
    out.extend(points.last());
    out
}

#[test]
fn maps_are_readable_at_a_glance() {
    for (path, extra) in [
        ("examples/acme", &[][..]),
        (FIFTEEN, &[][..]),
        ("examples/acme", &["--okrs", "2026-Q4"][..]),
    ] {
        let problems = geometry_problems(&map(path, extra));
        assert!(
            problems.is_empty(),
            "{path} {extra:?}:\n{}",
            problems.join("\n")
        );
    }
}

#[test]
fn the_geometry_check_sees_crowded_arrows() {
    // Two arrows 4 px apart, one through a box, and 10 px text.
    let svg = map("examples/acme", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let first = elements(&doc, "link")[0]
        .children()
        .find(|n| class_is(n, "line"))
        .unwrap()
        .attribute("d")
        .unwrap()
        .to_owned();
    let shifted: String = {
        let mut out = String::new();
        for token in first.split(' ') {
            let (command, rest) =
                token.split_at(usize::from(token.starts_with(char::is_alphabetic)));
            out.push_str(command);
            let mut it = rest.split(',');
            let (x, y) = (it.next().unwrap(), it.next().unwrap());
            out.push_str(&format!("{},{y} ", x.parse::<f64>().unwrap() + 4.0));
        }
        out.trim_end().to_owned()
    };
    let crowded = svg.replacen(
        "<g class=\"link\"",
        &format!(
            "<g class=\"link\" data-from=\"F1\" data-to=\"L1\"><path class=\"line\" d=\"{shifted}\"/><path class=\"arrowhead\" d=\"M0,0 L1,1\"/></g>\n<g class=\"link\""
        ),
        1,
    )
    .replacen("font-size=\"11\"", "font-size=\"10\"", 1);
    let problems = geometry_problems(&crowded).join("\n");
    assert!(problems.contains("px apart"), "{problems}");
    assert!(problems.contains("10 px text"), "{problems}");
}

/// The y extent of an element Graphviz drew: every other number of its
/// `points` or path `d` is a y.
fn y_extent(node: &roxmltree::Node<'_, '_>) -> (f64, f64) {
    let shape = node
        .descendants()
        .find(|n| n.has_tag_name("polygon") || n.has_tag_name("path"))
        .unwrap();
    let data = shape.attribute("points").or(shape.attribute("d")).unwrap();
    let numbers: Vec<f64> = data
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|t| t.parse().ok())
        .collect();
    let ys = numbers.iter().skip(1).step_by(2);
    (
        ys.clone().copied().fold(f64::INFINITY, f64::min),
        ys.copied().fold(f64::NEG_INFINITY, f64::max),
    )
}

#[test]
fn dot_draws_lanes_in_order_with_their_names_on_top() {
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("skipped: Graphviz dot is not installed");
        return;
    }
    for (path, extra) in [
        ("examples/acme", &[][..]),
        (FIFTEEN, &[][..]),
        ("examples/acme", &["--okrs", "2026-Q4"][..]),
    ] {
        let mut args = vec!["--format", "dot"];
        args.extend(extra);
        let source = map(path, &args);
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write as _;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(source.as_bytes())
                .unwrap();
        }
        let svg = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(&svg, options).unwrap();
        let title = |n: &roxmltree::Node<'_, '_>| {
            n.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_owned()
        };
        // Clusters in lane order, each with its name and extent.
        let mut clusters: Vec<(usize, String, f64, (f64, f64))> = elements(&doc, "cluster")
            .iter()
            .map(|c| {
                let lane: usize = title(c).trim_start_matches("cluster_").parse().unwrap();
                let text = c.children().find(|n| n.has_tag_name("text")).unwrap();
                (
                    lane,
                    text.text().unwrap().to_owned(),
                    number(&text, "y"),
                    y_extent(c),
                )
            })
            .collect();
        clusters.sort_by_key(|c| c.0);
        let names: Vec<&str> = clusters.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(
            names,
            [
                "Financial",
                "Customer",
                "Internal",
                // acme's okr.yaml labels its learning perspective.
                if path.contains("acme") {
                    "Learning and growth"
                } else {
                    "Learning"
                }
            ],
            "{path}"
        );
        for pair in clusters.windows(2) {
            assert!(
                pair[0].3.1 <= pair[1].3.0,
                "{path} {extra:?}: {} above {}: {clusters:?}",
                pair[0].1,
                pair[1].1
            );
        }
        // Each strategic objective below its lane's name, inside its lane.
        let lane_of = |id: &str| match &id[..3] {
            "o_F" => 0,
            "o_C" => 1,
            "o_I" => 2,
            _ => 3,
        };
        let nodes = elements(&doc, "node");
        assert!(!nodes.is_empty());
        for node in nodes.iter().filter(|n| title(n).starts_with("o_")) {
            let id = title(node);
            let (top, bottom) = y_extent(node);
            let (_, name, label_y, (lane_top, lane_bottom)) = &clusters[lane_of(&id)];
            assert!(
                *label_y < top && lane_top < &top && &bottom < lane_bottom,
                "{path} {extra:?}: {id} ({top}..{bottom}) is not below the name {name} ({label_y}) inside its lane"
            );
        }
    }
}

#[test]
fn okrs_hang_under_the_objectives_they_support() {
    let svg = map("examples/acme", &["--okrs", "2026-Q4"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let i2 = elements(&doc, "objective")
        .into_iter()
        .find(|n| n.attribute("data-id") == Some("I2"))
        .unwrap();
    let texts: Vec<&str> = i2.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"OKRs of 2026-Q4"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.ends_with("platform/P1")),
        "{texts:?}"
    );
    assert!(texts.contains(&"Make deploys boring"), "{texts:?}");
    assert_eq!(
        i2.descendants()
            .filter(|n| class_is(n, "okr-status"))
            .count(),
        3
    );
    let mermaid = map(
        "examples/acme",
        &["--okrs", "2026-Q4", "--format", "mermaid"],
    );
    assert!(
        mermaid.contains("platform/P1 Make deploys boring"),
        "{mermaid}"
    );
    let dot = map("examples/acme", &["--okrs", "2026-Q4", "--format", "dot"]);
    assert!(dot.contains("style=dotted, arrowhead=none"), "{dot}");

    let missing = okr(&["map", "examples/acme", AS_OF, "--okrs", "2031-Q1"]);
    assert_eq!(missing.code(), Some(2));
    assert!(missing.stderr().contains("no quarter file for 2031-Q1"));
}

#[test]
fn hostile_titles_and_ids_are_escaped_in_every_format() {
    let dir = copy_of(&acme());
    let strategy = dir.path().join("strategy.yaml");
    let text = std::fs::read_to_string(&strategy)
        .unwrap()
        .replace(
            "title: Grow recurring revenue",
            "title: \"<script>alert(1)</script> & \\\"q\\\" #quot; `md` \\\\N\\u001b[31m\"",
        )
        .replace("- id: C3", "- id: \"end\"")
        .replace("contributes_to: [C1, C3]", "contributes_to: [C1, end]");
    std::fs::write(&strategy, text).unwrap();
    let path = dir.path().to_str().unwrap();
    let title = "<script>alert(1)</script> & \"q\" #quot; `md` \\N [31m";

    let svg = map(path, &[]);
    assert!(!svg.contains("<script") && !svg.contains('\u{1b}'), "{svg}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let shown: String = elements(&doc, "objective")
        .into_iter()
        .find(|n| n.attribute("data-id") == Some("F1"))
        .unwrap()
        .descendants()
        .filter(|n| class_is(n, "title"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(title.starts_with(shown.trim_end_matches('…')), "{shown}");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"));

    let mermaid = map(path, &["--format", "mermaid"]);
    assert!(!mermaid.contains("<script") && !mermaid.contains('\u{1b}'));
    assert!(
        mermaid.contains("o_F1[\"F1 #lt;script#gt;alert(1)#lt;/script#gt; #amp; #quot;q#quot; #35;quot; #96;md#96; \\N [31m<br/>"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("o_end[\"end Become the platform"),
        "{mermaid}"
    );
    assert!(mermaid.contains("o_I3 --> o_end"), "{mermaid}");
    for line in mermaid.lines().filter(|l| l.contains('[')) {
        let label = line.split_once("[\"").unwrap().1;
        assert_eq!(label.matches('"').count(), 1, "one closing quote: {line}");
    }

    let dot = map(path, &["--format", "dot"]);
    assert!(
        dot.contains("label=\"F1\\n<script>alert(1)</script>\\n&amp; \\\"q\\\" #quot;"),
        "{dot}"
    );
    assert!(dot.contains("\\\\N [31m"), "a backslash is escaped: {dot}");
    assert!(!dot.contains('\u{1b}'));
}

/// HTML character references, as browsers and Graphviz decode them:
/// `&#NNN;`, `&#xHH;` and the named ones that okr writes or that name an
/// invisible character. `None` for a name not in the table.
fn html_decode(text: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(end) = after.find(';').filter(|&e| {
            e > 0
                && after[..e]
                    .chars()
                    .all(|c| c == '#' || c.is_ascii_alphanumeric())
        }) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..end];
        let c = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(decimal) = name.strip_prefix('#') {
            decimal.parse().ok().and_then(char::from_u32)
        } else {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{A0}'),
                "lrm" => Some('\u{200E}'),
                "rlm" => Some('\u{200F}'),
                "zwj" => Some('\u{200D}'),
                "zwnj" => Some('\u{200C}'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => return Err(format!("an entity the test does not know: &{name};")),
            }
        };
        match c {
            Some(c) => out.push(c),
            None => return Err(format!("an invalid character reference: &{name};")),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A Mermaid label as Mermaid decodes it: `encodeEntities` turns `#word;`
/// into placeholders (`ﬂ°°` for `&#`, `ﬂ°` for `&`, `¶ß` for `;`),
/// `decodeEntities` turns every placeholder in the text back, the user's
/// too, and the browser decodes the HTML character references.
fn mermaid_decode(label: &str) -> Result<String, String> {
    let mut encoded = String::new();
    let mut rest = label;
    while let Some(at) = rest.find('#') {
        encoded.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let word = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if word > 0 && after[word..].starts_with(';') {
            let inner = &after[..word];
            let number = inner.chars().all(|c| c.is_ascii_digit());
            encoded.push_str(if number { "ﬂ°°" } else { "ﬂ°" });
            encoded.push_str(inner);
            encoded.push_str("¶ß");
            rest = &after[word + 1..];
        } else {
            encoded.push('#');
            rest = after;
        }
    }
    encoded.push_str(rest);
    html_decode(
        &encoded
            .replace("ﬂ°°", "&#")
            .replace("ﬂ°", "&")
            .replace("¶ß", ";"),
    )
}

/// The `label="..."` strings of a DOT file, as Graphviz reads them: the
/// lexer unescapes `\"`, then HTML entities are decoded, then `\\` becomes
/// `\` and `\n`, `\l`, `\r` break lines. Each label as its lines.
fn dot_labels(dot: &str) -> Result<Vec<Vec<String>>, String> {
    let mut labels = Vec::new();
    for (at, _) in dot.match_indices("label=\"") {
        let mut raw = String::new();
        let mut chars = dot[at + 7..].chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('"') => raw.push('"'),
                    Some(other) => {
                        raw.push('\\');
                        raw.push(other);
                    }
                    None => return Err("a label does not end".to_owned()),
                },
                c => raw.push(c),
            }
        }
        let decoded = html_decode(&raw)?;
        let mut lines = vec![String::new()];
        let mut chars = decoded.chars();
        while let Some(c) = chars.next() {
            match (c, chars.clone().next()) {
                ('\\', Some('n' | 'l' | 'r')) => {
                    chars.next();
                    lines.push(String::new());
                }
                ('\\', Some(next)) => {
                    chars.next();
                    lines.last_mut().unwrap().push(next);
                }
                (c, _) => lines.last_mut().unwrap().push(c),
            }
        }
        labels.push(lines);
    }
    Ok(labels)
}

/// A title that spells invisible characters in every entity syntax Mermaid
/// and Graphviz decode, raw, and through Mermaid's placeholders.
const ENTITY_TITLE: &str = "&#8238;a #8238;b #x202E;c &#x1b;d &rlm;e #rlm;f &#x200B;g #8203;h &#1564;i #x2028;j \u{202E}k \u{1b}[31ml \u{FB02}\u{B0}\u{B0}8238\u{B6}\u{DF}m R&D;n &amp;#x1b;o &#92;N #35;p";

#[test]
fn entities_in_labels_decode_to_no_invisible_character() {
    let dir = copy_of(&acme());
    let strategy = dir.path().join("strategy.yaml");
    let yaml = ENTITY_TITLE
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\u{202E}', "\\u202E")
        .replace('\u{1b}', "\\e");
    let text = std::fs::read_to_string(&strategy).unwrap().replace(
        "title: Grow recurring revenue",
        &format!("title: \"{yaml}\""),
    );
    std::fs::write(&strategy, text).unwrap();
    let path = dir.path().to_str().unwrap();
    // What okr shows: the title on one line, hidden characters as spaces.
    let shown = ENTITY_TITLE.replace(['\u{202E}', '\u{1b}'], " ");
    let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");

    let mermaid = map(path, &["--format", "mermaid"]);
    let mut found = false;
    for line in mermaid.lines() {
        let Some((_, rest)) = line.split_once("[\"").or(line.split_once("(\"")) else {
            continue;
        };
        let label = rest.rsplit_once('"').unwrap().0;
        let decoded = mermaid_decode(label).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(
            !decoded.chars().any(is_invisible),
            "{decoded:?} from {line}"
        );
        if line.contains("o_F1[") {
            found = true;
            let first = decoded.split("<br/>").next().unwrap();
            assert_eq!(first, format!("F1 {shown}"), "read back as written: {line}");
        }
    }
    assert!(found, "{mermaid}");

    let dot = map(path, &["--format", "dot"]);
    let labels = dot_labels(&dot).unwrap();
    assert!(labels.len() > 5, "{dot}");
    for lines in &labels {
        for line in lines {
            assert!(!line.chars().any(is_invisible), "{line:?}");
        }
    }
    let title: String = labels
        .iter()
        .find(|l| l.first().map(String::as_str) == Some("F1"))
        .unwrap()[1..]
        .join(" ");
    // Wrapped over lines, as written.
    assert!(
        title.starts_with("&#8238;a #8238;b #x202E;c &#x1b;d &rlm;e"),
        "{title}"
    );
    if let Ok(svg) = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(dot.as_bytes())?;
            child.wait_with_output()
        })
    {
        // Graphviz is installed: the SVG it draws parses, and its text holds
        // no invisible character.
        let svg = String::from_utf8(svg.stdout).unwrap();
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(&svg, options)
            .unwrap_or_else(|e| panic!("{e}: {svg}"));
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!text.chars().any(is_invisible), "{text:?}");
        assert!(text.contains("&#8238;a #8238;b"), "{text:?}");
    }
}

#[test]
fn the_label_decoders_see_entities() {
    assert_eq!(
        mermaid_decode("#35;8238; #8238;").unwrap(),
        "#8238; \u{202E}"
    );
    assert_eq!(
        mermaid_decode("\u{FB02}\u{B0}\u{B0}8238\u{B6}\u{DF}").unwrap(),
        "\u{202E}"
    );
    assert_eq!(
        mermaid_decode("#x202E;#lt;").unwrap_err(),
        "an entity the test does not know: &x202E;"
    );
    let labels = dot_labels("a [label=\"x&amp;#x1b;\\\"\\n&#x202E;\"];").unwrap();
    assert_eq!(
        labels,
        vec![vec!["x&#x1b;\"".to_owned(), "\u{202E}".to_owned()]]
    );
}

#[test]
fn output_is_deterministic() {
    for format in ["svg", "mermaid", "dot"] {
        for (path, okrs) in [("examples/acme", true), (FIFTEEN, false)] {
            let mut extra = vec!["--format", format];
            if okrs {
                extra.extend(["--okrs", "2026-Q4"]);
            }
            assert_eq!(map(path, &extra), map(path, &extra), "{format} of {path}");
        }
    }
}

#[test]
fn mermaid() {
    insta::assert_snapshot!(map("examples/acme", &["--format", "mermaid"]));
}

#[test]
fn dot() {
    insta::assert_snapshot!(map("examples/acme", &["--format", "dot"]));
}

#[test]
fn writes_a_file_or_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("maps/strategy.svg");
    let out = okr(&["map", "examples/acme", AS_OF, "-o", file.to_str().unwrap()]);
    assert_eq!(out.code(), Some(0));
    assert_eq!(out.stdout(), format!("wrote {}\n", file.display()));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        map("examples/acme", &[])
    );

    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("2026-Q4.yaml"), "objectives: []\n").unwrap();
    let out = okr(&["map", empty.path().to_str().unwrap(), AS_OF]);
    assert_eq!(out.code(), Some(2));
    let stderr = out.stderr();
    assert!(
        stderr.contains("okr: error: no strategy.yaml in"),
        "{stderr}"
    );
}
