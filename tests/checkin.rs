//! `okr checkin` end to end on a copy of examples/acme: what is written is
//! exactly the new check-in (the rest of the file byte for byte the same),
//! the result still passes `okr check`, and every refusal leaves the file
//! untouched.

use std::fs;
use std::path::Path;
use std::process::Stdio;

use crate::util::{AS_OF, Okr, Output, acme, copy_of};

const PLATFORM: &str = "platform/2026-Q4.yaml";

/// `okr ARGS --path . --as-of=...` in `dir`.
fn okr(dir: &Path, args: &[&str]) -> Output {
    Okr::new()
        .args(args)
        .args(["--path", ".", AS_OF])
        .current_dir(dir)
        .run()
}

fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).unwrap()
}

/// `new` is `old` with `inserted` added at one place and nothing else changed.
fn assert_only_inserted(old: &str, new: &str, inserted: &str) {
    // Linear: the insertion point lies where the common prefix and the
    // common suffix of the two texts overlap.
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let found = new.len() == old.len() + inserted.len()
        && (old.len().saturating_sub(suffix)..=prefix.min(old.len()))
            .any(|at| new.as_bytes()[at..at + inserted.len()] == *inserted.as_bytes());
    assert!(found, "not a single insertion of {inserted:?}:\n{new}");
}

fn check_is_clean(dir: &Path) {
    Okr::new()
        .args(["check", ".", AS_OF])
        .current_dir(dir)
        .run()
        .assert_code(0);
}

#[test]
fn a_check_in_adds_exactly_its_lines() {
    let dir = copy_of(&acme());
    let before = read(dir.path(), PLATFORM);
    let out = okr(
        dir.path(),
        &[
            "checkin",
            "platform/P1/P1.1",
            "3.9",
            "--confidence",
            "0.7",
            "--note",
            "Canary: all services",
        ],
    );
    out.assert_code(0);
    assert_eq!(
        out.stdout(),
        "platform/2026-Q4.yaml: platform/P1/P1.1 Cut failed deploys from 7% to 3%: check-in 2026-11-28 = 3.9 (confidence 0.7)\n"
    );
    assert_only_inserted(
        &before,
        &read(dir.path(), PLATFORM),
        "          - date: 2026-11-28\n            value: 3.9\n            confidence: 0.7\n            note: \"Canary: all services\"\n",
    );
    check_is_clean(dir.path());
}

#[test]
fn current_is_updated_where_it_is_written() {
    let dir = copy_of(&acme());
    let before = read(dir.path(), PLATFORM);
    let out = okr(dir.path(), &["checkin", "platform/P2/P2.2", "63", "-q"]);
    out.assert_code(0);
    assert!(out.stdout().is_empty(), "--quiet prints nothing");
    let expected = before
        .replacen("        current: 58\n", "        current: 63\n", 1)
        .replacen(
            "            note: Peak capacity reserved\n",
            "            note: Peak capacity reserved\n          - date: 2026-11-28\n            value: 63\n",
            1,
        );
    assert_eq!(read(dir.path(), PLATFORM), expected);
    check_is_clean(dir.path());
}

#[test]
fn a_milestone_is_marked_done_once() {
    let dir = copy_of(&acme());
    let before = read(dir.path(), PLATFORM);
    let out = okr(dir.path(), &["checkin", "P1.3", "--done", "-v"]);
    out.assert_code(0);
    assert!(out.stdout().ends_with("done false -> true\n"));
    assert!(
        out.stderr()
            .contains("-        done: false\n+        done: true\n"),
        "--verbose shows the change:\n{}",
        out.stderr()
    );
    let after = read(dir.path(), PLATFORM);
    assert_eq!(
        after.matches("done: true").count(),
        before.matches("done: true").count() + 1
    );
    let inserted = "          - date: 2026-11-28\n            value: 1\n";
    assert_eq!(
        after.len(),
        before.len() + inserted.len() - 1,
        "false -> true"
    );
    assert!(out.stderr().contains(&format!(
        "+{}",
        inserted.replace("\n            ", "\n+            ")
    )));
    check_is_clean(dir.path());

    let again = okr(dir.path(), &["checkin", "P1.3", "--done"]);
    assert_eq!(again.code(), Some(0));
    assert!(again.stdout().contains("already done; nothing written"));
    assert_eq!(read(dir.path(), PLATFORM), after);
}

#[test]
fn rule_breaking_check_ins_are_refused_with_okr_checks_message() {
    let dir = copy_of(&acme());
    let before = read(dir.path(), PLATFORM);
    for (args, code) in [
        (
            &["checkin", "P1.1", "4", "--date", "2026-12-05"][..],
            "error[O010]",
        ),
        (
            &["checkin", "P1.1", "4", "--confidence", "1.5"][..],
            "error[O012]",
        ),
        (
            &[
                "checkin",
                "P1.1",
                "4",
                "--date",
                "2026-09-30",
                "--quarter",
                "2026-Q4",
            ][..],
            "warning[O009]",
        ),
    ] {
        let out = okr(dir.path(), args);
        assert_eq!(out.code(), Some(1), "{args:?}");
        let err = out.stderr();
        assert!(err.starts_with("okr: not written"), "{err}");
        assert!(err.contains(code), "{args:?}: {err}");
        assert!(err.contains("platform/2026-Q4.yaml:"), "{err}");
        assert_eq!(read(dir.path(), PLATFORM), before, "{args:?}");
    }
}

#[test]
fn bad_requests_exit_2_and_say_what_to_do() {
    let dir = copy_of(&acme());
    let before = read(dir.path(), PLATFORM);
    for (args, message) in [
        (
            &["checkin", "P9.1", "4"][..],
            "no key result `P9.1` in 2026-Q4; did you mean",
        ),
        (
            &["checkin", "platform/P1/P1.1", "abc"][..],
            "the value `abc` is not a number",
        ),
        (
            &["checkin", "platform/P1/P1.1", "nan"][..],
            "the value `nan` is not a number",
        ),
        (
            &["checkin", "platform/P1/P1.1", "--done"][..],
            "--done is for milestones",
        ),
        (
            &["checkin", "P1.3", "0.5"][..],
            "its value is 0 (not done) or 1 (done)",
        ),
        (
            &["checkin", "platfrom/P1/P1.1", "4"][..],
            "did you mean `platform`?",
        ),
        (
            &["checkin", "platform/P7/1", "4"][..],
            "team `platform` has no objective `P7`",
        ),
        (
            &["checkin", "platform/P1/9", "4"][..],
            "give its id or its position, 1 to",
        ),
        (
            // TEAM may be nested: `a/b` is a team, and there is none.
            &["checkin", "a/b/c/d", "4"][..],
            "no file for team `a/b` in 2026-Q4",
        ),
        (
            &["checkin", "P1.1", "4", "--quarter", "2025-Q1"][..],
            "no team has a file for 2025-Q1",
        ),
    ] {
        let out = okr(dir.path(), args);
        assert_eq!(out.code(), Some(2), "{args:?}");
        assert!(out.stderr().contains(message), "{args:?}: {}", out.stderr());
        assert_eq!(read(dir.path(), PLATFORM), before);
    }
}

#[test]
fn an_ambiguous_id_lists_the_candidates() {
    let dir = copy_of(&acme());
    let extra = read(dir.path(), PLATFORM).replace("id: P1.1", "id: S1.1");
    fs::write(dir.path().join(PLATFORM), &extra).unwrap();
    let out = okr(dir.path(), &["checkin", "S1.1", "4"]);
    assert_eq!(out.code(), Some(2));
    let err = out.stderr();
    assert!(
        err.contains("`S1.1` names 2 key results in 2026-Q4"),
        "{err}"
    );
    assert!(err.contains("platform/P1/S1.1"), "{err}");
}

#[test]
fn a_file_that_does_not_load_is_not_edited() {
    let dir = copy_of(&acme());
    let broken = read(dir.path(), PLATFORM).replacen(
        "quarter: 2026-Q4\n",
        "quarter: 2026-Q4\nquater: x\n",
        1,
    );
    fs::write(dir.path().join(PLATFORM), &broken).unwrap();
    let out = okr(dir.path(), &["checkin", "platform/P1/P1.1", "4"]);
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr().contains("platform/2026-Q4.yaml"),
        "{}",
        out.stderr()
    );
    assert_eq!(read(dir.path(), PLATFORM), broken);
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_survive() {
    let dir = copy_of(&acme());
    let crlf = format!(
        "\u{feff}{}",
        read(dir.path(), PLATFORM).replace('\n', "\r\n")
    );
    fs::write(dir.path().join(PLATFORM), &crlf).unwrap();
    let out = okr(dir.path(), &["checkin", "platform/P1/P1.2", "2"]);
    out.assert_code(0);
    assert_only_inserted(
        &crlf,
        &read(dir.path(), PLATFORM),
        "          - date: 2026-11-28\r\n            value: 2\r\n",
    );
}

/// A process killed at any moment leaves the old file or the new one: the
/// kill lands at a different point of each run (reading, checking, writing
/// the temporary file, renaming), on a file large enough to take a while.
/// The first run is killed at once (the old file), the last is left to
/// finish (the new one); a temporary file a kill leaves behind is hidden
/// (`.name.okr-*.tmp`), so okr never reads it as a goals file.
#[cfg(unix)]
#[test]
fn a_killed_check_in_leaves_the_old_or_the_new_file() {
    let dir = copy_of(&acme());
    let padded = format!(
        "{}{}",
        "# padding so that writing takes a while\n".repeat(100_000),
        read(dir.path(), PLATFORM)
    );
    fs::write(dir.path().join(PLATFORM), &padded).unwrap();
    let mut outcomes = Vec::new();
    let attempts = 12u64;
    for attempt in 0..attempts {
        let before = read(dir.path(), PLATFORM);
        let mut child = Okr::new()
            .args(["checkin", "platform/P1/P1.2", "2", "--path", ".", AS_OF])
            .current_dir(dir.path())
            .command()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if attempt + 1 < attempts {
            std::thread::sleep(std::time::Duration::from_millis(attempt * 25));
            let _ = child.kill();
        }
        let _ = child.wait();
        let after = read(dir.path(), PLATFORM);
        if after == before {
            outcomes.push("old");
        } else {
            outcomes.push("new");
            assert_only_inserted(
                &before,
                &after,
                "          - date: 2026-11-28\n            value: 2\n",
            );
        }
    }
    assert_eq!(outcomes.first(), Some(&"old"), "{outcomes:?}");
    assert_eq!(outcomes.last(), Some(&"new"), "{outcomes:?}");
    for entry in fs::read_dir(dir.path().join("platform")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".yaml") && !name.contains(".okr-") || name.starts_with('.'),
            "{name}"
        );
    }
    check_is_clean(dir.path());
}

/// Backfilling a check-in older than the cadence: the key result was
/// already stale and the finding is the same one (only its date and day
/// count change), so the check-in is written, not refused.
#[test]
fn a_backfilled_check_in_is_written() {
    let dir = copy_of(&acme());
    let before = read(dir.path(), PLATFORM);
    let out = Okr::new()
        .args([
            "checkin",
            "platform/P1/P1.1",
            "4.8",
            "--date",
            "2026-11-20",
            "--path",
            ".",
            "--as-of=2026-12-07",
        ])
        .current_dir(dir.path())
        .run();
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    let after = read(dir.path(), PLATFORM);
    assert_ne!(before, after);
    assert!(after.contains("2026-11-20"), "{after}");
    assert!(!out.stderr().contains("not written"), "{}", out.stderr());
}

/// A check-in dated before the latest goes in date order, not at the end
/// (which would be O011, out of order), and leaves `current` as the
/// latest check-in has it (a changed `current` would be O013).
#[test]
fn a_backfilled_check_in_goes_in_date_order_and_keeps_current() {
    let dir = copy_of(&acme());
    let out = okr(
        dir.path(),
        &["checkin", "O2/3", "0.65", "--date", "2026-11-02"],
    );
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    assert!(
        out.stdout()
            .contains("backfilled before the check-in of 2026-11-18, which keeps current 0.5"),
        "{}",
        out.stdout()
    );
    let file = read(dir.path(), "2026-Q4.yaml");
    let start = file.find("Hold monthly gross logo churn").unwrap();
    let after = &file[start..start + file[start..].find("  - id: O3").unwrap()];
    assert!(after.contains("        current: 0.5\n"), "{after}");
    let october = after.find("date: 2026-10-30").unwrap();
    let backfilled = after.find("date: 2026-11-02").unwrap();
    let november = after.find("date: 2026-11-18").unwrap();
    assert!(october < backfilled && backfilled < november, "{after}");
    let check = okr(dir.path(), &["check"]);
    assert!(
        !check.stdout().contains("O011") && !check.stdout().contains("O013"),
        "{}",
        check.stdout()
    );
}

/// `OBJECTIVE/KR` (`P2/1`) is tried when no team has that name, and a
/// reference that is neither says what it could have meant.
#[test]
fn an_objective_and_position_reference_names_the_key_result() {
    let dir = copy_of(&acme());
    let out = okr(dir.path(), &["checkin", "P2/1", "300"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    assert!(
        out.stdout().contains("platform/P2/P2.1"),
        "{}",
        out.stdout()
    );
    let out = okr(dir.path(), &["checkin", "Q9/1", "300"]);
    assert_eq!(out.code(), Some(2));
    let err = out.stderr();
    assert!(err.contains("neither a team nor an objective"), "{err}");
    assert!(err.contains("platform"), "{err}");
}

/// A key result measured in percent (`target: 45%`) takes `30%` or `30` on
/// the command line; one measured in another unit refuses `30%`.
#[test]
fn percentages_on_the_command_line() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = "objectives:\n  - id: G1\n    title: Convert more trials\n    key_results:\n      - {title: Trial conversion, start: 20%, target: 45%}\n      - {title: Checkout time, start: 900, target: 400, unit: ms}\n";
    fs::write(dir.path().join("2026-Q4.yaml"), file).unwrap();
    let run = |args: &[&str]| {
        Okr::new()
            .args(args)
            .args(["--path", ".", "--as-of=2026-11-10"])
            .current_dir(dir.path())
            .run()
    };
    let out = run(&["checkin", "G1/1", "30%", "--confidence", "70%"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    let out = run(&["checkin", "G1/1", "32", "--date", "2026-11-10"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    let text = read(dir.path(), "2026-Q4.yaml");
    assert!(
        text.contains("value: 30") && text.contains("confidence: 0.7"),
        "{text}"
    );
    let check = run(&["check"]);
    assert!(!check.stdout().contains("L002"), "{}", check.stdout());
    let out = run(&["checkin", "G1/2", "30%"]);
    assert_eq!(out.code(), Some(2));
    assert!(out.stderr().contains("measured in ms"), "{}", out.stderr());
}

/// A key result that writes its numbers as percentages (`current: 55%`)
/// gets its new `current` and check-ins written the same way (`62%`), so
/// the check-in never mixes a plain number in (L002), backfilled or not.
#[test]
fn a_key_result_written_in_percentages_stays_so() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = "objectives:
  - id: E3
    title: Make search great
    key_results:
      - id: E3.2
        title: Lift search success from 30% to 80%
        start: 30%
        target: 80%
        current: 55%
        checkins:
          - {date: 2026-10-20, value: 45%}
          - {date: 2026-11-10, value: 55%}
";
    fs::write(dir.path().join("2026-Q4.yaml"), file).unwrap();
    let run = |args: &[&str]| {
        Okr::new()
            .args(args)
            .args(["--path", ".", "--as-of=2026-12-08"])
            .current_dir(dir.path())
            .run()
    };
    for args in [
        &["checkin", "E3.2", "62%"][..],
        &["checkin", "E3.2", "58", "--date", "2026-11-24"][..],
    ] {
        let out = run(args);
        assert_eq!(out.code(), Some(0), "{args:?}: {}", out.stderr());
    }
    let text = read(dir.path(), "2026-Q4.yaml");
    assert!(text.contains("current: 62%\n"), "{text}");
    assert!(text.contains("{date: 2026-12-08, value: 62%}"), "{text}");
    assert!(text.contains("{date: 2026-11-24, value: 58%}"), "{text}");
    let check = run(&["check"]);
    assert!(!check.stdout().contains("L002"), "{}", check.stdout());
}

/// Final grades are written in the days after a quarter: `okr checkin` on
/// 2027-01-05 finds a key result of 2026-Q4 (the quarter that just ended),
/// writes it there without O009, and `okr check` agrees; a check-in more
/// than `grading_days` after the quarter is O009, whose hint names both
/// what the user may mean.
#[test]
fn final_grades_in_the_days_after_the_quarter() {
    let dir = copy_of(&acme());
    let run = |args: &[&str], as_of: &str| {
        Okr::new()
            .args(args)
            .args(["--path", ".", &format!("--as-of={as_of}")])
            .current_dir(dir.path())
            .run()
    };
    let out = run(&["checkin", "platform/P1/P1.1", "3.2"], "2027-01-05");
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    assert!(
        out.stdout().contains("platform/2026-Q4.yaml"),
        "{}",
        out.stdout()
    );
    assert!(read(dir.path(), PLATFORM).contains("date: 2027-01-05"));
    let check = run(&["check"], "2027-01-05");
    assert!(!check.stdout().contains("O009"), "{}", check.stdout());
    // The final grade counts in the quarter's score.
    let report = Okr::new()
        .args(["report", ".", "--format", "json", "--team", "platform"])
        .args(["--as-of=2027-01-05", "--quarter", "2026-Q4"])
        .current_dir(dir.path())
        .run()
        .json();
    let p1 = report["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["quarter"] == "2026-Q4")
        .unwrap()["teams"][0]["objectives"][0]
        .clone();
    assert_eq!(p1["key_results"][0]["current"], 3.2, "{p1}");

    // 20 days after the quarter is too late for a grade.
    let out = run(
        &["checkin", "platform/P1/P1.2", "1.5", "--quarter", "2026-Q4"],
        "2027-01-20",
    );
    assert_eq!(out.code(), Some(1), "{}", out.stderr());
    let err = out.stderr();
    assert!(err.contains("warning[O009]"), "{err}");
    assert!(
        err.contains("a final grade may be dated up to 14 days after the quarter (`grading_days` in okr.yaml, until 2027-01-14); a later check-in belongs to the file of 2027-Q1"),
        "{err}"
    );
}

/// `grading_days: 0` in okr.yaml: a check-in the day after the quarter is O009.
#[test]
fn grading_days_zero_allows_no_grade_after_the_quarter() {
    let dir = copy_of(&acme());
    let config = read(dir.path(), "okr.yaml");
    fs::write(
        dir.path().join("okr.yaml"),
        format!("{config}\ngrading_days: 0\n"),
    )
    .unwrap();
    let out = Okr::new()
        .args(["checkin", "platform/P1/P1.1", "3.2", "--quarter", "2026-Q4"])
        .args(["--path", ".", "--as-of=2027-01-01"])
        .current_dir(dir.path())
        .run();
    assert_eq!(out.code(), Some(1), "{}", out.stderr());
    assert!(out.stderr().contains("warning[O009]"), "{}", out.stderr());
}

/// The same check-in twice (a script run again) is written once: the
/// second run says so and changes nothing.
#[test]
fn the_same_check_in_twice_is_written_once() {
    let dir = copy_of(&acme());
    let args = ["checkin", "platform/P1/P1.1", "4.0", "--date", "2026-11-24"];
    let first = okr(dir.path(), &args);
    assert_eq!(first.code(), Some(0), "{}", first.stderr());
    let after = read(dir.path(), PLATFORM);
    let second = okr(dir.path(), &args);
    assert_eq!(second.code(), Some(0), "{}", second.stderr());
    assert!(
        second
            .stdout()
            .contains("already has a check-in of 4 on 2026-11-24; nothing written"),
        "{}",
        second.stdout()
    );
    assert_eq!(read(dir.path(), PLATFORM), after);
}

/// In the grading days, once next quarter's file exists (`okr new --from`
/// carries the same ids), a reference found in both quarters is not
/// guessed: okr asks for `--quarter`; a `--date` inside the quarter being
/// graded means that quarter.
#[test]
fn in_the_grading_days_a_reference_in_both_quarters_asks_which() {
    let dir = copy_of(&acme());
    let run = |args: &[&str]| {
        Okr::new()
            .args(args)
            .args(["--path", ".", "--as-of=2027-01-05"])
            .current_dir(dir.path())
            .run()
    };
    let out = run(&["new", "2027-Q1", "--team", "platform", "--from", "2026-Q4"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    let next = read(dir.path(), "platform/2027-Q1.yaml");
    let out = run(&["checkin", "platform/P1/P1.1", "3.2"]);
    assert_eq!(out.code(), Some(2), "{}", out.stdout());
    assert!(
        out.stderr().contains("`platform/P1/P1.1` names a key result of 2026-Q4, which is in its grading days, and one of 2027-Q1: add `--quarter 2026-Q4` for its final grade, or `--quarter 2027-Q1` for a check-in on the new quarter"),
        "{}",
        out.stderr()
    );
    assert_eq!(read(dir.path(), "platform/2027-Q1.yaml"), next);
    let out = run(&["checkin", "platform/P1/P1.1", "3.2", "--date", "2026-12-31"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    assert!(read(dir.path(), PLATFORM).contains("date: 2026-12-31"));
    let out = run(&["checkin", "platform/P1/P1.1", "3.1", "--quarter", "2027-Q1"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    assert!(read(dir.path(), "platform/2027-Q1.yaml").contains("2027-01-05"));
}
