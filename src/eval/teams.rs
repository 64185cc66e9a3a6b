//! Teams and their sub-teams in a quarter: a team folder inside another's
//! is its sub-team (`sales/emea` belongs to `sales`). A team's own score is
//! the weighted mean of its own objectives; its score with sub-teams is the
//! weighted mean of its objectives and those of every team beneath it, at
//! any depth, each objective by its weight.

use super::okrs::FileState;
use super::score;
use crate::model::Repository;
use crate::model::team;

/// The team of `file` among the quarter's `files`: its nearest parent team
/// with a file in the quarter, and its score with its sub-teams (None when
/// it has none in the quarter).
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    pub parent: Option<String>,
    /// How many of the quarter's teams it sits beneath.
    pub depth: usize,
    pub score_with_subteams: Option<f64>,
    /// Those objectives scored, of all (with sub-teams only).
    pub coverage_with_subteams: Option<score::Coverage>,
    /// Whether any team of the quarter is beneath it.
    pub has_subteams: bool,
}

/// `file`'s place among the quarter files `files` (indices into
/// `repository.quarters`, `states` their evaluation).
pub(crate) fn family(
    repository: &Repository,
    states: &[FileState],
    files: &[usize],
    file: usize,
) -> Family {
    let name = repository.quarters[file].team.as_str();
    let teams = || files.iter().map(|&f| repository.quarters[f].team.as_str());
    let parent = teams()
        .filter(|t| *t != name && team::within(name, t))
        .max_by_key(|t| t.len())
        .map(str::to_owned);
    let beneath: Vec<usize> = files
        .iter()
        .copied()
        .filter(|&f| team::within(&repository.quarters[f].team, name))
        .collect();
    let has_subteams = beneath.iter().any(|&f| repository.quarters[f].team != name);
    // A parent objective counts through its children, once.
    let counted = || {
        beneath
            .iter()
            .flat_map(|&f| states[f].objectives.iter())
            .filter(|o| !o.from_children && o.status != crate::eval::score::Status::Dropped)
    };
    let score_with_subteams = has_subteams
        .then(|| score::weighted_mean(counted().filter_map(|o| o.score.map(|s| (s, o.weight)))))
        .flatten();
    let coverage_with_subteams =
        has_subteams.then(|| score::Coverage::of(counted().map(|o| o.score.is_some())));
    // A team split over two files (L007) counts once.
    let mut names: Vec<&str> = teams().collect();
    names.sort_unstable();
    names.dedup();
    Family {
        parent,
        depth: team::depth(name, names),
        score_with_subteams,
        coverage_with_subteams,
        has_subteams,
    }
}
