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
