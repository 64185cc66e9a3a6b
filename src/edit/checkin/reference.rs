//! Finding the key result a `okr checkin` REF names: `TEAM/OBJECTIVE/KR`
//! (TEAM may be nested, `sales/emea`, or a short name one team alone ends
//! with, `emea`)
//! (the key result by id or 1-based position), `TEAM/KR`, `OBJECTIVE/KR`
//! (when no team has that name and one objective has that id), or a key
//! result id unique in the quarter.

use crate::diagnostic::suggest;
use crate::model::quarter::Quarter;
use crate::model::team;
use crate::model::{KeyResultAt, Objective, QuarterFile, Repository};

/// Resolves `reference` among the files of `quarter`; the error says what
/// exists instead.
pub(crate) fn resolve(
    repo: &Repository,
    quarter: Quarter,
    reference: &str,
) -> Result<KeyResultAt, String> {
    let files: Vec<usize> = (0..repo.quarters.len())
        .filter(|&i| repo.quarters[i].quarter == quarter)
        .collect();
    let unloaded: Vec<&str> = repo
        .unloaded
        .iter()
        .filter(|u| u.quarter == quarter)
        .map(|u| u.path.as_str())
        .collect();
    if files.is_empty() {
        let why = if unloaded.is_empty() {
            String::new()
        } else {
            format!(
                " ({} could not be loaded: run `okr check`)",
                unloaded.join(", ")
            )
        };
        return Err(format!(
            "no team has a file for {quarter}{why}; choose another with --quarter"
        ));
    }
    let parts: Vec<&str> = reference.split('/').collect();
    let names_team =
        |name: &str| !matches!(team::resolve(name, all_teams(repo)), team::Named::Unknown);
    match parts.as_slice() {
        [.., objective, kr] if parts.len() >= 3 => {
            // A team may be nested (`sales/emea`): the longest prefix that
            // names a team is it, TEAM/OBJECTIVE/KR before TEAM/KR.
            let n = parts.len();
            let with_objective = parts[..n - 2].join("/");
            let without = parts[..n - 1].join("/");
            let team_kr = || {
                let file = team_file(repo, &files, &without, quarter)?;
                unique(repo, &[file], kr, &format!("team `{without}` in {quarter}"))
            };
            if !names_team(&with_objective) && names_team(&without) {
                return team_kr();
            }
            by_objective(repo, &files, &with_objective, objective, kr, quarter).or_else(|first| {
                match names_team(&without) {
                    true => team_kr().map_err(|_| first),
                    false => Err(first),
                }
            })
        }
        [first, kr] => {
            // TEAM/KR, else OBJECTIVE/KR (`P2/1`) when no team is called so.
            let team = team_file(repo, &files, first, quarter);
            if team.is_err() && !names_team(first) {
                let objectives: Vec<(usize, usize)> = files
                    .iter()
                    .flat_map(|&f| {
                        repo.quarters[f]
                            .objectives
                            .iter()
                            .enumerate()
                            .filter(|(_, o)| *o.id.value == **first)
                            .map(move |(o, _)| (f, o))
                    })
                    .collect();
                match objectives.as_slice() {
                    [(file, o)] => {
                        let objective = &repo.quarters[*file].objectives[*o];
                        let key_result = in_objective(objective, kr)?;
                        return Ok(KeyResultAt {
                            file: *file,
                            objective: *o,
                            key_result,
                        });
                    }
                    [] => {}
                    many => {
                        let names: Vec<String> = many
                            .iter()
                            .map(|(f, _)| format!("{}/{first}/{kr}", repo.quarters[*f].team))
                            .collect();
                        return Err(format!(
                            "`{first}` is an objective of {} teams in {quarter}: write one of {}",
                            many.len(),
                            names.join(", ")
                        ));
                    }
                }
                let teams: Vec<&str> = files
                    .iter()
                    .map(|&i| repo.quarters[i].team.as_str())
                    .collect();
                let objectives: Vec<&str> = files
                    .iter()
                    .flat_map(|&f| {
                        repo.quarters[f]
                            .objectives
                            .iter()
                            .map(|o| o.id.value.as_ref())
                    })
                    .collect();
                let hint = match suggest::closest(
                    first,
                    teams.iter().copied().chain(objectives.iter().copied()),
                ) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "the teams of {quarter} are {}; write TEAM/OBJECTIVE/KR, TEAM/KR, OBJECTIVE/KR or KR",
                        teams.join(", ")
                    ),
                };
                return Err(format!(
                    "`{first}` is neither a team nor an objective in {quarter}; {hint}"
                ));
            }
            let file = team?;
            unique(repo, &[file], kr, &format!("team `{first}` in {quarter}"))
        }
        [kr] => unique(repo, &files, kr, &quarter.to_string()),
        _ => Err(format!(
            "`{reference}` is not a key result reference: write TEAM/OBJECTIVE/KR, TEAM/KR or KR"
        )),
    }
}

/// TEAM/OBJECTIVE/KR: the key result of the team's objective.
fn by_objective(
    repo: &Repository,
    files: &[usize],
    team: &str,
    objective: &str,
    kr: &str,
    quarter: Quarter,
) -> Result<KeyResultAt, String> {
    let file = team_file(repo, files, team, quarter)?;
    let q = &repo.quarters[file];
    let ids = q.objectives.iter().map(|o| o.id.value.as_ref());
    let Some(o) = q.objectives.iter().position(|o| *o.id.value == *objective) else {
        return Err(format!(
            "team `{}` has no objective `{objective}` in {quarter}; {}",
            q.team,
            suggest::did_you_mean(objective, ids, "its objectives are listed by `okr report`")
        ));
    };
    let key_result = in_objective(&q.objectives[o], kr)?;
    Ok(KeyResultAt {
        file,
        objective: o,
        key_result,
    })
}

/// Every team of the repository, whatever the quarter.
fn all_teams(repo: &Repository) -> impl Iterator<Item = &str> {
    repo.quarters
        .iter()
        .map(|f| f.team.as_str())
        .chain(repo.unloaded.iter().map(|u| u.team.as_str()))
}

fn team_file(
    repo: &Repository,
    files: &[usize],
    team: &str,
    quarter: Quarter,
) -> Result<usize, String> {
    // A full name, or a short one (`emea`) one team alone ends with.
    let team = match team::resolve(team, all_teams(repo)) {
        team::Named::One(full) => full,
        team::Named::Ambiguous(candidates) => {
            return Err(format!(
                "team `{team}` is ambiguous: it names {}; write the full name",
                team::listed(&candidates)
            ));
        }
        team::Named::Unknown => team.to_owned(),
    };
    let team = team.as_str();
    if let Some(&i) = files.iter().find(|&&i| repo.quarters[i].team == team) {
        return Ok(i);
    }
    if let Some(u) = repo
        .unloaded
        .iter()
        .find(|u| u.quarter == quarter && u.team == team)
    {
        return Err(format!(
            "{} could not be loaded; run `okr check` and fix it first",
            u.path
        ));
    }
    let teams = files.iter().map(|&i| repo.quarters[i].team.as_str());
    Err(format!(
        "no file for team `{team}` in {quarter}; {}",
        suggest::did_you_mean(team, teams, "create one with `okr new`")
    ))
}

/// A key result of `objective` by its id, else by its 1-based position.
fn in_objective(objective: &Objective, kr: &str) -> Result<usize, String> {
    if let Some(i) = objective
        .key_results
        .iter()
        .position(|k| *k.id.value == *kr)
    {
        return Ok(i);
    }
    if let Ok(n) = kr.parse::<usize>()
        && (1..=objective.key_results.len()).contains(&n)
    {
        return Ok(n - 1);
    }
    let ids = objective.key_results.iter().map(|k| k.id.value.as_ref());
    Err(format!(
        "objective `{}` has no key result `{kr}`; {}",
        objective.id.value,
        suggest::did_you_mean(
            kr,
            ids,
            &format!(
                "give its id or its position, 1 to {}",
                objective.key_results.len()
            )
        )
    ))
}

/// The one key result with id `kr` among `files`.
fn unique(
    repo: &Repository,
    files: &[usize],
    kr: &str,
    scope: &str,
) -> Result<KeyResultAt, String> {
    let mut matches = Vec::new();
    for &file in files {
        for (o, objective) in repo.quarters[file].objectives.iter().enumerate() {
            for (k, key_result) in objective.key_results.iter().enumerate() {
                if *key_result.id.value == *kr {
                    matches.push(KeyResultAt {
                        file,
                        objective: o,
                        key_result: k,
                    });
                }
            }
        }
    }
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => {
            let ids = files.iter().flat_map(|&f| all_ids(&repo.quarters[f]));
            Err(format!(
                "no key result `{kr}` in {scope}; {}",
                suggest::did_you_mean(kr, ids, "write TEAM/OBJECTIVE/KR")
            ))
        }
        many => {
            let names: Vec<String> = many.iter().map(|f| full_name(repo, *f)).collect();
            Err(format!(
                "`{kr}` names {} key results in {scope}: {}; write one of them in full",
                many.len(),
                names.join(", ")
            ))
        }
    }
}

fn all_ids(file: &QuarterFile) -> impl Iterator<Item = &str> {
    file.objectives
        .iter()
        .flat_map(|o| o.key_results.iter().map(|k| k.id.value.as_ref()))
}

/// `TEAM/OBJECTIVE/KR` of a found key result.
pub(crate) fn full_name(repo: &Repository, found: KeyResultAt) -> String {
    let file = &repo.quarters[found.file];
    let objective = &file.objectives[found.objective];
    format!(
        "{}/{}/{}",
        file.team, objective.id.value, objective.key_results[found.key_result].id.value
    )
}
