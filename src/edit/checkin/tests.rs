//! The editor on odd-but-valid layouts: each case appends a check-in and
//! must change nothing but the spots it names (the rest byte-identical),
//! and read back as the old data plus the check-in (`verify`).

use super::edit::{self, Located, NewCheckin, Update};
use super::verify::{self, Place};
use crate::input::find::QuarterPath;
use crate::input::load::load_quarter;
use crate::model::quarter::Quarter;

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Applies a check-in of `value` (with a note needing quotes) to the first
/// objective's key result `kr` and returns the new text, verified.
fn edit(text: &str, kr: usize, value: f64) -> String {
    edit_on(text, kr, value, "2026-11-20")
}

/// [`edit`] with a check-in dated `on`.
fn edit_on(text: &str, kr: usize, value: f64, on: &str) -> String {
    let file = QuarterPath {
        path: "2026-Q4.yaml".into(),
        rel: "2026-Q4.yaml".into(),
        quarter: Quarter::parse("2026-Q4").unwrap(),
        folder_team: "company".into(),
    };
    let (model, findings) = load_quarter(&file, text);
    assert!(findings.is_empty(), "{findings:?}");
    let key_result = &model.unwrap().objectives[0].key_results[kr];
    let change = Update {
        checkin: NewCheckin {
            percent: false,
            date: date(on),
            value: Some(value),
            score: None,
            confidence: Some(0.6),
            note: Some("Freeze: few deploys".into()),
        },
        index: edit::index(key_result, date(on)),
        current: key_result.current.map(|_| value),
        done: None,
        score: None,
    };
    let at = Located {
        key_result,
        checkins: key_result.checkins_span,
    };
    let (new, _) = edit::apply(text, at, &change).unwrap();
    verify::verify(
        text,
        &new,
        Place {
            objective: 0,
            key_result: kr,
        },
        &change,
        &crate::input::yaml::ParserLimits::DEFAULT,
    )
    .unwrap_or_else(|e| panic!("{e}\n--- new text:\n{new}"));
    new
}

/// `new` is `old` with `inserted` added at one place (and nothing removed).
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

const BLOCK: &str = "\
# Platform OKRs.
quarter: 2026-Q4
objectives:
  - id: P1   # the big one
    title: Make deploys boring
    key_results:
      - id: P1.1
        title: Cut failed deploys from 7% to 3%
        start: 7
        target: 3
        checkins:
          - date: 2026-10-09
            value: 6.5
            note: |
              Expand-contract migrations.
              # not a comment: part of the note

          # a comment after the last check-in, kept below it
      - title: Publish 3 runbooks
        done: false
";

#[test]
fn block_list_gets_an_item_at_the_same_column() {
    let new = edit(BLOCK, 0, 4.1);
    assert_only_inserted(
        BLOCK,
        &new,
        "          - date: 2026-11-20\n            value: 4.1\n            confidence: 0.6\n            note: \"Freeze: few deploys\"\n",
    );
}

#[test]
fn key_result_without_checkins_gets_the_key() {
    let new = edit(BLOCK, 1, 0.0);
    assert_only_inserted(
        BLOCK,
        &new,
        "        checkins:\n          - date: 2026-11-20\n            value: 0\n            confidence: 0.6\n            note: \"Freeze: few deploys\"\n",
    );
    assert!(new.ends_with("done: false\n        checkins:\n          - date: 2026-11-20\n            value: 0\n            confidence: 0.6\n            note: \"Freeze: few deploys\"\n"));
}

#[test]
fn current_is_replaced_in_place_and_comments_stay() {
    let text = "\
objectives:
  - id: O1
    title: Grow
    key_results:
      - {title: Reach 100 users, target: 100, current: 40}   # flow style
      - title: Reach 10 teams
        target: 10
        current: 4 # as of Monday
";
    let new = edit(text, 1, 6.0);
    assert!(
        new.contains(
            "        current: 6 # as of Monday\n        checkins:\n          - date: 2026-11-20\n"
        ),
        "{new}"
    );
    let new = edit(text, 0, 55.0);
    assert!(new.contains("      - {title: Reach 100 users, target: 100, current: 55, checkins: [{date: 2026-11-20, value: 55, confidence: 0.6, note: \"Freeze: few deploys\"}]}   # flow style\n"), "{new}");
}

#[test]
fn flow_lists_and_flow_items_keep_their_style() {
    let text = "\
objectives:
  - id: O1
    title: Grow
    key_results:
      - title: Reach 100 users
        target: 100
        checkins: [{date: 2026-10-01, value: 10}, {date: 2026-10-15, value: '20'} ]
      - title: Reach 10 teams
        target: 10
        checkins:
        - {date: 2026-10-01, value: 1}
      - title: Reach 5 regions
        target: 5
        checkins: []
";
    let new = edit(text, 0, 30.0);
    assert_only_inserted(
        text,
        &new,
        ", {date: 2026-11-20, value: 30, confidence: 0.6, note: \"Freeze: few deploys\"}",
    );
    let new = edit(text, 1, 2.0);
    assert_only_inserted(
        text,
        &new,
        "        - {date: 2026-11-20, value: 2, confidence: 0.6, note: \"Freeze: few deploys\"}\n",
    );
    let new = edit(text, 2, 1.0);
    assert_only_inserted(
        text,
        &new,
        "{date: 2026-11-20, value: 1, confidence: 0.6, note: \"Freeze: few deploys\"}",
    );
}

#[test]
fn crlf_quoted_keys_and_no_final_newline() {
    let text = "\"objectives\":\r\n- 'id': O1\r\n  \"title\": Grow\r\n  key_results:\r\n  - \"title\": Reach 100 users\r\n    'target': 100\r\n    \"current\": 40";
    let new = edit(text, 0, 50.0);
    assert_eq!(
        new,
        "\"objectives\":\r\n- 'id': O1\r\n  \"title\": Grow\r\n  key_results:\r\n  - \"title\": Reach 100 users\r\n    'target': 100\r\n    \"current\": 50\r\n    checkins:\r\n      - date: 2026-11-20\r\n        value: 50\r\n        confidence: 0.6\r\n        note: \"Freeze: few deploys\"\r\n"
    );
}

#[test]
fn a_dash_on_its_own_line_and_tabs_in_comments() {
    let text = "\
objectives:
  - id: O1
    title: Grow
    key_results:
      -
        title: Reach 100 users
        target: 100
        checkins:
          -
            date: 2026-10-01
            value: 10\t# tab before a comment
";
    let new = edit(text, 0, 20.0);
    assert_only_inserted(
        text,
        &new,
        "          - date: 2026-11-20\n            value: 20\n            confidence: 0.6\n            note: \"Freeze: few deploys\"\n",
    );
}

#[test]
fn comments_stay_with_the_key_result_they_are_about() {
    let text = "\
objectives:
  - id: P1
    title: Make deploys boring
    key_results:
      - id: P1.1
        title: Cut failed deploys from 7% to 3%
# TODO: confirm the start with the SRE team
        start: 7
        target: 3
        # The next one is about latency
      - id: P1.2
        title: Cut p99 latency from 900 to 300 ms
        start: 900
        target: 300
";
    let new = edit(text, 0, 5.0);
    assert_only_inserted(
        text,
        &new,
        "        checkins:\n          - date: 2026-11-20\n            value: 5\n            confidence: 0.6\n            note: \"Freeze: few deploys\"\n",
    );
    assert!(
        new.contains("        target: 3\n        checkins:\n"),
        "{new}"
    );
    assert!(new.contains("\n        # The next one is about latency\n      - id: P1.2\n"));
}

#[test]
fn a_keep_block_scalar_keeps_its_trailing_blank_lines() {
    let text = "\
objectives:
  - id: P1
    title: Grow
    key_results:
      - title: Reach 100 users
        target: 100
        description: |+
          Counted weekly.

      - title: Reach 10 teams
        target: 10
";
    let new = edit(text, 0, 5.0);
    assert!(
        new.contains("          Counted weekly.\n\n        checkins:\n"),
        "{new}"
    );
}

#[test]
fn line_endings_follow_the_lines_around_the_edit() {
    let text = "# written on Linux\nobjectives:\r\n  - id: P1\r\n    title: Grow\r\n    key_results:\r\n      - title: Reach 100 users\r\n        target: 100\r\n";
    let new = edit(text, 0, 5.0);
    assert!(new.ends_with("        target: 100\r\n        checkins:\r\n          - date: 2026-11-20\r\n            value: 5\r\n            confidence: 0.6\r\n            note: \"Freeze: few deploys\"\r\n"), "{new:?}");
}

#[test]
fn findings_are_compared_by_rule_and_subject_not_by_their_dates() {
    use super::subject;
    assert_eq!(
        subject("key result `P1.1` last check-in was on 2026-11-18, 19 days ago (cadence 14 days)"),
        subject("key result `P1.1` last check-in was on 2026-11-20, 17 days ago (cadence 14 days)"),
    );
    assert_ne!(
        subject("key result `P1.1` last check-in was on 2026-11-18, 19 days ago"),
        subject("key result `P1.2` last check-in was on 2026-11-18, 19 days ago"),
    );
}

/// A backfilled check-in goes in date order: before the first one dated
/// after it, in the style of its list.
#[test]
fn a_backfilled_check_in_goes_in_date_order() {
    let text = "\
objectives:
  - id: O1
    title: Grow
    key_results:
      - title: Reach 100 users
        target: 100
        checkins: [{date: 2026-10-01, value: 10}, {date: 2026-10-15, value: 20}]
      - title: Reach 10 teams
        target: 10
        checkins:
          # October
          - date: 2026-10-01
            value: 1
          - {date: 2026-10-15, value: 2}
";
    let new = edit_on(text, 0, 15.0, "2026-10-08");
    assert_only_inserted(
        text,
        &new,
        "{date: 2026-10-08, value: 15, confidence: 0.6, note: \"Freeze: few deploys\"}, ",
    );
    assert!(
        new.contains("[{date: 2026-10-01, value: 10}, {date: 2026-10-08,"),
        "{new}"
    );
    let new = edit_on(text, 0, 5.0, "2026-09-30");
    assert!(
        new.contains("checkins: [{date: 2026-09-30, value: 5,"),
        "{new}"
    );
    let new = edit_on(text, 1, 1.5, "2026-10-08");
    assert_only_inserted(
        text,
        &new,
        "          - {date: 2026-10-08, value: 1.5, confidence: 0.6, note: \"Freeze: few deploys\"}\n",
    );
    let new = edit_on(text, 1, 0.5, "2026-09-01");
    assert!(
        new.contains("# October\n          - date: 2026-09-01\n            value: 0.5\n"),
        "{new}"
    );
    // The same date as an existing one goes after it.
    let new = edit_on(text, 1, 1.2, "2026-10-01");
    assert!(
        new.contains("            value: 1\n          - {date: 2026-10-01, value: 1.2,"),
        "{new}"
    );
}
