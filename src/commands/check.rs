//! `okr check`: load, evaluate at the as-of date, run the rules with the
//! configured severities, and print the findings in the chosen format.

use chrono::NaiveDate;
use std::path::Path;

use super::{Output, today, verbose};
use crate::Error;
use crate::cli::{CheckArgs, Global};
use crate::diagnostic::{Diagnostic, Findings};
use crate::input::find::display_prefix;
use crate::input::load::{self, LoadError};
use crate::render::{self, CheckFormat};
use crate::rules;

/// Checks the goals repository at `root`. Paths in the findings are `root`
/// joined with each file's place in the repository, as a user would type them.
pub fn check(root: &Path, as_of: NaiveDate) -> Result<Findings, LoadError> {
    let loaded = load::load(root)?;
    let prefix = display_prefix(root);
    let eval = crate::eval::evaluate(&loaded.repository, as_of);
    let kept: Vec<Diagnostic> = rules::findings(&loaded, &eval)
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
    Ok(Findings {
        diagnostics: kept,
        sources,
        files: loaded.files,
        config_invalid: loaded.config_invalid,
    })
}

pub(crate) fn run(args: &CheckArgs, global: &Global) -> Result<u8, Error> {
    let started = std::time::Instant::now();
    let findings = check(&args.path, today(global))?;
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
