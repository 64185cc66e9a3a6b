//! `okr new --from`: which objectives of a quarter were not finished, and
//! how they read in the next quarter. An objective is finished when its
//! score, as `okr report` computes it at the end of that quarter (or today,
//! if earlier), reaches 1.0; every other objective moves on with all its key
//! results. Metrics start from their last value, check-ins stay behind in
//! the old file, and what was achieved stays achieved: a done milestone is
//! still done, and a metric that already reached its target keeps its start
//! and its last value, because starting it from there would turn it around.

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
use super::summary::CarriedObjective;
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

/// Plans carrying `team`'s unfinished objectives of `from` into `to`.
pub(crate) fn plan(
    repository: &Repository,
    diagnostics: &[Diagnostic],
    team: &str,
    from: Quarter,
    to: Quarter,
    today: NaiveDate,
) -> Result<Plan, ScaffoldError> {
    let file = source_file(repository, diagnostics, team, from)?;
    let (_, end) = from.dates(repository.settings.fiscal_year_start_month);
    let as_of = today.min(end);
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
        let summary = CarriedObjective {
            id: objective.id.value.to_string(),
            title: objective.title.value.to_string(),
            score: report.score,
            key_results: objective.key_results.len(),
        };
        if report.score.is_some_and(|s| s >= 1.0) {
            plan.finished.push(summary);
            continue;
        }
        if !plan.carried.is_empty() {
            out.line(0, "");
        }
        let raw = raw_objectives.get(i).copied();
        write_objective(&mut out, objective, report, raw, &mut plan.notes, from);
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

/// One carried objective as a list item under `objectives:`.
fn write_objective(
    out: &mut Emitter,
    objective: &Objective,
    report: &ObjectiveState,
    raw: Option<&raw::Objective>,
    notes: &mut Vec<String>,
    from: Quarter,
) {
    let mut fields = vec![
        format!("id: {}", emit::scalar(&objective.id.value)),
        format!("title: {}", emit::scalar(&objective.title.value)),
    ];
    if let Some(d) = raw.and_then(|r| r.description.as_ref()) {
        fields.push(format!("description: {}", emit::scalar(&d.value)));
    }
    if let Some(owner) = &objective.owner {
        fields.push(format!("owner: {}", emit::scalar(&owner.value)));
    }
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
    for (j, (kr, scored)) in objective
        .key_results
        .iter()
        .zip(&report.key_results)
        .enumerate()
    {
        let reached =
            kr.kind() == Some(KeyResultKind::Metric) && scored.progress.is_some_and(|p| p >= 1.0);
        if reached {
            out.line(
                6,
                &emit::comment(&format!(
                    "Reached its target in {from}: kept with its start and last value, like a done milestone."
                )),
            );
            notes.push(format!(
                "{} already reached its target in {from}: set a new target or remove it",
                terminal(&kr.id.value)
            ));
        }
        let description = raw_krs
            .get(j)
            .and_then(|r| r.description.as_ref())
            .map(|d| d.value.as_str());
        out.item(6, &key_result_fields(kr, scored, description, reached));
    }
}

/// A carried key result's fields, in the order the docs write them.
fn key_result_fields(
    kr: &KeyResult,
    scored: &KeyResultState,
    description: Option<&str>,
    reached: bool,
) -> Vec<String> {
    let mut fields = Vec::new();
    if kr.explicit_id {
        fields.push(format!("id: {}", emit::scalar(&kr.id.value)));
    }
    fields.push(format!("title: {}", emit::scalar(&kr.title.value)));
    if let Some(d) = description {
        fields.push(format!("description: {}", emit::scalar(d)));
    }
    if let Some(owner) = &kr.owner {
        fields.push(format!("owner: {}", emit::scalar(&owner.value)));
    }
    let number = |name: &str, value: f64| format!("{name}: {}", emit::number(value));
    match kr.kind() {
        Some(KeyResultKind::Metric) => {
            let written_start = kr.start.map(|n| n.value);
            let last = scored.current.or(written_start);
            let start = if reached { written_start } else { last };
            if let Some(start) = start {
                fields.push(number("start", start));
            }
            if let Some(target) = kr.target {
                fields.push(number("target", target.value));
            }
            if let Some(current) = last.filter(|_| reached) {
                fields.push(number("current", current));
            }
        }
        Some(KeyResultKind::Milestone) => {
            if let Some((done, _)) = kr.done {
                fields.push(format!("done: {done}"));
            }
        }
        // A threshold keeps its bounds; one of no kind or several (O003)
        // keeps what it declares, so `okr check` still points at it.
        Some(KeyResultKind::Threshold) | None => {
            if kr.kind().is_none() {
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
            if let Some(above) = kr.keep_above {
                fields.push(number("keep_above", above.value));
            }
            if let Some(below) = kr.keep_below {
                fields.push(number("keep_below", below.value));
            }
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
            let (target_team, id) = link
                .value
                .split_once('/')
                .unwrap_or((team, link.value.as_ref()));
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
