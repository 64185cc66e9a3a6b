//! A goals folder as it was at a git revision, or as it is in the work
//! tree, loaded exactly like `okr check` loads a folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::input::find::Found;
use crate::input::git::{GitError, Repo};
use crate::input::load::{self, Loaded};
use crate::model::span::Span;
use crate::rules::Code;

/// Which state of the goals to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Revision {
    /// A commit, by full hash.
    Commit(String),
    /// The files on disk, uncommitted edits included.
    WorkTree,
}

/// Loads the goals folder `folder` (relative to the repository root, `/`
/// separators, empty for the root) at `revision`.
pub(crate) fn load(repo: &Repo, revision: &Revision, folder: &str) -> Result<Loaded, GitError> {
    let commit = match revision {
        Revision::WorkTree => {
            let dir = repo.root.join(folder);
            let found = if dir.is_dir() {
                crate::input::find::find(&dir)
            } else {
                Found::default()
            };
            return Ok(load::load_found(
                found,
                &|path: &Path, rel: &str, max: u64| {
                    std::fs::read(path)
                        .map_err(|e| unreadable(rel, &e.to_string()))
                        .and_then(|bytes| load::decode(rel, &bytes, max))
                },
            ));
        }
        Revision::Commit(commit) => commit,
    };
    let files = repo.tree(commit, folder)?;
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{}/", folder.trim_end_matches('/'))
    };
    let found = Found::from_paths(files.iter().filter_map(|f| {
        let rel = f.path.strip_prefix(&prefix)?;
        Some((rel.to_owned(), PathBuf::from(&f.blob)))
    }));
    let mut wanted: Vec<String> = found
        .config
        .iter()
        .chain(found.strategy.iter())
        .map(|(p, _)| p)
        .chain(found.quarter_files.iter().map(|q| &q.path))
        .filter_map(|p| p.to_str().map(str::to_owned))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    // Read blobs up to the largest limit okr.yaml may set; `decode` applies the real one.
    let names: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let contents = repo.blobs(&names, u64::from(u32::MAX))?;
    let blobs: HashMap<String, Option<Vec<u8>>> = wanted.into_iter().zip(contents).collect();
    Ok(load::load_found(
        found,
        &|path: &Path, rel: &str, max: u64| match path.to_str().and_then(|key| blobs.get(key)) {
            Some(Some(bytes)) => load::decode(rel, bytes, max),
            _ => Err(unreadable(rel, "the blob could not be read")),
        },
    ))
}

fn unreadable(rel: &str, reason: &str) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::new(
            Code::L004,
            rel,
            Span::FILE,
            format!("cannot read `{rel}`: {reason}"),
        )
        .hint("check that the file is readable"),
    )
}
