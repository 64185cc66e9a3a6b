//! Every write okr makes into a user's repository goes through here. A write
//! is atomic: the new bytes go to a temporary file in the same folder, are
//! flushed to disk, and replace the target with one rename, so a killed
//! process leaves the old file or the new one, never half of each. The target
//! keeps its permissions, is never a symbolic link, and must still hold the
//! bytes okr read before it is replaced.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a write did not happen. Nothing was changed in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} already exists; use --force to overwrite it")]
    Exists(String),
    #[error("{0} changed on disk since okr read it; nothing was written, run the command again")]
    Changed(String),
    #[error(
        "{0} is a symbolic link or not a regular file; okr writes only regular files, not through links, and wrote nothing"
    )]
    NotRegular(String),
    #[error(
        "{0} is a symbolic link, so okr wrote nothing to {1}: inside the repository it writes only through real folders, never through links"
    )]
    LinkInPath(String, String),
    #[error(
        "{0} is outside {1} (through a symbolic link); okr writes only inside the goals folder"
    )]
    Outside(String, String),
    #[error("cannot write {0}: {1}")]
    Io(String, #[source] io::Error),
}

/// Replaces the file at `path`, which okr read as `original`, with `new`.
pub(crate) fn replace(path: &Path, original: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let shown = crate::input::find::display(path);
    let meta = fs::symlink_metadata(path).map_err(|e| WriteError::Io(shown.clone(), e))?;
    if !meta.file_type().is_file() {
        return Err(WriteError::NotRegular(shown));
    }
    let temp = stage(path, new, Some(&meta.permissions()))?;
    // The last moment before the rename: the file must be what was read.
    let unchanged = fs::read(path).map(|now| now == original);
    match unchanged {
        Ok(true) => commit(&temp, path),
        Ok(false) => {
            let _ = fs::remove_file(&temp);
            Err(WriteError::Changed(shown))
        }
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(WriteError::Io(shown, e))
        }
    }
}

/// Creates the file at `path` with `bytes`, creating its folders. An existing
/// file is an error unless `overwrite`; a symbolic link is always one.
pub(crate) fn create(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    let shown = crate::input::find::display(path);
    let existing = match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => return Err(WriteError::NotRegular(shown)),
        Ok(_) if !overwrite => return Err(WriteError::Exists(shown)),
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(WriteError::Io(shown, e)),
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .map_err(|e| WriteError::Io(crate::input::find::display(parent), e))?;
    }
    let temp = stage(path, bytes, existing.as_ref())?;
    if existing.is_none() && path.symlink_metadata().is_ok() {
        let _ = fs::remove_file(&temp);
        return Err(WriteError::Exists(shown));
    }
    commit(&temp, path)
}

/// Refuses a `path` that would land outside `root` once symbolic links in
/// its folders are resolved (the file itself is checked by `replace`/`create`).
pub(crate) fn ensure_inside(root: &Path, path: &Path) -> Result<(), WriteError> {
    let io = |p: &Path, e| WriteError::Io(crate::input::find::display(p), e);
    let root_real = fs::canonicalize(root).map_err(|e| io(root, e))?;
    // The nearest folder that exists decides where the rest will be created.
    let mut folder = path.parent();
    while let Some(f) = folder {
        let f = if f.as_os_str().is_empty() {
            Path::new(".")
        } else {
            f
        };
        match fs::canonicalize(f) {
            Ok(real) if real.starts_with(&root_real) => return Ok(()),
            Ok(_) => {
                return Err(WriteError::Outside(
                    crate::input::find::display(path),
                    crate::input::find::display(root),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => folder = f.parent(),
            Err(e) => return Err(io(f, e)),
        }
    }
    Ok(())
}

/// Refuses a `path` any of whose folders, or which itself, is a symbolic
/// link lying inside `repository` (a link there may come from a pull
/// request and point anywhere). Links outside it (`/tmp` on macOS, a home
/// folder's) are the user's own and are followed; folders that do not exist
/// yet are created as real folders by [`create`].
pub(crate) fn ensure_no_links(repository: &Path, path: &Path) -> Result<(), WriteError> {
    let io = |p: &Path, e| WriteError::Io(crate::input::find::display(p), e);
    let repository = fs::canonicalize(repository).map_err(|e| io(repository, e))?;
    let mut prefix = PathBuf::new();
    for part in path.components() {
        prefix.push(part);
        let meta = match fs::symlink_metadata(&prefix) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io(&prefix, e)),
        };
        if !meta.file_type().is_symlink() {
            continue;
        }
        // Where the link itself sits: its folder, resolved.
        let folder = match prefix.parent() {
            Some(f) if !f.as_os_str().is_empty() => f,
            _ => Path::new("."),
        };
        let inside = fs::canonicalize(folder).is_ok_and(|real| real.starts_with(&repository));
        if inside {
            return Err(WriteError::LinkInPath(
                crate::input::find::display(&prefix),
                crate::input::find::display(path),
            ));
        }
    }
    Ok(())
}

/// The repository `goals` lies in: the nearest folder at or above it that
/// holds `.git`, else the goals folder itself.
pub(crate) fn repository_of(goals: &Path) -> PathBuf {
    let Ok(real) = fs::canonicalize(goals) else {
        return goals.to_path_buf();
    };
    real.ancestors()
        .find(|dir| dir.join(".git").symlink_metadata().is_ok())
        .map_or_else(|| real.clone(), Path::to_path_buf)
}

/// Writes `bytes` to a new temporary file beside `path` and flushes it to disk.
fn stage(
    path: &Path,
    bytes: &[u8],
    permissions: Option<&fs::Permissions>,
) -> Result<PathBuf, WriteError> {
    let shown = || crate::input::find::display(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut attempt = 0u32;
    loop {
        let temp = folder.join(format!(".{name}.okr-{}-{attempt}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => {
                let written = fill(file, bytes, permissions);
                return match written {
                    Ok(()) => Ok(temp),
                    Err(e) => {
                        let _ = fs::remove_file(&temp);
                        Err(WriteError::Io(shown(), e))
                    }
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(WriteError::Io(shown(), e)),
        }
    }
}

fn fill(mut file: File, bytes: &[u8], permissions: Option<&fs::Permissions>) -> io::Result<()> {
    file.write_all(bytes)?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions.clone())?;
    }
    file.sync_all()
}

/// Moves the staged file over the target and makes the rename durable.
fn commit(temp: &Path, path: &Path) -> Result<(), WriteError> {
    if let Err(e) = fs::rename(temp, path) {
        let _ = fs::remove_file(temp);
        return Err(WriteError::Io(crate::input::find::display(path), e));
    }
    // The folder entry itself must reach the disk for the rename to survive a crash.
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_permissions_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-Q4.yaml");
        fs::write(&path, "old\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace(&path, b"old\n", b"new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replace_refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-Q4.yaml");
        fs::write(&path, "edited by someone else\n").unwrap();
        let err = replace(&path, b"old\n", b"new\n").unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "edited by someone else\n"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.yaml");
        fs::write(&outside, "secret\n").unwrap();
        let link = dir.path().join("2026-Q4.yaml");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(matches!(
            replace(&link, b"secret\n", b"new\n"),
            Err(WriteError::NotRegular(_))
        ));
        assert!(matches!(
            create(&link, b"new\n", true),
            Err(WriteError::NotRegular(_))
        ));
        assert_eq!(fs::read_to_string(&outside).unwrap(), "secret\n");
    }

    #[cfg(unix)]
    #[test]
    fn folders_linked_out_of_the_repository_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("team")).unwrap();
        let path = root.path().join("team").join("2026-Q4.yaml");
        assert!(matches!(
            ensure_inside(root.path(), &path),
            Err(WriteError::Outside(..))
        ));
        let fine = root
            .path()
            .join("new-team")
            .join("deeper")
            .join("2026-Q4.yaml");
        ensure_inside(root.path(), &fine).unwrap();
    }

    #[test]
    fn create_refuses_to_overwrite_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team").join("2026-Q4.yaml");
        create(&path, b"one\n", false).unwrap();
        assert!(matches!(
            create(&path, b"two\n", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "one\n");
        create(&path, b"two\n", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two\n");
    }
}
