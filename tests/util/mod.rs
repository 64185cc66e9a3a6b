//! The one harness of okr's integration tests, as in ripgrep and just: every
//! module runs the binary through [`Okr`] (one clean environment, whatever
//! the machine running the tests has set), finds fixtures through [`root`],
//! [`fixture`] and [`acme`], copies folders with [`copy_dir`] and builds git
//! history with [`Repo`]. A change to how okr is run, or to where fixtures
//! live, is made here once.

mod command;
mod git;
mod workflow;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use command::{Okr, Output};
pub use git::Repo;
pub use workflow::workflow_commands;

/// The day the fixtures are written for: okr's today in every test.
pub const TODAY: &str = "2026-11-28";

/// `--as-of` for [`TODAY`], as most tests pass it.
pub const AS_OF: &str = "--as-of=2026-11-28";

/// [`TODAY`] as a date, for tests that call the library.
pub fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("TODAY is a date")
}

/// The repository's root: where okr runs unless a test says otherwise, so
/// the relative paths a test passes (`examples/acme`, `tests/cli/findings`)
/// are the ones okr prints and the snapshots hold.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder or file under tests/: `fixture("rules/O014/fail")`.
pub fn fixture(path: &str) -> PathBuf {
    root().join("tests").join(path)
}

/// examples/acme, the example organization most tests read.
pub fn acme() -> PathBuf {
    root().join("examples/acme")
}

/// A fresh copy of `from` in a temporary folder, for tests that write.
pub fn copy_of(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(from, dir.path());
    dir
}

/// Copies the folder `from` into `to`, which is created if need be. Links
/// are followed: a copy holds files and folders only.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    let entries = fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        }
    }
}

/// Writes `contents` to `path` below `root`, creating its folders.
pub fn write(root: &Path, path: &str, contents: impl AsRef<[u8]>) {
    let path = root.join(path);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    fs::write(&path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// What no output may show raw: control characters, the directional
/// formatting characters, and the invisible ones (zero-width characters,
/// the byte order mark, line and paragraph separators, tag characters).
/// The tests' own list, not okr's `is_hidden`, so that one can be checked.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Text holding every kind of character an output must not show raw (C1
/// controls, ESC, DEL, direction, line separators, zero-width, tag and BOM).
pub const INVISIBLE: &str = "a\u{9b}2J\u{85}\u{7f}\u{1b}b\u{202E}c\u{2028}d\u{2029}e\u{200B}f\u{2066}g\u{E0041}h\u{061C}i\u{FEFF}j";

/// `text` as the inside of a double-quoted YAML string, every character but
/// ASCII letters and digits written as a `\U` escape.
pub fn yaml_escaped(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("\\U{:08X}", u32::from(c))
            }
        })
        .collect()
}
