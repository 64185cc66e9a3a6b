//! `okr init` and `okr new`: the files okr creates. Every file is checked
//! before anything is written, written atomically through `write`, and never
//! over a file the user wrote unless they asked with `--force`. Each one
//! starts with a `# yaml-language-server: $schema=...` line so editors
//! validate it against the schemas `okr init` writes.

mod carry;
mod new;
mod place;
mod summary;

pub(crate) use new::{NewOptions, new_quarter};

use chrono::NaiveDate;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::edit::write;
use crate::input::config::Settings;
use crate::input::schema::{self, Kind};
use crate::model::quarter::Quarter;
use crate::render::text::terminal;

const OKR_TEMPLATE: &str = include_str!("okr.yaml");
const STRATEGY_TEMPLATE: &str = include_str!("strategy.yaml");
const COMPANY_TEMPLATE: &str = include_str!("company.yaml");

/// Why `okr init` or `okr new` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{} already exist{}; nothing was written (use --force to overwrite)", .0.join(", "), if .0.len() == 1 { "s" } else { "" })]
    Exists(Vec<String>),
    #[error("{0}; nothing was written")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "bug: okr generated a file its own loader rejects ({0}); nothing was written, please report this"
    )]
    Generated(String),
    #[error("cannot create the folder {0}: {1}")]
    Folder(String, #[source] io::Error),
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// Creates a starter goals repository in `dir`: okr.yaml, strategy.yaml,
/// the company's file for the quarter containing `today`, and the schemas.
/// Returns the files written, as paths under `dir`.
pub(crate) fn init(
    dir: &Path,
    force: bool,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let files = starter_files(today);
    refuse_conflicts(dir, &files, force)?;
    fs::create_dir_all(dir).map_err(|e| ScaffoldError::Folder(shown(dir, ""), e))?;
    for (rel, _) in &files {
        write::ensure_inside(dir, &dir.join(rel))?;
    }
    let mut written = Vec::new();
    for (rel, text) in &files {
        write::create(&dir.join(rel), text.as_bytes(), force)?;
        written.push(display_path(dir, rel));
    }
    Ok(written)
}

/// Every file of a starter repository, by path relative to it.
fn starter_files(today: NaiveDate) -> Vec<(String, String)> {
    let fiscal_start = Settings::default().fiscal_year_start_month;
    let quarter = Quarter::containing(today, fiscal_start);
    let (year_start, _) = Quarter {
        year: quarter.year,
        number: 1,
    }
    .dates(fiscal_start);
    let (_, year_end) = Quarter {
        year: quarter.year,
        number: 4,
    }
    .dates(fiscal_start);
    let (start, end) = quarter.dates(fiscal_start);
    let company = format!("{quarter}.yaml");
    let mut files = vec![
        (
            "okr.yaml".to_owned(),
            with_modeline(Kind::Config, "okr.yaml", OKR_TEMPLATE),
        ),
        (
            "strategy.yaml".to_owned(),
            with_modeline(
                Kind::Strategy,
                "strategy.yaml",
                &STRATEGY_TEMPLATE
                    .replace("{PERIOD_START}", &year_start.to_string())
                    .replace("{PERIOD_END}", &year_end.to_string()),
            ),
        ),
        (
            company.clone(),
            with_modeline(
                Kind::Quarter,
                &company,
                &COMPANY_TEMPLATE
                    .replace("{QUARTER}", &quarter.to_string())
                    .replace("{START}", &start.to_string())
                    .replace("{END}", &end.to_string()),
            ),
        ),
    ];
    for kind in Kind::ALL {
        files.push((
            format!("{}/{}", schema::DIR, kind.file_name()),
            schema::json(kind),
        ));
    }
    files
}

fn with_modeline(kind: Kind, rel: &str, body: &str) -> String {
    format!("{}{body}", schema::modeline(kind, Path::new(rel)))
}

/// Refuses, before anything is written, when a target exists (unless
/// `force`), is not a regular file (even with `force`: okr never writes
/// through a link), or has a `.yml` twin that okr would read beside it.
fn refuse_conflicts(
    dir: &Path,
    files: &[(String, String)],
    force: bool,
) -> Result<(), ScaffoldError> {
    let mut existing = Vec::new();
    let mut conflicts = Vec::new();
    for (rel, _) in files {
        let path = dir.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(meta) if !meta.file_type().is_file() => conflicts.push(format!(
                "{} is a symbolic link or not a regular file, which okr never writes",
                shown(dir, rel)
            )),
            Ok(_) => existing.push(shown(dir, rel)),
            Err(_) => {}
        }
        if let Some(stem) = rel.strip_suffix(".yaml") {
            let twin = format!("{stem}.yml");
            if fs::symlink_metadata(dir.join(&twin)).is_ok() {
                conflicts.push(format!(
                    "{} exists and would clash with {}: merge it into {} or remove it first",
                    shown(dir, &twin),
                    shown(dir, rel),
                    shown(dir, rel)
                ));
            }
        }
    }
    if !conflicts.is_empty() {
        return Err(ScaffoldError::Conflict(conflicts.join("; ")));
    }
    if !existing.is_empty() && !force {
        return Err(ScaffoldError::Exists(existing));
    }
    Ok(())
}

/// `rel` (`/`-separated) under the goals folder as the user gave it:
/// `goals/platform/2027-Q1.yaml`, or `platform/2027-Q1.yaml` for `.`.
fn display_path(root: &Path, rel: &str) -> PathBuf {
    if rel.is_empty() {
        root.to_path_buf()
    } else if root == Path::new(".") {
        PathBuf::from(rel)
    } else {
        root.join(rel)
    }
}

/// [`display_path`] as text safe for a terminal.
fn shown(root: &Path, rel: &str) -> String {
    terminal(&crate::input::find::display(&display_path(root, rel)))
}
