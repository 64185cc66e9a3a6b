//! okr: goals as code.
//!
//! Data flows one way, and the folders follow it: `input` (find, read, YAML,
//! raw tree, okr.yaml, load) -> `model` -> `rules` (findings) and `eval` (the
//! state of the goals at a date, which the date rules, reports, maps and
//! diffs all read) -> `render`. `diff` compares two evaluations, `edit` writes
//! goal files, and `commands` wires the stages for each subcommand.
//! docs/architecture.md describes the stages.

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod eval;
pub mod input;
pub mod model;
pub mod render;
pub mod rules;

mod error;

pub use error::Error;
