//! `okr check`: load, evaluate at the as-of date, run the rules with the
//! configured severities, and print the findings in the chosen format.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use super::{Output, today, verbose};
use crate::Error;
use crate::cli::{CheckArgs, Global};
use crate::diagnostic::{Diagnostic, Findings};
use crate::input::find::display_prefix;
use crate::input::load::{self, LoadError, Loaded};
use crate::input::root::{self, Located};
use crate::render::{self, CheckFormat};
use crate::rules;

/// How the findings name files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paths {
    /// As a user would type them here: the folder given, joined with each
    /// file's place in it (`goals/platform/2026-Q4.yaml`, `../okr.yaml`).
    Typed,
    /// Relative to the git work tree's top (else the current folder), as
    /// pull request annotations and code scanning place them.
    Repository,
}

/// Checks the goals repository `path` lies in. Paths in the findings are
/// `path` joined with each file's place in it, as a user would type them.
pub fn check(path: &Path, as_of: NaiveDate) -> Result<Findings, LoadError> {
    check_with(path, as_of, Paths::Typed).map(|checked| checked.findings)
}

/// A check's findings and how many goals files it checked.
pub(crate) struct Checked {
    pub findings: Findings,
    /// strategy.yaml and quarter files in the folder checked: none is a
    /// run that could not do its job.
    pub goals_files: usize,
}

/// Checks the whole repository `path` lies in (its root, see
/// `input::root`), and keeps the findings in the files under `path`.
pub(crate) fn check_with(
    path: &Path,
    as_of: NaiveDate,
    paths: Paths,
) -> Result<Checked, LoadError> {
    // One file (as a pre-commit hook or an editor passes it) is checked
    // against its whole repository, like a folder, and keeps its findings.
    let (folder, file) = match path.file_name() {
        Some(name) if path.is_file() => (
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            Some(name.to_string_lossy().into_owned()),
        ),
        _ => (path.to_path_buf(), None),
    };
    let located = root::locate(&folder);
    let only = file.map(|name| {
        if located.below.is_empty() {
            name
        } else {
            format!("{}/{name}", located.below)
        }
    });
    let inside = |rel: &str| match &only {
        Some(file) => rel == file,
        None => located.contains(rel),
    };
    let loaded = load::load(&located.root)?;
    let eval = crate::eval::evaluate(&loaded.repository, as_of);
    let goals_files = goals_files(&loaded, &located, &inside, only.is_some());
    let namer = Namer::new(&folder, &located, paths);
    // Settings okr cannot trust concern every folder: their findings always show.
    let kept: Vec<Diagnostic> = rules::findings(&loaded, &eval)
        .into_iter()
        .filter(|d| loaded.config_invalid || inside(&d.path))
        .map(|mut d| {
            d.path = namer.name(&d.path);
            d
        })
        .collect();
    let files = if located.below.is_empty() && only.is_none() {
        loaded.files
    } else {
        goals_files
    };
    let sources = loaded.repository.sources.renamed(|rel| namer.name(&rel));
    Ok(Checked {
        findings: Findings {
            diagnostics: kept,
            sources,
            files,
            config_invalid: loaded.config_invalid,
            base: namer.base,
        },
        goals_files,
    })
}

/// strategy.yaml (at the root) and the quarter files under the folder
/// checked (`inside`), or the one file checked.
fn goals_files(
    loaded: &Loaded,
    located: &Located,
    inside: &dyn Fn(&str) -> bool,
    one_file: bool,
) -> usize {
    let repository = &loaded.repository;
    let quarters = repository
        .quarters
        .iter()
        .map(|q| q.path.as_str())
        .chain(repository.unloaded.iter().map(|u| u.path.as_str()))
        .filter(|path| inside(path))
        .count();
    let strategy_checked = if one_file {
        inside("strategy.yaml") || inside("strategy.yml")
    } else {
        located.below.is_empty()
    };
    let strategy = strategy_checked
        && (repository.strategy.is_some()
            || loaded.diagnostics.iter().any(|d| {
                d.code.is_loading() && (d.path == "strategy.yaml" || d.path == "strategy.yml")
            }));
    quarters + usize::from(strategy)
}

/// How a check names files (given relative to the root): the files in the
/// folder checked after one prefix, the rest of the repository after another.
struct Namer {
    /// The folder checked, relative to the root, ending in `/`; empty for the root.
    below: String,
    inside: String,
    outside: String,
    /// The absolute folder names are relative to, when they are for a machine.
    base: Option<PathBuf>,
}

impl Namer {
    fn new(path: &Path, located: &Located, paths: Paths) -> Namer {
        if paths == Paths::Repository
            && let Some((prefix, base)) = repository_prefix(&located.root)
        {
            return Namer {
                below: String::new(),
                inside: prefix.clone(),
                outside: prefix,
                base: Some(base),
            };
        }
        Namer {
            below: if located.below.is_empty() {
                String::new()
            } else {
                format!("{}/", located.below)
            },
            inside: display_prefix(path),
            outside: display_prefix(&located.root),
            base: None,
        }
    }

    fn name(&self, rel: &str) -> String {
        match rel.strip_prefix(self.below.as_str()) {
            Some(rest) => format!("{}{rest}", self.inside),
            None => format!("{}{rel}", self.outside),
        }
    }
}

/// The goals root's place relative to the git work tree's top, else to the
/// current folder, else to itself (a folder outside both), as a prefix
/// ending in `/`; and that folder, absolute.
fn repository_prefix(goals: &Path) -> Option<(String, PathBuf)> {
    let real = goals.canonicalize().ok()?;
    let top = crate::input::git::Repo::discover(&real)
        .ok()
        .and_then(|repo| repo.root.canonicalize().ok())
        .or_else(|| std::env::current_dir().ok()?.canonicalize().ok())
        .filter(|base| real.starts_with(base))
        .unwrap_or_else(|| real.clone());
    let inside = real.strip_prefix(&top).ok()?;
    let prefix: String = inside
        .components()
        .map(|c| format!("{}/", c.as_os_str().to_string_lossy()))
        .collect();
    Some((prefix, top))
}

pub(crate) fn run(args: &CheckArgs, global: &Global) -> Result<u8, Error> {
    let started = std::time::Instant::now();
    let paths = match args.format {
        CheckFormat::Github | CheckFormat::Sarif => Paths::Repository,
        CheckFormat::Human | CheckFormat::Json => Paths::Typed,
    };
    let Checked {
        findings,
        goals_files,
    } = check_with(&args.path, today(global), paths)?;
    if global.verbose {
        for path in findings.sources.paths() {
            verbose(global, &format!("read {path}"));
        }
        verbose(
            global,
            &format!("checked in {} ms", started.elapsed().as_millis()),
        );
    }
    let human = args.format == CheckFormat::Human;
    let text = if human && global.quiet {
        render::human(&findings, global.color.styles(), false)
    } else {
        render::render(args.format, &findings, human && global.color.styles())
    };
    let output = if human {
        Output::Styled(global.color)
    } else {
        Output::Plain
    };
    // A reader that stops early (`| head`) still gets the exit code of the check.
    output.print_or_closed(&text)?;
    if goals_files == 0 && !findings.config_invalid {
        // Findings alone (misnamed files, another goals folder below) are
        // not a check of any goals: the run could not do its job.
        super::say_no_goals_file(&args.path, !findings.diagnostics.is_empty());
        return Ok(2);
    }
    Ok(exit_code(&findings, args.deny_warnings))
}

/// 2 when okr.yaml is invalid (okr could not do its job), 1 on errors (or
/// warnings with `--deny-warnings`), else 0.
fn exit_code(findings: &Findings, deny_warnings: bool) -> u8 {
    let counts = findings.counts();
    if findings.config_invalid {
        2
    } else if counts.errors > 0 || (deny_warnings && counts.warnings > 0) {
        1
    } else {
        0
    }
}
