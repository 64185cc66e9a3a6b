//! Raw structs -> model. This is where a value that parsed as YAML but is not
//! what okr needs (a missing title, 2026-02-30, `kind: comitted`) becomes an
//! L002 finding at its exact place, while the rest of the file is still used.

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::model::{
    BscObjective, CheckIn, Date, Direction, HistoryPoint, Initiative, InitiativeStatus, KeyResult,
    Measure, Number, Objective, ObjectiveKind, Period, Perspective, QuarterFile, Strategy, Text,
};
use crate::quarter::Quarter;
use crate::raw;
use crate::span::Span;
use crate::yaml::{self, Field, Spanned};

/// Builds model values from one file's raw structs, collecting findings.
pub struct Builder<'a> {
    path: &'a str,
    text: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
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
            .push(Diagnostic::new("L002", self.path, span, message).hint(hint));
    }

    /// A required text field; missing or empty is reported and yields "".
    fn required(&mut self, field: &Field<String>, name: &str, owner: &str, parent: Span) -> Text {
        match &field.value {
            Some(v) if !v.trim().is_empty() => Text {
                value: v.clone(),
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
                    value: String::new(),
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
                    value: String::new(),
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
            id.value.truncate(cut);
        }
        id
    }

    fn text(&self, field: &Option<Spanned<String>>) -> Option<Text> {
        field.as_ref().map(|f| Text {
            value: f.value.clone(),
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

    fn refs(&self, field: &Option<Vec<Spanned<String>>>) -> Vec<Text> {
        field
            .iter()
            .flatten()
            .map(|r| Text {
                value: r.value.clone(),
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
        let hint = crate::suggest::did_you_mean(
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

    /// A quarter file. `quarter` comes from the file name, `folder_team` from its folder.
    pub fn quarter_file(
        &mut self,
        raw: raw::QuarterFile,
        quarter: Quarter,
        folder_team: &str,
    ) -> QuarterFile {
        if let Some(q) = &raw.quarter
            && q.value != quarter.to_string()
        {
            let span = self.span(q);
            self.diagnostics.push(
                Diagnostic::new(
                    "L006",
                    self.path,
                    span,
                    format!(
                        "`quarter: {}` differs from the file name's {quarter}",
                        q.value
                    ),
                )
                .hint(format!("write `quarter: {quarter}` or rename the file")),
            );
        }
        if let Some(t) = raw.team.as_ref().filter(|t| t.value.contains('/')) {
            let span = self.span(t);
            self.schema(
                span,
                format!("team `{}` contains `/`", t.value),
                "`aligns_to` writes TEAM/ID, so a team name cannot contain `/`: use `-` instead",
            );
        }
        let (team, team_span) = match &raw.team {
            Some(t) if !t.value.trim().is_empty() => {
                (t.value.trim().to_owned(), Some(self.span(t)))
            }
            _ => (folder_team.to_owned(), None),
        };
        let objectives_span = yaml::top_level_key(
            self.text,
            "objectives",
            yaml::span_or(self.text, &raw.objectives, Span::FILE),
        );
        if yaml::is_written(&raw.objectives) && raw.objectives.value.is_none() {
            self.schema(
                objectives_span,
                "`objectives` is empty".to_owned(),
                "list the quarter's objectives under `objectives:`",
            );
        }
        let objectives = raw
            .objectives
            .value
            .iter()
            .flatten()
            .map(|o| self.objective(o))
            .collect();
        QuarterFile {
            path: self.path.to_owned(),
            team,
            team_span,
            quarter,
            objectives_span,
            objectives,
        }
    }

    fn objective(&mut self, raw: &Spanned<raw::Objective>) -> Objective {
        let span = self.span(raw);
        let o = &raw.value;
        let id = self.required(&o.id, "id", "objective", span);
        let id = self.short_id(id);
        let owner_name = if id.value.is_empty() {
            "objective".to_owned()
        } else {
            format!("objective `{}`", id.value)
        };
        let title = self.required(&o.title, "title", &owner_name, span);
        let kind = self
            .choice(
                &o.kind,
                "kind",
                &[
                    ("committed", ObjectiveKind::Committed),
                    ("aspirational", ObjectiveKind::Aspirational),
                ],
            )
            .map_or(ObjectiveKind::Aspirational, |(k, _)| k);
        let key_results_span = yaml::span_or(self.text, &o.key_results, span);
        if yaml::is_written(&o.key_results) && o.key_results.value.is_none() {
            self.schema(
                key_results_span,
                format!("{owner_name} has an empty `key_results`"),
                "list the key results under `key_results:`; an empty list is `[]`",
            );
        }
        let key_results = o
            .key_results
            .value
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, kr)| self.key_result(kr, &id.value, i + 1))
            .collect();
        Objective {
            owner: self.text(&o.owner),
            weight: self.weight(&o.weight, span),
            supports: self.refs(&o.supports),
            aligns_to: self.refs(&o.aligns_to),
            id,
            title,
            kind,
            span,
            key_results_span,
            key_results,
        }
    }

    fn key_result(
        &mut self,
        raw: &Spanned<raw::KeyResult>,
        objective_id: &str,
        position: usize,
    ) -> KeyResult {
        let span = self.span(raw);
        let k = &raw.value;
        let written = self.text(&k.id);
        if let Some(empty) = written.as_ref().filter(|t| t.value.trim().is_empty()) {
            self.schema(
                empty.span,
                "key result has an empty `id`".to_owned(),
                "write an id, or remove `id:` for the default",
            );
        }
        let (id, explicit_id) = match written.filter(|t| !t.value.trim().is_empty()) {
            Some(id) => (self.short_id(id), true),
            None => (
                Text {
                    value: format!(
                        "{}.{position}",
                        if objective_id.is_empty() {
                            "(missing id)"
                        } else {
                            objective_id
                        }
                    ),
                    span,
                },
                false,
            ),
        };
        let title = self.required(
            &k.title,
            "title",
            &format!("key result `{}`", id.value),
            span,
        );
        let null = |f: &Field<f64>| yaml::is_written(f) && f.value.is_none();
        let incomplete = null(&k.target)
            || null(&k.keep_above)
            || null(&k.keep_below)
            || (yaml::is_written(&k.done) && k.done.value.is_none());
        let checkins = k
            .checkins
            .iter()
            .flatten()
            .filter_map(|c| self.checkin(c))
            .collect();
        KeyResult {
            owner: self.text(&k.owner),
            start: self.number(&k.start, "start"),
            target: self.number(&k.target, "target"),
            current: self.number(&k.current, "current"),
            unit: self.text(&k.unit),
            weight: self.weight(&k.weight, span),
            done: self.done(&k.done),
            keep_above: self.number(&k.keep_above, "keep_above"),
            keep_below: self.number(&k.keep_below, "keep_below"),
            id,
            explicit_id,
            title,
            span,
            checkins,
            incomplete,
        }
    }

    fn checkin(&mut self, raw: &Spanned<raw::CheckIn>) -> Option<CheckIn> {
        let span = self.span(raw);
        let c = &raw.value;
        let date = self.required_date(&c.date, "date", "check-in", span);
        let value = match c.value.value {
            Some(v) => Some(Number {
                value: v,
                span: self.span(&c.value),
            }),
            None => {
                let at = yaml::span_or(self.text, &c.value, span);
                self.schema(
                    at,
                    "check-in has no `value`".to_owned(),
                    "add `value:` with the measured number",
                );
                None
            }
        };
        Some(CheckIn {
            date: date?,
            value: value?,
            confidence: self.number(&c.confidence, "confidence"),
            note: self.text(&c.note),
            span,
        })
    }

    pub fn strategy(&mut self, raw: raw::Strategy) -> Strategy {
        let period = raw.period.as_ref().and_then(|p| {
            let span = self.span(p);
            let start = self.required_date(&p.value.start, "start", "period", span);
            let end = self.required_date(&p.value.end, "end", "period", span);
            let (start, end) = (start?, end?);
            if start.value > end.value {
                self.schema(
                    span,
                    format!(
                        "period ends ({}) before it starts ({})",
                        end.value, start.value
                    ),
                    "swap `start` and `end`",
                );
                return None;
            }
            Some(Period {
                start: start.value,
                end: end.value,
                span,
            })
        });
        let perspectives_span = yaml::top_level_key(
            self.text,
            "perspectives",
            yaml::span_or(self.text, &raw.perspectives, Span::FILE),
        );
        if raw.perspectives.value.is_none() {
            let hint =
                "add `perspectives:` with financial, customer, internal and learning objectives";
            if yaml::is_written(&raw.perspectives) {
                self.schema(
                    perspectives_span,
                    "`perspectives` is empty".to_owned(),
                    hint,
                );
            } else {
                self.schema(
                    Span::FILE,
                    "strategy.yaml has no `perspectives`".to_owned(),
                    hint,
                );
            }
        }
        let perspectives = raw
            .perspectives
            .value
            .iter()
            .flat_map(|m| m.0.iter())
            .map(|(key, objectives)| Perspective {
                key: Text {
                    value: key.value.clone(),
                    span: self.span(key),
                },
                objectives: objectives
                    .iter()
                    .flatten()
                    .map(|o| self.bsc_objective(o))
                    .collect(),
            })
            .collect();
        Strategy {
            path: self.path.to_owned(),
            organization: self.text(&raw.organization),
            vision: self.text(&raw.vision),
            period,
            perspectives_span,
            perspectives,
        }
    }

    fn bsc_objective(&mut self, raw: &Spanned<raw::BscObjective>) -> BscObjective {
        let span = self.span(raw);
        let o = &raw.value;
        let id = self.required(&o.id, "id", "strategic objective", span);
        let id = self.short_id(id);
        let title = self.required(
            &o.title,
            "title",
            &format!("strategic objective `{}`", id.value),
            span,
        );
        BscObjective {
            owner: self.text(&o.owner),
            weight: self.weight(&o.weight, span),
            contributes_to: self.refs(&o.contributes_to),
            measures: o
                .measures
                .iter()
                .flatten()
                .map(|m| self.measure(m))
                .collect(),
            initiatives: o
                .initiatives
                .iter()
                .flatten()
                .map(|i| self.initiative(i))
                .collect(),
            id,
            title,
            span,
        }
    }

    fn measure(&mut self, raw: &Spanned<raw::Measure>) -> Measure {
        let span = self.span(raw);
        let m = &raw.value;
        let id = self.required(&m.id, "id", "measure", span);
        let id = self.short_id(id);
        let name = self.required(&m.name, "name", &format!("measure `{}`", id.value), span);
        let direction = self.choice(
            &m.direction,
            "direction",
            &[("up", Direction::Up), ("down", Direction::Down)],
        );
        let history = m
            .history
            .iter()
            .flatten()
            .filter_map(|h| {
                let at = self.span(h);
                let date = self.required_date(&h.value.date, "date", "history entry", at);
                let value = match h.value.value.value {
                    Some(v) => Some(Number {
                        value: v,
                        span: self.span(&h.value.value),
                    }),
                    None => {
                        self.schema(
                            at,
                            "history entry has no `value`".to_owned(),
                            "add `value:` with the measured number",
                        );
                        None
                    }
                };
                Some(HistoryPoint {
                    date: date?,
                    value: value?,
                })
            })
            .collect();
        Measure {
            unit: self.text(&m.unit),
            baseline: self.number(&m.baseline, "baseline"),
            target: self.number(&m.target, "target"),
            actual: self.number(&m.actual, "actual"),
            weight: self.weight(&m.weight, span),
            id,
            name,
            span,
            direction,
            history,
        }
    }

    fn initiative(&mut self, raw: &Spanned<raw::Initiative>) -> Initiative {
        let span = self.span(raw);
        let i = &raw.value;
        let title = self.required(&i.title, "title", "initiative", span);
        let due = i.due.as_ref().and_then(|d| {
            let at = self.span(d);
            self.date_text(&d.value, at, "due")
        });
        let status = self
            .choice(
                &i.status,
                "status",
                &[
                    ("planned", InitiativeStatus::Planned),
                    ("active", InitiativeStatus::Active),
                    ("done", InitiativeStatus::Done),
                    ("dropped", InitiativeStatus::Dropped),
                ],
            )
            .map(|(s, _)| s);
        // Absent means planned; a misspelt status (an L002) is unknown, not planned.
        let status = if i.status.is_none() {
            Some(InitiativeStatus::Planned)
        } else {
            status
        };
        Initiative {
            owner: self.text(&i.owner),
            title,
            due,
            status,
            span,
        }
    }
}
