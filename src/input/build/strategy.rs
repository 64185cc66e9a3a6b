//! Building strategy.yaml: the period, perspectives, strategic objectives,
//! measures and initiatives.

use crate::input::raw;
use crate::input::read::{Spanned, Target};
use crate::input::yaml;
use crate::model::formula::{self, Formula};
use crate::model::span::Span;
use crate::model::{
    Bands, BscObjective, Direction, Frequency, HistoryPoint, Initiative, InitiativeStatus, Measure,
    Number, Period, PeriodTarget, Perspective, Strategy, Text,
};

use super::Builder;

impl Builder<'_> {
    pub(crate) fn strategy(&mut self, raw: raw::Strategy) -> Strategy {
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
            raw.perspectives.span_or(Span::FILE),
        );
        if raw.perspectives.value.is_none() && !raw.perspectives.is_invalid() {
            let hint =
                "add `perspectives:` with financial, customer, internal and learning objectives";
            if raw.perspectives.is_written() {
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
                    value: key.value.as_str().into(),
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
            perspectives_short: raw.perspectives.is_short(),
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
        let (owner, owners) = self.owners(&o.owner);
        BscObjective {
            owner,
            owners,
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
            themes: self
                .refs(&o.themes)
                .into_iter()
                .filter(|t| !t.value.trim().is_empty())
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
                    Some(v) => {
                        self.note_measured(v, h.value.value.span);
                        Some(Number {
                            value: v.value,
                            span: h.value.value.span,
                        })
                    }
                    // Reported when the file was read.
                    None if h.value.value.is_invalid() => None,
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
        let baseline = self.number(&m.baseline, "baseline");
        // `tbd` is a target still to be decided; a number is read as any.
        let target_tbd =
            matches!(m.target.value, Some(Target::ToBeDecided)).then_some(m.target.span);
        let amount = m.target.filter_map(|t| match t {
            Target::Amount(a) => Some(a),
            Target::ToBeDecided => None,
        });
        let target = self.number(&amount, "target");
        let keep_above = self.number(&m.keep_above, "keep_above");
        let keep_below = self.number(&m.keep_below, "keep_below");
        let actual = self.number(&m.actual, "actual");
        let actual_date = m.actual_date.as_ref().and_then(|d| {
            let at = self.span(d);
            self.date_text(&d.value, at, "actual_date")
        });
        let targets = m
            .targets
            .iter()
            .flatten()
            .filter_map(|t| {
                let at = self.span(t);
                let by = self.required_date(&t.value.by, "by", "period target", at);
                let value = self.required_number(&t.value.value, "value", "period target", at);
                Some(PeriodTarget {
                    by: by?,
                    value: value?,
                })
            })
            .collect();
        let targets_span = m
            .targets
            .as_ref()
            .map(|t| t.first().map_or(span, |first| self.span(first)));
        let bands = m.bands.as_ref().and_then(|b| {
            let at = self.span(b);
            let green = self.required_number(&b.value.green, "green", "bands", at);
            let yellow = self.required_number(&b.value.yellow, "yellow", "bands", at);
            Some(Bands {
                green: green?,
                yellow: yellow?,
                span: at,
            })
        });
        let frequency = self.choice(
            &m.frequency,
            "frequency",
            &Frequency::ALL.map(|f| (f.label(), f)),
        );
        let data_only = (m.data_only.value == Some(true)).then_some(m.data_only.span);
        let formula = self.text(&m.formula).map(|text| Formula {
            expr: formula::parse(&text.value),
            text,
        });
        let unit = self.percent_unit(self.text(&m.unit), &format!("measure `{}`", id.value));
        Measure {
            actual_date,
            targets,
            targets_span,
            data_only,
            frequency,
            bands,
            formula,
            unit,
            baseline,
            target,
            target_tbd,
            keep_above,
            keep_below,
            actual,
            weight: self.weight(&m.weight, span),
            id,
            name,
            span,
            direction,
            history,
        }
    }

    /// A number the enclosing mapping needs: missing, it is reported.
    fn required_number(
        &mut self,
        field: &crate::input::read::Field<crate::input::read::Amount>,
        name: &str,
        owner: &str,
        parent: Span,
    ) -> Option<Number> {
        let number = self.number(field, name);
        if !field.is_written() {
            self.schema(
                parent,
                format!("{owner} has no `{name}`"),
                &format!("add `{name}:` with a number"),
            );
        }
        number
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
                &InitiativeStatus::ALL.map(|s| (s.label(), s)),
            )
            .map(|(s, _)| s);
        // Absent means planned; a misspelt status (an L002) is unknown, not planned.
        let status = if i.status.is_none() {
            Some(InitiativeStatus::Planned)
        } else {
            status
        };
        let (owner, owners) = self.owners(&i.owner);
        let start = i.start.as_ref().and_then(|d| {
            let at = self.span(d);
            self.date_text(&d.value, at, "start")
        });
        let progress = self.fraction(&i.progress, "progress").filter(|p| {
            let within = (0.0..=1.0).contains(&p.value);
            if !within {
                self.schema(
                    p.span,
                    format!("initiative progress {} is outside 0 to 1", p.value),
                    "write how far the work is as a fraction from 0 to 1, e.g. `0.7` or `70%`",
                );
            }
            within
        });
        // A budget is money or effort, never a measure's value: no percent unit.
        let budget = match i.budget.value {
            Some(amount) if amount.value.is_finite() => Some(Number {
                value: amount.value,
                span: i.budget.span,
            }),
            Some(_) => {
                self.schema(
                    i.budget.span,
                    "initiative budget is not a finite number".to_owned(),
                    "write the budget as a plain number, e.g. `1200000` with `unit: EUR`",
                );
                None
            }
            None => self.number(&i.budget, "budget"),
        };
        Initiative {
            owner,
            owners,
            title,
            due,
            status,
            span,
            start,
            progress,
            budget,
            unit: self.text(&i.unit).filter(|t| !t.value.trim().is_empty()),
            objectives: self.refs(&i.objectives),
        }
    }
}
