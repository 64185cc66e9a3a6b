//! JSON Schemas (draft-07) of the three goals files, for editors.
//! PLACEHOLDER: being written by a helper; see the brief.

use std::path::{Path, PathBuf};

/// The three kinds of goals file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Strategy,
    Quarter,
    Config,
}

/// The folder, relative to the goals folder, that `okr init` writes the schemas into.
pub const DIR: &str = "schemas";

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Strategy, Kind::Quarter, Kind::Config];

    /// The schema's file name in [`DIR`].
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Strategy => "strategy.schema.json",
            Kind::Quarter => "quarter.schema.json",
            Kind::Config => "config.schema.json",
        }
    }
}

/// The schema as pretty JSON with a final newline.
pub fn json(_kind: Kind) -> String {
    unimplemented!("schema generation")
}

/// Writes all three schemas into `dir` (created if missing); returns the paths written.
pub fn write_all(_dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    unimplemented!("schema writing")
}

/// The first line of a file okr creates at `file` (relative to the goals
/// folder), pointing yaml-language-server at the schema in [`DIR`].
pub fn modeline(kind: Kind, file: &Path) -> String {
    let depth = file.components().count().saturating_sub(1);
    format!(
        "# yaml-language-server: $schema={}{DIR}/{}\n",
        "../".repeat(depth),
        kind.file_name()
    )
}
