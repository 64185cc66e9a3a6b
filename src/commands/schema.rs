//! `okr schema`: the JSON Schemas of the three file kinds, printed or written
//! where editors find them.

use std::path::{Path, PathBuf};

use super::{print, say};
use crate::Error;
use crate::cli::{Global, SchemaArgs, SchemaKind};
use crate::input::schema::{self, Kind};

pub(crate) fn run(args: &SchemaArgs, global: &Global) -> Result<u8, Error> {
    if let Some(dir) = &args.write {
        for path in write_all(dir)? {
            say(
                global,
                &format!("wrote {}", crate::input::find::display(&path)),
            )?;
        }
        return Ok(0);
    }
    let kind = match args.kind {
        Some(SchemaKind::Strategy) | None => Kind::Strategy,
        Some(SchemaKind::Quarter) => Kind::Quarter,
        Some(SchemaKind::Config) => Kind::Config,
    };
    print(&schema::json(kind))?;
    Ok(0)
}

/// Writes all three schemas into `dir` (created if missing); returns the paths written.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    Kind::ALL
        .iter()
        .map(|&kind| {
            let path = dir.join(kind.file_name());
            crate::edit::write::create(&path, schema::json(kind).as_bytes(), true)?;
            Ok(path)
        })
        .collect()
}
