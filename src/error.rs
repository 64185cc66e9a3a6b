//! Why okr could not do its job: the one error type the commands return. The
//! binary prints it once, as `okr: error: ...`, and exits with 2. Findings
//! about goals are not errors; they are the output of a successful run.

use std::io;

use crate::diff::DiffError;
use crate::edit::checkin::CheckinError;
use crate::edit::scaffold::ScaffoldError;
use crate::edit::write::WriteError;
use crate::eval::report::SelectError;
use crate::input::load::LoadError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Diff(#[from] DiffError),
    #[error(transparent)]
    Checkin(#[from] CheckinError),
    #[error(transparent)]
    Scaffold(#[from] ScaffoldError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Select(#[from] SelectError),
    /// A request okr cannot carry out; the text says what to do instead.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl Error {
    /// The message as `okr: error:` prints it: errors quote ids, team
    /// folders and paths from goal files, so the text is made safe for a
    /// terminal and a CI log like every other output (`text::terminal`).
    pub fn message(&self) -> String {
        crate::render::text::terminal(&self.to_string())
    }

    /// The reader of okr's output went away (`okr report | head`): not a
    /// failure of okr, so the binary exits quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
