//! `okr completions` and `okr man`: shell completions and man pages from the
//! command-line definition.

use clap::CommandFactory;

use super::{print, say};
use crate::Error;
use crate::cli::{Cli, CompletionsArgs, Global, ManArgs};

pub(crate) fn completions(args: &CompletionsArgs) -> Result<u8, Error> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "okr", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(0)
}

pub(crate) fn man(args: &ManArgs, global: &Global) -> Result<u8, Error> {
    let command = Cli::command();
    match &args.out_dir {
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(command).render(&mut out)?;
            print(&String::from_utf8_lossy(&out))?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            clap_mangen::generate_to(command, dir)?;
            say(
                global,
                &format!("wrote man pages into {}", crate::input::find::display(dir)),
            )?;
        }
    }
    Ok(0)
}
