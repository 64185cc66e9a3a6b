//! `okr new --from`: what a quarter left to do, and how it reads in the
//! next quarter. A key result is done when the evaluation at the end of
//! that quarter (or today, if earlier) says so: a milestone done, a metric
//! scored 1.0 (its target reached). Done key results stay behind, and so
//! does an objective with nothing left to do; every other objective moves on
//! with its open key results, so what it already did does not count again
//! in the new quarter's score. A metric whose start was 0 counts again
//! from 0 (new logos signed this quarter); one with a start continues from
//! its last value. Check-ins stay behind in the old file. okr cannot know
//! which a metric is, so the summary says what it chose for each key result
//! and names titles that still state the old start.

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::eval::report;
use crate::eval::{KeyResultState, ObjectiveState};
use crate::input::raw;
use crate::input::read;
use crate::input::yaml;
use crate::model::quarter::Quarter;
use crate::model::{KeyResult, KeyResultKind, Objective, ObjectiveKind, QuarterFile, Repository};
use crate::render::text::terminal;

use super::ScaffoldError;
use super::summary::{CarriedKeyResult, CarriedObjective, Fate};
use crate::edit::emit::{self, Emitter};

/// What `--from` carries, ready to write.
#[derive(Debug)]
pub(crate) struct Plan {
    pub from: Quarter,
    /// The file carried from, relative to the goals folder.
    pub source: String,
    /// The date the objectives were scored at.
    pub as_of: NaiveDate,
    /// The `objectives:` block of the new file; empty when nothing is carried.
    pub block: String,
    pub carried: Vec<CarriedObjective>,
    pub finished: Vec<CarriedObjective>,
    /// Things the user should look at, already safe for a terminal.
    pub notes: Vec<String>,
}

/// Plans carrying what `team` left to do in `from` into `to`.
pub(crate) fn plan(
    repository: &Repository,
    diagnostics: &[Diagnostic],
    team: &str,
    from: Quarter,
    to: Quarter,
    today: NaiveDate,
) -> Result<Plan, ScaffoldError> {
    let file = source_file(repository, diagnostics, team, from)?;
    // The old quarter as it ended, with the final grades written in the
    // grading days after it (docs/scoring.md) once they are there.
    let (_, end) = from.dates(repository.settings.fiscal_year_start_month);
    let graded_until = end
        .checked_add_days(chrono::Days::new(
            repository.settings.grading_days.unsigned_abs(),
        ))
        .unwrap_or(end);
    let as_of = today.min(graded_until);
    let eval = crate::eval::evaluate(repository, as_of);
    let scored = repository
        .quarters
        .iter()
        .position(|f| std::ptr::eq(f, file))
        .and_then(|f| eval.files.get(f))
        .ok_or_else(|| {
            ScaffoldError::Invalid(format!("{} could not be scored", terminal(&file.path)))
        })?;
    // The model drops descriptions, so they come from the file as written.
    let raw = repository
        .sources
        .get(&file.path)
        .and_then(|text| {
            read::read_file::<raw::QuarterFile>(&file.path, &text, &yaml::ParserLimits::DEFAULT)
                .ok()
        })
        .map(|(raw, _)| raw);
    let raw_objectives: Vec<&raw::Objective> = raw
        .as_ref()
        .and_then(|r| r.objectives.value.as_ref())
        .map(|list| list.iter().map(|o| &o.value).collect())
        .unwrap_or_default();

    let mut plan = Plan {
        from,
        source: file.path.clone(),
        as_of,
        block: String::new(),
        carried: Vec::new(),
        finished: Vec::new(),
        notes: Vec::new(),
    };
    let mut out = Emitter::default();
    let mut carried_ids = Vec::new();
    for (i, (objective, report)) in file.objectives.iter().zip(&scored.objectives).enumerate() {
        let fates: Vec<Fate> = objective
            .key_results
            .iter()
            .zip(&report.key_results)
            .map(|(kr, state)| {
                if objective.dropped || kr.dropped {
                    Fate::Dropped
                } else {
                    fate(kr, state)
                }
            })
            .collect();
        let summary = CarriedObjective {
            dropped: objective.dropped,
            id: objective.id.value.to_string(),
            title: objective.title.value.to_string(),
            score: report.score,
            key_results: key_result_summaries(objective, &fates),
        };
        // An objective without key results has everything left to do.
        // A dropped objective is left behind with its key results.
        if objective.dropped || (!fates.is_empty() && !fates.iter().any(Fate::carried)) {
            plan.finished.push(summary);
            continue;
        }
        if !plan.carried.is_empty() {
            out.line(0, "");
        }
        let raw = raw_objectives.get(i).copied();
        write_objective(&mut out, objective, &fates, raw);
        plan.notes.extend(title_notes(objective, report, &summary));
        carried_ids.push(objective.id.value.to_string());
        plan.carried.push(summary);
    }
    plan.block = out.finish();
    plan.notes
        .extend(alignment_notes(repository, file, team, to, &carried_ids));
    Ok(plan)
}

/// The team's loadable file for `from`, or why there is none.
fn source_file<'a>(
    repository: &'a Repository,
    diagnostics: &[Diagnostic],
    team: &str,
    from: Quarter,
) -> Result<&'a QuarterFile, ScaffoldError> {
    let Some(file) = repository
        .quarters
        .iter()
        .find(|f| f.team == team && f.quarter == from)
    else {
        if let Some(unloaded) = repository
            .unloaded
            .iter()
            .find(|u| u.team == team && u.quarter == from)
        {
            let reason = report::skipped(repository, diagnostics)
                .into_iter()
                .find(|s| s.path == unloaded.path)
                .map_or_else(|| "it could not be loaded".to_owned(), |s| s.reason);
            return Err(ScaffoldError::Invalid(format!(
                "cannot carry from {}: {}; fix it first (`okr check` shows where)",
                terminal(&unloaded.path),
                terminal(&reason)
            )));
        }
        let mut present: Vec<String> = repository
            .quarters
            .iter()
            .filter(|f| f.team == team)
            .map(|f| f.quarter.to_string())
            .collect();
        present.sort();
        let present = if present.is_empty() {
            // Most likely a mistyped team: name the ones there are.
            let mut teams: Vec<&str> = repository
                .quarters
                .iter()
                .map(|f| f.team.as_str())
                .collect();
            teams.sort_unstable();
            teams.dedup();
            format!(
                "it has no quarter files; teams with files: {}",
                if teams.is_empty() {
                    "none".to_owned()
                } else {
                    terminal(&teams.join(", "))
                }
            )
        } else {
            format!("its quarters: {}", present.join(", "))
        };
        return Err(ScaffoldError::Invalid(format!(
            "team `{}` has no file for {from} to carry from ({present})",
            terminal(team)
        )));
    };
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d.path == file.path && d.code.is_loading())
    {
        return Err(ScaffoldError::Invalid(format!(
            "cannot carry from {}: {}:{}: {} ({}); fix it first so nothing is carried wrong",
            terminal(&file.path),
            terminal(&file.path),
            d.position.line,
            terminal(&d.message),
            d.code
        )));
    }
    Ok(file)
}

/// What `--from` does with a key result, from its state at the end of the
/// old quarter.
fn fate(kr: &KeyResult, state: &KeyResultState) -> Fate {
    match state.kind {
        // Reached as measured: a grade says how well, not where it stands.
        Some(KeyResultKind::Metric) if state.progress.is_some_and(|p| p >= 1.0) => Fate::Reached {
            value: state.current.unwrap_or(state.start),
            target: kr.target.map_or(state.start, |n| n.value),
        },
        Some(KeyResultKind::Metric) if state.start == 0.0 => Fate::Restarts,
        Some(KeyResultKind::Metric) => match state.current.filter(|_| state.measured) {
            Some(from) => Fate::Continues {
                from,
                // Dated when it is the latest check-in's value, not a later `current`.
                on: state.last_checkin.filter(|on| {
                    kr.checkins
                        .iter()
                        .any(|c| c.date.value == *on && c.value.map(|n| n.value) == Some(from))
                }),
            },
            None => Fate::Unmeasured { start: state.start },
        },
        Some(KeyResultKind::Milestone) if state.done == Some(true) => Fate::Done,
        Some(KeyResultKind::Milestone) => Fate::Open,
        Some(KeyResultKind::Threshold) => Fate::Bounds,
        // Graded fully achieved: left behind, as a metric that reached its target.
        Some(KeyResultKind::Graded) if state.score.is_some_and(|s| s >= 1.0) => Fate::FullyGraded,
        Some(KeyResultKind::Graded) => Fate::Graded,
        None => Fate::AsWritten,
    }
}

/// Each key result of `objective` with its fate, and its id in the new file
/// when that differs: a default id counts the carried key results only.
fn key_result_summaries(objective: &Objective, fates: &[Fate]) -> Vec<CarriedKeyResult> {
    let mut position = 0;
    objective
        .key_results
        .iter()
        .zip(fates)
        .map(|(kr, fate)| {
            let id = kr.id.value.to_string();
            let mut now = None;
            if fate.carried() {
                position += 1;
                let renumbered = format!("{}.{position}", objective.id.value);
                if !kr.explicit_id && !objective.id.value.is_empty() && renumbered != id {
                    now = Some(renumbered);
                }
            }
            CarriedKeyResult {
                id,
                now,
                title: kr.title.value.to_string(),
                unit: kr.unit.as_ref().map(|u| u.value.to_string()),
                fate: fate.clone(),
            }
        })
        .collect()
}

/// One carried objective as a list item under `objectives:`, with its open
/// key results.
fn write_objective(
    out: &mut Emitter,
    objective: &Objective,
    fates: &[Fate],
    raw: Option<&raw::Objective>,
) {
    let mut fields = vec![
        format!("id: {}", emit::scalar(&objective.id.value)),
        format!("title: {}", emit::scalar(&objective.title.value)),
    ];
    if let Some(d) = raw.and_then(|r| r.description.as_ref()) {
        fields.push(format!("description: {}", emit::scalar(&d.value)));
    }
    fields.extend(owner_field(&objective.owners));
    if objective.kind == ObjectiveKind::Committed || raw.is_some_and(|r| r.kind.is_some()) {
        fields.push(format!("kind: {}", objective.kind.label()));
    }
    let refs = |list: &[crate::model::Text]| -> Vec<String> {
        list.iter().map(|t| t.value.to_string()).collect()
    };
    if !objective.supports.is_empty() {
        fields.push(emit::list("supports", &refs(&objective.supports)));
    }
    if !objective.aligns_to.is_empty() {
        fields.push(emit::list("aligns_to", &refs(&objective.aligns_to)));
    }
    if objective.weight.value != 1.0 {
        fields.push(format!("weight: {}", emit::number(objective.weight.value)));
    }
    if objective.key_results.is_empty() {
        fields.push("key_results: []".to_owned());
        out.item(2, &fields);
        return;
    }
    fields.push("key_results:".to_owned());
    out.item(2, &fields);
    let raw_krs: Vec<&raw::KeyResult> = raw
        .and_then(|r| r.key_results.value.as_ref())
        .map(|list| list.iter().map(|k| &k.value).collect())
        .unwrap_or_default();
    for (j, (kr, fate)) in objective.key_results.iter().zip(fates).enumerate() {
        if !fate.carried() {
            continue;
        }
        let description = raw_krs
            .get(j)
            .and_then(|r| r.description.as_ref())
            .map(|d| d.value.as_str());
        out.item(6, &key_result_fields(kr, fate, description));
    }
}

/// A carried key result's fields, in the order the docs write them.
fn key_result_fields(kr: &KeyResult, fate: &Fate, description: Option<&str>) -> Vec<String> {
    let mut fields = Vec::new();
    if kr.explicit_id {
        fields.push(format!("id: {}", emit::scalar(&kr.id.value)));
    }
    fields.push(format!("title: {}", emit::scalar(&kr.title.value)));
    if let Some(d) = description {
        fields.push(format!("description: {}", emit::scalar(d)));
    }
    fields.extend(owner_field(&kr.owners));
    let number = |name: &str, value: f64| format!("{name}: {}", emit::number(value));
    let metric = |fields: &mut Vec<String>, start: f64| {
        fields.push(number("start", start));
        if let Some(target) = kr.target {
            fields.push(number("target", target.value));
        }
    };
    match fate {
        Fate::Restarts => metric(&mut fields, 0.0),
        Fate::Continues { from: start, .. } | Fate::Unmeasured { start } => {
            metric(&mut fields, *start);
        }
        Fate::Open => fields.push("done: false".to_owned()),
        // One of no kind or several (O003) keeps what it declares, so
        // `okr check` still points at it.
        Fate::AsWritten => {
            if let Some(start) = kr.start {
                fields.push(number("start", start.value));
            }
            if let Some(target) = kr.target {
                fields.push(number("target", target.value));
            }
            if let Some((done, _)) = kr.done {
                fields.push(format!("done: {done}"));
            }
        }
        // A threshold's bounds follow; done ones are never written.
        Fate::Bounds
        | Fate::Graded
        | Fate::FullyGraded
        | Fate::Done
        | Fate::Reached { .. }
        | Fate::Dropped => {}
    }
    // Graded by people it stays, without its grades (`score`, check-ins).
    if *fate == Fate::Graded || kr.graded.is_some_and(|(g, _)| g) {
        fields.push("graded: true".to_owned());
    }
    // A threshold keeps its bounds, and so does a key result of several kinds.
    if matches!(fate, Fate::Bounds | Fate::AsWritten) {
        if let Some(above) = kr.keep_above {
            fields.push(number("keep_above", above.value));
        }
        if let Some(below) = kr.keep_below {
            fields.push(number("keep_below", below.value));
        }
    }
    if let Some(unit) = &kr.unit {
        fields.push(format!("unit: {}", emit::scalar(&unit.value)));
    }
    if kr.weight.value != 1.0 {
        fields.push(number("weight", kr.weight.value));
    }
    fields
}

/// Carried metrics whose title states the old start after the start moved
/// ("from 8% to 3%" now starting at 3.6): the title no longer says what the
/// key result measures from, so the user should retitle it.
fn title_notes(
    objective: &Objective,
    report: &ObjectiveState,
    summary: &CarriedObjective,
) -> Vec<String> {
    let mut notes = Vec::new();
    for ((kr, state), carried) in objective
        .key_results
        .iter()
        .zip(&report.key_results)
        .zip(&summary.key_results)
    {
        let Fate::Continues { from, .. } = carried.fate else {
            continue;
        };
        let old = state.start;
        if same(from, old) {
            continue;
        }
        if numbers(&kr.title.value).iter().any(|n| same(*n, old)) {
            notes.push(format!(
                "{}: the title states {}, the new start is {}; retitle it",
                carried.label(),
                emit::number(old),
                emit::number(from)
            ));
        }
    }
    notes
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The numbers written in a title: `8`, `3.6`, `-3`, `2,600`; digits that
/// are part of a word (`p99`, `Q3`) are not numbers.
fn numbers(title: &str) -> Vec<f64> {
    let chars: Vec<char> = title.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '.');
        if !chars[i].is_ascii_digit() || after_word {
            i += 1;
            continue;
        }
        let negative = i > 0 && chars[i - 1] == '-' && (i < 2 || !chars[i - 2].is_alphanumeric());
        let mut text = String::new();
        let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                text.push(c);
            } else if c == ',' && (1..=3).all(|k| digit(i + k)) && !digit(i + 4) {
                // A thousands separator.
            } else if c == '.' && digit(i + 1) && !text.contains('.') {
                text.push(c);
            } else {
                break;
            }
            i += 1;
        }
        if let Ok(n) = text.parse::<f64>() {
            found.push(if negative { -n } else { n });
        }
    }
    found
}

/// Carried `aligns_to` links that name an objective the new quarter does not have (yet).
fn alignment_notes(
    repository: &Repository,
    file: &QuarterFile,
    team: &str,
    to: Quarter,
    carried: &[String],
) -> Vec<String> {
    let mut notes = Vec::new();
    for objective in file
        .objectives
        .iter()
        .filter(|o| carried.iter().any(|c| **c == *o.id.value))
    {
        for link in &objective.aligns_to {
            let (written, id) = link
                .value
                .rsplit_once('/')
                .unwrap_or((team, link.value.as_ref()));
            let teams = repository.quarters.iter().map(|f| f.team.as_str());
            let target_team = match crate::model::team::resolve(written, teams) {
                crate::model::team::Named::One(full) => full,
                _ => written.to_owned(),
            };
            let exists = if target_team == team {
                carried.iter().any(|c| c == id)
            } else {
                repository
                    .quarters
                    .iter()
                    .filter(|f| f.team == target_team && f.quarter == to)
                    .any(|f| f.objectives.iter().any(|o| *o.id.value == *id))
            };
            if !exists {
                notes.push(format!(
                    "{} aligns to {}, which {to} does not have yet: `okr check` reports O006 until it does",
                    terminal(&objective.id.value),
                    terminal(&link.value)
                ));
            }
        }
    }
    notes
}

/// `owner: dana`, or `owner: [lena, sam]` for several.
fn owner_field(owners: &[crate::model::Text]) -> Option<String> {
    match owners {
        [] => None,
        [one] => Some(format!("owner: {}", emit::scalar(&one.value))),
        many => {
            let names: Vec<String> = many.iter().map(|o| o.value.to_string()).collect();
            Some(emit::list("owner", &names))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::numbers;

    #[test]
    fn numbers_in_a_title_are_those_written_apart_from_words() {
        assert_eq!(
            numbers("Cut churn from 8% to 3.6% in Q3 (p99 of 2,600 ms, -3 dB, v1.2)"),
            [8.0, 3.6, 2600.0, -3.0]
        );
        assert_eq!(numbers("Sign 18 new logos."), [18.0]);
        assert_eq!(numbers("12,34 and 1,2345"), [12.0, 34.0, 1.0, 2345.0]);
        assert_eq!(numbers("a 1e3 is 1"), [1.0, 1.0]);
    }
}
