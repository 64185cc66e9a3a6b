//! `okr diff`: what a change to the goals means. Both sides are loaded like
//! `okr check` loads a folder, scored like `okr report` scores it (at the
//! same date, so only the change moves the numbers), and compared here into
//! one `Diff` value that the renderers draw.

mod compare;
pub(crate) mod revision;

use chrono::NaiveDate;
use serde::Serialize;

use crate::eval::score::Status;

/// One side of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// As the user named it: a revision, or `working tree`.
    pub label: String,
    pub commit: Option<String>,
    /// The commit's date (today for the working tree).
    pub date: NaiveDate,
}

/// What changed between two states of a goals repository.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub base: Side,
    pub head: Side,
    /// The date both sides are scored at, and goalposts judged by.
    pub as_of: NaiveDate,
    pub changes: Vec<Change>,
    /// Scores that moved, most significant level first.
    pub scores: Vec<ScoreChange>,
    /// `okr check` findings of the head that the base did not have.
    pub introduced: Vec<Finding>,
    /// Findings of the base that the head no longer has.
    pub fixed: Vec<Finding>,
    /// Goals files that could not be read at one side: their changes,
    /// scores and findings are left out of the lists above.
    pub unread: Vec<Unread>,
    pub summary: Summary,
    /// The head's strategy map, for the Markdown format.
    #[serde(skip)]
    pub head_map: Option<crate::eval::map::StrategyMap>,
}

/// Which side of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Which {
    Base,
    Head,
}

/// A goals file that could not be read at one side of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Unread {
    pub side: Which,
    /// The side's label: the revision as named, or `working tree`.
    pub revision: String,
    pub path: String,
    /// The first loading finding, with its code.
    pub reason: String,
    /// The quarter file's quarter and team (its folder); None for strategy.yaml.
    pub quarter: Option<String>,
    pub team: Option<String>,
}

impl Unread {
    /// The one line every format shows above the changes; `show` makes the
    /// user's text (path, revision) safe for the format:
    /// `sales/2026-Q4.yaml could not be read at HEAD (head): its changes are
    /// not shown`.
    pub fn notice(&self, show: impl Fn(&str) -> String) -> String {
        format!(
            "{} could not be read at {} ({}): its changes are not shown",
            show(&self.path),
            show(&self.revision),
            match self.side {
                Which::Base => "base",
                Which::Head => "head",
            }
        )
    }
}

/// OKRs or the Balanced Scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Okrs,
    Strategy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Renamed,
    /// An objective that changed teams (same quarter and id).
    Moved,
    /// A field's value changed.
    Changed,
    /// What is expected changed after its period began: a target, start,
    /// bound, milestone-ness or weight; an objective's kind; a measure's
    /// target or baseline (docs/json.md, Goalposts).
    GoalpostMoved,
    /// New check-ins or a new current value.
    Progress,
    /// Written `status: dropped`: given up, scored nowhere from now on
    /// (not a moved goalpost).
    Dropped,
    /// `status: dropped` taken away: counted again.
    Restored,
}

/// Whether a moved goalpost made the goal easier or harder to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Easier,
    Harder,
}

impl Effect {
    /// The word messages use.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Effect::Easier => "easier",
            Effect::Harder => "harder",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub area: Area,
    pub team: Option<String>,
    pub quarter: Option<String>,
    /// What changed: `team/P1`, `team/P1.2`, `F1`, `F1/arr`, `C1 -> F1`.
    pub subject: String,
    pub kind: ChangeKind,
    /// The field, for `changed` and `goalpost_moved`.
    pub field: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    /// For moved goalposts, by their effect; None when neither.
    pub direction: Option<Effect>,
    /// For a goalpost: the score at `as_of`, with the head's readings, under
    /// the old and the new goalposts (a weight: its objective's or team's
    /// score). For progress of a key result or a measure's objective: its
    /// score before and after, both at `as_of`.
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
    /// One line for people.
    pub message: String,
}

/// Where a score was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Quarter,
    Team,
    Objective,
    KeyResult,
    Perspective,
    BscObjective,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreChange {
    pub level: Level,
    pub team: Option<String>,
    pub quarter: Option<String>,
    pub subject: String,
    /// A key result's base id when its positional id shifted (`P2.3` that
    /// became `P2.2` when a key result before it was removed).
    pub was: Option<String>,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub expected: Option<f64>,
    pub status_before: Option<Status>,
    pub status_after: Option<Status>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: crate::rules::Code,
    pub severity: crate::diagnostic::Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub changes: usize,
    pub goalposts_moved: usize,
    pub introduced_errors: usize,
    pub introduced_warnings: usize,
    pub fixed: usize,
}

pub use compare::compare;

use crate::input::git::{GitError, Repo};
use revision::Revision;

/// Why `okr diff` could not compare.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("`{0}` does not exist or is not a folder")]
    NotAFolder(String),
    #[error("cannot read `{0}`: {1}")]
    Io(String, std::io::Error),
    #[error("`{0}` is not inside the git repository at `{1}`")]
    OutsideRepository(String, String),
    /// Neither revision has a goals file in the folder: nothing was
    /// compared, which CI must not take for a pass.
    #[error("no goals file in `{folder}` at either revision{hint}")]
    NoGoals { folder: String, hint: String },
}

/// Compares the goals folder `dir` between `base` (default: the merge base
/// of HEAD with the upstream branch) and `head` (default: the working tree).
/// Both sides are scored at `as_of`, else the head commit's date, else `today`.
pub(crate) fn between(
    dir: &std::path::Path,
    base: Option<&str>,
    head: Option<&str>,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Diff, DiffError> {
    // The folder may be gone from the work tree when comparing two commits:
    // then the repository is found from the nearest folder that exists.
    if head.is_none() && !dir.is_dir() {
        return Err(DiffError::NotAFolder(crate::input::find::display(dir)));
    }
    // A relative path's last ancestor is the empty path: the current folder.
    let existing = dir
        .ancestors()
        .map(|d| {
            if d.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                d
            }
        })
        .find(|d| d.is_dir())
        .ok_or_else(|| DiffError::NotAFolder(crate::input::find::display(dir)))?;
    let repo = Repo::discover(existing)?;
    let io = |path: &std::path::Path| {
        let shown = crate::input::find::display(path);
        move |e| DiffError::Io(shown, e)
    };
    let root = repo.root.canonicalize().map_err(io(&repo.root))?;
    // The folder's place in the repository: the existing part, resolved, and
    // whatever part no longer exists on disk.
    let missing = dir
        .strip_prefix(existing)
        .unwrap_or(std::path::Path::new(""));
    let place = existing.canonicalize().map_err(io(existing))?.join(missing);
    let folder = place
        .strip_prefix(&root)
        .map_err(|_| {
            DiffError::OutsideRepository(
                crate::input::find::display(dir),
                crate::input::find::display(&root),
            )
        })?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let (head_revision, head_side) = match head {
        Some(rev) => {
            let commit = repo.resolve(rev)?;
            let date = repo.commit_date(&commit)?;
            let side = Side {
                label: rev.to_owned(),
                commit: Some(commit.clone()),
                date,
            };
            (Revision::Commit(commit), side)
        }
        None => (
            Revision::WorkTree,
            Side {
                label: "working tree".to_owned(),
                commit: None,
                date: today,
            },
        ),
    };
    let base_commit = match base {
        Some(rev) => repo.resolve(rev)?,
        None => repo.default_base(&repo.resolve("HEAD")?)?,
    };
    let base_side = Side {
        label: base.unwrap_or("merge base").to_owned(),
        date: repo.commit_date(&base_commit)?,
        commit: Some(base_commit.clone()),
    };
    let as_of = as_of.unwrap_or(head_side.date);
    // The two sides load independently: one on each core.
    let base_revision = Revision::Commit(base_commit);
    let (base_loaded, head_loaded) = std::thread::scope(|s| {
        let base = s.spawn(|| revision::load(&repo, &base_revision, &folder));
        let head = revision::load(&repo, &head_revision, &folder);
        (base.join(), head)
    });
    let base_loaded = base_loaded.map_err(|_| GitError::Failed {
        command: "cat-file".to_owned(),
        message: "loading the base revision failed".to_owned(),
    })??;
    let head_loaded = head_loaded?;
    let empty = |l: &crate::input::load::Loaded| {
        l.repository.quarters.is_empty()
            && l.repository.strategy.is_none()
            && l.repository.unloaded.is_empty()
    };
    if empty(&base_loaded) && empty(&head_loaded) {
        // A goals folder below (reported as L005 when loading): name it.
        let nested = [&base_loaded, &head_loaded]
            .iter()
            .flat_map(|l| &l.diagnostics)
            .filter(|d| d.code == crate::rules::Code::L005)
            .find_map(|d| {
                let (folder, name) = d.path.rsplit_once('/')?;
                crate::input::root::ROOT_FILES
                    .contains(&name)
                    .then(|| folder.to_owned())
            });
        // As the user would type it: relative to the current folder.
        let relative = std::env::current_dir()
            .ok()
            .and_then(|cwd| dir.strip_prefix(cwd).ok().map(std::path::Path::to_path_buf))
            .unwrap_or_else(|| dir.to_path_buf());
        let shown = if relative.as_os_str().is_empty() {
            ".".to_owned()
        } else {
            crate::input::find::display(&relative)
        };
        let hint = match nested {
            Some(folder) => {
                let path = if shown == "." {
                    std::path::PathBuf::from(&folder)
                } else {
                    std::path::Path::new(&shown).join(&folder)
                };
                format!(
                    "; the goals folder is `{}`: run `okr diff --path {}`",
                    crate::render::text::terminal(&crate::input::find::display(&path)),
                    crate::render::text::terminal(&crate::input::find::display(&path))
                )
            }
            None => String::new(),
        };
        return Err(DiffError::NoGoals {
            folder: crate::render::text::terminal(&shown),
            hint,
        });
    }
    Ok(compare(
        &base_loaded,
        &head_loaded,
        base_side,
        head_side,
        as_of,
    ))
}
