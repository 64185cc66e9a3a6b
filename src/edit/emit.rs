//! A small YAML writer for the text okr generates (`okr new`, `okr init`,
//! `okr checkin`). Block style, two-space
//! indents, and a scalar is quoted only when it must be: a title that reads
//! as a number, a boolean, null or a date, or that holds YAML punctuation,
//! is written double-quoted with JSON-style escapes, so what okr writes is
//! what the loader reads back.

use std::fmt::Write as _;

/// Lines of YAML, built top-down.
#[derive(Debug, Default)]
pub(crate) struct Emitter {
    text: String,
}

impl Emitter {
    /// The text written so far.
    pub(crate) fn finish(self) -> String {
        self.text
    }

    /// A raw line (a comment, or a line built by the caller), at `indent` spaces.
    pub(crate) fn line(&mut self, indent: usize, line: &str) {
        let _ = writeln!(self.text, "{:indent$}{line}", "");
    }

    /// A list item: `- ` before the first field, the others aligned under it.
    pub(crate) fn item(&mut self, indent: usize, fields: &[String]) {
        for (i, field) in fields.iter().enumerate() {
            if i == 0 {
                self.line(indent, &format!("- {field}"));
            } else {
                self.line(indent + 2, field);
            }
        }
    }
}

/// `key: [a, b]`, each item quoted when needed.
pub(crate) fn list(key: &str, items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| flow_scalar(i)).collect();
    format!("{key}: [{}]", items.join(", "))
}

/// A comment line: hidden characters become spaces, so text from a user's
/// file cannot end the comment and start YAML.
pub(crate) fn comment(text: &str) -> String {
    format!("# {}", crate::render::text::terminal(text).trim_end())
}

/// A number as YAML reads it back: integers without `.0`, very large or
/// small magnitudes in exponent form, and YAML's spellings of NaN and infinity.
pub fn number(value: f64) -> String {
    if value.is_nan() {
        return ".nan".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { ".inf" } else { "-.inf" }.to_owned();
    }
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-4..1e15).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// A scalar in block context: plain when that reads back as the same text.
pub(crate) fn scalar(text: &str) -> String {
    if plain_is_safe(text, false) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// A scalar inside `[...]` or `{...}`, where `,[]{}` also end a plain scalar.
pub(crate) fn flow_scalar(text: &str) -> String {
    if plain_is_safe(text, true) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// Whether `text` written plain reads back as the same string.
fn plain_is_safe(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || text.ends_with(':') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") {
        return false;
    }
    if flow && text.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    if text.chars().any(|c| !is_plain_char(c)) {
        return false;
    }
    !reads_as_other_type(text)
}

/// Printable characters that need no escape; tabs and anything hidden are quoted.
fn is_plain_char(c: char) -> bool {
    !crate::render::text::is_hidden(c) && c != '\u{FEFF}' && !is_non_printable(c)
}

/// Characters YAML does not allow unescaped, even inside quotes.
fn is_non_printable(c: char) -> bool {
    let c = u32::from(c);
    !(c == 0x9
        || c == 0xA
        || c == 0xD
        || (0x20..=0x7E).contains(&c)
        || c == 0x85
        || (0xA0..=0xD7FF).contains(&c)
        || (0xE000..=0xFFFD).contains(&c)
        || c >= 0x1_0000)
}

/// Words and shapes a YAML reader could take for a boolean, null, number or date.
fn reads_as_other_type(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".nan", ".inf", "-.inf",
        "+.inf",
    ];
    let lower = text.to_ascii_lowercase();
    if WORDS.contains(&lower.as_str()) || lower.parse::<f64>().is_ok() {
        return true;
    }
    // Numbers in other bases, dates, times and sexagesimals: digits with
    // separators only, or a 0x/0o prefix.
    let starts_numeric = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '+' | '.'));
    starts_numeric
        && (lower.starts_with("0x")
            || lower.starts_with("0o")
            || lower.starts_with("0b")
            || text
                .chars()
                .all(|c| c.is_ascii_digit() || "+-.:_eE".contains(c)))
}

/// A double-quoted scalar with JSON-style escapes (`\"`, `\\`, `\n`, `\u0007`).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if crate::render::text::is_hidden(c) || is_non_printable(c) || c == '\u{FEFF}' => {
                let code = u32::from(c);
                if code > 0xFFFF {
                    let _ = write!(out, "\\U{code:08X}");
                } else {
                    let _ = write!(out, "\\u{code:04X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_safe_quoted_when_not() {
        assert_eq!(scalar("Make deploys boring"), "Make deploys boring");
        assert_eq!(scalar("Ship 3 connectors"), "Ship 3 connectors");
        assert_eq!(scalar("dana"), "dana");
        for needs_quotes in [
            "",
            "true",
            "No",
            "null",
            "~",
            "12",
            "1.5",
            "1e3",
            "2026-10-01",
            "12:30",
            "0x1F",
            ".inf",
            "- item",
            "Example: text",
            "a #b",
            "key:",
            "%",
            "@dana",
            "*ref",
            "!tag",
            "'x'",
            "\"x\"",
            " padded",
            "line\nbreak",
            "tab\there",
            "esc\u{1b}[31m",
            "{a}",
            "[a]",
            "|",
            ">",
            "? q",
        ] {
            assert!(scalar(needs_quotes).starts_with('"'), "{needs_quotes:?}");
        }
        assert_eq!(
            quoted("a\"b\\c\u{1b}\u{202E}"),
            "\"a\\\"b\\\\c\\u001B\\u202E\""
        );
        assert_eq!(flow_scalar("company/O2"), "company/O2");
        assert_eq!(flow_scalar("a,b"), "\"a,b\"");
    }

    #[test]
    fn numbers_read_back() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-0.25), "-0.25");
        assert_eq!(number(4.1), "4.1");
        assert_eq!(number(26_000_000.0), "26000000");
        assert_eq!(number(1e300), "1e300");
        assert_eq!(number(f64::NAN), ".nan");
        assert_eq!(number(f64::NEG_INFINITY), "-.inf");
    }
}
