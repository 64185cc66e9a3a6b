//! Raw structs -> model. This is where a value that parsed as YAML but is not
//! what okr needs (a missing title, 2026-02-30, `kind: comitted`) becomes an
//! L002 finding at its exact place, while the rest of the file is still used.
//! `quarter.rs` and `strategy.rs` build the two kinds of file; this module
//! holds the field helpers they share.

use chrono::NaiveDate;

mod quarter;
mod strategy;

use crate::diagnostic::Diagnostic;
use crate::input::yaml::{self, Field, Spanned};
use crate::model::span::Span;
use crate::model::{Date, Number, Text};
use crate::rules::Code;

/// Builds model values from one file's raw structs, collecting findings.
pub(crate) struct Builder<'a> {
    path: &'a str,
    text: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(path: &'a str, text: &'a str) -> Self {
        Builder {
            path,
            text,
            diagnostics: Vec::new(),
        }
    }

    fn span<T>(&self, value: &Spanned<T>) -> Span {
        yaml::span(self.text, &value.referenced)
    }

    fn schema(&mut self, span: Span, message: String, hint: &str) {
        self.diagnostics
            .push(Diagnostic::new(Code::L002, self.path, span, message).hint(hint));
    }

    /// A required text field; missing or empty is reported and yields "".
    fn required(&mut self, field: &Field<String>, name: &str, owner: &str, parent: Span) -> Text {
        match &field.value {
            Some(v) if !v.trim().is_empty() => Text {
                value: v.as_str().into(),
                span: self.span(field),
            },
            _ if yaml::is_written(field) => {
                let span = self.span(field);
                self.schema(
                    span,
                    format!("{owner} has an empty `{name}`"),
                    &format!("write the {name} after `{name}:`"),
                );
                Text {
                    value: Box::default(),
                    span,
                }
            }
            _ => {
                self.schema(
                    parent,
                    format!("{owner} has no `{name}`"),
                    &format!("add `{name}:` with a value"),
                );
                Text {
                    value: Box::default(),
                    span: parent,
                }
            }
        }
    }

    /// Ids name things in links and messages; a very long one is a mistake
    /// (and would be copied into every default key result id and message).
    fn short_id(&mut self, mut id: Text) -> Text {
        const MAX_ID_CHARS: usize = 64;
        if let Some((cut, _)) = id.value.char_indices().nth(MAX_ID_CHARS) {
            self.schema(
                id.span,
                format!(
                    "id is {} characters long (at most {MAX_ID_CHARS})",
                    id.value.chars().count()
                ),
                "use a short id such as `P1`; put the words in `title`",
            );
            id.value = id.value[..cut].into();
        }
        id
    }

    fn text(&self, field: &Option<Spanned<String>>) -> Option<Text> {
        field.as_ref().map(|f| Text {
            value: f.value.as_str().into(),
            span: self.span(f),
        })
    }

    /// An optional number; written as null (`target:`) it is reported.
    fn number(&mut self, field: &Field<f64>, name: &str) -> Option<Number> {
        match field.value {
            Some(value) => Some(Number {
                value,
                span: self.span(field),
            }),
            None if yaml::is_written(field) => {
                let span = self.span(field);
                self.schema(
                    span,
                    format!("`{name}` has no value"),
                    &format!("write a number after `{name}:`, or remove the key"),
                );
                None
            }
            None => None,
        }
    }

    fn weight(&mut self, field: &Field<f64>, parent: Span) -> Number {
        self.number(field, "weight").unwrap_or(Number {
            value: 1.0,
            span: parent,
        })
    }

    fn done(&mut self, field: &Field<bool>) -> Option<(bool, Span)> {
        let span = self.span(field);
        match field.value {
            Some(done) => Some((done, span)),
            None if yaml::is_written(field) => {
                self.schema(
                    span,
                    "`done` has no value".to_owned(),
                    "write `done: true` or `done: false`",
                );
                None
            }
            None => None,
        }
    }

    /// A list of ids (`supports`, `aligns_to`, `contributes_to`). A repeated
    /// entry is one link: it must not count twice in support or the tree.
    fn refs(&self, field: &Option<Vec<Spanned<String>>>) -> Vec<Text> {
        let mut seen = std::collections::HashSet::new();
        field
            .iter()
            .flatten()
            .filter(|r| seen.insert(r.value.as_str()))
            .map(|r| Text {
                value: r.value.as_str().into(),
                span: self.span(r),
            })
            .collect()
    }

    fn date_text(&mut self, text: &str, span: Span, name: &str) -> Option<Date> {
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(value) if text.trim().len() == 10 => Some(Date { value, span }),
            _ => {
                self.schema(
                    span,
                    format!("`{name}` is `{text}`, not a calendar date"),
                    "write a real date as YYYY-MM-DD, e.g. 2026-10-14",
                );
                None
            }
        }
    }

    fn required_date(
        &mut self,
        field: &Field<String>,
        name: &str,
        owner: &str,
        parent: Span,
    ) -> Option<Date> {
        let text = self.required(field, name, owner, parent);
        if text.value.is_empty() {
            return None;
        }
        self.date_text(&text.value, text.span, name)
    }

    fn choice<T: Copy>(
        &mut self,
        field: &Option<Spanned<String>>,
        name: &str,
        options: &[(&'static str, T)],
    ) -> Option<(T, Span)> {
        let field = field.as_ref()?;
        let span = self.span(field);
        if let Some((_, v)) = options.iter().find(|(k, _)| *k == field.value) {
            return Some((*v, span));
        }
        let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
        let hint = crate::diagnostic::suggest::did_you_mean(
            &field.value,
            names.iter().copied(),
            &format!("use one of: {}", names.join(", ")),
        );
        self.schema(
            span,
            format!(
                "`{name}` is `{}`, not one of {}",
                field.value,
                names.join(" | ")
            ),
            &hint,
        );
        None
    }
}
