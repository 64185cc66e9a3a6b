//! Fuzz target `check`: arbitrary bytes through everything `okr check` and
//! `okr report` do after reading files. The input is a quarter file, then
//! optionally strategy.yaml and okr.yaml, separated by the two bytes
//! `SEPARATOR` (never valid UTF-8, so every text file stays expressible).
//!
//! Asserts, besides "no panic, no hang": JSON and SARIF output is valid JSON;
//! the github format has exactly one line per finding, so user text cannot
//! start a workflow command of its own; every finding's span lies within its
//! file; the report renders in every format and its JSON is valid.

#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use okr::diagnostic::Findings;
use okr::input::config::Settings;
use okr::diagnostic::Diagnostic;
use okr::input::find::QuarterPath;
use okr::input::load::{self, Loaded};
use okr::model::{Repository, Unloaded};
use okr::model::quarter::Quarter;
use okr::render::{self, CheckFormat};
use okr::eval::report::{self, Only, Options};
use std::collections::BTreeMap;

const SEPARATOR: &[u8] = b"\x00\xff";
/// The default `max_file_bytes`, which okr.yaml itself is read within.
const MAX_BYTES: u64 = 8 * 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    let mut parts = split(data).into_iter();
    let quarter_bytes = parts.next().unwrap_or_default();
    let strategy_bytes = parts.next();
    let config_bytes = parts.next();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();

    let mut repository = Repository::default();
    let mut diagnostics = Vec::new();
    let mut raw = BTreeMap::new();
    let mut config_invalid = false;
    let mut files = 1;

    if let Some(bytes) = config_bytes {
        files += 1;
        raw.insert("okr.yaml".to_owned(), bytes);
        match load::decode("okr.yaml", bytes, MAX_BYTES) {
            Ok(text) => {
                let (settings, findings) = Settings::load("okr.yaml", &text);
                config_invalid = !findings.is_empty();
                repository.settings = settings;
                diagnostics.extend(findings);
                repository.sources.insert("okr.yaml".to_owned(), &text);
            }
            Err(d) => {
                config_invalid = true;
                diagnostics.push(*d);
            }
        }
    }
    if !config_invalid {
        // As `okr::input::load::load_found` does: okr.yaml sets the limits.
        let limits = repository.settings.yaml_limits;
        let max = repository.settings.max_file_bytes;
        if let Some(bytes) = strategy_bytes {
            files += 1;
            raw.insert("strategy.yaml".to_owned(), bytes);
            match load::decode("strategy.yaml", bytes, max) {
                Ok(text) => {
                    let (strategy, findings) =
                        load::load_strategy_within("strategy.yaml", &text, &limits);
                    repository.strategy = strategy;
                    diagnostics.extend(findings);
                    repository.sources.insert("strategy.yaml".to_owned(), &text);
                }
                Err(d) => diagnostics.push(*d),
            }
        }
        let file = quarter_path(quarter_bytes);
        raw.insert(file.rel.clone(), quarter_bytes);
        let quarter = match load::decode(&file.rel, quarter_bytes, max) {
            Ok(text) => {
                let (quarter, findings) = load::load_quarter_within(&file, &text, &limits);
                diagnostics.extend(findings);
                repository.sources.insert(file.rel.clone(), &text);
                quarter
            }
            Err(d) => {
                diagnostics.push(*d);
                None
            }
        };
        match quarter {
            Some(q) => repository.quarters.push(q),
            None => repository.unloaded.push(Unloaded {
                path: file.rel.clone(),
                quarter: file.quarter,
                team: file.folder_team.clone(),
            }),
        }
    }
    let loaded = Loaded {
        repository,
        diagnostics,
        config_invalid,
        files,
    };

    let eval = okr::eval::evaluate(&loaded.repository, as_of);
    let findings = okr::rules::findings(&loaded, &eval);
    for d in &findings {
        assert_within(d, &loaded.repository.sources, &raw);
    }
    let outcome = Findings {
        diagnostics: findings,
        sources: loaded.repository.sources.clone(),
        files,
        config_invalid,
        base: None,
    };
    render::render(CheckFormat::Human, &outcome, false);
    render::render(CheckFormat::Human, &outcome, true);
    let json = render::render(CheckFormat::Json, &outcome, false);
    serde_json::from_str::<serde_json::Value>(&json).expect("--format json is JSON");
    let sarif = render::render(CheckFormat::Sarif, &outcome, false);
    serde_json::from_str::<serde_json::Value>(&sarif).expect("--format sarif is JSON");
    let github = render::render(CheckFormat::Github, &outcome, false);
    assert_eq!(
        github.split_terminator('\n').count(),
        outcome.diagnostics.len(),
        "one github line per finding:\n{github}"
    );
    assert!(github.split_terminator('\n').all(|l| l.starts_with("::")));

    if config_invalid {
        return;
    }
    for only in [Only::Everything, Only::Okrs, Only::Strategy] {
        let options = Options {
            only,
            ..Options::everything()
        };
        let Ok(built) = report::build(&eval, &options, &loaded.diagnostics) else {
            continue;
        };
        for (width, color, tree) in [(100, false, false), (40, true, true)] {
            let style = render::report::Style { color, width, tree };
            for format in [
                render::report::ReportFormat::Table,
                render::report::ReportFormat::Markdown,
                render::report::ReportFormat::Csv,
                render::report::ReportFormat::Html,
            ] {
                render::report::render(format, &built, style);
            }
            let json = render::report::render(render::report::ReportFormat::Json, &built, style);
            serde_json::from_str::<serde_json::Value>(&json).expect("report json is JSON");
        }
    }
});

/// The input's files: up to three parts between separators.
fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() < 2 {
        match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + SEPARATOR.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}

/// The quarter file is named for the quarter its `quarter:` line gives,
/// else 2026-Q3, so seeds from either quarter load without an L006.
fn quarter_path(bytes: &[u8]) -> QuarterPath {
    let text = String::from_utf8_lossy(bytes);
    let quarter = text
        .find("quarter: ")
        .and_then(|i| text.get(i + 9..i + 16))
        .and_then(Quarter::parse)
        .unwrap_or_else(|| Quarter::parse("2026-Q3").unwrap());
    let rel = format!("{quarter}.yaml");
    QuarterPath {
        path: rel.clone().into(),
        rel,
        quarter,
        folder_team: "company".to_owned(),
    }
}

/// The finding's span lies within its file: lines and columns (characters,
/// 1-based; one past a line's end is its end) and bytes on char boundaries.
/// Lines end as YAML ends them, with LF, CRLF or a lone CR, as the parser
/// counts them and the human format draws them.
fn assert_within(
    d: &Diagnostic,
    sources: &okr::input::sources::Sources,
    raw: &BTreeMap<String, &[u8]>,
) {
    let text = match sources.get(&d.path) {
        Some(text) => text,
        None => {
            // Not decoded (L004): positions are counted in the valid prefix.
            let bytes = raw.get(&d.path).copied().unwrap_or_default();
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let s = d.position;
    let lines = yaml_lines(&text);
    let fits = |line: usize, column: usize| {
        line >= 1
            && column >= 1
            && lines
                .get(line - 1)
                .is_some_and(|(_, l)| column <= l.chars().count() + 1)
    };
    assert!(
        fits(s.line, s.column) && fits(s.end_line, s.end_column),
        "{} {}:{s:?} outside the file ({} lines): {}",
        d.code,
        d.path,
        lines.len(),
        d.message
    );
    assert!(
        (s.line, s.column) <= (s.end_line, s.end_column),
        "{} {}: span ends before it starts: {s:?}",
        d.code,
        d.path
    );
    if sources.contains(&d.path) {
        let (start, end) = (d.span.start(), d.span.end());
        assert!(
            start <= end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end),
            "{} {}: bytes {:?} outside the file",
            d.code,
            d.path,
            d.span
        );
        // The line and column name the same place as the start byte.
        let (line_start, line) = lines[s.line - 1];
        let at = line_start
            + line
                .char_indices()
                .nth(s.column - 1)
                .map_or(line.len(), |(i, _)| i);
        assert_eq!(
            at, start,
            "{} {}: line {} column {} is not byte {}: {}",
            d.code, d.path, s.line, s.column, start, d.message
        );
    }
}

/// Each line of `text` without its break, with the byte it starts at.
fn yaml_lines(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push((start, &text[start..i]));
                start = i + 1;
            }
            b'\r' => {
                lines.push((start, &text[start..i]));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push((start, &text[start..]));
    lines
}
