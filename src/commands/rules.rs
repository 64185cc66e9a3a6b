//! `okr rules`: the rule table, one rule explained, or docs/rules.md.

use super::print;
use crate::Error;
use crate::cli::RulesArgs;
use crate::render::rules;

pub(crate) fn run(args: &RulesArgs) -> Result<u8, Error> {
    if args.markdown {
        print(&rules::markdown())?;
        return Ok(0);
    }
    let Some(wanted) = &args.rule else {
        print(&rules::list())?;
        return Ok(0);
    };
    match crate::rules::Code::parse(wanted) {
        Some(code) => {
            print(&rules::explain(code.rule()))?;
            Ok(0)
        }
        None => Err(Error::Usage(format!(
            "no rule `{wanted}`; `okr rules` lists them all"
        ))),
    }
}
