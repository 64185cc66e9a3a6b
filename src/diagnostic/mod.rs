//! What a rule found: code, severity, place, message and a hint the user can act on.

pub(crate) mod suggest;

use serde::Serialize;
use std::fmt;

use crate::model::span::{Lines, Position, Span};
use crate::rules::Code;

/// How serious a finding is. `Off` silences a rule entirely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub(crate) fn parse(text: &str) -> Option<Severity> {
        match text {
            "off" => Some(Severity::Off),
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding. `severity` starts as the rule's default and is replaced by the
/// configured one before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Path relative to the goals repository, with `/` separators.
    pub path: String,
    /// The bytes at fault.
    pub span: Span,
    /// The span's line and column, set by `locate` where the text is at
    /// hand; the start of the file until then.
    pub position: Position,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A finding of rule `code` at its default severity.
    pub(crate) fn new(code: Code, path: &str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.rule().severity,
            path: path.to_owned(),
            span,
            position: Position::default(),
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the line and column of the span in `lines`, its file's text.
    pub(crate) fn locate(&mut self, lines: &Lines) {
        self.position = lines.position(self.span);
    }

    /// Sort key: file, position, then code, so output is stable.
    pub(crate) fn sort_key(&self) -> (&str, usize, usize, Code, &str) {
        (
            &self.path,
            self.position.line,
            self.position.column,
            self.code,
            &self.message,
        )
    }
}

/// Sets the line and column of every finding about a file in `text_of`,
/// indexing each file's lines once.
pub(crate) fn locate_all(diagnostics: &mut [Diagnostic], text_of: impl Fn(&str) -> Option<String>) {
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by(|&a, &b| diagnostics[a].path.cmp(&diagnostics[b].path));
    let mut i = 0;
    while i < order.len() {
        let path = diagnostics[order[i]].path.clone();
        let end = i + order[i..].partition_point(|&j| diagnostics[j].path == path);
        if let Some(text) = text_of(&path) {
            let lines = Lines::new(&text);
            order[i..end]
                .iter()
                .for_each(|&j| diagnostics[j].locate(&lines));
        }
        i = end;
    }
}

/// Counts of findings by severity, as shown in the summary line and in JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub(crate) fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
                Severity::Off => {}
            }
        }
        counts
    }
}

/// "1 key result", "6 key results": counts in messages.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The findings of checking a goals repository, with the text they point into.
#[derive(Debug)]
pub struct Findings {
    /// Findings with their configured severity, `off` ones removed, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// File text by displayed path, for source snippets.
    pub sources: crate::input::sources::Sources,
    /// How many goals files were read.
    pub files: usize,
    /// okr.yaml is invalid: okr could not do its job (exit code 2).
    pub config_invalid: bool,
    /// The absolute folder the paths are relative to, when they are written
    /// for a machine (SARIF names it as the base of its relative URIs);
    /// `None` when they are as the user typed them.
    pub base: Option<std::path::PathBuf>,
}

impl Findings {
    pub(crate) fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }
}

/// A finding's message with the numbers outside backticks (dates, counts
/// of days, scores) masked, so it names its rule's subject (the key result
/// or objective in backticks) and not the moment it was computed at: what
/// `okr checkin` and `okr diff` compare findings by, with their rule.
pub(crate) fn subject(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut in_number = false;
    for c in message.chars() {
        if c == '`' {
            quoted = !quoted;
        }
        if !quoted && (c.is_ascii_digit() || (in_number && matches!(c, '-' | '.'))) {
            if !in_number {
                out.push('#');
            }
            in_number = true;
            continue;
        }
        in_number = false;
        out.push(c);
    }
    out
}
