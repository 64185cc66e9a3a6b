//! `okr check` as a library call: load, run the rules, apply the configured
//! severities, and sort. Rendering is left to `render`.

use chrono::NaiveDate;
use std::path::Path;

use crate::diagnostic::{Counts, Diagnostic, Severity};
use crate::load::{self, LoadError};
use crate::rules;

/// The result of checking a goals repository.
#[derive(Debug)]
pub struct Outcome {
    /// Findings with their configured severity, `off` ones removed, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// File text by displayed path, for source snippets.
    pub sources: crate::sources::Sources,
    /// How many goals files were read.
    pub files: usize,
    /// okr.yaml is invalid: okr could not do its job (exit code 2).
    pub config_invalid: bool,
}

impl Outcome {
    pub fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }
}

/// Checks the goals repository at `root`. Paths in the outcome are `root`
/// joined with each file's place in the repository, as a user would type them.
pub fn check(root: &Path, as_of: NaiveDate) -> Result<Outcome, LoadError> {
    let loaded = load::load(root)?;
    let prefix = display_prefix(root);
    let eval = crate::eval::evaluate(&loaded.repository, as_of);
    let kept: Vec<Diagnostic> = findings(&loaded, &eval)
        .into_iter()
        .map(|mut d| {
            d.path = format!("{prefix}{}", d.path);
            d
        })
        .collect();
    let sources = loaded
        .repository
        .sources
        .renamed(|rel| format!("{prefix}{rel}"));
    Ok(Outcome {
        diagnostics: kept,
        sources,
        files: loaded.files,
        config_invalid: loaded.config_invalid,
    })
}

/// Every finding of a loaded repository: loading findings, then the rules
/// over its evaluation (unless okr.yaml is invalid), with the configured
/// severities, `off` ones removed, sorted by path and position.
pub fn findings(loaded: &load::Loaded, eval: &crate::eval::Evaluation<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = loaded.diagnostics.clone();
    if !loaded.config_invalid {
        diagnostics.extend(rules::check(eval));
    }
    let settings = &loaded.repository.settings;
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            // An invalid okr.yaml is reported as written, whatever it says about severities.
            if !loaded.config_invalid {
                d.severity = settings.severity(d.code);
            }
            (d.severity != Severity::Off).then_some(d)
        })
        .collect();
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept.dedup();
    kept
}

/// `root` as a path prefix ending in `/`, empty for the current directory.
pub(crate) fn display_prefix(root: &Path) -> String {
    let text = root.to_string_lossy();
    let text = if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    };
    let trimmed = text.trim_end_matches('/');
    match trimmed {
        "" if text.starts_with('/') => "/".to_owned(),
        "" | "." => String::new(),
        t => format!("{}/", t.strip_prefix("./").unwrap_or(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::display_prefix;
    use std::path::Path;

    #[test]
    fn prefixes_read_like_typed_paths() {
        assert_eq!(display_prefix(Path::new(".")), "");
        assert_eq!(display_prefix(Path::new("goals")), "goals/");
        assert_eq!(display_prefix(Path::new("./goals/")), "goals/");
        assert_eq!(display_prefix(Path::new("/")), "/");
    }
}
