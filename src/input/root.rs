//! Finding a goals repository's root from any folder in it: the nearest
//! folder at or above the one okr was given that holds okr.yaml or
//! strategy.yaml, never above the git work tree's top. Teams, references,
//! settings and the strategy are always the root's, so every command reads
//! the same repository from any of its folders.

use std::path::{Component, Path, PathBuf};

/// The files that make a folder a goals repository's root.
pub(crate) const ROOT_FILES: [&str; 4] = ["okr.yaml", "okr.yml", "strategy.yaml", "strategy.yml"];

/// Where a goals folder's root is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    /// The root, as a path the user could type: the given path itself, or
    /// it with its last folders taken off (`goals/platform` -> `goals`), or
    /// with `..` added (`.` -> `..`).
    pub root: PathBuf,
    /// The given folder's place below the root, `/`-separated; empty when
    /// it is the root.
    pub below: String,
}

impl Located {
    /// `rel` (relative to the root) when it lies in the given folder.
    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.below.is_empty()
            || rel
                .strip_prefix(self.below.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    }
}

/// Whether `dir` holds a file that makes it a goals root. Links count: okr
/// reports them (L004) rather than looking past them.
pub(crate) fn is_root(dir: &Path) -> bool {
    ROOT_FILES
        .iter()
        .any(|name| dir.join(name).symlink_metadata().is_ok())
}

/// The root of the goals repository `path` lies in. A path that does not
/// exist, or lies in no folder with okr.yaml or strategy.yaml, is its own
/// root (the loader says what is wrong with it).
pub(crate) fn locate(path: &Path) -> Located {
    let itself = Located {
        root: path.to_path_buf(),
        below: String::new(),
    };
    let Ok(real) = path.canonicalize() else {
        return itself;
    };
    if !real.is_dir() {
        return itself;
    }
    let mut levels = 0;
    let mut found = None;
    for dir in real.ancestors() {
        if is_root(dir) {
            found = Some(dir);
            break;
        }
        // The top of a git work tree: a goals root is never above it.
        if dir.join(".git").symlink_metadata().is_ok() {
            break;
        }
        levels += 1;
    }
    let Some(top) = found.filter(|_| levels > 0) else {
        return itself;
    };
    let below = real
        .strip_prefix(top)
        .map(|rest| {
            rest.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    Located {
        root: upwards(path, levels, top),
        below,
    }
}

/// `path` `levels` folders up, written as the user would: its last folder
/// names taken off when that lands on `top`, else `..` added.
fn upwards(path: &Path, levels: usize, top: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if parts.len() >= levels
        && parts[parts.len() - levels..]
            .iter()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        parts.truncate(parts.len() - levels);
        let popped: PathBuf = if parts.is_empty() {
            PathBuf::from(".")
        } else {
            parts.iter().collect()
        };
        // A link among the folders taken off would land elsewhere.
        if popped.canonicalize().is_ok_and(|real| real == top) {
            return popped;
        }
    }
    let mut up = if path.as_os_str().is_empty() || path == Path::new(".") {
        PathBuf::new()
    } else {
        path.to_path_buf()
    };
    for _ in 0..levels {
        up.push("..");
    }
    up
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temp dir");
        for file in files {
            let path = dir.path().join(file);
            if file.ends_with('/') {
                std::fs::create_dir_all(&path).expect("a folder");
            } else {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).expect("a folder");
                }
                std::fs::write(&path, "").expect("a file");
            }
        }
        dir
    }

    #[test]
    fn a_subfolder_finds_the_root_above_it() {
        let dir = tree(&[".git/", "goals/okr.yaml", "goals/platform/infra/"]);
        let goals = dir.path().join("goals");
        let located = locate(&goals.join("platform/infra"));
        assert_eq!(located.root, goals);
        assert_eq!(located.below, "platform/infra");
        assert!(located.contains("platform/infra/2026-Q4.yaml"));
        assert!(!located.contains("platform/2026-Q4.yaml"));
        assert!(!located.contains("platform/infra2/2026-Q4.yaml"));
        assert_eq!(
            locate(&goals),
            Located {
                root: goals.clone(),
                below: String::new()
            }
        );
    }

    #[test]
    fn the_git_top_is_as_far_as_it_looks() {
        let dir = tree(&["okr.yaml", "repo/.git/", "repo/goals/platform/"]);
        let platform = dir.path().join("repo/goals/platform");
        assert_eq!(locate(&platform).root, platform);
    }

    #[test]
    fn a_folder_without_settings_is_its_own_root() {
        let dir = tree(&[".git/", "platform/2026-Q4.yaml"]);
        let platform = dir.path().join("platform");
        assert_eq!(locate(&platform).root, platform);
        let missing = dir.path().join("missing");
        assert_eq!(locate(&missing).root, missing);
    }

    #[test]
    fn the_root_reads_like_the_path_given() {
        let dir = tree(&["goals/strategy.yaml", "goals/platform/"]);
        let top = dir.path().join("goals").canonicalize().expect("real");
        let platform = dir.path().join("goals/platform");
        assert_eq!(upwards(&platform, 1, &top), dir.path().join("goals"));
        assert_eq!(upwards(Path::new("."), 2, &top), PathBuf::from("../.."));
        assert_eq!(
            upwards(&platform.join(".."), 1, &top),
            platform.join("../..")
        );
    }
}
