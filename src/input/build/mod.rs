//! Raw structs -> model. This is where a value that parsed as YAML but is not
//! what okr needs (a missing title, 2026-02-30, `kind: comitted`) becomes an
//! L002 finding at its exact place, while the rest of the file is still used.
//! `quarter.rs` and `strategy.rs` build the two kinds of file; this module
//! holds the field helpers they share.

use chrono::NaiveDate;

mod quarter;
mod strategy;

use crate::diagnostic::Diagnostic;
use crate::input::read::{Amount, Field, Fraction, Owners, Spanned};
use crate::model::span::Span;
use crate::model::{Date, Number, Text};
use crate::rules::Code;

/// Builds model values from one file's raw structs, collecting findings.
pub(crate) struct Builder<'a> {
    path: &'a str,
    text: &'a str,
    pub diagnostics: Vec<Diagnostic>,
    /// Spans of the numbers written as percentages (`45%`) since the last
    /// [`Builder::percent_unit`]: the unit of their key result or measure.
    percents: Vec<Span>,
    /// Spans of the other numbers, but 0, read since then.
    plain: Vec<Span>,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(path: &'a str, text: &'a str) -> Self {
        Builder {
            path,
            text,
            diagnostics: Vec::new(),
            percents: Vec::new(),
            plain: Vec::new(),
        }
    }

    fn span<T>(&self, value: &Spanned<T>) -> Span {
        value.span
    }

    fn schema(&mut self, span: Span, message: String, hint: &str) {
        self.diagnostics
            .push(Diagnostic::new(Code::L002, self.path, span, message).hint(hint));
    }

    /// A required text field; missing or empty is reported and yields "".
    /// A value of the wrong type was reported when the file was read, and
    /// yields "" without a second finding.
    fn required(&mut self, field: &Field<String>, name: &str, owner: &str, parent: Span) -> Text {
        match &field.value {
            Some(v) if !v.trim().is_empty() => Text {
                value: v.as_str().into(),
                span: field.span,
            },
            _ if field.is_invalid() => Text {
                value: Box::default(),
                span: field.span,
            },
            _ if field.is_written() => {
                let span = field.span;
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
        if id.value.chars().any(char::is_control) {
            self.schema(
                id.span,
                "id contains a line break or another control character".to_owned(),
                "write the id as one short word such as `P1`",
            );
        }
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

    /// `owner:` as written (names joined by `, `) and each owner.
    fn owners(&self, field: &Option<Spanned<Owners>>) -> (Option<Text>, Vec<Text>) {
        let Some(field) = field else {
            return (None, Vec::new());
        };
        let owners: Vec<Text> = field
            .value
            .0
            .iter()
            .map(|o| Text {
                value: o.value.as_str().into(),
                span: o.span,
            })
            .collect();
        let joined = owners
            .iter()
            .map(|o| o.value.as_ref())
            .collect::<Vec<_>>()
            .join(", ");
        let owner = (!owners.is_empty()).then(|| Text {
            value: joined.into(),
            span: field.span,
        });
        (owner, owners)
    }

    fn text(&self, field: &Option<Spanned<String>>) -> Option<Text> {
        field.as_ref().map(|f| Text {
            value: f.value.as_str().into(),
            span: f.span,
        })
    }

    /// An optional number; written as null (`target:`) it is reported.
    /// One written as a percentage is remembered for [`Builder::percent_unit`].
    fn number(&mut self, field: &Field<Amount>, name: &str) -> Option<Number> {
        match field.value {
            Some(amount) => {
                self.note_percent(amount, field.span);
                Some(Number {
                    value: amount.value,
                    span: field.span,
                })
            }
            None if field.is_null() => {
                let span = field.span;
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

    /// A fraction from 0 to 1 (`70%` was read as 0.7); null is reported.
    fn fraction(&mut self, field: &Field<Fraction>, name: &str) -> Option<Number> {
        match field.value {
            Some(Fraction(value)) => Some(Number {
                value,
                span: field.span,
            }),
            None if field.is_null() => {
                self.schema(
                    field.span,
                    format!("`{name}` has no value"),
                    &format!("write a number from 0 to 1 after `{name}:`, or remove the key"),
                );
                None
            }
            None => None,
        }
    }

    /// Remembers whether a number of a key result or measure was written
    /// as a percentage, for [`Builder::percent_unit`].
    fn note_percent(&mut self, amount: Amount, span: Span) {
        if amount.percent {
            self.percents.push(span);
        } else if amount.value != 0.0 {
            self.plain.push(span);
        }
    }

    /// As [`Builder::note_percent`], for a measured value (a check-in, a
    /// history point): one written plainly is in its key result's or
    /// measure's unit, `%` included, so it mixes with nothing.
    fn note_measured(&mut self, amount: Amount, span: Span) {
        if amount.percent {
            self.percents.push(span);
        }
    }

    /// A weight: relative, so one written as a percentage (`50%`) weighs 50.
    fn weight(&mut self, field: &Field<Amount>, parent: Span) -> Number {
        let (percents, plain) = (self.percents.len(), self.plain.len());
        let weight = self.number(field, "weight").unwrap_or(Number {
            value: 1.0,
            span: parent,
        });
        self.percents.truncate(percents);
        self.plain.truncate(plain);
        weight
    }

    /// The unit of a key result or measure whose numbers were read since the
    /// last call: `%` when any was written as a percentage and `unit` is not
    /// written. A `unit` that says otherwise is reported, at the first
    /// percentage.
    ///
    /// Percentages beside plain numbers other than 0 (`target: 3` and
    /// `current: 66%`) are reported: okr cannot tell which the user meant.
    fn percent_unit(&mut self, unit: Option<Text>, owner: &str) -> Option<Text> {
        let percents = std::mem::take(&mut self.percents);
        let plain = std::mem::take(&mut self.plain);
        let Some(&first) = percents.first() else {
            return unit;
        };
        if let Some(&number) = plain.first() {
            let written = |span: Span| {
                self.text
                    .get(span.start()..span.end())
                    .unwrap_or_default()
                    .to_owned()
            };
            let (percent, number_text) = (written(first), written(number));
            self.schema(
                number,
                format!(
                    "{owner} mixes a percentage (`{percent}`) with a plain number (`{number_text}`)"
                ),
                &format!(
                    "write every number of it the same way: `{number_text}%` if it is a percentage, or each number in the unit of `{number_text}`"
                ),
            );
        }
        match unit {
            None => Some(Text {
                value: "%".into(),
                span: first,
            }),
            Some(unit) if is_percent_unit(&unit.value) => Some(unit),
            Some(unit) => {
                let written = self.text.get(first.start()..first.end()).unwrap_or("%");
                self.schema(
                    first,
                    format!(
                        "{owner} has `{written}`, a percentage, but `unit: {}`",
                        unit.value
                    ),
                    &format!(
                        "write the number without `%` if it is in {}, or write `unit: \"%\"`",
                        unit.value
                    ),
                );
                Some(unit)
            }
        }
    }

    /// A boolean field (`done`, `graded`) with where it was written.
    fn flag(&mut self, field: &Field<bool>, name: &str) -> Option<(bool, Span)> {
        let span = field.span;
        match field.value {
            Some(flag) => Some((flag, span)),
            None if field.is_null() => {
                self.schema(
                    span,
                    format!("`{name}` has no value"),
                    &format!("write `{name}: true` or `{name}: false`"),
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
                span: r.span,
            })
            .collect()
    }

    fn date_text(&mut self, text: &str, span: Span, name: &str) -> Option<Date> {
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(value) if text.trim().len() == 10 => Some(Date { value, span }),
            _ => {
                let hint = match iso_readings(text) {
                    readings if readings.is_empty() => {
                        "write a real date as YYYY-MM-DD, e.g. 2026-10-14".to_owned()
                    }
                    readings => format!(
                        "write {}; okr reads dates as YYYY-MM-DD",
                        readings
                            .iter()
                            .map(|d| format!(
                                "`{name}: {}` ({})",
                                d.format("%Y-%m-%d"),
                                d.format("%-d %B %Y")
                            ))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                };
                self.schema(
                    span,
                    format!("`{name}` is `{text}`, not a calendar date"),
                    &hint,
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
        let span = field.span;
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

/// Whether a written unit means percent.
pub(crate) fn is_percent_unit(unit: &str) -> bool {
    let unit = unit.trim();
    unit == "%" || unit.eq_ignore_ascii_case("percent") || unit.eq_ignore_ascii_case("pct")
}

/// The calendar dates a date written another way may mean, for the hint:
/// `11/01/2026` is 1 November or 11 January, `25/12/2026` only 25 December,
/// `2026/11/01` and `2026-11-01T10:00` their day.
fn iso_readings(text: &str) -> Vec<NaiveDate> {
    let text = text.trim();
    let mut dates: Vec<NaiveDate> = Vec::new();
    let add = |dates: &mut Vec<NaiveDate>, d: Option<NaiveDate>| {
        if let Some(d) = d
            && !dates.contains(&d)
        {
            dates.push(d);
        }
    };
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let number = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| !s.is_empty() && s.len() <= 4)
    };
    if let [a, b, c] = parts.as_slice()
        && let (Some(a), Some(b), Some(c)) = (number(a), number(b), number(c))
    {
        let year = |y: u32, written: &str| {
            i32::try_from(if written.len() == 2 { 2000 + y } else { y }).ok()
        };
        if parts[0].len() == 4 {
            // Year first: 2026/11/01.
            add(
                &mut dates,
                year(a, parts[0]).and_then(|y| NaiveDate::from_ymd_opt(y, b, c)),
            );
        } else if let Some(y) = year(c, parts[2]) {
            // Month first (11/01/2026, as in the US), then day first.
            add(&mut dates, NaiveDate::from_ymd_opt(y, a, b));
            add(&mut dates, NaiveDate::from_ymd_opt(y, b, a));
        }
    }
    if dates.is_empty() {
        let head = text.get(..10).unwrap_or_default();
        add(&mut dates, NaiveDate::parse_from_str(head, "%Y-%m-%d").ok());
        for format in [
            "%d %B %Y",
            "%d %b %Y",
            "%B %d, %Y",
            "%b %d, %Y",
            "%B %d %Y",
            "%b %d %Y",
        ] {
            add(&mut dates, NaiveDate::parse_from_str(text, format).ok());
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::iso_readings;

    fn readings(text: &str) -> Vec<String> {
        iso_readings(text).iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn dates_written_other_ways_get_their_iso_readings() {
        assert_eq!(readings("11/01/2026"), ["2026-11-01", "2026-01-11"]);
        assert_eq!(readings("25/12/2026"), ["2026-12-25"]);
        assert_eq!(readings("12/25/26"), ["2026-12-25"]);
        assert_eq!(readings("2026/11/01"), ["2026-11-01"]);
        assert_eq!(readings("1.11.2026"), ["2026-01-11", "2026-11-01"]);
        assert_eq!(readings("2026-11-01T10:00:00"), ["2026-11-01"]);
        assert_eq!(readings("Nov 1, 2026"), ["2026-11-01"]);
        assert_eq!(readings("1 November 2026"), ["2026-11-01"]);
        assert!(readings("2026-02-30").is_empty());
        assert!(readings("soon").is_empty());
    }
}
