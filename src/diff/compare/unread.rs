//! Files that could not be read at one side of a comparison. Their goals
//! are missing from that side, so comparing them would report every
//! objective as removed or added and every finding as fixed or new: their
//! changes are left out, and the diff names the files instead.

use super::{Area, Change, ChangeKind, Finding, Level, ScoreChange, Side};
use crate::diagnostic::Diagnostic;
use crate::diff::{Unread, Which};
use crate::input::load::Loaded;

/// The unread files of both sides, and what they hide.
pub(super) struct Hidden {
    pub files: Vec<Unread>,
    /// (quarter, team) of the unread quarter files, by folder and by the
    /// `team:` of the same file at the other side.
    teams: Vec<(String, String)>,
    /// strategy.yaml could not be read at one side.
    strategy: bool,
}

type At<'a> = (&'a Loaded, &'a [Diagnostic], &'a Side);

/// The files of `base` and `head` that could not be read.
pub(super) fn files(base: At<'_>, head: At<'_>) -> Hidden {
    let mut hidden = Hidden {
        files: Vec::new(),
        teams: Vec::new(),
        strategy: false,
    };
    for (side, (loaded, findings, label), other) in
        [(Which::Base, base, head.0), (Which::Head, head, base.0)]
    {
        for s in crate::eval::report::skipped(&loaded.repository, findings) {
            match (&s.quarter, &s.team) {
                (Some(quarter), Some(team)) => {
                    hidden.teams.push((quarter.clone(), team.clone()));
                    let same = other.repository.quarters.iter().find(|f| f.path == s.path);
                    if let Some(file) = same {
                        hidden.teams.push((quarter.clone(), file.team.clone()));
                    }
                }
                _ => hidden.strategy = true,
            }
            hidden.files.push(Unread {
                side,
                revision: label.label.clone(),
                path: s.path,
                reason: s.reason,
                quarter: s.quarter,
                team: s.team,
            });
        }
    }
    hidden
}

impl Hidden {
    /// Leaves out the changes, scores and findings of the unread files:
    /// a quarter's company score stays, since it did change, and the
    /// notice says why.
    pub(super) fn hide(
        &self,
        changes: &mut Vec<Change>,
        scores: &mut Vec<ScoreChange>,
        introduced: &mut Vec<Finding>,
        fixed: &mut Vec<Finding>,
    ) {
        if self.files.is_empty() {
            return;
        }
        changes.retain(|c| !self.hides_change(c));
        scores.retain(|s| !self.hides_score(s));
        // The loading finding itself is news (or a fix); the rest of the
        // file's findings are only missing from the side that could not
        // read it.
        let unread_at = |side: Which, f: &Finding| {
            !f.code.is_loading()
                && self
                    .files
                    .iter()
                    .any(|u| u.side == side && u.path == f.path)
        };
        introduced.retain(|f| !unread_at(Which::Base, f));
        fixed.retain(|f| !unread_at(Which::Head, f));
    }

    fn team_hidden(&self, quarter: Option<&String>, team: Option<&String>) -> bool {
        self.teams
            .iter()
            .any(|(q, t)| Some(q) == quarter && Some(t) == team)
    }

    fn hides_change(&self, c: &Change) -> bool {
        match c.area {
            Area::Strategy => self.strategy,
            Area::Okrs => {
                self.team_hidden(c.quarter.as_ref(), c.team.as_ref())
                    || (c.kind == ChangeKind::Moved
                        && self.team_hidden(c.quarter.as_ref(), c.before.as_ref()))
            }
        }
    }

    fn hides_score(&self, s: &ScoreChange) -> bool {
        match s.level {
            Level::Quarter => false,
            Level::Perspective | Level::BscObjective => self.strategy,
            Level::Team | Level::Objective | Level::KeyResult => {
                self.team_hidden(s.quarter.as_ref(), s.team.as_ref())
            }
        }
    }
}
