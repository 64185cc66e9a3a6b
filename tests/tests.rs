//! okr's integration tests, built as one binary as in ripgrep and just
//! (`autotests = false` and one `[[test]]` in Cargo.toml): one link instead
//! of one a file, and one harness, `util`, that every module runs okr
//! through. A module tests one area of the command line; the fixtures it
//! reads sit beside it in the folder of the same name (tests/cli/,
//! tests/hostile/, tests/map/, tests/rules/, tests/schema/), and its
//! snapshots in tests/snapshots/ as `tests__<module>__<name>.snap`.
//!
//! `cargo test --test tests report::` runs one module's tests.

// A test that cannot set up its files should fail loudly: Cargo.toml's lint
// against `unwrap` is for user input, and tests write their own.
#![allow(clippy::unwrap_used)]

mod util;

mod action;
mod checkin;
mod cli;
mod consistency;
mod diff;
mod dropped;
mod grades;
mod hostile;
mod html;
mod map;
mod paths;
mod readme;
mod report;
mod roots;
mod rules;
mod scaffold;
mod schema;
mod scorecard;
mod scoring;
mod shell;
mod teams;
