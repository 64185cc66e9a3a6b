//! The hostile-input corpus: every folder under tests/hostile/ is a goals
//! repository that something went wrong with (a broken, huge, deep or
//! malicious file, a FIFO, a link loop, text written to inject into an
//! output). Its `expect.txt` says what `okr check` must report; its optional
//! `generate` file lists inputs too large or too strange to commit, which
//! the harness writes into a temporary copy at test time. The format of both
//! files is in tests/hostile/README.md.
//!
//! Each case runs the real binary, in every output format, with a timeout,
//! and asserts: no panic, the exit code, exactly the expected findings
//! (code, path and line), output that cannot be broken or injected into
//! (no raw escape byte on the terminal, one GitHub annotation per finding,
//! inert Markdown and HTML, JSON and SARIF that parse with every invisible
//! character escaped, CSV with every text cell quoted and no formula), and
//! no file changed.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{
    INVISIBLE, Okr, Repo, TODAY, copy_dir, fixture, is_invisible, workflow_commands, yaml_escaped,
};

/// Far above any case's real run time and far below a hang.
const TIMEOUT: Duration = Duration::from_secs(60);
/// Files larger than this are compared by size and modification time only.
const HASHED_BYTES: u64 = 16 * 1024 * 1024;
/// Every output of every command is at most this many times the size of
/// the case's files plus [`OUTPUT_SLACK`]: text replayed through aliases
/// must not multiply into a report (`yaml_limits.max_alias_bytes`).
const OUTPUT_FACTOR: u64 = 20;
/// A report's fixed parts, plus what a file's 64 KiB of replayed text may
/// add in the formats that repeat a value.
const OUTPUT_SLACK: u64 = 2 * 1024 * 1024;
/// SVG maps up to this size are measured like `map::maps_are_readable_at_a_glance`
/// (the measure is quadratic in the arrows).
const GEOMETRY_BYTES: usize = 512 * 1024;

/// One expected finding: `CODE PATH:LINE[:COLUMN] [TEXT]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    code: String,
    path: String,
    line: u64,
    column: Option<u64>,
    /// Must appear in the message or the hint.
    text: Option<String>,
}

/// A case's `expect.txt`.
#[derive(Debug, Default)]
struct Expect {
    exit: Option<i32>,
    /// `report` exit code; None: 0 unless the check exits 2, then not run.
    report: Option<Option<i32>>,
    as_nobody: bool,
    memory_limit_mb: Option<u64>,
    max_seconds: Option<u64>,
    /// Also commit the case on top of a base holding only the clean team
    /// and run `okr diff` in the human and Markdown formats.
    diff: bool,
    findings: Vec<Finding>,
}

fn parse_expect(text: &str) -> Result<Expect, String> {
    let mut expect = Expect::default();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let number = |s: &str| s.trim().parse::<u64>().map_err(|e| format!("{line}: {e}"));
        match word {
            "exit" => expect.exit = Some(number(rest)? as i32),
            "report" if rest.trim() == "skip" => expect.report = Some(None),
            "report" => expect.report = Some(Some(number(rest)? as i32)),
            "as-nobody" => expect.as_nobody = true,
            "diff" => expect.diff = true,
            "memory-limit-mb" => expect.memory_limit_mb = Some(number(rest)?),
            "max-seconds" => expect.max_seconds = Some(number(rest)?),
            code if code.len() == 4 && code.chars().all(|c| c.is_ascii_alphanumeric()) => {
                let (place, text) = rest.split_once(' ').unwrap_or((rest, ""));
                let mut parts = place.rsplitn(3, ':').collect::<Vec<_>>();
                parts.reverse();
                let (path, line_no, column) = match parts.as_slice() {
                    [p, l, c] if l.parse::<u64>().is_ok() => (*p, number(l)?, Some(number(c)?)),
                    [p, l, c] => (&place[..p.len() + 1 + l.len()], number(c)?, None),
                    [p, l] => (*p, number(l)?, None),
                    _ => return Err(format!("{line}: expected PATH:LINE")),
                };
                expect.findings.push(Finding {
                    code: code.to_owned(),
                    path: String::from_utf8_lossy(&unescape(path)).into_owned(),
                    line: line_no,
                    column,
                    text: (!text.trim().is_empty())
                        .then(|| String::from_utf8_lossy(&unescape(text.trim())).into_owned()),
                });
            }
            _ => return Err(format!("unknown line in expect.txt: {line}")),
        }
    }
    if expect.exit.is_none() {
        return Err("expect.txt has no `exit` line".to_owned());
    }
    Ok(expect)
}

/// `\n`, `\r`, `\t`, `\e`, `\\`, `\xNN` and `\u{...}` decoded to bytes, so
/// generated names and contents can hold any byte.
fn unescape(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match chars.next() {
            Some('n') => out.push(b'\n'),
            Some('r') => out.push(b'\r'),
            Some('t') => out.push(b'\t'),
            Some('e') => out.push(0x1b),
            Some('s') => out.push(b' '),
            Some('\\') => out.push(b'\\'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).expect("\\xNN in a generate line"));
            }
            Some('u') => {
                let code: String = chars
                    .by_ref()
                    .skip_while(|c| *c == '{')
                    .take_while(|c| *c != '}')
                    .collect();
                let c = u32::from_str_radix(&code, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .expect("\\u{...} in a generate line");
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            other => panic!("unknown escape \\{other:?}"),
        }
    }
    out
}

#[cfg(unix)]
fn os_path(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn os_path(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// A clean quarter file with one objective: its only finding is O001.
const GOOD: &str = "objectives:\n  - id: O1\n    title: Win retailers\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n";

/// Writes the inputs a `generate` line describes: `PATH KIND [ARGS]`.
/// Returns why the case cannot run here, if it cannot.
fn generate(root: &Path, line: &str) -> Result<(), String> {
    let mut words = line.splitn(3, ' ');
    let (Some(rel), Some(kind)) = (words.next(), words.next()) else {
        return Err(format!("bad generate line: {line}"));
    };
    let args = words.next().unwrap_or("");
    let path = root.join(os_path(unescape(rel)));
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("a folder for a generated file");
    }
    let count = || args.trim().parse::<usize>().expect("a count");
    let write = |bytes: &[u8]| fs::write(&path, bytes).expect("a generated file");
    match kind {
        "bytes" => write(&unescape(args)),
        "utf16le" | "utf16be" | "utf16le-nobom" => {
            let text = String::from_utf8(unescape(args)).expect("UTF-8 text to re-encode");
            let mut bytes = match kind {
                "utf16le" => vec![0xFF, 0xFE],
                "utf16be" => vec![0xFE, 0xFF],
                _ => Vec::new(),
            };
            for unit in text.encode_utf16() {
                bytes.extend(if kind == "utf16be" {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            write(&bytes);
        }
        "random-bytes" => {
            let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
            let bytes: Vec<u8> = (0..count())
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    (state >> 56) as u8
                })
                .collect();
            write(&bytes);
        }
        "flow-nesting" => {
            let (n, key) = args.split_once(' ').unwrap_or((args, "objectives"));
            let n: usize = n.parse().expect("a depth");
            write(format!("{key}: {}{}\n", "[".repeat(n), "]".repeat(n)).as_bytes());
        }
        "block-nesting" => write(format!("objectives:\n  {}x\n", "- ".repeat(count())).as_bytes()),
        "billion-laughs" => {
            // The classic: nine lists of nine aliases of the list before.
            let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (name, prev) in "bcdefghi".chars().zip("abcdefgh".chars()) {
                let aliases = vec![format!("*{prev}"); 9].join(", ");
                text.push_str(&format!("{name}: &{name} [{aliases}]\n"));
            }
            text.push_str("objectives: *i\n");
            write(text.as_bytes());
        }
        "typed-alias-bomb" => {
            // Aliases in fields of the right type: a check-in replayed N
            // times per key result, N key results per objective, N
            // objectives: N^3 check-ins from a file of a few kilobytes.
            let n = count();
            let list = |alias: &str| vec![format!("*{alias}"); n].join(", ");
            let text = format!(
                "objectives:\n  - &o\n    id: O1\n    title: Win retailers\n    key_results:\n      - &k\n        title: Sign 12 retailers\n        target: 12\n        checkins:\n          - &c {{date: 2026-08-01, value: 1}}\n  - id: O2\n    title: Grow\n    key_results:\n      - title: More\n        target: 3\n        checkins: &cs [{}]\n      - &k2 {{title: Even more, target: 3, checkins: *cs}}\n  - id: O3\n    title: Grow more\n    key_results: &ks [{}]\n  - {{id: O4, title: Everything, key_results: [{}]}}\n",
                list("c"),
                list("k2"),
                list("ks")
            );
            write(text.as_bytes());
        }
        "alias-replays" => {
            // A title of N bytes anchored once and replayed by M aliases,
            // each the title of a key result.
            let (n, m) = args.split_once(' ').expect("N M");
            let (n, m): (usize, usize) = (n.parse().expect("N"), m.parse().expect("M"));
            let mut text = format!(
                "objectives:\n  - id: O1\n    title: &t Win {}\n    key_results:\n",
                "x".repeat(n)
            );
            for _ in 0..m {
                text.push_str("      - {title: *t, target: 12}\n");
            }
            write(text.as_bytes());
        }
        "objectives" => {
            let mut text = String::from("objectives:\n");
            for i in 1..=count() {
                text.push_str(&format!(
                    "  - id: O{i}\n    title: Win retailers {i}\n    key_results:\n      - title: Sign {i} retailers\n        target: 12\n"
                ));
            }
            write(text.as_bytes());
        }
        "long-strings" => {
            let long = "x".repeat(count());
            let text = format!(
                "objectives:\n  - id: O1\n    title: Win {long}\n    owner: {long}\n    key_results:\n      - title: Sign 12 retailers\n        target: 12\n        checkins:\n          - {{date: 2026-08-01, value: 1, note: {long}}}\n  - id: {long}\n    title: Grow\n    key_results: [{{title: More, done: false}}]\n  - id: O3\n    title: Grow more\n    supports: [{long}]\n    key_results: [{{title: More, done: false}}]\n"
            );
            write(text.as_bytes());
        }
        "sparse" => {
            // A quarter file of N MiB: a real header, then a hole the file
            // system does not store, so the test costs no disk.
            let file = fs::File::create(&path).expect("a sparse file");
            fs::write(&path, GOOD).expect("its header");
            file.set_len(count() as u64 * 1024 * 1024)
                .expect("a sparse length");
        }
        #[cfg(unix)]
        "symlink" => {
            std::os::unix::fs::symlink(os_path(unescape(args.trim())), &path).expect("a link")
        }
        #[cfg(unix)]
        "fifo" | "char-device" => {
            let mut command = Command::new(if kind == "fifo" { "mkfifo" } else { "mknod" });
            command.arg(&path);
            if kind == "char-device" {
                // The null device's numbers on Linux.
                command.args(["c", "1", "3"]);
            }
            let made = command.status().is_ok_and(|s| s.success());
            if !made {
                return Err(format!("cannot create a {kind} here"));
            }
        }
        #[cfg(unix)]
        "unreadable-file" | "unreadable-dir" => {
            use std::os::unix::fs::PermissionsExt;
            if kind == "unreadable-file" {
                write(&unescape(args));
            } else {
                fs::create_dir_all(&path).expect("a folder");
                fs::write(path.join("2026-Q3.yaml"), GOOD).expect("a file in it");
            }
            fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod 000");
        }
        other => return Err(format!("unknown generator `{other}` in: {line}")),
    }
    Ok(())
}

/// What a run of okr produced.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    seconds: f64,
}

/// How to start okr: directly, or as an unprivileged user when the case
/// needs permissions to mean something and the tests run as root.
#[derive(Clone, Copy)]
enum As {
    Me,
    Nobody,
}

/// setpriv's arguments that run okr as user nobody.
const AS_NOBODY: &[&str] = &["--reuid=65534", "--regid=65534", "--clear-groups", "--"];

/// Runs okr in `dir` with `args`, killing it after `limit`. Output goes to
/// files, so a large output cannot block the child on a full pipe.
fn okr(
    dir: &Path,
    args: &[&str],
    who: As,
    memory_mb: Option<u64>,
    limit: Duration,
) -> Result<Run, String> {
    let out = tempfile::tempdir().expect("a temp dir for output");
    let stdout_path = out.path().join("stdout");
    let stderr_path = out.path().join("stderr");
    let okr = match (who, memory_mb) {
        (As::Nobody, _) => Okr::via("setpriv", AS_NOBODY),
        (As::Me, Some(mb)) => {
            // The address-space limit turns reading a huge file into memory
            // into a failed allocation instead of a passing test.
            let limit = format!("ulimit -v {} && exec \"$0\" \"$@\"", mb * 1024);
            Okr::via("sh", &["-c", &limit])
        }
        (As::Me, None) => Okr::new(),
    };
    let mut command = okr
        .args(args)
        .args(["--as-of", TODAY])
        .current_dir(dir)
        .command();
    command
        .stdout(fs::File::create(&stdout_path).expect("stdout file"))
        .stderr(fs::File::create(&stderr_path).expect("stderr file"));
    let started = Instant::now();
    let mut child = command.spawn().expect("okr starts");
    let status = loop {
        if let Some(status) = child.try_wait().expect("okr's status") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("okr {args:?} ran over {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok(Run {
        code: status.code(),
        stdout: fs::read(&stdout_path).expect("stdout"),
        stderr: fs::read_to_string(&stderr_path).unwrap_or_default(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Every entry below `root`, without following links: its kind, and for a
/// regular file its size, mode, modification time and a hash of its bytes.
fn fingerprint(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut seen = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            seen.insert(dir, "unlistable folder".to_owned());
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let kind = meta.file_type();
            let mode = permissions(&meta);
            let print = if kind.is_symlink() {
                format!("link to {:?}", fs::read_link(&path).ok())
            } else if kind.is_dir() {
                stack.push(path.clone());
                format!("folder {mode:o}")
            } else if kind.is_file() {
                let modified = meta.modified().ok();
                let hash = if meta.len() <= HASHED_BYTES {
                    fs::read(&path).map(|b| hash(&b)).unwrap_or(0)
                } else {
                    0
                };
                format!("file {mode:o} {} {modified:?} {hash:x}", meta.len())
            } else {
                format!("special {mode:o}")
            };
            seen.insert(path, print);
        }
    }
    seen
}

#[cfg(unix)]
fn permissions(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode()
}

#[cfg(not(unix))]
fn permissions(meta: &fs::Metadata) -> u32 {
    u32::from(meta.permissions().readonly())
}

/// FNV-1a: enough to see that bytes changed.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Copies a committed case into `to`, except its expectations.
fn copy_case(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("a case folder").flatten() {
        let name = entry.file_name();
        if name == "expect.txt" || name == "generate" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
}

fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Whether okr can be started as user nobody in `dir`: nobody must be able
/// to reach the binary and the folder.
fn can_run_as_nobody(dir: &Path) -> bool {
    Okr::via("setpriv", AS_NOBODY)
        .arg("--version")
        .current_dir(dir)
        .command()
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs one case; Ok(Some(reason)) when it cannot run on this machine.
fn run_case(case: &Path) -> Result<Option<String>, String> {
    let name = case
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let expect_text = fs::read_to_string(case.join("expect.txt"))
        .map_err(|e| format!("{name}: no expect.txt: {e}"))?;
    let expect = parse_expect(&expect_text).map_err(|e| format!("{name}: {e}"))?;
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = temp.path().join("repo");
    fs::create_dir_all(&root).map_err(|e| e.to_string())?;
    copy_case(case, &root);
    // A clean team beside the hostile input: its O001 proves the other
    // files are still checked.
    let other = root.join("other/2026-Q3.yaml");
    if !other.exists() {
        fs::create_dir_all(root.join("other")).map_err(|e| e.to_string())?;
        fs::write(&other, GOOD).map_err(|e| e.to_string())?;
    }
    let mut who = As::Me;
    if expect.as_nobody {
        // Root reads every file whatever its mode, so permissions can only
        // be tested as someone else.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let open = fs::Permissions::from_mode(0o755);
            for dir in [temp.path(), root.as_path()] {
                fs::set_permissions(dir, open.clone()).map_err(|e| e.to_string())?;
            }
        }
        if running_as_root() {
            if !can_run_as_nobody(&root) {
                return Ok(Some(
                    "runs as root and cannot start okr as user nobody (setpriv), so no file is unreadable to it".to_owned(),
                ));
            }
            who = As::Nobody;
        }
    }
    if let Ok(lines) = fs::read_to_string(case.join("generate")) {
        for line in lines.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Err(reason) = generate(&root, line) {
                return Ok(Some(reason));
            }
        }
    }
    if expect.as_nobody {
        make_readable_to_all(&root);
    }
    let before = fingerprint(&root);
    // A base revision without the goals, for `okr diff` (outside `root`, so
    // no file of the case changes); not as nobody, who cannot read it.
    let git = !expect.as_nobody && empty_git_repository(temp.path());
    let limit = expect
        .max_seconds
        .map_or(TIMEOUT, |s| Duration::from_secs(s).min(TIMEOUT));
    let run = |args: &[&str]| {
        let r = okr(&root, args, who, expect.memory_limit_mb, limit)
            .map_err(|e| format!("{name}: {e}"))?;
        if r.stderr.contains("panicked") || r.code == Some(101) || r.code.is_none() {
            return Err(format!(
                "{name}: okr {args:?} crashed ({:?}): {}",
                r.code, r.stderr
            ));
        }
        Ok(r)
    };
    let mut failures = Vec::new();
    let exit = expect.exit.unwrap_or_default();

    let json = run(&["check", ".", "--format", "json"])?;
    let document: Value = serde_json::from_slice(&json.stdout).map_err(|e| {
        format!(
            "{name}: check --format json is not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&json.stdout),
            json.stderr
        )
    })?;
    if json.code != Some(exit) {
        failures.push(format!(
            "exit code {:?}, expected {exit}; stderr: {}",
            json.code, json.stderr
        ));
    }
    let diagnostics = document["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    check_json_text("check --format json", &json.stdout, &mut failures);
    compare_findings(&expect.findings, &diagnostics, &mut failures);

    let human = run(&["check", "."])?;
    if human.code != json.code {
        failures.push(format!("human format exits {:?}", human.code));
    }
    check_terminal("check", &human.stdout, &mut failures);
    let github = run(&["check", ".", "--format", "github"])?;
    if github.code != json.code {
        failures.push(format!("github format exits {:?}", github.code));
    }
    check_github(&github.stdout, diagnostics.len(), &mut failures);
    let sarif = run(&["check", ".", "--format", "sarif"])?;
    if sarif.code != json.code {
        failures.push(format!("sarif format exits {:?}", sarif.code));
    }
    check_json_text("check --format sarif", &sarif.stdout, &mut failures);
    match serde_json::from_slice::<Value>(&sarif.stdout) {
        Ok(doc) => {
            for problem in crate::paths::sarif_problems(&doc) {
                failures.push(format!("invalid SARIF: {problem}"));
            }
            let results = doc["runs"][0]["results"].as_array().map_or(0, Vec::len);
            if results != diagnostics.len() {
                failures.push(format!(
                    "SARIF has {results} results for {} findings",
                    diagnostics.len()
                ));
            }
        }
        Err(e) => failures.push(format!("the SARIF output is not JSON: {e}")),
    }

    let mut outputs = vec![
        ("check --format json".to_owned(), json.stdout.len()),
        ("check".to_owned(), human.stdout.len()),
        ("check --format github".to_owned(), github.stdout.len()),
        ("check --format sarif".to_owned(), sarif.stdout.len()),
    ];
    let report_exit = match expect.report {
        Some(code) => code,
        None if exit == 2 => None,
        None => Some(0),
    };
    if let Some(report_exit) = report_exit {
        let report = run(&[
            "report",
            ".",
            "--format",
            "json",
            "--quarter",
            "all",
            "--by",
            "theme",
        ])?;
        // A file the report needed and could not read makes it exit 1 after
        // printing it, and every format names each such file at its top.
        let skipped = serde_json::from_slice::<Value>(&report.stdout)
            .ok()
            .and_then(|v| v["skipped"].as_array().map(Vec::len))
            .unwrap_or(0);
        let report_exit = if expect.report.is_none() && skipped > 0 {
            1
        } else {
            report_exit
        };
        let printed = report_exit <= 1;
        let names_skipped = |what: &str, text: &[u8], failures: &mut Vec<String>| {
            let said = String::from_utf8_lossy(text)
                .matches(" could not be read")
                .count();
            if said < skipped {
                failures.push(format!("{what} names {said} unread files of {skipped}"));
            }
        };
        if report.code != Some(report_exit) {
            failures.push(format!(
                "report --format json exits {:?}, expected {report_exit}: {}",
                report.code, report.stderr
            ));
        }
        if printed && serde_json::from_slice::<Value>(&report.stdout).is_err() {
            failures.push("report --format json is not JSON".to_owned());
        }
        if printed {
            check_json_text("report --format json", &report.stdout, &mut failures);
        }
        let mut csv_runs = vec![vec!["report", ".", "--format", "csv", "--quarter", "all"]];
        if root.join("strategy.yaml").is_file() {
            csv_runs.push(vec!["report", ".", "--format", "csv", "--only", "strategy"]);
            csv_runs.push(vec![
                "report", ".", "--format", "csv", "--only", "strategy", "--by", "theme",
            ]);
        }
        for args in csv_runs {
            let csv = run(&args)?;
            // `--only strategy` reads the latest quarter only: its own
            // notices on stderr say whether a file it needed was unread.
            let expected = if args.contains(&"strategy") && expect.report.is_none() {
                i32::from(csv.stderr.contains(" could not be read"))
            } else {
                report_exit
            };
            if csv.code != Some(expected) {
                failures.push(format!("okr {args:?} exits {:?}", csv.code));
            }
            if printed {
                check_csv(&String::from_utf8_lossy(&csv.stdout), &mut failures);
                check_terminal(
                    "report --format csv (stderr)",
                    csv.stderr.as_bytes(),
                    &mut failures,
                );
            }
            if args.contains(&"all") {
                names_skipped(
                    "report --format csv (stderr)",
                    csv.stderr.as_bytes(),
                    &mut failures,
                );
            }
        }
        let markdown = run(&[
            "report",
            ".",
            "--format",
            "markdown",
            "--quarter",
            "all",
            "--tree",
            "--by",
            "theme",
        ])?;
        if markdown.code != Some(report_exit) {
            failures.push(format!(
                "report --format markdown exits {:?}",
                markdown.code
            ));
        }
        check_markdown(
            "report --format markdown",
            &String::from_utf8_lossy(&markdown.stdout),
            &mut failures,
        );
        names_skipped("report --format markdown", &markdown.stdout, &mut failures);
        let html = run(&[
            "report",
            ".",
            "--format",
            "html",
            "--quarter",
            "all",
            "--tree",
            "--by",
            "theme",
        ])?;
        if html.code != Some(report_exit) {
            failures.push(format!("report --format html exits {:?}", html.code));
        }
        if printed {
            check_html(&String::from_utf8_lossy(&html.stdout), &mut failures);
        }
        names_skipped("report --format html", &html.stdout, &mut failures);
        let table = run(&[
            "report",
            ".",
            "--quarter",
            "all",
            "--color",
            "never",
            "--tree",
            "--by",
            "theme",
        ])?;
        if table.code != Some(report_exit) {
            failures.push(format!("report (table) exits {:?}", table.code));
        }
        check_terminal("report", &table.stdout, &mut failures);
        names_skipped("report (table)", &table.stdout, &mut failures);
        for (format, r) in [
            ("json", &report),
            ("markdown", &markdown),
            ("html", &html),
            ("table", &table),
        ] {
            outputs.push((format!("report --format {format}"), r.stdout.len()));
        }
        if printed && input_bytes(&root) <= CHECKIN_COPY_BYTES {
            checkins(&root, &report.stdout, who, &mut failures)?;
        }
    }
    if report_exit.is_some() {
        let mut more = vec![vec!["report", ".", "--quarter", "all", "--format", "csv"]];
        more.extend(
            ["svg", "mermaid", "dot"]
                .iter()
                .map(|f| vec!["map", ".", "--format", f]),
        );
        // With the OKRs of a quarter, unread files of it are named on stderr.
        more.push(vec!["map", ".", "--format", "mermaid", "--okrs", "2026-Q3"]);
        if git {
            more.extend(
                ["human", "markdown", "json"]
                    .iter()
                    .map(|f| vec!["diff", "HEAD", "--path", ".", "--format", f]),
            );
        }
        for args in more {
            let r = run(&args)?;
            if args.first() == Some(&"map") {
                check_terminal(
                    &format!("okr {args:?} (stderr)"),
                    r.stderr.as_bytes(),
                    &mut failures,
                );
            }
            if args.first() == Some(&"map") && args.last() == Some(&"svg") && r.code == Some(0) {
                let svg = String::from_utf8_lossy(&r.stdout);
                if let Err(e) = roxmltree::Document::parse(&svg) {
                    failures.push(format!("okr map --format svg is not XML: {e}"));
                } else if svg.len() <= GEOMETRY_BYTES {
                    // Hostile text is wrapped or cut inside its box, and
                    // arrows keep their distance, as on a friendly map.
                    for problem in crate::map::geometry_problems(&svg) {
                        failures.push(format!("okr map --format svg: {problem}"));
                    }
                }
                if let Some(c) = svg.chars().find(|&c| c != '\n' && is_invisible(c)) {
                    failures.push(format!(
                        "okr map --format svg holds the raw character {}",
                        c.escape_unicode()
                    ));
                }
            }
            outputs.push((args.join(" "), r.stdout.len()));
        }
    }
    let input = input_bytes(&root);
    let most = input
        .saturating_mul(OUTPUT_FACTOR)
        .saturating_add(OUTPUT_SLACK);
    for (command, bytes) in outputs {
        if bytes as u64 > most {
            failures.push(format!(
                "okr {command} printed {bytes} bytes for {input} bytes of input (at most {most})"
            ));
        }
    }
    if expect.diff {
        diff_outputs(&root, &mut failures)?;
    }
    let slowest = [&json, &human, &github, &sarif]
        .iter()
        .map(|r| r.seconds)
        .fold(0.0, f64::max);
    let after = fingerprint(&root);
    if before != after {
        let changed: Vec<_> = before
            .iter()
            .filter(|(path, print)| after.get(*path) != Some(print))
            .map(|(path, _)| path.display().to_string())
            .chain(
                after
                    .keys()
                    .filter(|p| !before.contains_key(*p))
                    .map(|p| format!("new: {}", p.display())),
            )
            .collect();
        failures.push(format!("files changed: {changed:?}"));
    }
    if expect.as_nobody {
        restore_permissions(&root);
    }
    eprintln!("{name}: slowest run {slowest:.1} s");
    if failures.is_empty() {
        Ok(None)
    } else {
        Err(format!("{name}:\n  {}", failures.join("\n  ")))
    }
}

/// The size of every regular file below `root`, without following links.
fn input_bytes(root: &Path) -> u64 {
    let mut total = 0u64;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(t) if t.is_file() => {
                    total += entry.metadata().map_or(0, |m| m.len());
                }
                _ => {}
            }
        }
    }
    total
}

/// Makes `dir` a git repository with one empty commit; false where git
/// cannot run.
fn empty_git_repository(dir: &Path) -> bool {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(["-c", "user.name=okr", "-c", "user.email=okr@example.com"])
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    git(&["init", "-q"]) && git(&["commit", "-q", "--allow-empty", "-m", "base"])
}

/// Lets user nobody into every folder and read every file the case did not
/// make unreadable on purpose (mode 000).
fn make_readable_to_all(root: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(meta) = fs::symlink_metadata(entry.path()) else {
                    continue;
                };
                let mode = meta.permissions().mode() & 0o777;
                if meta.file_type().is_symlink() || mode == 0 {
                    continue;
                }
                let wanted = if meta.is_dir() { 0o755 } else { 0o644 };
                let _ = fs::set_permissions(entry.path(), fs::Permissions::from_mode(wanted));
                if meta.is_dir() {
                    stack.push(entry.path());
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = root;
}

/// Cases larger than this are not copied for `okr checkin`.
const CHECKIN_COPY_BYTES: u64 = 4 * 1024 * 1024;

/// `okr new --from` and `okr checkin` of the first key results of the report, in a copy of the
/// case (it writes): what it prints on stdout and stderr, the summary, a
/// refusal or an error naming the key result, the team or the file, is
/// held to the terminal outputs' standard.
fn checkins(root: &Path, report: &[u8], who: As, failures: &mut Vec<String>) -> Result<(), String> {
    let Ok(report) = serde_json::from_slice::<Value>(report) else {
        return Ok(());
    };
    let mut references = Vec::new();
    for quarter in report["quarters"].as_array().into_iter().flatten() {
        let (Some(q), Some(start)) = (quarter["quarter"].as_str(), quarter["start"].as_str())
        else {
            continue;
        };
        for team in quarter["teams"].as_array().into_iter().flatten() {
            for objective in team["objectives"].as_array().into_iter().flatten() {
                for kr in objective["key_results"].as_array().into_iter().flatten() {
                    if let (Some(t), Some(o), Some(k)) = (
                        team["team"].as_str(),
                        objective["id"].as_str(),
                        kr["id"].as_str(),
                    ) {
                        references.push((format!("{t}/{o}/{k}"), q.to_owned(), start.to_owned()));
                    }
                }
            }
        }
    }
    if references.is_empty() {
        return Ok(());
    }
    let copy = tempfile::tempdir().map_err(|e| e.to_string())?;
    copy_regular_files(root, copy.path());
    // `okr new --from` carries the first quarter's titles into the next,
    // and lists them with its notes.
    let first = references[0].1.clone();
    if let Some((year, number)) = first
        .split_once("-Q")
        .and_then(|(y, n)| Some((y.parse::<i32>().ok()?, n.parse::<u32>().ok()?)))
    {
        let next = if number < 4 {
            format!("{year}-Q{}", number + 1)
        } else {
            format!("{}-Q1", year + 1)
        };
        let args = ["new", &next, "--from", &first, "--path", "."];
        let r = okr(copy.path(), &args, who, None, TIMEOUT)?;
        if r.stderr.contains("panicked") || r.code == Some(101) || r.code.is_none() {
            failures.push(format!("okr new --from {first} crashed: {}", r.stderr));
        }
        check_terminal("new --from (stdout)", &r.stdout, failures);
        check_terminal("new --from (stderr)", r.stderr.as_bytes(), failures);
    }
    for (reference, quarter, start) in references.into_iter().take(3) {
        let args = [
            "checkin",
            &reference,
            "1",
            "--quarter",
            &quarter,
            "--date",
            &start,
            "--path",
            ".",
        ];
        let r = okr(copy.path(), &args, who, None, TIMEOUT)?;
        if r.stderr.contains("panicked") || r.code == Some(101) || r.code.is_none() {
            failures.push(format!("okr checkin {reference:?} crashed: {}", r.stderr));
        }
        check_terminal("checkin (stdout)", &r.stdout, failures);
        check_terminal("checkin (stderr)", r.stderr.as_bytes(), failures);
    }
    Ok(())
}

/// Copies the regular files and folders below `from` into `to`, leaving out
/// links, FIFOs, devices and whatever cannot be read: the hostile cases
/// hold all of them.
fn copy_regular_files(from: &Path, to: &Path) {
    let _ = fs::create_dir_all(to);
    let Ok(entries) = fs::read_dir(from) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_regular_files(&entry.path(), &target);
        } else if kind.is_file() {
            let _ = fs::copy(entry.path(), &target);
        }
    }
}

/// Output for a terminal: no control character but newlines and the tabs
/// of quoted source lines, so nothing a user wrote is interpreted.
fn check_terminal(command: &str, stdout: &[u8], failures: &mut Vec<String>) {
    let text = String::from_utf8_lossy(stdout);
    if let Some(c) = text
        .chars()
        .find(|c| *c != '\n' && *c != '\t' && is_invisible(*c))
    {
        failures.push(format!(
            "the output of okr {command} holds the raw character {}",
            c.escape_unicode()
        ));
    }
    check_no_workflow_command(command, &text, failures);
}

/// Output that, printed in a GitHub Actions log, issues no workflow command.
fn check_no_workflow_command(command: &str, text: &str, failures: &mut Vec<String>) {
    let commands = workflow_commands(text);
    if !commands.is_empty() {
        failures.push(format!(
            "the output of okr {command} holds workflow commands {commands:?}:\n{text}"
        ));
    }
}

/// Runs `okr diff` over a history whose last commit adds the case, in the
/// human and Markdown formats: the changes quote every title and id.
fn diff_outputs(root: &Path, failures: &mut Vec<String>) -> Result<(), String> {
    let repo = Repo::init();
    repo.write("other/2026-Q3.yaml", GOOD);
    repo.commit("base", "2026-09-20T10:00:00");
    copy_dir(root, repo.path());
    repo.commit("the hostile case", "2026-09-21T10:00:00");
    for format in ["human", "markdown"] {
        let args = ["diff", "HEAD~1", "HEAD", "--format", format];
        let run = okr(repo.path(), &args, As::Me, None, TIMEOUT)?;
        if run.code != Some(0) {
            failures.push(format!(
                "okr diff --format {format} exits {:?}: {}",
                run.code, run.stderr
            ));
        }
        let text = String::from_utf8_lossy(&run.stdout);
        if format == "human" {
            check_terminal("diff", &run.stdout, failures);
        } else {
            check_markdown("diff --format markdown", &text, failures);
        }
    }
    Ok(())
}

/// Gives the owner back what `unreadable-*` took, so the temporary
/// directory can be removed when the tests do not run as root.
fn restore_permissions(root: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let _ = fs::set_permissions(&dir, fs::Permissions::from_mode(0o755));
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                match fs::symlink_metadata(entry.path()) {
                    Ok(meta) if meta.is_dir() => stack.push(entry.path()),
                    Ok(meta) if meta.is_file() => {
                        let _ =
                            fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o644));
                    }
                    _ => {}
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = root;
}

/// Characters a JSON or SARIF output must write as `\u` escapes, never raw:
/// controls (C0 but the newlines between lines, DEL, C1), direction,
/// zero-width and tag characters, and the line and paragraph separators.
fn must_be_escaped(c: char) -> bool {
    c != '\n' && is_invisible(c)
}

/// A JSON document that parses and, in its raw text, holds none of the
/// characters `must_be_escaped` names.
fn check_json_text(what: &str, stdout: &[u8], failures: &mut Vec<String>) {
    let text = String::from_utf8_lossy(stdout);
    if let Some(c) = text.chars().find(|&c| must_be_escaped(c)) {
        failures.push(format!(
            "{what} holds the raw character {}",
            c.escape_unicode()
        ));
    }
    if let Err(e) = serde_json::from_str::<Value>(&text) {
        failures.push(format!("{what} is not JSON: {e}"));
    }
}

/// The columns of `okr report --format csv` that hold text (README.md).
const CSV_TEXT_COLUMNS: [&str; 19] = [
    "quarter",
    "team",
    "objective_id",
    "objective_title",
    "objective_kind",
    "objective_owner",
    "objective_status",
    "objective_note",
    "key_result_id",
    "key_result_title",
    "owner",
    "kind",
    "unit",
    "status",
    "note",
    "perspective",
    "measure_id",
    "measure_name",
    "direction",
];

/// RFC 4180 fields, each with whether it was quoted in the raw text.
fn csv_fields(text: &str) -> Result<Vec<Vec<(String, bool)>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let mut field = String::new();
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => return Err("a quoted field does not end".to_owned()),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\n' {
                    break;
                }
                if c == '"' {
                    return Err(format!("a quote inside an unquoted field: {field}"));
                }
                field.push(c);
                chars.next();
            }
        }
        row.push((field, quoted));
        match chars.next() {
            Some(',') => {}
            Some('\n') | None => rows.push(std::mem::take(&mut row)),
            Some(c) => return Err(format!("{c:?} after a quoted field")),
        }
    }
    Ok(rows)
}

/// A CSV report a spreadsheet cannot run: it parses (with the `csv` crate,
/// and field by field here, to the same values), every row is as wide as
/// the header, every text cell is quoted, and no cell but a number starts,
/// once white space and invisible characters are trimmed the way
/// spreadsheets trim on import, with a formula trigger (`=`, `+`, `-`, `@`
/// or their fullwidth forms), nor with a tab or CR, unless it starts with
/// `'`.
fn check_csv(text: &str, failures: &mut Vec<String>) {
    let rows = match csv_fields(text) {
        Ok(rows) => rows,
        Err(e) => return failures.push(format!("the CSV does not parse: {e}:\n{text}")),
    };
    let parsed: Result<Vec<csv::StringRecord>, csv::Error> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .collect();
    match parsed {
        Ok(records) => {
            let ours: Vec<Vec<&str>> = rows
                .iter()
                .map(|r| r.iter().map(|(v, _)| v.as_str()).collect())
                .collect();
            let theirs: Vec<Vec<&str>> = records.iter().map(|r| r.iter().collect()).collect();
            if ours != theirs {
                failures.push(format!("the csv crate reads the CSV otherwise:\n{text}"));
            }
        }
        Err(e) => failures.push(format!("the csv crate cannot read the CSV: {e}")),
    }
    let Some((header, rows)) = rows.split_first() else {
        return failures.push("the CSV has no header".to_owned());
    };
    for row in rows {
        if row.len() != header.len() {
            failures.push(format!(
                "a CSV row has {} cells, not {}",
                row.len(),
                header.len()
            ));
        }
        for ((value, quoted), (column, _)) in row.iter().zip(header) {
            if CSV_TEXT_COLUMNS.contains(&column.as_str()) && !quoted {
                failures.push(format!("the CSV's {column} cell is not quoted: {value:?}"));
            }
            if !quoted && value.parse::<f64>().is_ok() {
                continue;
            }
            let trimmed =
                value.trim_start_matches(|c: char| c.is_whitespace() || must_be_escaped(c));
            let live = value.starts_with(['\t', '\r'])
                || trimmed.starts_with([
                    '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
                ]);
            if live && !value.starts_with('\'') {
                failures.push(format!("the CSV's {column} cell is a formula: {value:?}"));
            }
        }
    }
}

/// The expected findings must be exactly the reported ones, as a multiset
/// of (code, path, line), with the column and text where given.
fn compare_findings(expected: &[Finding], diagnostics: &[Value], failures: &mut Vec<String>) {
    let mut unmatched: Vec<&Value> = diagnostics.iter().collect();
    let mut missing = Vec::new();
    for want in expected {
        let position = unmatched.iter().position(|d| {
            d["code"] == want.code.as_str()
                && d["path"] == want.path.as_str()
                && d["line"].as_u64() == Some(want.line)
                && want.column.is_none_or(|c| d["column"].as_u64() == Some(c))
                && want.text.as_ref().is_none_or(|t| {
                    d["message"].as_str().unwrap_or("").contains(t.as_str())
                        || d["hint"].as_str().unwrap_or("").contains(t.as_str())
                })
        });
        match position {
            Some(i) => {
                unmatched.remove(i);
            }
            None => missing.push(format!(
                "{} {}:{}{} {}",
                want.code,
                want.path,
                want.line,
                want.column.map_or_else(String::new, |c| format!(":{c}")),
                want.text.as_deref().unwrap_or("")
            )),
        }
    }
    for m in missing {
        failures.push(format!("missing finding: {m}"));
    }
    for d in unmatched {
        failures.push(format!(
            "unexpected finding: {} {}:{}:{} {} / {}",
            d["code"].as_str().unwrap_or("?"),
            d["path"].as_str().unwrap_or("?"),
            d["line"],
            d["column"],
            d["message"].as_str().unwrap_or(""),
            d["hint"].as_str().unwrap_or("")
        ));
    }
}

/// One workflow command per finding, each a line of okr's own: user text
/// can neither end the command, add a property, nor start another line.
fn check_github(stdout: &[u8], findings: usize, failures: &mut Vec<String>) {
    let text = String::from_utf8_lossy(stdout);
    let lines: Vec<&str> = text.split('\n').filter(|l| !l.is_empty()).collect();
    if lines.len() != findings {
        failures.push(format!(
            "github output has {} lines for {findings} findings:\n{text}",
            lines.len()
        ));
    }
    if let Some(c) = text.chars().find(|c| *c != '\n' && is_invisible(*c)) {
        failures.push(format!(
            "github output holds the raw character {}",
            c.escape_unicode()
        ));
    }
    for line in lines {
        let Some(rest) = ["::error ", "::warning ", "::notice "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
        else {
            failures.push(format!("github line is not okr's annotation: {line}"));
            continue;
        };
        let Some((properties, _message)) = rest.split_once("::") else {
            failures.push(format!("github line has no message: {line}"));
            continue;
        };
        let keys: Vec<&str> = properties
            .split(',')
            .map(|p| p.split_once('=').map_or(p, |(k, _)| k))
            .collect();
        if keys != ["file", "line", "col", "endLine", "endColumn", "title"] {
            failures.push(format!("github properties were tampered with: {line}"));
        }
    }
    // As the runner reads it: okr's own annotations, one per finding (a
    // `##[` in an annotation's message is its data).
    let commands = workflow_commands(&text);
    let own = commands
        .iter()
        .filter(|c| !c.legacy && ["error", "warning", "notice"].contains(&c.name.as_str()))
        .count();
    if commands.len() != findings || own != findings {
        failures.push(format!(
            "the runner reads {} workflow commands ({own} of okr's) for {findings} findings: {commands:?}",
            commands.len()
        ));
    }
}

/// An HTML page in which user text is inert: it parses without errors
/// into one document with no element or attribute that runs or loads
/// anything, and holds no control or bidi character.
fn check_html(text: &str, failures: &mut Vec<String>) {
    let document = scraper::Html::parse_document(text);
    if !document.errors.is_empty() {
        failures.push(format!("the HTML has parse errors: {:?}", document.errors));
    }
    let active =
        scraper::Selector::parse("script, img, iframe, object, embed, link, a:not([href^='#'])")
            .expect("a valid selector");
    if let Some(element) = document.select(&active).next() {
        failures.push(format!(
            "the HTML has a live element: {:?}",
            element.value()
        ));
    }
    let every = scraper::Selector::parse("*").expect("a valid selector");
    for element in document.select(&every) {
        if let Some((name, _)) = element
            .value()
            .attrs()
            .find(|(name, _)| name.starts_with("on") || *name == "src")
        {
            failures.push(format!("the HTML has an attribute {name}"));
        }
    }
    if text.chars().any(|c| c != '\n' && is_invisible(c)) {
        failures.push("the HTML holds a control, bidi or invisible character".to_owned());
    }
}

/// Markdown in which user text is inert: no HTML, no images, no live
/// mentions, no link targets, and every table row as wide as its header.
fn check_markdown(what: &str, text: &str, failures: &mut Vec<String>) {
    check_no_workflow_command(what, text, failures);
    check_rendered_markdown(what, text, failures);
    let mut problems = Vec::new();
    // okr's own collapsed sections, and the strategy map's Mermaid block,
    // in which the only markup is okr's line break.
    let mut outside = String::new();
    let mut in_mermaid = false;
    for line in text.lines() {
        match line {
            "```mermaid" => in_mermaid = true,
            "```" if in_mermaid => in_mermaid = false,
            _ if in_mermaid => {
                if line.replace("<br/>", "").contains('<')
                    || line.contains('`')
                    || line.chars().any(is_invisible)
                {
                    problems.push("markup in the Mermaid map");
                }
            }
            _ => {
                let line = line
                    .replace("<!-- okr-diff -->", "")
                    .replace("<details><summary>", "")
                    .replace("</summary>", "")
                    .replace("</details>", "");
                outside.push_str(&line);
                outside.push('\n');
            }
        }
    }
    if in_mermaid {
        problems.push("an unclosed Mermaid fence");
    }
    let text = outside.as_str();
    if text.contains('<') {
        problems.push("raw `<` (HTML)");
    }
    if text.contains("![") {
        problems.push("an image `![`");
    }
    let chars: Vec<char> = text.chars().collect();
    if chars.windows(2).any(|w| w[0] == '@' && w[1] != '\u{200B}') {
        problems.push("a live @mention");
    }
    if chars
        .windows(3)
        .any(|w| w[0] != '\\' && w[1] == ']' && w[2] == '(')
    {
        problems.push("a link target `](`");
    }
    // okr's own zero-width space after `@` (and after `#` before a digit)
    // is the one hidden character.
    if chars.iter().enumerate().any(|(i, c)| {
        *c != '\n'
            && is_invisible(*c)
            && !(*c == '\u{200B}' && i > 0 && matches!(chars[i - 1], '@' | '#' | '-'))
    }) {
        problems.push("a control, bidi or invisible character");
    }
    let mut header_cells = None;
    for line in text.lines() {
        if !line.starts_with('|') {
            header_cells = None;
            continue;
        }
        let cells = table_cells(line);
        match header_cells {
            None => header_cells = Some(cells),
            Some(n) if n != cells => {
                failures.push(format!("markdown row with {cells} cells, not {n}: {line}"));
            }
            Some(_) => {}
        }
    }
    for p in problems {
        failures.push(format!("{what} holds {p}:\n{text}"));
    }
}

/// The elements GitHub-flavoured Markdown makes of okr's own Markdown
/// (tables, headings, lists, emphasis, code, quotes) and the raw HTML okr
/// writes itself (its collapsed sections); `html` and `body` wrap the
/// parsed fragment.
const MARKDOWN_ELEMENTS: &[&str] = &[
    "html",
    "body",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "li",
    "strong",
    "code",
    "pre",
    "blockquote",
    "details",
    "summary",
];

/// Markdown as GitHub renders it (comrak with the GFM extensions GitHub
/// turns on: autolinks, tables, strikethrough; raw HTML passed through, as
/// GitHub lets okr's `<details>` through; comrak 0.59 has no tag filter,
/// which only would have turned a raw `<script>` or `<iframe>` into text,
/// so every raw element is seen here, a stricter test): no link,
/// image or element but those okr's own Markdown makes, and no `@mention`
/// (an `@` right before a word character) outside code.
fn check_rendered_markdown(what: &str, text: &str, failures: &mut Vec<String>) {
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.render.r#unsafe = true;
    let html = comrak::markdown_to_html(text, &options);
    let fragment = scraper::Html::parse_fragment(&html);
    let mut problems = Vec::new();
    for node in fragment.tree.root().descendants() {
        match node.value() {
            scraper::Node::Element(element) => {
                let name = element.name();
                if name == "a" || name == "img" {
                    problems.push(format!("a live <{name}>"));
                } else if !MARKDOWN_ELEMENTS.contains(&name) {
                    problems.push(format!("the raw HTML element <{name}>"));
                }
            }
            scraper::Node::Text(t) => {
                let in_code = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "code" | "pre"))
                });
                let chars: Vec<char> = t.chars().collect();
                if !in_code
                    && chars
                        .windows(2)
                        .any(|w| w[0] == '@' && (w[1].is_alphanumeric() || w[1] == '_'))
                {
                    problems.push(format!("a mention in {:?}", &**t));
                }
                if !in_code
                    && (chars
                        .windows(2)
                        .any(|w| w[0] == '#' && w[1].is_ascii_digit())
                        || chars.windows(4).any(|w| {
                            w[0].eq_ignore_ascii_case(&'g')
                                && w[1].eq_ignore_ascii_case(&'h')
                                && w[2] == '-'
                                && w[3].is_ascii_digit()
                        }))
                {
                    problems.push(format!("an issue reference in {:?}", &**t));
                }
            }
            _ => {}
        }
    }
    for p in problems {
        failures.push(format!(
            "{what}, rendered as GitHub does, holds {p}:\n{html}"
        ));
    }
}

/// The cells of a GFM table row, split on pipes not escaped by a backslash.
fn table_cells(row: &str) -> usize {
    let inner = row.trim().trim_start_matches('|');
    let mut cells = 1;
    let mut escaped = false;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                if chars.peek().is_some() {
                    cells += 1;
                }
            }
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    cells
}

#[test]
#[cfg_attr(
    windows,
    ignore = "the corpus makes symbolic links, FIFOs, mode-000 files and file names Windows cannot hold, and runs okr as nobody with setpriv"
)]
fn the_hostile_corpus() {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixture("hostile"))
        .expect("tests/hostile exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "only {} cases", cases.len());
    // `OKR_HOSTILE_CASE=name cargo test --test tests hostile::` runs the
    // cases whose name contains `name`.
    if let Ok(only) = std::env::var("OKR_HOSTILE_CASE") {
        cases.retain(|c| c.to_string_lossy().contains(&only));
    }
    // Two at a time: the heavy cases are slow in a debug build.
    let queue = std::sync::Mutex::new(cases.clone());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().expect("the queue").pop();
                    let Some(case) = next else { break };
                    let result = run_case(&case);
                    results.lock().expect("the results").push((case, result));
                }
            });
        }
    });
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    for (case, result) in results.into_inner().expect("the results") {
        let name = case
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match result {
            Ok(None) => {}
            Ok(Some(reason)) => skipped.push(format!("{name}: {reason}")),
            Err(e) => failures.push(e),
        }
    }
    for s in &skipped {
        eprintln!("skipped {s}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn expect_lines_parse() {
    let e = parse_expect(
        "# c\nexit 1\nL004 a/2026-Q3.yaml:3:15 not valid UTF-8\nO001 \\xff/2026-Q3.yaml:1\n",
    )
    .expect("parses");
    assert_eq!(e.exit, Some(1));
    assert_eq!(e.findings.len(), 2);
    assert_eq!(
        (
            e.findings[0].line,
            e.findings[0].column,
            e.findings[0].text.as_deref()
        ),
        (3, Some(15), Some("not valid UTF-8"))
    );
    assert_eq!(e.findings[1].path, "\u{FFFD}/2026-Q3.yaml");
    assert!(parse_expect("L001 x:1\n").is_err(), "no exit line");
    assert_eq!(table_cells("| a \\| b | c |"), 2);
    assert_eq!(table_cells("| a | b | c |"), 3);
}

/// The output checks catch what they are meant to: each bad output below
/// is one an escaping bug would produce.
#[test]
fn the_output_checks_can_fail() {
    let mut failures = Vec::new();
    let own = "::error file=a,line=1,col=1,endLine=1,endColumn=2,title=O001 x::m\n";
    check_github(own.as_bytes(), 1, &mut failures);
    assert!(failures.is_empty(), "{failures:?}");
    for bad in [
        format!("{own}::set-output name=x::y\n"),
        "::error file=a,line=1,col=1,endLine=1,endColumn=2,title=O001 x,line=9::m\n".to_owned(),
        own.replace("::m", "::m\u{1b}[2J"),
        own.replace("::m", "::m\r"),
    ] {
        let mut found = Vec::new();
        check_github(bad.as_bytes(), 1, &mut found);
        assert!(!found.is_empty(), "not caught: {bad:?}");
    }
    check_terminal(
        "check",
        b"a.yaml:1:1: error[O005] id `\\u{1b}[2J`\n\t|\n",
        &mut failures,
    );
    assert!(failures.is_empty(), "{failures:?}");
    for bad in [
        "\u{1b}[2J",
        "a\rb",
        "\u{7}",
        "\u{2066}x",
        "a\u{2028}b",
        "\u{FEFF}x",
        "  ::error::x",
        "| ##[stop-commands]x |",
    ] {
        let mut found = Vec::new();
        check_terminal("check", bad.as_bytes(), &mut found);
        assert!(!found.is_empty(), "not caught: {bad:?}");
    }
    let fine = "| a | b |\n| --- | --- |\n| x \\| y @\u{200B}all | \\[l\\](javascript:x) |\n\n<details><summary>Strategy map</summary>\n\n```mermaid\n  o_F1[\"F1 a #lt;b#gt;<br/>on track\"]\n```\n\n</details>\n";
    check_markdown("fine", fine, &mut failures);
    assert!(failures.is_empty(), "{failures:?}");
    for bad in [
        "<img src=x onerror=alert(1)>",
        "hi @everyone",
        "![x](http://evil/x.png)",
        "[link](javascript:alert(1))",
        "| a | b |\n| --- | --- |\n| x | y | z |",
        "a\u{1b}[31m",
        "\u{202E}evil",
        "```mermaid\n  o_F1[\"<img src=x>\"]\n```\n",
        "```mermaid\n  o_F1[\"```\"]\n```\n",
        "```mermaid\n  o_F1[\"x\"]\n",
        "see https://attacker.example/x",
        "see www.attacker.example",
        "write to x@y.com",
        "a \\<https://attacker.example\\> b",
        "<b>bold</b>",
        "::warning title=pwn::Injected",
        "| a ##[add-mask]secret |",
        "a\u{200B}b",
        "a\u{E0041}b",
        "see owner/repo\\#12",
    ] {
        let mut found = Vec::new();
        check_markdown("bad", bad, &mut found);
        assert!(!found.is_empty(), "not caught: {bad:?}");
    }
    let page = |body: &str| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title></head><body>{body}</body></html>\n"
        )
    };
    check_html(
        &page("<p>&lt;script&gt; <a href=\"#x\" id=\"x\">x</a></p>"),
        &mut failures,
    );
    assert!(failures.is_empty(), "{failures:?}");
    for bad in [
        "<script>alert(1)</script>",
        "<p title=\"\"><img src=x onerror=alert(1)></p>",
        "<a href=\"http://evil\">x</a>",
        "<p onclick=\"x\">x</p>",
        "<p>\u{1b}[31m</p>",
        "<p>\u{202E}evil</p>",
        "<p></div></p>",
    ] {
        let mut found = Vec::new();
        check_html(&page(bad), &mut found);
        assert!(!found.is_empty(), "not caught: {bad:?}");
    }
    check_json_text(
        "json",
        b"{\"t\": \"a\\u009b\\u202e\\u2028b\"}\n",
        &mut failures,
    );
    assert!(failures.is_empty(), "{failures:?}");
    for bad in [
        "{\"t\": \"a\u{9b}\"}",
        "{\"t\": \"\u{202E}\"}",
        "{\"t\": \"\u{2028}\"}",
        "{\"t\": \"\u{200B}\"}",
        "{\"t\": \"\u{E0041}\"}",
        "{\"t\": ",
    ] {
        let mut found = Vec::new();
        check_json_text("json", bad.as_bytes(), &mut found);
        assert!(!found.is_empty(), "not caught: {bad:?}");
    }
    let header = "team,objective_title,score\n";
    check_csv(
        &format!("{header}\"'+team\",\"' =1+1\",-0.5\n\"a\",\"x\nb\",\n"),
        &mut failures,
    );
    assert!(failures.is_empty(), "{failures:?}");
    for bad in [
        "\"a\",\" =1+1\",1\n",
        "\"a\",\"\u{3000}@x\",1\n",
        "\"a\",\"\u{FF1D}1\",1\n",
        "\"a\",\"\tx\",1\n",
        "\"a\",\"-1\",1\n",
        "a,\"x\",1\n",
        "\"a\",\"x\"\n",
        "\"a\",\"x,1\n",
        "\"a\",\"x\",=1\n",
    ] {
        let mut found = Vec::new();
        check_csv(&format!("{header}{bad}"), &mut found);
        assert!(!found.is_empty(), "not caught: {bad:?}");
    }
    let reported = vec![
        serde_json::json!({"code": "L001", "path": "a.yaml", "line": 3, "column": 1, "message": "m", "hint": null}),
    ];
    let mut found = Vec::new();
    let wrong_line = parse_expect("exit 1\nL001 a.yaml:4\n").expect("parses");
    compare_findings(&wrong_line.findings, &reported, &mut found);
    assert_eq!(found.len(), 2, "{found:?}");
    let right = parse_expect("exit 1\nL001 a.yaml:3:1 m\n").expect("parses");
    found.clear();
    compare_findings(&right.findings, &reported, &mut found);
    assert!(found.is_empty(), "{found:?}");
}

/// Every JSON and SARIF output writes invisible characters as `\u` escapes,
/// and the values decode to exactly the user's text: a title in the report,
/// a folder name in the findings' paths.
#[test]
fn json_and_sarif_escape_invisible_characters_and_keep_them() {
    let text = INVISIBLE;
    let yaml = yaml_escaped(text);
    let dir = tempfile::tempdir().expect("a temp dir");
    // Folder names cannot hold controls on every system; this one needs none.
    let team = "t\u{9b}\u{202E}\u{2028}\u{200B}\u{E0041}";
    fs::create_dir_all(dir.path().join(team)).expect("a team folder");
    fs::write(dir.path().join(team).join("2026-Q3.yaml"), GOOD).expect("written");
    fs::write(
        dir.path().join("2026-Q3.yaml"),
        GOOD.replace("title: Win retailers", &format!("title: \"{yaml}\"")),
    )
    .expect("written");
    let run = |args: &[&str]| {
        let output = Okr::new()
            .args(args)
            .arg(dir.path())
            .args(["--as-of", TODAY])
            .run();
        let stdout = output.stdout();
        let mut failures = Vec::new();
        check_json_text(&format!("{args:?}"), stdout.as_bytes(), &mut failures);
        assert!(failures.is_empty(), "{failures:?}");
        let value: Value = serde_json::from_str(&stdout).expect("JSON");
        (stdout, value)
    };
    let (raw, report) = run(&["report", "--format", "json", "--quarter", "all"]);
    let titles: Vec<&Value> = report["quarters"][0]["teams"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|t| t["objectives"].as_array().into_iter().flatten())
        .map(|o| &o["title"])
        .collect();
    assert!(titles.contains(&&Value::from(text)), "{raw}");
    let (raw, check) = run(&["check", "--format", "json"]);
    let paths: Vec<&str> = check["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert!(
        paths
            .iter()
            .any(|p| p.contains(&format!("{team}/2026-Q3.yaml"))),
        "{raw}"
    );
    let (raw, sarif) = run(&["check", "--format", "sarif"]);
    assert!(
        sarif["runs"][0]["results"]
            .as_array()
            .is_some_and(|r| !r.is_empty()),
        "{raw}"
    );
}

#[test]
fn fingerprints_see_every_change() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("2026-Q3.yaml");
    fs::write(&file, GOOD).expect("written");
    let before = fingerprint(dir.path());
    fs::write(&file, GOOD.replace("12", "13")).expect("rewritten");
    assert_ne!(before, fingerprint(dir.path()), "same size, other bytes");
    let changed = fingerprint(dir.path());
    fs::write(dir.path().join("new.yaml"), "").expect("written");
    assert_ne!(changed, fingerprint(dir.path()), "a new file");
}
