//! Changing goal files: `okr checkin`'s surgical edits, `okr init` and
//! `okr new`'s scaffolding, the YAML emitter they write values with, and the
//! atomic writer every file okr writes goes through. An edit never rewrites
//! what it does not change.

pub mod checkin;
pub mod emit;
pub(crate) mod scaffold;
pub(crate) mod write;
