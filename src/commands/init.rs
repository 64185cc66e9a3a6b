//! `okr init`: a starter goals repository, and what to do next.

use super::{say, shown, today};
use crate::Error;
use crate::cli::{Global, InitArgs};

pub(crate) fn run(args: &InitArgs, global: &Global) -> Result<u8, Error> {
    let written = crate::edit::scaffold::init(&args.dir, args.force, today(global))?;
    for path in &written {
        say(global, &format!("created {}", shown(path)))?;
    }
    say(
        global,
        &format!(
            "next: replace the examples (every title starting with \"Example:\"), then run `okr check {}`",
            shown(&args.dir)
        ),
    )?;
    Ok(0)
}
