//! Where `okr new` writes and for which quarter: the team's existing
//! folder (teams may live in nested folders such as sales/emea), the quarter
//! after the latest, and the checks that keep it from clobbering a file.

use chrono::NaiveDate;
use std::path::Path;

use crate::input::find;
use crate::model::Repository;
use crate::model::quarter::Quarter;
use crate::model::team::Named;
use crate::render::text::terminal;

use super::{ScaffoldError, shown};

/// Where the new file goes.
pub(super) struct Target {
    /// Relative to the goals folder, `/`-separated.
    pub rel: String,
    /// The team a file there belongs to without a `team:` field.
    pub folder_team: String,
}

/// A team name okr can write: it becomes a folder path (`sales/emea` is
/// the sub-team `emea` of `sales`) and the `TEAM` of `TEAM/ID`.
pub(super) fn check_team_name(team: &str) -> Result<(), ScaffoldError> {
    let invalid = |why: &str| {
        Err(ScaffoldError::Invalid(format!(
            "invalid team name `{}`: {why}",
            terminal(team)
        )))
    };
    if team.trim().is_empty() {
        return invalid("it is empty");
    }
    if team.contains('\\') {
        return invalid(
            "a team name cannot contain `\\` (it separates folders on Windows); a sub-team is written `sales/emea`",
        );
    }
    if team.split('/').any(|part| part.trim().is_empty()) {
        return invalid("a part of it between `/` is empty; a sub-team is written `sales/emea`");
    }
    if team
        .split('/')
        .any(|part| part.trim() != part || part == "." || part == "..")
        || team.chars().any(crate::render::text::is_hidden)
    {
        return invalid(
            "it has leading or trailing spaces, `.` or `..` folders, or control characters",
        );
    }
    Ok(())
}

/// The team `--team NAME` names: an existing team by its full name, or by a
/// short name one team alone ends with (`emea` for `sales/emea`), else a new
/// team of that name. A short name several teams end with is an error that
/// lists them.
pub(super) fn resolve_team(repository: &Repository, team: &str) -> Result<String, ScaffoldError> {
    let teams = repository
        .quarters
        .iter()
        .map(|f| f.team.as_str())
        .chain(repository.unloaded.iter().map(|u| u.team.as_str()));
    match crate::model::team::resolve(team, teams) {
        Named::One(full) => Ok(full),
        Named::Unknown => Ok(team.to_owned()),
        Named::Ambiguous(candidates) => Err(ScaffoldError::Invalid(format!(
            "team `{}` is ambiguous: it names {}; write the full name",
            terminal(team),
            terminal(&crate::model::team::listed(&candidates))
        ))),
    }
}

/// The quarter after the team's latest, else after the repository's latest,
/// else the one containing today.
pub(super) fn default_quarter(repository: &Repository, team: &str, today: NaiveDate) -> Quarter {
    let files = || {
        repository
            .quarters
            .iter()
            .map(|f| (f.team.as_str(), f.quarter))
            .chain(
                repository
                    .unloaded
                    .iter()
                    .map(|u| (u.team.as_str(), u.quarter)),
            )
    };
    files()
        .filter(|(t, _)| *t == team)
        .map(|(_, q)| q)
        .max()
        .or_else(|| files().map(|(_, q)| q).max())
        .map_or_else(
            || Quarter::containing(today, repository.settings.fiscal_year_start_month),
            next,
        )
}

fn next(quarter: Quarter) -> Quarter {
    if quarter.number >= 4 {
        Quarter {
            year: quarter.year + 1,
            number: 1,
        }
    } else {
        Quarter {
            year: quarter.year,
            number: quarter.number + 1,
        }
    }
}

/// The team's file for `quarter`: the one that exists (only with `force`),
/// else a new one in the folder of the team's latest file, else in a folder
/// named after the team (the top of the repository for the company).
pub(super) fn target(
    repository: &Repository,
    team: &str,
    quarter: Quarter,
    force: bool,
    root: &Path,
) -> Result<Target, ScaffoldError> {
    let files: Vec<(&str, Quarter, &str)> = repository
        .quarters
        .iter()
        .map(|f| (f.path.as_str(), f.quarter, f.team.as_str()))
        .chain(
            repository
                .unloaded
                .iter()
                .map(|u| (u.path.as_str(), u.quarter, u.team.as_str())),
        )
        .collect();
    let folder_of = |rel: &str| {
        rel.rsplit_once('/')
            .map_or("", |(folder, _)| folder)
            .to_owned()
    };
    let folder_team = |folder: &str| {
        if folder.is_empty() {
            find::COMPANY.to_owned()
        } else {
            folder.to_owned()
        }
    };
    if let Some((rel, _, _)) = files.iter().find(|(_, q, t)| *q == quarter && *t == team) {
        if !force {
            return Err(ScaffoldError::Exists(vec![shown(root, rel)]));
        }
        let folder = folder_of(rel);
        return Ok(Target {
            rel: (*rel).to_owned(),
            folder_team: folder_team(&folder),
        });
    }
    let latest = files
        .iter()
        .filter(|(_, _, t)| *t == team)
        .max_by_key(|(rel, q, _)| (*q, *rel));
    let folder = match latest {
        Some((rel, _, _)) => folder_of(rel),
        None if team == find::COMPANY => String::new(),
        None => {
            if team
                .split('/')
                .any(|part| part.starts_with('.') || part == "target")
            {
                return Err(ScaffoldError::Invalid(format!(
                    "a team folder named `{}` would be skipped by okr (hidden folders and `target/` are not read); choose another name",
                    terminal(team)
                )));
            }
            team.to_owned()
        }
    };
    let rel = if folder.is_empty() {
        format!("{quarter}.yaml")
    } else {
        format!("{folder}/{quarter}.yaml")
    };
    if let Some((_, _, other)) = files.iter().find(|(path, _, _)| *path == rel) {
        return Err(ScaffoldError::Conflict(format!(
            "{} already holds team `{}`'s OKRs",
            shown(root, &rel),
            terminal(other)
        )));
    }
    Ok(Target {
        folder_team: folder_team(&folder),
        rel,
    })
}
