//! `okr init` and `okr new`: new files, written atomically, never over a user's file.
//! PLACEHOLDER: being written by a helper; see the brief.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use crate::quarter::Quarter;

/// Creates a starter goals repository in `dir`; returns the files written.
pub fn init(_dir: &Path, _force: bool, _today: NaiveDate) -> anyhow::Result<Vec<PathBuf>> {
    unimplemented!("okr init")
}

/// What `okr new` was asked for.
#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub quarter: Option<Quarter>,
    pub team: Option<String>,
    pub from: Option<Quarter>,
    pub force: bool,
    pub today: NaiveDate,
}

/// What `okr new` did.
#[derive(Debug, Clone)]
pub struct Created {
    pub path: PathBuf,
}

impl Created {
    /// The lines printed after the file is written.
    pub fn summary(&self) -> String {
        format!("created {}", self.path.display())
    }
}

/// Creates a team's quarter file.
pub fn new_quarter(_options: &NewOptions) -> anyhow::Result<Created> {
    unimplemented!("okr new")
}
