//! `okr new`: a team's file for a quarter, in the folder the team's files
//! already live in, either a short template or the objectives a previous
//! quarter left to do (`--from`, see `carry`).

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::edit::write;
use crate::input::find::{self, QuarterPath};
use crate::input::load::{self, LoadError};
use crate::input::schema::{self, Kind};
use crate::model::Repository;
use crate::model::quarter::Quarter;
use crate::render::text::terminal;

use super::carry::{self, Plan};
use super::place::{self, Target};
use super::summary::{Carried, Created};
use super::{ScaffoldError, display_path, shown};
use crate::edit::emit;

const TEMPLATE: &str = include_str!("quarter.yaml");

/// What `okr new` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct NewOptions {
    pub root: PathBuf,
    pub quarter: Option<Quarter>,
    pub team: Option<String>,
    pub from: Option<Quarter>,
    pub force: bool,
    pub today: NaiveDate,
}

/// Creates a team's quarter file.
pub(crate) fn new_quarter(options: &NewOptions) -> Result<Created, ScaffoldError> {
    let root = &options.root;
    let team = options
        .team
        .clone()
        .unwrap_or_else(|| find::COMPANY.to_owned());
    place::check_team_name(&team)?;
    let (repository, diagnostics) = load_repository(root)?;
    let team = place::resolve_team(&repository, &team)?;
    let settings = &repository.settings;
    let quarter = match options.quarter {
        Some(q) => q,
        None => place::default_quarter(&repository, &team, options.today),
    };
    if quarter.year > 9999 {
        return Err(ScaffoldError::Invalid(format!(
            "{quarter} is past the year 9999, which quarter file names cannot hold"
        )));
    }
    if let Some(from) = options.from
        && from >= quarter
    {
        return Err(ScaffoldError::Invalid(format!(
            "--from {from} is not before {quarter}: carry from an earlier quarter"
        )));
    }
    let target = place::target(&repository, &team, quarter, options.force, root)?;
    let plan = match options.from {
        Some(from) => Some(carry::plan(
            &repository,
            &diagnostics,
            &team,
            from,
            quarter,
            options.today,
        )?),
        None => None,
    };
    let text = render(&target, &team, quarter, &repository, plan.as_ref());
    verify(root, &target, &team, quarter, &text, plan.as_ref())?;
    let path = root.join(&target.rel);
    write::ensure_inside(root, &path)?;
    let schemas = missing_schemas(root)?;
    write::create(&path, text.as_bytes(), options.force)?;
    let mut notes = plan.as_ref().map(|p| p.notes.clone()).unwrap_or_default();
    for (kind, schema_path) in &schemas {
        write::create(schema_path, schema::json(*kind).as_bytes(), false)?;
    }
    if !schemas.is_empty() {
        let names: Vec<&str> = schemas.iter().map(|(k, _)| k.file_name()).collect();
        notes.push(format!(
            "wrote {} into {}, for the new file's schema line",
            names.join(", "),
            terminal(&crate::input::find::display(&display_path(
                root,
                schema::DIR
            )))
        ));
    }

    let carried_count = plan.as_ref().map_or(0, |p| p.carried.len());
    let limits = settings.objectives;
    let check = format!("run `okr check {}`", shown(root, ""));
    let next = if carried_count == 0 {
        format!(
            "add {} to {} objectives (okr check reports O001 until then), then {check}",
            limits.min, limits.max
        )
    } else if carried_count < limits.min {
        let missing = limits.min - carried_count;
        format!(
            "add at least {missing} more objective{} ({} to {} per quarter) and review the carried starts and targets, then {check}",
            if missing == 1 { "" } else { "s" },
            limits.min,
            limits.max
        )
    } else if carried_count > limits.max {
        format!(
            "keep at most {} of the carried objectives ({} to {} per quarter), then {check}",
            limits.max, limits.min, limits.max
        )
    } else {
        format!("review the carried starts and targets, then {check}")
    };
    Ok(Created {
        path: display_path(root, &target.rel),
        notes,
        carried: plan.map(|p| Carried {
            from: p.from,
            objectives: p.carried,
            finished: p.finished,
        }),
        next,
    })
}

/// The repository at `root`; a folder with no goals files yet is an empty one.
fn load_repository(root: &Path) -> Result<(Repository, Vec<Diagnostic>), ScaffoldError> {
    match load::load(root) {
        Ok(loaded) if loaded.config_invalid => Err(ScaffoldError::Invalid(format!(
            "{} is invalid, so okr cannot trust its settings; `okr check {}` shows why",
            shown(root, "okr.yaml"),
            shown(root, "")
        ))),
        Ok(loaded) => Ok((loaded.repository, loaded.diagnostics)),
        Err(LoadError::Empty(_)) => Ok((Repository::default(), Vec::new())),
        Err(LoadError::Missing(_)) => Err(ScaffoldError::Invalid(format!(
            "`{}` does not exist: start a goals repository with `okr init {}`, or give its folder with --path",
            shown(root, ""),
            shown(root, "")
        ))),
        Err(e) => Err(ScaffoldError::Invalid(terminal(&e.to_string()))),
    }
}

/// The schemas in `root`'s schemas folder that do not exist yet, so the new
/// file's schema line never points at nothing; existing ones are left alone.
fn missing_schemas(root: &Path) -> Result<Vec<(Kind, PathBuf)>, write::WriteError> {
    let mut missing = Vec::new();
    for kind in Kind::ALL {
        let path = root.join(schema::DIR).join(kind.file_name());
        write::ensure_inside(root, &path)?;
        if std::fs::symlink_metadata(&path).is_err() {
            missing.push((kind, path));
        }
    }
    Ok(missing)
}

/// The new file's text.
fn render(
    target: &Target,
    team: &str,
    quarter: Quarter,
    repository: &Repository,
    plan: Option<&Plan>,
) -> String {
    let settings = &repository.settings;
    let (start, end) = quarter.dates(settings.fiscal_year_start_month);
    let mut text = String::new();
    // The schemas it points at are written with the file when missing.
    text.push_str(&schema::modeline(Kind::Quarter, Path::new(&target.rel)));
    let owner = if team == find::COMPANY {
        "The company's".to_owned()
    } else {
        format!("Team {team}'s")
    };
    // `team:` names the folder's own part of the team's name.
    let team_line = if target.folder_team == team {
        String::new()
    } else {
        let own = team.rsplit('/').next().unwrap_or(team);
        format!("team: {}\n", emit::scalar(own))
    };
    match plan.filter(|p| !p.carried.is_empty()) {
        Some(plan) => {
            for line in [
                format!("{owner} OKRs for {quarter} ({start} to {end})."),
                format!(
                    "Carried over by `okr new` from {}: what was left to do there as of {}.",
                    plan.source, plan.as_of
                ),
                "Done milestones and metrics that reached their target stayed behind. A metric"
                    .to_owned(),
                "whose start was 0 restarts from 0; any other starts from its last value."
                    .to_owned(),
                "Check-ins and comments stay in the old file.".to_owned(),
            ] {
                text.push_str(&emit::comment(&line));
                text.push('\n');
            }
            text.push_str(&format!("quarter: {quarter}\n{team_line}objectives:\n"));
            text.push_str(&plan.block);
        }
        None => {
            let id = team
                .rsplit('/')
                .next()
                .unwrap_or(team)
                .chars()
                .find(char::is_ascii_alphabetic)
                .filter(|_| team != find::COMPANY)
                .map_or('O', |c| c.to_ascii_uppercase());
            let body = TEMPLATE
                .replace("{QUARTER}", &quarter.to_string())
                .replace("{START}", &start.to_string())
                .replace("{END}", &end.to_string())
                .replace("{MIN}", &settings.objectives.min.to_string())
                .replace("{MAX}", &settings.objectives.max.to_string())
                .replace("{KR_MIN}", &settings.key_results.min.to_string())
                .replace("{KR_MAX}", &settings.key_results.max.to_string())
                .replace("{ID}", &format!("{id}1"))
                .replace("{TEAM_LABEL}", &terminal(&owner));
            text.push_str(&body);
            text.push_str(&format!("{team_line}objectives: []\n"));
        }
    }
    text
}

/// A guard against okr's own bugs: the text must load cleanly as the file it
/// will be, for the right team, with every carried objective.
fn verify(
    root: &Path,
    target: &Target,
    team: &str,
    quarter: Quarter,
    text: &str,
    plan: Option<&Plan>,
) -> Result<(), ScaffoldError> {
    let path = QuarterPath {
        path: root.join(&target.rel),
        rel: target.rel.clone(),
        quarter,
        folder_team: target.folder_team.clone(),
    };
    let (file, findings) = load::load_quarter(&path, text);
    if let Some(d) = findings.iter().find(|d| d.code.is_loading()) {
        return Err(ScaffoldError::Generated(format!(
            "{} at line {}: {}",
            d.code,
            d.position.line,
            terminal(&d.message)
        )));
    }
    let expected = plan.map_or(0, |p| p.carried.len());
    match file {
        Some(f) if f.team == team && f.objectives.len() == expected => Ok(()),
        Some(f) => Err(ScaffoldError::Generated(format!(
            "it reads as team `{}` with {} objectives, not `{}` with {expected}",
            terminal(&f.team),
            f.objectives.len(),
            terminal(team)
        ))),
        None => Err(ScaffoldError::Generated("it does not parse".to_owned())),
    }
}
