//! Building a quarter file's objectives, key results and check-ins.

use crate::diagnostic::Diagnostic;
use crate::input::raw;
use crate::input::read::{Amount, Field, Spanned};
use crate::input::yaml;
use crate::model::quarter::Quarter;
use crate::model::span::Span;
use crate::model::{CheckIn, KeyResult, Number, Objective, ObjectiveKind, QuarterFile, Text};
use crate::rules::Code;

use super::Builder;

impl Builder<'_> {
    /// A quarter file. `quarter` comes from the file name, `folder_team` from its folder.
    pub(crate) fn quarter_file(
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
                    Code::L006,
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
                "`team:` names the folder's own team, not a path: use `-` instead, or move the file to the sub-team's folder",
            );
        }
        // `team:` renames the folder's own part of the name: in
        // `sales/emea/`, `team: europe` is team `sales/europe`.
        let (team, team_span) = match &raw.team {
            Some(t) if !t.value.trim().is_empty() => {
                let name = t.value.trim();
                let team = match folder_team.rsplit_once('/') {
                    Some((parent, _)) => format!("{parent}/{name}"),
                    None => name.to_owned(),
                };
                (team, Some(self.span(t)))
            }
            _ => (folder_team.to_owned(), None),
        };
        let objectives_span =
            yaml::top_level_key(self.text, "objectives", raw.objectives.span_or(Span::FILE));
        if raw.objectives.is_null() {
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
            // `objectives:` with nothing after it is already an L002.
            objectives_short: raw.objectives.is_short() || raw.objectives.is_null(),
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
        let key_results_span = o.key_results.span_or(span);
        if o.key_results.is_null() {
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
        let (owner, owners) = self.owners(&o.owner);
        Objective {
            dropped: self.goal_status(&o.status),
            note: self.text(&o.note).filter(|t| !t.value.trim().is_empty()),
            owner,
            owners,
            weight: self.weight(&o.weight, span),
            supports: self.refs(&o.supports),
            aligns_to: self.refs(&o.aligns_to),
            id,
            title,
            kind,
            span,
            key_results_span,
            key_results,
            // `key_results:` with nothing after it is already an L002.
            key_results_short: o.key_results.is_short() || o.key_results.is_null(),
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
                    )
                    .into(),
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
        // Written without a usable value (null, or reported as invalid):
        // the key result's kind cannot be told, and is not reported again.
        let unusable = |f: &Field<Amount>| f.is_written() && f.value.is_none();
        let incomplete = unusable(&k.target)
            || unusable(&k.keep_above)
            || unusable(&k.keep_below)
            || (k.done.is_written() && k.done.value.is_none());
        let checkins_span = k.checkins.is_written().then_some(k.checkins.span);
        let written = k.checkins.value.as_ref().map_or(0, Vec::len);
        let checkins: Vec<CheckIn> = k
            .checkins
            .value
            .iter()
            .flatten()
            .filter_map(|c| self.checkin(c))
            .collect();
        let checkins_short = k.checkins.is_short() || checkins.len() < written;
        let start = self.number(&k.start, "start");
        let target = self.number(&k.target, "target");
        let current = self.number(&k.current, "current");
        let keep_above = self.number(&k.keep_above, "keep_above");
        let keep_below = self.number(&k.keep_below, "keep_below");
        let unit = self.percent_unit(self.text(&k.unit), &format!("key result `{}`", id.value));
        let (owner, owners) = self.owners(&k.owner);
        KeyResult {
            dropped: self.goal_status(&k.status),
            note: self.text(&k.note).filter(|t| !t.value.trim().is_empty()),
            owner,
            owners,
            start,
            target,
            current,
            unit,
            weight: self.weight(&k.weight, span),
            done: self.flag(&k.done, "done"),
            score: self.fraction(&k.score, "score"),
            graded: self.flag(&k.graded, "graded"),
            due: k.due.as_ref().and_then(|d| {
                let at = self.span(d);
                self.date_text(&d.value, at, "due")
            }),
            keep_above,
            keep_below,
            id,
            explicit_id,
            title,
            span,
            checkins,
            checkins_span,
            incomplete,
            checkins_short,
        }
    }

    /// Whether `status:` says `dropped`, the only status written on a goal:
    /// any other value is reported, since okr works the status out.
    fn goal_status(&mut self, field: &Option<Spanned<String>>) -> bool {
        let Some(field) = field else {
            return false;
        };
        if field.value.trim().eq_ignore_ascii_case("dropped") {
            return true;
        }
        self.schema(
            field.span,
            format!("`status` is `{}`, not `dropped`", field.value),
            "only `status: dropped` is written (a goal given up); okr works out every other status from the values and check-ins",
        );
        false
    }

    fn checkin(&mut self, raw: &Spanned<raw::CheckIn>) -> Option<CheckIn> {
        let span = self.span(raw);
        let c = &raw.value;
        let date = self.required_date(&c.date, "date", "check-in", span);
        let value = c.value.value.map(|v| {
            self.note_measured(v, c.value.span);
            Number {
                value: v.value,
                span: c.value.span,
            }
        });
        let score = self.fraction(&c.score, "score");
        // Neither written (an unreadable or empty one is reported already).
        if value.is_none() && score.is_none() {
            if c.value.is_invalid() || c.score.is_invalid() || c.score.is_null() {
                return None;
            }
            let at = c.value.span_or(span);
            self.schema(
                at,
                "check-in has no `value` or `score`".to_owned(),
                "add `value:` with the measured number, or `score:` with a grade from 0.0 to 1.0",
            );
            return None;
        }
        Some(CheckIn {
            date: date?,
            value,
            score,
            confidence: self.fraction(&c.confidence, "confidence"),
            note: self.text(&c.note),
            span,
        })
    }
}
