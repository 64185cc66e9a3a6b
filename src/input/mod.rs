//! The input stage: finding a goals repository's files, reading them, parsing
//! YAML with locations into the raw tree, validating okr.yaml, and building
//! the model. Nothing here scores or judges goals beyond what reading them
//! needs (the loading findings, L001-L0xx); later stages never read text.

pub(crate) mod build;
pub mod config;
pub mod find;
pub(crate) mod git;
pub mod load;
pub(crate) mod names;
pub(crate) mod raw;
pub(crate) mod read;
pub(crate) mod root;
pub mod schema;
pub mod sources;
pub(crate) mod tree;
pub(crate) mod yaml;
