//! The parse floor of `okr check`, for scripts/bench.sh: find, read and
//! deserialize every goals file into okr's model exactly as `okr check`
//! does (same loader, same threads), then stop: no rules, no rendering.
//! `okr check` should cost at most 1.25x this (docs/performance.md).
//!
//!   cargo run --release --example parse_floor -- DIR [THREADS]

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: parse_floor DIR [THREADS]");
        return ExitCode::from(2);
    };
    if let Some(threads) = args.next().and_then(|t| t.parse().ok()) {
        // The same pool `okr --threads N` sets up.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    match okr::input::load::load(std::path::Path::new(&dir)) {
        Ok(loaded) => {
            println!(
                "loaded {} files ({} findings while loading)",
                loaded.files,
                loaded.diagnostics.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("parse_floor: {e}");
            ExitCode::from(2)
        }
    }
}
