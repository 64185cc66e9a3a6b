//! okr: goals as code. Finds a goals repository, loads it with locations,
//! models it, checks the OKR and Balanced Scorecard rules and renders findings.
//!
//! Data flows one way: `find` -> `load` (via `yaml`, `raw`, `build`) ->
//! `model` -> `rules` -> `render`. `check` ties the stages together.

pub mod build;
pub mod check;
pub mod checkin;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod eval;
pub mod find;
pub mod git;
pub mod load;
pub mod map;
pub mod model;
pub mod quarter;
pub mod raw;
pub mod render;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod score;
pub mod sources;
pub mod span;
pub mod suggest;
pub mod write;
pub mod yaml;
