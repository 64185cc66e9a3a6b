//! `okr diff`: evaluate the goals at two revisions and render what changed,
//! with `--fail-on` gates for CI.

use chrono::Local;

use super::{goals_root, print, verbose};
use crate::Error;
use crate::cli::{DiffArgs, FailOn, Global};

pub(crate) fn run(args: &DiffArgs, global: &Global) -> Result<u8, Error> {
    // The goals folder in each revision is the root's place in the work tree.
    let dir = match &args.path {
        Some(p) => goals_root(p),
        None => goals_root(&std::env::current_dir()?),
    };
    let started = std::time::Instant::now();
    let diff = crate::diff::between(
        &dir,
        args.base.as_deref(),
        args.head.as_deref(),
        global.as_of,
        Local::now().date_naive(),
    )?;
    verbose(
        global,
        &format!("compared in {} ms", started.elapsed().as_millis()),
    );
    print(&crate::render::diff::render(args.format, &diff))?;
    let goalpost = args.fail_on.contains(&FailOn::Goalpost) && diff.summary.goalposts_moved > 0;
    let errors = args.fail_on.contains(&FailOn::NewErrors) && diff.summary.introduced_errors > 0;
    Ok(if goalpost || errors { 1 } else { 0 })
}
