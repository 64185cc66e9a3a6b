//! Reading a goals repository: settings first (they set the file size and
//! YAML limits), then strategy.yaml and every quarter file, each on its own.
//! A file that cannot be read or parsed becomes one finding; the others
//! still load.

use rayon::prelude::*;
use std::fs;
use std::io::Read;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::input::build::Builder;
use crate::input::config::Settings;
use crate::input::find::{self, QuarterPath};
use crate::input::raw;
use crate::input::read;
use crate::input::sources::Compressed;
use crate::input::yaml;
use crate::model::quarter::Quarter;
use crate::model::span::{Lines, Span};
use crate::model::{QuarterFile, Repository, Strategy, Unloaded};
use crate::rules::Code;

/// Why okr could not load a repository at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("`{0}` does not exist")]
    Missing(String),
    #[error("cannot read `{0}`: {1}")]
    Unreadable(String, std::io::Error),
    #[error(
        "no goals files in `{0}`: okr looks for okr.yaml, strategy.yaml and YYYY-QN.yaml quarter files"
    )]
    Empty(String),
    #[error("`{0}` is not a directory")]
    NotADirectory(String),
}

/// A loaded repository and what loading found wrong with it.
#[derive(Debug)]
pub struct Loaded {
    pub repository: Repository,
    pub diagnostics: Vec<Diagnostic>,
    /// okr.yaml exists but is invalid: its findings are the only trustworthy output.
    pub config_invalid: bool,
    /// Files that were read (okr.yaml, strategy.yaml and quarter files).
    pub files: usize,
}

/// Finds and loads every goals file under `root`.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_only(root, &|_, _| None)
}

/// Which quarters to read, chosen once okr.yaml is read, from its settings
/// and the quarters that the quarter files' names give (sorted, once each);
/// `None` reads them all. strategy.yaml and okr.yaml are always read.
pub(crate) type Selector<'a> = dyn Fn(&Settings, &[Quarter]) -> Option<Vec<Quarter>> + 'a;

/// Loads the goals folder at `root`, reading only the quarter files of the
/// quarters `select` keeps (`okr report` shows one quarter of many).
pub(crate) fn load_only(root: &Path, select: &Selector<'_>) -> Result<Loaded, LoadError> {
    match fs::metadata(root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::Missing(root.display().to_string()));
        }
        Err(e) => return Err(LoadError::Unreadable(root.display().to_string(), e)),
        Ok(m) if !m.is_dir() => return Err(LoadError::NotADirectory(root.display().to_string())),
        Ok(_) => {}
    }
    let found = find::find(root);
    if found.is_empty() {
        return Err(LoadError::Empty(root.display().to_string()));
    }
    Ok(load_found_only(found, &read, select))
}

/// Reads a file's text within the size limit, or says why not (an L004).
/// Files are read in parallel, so a reader must be shareable between threads.
pub(crate) type Reader<'a> =
    dyn Fn(&Path, &str, u64) -> Result<String, Box<Diagnostic>> + Sync + 'a;

/// Loads what `find` found, reading each file with `read` (the disk, or a
/// git revision's blobs).
pub(crate) fn load_found(found: find::Found, read: &Reader<'_>) -> Loaded {
    load_found_only(found, read, &|_, _| None)
}

fn load_found_only(mut found: find::Found, read: &Reader<'_>, select: &Selector<'_>) -> Loaded {
    let mut repository = Repository::default();
    let mut diagnostics = found.diagnostics;
    let mut files = 0;
    let mut config_invalid = found.config_unusable;

    if let Some((path, rel)) = &found.config {
        files += 1;
        match read(path, rel, repository.settings.max_file_bytes) {
            Ok(text) => {
                let (settings, findings) = Settings::load(rel, &text);
                config_invalid = !findings.is_empty();
                repository.settings = settings;
                diagnostics.extend(findings);
                repository.sources.insert(rel.clone(), &text);
            }
            Err(d) => {
                config_invalid = true;
                diagnostics.push(*d);
            }
        }
    }
    // Named for a period: the hint says which quarter, by okr.yaml's fiscal year.
    diagnostics.extend(
        found
            .misnamed
            .iter()
            .map(|m| m.diagnostic(&repository.settings)),
    );
    if config_invalid {
        return Loaded {
            repository,
            diagnostics,
            config_invalid,
            files,
        };
    }
    let mut present: Vec<Quarter> = found.quarter_files.iter().map(|f| f.quarter).collect();
    present.sort();
    present.dedup();
    if let Some(keep) = select(&repository.settings, &present) {
        found.quarter_files.retain(|f| keep.contains(&f.quarter));
    }
    let max = repository.settings.max_file_bytes;
    let limits = repository.settings.yaml_limits;
    // strategy.yaml and the quarter files are independent: read and parse
    // them on every core, then merge in path order, so the result is the
    // same with any number of threads.
    let strategy = |(path, rel): &(std::path::PathBuf, String)| match read(path, rel, max) {
        Ok(text) => {
            let (strategy, findings) = load_strategy_within(rel, &text, &limits);
            (Some(Compressed::new(&text)), strategy, findings)
        }
        Err(d) => (None, None, vec![*d]),
    };
    let (strategy, parsed) = rayon::join(
        || found.strategy.as_ref().map(strategy),
        || -> Vec<_> {
            found
                .quarter_files
                .par_iter()
                .map(|file| match read(&file.path, &file.rel, max) {
                    Ok(text) => {
                        let (quarter, findings) = load_quarter_within(file, &text, &limits);
                        // Compressed here, on the thread that read it; the
                        // text itself is dropped before the next file.
                        (Some(Compressed::new(&text)), quarter, findings)
                    }
                    Err(d) => (None, None, vec![*d]),
                })
                .collect()
        },
    );
    if let (Some((_, rel)), Some((text, model, findings))) = (&found.strategy, strategy) {
        files += 1;
        repository.strategy = model;
        diagnostics.extend(findings);
        if let Some(text) = text {
            repository.sources.insert_compressed(rel.clone(), text);
        }
    }
    for (file, (text, quarter, findings)) in found.quarter_files.iter().zip(parsed) {
        files += 1;
        diagnostics.extend(findings);
        if let Some(text) = text {
            repository.sources.insert_compressed(file.rel.clone(), text);
        }
        match quarter {
            Some(quarter) => repository.quarters.push(quarter),
            None => repository.unloaded.push(Unloaded {
                path: file.rel.clone(),
                quarter: file.quarter,
                team: file.folder_team.clone(),
            }),
        }
    }
    Loaded {
        repository,
        diagnostics,
        config_invalid,
        files,
    }
}

/// Parses and builds strategy.yaml within okr.yaml's YAML limits.
pub fn load_strategy_within(
    rel: &str,
    text: &str,
    limits: &yaml::ParserLimits,
) -> (Option<Strategy>, Vec<Diagnostic>) {
    let (strategy, mut diagnostics) = match read::read_file::<raw::Strategy>(rel, text, limits) {
        Ok((raw, mut diagnostics)) => {
            let mut builder = Builder::new(rel, text);
            let strategy = builder.strategy(raw);
            diagnostics.extend(builder.diagnostics);
            (Some(strategy), diagnostics)
        }
        Err(d) => (None, vec![d]),
    };
    locate(&mut diagnostics, text);
    (strategy, diagnostics)
}

/// Sets the line and column of one file's findings.
fn locate(diagnostics: &mut [Diagnostic], text: &str) {
    if !diagnostics.is_empty() {
        let lines = Lines::new(text);
        diagnostics.iter_mut().for_each(|d| d.locate(&lines));
    }
}

/// A file's UTF-8 byte order mark (empty when there is none) and the rest:
/// the loader reads the rest as text, and the check-in editor writes the
/// mark back.
pub(crate) fn split_bom(bytes: &[u8]) -> (&'static [u8], &[u8]) {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => (b"", bytes),
    }
}

/// Parses and builds one quarter file within the default YAML limits.
pub fn load_quarter(file: &QuarterPath, text: &str) -> (Option<QuarterFile>, Vec<Diagnostic>) {
    load_quarter_within(file, text, &yaml::ParserLimits::DEFAULT)
}

/// Parses and builds one quarter file within okr.yaml's YAML limits.
pub fn load_quarter_within(
    file: &QuarterPath,
    text: &str,
    limits: &yaml::ParserLimits,
) -> (Option<QuarterFile>, Vec<Diagnostic>) {
    let (quarter, mut diagnostics) =
        match read::read_file::<raw::QuarterFile>(&file.rel, text, limits) {
            Ok((raw, mut diagnostics)) => {
                let mut builder = Builder::new(&file.rel, text);
                let quarter = builder.quarter_file(raw, file.quarter, &file.folder_team);
                diagnostics.extend(builder.diagnostics);
                (Some(quarter), diagnostics)
            }
            Err(d) => (None, vec![d]),
        };
    locate(&mut diagnostics, text);
    (quarter, diagnostics)
}

/// Reads a file as UTF-8 text within the size limit, or explains why not (L004).
pub(crate) fn read(path: &Path, rel: &str, max_bytes: u64) -> Result<String, Box<Diagnostic>> {
    let unreadable = |message: String, hint: &str| {
        Box::new(Diagnostic::new(Code::L004, rel, Span::FILE, message).hint(hint))
    };
    let file = fs::File::open(path).map_err(|e| {
        unreadable(
            format!("cannot read `{rel}`: {e}"),
            "check that the file exists and is readable",
        )
    })?;
    let mut bytes = Vec::new();
    // Read one byte past the limit, so a file that grows while we read is still caught.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| {
            unreadable(
                format!("cannot read `{rel}`: {e}"),
                "check that the file is readable",
            )
        })?;
    decode(rel, &bytes, max_bytes)
}

/// A file's bytes as text: within the size limit, not UTF-16, valid UTF-8
/// (a UTF-8 byte order mark is dropped). Otherwise an L004.
pub fn decode(rel: &str, bytes: &[u8], max_bytes: u64) -> Result<String, Box<Diagnostic>> {
    let unreadable = |message: String, hint: &str| {
        Box::new(Diagnostic::new(Code::L004, rel, Span::FILE, message).hint(hint))
    };
    if bytes.len() as u64 > max_bytes {
        return Err(unreadable(
            format!("`{rel}` is larger than the limit of {max_bytes} bytes"),
            "split the file, or raise `max_file_bytes` in okr.yaml",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(unreadable(
            format!("`{rel}` is UTF-16, not UTF-8"),
            "save the file as UTF-8",
        ));
    }
    let (mark, body) = split_bom(bytes);
    let bom = mark.len();
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            // The valid prefix is text, so the bad byte's line and column can be counted.
            let valid = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default();
            let span = Span::new(valid, valid.len(), valid.len());
            let mut d = Box::new(
                Diagnostic::new(
                    Code::L004,
                    rel,
                    span,
                    format!(
                        "`{rel}` is not valid UTF-8 (byte {} is not part of a UTF-8 character)",
                        bom + e.valid_up_to()
                    ),
                )
                .hint("save the file as UTF-8; goals files are text"),
            );
            d.locate(&Lines::new(valid));
            Err(d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn invalid_utf8_after_lone_cr_line_breaks_is_located_as_yaml_counts_lines() {
        let d = decode("2026-Q3.yaml", b"a: 1\rb: 2\r\nc: \xff", 1024).expect_err("not UTF-8");
        assert_eq!((d.position.line, d.position.column), (3, 4));
    }
}
