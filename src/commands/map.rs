//! `okr map`: the strategy map of strategy.yaml at the as-of date, with a
//! quarter's OKRs under the objectives they support if asked.

use std::io::Write as _;

use super::{goals_root, load_trusted, print, shown, today, verbose, write_output};
use crate::Error;
use crate::cli::{Global, MapArgs};
use crate::render::text::terminal;

pub(crate) fn run(args: &MapArgs, global: &Global) -> Result<u8, Error> {
    let started = std::time::Instant::now();
    let root = goals_root(&args.path);
    let Some(loaded) = load_trusted(&root, &|_, _| None)? else {
        return Ok(2);
    };
    let folder = shown(&root);
    if loaded.repository.strategy.is_none() {
        let skipped = crate::eval::report::skipped(&loaded.repository, &loaded.diagnostics);
        let unreadable = skipped
            .iter()
            .find(|s| s.path.ends_with("strategy.yaml") || s.path.ends_with("strategy.yml"));
        return Err(Error::Usage(match unreadable {
            Some(s) => format!(
                "{}: {}; `okr check {folder}` says more",
                terminal(&s.path),
                terminal(&s.reason)
            ),
            None => format!(
                "no strategy.yaml in {folder}: the strategy map is drawn from its objectives and `contributes_to` links (`okr init` writes an example)"
            ),
        }));
    }
    let eval = crate::eval::evaluate(&loaded.repository, today(global));
    if let Some(quarter) = args.okrs
        && eval.quarter(quarter).is_none()
    {
        let present: Vec<String> = eval
            .quarters
            .iter()
            .map(|q| q.quarter.to_string())
            .collect();
        let present = if present.is_empty() {
            "none".to_owned()
        } else {
            present.join(", ")
        };
        return Err(Error::Usage(format!(
            "no quarter file for {quarter}; present: {present}"
        )));
    }
    // The picture has no room for a notice: a quarter file of the OKRs
    // drawn that could not be read is named on stderr.
    if let Some(quarter) = args.okrs {
        let skipped = crate::eval::report::skipped(&loaded.repository, &loaded.diagnostics);
        for s in skipped
            .iter()
            .filter(|s| s.quarter == Some(quarter.to_string()))
        {
            let _ = writeln!(std::io::stderr(), "okr: {}", s.map_notice(terminal));
        }
    }
    let Some(map) = crate::eval::map::build(&eval, args.okrs) else {
        return Err(Error::Usage(format!(
            "{folder} has no Balanced Scorecard to draw"
        )));
    };
    let text = crate::render::map::render(args.format, &map);
    verbose(
        global,
        &format!(
            "read {} files, drew {} objectives and {} links as of {}, in {} ms",
            loaded.files,
            map.nodes.len(),
            map.edges.len(),
            map.as_of,
            started.elapsed().as_millis()
        ),
    );
    match &args.output {
        Some(path) => write_output(&args.path, path, &text, global)?,
        None => print(&text)?,
    }
    Ok(0)
}
