//! okr's integration tests, built as one binary as in ripgrep and just
//! (`autotests = false` and one `[[test]]` in Cargo.toml): one link instead
//! of one a file. A module tests one area of the command line; the fixtures
//! it reads sit beside it in the folder of the same name (tests/cli/,
//! tests/hostile/, tests/map/, tests/rules/, tests/schema/), and its
//! snapshots in tests/snapshots/ as `tests__<module>__<name>.snap`.
//!
//! `cargo test --test tests report::` runs one module's tests.

mod checkin;
mod cli;
mod diff;
mod hostile;
mod html;
mod map;
mod readme;
mod report;
mod rules;
mod scaffold;
mod schema;
mod scoring;
mod shell;
