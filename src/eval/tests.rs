//! Regression tests for a key result's state at a date, each named after
//! the disagreement it pins.

use chrono::NaiveDate;

use super::evaluate;
use crate::input::find::QuarterPath;
use crate::model::KeyResultAt;
use crate::model::Repository;
use crate::model::quarter::Quarter;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// One company quarter file for 2026-Q4 with the given key results.
fn repository(key_results: &str) -> Repository {
    let text = format!(
        "objectives:\n  - id: O1\n    title: Make deploys boring\n    key_results:\n{key_results}"
    );
    let file = QuarterPath {
        path: "2026-Q4.yaml".into(),
        rel: "2026-Q4.yaml".to_owned(),
        quarter: Quarter::parse("2026-Q4").unwrap(),
        folder_team: "company".to_owned(),
    };
    let (quarter, findings) = crate::input::load::load_quarter(&file, &text);
    assert!(findings.is_empty(), "{findings:?}");
    Repository {
        quarters: vec![quarter.unwrap()],
        ..Repository::default()
    }
}

const FIRST: KeyResultAt = KeyResultAt {
    file: 0,
    objective: 0,
    key_result: 0,
};

#[test]
fn a_metric_is_never_done_whatever_its_check_ins_say() {
    let repo = repository(
        "      - title: Cut failed deploys to 3 percent\n        start: 7\n        target: 3\n        checkins:\n          - {date: 2026-10-05, value: 6}\n          - {date: 2026-11-20, value: 4}\n",
    );
    for date in ["2026-10-10", "2026-11-25"] {
        let eval = evaluate(&repo, day(date));
        let state = eval.key_result(FIRST).unwrap();
        assert_eq!(state.done, None, "at {date}");
    }
    // Stale at 2026-11-10: the check-in of 2026-10-05 is 36 days old.
    let eval = evaluate(&repo, day("2026-11-10"));
    let state = eval.key_result(FIRST).unwrap();
    assert!(state.stale);
    assert_eq!(state.current, Some(6.0));
    assert_eq!(state.last_checkin, Some(day("2026-10-05")));
}

#[test]
fn a_milestone_done_later_is_not_done_before_its_check_in() {
    let repo = repository(
        "      - title: Ship blue-green deploys to 2 services\n        done: true\n        checkins:\n          - {date: 2026-12-01, value: 1}\n",
    );
    let before = evaluate(&repo, day("2026-11-20"));
    let state = before.key_result(FIRST).unwrap();
    assert_eq!(state.done, Some(false));
    assert_eq!(state.score, Some(0.0));
    assert!(state.stale, "no check-in in 50 days and not done yet");
    let after = evaluate(&repo, day("2026-12-02"));
    let state = after.key_result(FIRST).unwrap();
    assert_eq!(state.done, Some(true));
    assert!(!state.stale);
}

#[test]
fn support_counts_an_objective_once_however_often_it_names_the_strategic_objective() {
    let repo = repository(
        "      - title: Cut failed deploys to 3 percent\n        target: 3\n        current: 3\n",
    );
    let mut repo = repo;
    let o = &mut repo.quarters[0].objectives[0];
    o.supports = vec![
        crate::model::Text {
            value: "C1".into(),
            span: crate::model::span::Span::FILE,
        };
        2
    ];
    let eval = evaluate(&repo, day("2026-11-20"));
    let support = &eval.quarters[0].support["C1"];
    assert_eq!(support.objectives, vec![(0, 0)]);
}
