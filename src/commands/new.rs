//! `okr new`: a team's quarter file, optionally carried from an earlier quarter.

use super::{goals_root, say, today};
use crate::Error;
use crate::cli::{Global, NewArgs};
use crate::edit::scaffold::{NewOptions, new_quarter};

pub(crate) fn run(args: &NewArgs, global: &Global) -> Result<u8, Error> {
    let options = NewOptions {
        root: goals_root(&args.path),
        quarter: args.quarter,
        team: args.team.clone(),
        from: args.from,
        force: args.force,
        today: today(global),
    };
    let created = new_quarter(&options)?;
    say(global, &created.summary())?;
    Ok(0)
}
