//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding, escaped as GitHub requires so user text cannot end a command.

use std::fmt::Write;

use crate::diagnostic::Findings;
use crate::diagnostic::Severity;
use crate::render::text;

pub(crate) fn render(outcome: &Findings) -> String {
    let mut out = String::new();
    for d in &outcome.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let name = d.code.rule().name;
        // The runner prints annotations to a log that interprets ANSI
        // escapes: user text in them is shown escaped, as in the terminal.
        let mut message = text::annotation(&d.message);
        if let Some(hint) = &d.hint {
            message.push_str("\nhelp: ");
            message.push_str(&text::annotation(hint));
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&text::annotation(&d.path)),
            d.position.line,
            d.position.column,
            d.position.end_line,
            d.position.end_column,
            property(&format!("{} {name}", d.code)),
            data(&message),
        );
    }
    out
}

/// Escaping for the message part of a workflow command.
pub(crate) fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a property value (`file=`, `title=`): also `:` and `,`.
pub(crate) fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_start_a_new_command() {
        assert_eq!(
            data("50%\n::set-output name=x::y"),
            "50%25%0A::set-output name=x::y"
        );
        assert_eq!(property("a,b:c\r"), "a%2Cb%3Ac%0D");
    }

    #[test]
    fn escapes_in_messages_and_paths_are_shown_not_sent() {
        let mut d = crate::diagnostic::Diagnostic::new(
            crate::rules::Code::O005,
            "\u{1b}[31mred/2026-Q3.yaml",
            crate::model::span::Span::FILE,
            "objective id `O1\u{1b}]0;pwned\u{7}` is used twice\r\n::error::x".to_owned(),
        );
        d.hint = Some("\u{202E}evil".to_owned());
        let outcome = Findings {
            diagnostics: vec![d],
            sources: Default::default(),
            files: 1,
            config_invalid: false,
            base: None,
        };
        let out = render(&outcome);
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(
            !out.chars().any(|c| c != '\n' && text::is_hidden(c)),
            "{out:?}"
        );
        assert!(
            out.starts_with("::error file=\\u{1b}[31mred/2026-Q3.yaml,"),
            "{out}"
        );
        assert!(out.contains("`O1\\u{1b}]0;pwned\\u{7}`"), "{out}");
        assert!(out.contains("twice\\u{d}\\u{a}::error::x%0Ahelp"), "{out}");
        assert!(out.contains("help: \\u{202e}evil"), "{out}");
    }
}
