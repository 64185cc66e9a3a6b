//! `okr checkin`: record progress on one key result; a check-in that would
//! add findings is refused with them, on stderr, and exit code 1.

use std::io::{self, Write};

use super::{goals_root, say, today};
use crate::Error;
use crate::cli::{CheckinArgs, Global};
use crate::edit::checkin::{self, Outcome, Request};

pub(crate) fn run(args: &CheckinArgs, global: &Global) -> Result<u8, Error> {
    let request = Request {
        root: goals_root(&args.path),
        reference: args.reference.clone(),
        value: args.value.clone(),
        score: args.score.clone(),
        done: args.done,
        confidence: args.confidence.clone(),
        note: args.note.clone(),
        date: args.date,
        quarter: args.quarter,
        today: today(global),
    };
    match checkin::run(&request)? {
        Outcome::Written(written) => {
            say(global, &written.summary())?;
            if global.verbose {
                let _ = write!(io::stderr(), "{}", written.patch());
            }
            if let Some(text) = written.warnings.render_warnings(global.color.styles()) {
                let mut err = anstream::AutoStream::new(io::stderr().lock(), global.color.stream());
                let _ = err.write_all(text.as_bytes());
            }
            Ok(0)
        }
        Outcome::Unchanged(message) => {
            say(global, &message)?;
            Ok(0)
        }
        Outcome::Refused(refusal) => {
            let text = refusal.render(global.color.styles());
            let mut err = anstream::AutoStream::new(io::stderr().lock(), global.color.stream());
            let _ = err.write_all(text.as_bytes());
            Ok(1)
        }
    }
}
