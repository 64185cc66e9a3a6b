//! The default format: `path:line:col: error[CODE] message`, then the source
//! line with a caret and the hint (rustc/ruff style), then a summary line.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

use crate::diagnostic::Findings;
use crate::diagnostic::{Diagnostic, Severity, count};

pub(crate) fn render(outcome: &Findings, color: bool, summary: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let paint = |style: Style, text: &str| {
        if color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    };
    let mut out = String::new();
    // Findings are sorted by path: each file's text is expanded once.
    let mut source: Option<(&str, Option<String>)> = None;
    for d in &outcome.diagnostics {
        if source.as_ref().is_none_or(|(path, _)| *path != d.path) {
            source = Some((&d.path, outcome.sources.get(&d.path)));
        }
        let text = source.as_ref().and_then(|(_, text)| text.as_deref());
        let (label, style) = match d.severity {
            Severity::Error => ("error", AnsiColor::Red.on_default().bold()),
            Severity::Warning => ("warning", AnsiColor::Yellow.on_default().bold()),
            _ => ("info", AnsiColor::Cyan.on_default().bold()),
        };
        let _ = writeln!(
            out,
            "{}: {} {}",
            paint(
                Style::new().bold(),
                &format!(
                    "{}:{}:{}",
                    crate::render::text::escaped(&d.path),
                    d.position.line,
                    d.position.column
                )
            ),
            paint(style, &format!("{label}[{}]", d.code)),
            crate::render::text::escaped(&d.message)
        );
        out.push_str(&snippet(&renderer, d, text));
        out.push('\n');
    }
    if !summary {
        return out;
    }
    let counts = outcome.counts();
    let files = count(outcome.files, "file");
    let summary = if outcome.diagnostics.is_empty() {
        format!("checked {files}: no problems found")
    } else {
        let mut parts = vec![
            count(counts.errors, "error"),
            count(counts.warnings, "warning"),
        ];
        if counts.infos > 0 {
            parts.push(count(counts.infos, "info"));
        }
        format!("checked {files}: {}", parts.join(", "))
    };
    let style = if counts.errors > 0 {
        AnsiColor::Red.on_default().bold()
    } else if counts.warnings > 0 {
        AnsiColor::Yellow.on_default().bold()
    } else {
        AnsiColor::Green.on_default().bold()
    };
    let _ = writeln!(out, "{}", paint(style, &summary));
    out
}

/// The source line of the finding with a caret under the node, and the hint.
fn snippet(renderer: &Renderer, d: &Diagnostic, source: Option<&str>) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        _ => Level::INFO,
    };
    let mut group = Group::with_level(level.clone());
    let line = source.and_then(|text| line_of(text, d.span.start()));
    let has_source = line.is_some();
    if let Some((line_text, line_start)) = line {
        let start = d.span.start() - line_start;
        let mut end = d
            .span
            .end()
            .saturating_sub(line_start)
            .min(line_text.len())
            .max(start);
        if end == start {
            end = line_text[start..]
                .char_indices()
                .nth(1)
                .map_or(line_text.len(), |(i, _)| start + i);
        }
        let (line_text, start, end) = crop(line_text, start, end);
        let line_text = crate::render::text::source_line(line_text);
        group = group.element(
            Snippet::source(line_text)
                .line_start(d.position.line)
                .annotation(AnnotationKind::Primary.span(start..end)),
        );
    }
    match &d.hint {
        Some(hint) => {
            group = group.element(Level::HELP.message(crate::render::text::escaped(hint)))
        }
        None if !has_source => return String::new(),
        None => {}
    }
    let mut text = renderer.render(&[group]);
    text.push('\n');
    text
}

/// A long line (a minified flow mapping, say) cut to a window around the
/// span, so drawing a snippet costs the same whatever the line's length.
fn crop(line: &str, start: usize, end: usize) -> (&str, usize, usize) {
    const CONTEXT: usize = 60;
    if line.len() <= 2 * CONTEXT + 40 {
        return (line, start, end);
    }
    let end = end.min(start + CONTEXT);
    let mut from = start.saturating_sub(CONTEXT);
    while !line.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + CONTEXT).min(line.len());
    while !line.is_char_boundary(to) {
        to += 1;
    }
    let mut end = end;
    while !line.is_char_boundary(end) {
        end += 1;
    }
    (&line[from..to], start - from, end - from)
}

/// The line containing byte `at`, and the byte where it starts.
fn line_of(text: &str, at: usize) -> Option<(&str, usize)> {
    if at > text.len() || !text.is_char_boundary(at) {
        return None;
    }
    // YAML ends lines with LF, CRLF or a lone CR.
    let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    (at - start <= line.len()).then_some((line, start))
}
