//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding, escaped as GitHub requires so user text cannot end a command.

use std::fmt::Write;

use crate::check::Outcome;
use crate::diagnostic::Severity;
use crate::rules;

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for d in &outcome.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let name = rules::rule(d.code).map_or("", |r| r.name);
        let mut message = d.message.clone();
        if let Some(hint) = &d.hint {
            message.push_str("\nhelp: ");
            message.push_str(hint);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&d.path),
            d.span.line,
            d.span.column,
            d.span.end_line,
            d.span.end_column,
            property(&format!("{} {name}", d.code)),
            data(&message),
        );
    }
    out
}

/// Escaping for the message part of a workflow command.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a property value (`file=`, `title=`): also `:` and `,`.
pub fn property(text: &str) -> String {
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
}
