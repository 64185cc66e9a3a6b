//! Criterion benchmarks of every stage of okr: loading, checking, scoring a
//! report, and each renderer of `okr check` and `okr report`.
//!
//! ```sh
//! cargo bench --bench okr              # everything, under two minutes on 2 cores
//! cargo bench --bench okr -- large/    # only the synthetic organization
//! cargo bench --bench okr -- acme/     # only examples/acme
//! cargo bench --bench okr -- one_file/ # 1,000 and 8,000 objectives in one file
//! ```
//!
//! `large/*` runs on a 200-team x 4-quarter organization (806 files, about
//! 6 MB) written once into a temporary folder by `examples/generate.rs`
//! (seed 7), checked and reported as of 2026-11-28, when it has no findings.
//! The `okr check` renderers are measured on the same organization checked
//! as of 2026-12-20, when every open 2026-Q4 key result has a stale check-in
//! (O014), so they draw a few thousand findings instead of none.
//! `acme/*` runs on examples/acme, as the whole commands do minus process
//! start: check then render human; load, score and render the table.
//!
//! Whole-command timings are in `scripts/bench-commands.sh`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};

use okr::eval::report::Options;
use okr::render::CheckFormat;
use okr::render::report::{ReportFormat, Style};

#[path = "../examples/generate.rs"]
#[allow(dead_code)] // the generator's `main` and argument parsing are not used here
mod generate;

const TEAMS: usize = 200;
const QUARTERS: u32 = 4;
const SEED: u64 = 7;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn as_of() -> NaiveDate {
    day(2026, 11, 28)
}

fn all_quarters() -> Options {
    Options::everything()
}

const STYLE: Style = Style {
    color: false,
    width: 100,
    tree: false,
};

const REPORT_FORMATS: [(&str, ReportFormat); 5] = [
    ("table", ReportFormat::Table),
    ("markdown", ReportFormat::Markdown),
    ("json", ReportFormat::Json),
    ("csv", ReportFormat::Csv),
    ("html", ReportFormat::Html),
];

const CHECK_FORMATS: [(&str, CheckFormat); 4] = [
    ("human", CheckFormat::Human),
    ("json", CheckFormat::Json),
    ("github", CheckFormat::Github),
    ("sarif", CheckFormat::Sarif),
];

/// Ten samples of equal length, within `seconds` (set high enough for ten
/// iterations of the slowest benchmark that follows, about 0.8 s for `load`).
fn samples(group: &mut BenchmarkGroup<'_, WallTime>, seconds: u64) {
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds));
}

fn large(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let options = generate::Options {
        teams: TEAMS,
        quarters: QUARTERS,
        seed: SEED,
    };
    let summary = generate::generate(&options, dir.path()).expect("the organization is written");
    eprintln!(
        "large: {TEAMS} teams x {QUARTERS} quarters, {} files, {} bytes in {}",
        summary.files,
        summary.bytes,
        dir.path().display()
    );
    let root = dir.path();

    let loaded = okr::input::load::load(root).expect("the organization loads");
    assert!(
        loaded.diagnostics.is_empty(),
        "generated files load cleanly"
    );
    let options = all_quarters();
    let eval = okr::eval::evaluate(&loaded.repository, as_of());
    let report = okr::eval::report::build(&eval, &options, &loaded.diagnostics)
        .expect("the selection is valid");
    let stale = okr::commands::check(root, day(2026, 12, 20)).expect("the organization checks");
    eprintln!(
        "large: {} findings as of 2026-12-20 for the check renderers",
        stale.diagnostics.len()
    );

    let mut group = c.benchmark_group("large");
    samples(&mut group, 10);
    group.bench_function("load", |b| {
        b.iter(|| okr::input::load::load(black_box(root)).expect("loads"));
    });
    group.bench_function("check", |b| {
        b.iter(|| okr::commands::check(black_box(root), as_of()).expect("checks"));
    });
    samples(&mut group, 3);
    group.bench_function("evaluate", |b| {
        b.iter(|| okr::eval::evaluate(black_box(&loaded.repository), as_of()));
    });
    group.bench_function("rules", |b| {
        b.iter(|| okr::rules::check(black_box(&eval)));
    });
    group.bench_function("report_build", |b| {
        b.iter(|| okr::eval::report::build(black_box(&eval), &options, &loaded.diagnostics));
    });
    for (name, format) in REPORT_FORMATS {
        // The table takes about 0.3 s.
        let seconds = if format == ReportFormat::Table { 5 } else { 3 };
        samples(&mut group, seconds);
        group.bench_function(format!("render_report/{name}"), |b| {
            b.iter(|| okr::render::report::render(format, black_box(&report), STYLE));
        });
    }
    samples(&mut group, 3);
    for (name, format) in CHECK_FORMATS {
        group.bench_function(format!("render_check/{name}"), |b| {
            b.iter(|| okr::render::render(format, black_box(&stale), false));
        });
    }
    group.finish();
}

fn acme_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme")
}

fn acme(c: &mut Criterion) {
    let root = acme_root();
    let mut group = c.benchmark_group("acme");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("check", |b| {
        b.iter(|| {
            let outcome = okr::commands::check(black_box(&root), as_of()).expect("checks");
            okr::render::render(CheckFormat::Human, &outcome, false)
        });
    });
    group.bench_function("report", |b| {
        b.iter(|| {
            let loaded = okr::input::load::load(black_box(&root)).expect("loads");
            let eval = okr::eval::evaluate(&loaded.repository, as_of());
            let report = okr::eval::report::build(&eval, &all_quarters(), &loaded.diagnostics)
                .expect("the selection is valid");
            okr::render::report::render(ReportFormat::Table, &report, STYLE)
        });
    });
    group.finish();
}

/// One quarter file of `objectives` objectives, each with a key result and
/// two check-ins, and a second file whose one title is `objectives * 40`
/// characters long: what `okr check` costs must grow with these linearly
/// (compare `one_file/1000` with `one_file/8000`: linear is 8x, quadratic
/// 64x), for the objectives (ids, references) and for a long text (the
/// cost of rendering or cutting one cell).
fn one_file(c: &mut Criterion) {
    let mut group = c.benchmark_group("one_file");
    samples(&mut group, 5);
    for objectives in [1_000, 8_000] {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut text = String::from("quarter: 2026-Q3\nobjectives:\n");
        for i in 0..objectives {
            text.push_str(&format!(
                "  - id: O{i}\n    title: Objective number {i} of the quarter\n    key_results:\n      - title: Key result {i}\n        start: 0\n        target: 10\n        checkins:\n          - {{date: 2026-07-10, value: 2}}\n          - {{date: 2026-08-10, value: 5}}\n"
            ));
        }
        std::fs::write(dir.path().join("2026-Q3.yaml"), text).expect("written");
        std::fs::create_dir(dir.path().join("long")).expect("a folder");
        std::fs::write(
            dir.path().join("long/2026-Q3.yaml"),
            format!(
                "quarter: 2026-Q3\nobjectives:\n  - id: L1\n    title: {}\n    key_results:\n      - title: k\n        done: false\n",
                "word ".repeat(objectives * 8)
            ),
        )
        .expect("written");
        let root = dir.path().to_path_buf();
        group.bench_function(format!("{objectives}"), |b| {
            b.iter(|| {
                let outcome = okr::commands::check(black_box(&root), as_of()).expect("checks");
                okr::render::render(CheckFormat::Human, &outcome, false)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, large, acme, one_file);
criterion_main!(benches);
