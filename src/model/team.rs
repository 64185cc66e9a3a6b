//! Team names. A team is named by its folder's path below the goals folder
//! (`sales/emea`), so `sales/emea` and `support/emea` are two teams; a team
//! folder inside another's is its sub-team. Where the user names a team
//! (`--team`, `aligns_to: TEAM/ID`, `okr checkin TEAM/...`), the full name
//! always works and a shorter tail of it (`emea`) works when one team alone
//! ends with it.

use std::collections::{HashMap, HashSet};

/// Whether `team` is `ancestor` or one of its sub-teams at any depth.
pub(crate) fn within(team: &str, ancestor: &str) -> bool {
    team == ancestor
        || team
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// How deep `team` sits below the teams of `teams` that contain it: 0 for a
/// team none of them contains, 1 for a sub-team of one of them, ...
pub(crate) fn depth<'a>(team: &str, teams: impl IntoIterator<Item = &'a str>) -> usize {
    teams
        .into_iter()
        .filter(|t| *t != team && within(team, t))
        .count()
}

/// The order teams are shown in: by path segment, so a sub-team follows its
/// parent (`sales`, `sales/emea`, `sales-ops`), `company` first.
pub(crate) fn order(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(t: &str) -> (bool, Vec<&str>) {
        (t != crate::input::find::COMPANY, t.split('/').collect())
    }
    key(a).cmp(&key(b))
}

/// What a team name the user wrote names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Named {
    /// One team, by its full name.
    One(String),
    /// A short name several teams end with, their full names sorted.
    Ambiguous(Vec<String>),
    /// No team.
    Unknown,
}

/// Resolves `name` among `teams`: a full name is itself; else the one team
/// whose name ends with `/name`.
pub(crate) fn resolve<'a>(name: &str, teams: impl IntoIterator<Item = &'a str>) -> Named {
    Index::new(teams).resolve(name)
}

/// Team names indexed for resolving many names: by full name, and by last
/// part for short names.
#[derive(Debug, Default)]
pub(crate) struct Index<'a> {
    full: HashSet<&'a str>,
    by_last: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(teams: impl IntoIterator<Item = &'a str>) -> Index<'a> {
        let mut index = Index::default();
        for team in teams {
            if index.full.insert(team) {
                let last = team.rsplit('/').next().unwrap_or(team);
                index.by_last.entry(last).or_default().push(team);
            }
        }
        index
    }

    /// What `name` names: a full name is itself; else the one team whose
    /// name ends with `/name`.
    pub(crate) fn resolve(&self, name: &str) -> Named {
        if self.full.contains(name) {
            return Named::One(name.to_owned());
        }
        let last = name.rsplit('/').next().unwrap_or(name);
        let mut tails: Vec<String> = self
            .by_last
            .get(last)
            .into_iter()
            .flatten()
            .filter(|team| {
                !name.is_empty()
                    && team
                        .strip_suffix(name)
                        .is_some_and(|head| head.ends_with('/'))
            })
            .map(|team| (*team).to_owned())
            .collect();
        tails.sort_unstable();
        match tails.len() {
            0 => Named::Unknown,
            1 => Named::One(tails.remove(0)),
            _ => Named::Ambiguous(tails),
        }
    }
}

/// The candidates of an ambiguous name, for messages: `` `a`, `b` ``.
pub(crate) fn listed(teams: &[String]) -> String {
    teams
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEAMS: [&str; 5] = [
        "company",
        "sales",
        "sales/emea",
        "support/emea",
        "sales-ops",
    ];

    #[test]
    fn full_names_win_and_unique_tails_resolve() {
        assert_eq!(
            resolve("sales/emea", TEAMS),
            Named::One("sales/emea".into())
        );
        assert_eq!(resolve("sales", TEAMS), Named::One("sales".into()));
        assert_eq!(
            resolve("emea", TEAMS),
            Named::Ambiguous(vec!["sales/emea".into(), "support/emea".into()])
        );
        assert_eq!(
            resolve("emea", ["sales/emea"]),
            Named::One("sales/emea".into())
        );
        assert_eq!(resolve("mea", TEAMS), Named::Unknown);
        assert_eq!(resolve("", TEAMS), Named::Unknown);
        assert_eq!(
            resolve("b/c", ["a/b/c", "x/b/c", "b/c/d"]),
            Named::Ambiguous(vec!["a/b/c".into(), "x/b/c".into()])
        );
        assert_eq!(
            resolve("b/c", ["a/b/c", "x/y/c"]),
            Named::One("a/b/c".into())
        );
    }

    #[test]
    fn sub_teams_follow_their_parent() {
        assert!(within("sales/emea", "sales"));
        assert!(within("sales", "sales"));
        assert!(!within("sales-ops", "sales"));
        assert!(!within("salesx/emea", "sales"));
        let mut teams = TEAMS.to_vec();
        teams.sort_by(|a, b| order(a, b));
        assert_eq!(
            teams,
            [
                "company",
                "sales",
                "sales/emea",
                "sales-ops",
                "support/emea"
            ]
        );
        assert_eq!(depth("sales/emea", TEAMS), 1);
        assert_eq!(depth("support/emea", TEAMS), 0);
    }
}
