//! Finding the files of a goals repository: okr.yaml and strategy.yaml at the
//! top, `YYYY-QN.yaml` quarter files anywhere below. Hidden folders and
//! `target/` are skipped, symbolic links are not followed, and a YAML file
//! named for a period but not as a quarter file is reported (L005), not
//! ignored. A folder below with its own okr.yaml or strategy.yaml is another
//! goals repository (okr run inside it finds it as the root): it is not read,
//! and its settings or strategy file is reported (L005) with how to check it.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::input::names::Misnamed;
use crate::input::root::{ROOT_FILES, is_root};
use crate::model::quarter::Quarter;
use crate::model::span::Span;
use crate::rules::Code;

/// The team of quarter files at the top of the repository.
pub(crate) const COMPANY: &str = "company";

/// A quarter file found on disk.
#[derive(Debug, Clone)]
pub struct QuarterPath {
    pub path: PathBuf,
    /// Relative to the repository, `/`-separated.
    pub rel: String,
    pub quarter: Quarter,
    /// The folder's path below the goals folder (`sales/emea`), or
    /// `company` at the top.
    pub folder_team: String,
}

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub config: Option<(PathBuf, String)>,
    pub strategy: Option<(PathBuf, String)>,
    /// okr.yaml exists but is a link or not a regular file (an L004).
    pub config_unusable: bool,
    pub quarter_files: Vec<QuarterPath>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files named for a period but not as quarter files: L005 findings
    /// once okr.yaml says when the fiscal year starts.
    pub misnamed: Vec<Misnamed>,
}

impl Found {
    /// Files of a git tree, as paths relative to the goals folder with `/`
    /// separators, each with the key to read it by. Applies the same rules
    /// as the walk: hidden folders and `target/` skipped, names classified.
    pub(crate) fn from_paths(paths: impl IntoIterator<Item = (String, PathBuf)>) -> Found {
        let mut found = Found::default();
        let mut paths: Vec<(String, PathBuf)> = paths.into_iter().collect();
        paths.retain(|(rel, _)| {
            let parts: Vec<&str> = rel.split('/').collect();
            parts.split_last().is_some_and(|(name, folders)| {
                !name.starts_with('.')
                    && !folders
                        .iter()
                        .any(|f| is_skipped(std::ffi::OsStr::new(f), true))
            })
        });
        paths.sort();
        // Folders below the top with a settings or strategy file of their own.
        let mut nested: Vec<&str> = paths
            .iter()
            .filter_map(|(rel, _)| {
                let (folder, name) = rel.rsplit_once('/')?;
                ROOT_FILES.contains(&name).then_some(folder)
            })
            .collect();
        nested.sort_unstable();
        nested.dedup();
        let within = |rel: &str, folder: &str| {
            rel.strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/'))
        };
        let outermost: Vec<&str> = nested
            .iter()
            .copied()
            .filter(|folder| !nested.iter().any(|outer| within(folder, outer)))
            .collect();
        for folder in &outermost {
            let present: Vec<&str> = ROOT_FILES
                .iter()
                .copied()
                .filter(|name| {
                    paths
                        .iter()
                        .any(|(rel, _)| *rel == format!("{folder}/{name}"))
                })
                .collect();
            found.nested_root(folder, &present, "");
        }
        for (rel, key) in &paths {
            if outermost.iter().any(|folder| within(rel, folder)) {
                continue;
            }
            let depth = rel.split('/').count();
            found.add_file(key.clone(), rel.clone(), depth);
        }
        found
    }

    /// Reports the settings and strategy files (`files`) of the goals
    /// repository in `folder`, which okr does not read as part of this one.
    /// `prefix` is the goals folder as the user named it, for the command
    /// the hint gives.
    fn nested_root(&mut self, folder: &str, files: &[&str], prefix: &str) {
        for name in files {
            let rel = format!("{folder}/{name}");
            let what = if name.starts_with("okr") {
                "the settings"
            } else {
                "the strategy"
            };
            self.diagnostics.push(
                Diagnostic::new(
                    Code::L005,
                    &rel,
                    Span::FILE,
                    format!(
                        "`{rel}` is {what} of another goals folder, `{folder}`: okr does not read it, nor any file below `{folder}`, as part of this one"
                    ),
                )
                .hint(format!(
                    "run okr on that folder (`okr check {prefix}{folder}`), or, if its files belong to this goals folder, delete or move `{rel}`"
                )),
            );
        }
    }

    /// Classifies one regular file at `depth` below the goals folder (1 = at
    /// the top): settings, strategy, a quarter file, a misnamed one, or none.
    fn add_file(&mut self, path: PathBuf, rel: String, depth: usize) {
        let name = rel.rsplit('/').next().unwrap_or(&rel).to_owned();
        let Some((stem, ext)) = name.rsplit_once('.') else {
            return;
        };
        if !ext.eq_ignore_ascii_case("yaml") && !ext.eq_ignore_ascii_case("yml") {
            return;
        }
        let exact_ext = ext == "yaml" || ext == "yml";
        if depth == 1 && exact_ext && (stem == "okr" || stem == "strategy") {
            let slot = if stem == "okr" {
                &mut self.config
            } else {
                &mut self.strategy
            };
            match slot {
                Some((_, first)) => {
                    let first = first.clone();
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::L005,
                            &rel,
                            Span::FILE,
                            format!("`{rel}` is ignored: okr reads `{first}`"),
                        )
                        .hint(format!(
                            "merge the two files into `{first}` and delete this one"
                        )),
                    );
                }
                None => *slot = Some((path, rel)),
            }
            return;
        }
        match Quarter::parse(stem) {
            Some(quarter) if exact_ext => {
                let folder_team = if depth <= 1 {
                    COMPANY.to_owned()
                } else {
                    // The folder's path: `sales/emea` is a sub-team of `sales`.
                    rel.rsplit_once('/')
                        .map_or_else(|| COMPANY.to_owned(), |(folder, _)| folder.to_owned())
                };
                self.quarter_files.push(QuarterPath {
                    path,
                    rel,
                    quarter,
                    folder_team,
                });
            }
            _ => {
                if let Some(misnamed) = Misnamed::of(&rel, stem) {
                    self.misnamed.push(misnamed);
                }
            }
        }
    }

    /// Whether nothing at all was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.config.is_none()
            && self.strategy.is_none()
            && self.quarter_files.is_empty()
            && self.diagnostics.is_empty()
            && self.misnamed.is_empty()
    }
}

/// Walks `root`. Output is sorted by path, so runs are deterministic.
pub(crate) fn find(root: &Path) -> Found {
    let nested = std::cell::RefCell::new(Vec::new());
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let is_dir = e.file_type().is_dir();
            if is_skipped(e.file_name(), is_dir) {
                return false;
            }
            if is_dir && is_root(e.path()) {
                nested.borrow_mut().push(e.path().to_owned());
                return false;
            }
            true
        });
    let mut found = classify(root, walker);
    let prefix = display_prefix(root);
    for folder in nested.into_inner() {
        let present: Vec<&str> = ROOT_FILES
            .iter()
            .copied()
            .filter(|name| folder.join(name).symlink_metadata().is_ok())
            .collect();
        found.nested_root(&relative(root, &folder), &present, &prefix);
    }
    found
}

/// Sorts what a walk of `root` yields into a `Found`. A folder that cannot
/// be read, or that disappeared after it was listed, is an L004 at its path
/// and the walk goes on.
fn classify(
    root: &Path,
    walker: impl Iterator<Item = walkdir::Result<walkdir::DirEntry>>,
) -> Found {
    let mut found = Found::default();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let rel = e
                    .path()
                    .map_or_else(|| ".".to_owned(), |p| relative(root, p));
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string);
                found.diagnostics.push(
                    Diagnostic::new(
                        Code::L004,
                        &rel,
                        Span::FILE,
                        format!("cannot read `{rel}`: {reason}"),
                    )
                    .hint("check the permissions of this path"),
                );
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            if let Some(name) = entry.file_name().to_str()
                && name.rsplit_once('.').is_some_and(|(stem, ext)| {
                    (ext == "yaml" || ext == "yml") && Quarter::parse(stem).is_some()
                })
            {
                let rel = relative(root, entry.path());
                found.diagnostics.push(
                    Diagnostic::new(
                        Code::L004,
                        &rel,
                        Span::FILE,
                        format!("`{rel}` is a folder, not a quarter file"),
                    )
                    .hint("rename the folder; quarter files are plain files"),
                );
            }
            continue;
        }
        let Some(name) = entry.file_name().to_str() else {
            continue;
        };
        let Some((stem, ext)) = name.rsplit_once('.') else {
            continue;
        };
        if !ext.eq_ignore_ascii_case("yaml") && !ext.eq_ignore_ascii_case("yml") {
            continue;
        }
        let rel = relative(root, entry.path());
        let is_goals_file = (entry.depth() == 1 && (stem == "okr" || stem == "strategy"))
            || Quarter::parse(stem).is_some();
        if !file_type.is_file() {
            // Links are never followed and FIFOs or devices never opened; say so
            // for names okr would read, rather than skipping them silently.
            if is_goals_file && (ext == "yaml" || ext == "yml") {
                let (what, hint) = if file_type.is_symlink() {
                    (
                        "a symbolic link, which okr does not follow",
                        "replace the link with the file itself",
                    )
                } else {
                    (
                        "not a regular file",
                        "goals files must be plain files; remove or rename this one",
                    )
                };
                found.diagnostics.push(
                    Diagnostic::new(Code::L004, &rel, Span::FILE, format!("`{rel}` is {what}"))
                        .hint(hint),
                );
                // Settings okr cannot read are settings it cannot trust.
                found.config_unusable |= entry.depth() == 1 && stem == "okr";
            }
            continue;
        }
        found.add_file(entry.path().to_owned(), rel, entry.depth());
    }
    found
}

fn is_skipped(name: &std::ffi::OsStr, is_dir: bool) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || (is_dir && name == "target")
}

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// A path as okr shows it in every output: `/` between its parts on every
/// platform, as on Unix (on Windows, `goals\platform` shows as
/// `goals/platform`). A `\` inside a Unix file name is part of the name and
/// stays.
pub(crate) fn display(path: &Path) -> String {
    with_slashes(&path.to_string_lossy(), std::path::MAIN_SEPARATOR)
}

/// `text` with the platform's path `separator` written as `/`.
fn with_slashes(text: &str, separator: char) -> String {
    if separator == '/' {
        text.to_owned()
    } else {
        text.replace(separator, "/")
    }
}

/// `root` as a path prefix ending in `/`, empty for the current directory.
pub(crate) fn display_prefix(root: &Path) -> String {
    let text = display(root);
    let trimmed = text.trim_end_matches('/');
    match trimmed {
        "" if text.starts_with('/') => "/".to_owned(),
        "" | "." => String::new(),
        t => format!("{}/", t.strip_prefix("./").unwrap_or(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_disappears_during_the_walk_is_one_finding() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let root = dir.path();
        for team in ["a", "b"] {
            std::fs::create_dir_all(root.join(team)).expect("a folder");
            std::fs::write(root.join(team).join("2026-Q3.yaml"), "objectives: []\n")
                .expect("a file");
        }
        // The walk lists the top folder, then reads `a`; `b` is removed in
        // between, as a concurrent `git checkout` or `rm -r` would.
        let walker = WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .inspect(|entry| {
                if let Ok(e) = entry
                    && e.depth() == 1
                    && e.file_name() == "a"
                {
                    std::fs::remove_dir_all(root.join("b")).expect("removed");
                }
            });
        let found = classify(root, walker);
        let findings: Vec<_> = found
            .diagnostics
            .iter()
            .map(|d| (d.code, d.path.as_str()))
            .collect();
        assert_eq!(findings, vec![(Code::L004, "b")], "{:?}", found.diagnostics);
        assert!(found.diagnostics[0].message.contains("cannot read `b`"));
        let files: Vec<_> = found.quarter_files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(files, vec!["a/2026-Q3.yaml"], "the walk goes on");
    }
}

#[cfg(test)]
mod prefix_tests {
    use super::{display_prefix, with_slashes};
    use std::path::Path;

    #[test]
    fn windows_separators_display_as_slashes() {
        assert_eq!(
            with_slashes(r"goals\platform\2026-Q4.yaml", '\\'),
            "goals/platform/2026-Q4.yaml"
        );
        assert_eq!(with_slashes(r"..\goals\", '\\'), "../goals/");
        // On Unix a backslash is a character of the name, not a separator.
        assert_eq!(
            with_slashes(r"team\a/2026-Q4.yaml", '/'),
            r"team\a/2026-Q4.yaml"
        );
    }

    #[test]
    fn prefixes_read_like_typed_paths() {
        assert_eq!(display_prefix(Path::new(".")), "");
        assert_eq!(display_prefix(Path::new("goals")), "goals/");
        assert_eq!(display_prefix(Path::new("./goals/")), "goals/");
        assert_eq!(display_prefix(Path::new("/")), "/");
    }
}
