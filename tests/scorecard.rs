//! The Balanced Scorecard at a date, end to end through `okr report` and
//! `okr check`: zero and lower-is-better targets, targets by period,
//! data-only measures, bands, values dated before and after the as-of date,
//! OKR support from the as-of date's quarter, and year-end grades on both
//! sides of the last day. Every expected figure is worked out by hand in the
//! comment beside it (docs/scoring.md gives the formulas).

use serde_json::Value;

use crate::util::{Okr, write};

/// A scorecard of one objective per perspective: `financial` is the one a
/// test writes, the others are a fixed, linked backdrop.
fn strategy(period: &str, financial: &str) -> String {
    format!(
        "period: {period}
perspectives:
  financial:
{financial}
  customer:
    - {{id: C1, title: Delight patients, contributes_to: [F1], measures: [{{id: nps, name: NPS, baseline: 30, target: 50, actual: 40}}]}}
  internal:
    - {{id: I1, title: Run lean, contributes_to: [C1], measures: [{{id: wait, name: Wait, baseline: 30, target: 10, actual: 20}}]}}
  learning:
    - {{id: L1, title: Grow skills, contributes_to: [I1], measures: [{{id: certs, name: Certs, baseline: 0, target: 10, actual: 5}}]}}
"
    )
}

/// A goals folder holding `files`.
fn goals(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "okr.yaml",
        "limits: {strategy_objectives: {min: 4, max: 15}}\n",
    );
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

/// `okr report --only strategy` as JSON at `as_of`: the scorecard.
fn scorecard(dir: &tempfile::TempDir, as_of: &str) -> Value {
    let output = Okr::new()
        .arg("report")
        .arg(dir.path())
        .arg(format!("--as-of={as_of}"))
        .args(["--format=json", "--only=strategy"])
        .run();
    output.assert_code(0);
    output.json()["strategy"].clone()
}

/// `okr report --only strategy` in `format` at `as_of`.
fn shown(dir: &tempfile::TempDir, as_of: &str, format: &str) -> String {
    let output = Okr::new()
        .arg("report")
        .arg(dir.path())
        .arg(format!("--as-of={as_of}"))
        .args(["--only=strategy", "--color=never"])
        .arg(format!("--format={format}"))
        .run();
    output.assert_code(0);
    output.stdout()
}

/// The codes `okr check` finds at `as_of`.
fn codes(dir: &tempfile::TempDir, as_of: &str) -> Vec<String> {
    let output = Okr::new()
        .arg("check")
        .arg(dir.path())
        .arg(format!("--as-of={as_of}"))
        .arg("--format=json")
        .run();
    output.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect()
}

fn f1(scorecard: &Value) -> &Value {
    &scorecard["perspectives"][0]["objectives"][0]
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[test]
fn zero_and_lower_is_better_targets_score_from_the_baseline() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Never harm a patient
      measures:
        - {id: falls, name: Falls with harm, baseline: 3, target: 0, actual: 1}
        - {id: never, name: Never events, baseline: 3, target: 0, actual: 0}
        - {id: wrong_site, name: Wrong-site surgery, direction: down, target: 0, actual: 0}
        - {id: donors, name: Recurring donors, target: tbd}",
        ),
    )]);
    let s = scorecard(&dir, "2026-07-15");
    let m = &f1(&s)["measures"];
    // From 3 toward 0, now 1: (1 - 3) / (0 - 3) = 2/3.
    assert!(close(&m[0]["score"], 2.0 / 3.0), "{m}");
    // At the target of 0: 1.0, with a baseline or without one.
    assert!(close(&m[1]["score"], 1.0), "{m}");
    assert!(close(&m[2]["score"], 1.0), "{m}");
    // Only the target still to be decided is unscored, and the roll-ups say so:
    // (2/3 + 1 + 1) / 3 = 8/9 over 3 of 4 measures.
    assert_eq!(m[3]["score"], Value::Null, "{m}");
    assert!(close(&f1(&s)["score"], 8.0 / 9.0), "{s}");
    assert_eq!(
        f1(&s)["coverage"],
        serde_json::json!({"scored": 3, "total": 4})
    );
    assert_eq!(
        s["perspectives"][0]["coverage"],
        serde_json::json!({"scored": 1, "total": 1})
    );
    let table = shown(&dir, "2026-07-15", "table");
    assert!(table.contains("measures scored"), "{table}");
}

#[test]
fn a_period_target_is_paced_from_the_previous_one() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2028-12-31}",
            "    - id: F1
      title: Run an efficient hospital
      measures:
        - id: cost
          name: Cost per adjusted discharge as a share of revenue
          unit: \"%\"
          baseline: 12%
          targets:
            - {by: 2026-12-31, value: 11.5%}
            - {by: 2027-12-31, value: 11.0%}
            - {by: 2028-12-31, value: 10.5%}
          history:
            - {date: 2026-06-30, value: 11.8%}
            - {date: 2027-06-30, value: 11.3%}",
        ),
    )]);
    assert!(
        !codes(&dir, "2027-07-01")
            .iter()
            .any(|c| c == "B004" || c == "L002"),
        "{:?}",
        codes(&dir, "2027-07-01")
    );
    // 2027-07-01 falls in the 2027 period: from 11.5 (the 2026 target) to
    // 11.0, now 11.3: (11.3 - 11.5) / (11.0 - 11.5) = 0.4. Expected: 182
    // of 2027's 365 days elapsed, times the committed goal 1.0 = 0.4986;
    // 0.4 is within the 0.10 on-track tolerance of it.
    let s = scorecard(&dir, "2027-07-01");
    let m = &f1(&s)["measures"][0];
    assert!(close(&m["score"], 0.4), "{m}");
    assert!(close(&m["expected"], 182.0 / 365.0), "{m}");
    assert!(close(&m["target"], 11.0), "{m}");
    assert_eq!(m["target_by"], "2027-12-31", "{m}");
    assert_eq!(m["status"], "on_track", "{m}");
    assert!(close(&f1(&s)["expected"], 182.0 / 365.0), "{s}");
    assert_eq!(m["targets"].as_array().map(Vec::len), Some(3), "{m}");
    // 2026-09-30 is in the first period: from the baseline 12 to 11.5, now
    // 11.8: 0.2 / 0.5 = 0.4; expected 273 / 365 = 0.748: off track.
    let s = scorecard(&dir, "2026-09-30");
    let m = &f1(&s)["measures"][0];
    assert!(close(&m["score"], 0.4), "{m}");
    assert!(close(&m["expected"], 273.0 / 365.0), "{m}");
    assert_eq!(m["status"], "off_track", "{m}");
    // Its last day, 2026-12-31, closes the 2026 period: graded against
    // 11.5, 0.4 is partly met (from `scoring.grades.yellow`, 0.4).
    let s = scorecard(&dir, "2026-12-31");
    let m = &f1(&s)["measures"][0];
    assert_eq!(m["status"], "partly_met", "{m}");
    assert_eq!(f1(&s)["status"], "partly_met", "{s}");
    let table = shown(&dir, "2027-07-01", "table");
    assert!(table.contains("by 2027-12-31"), "{table}");
}

#[test]
fn data_only_measures_are_shown_but_never_scored() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Run an efficient hospital
      measures:
        - {id: opex, name: Operating expenses, unit: EUR, data_only: true, actual: 41000000}
        - {id: discharges, name: Adjusted discharges, data_only: true, actual: 18000}
        - {id: margin, name: Operating margin, unit: \"%\", baseline: 1, target: 3, actual: 2}",
        ),
    )]);
    assert!(
        !codes(&dir, "2026-07-15").iter().any(|c| c == "B004"),
        "{:?}",
        codes(&dir, "2026-07-15")
    );
    let s = scorecard(&dir, "2026-07-15");
    let o = f1(&s);
    assert_eq!(o["measures"][0]["status"], "data_only", "{o}");
    assert_eq!(o["measures"][0]["score"], Value::Null, "{o}");
    assert_eq!(o["measures"][0]["data_only"], true, "{o}");
    assert!(close(&o["measures"][0]["actual"], 41_000_000.0), "{o}");
    // Only the margin counts: (2 - 1) / (3 - 1) = 0.5, one measure of one.
    assert!(close(&o["score"], 0.5), "{o}");
    assert_eq!(o["coverage"], serde_json::json!({"scored": 1, "total": 1}));
    let markdown = shown(&dir, "2026-07-15", "markdown");
    assert!(markdown.contains("| data only |"), "{markdown}");
}

#[test]
fn bands_give_the_status_in_the_measures_direction() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Treat patients on time
      measures:
        - {id: ed, name: Seen within 4 hours, unit: \"%\", baseline: 80, target: 98, actual: 93, bands: {green: 95, yellow: 90}}
        - {id: wait, name: Days to a first appointment, baseline: 20, target: 5, actual: 4, bands: {green: 5, yellow: 7}}
        - {id: beds, name: Days to a bed, baseline: 20, target: 5, actual: 8, bands: {green: 5, yellow: 7}}",
        ),
    )]);
    let s = scorecard(&dir, "2026-03-01");
    let m = &f1(&s)["measures"];
    // 93 is short of 95 but at or above 90: yellow, however the pace looks
    // (linear pacing would say (93 - 80) / 18 = 0.72 against 0.16: on track).
    assert_eq!(m[0]["status"], "yellow", "{m}");
    // Lower is better: 4 is at or below 5, green; 8 is above 7, red.
    assert_eq!(m[1]["status"], "green", "{m}");
    assert_eq!(m[2]["status"], "red", "{m}");
    assert_eq!(
        m[0]["bands"],
        serde_json::json!({"green": 95.0, "yellow": 90.0})
    );
    // At the end the bands are the grade: yellow is partly met.
    let s = scorecard(&dir, "2026-12-31");
    let m = &f1(&s)["measures"];
    assert_eq!(m[0]["status"], "partly_met", "{m}");
    assert_eq!(m[1]["status"], "met", "{m}");
    assert_eq!(m[2]["status"], "missed", "{m}");
}

#[test]
fn the_year_end_grade_holds_on_both_sides_of_the_last_day() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Grow recurring revenue
      measures:
        - {id: arr, name: ARR, baseline: 0, target: 10, actual: 8}",
        ),
    )]);
    // 2026-12-30: 364 of 365 days, expected 0.997; 0.8 is within 0.25 of it: at risk.
    let s = scorecard(&dir, "2026-12-30");
    assert_eq!(f1(&s)["status"], "at_risk", "{s}");
    // The last day and the day after: the same data, the same grade. 0.8 is
    // short of the target (1.0) and at least `scoring.grades.yellow` (0.4).
    for day in ["2026-12-31", "2027-01-01", "2027-06-30"] {
        let s = scorecard(&dir, day);
        assert!(close(&f1(&s)["score"], 0.8), "{day}: {s}");
        assert_eq!(f1(&s)["status"], "partly_met", "{day}: {s}");
        assert_eq!(f1(&s)["measures"][0]["status"], "partly_met", "{day}");
        // The backdrop: C1 (40 of 30 -> 50) is 0.5, partly met; I1 (20 of
        // 30 -> 10) 0.5; L1 (5 of 10) 0.5.
        assert_eq!(
            s["perspectives"][1]["objectives"][0]["status"],
            "partly_met"
        );
    }
    // The same words in every format.
    for format in ["table", "markdown", "html", "csv"] {
        let text = shown(&dir, "2027-01-01", format);
        assert!(text.contains("partly met"), "{format}: {text}");
        // (The HTML's stylesheet names every status, yellow among them.)
        if format != "html" {
            assert!(!text.contains("yellow"), "{format}: {text}");
        }
    }
    let missed = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Grow recurring revenue
      measures:
        - {id: arr, name: ARR, baseline: 0, target: 10, actual: 3}
        - {id: nrr, name: NRR, baseline: 100, target: 110, actual: 112}",
        ),
    )]);
    let s = scorecard(&missed, "2026-12-31");
    let m = &f1(&s)["measures"];
    // 0.3 is below 0.4: missed; 112 is beyond 110: met.
    assert_eq!(m[0]["status"], "missed", "{m}");
    assert_eq!(m[1]["status"], "met", "{m}");
}

#[test]
fn a_past_date_uses_only_values_known_by_then() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Grow recurring revenue
      measures:
        # The actual is dated at the last history date, 2026-10-31.
        - id: arr
          name: ARR
          baseline: 0
          target: 10
          actual: 8
          history: [{date: 2026-03-31, value: 2}, {date: 2026-10-31, value: 8}]
        # Measured in October: nothing is known before.
        - {id: nrr, name: NRR, baseline: 100, target: 110, actual: 105, actual_date: 2026-10-15}
        # Undated and without history: it counts at every date.
        - {id: gm, name: Gross margin, baseline: 70, target: 80, actual: 75}",
        ),
    )]);
    assert_eq!(codes(&dir, "2026-11-28"), Vec::<String>::new());
    let s = scorecard(&dir, "2026-06-30");
    let m = &f1(&s)["measures"];
    // June: the March value 2 (0.2), not October's 8.
    assert!(close(&m[0]["actual"], 2.0), "{m}");
    assert!(close(&m[0]["score"], 0.2), "{m}");
    assert_eq!(m[0]["actual_date"], "2026-03-31", "{m}");
    assert_eq!(m[1]["actual"], Value::Null, "{m}");
    assert_eq!(m[1]["score"], Value::Null, "{m}");
    assert!(close(&m[2]["score"], 0.5), "{m}");
    let s = scorecard(&dir, "2026-11-28");
    let m = &f1(&s)["measures"];
    assert!(close(&m[0]["score"], 0.8), "{m}");
    assert!(close(&m[1]["score"], 0.5), "{m}");
}

#[test]
fn a_history_point_in_the_future_is_an_error_not_a_silent_actual() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Grow recurring revenue
      measures:
        - id: arr
          name: ARR
          baseline: 0
          target: 10
          actual: 8
          history: [{date: 2026-09-30, value: 6}, {date: 2027-10-31, value: 8}]",
        ),
    )]);
    let found = codes(&dir, "2026-11-28");
    assert_eq!(found, ["B014"], "{found:?}");
    // Until 2027-10-31 neither that point nor the actual dated with it
    // counts: the September value 6 does, 0.6.
    let s = scorecard(&dir, "2026-11-28");
    let m = &f1(&s)["measures"][0];
    assert!(close(&m["actual"], 6.0), "{m}");
    assert!(close(&m["score"], 0.6), "{m}");
}

#[test]
fn okr_support_comes_from_the_quarter_of_the_as_of_date() {
    let okrs = "objectives:
  - id: O1
    title: Win new customers
    supports: [F1]
    key_results:
      - {title: Sign 10 customers, target: 10, current: 5}
      - {title: Sign 4 partners, target: 4, current: 2}
";
    let dir = goals(&[
        (
            "strategy.yaml",
            &strategy(
                "{start: 2026-01-01, end: 2026-12-31}",
                "    - {id: F1, title: Grow, measures: [{id: arr, name: ARR, baseline: 0, target: 10, actual: 5}]}",
            ),
        ),
        ("2026-Q3.yaml", okrs),
        ("2026-Q4.yaml", okrs),
    ]);
    // In June (2026-Q2) no quarter file exists: no support, not 0.00, and
    // not the support of a quarter that has not started.
    let s = scorecard(&dir, "2026-06-15");
    assert_eq!(f1(&s)["okr_support"], Value::Null, "{s}");
    assert_eq!(f1(&s)["okr_support_note"], "no OKRs this quarter", "{s}");
    assert_eq!(s["support_quarter"], "2026-Q2", "{s}");
    let table = shown(&dir, "2026-06-15", "table");
    assert!(table.contains("No OKRs this quarter"), "{table}");
    assert!(!table.contains("0.00"), "{table}");
    // In August, 2026-Q3's OKRs: (5/10 + 2/4) / 2 = 0.5.
    let s = scorecard(&dir, "2026-08-15");
    assert!(close(&f1(&s)["okr_support"], 0.5), "{s}");
    assert_eq!(f1(&s)["okr_support_note"], Value::Null, "{s}");
    assert_eq!(s["support_quarter"], "2026-Q3", "{s}");
    // C1 has no OKR: the quarter has OKRs, none supports it.
    assert_eq!(
        s["perspectives"][1]["objectives"][0]["okr_support_note"],
        "not supported"
    );
    // One quarter named: its OKRs are the support, as `okr map --okrs` hangs them.
    let output = Okr::new()
        .arg("report")
        .arg(dir.path())
        .args(["--as-of=2026-08-15", "--quarter=2026-Q4", "--format=json"])
        .run();
    output.assert_code(0);
    assert_eq!(output.json()["strategy"]["support_quarter"], "2026-Q4");
}

#[test]
fn a_measure_is_stale_one_period_plus_the_cadence_after_its_latest_value() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Grow recurring revenue
      measures:
        - id: arr
          name: ARR
          frequency: monthly
          baseline: 0
          target: 10
          actual: 8
          history: [{date: 2026-09-30, value: 6}, {date: 2026-10-31, value: 8}]",
        ),
    )]);
    // Latest value 2026-10-31; one month later is 2026-11-30, plus the
    // default cadence of 14 days: due by 2026-12-14, stale the day after.
    assert_eq!(codes(&dir, "2026-12-14"), Vec::<String>::new());
    assert_eq!(codes(&dir, "2026-12-15"), ["B013"]);
    // The report says so too, from the same evaluation.
    assert_eq!(
        f1(&scorecard(&dir, "2026-12-14"))["measures"][0]["stale"],
        false
    );
    assert_eq!(
        f1(&scorecard(&dir, "2026-12-15"))["measures"][0]["stale"],
        true
    );
    assert!(shown(&dir, "2026-12-15", "table").contains("· stale"));
    assert!(shown(&dir, "2026-12-15", "markdown").contains("⚠️ stale"));
    assert!(shown(&dir, "2026-12-15", "html").contains("<span class=\"flag\">stale</span>"));
    assert!(!shown(&dir, "2026-12-14", "html").contains("<span class=\"flag\">stale</span>"));
    let csv = shown(&dir, "2026-12-15", "csv");
    assert!(
        csv.lines().next().unwrap_or("").contains(",formula,stale,"),
        "{csv}"
    );
}

#[test]
fn an_actual_that_disagrees_with_its_history_is_a_finding() {
    let measure = |actual_date: &str| {
        goals(&[(
            "strategy.yaml",
            &strategy(
                "{start: 2026-01-01, end: 2026-12-31}",
                &format!(
                    "    - id: F1
      title: Grow recurring revenue
      measures:
        - {{id: arr, name: ARR, baseline: 0, target: 10, actual: 9{actual_date}, history: [{{date: 2026-10-31, value: 8}}]}}"
                ),
            ),
        )])
    };
    // Undated, the actual claims to be the 2026-10-31 reading: 9 is not 8.
    let undated = measure("");
    assert_eq!(codes(&undated, "2026-11-28"), ["B016"]);
    // Dated after it, it is a newer reading, and the one scored: 0.9.
    let later = measure(", actual_date: 2026-11-20");
    assert_eq!(codes(&later, "2026-11-28"), Vec::<String>::new());
    assert!(close(
        &f1(&scorecard(&later, "2026-11-28"))["measures"][0]["score"],
        0.9
    ));
    // Before 2026-11-20 the history point is what is known: 0.8.
    assert!(close(
        &f1(&scorecard(&later, "2026-11-10"))["measures"][0]["score"],
        0.8
    ));
}

/// A floor broken at the latest reading: the measure is off track however
/// early in the period, and so is its objective when it is its only scored
/// measure (never "on track" one level up); beside a measure on track, the
/// objective is at risk at best. The same holds for an OKR objective with a
/// threshold key result out of bounds.
#[test]
fn a_broken_floor_is_never_on_track_one_level_up() {
    let floor = "    - id: F1
      title: Stay solvent
      measures:
        - id: cash
          name: Days cash on hand
          keep_above: 90
          history: [{date: 2026-01-31, value: 120}, {date: 2026-02-28, value: 95}]
          actual: 86
          actual_date: 2026-03-31";
    let dir = goals(&[(
        "strategy.yaml",
        &strategy("{start: 2026-01-01, end: 2028-12-31}", floor),
    )]);
    // Two of three readings within: 0.67, well above the 3-year pace (0.08).
    let s = scorecard(&dir, "2026-04-01");
    assert!(close(&f1(&s)["measures"][0]["score"], 2.0 / 3.0), "{s}");
    assert_eq!(f1(&s)["measures"][0]["status"], "off_track", "{s}");
    assert_eq!(f1(&s)["status"], "off_track", "{s}");
    // Beside a measure on track: at risk, not on track.
    let two = format!(
        "{floor}\n        - {{id: margin, name: Margin, baseline: 0, target: 4, actual: 3}}"
    );
    let dir = goals(&[(
        "strategy.yaml",
        &strategy("{start: 2026-01-01, end: 2028-12-31}", &two),
    )]);
    let s = scorecard(&dir, "2026-04-01");
    assert_eq!(f1(&s)["measures"][1]["status"], "on_track", "{s}");
    assert_eq!(f1(&s)["status"], "at_risk", "{s}");

    let okrs = "objectives:
  - id: E1
    title: Make the emergency department calm
    key_results:
      - {title: Cut waits from 60 to 30 minutes, start: 60, target: 30, current: 40}
      - {title: Hold bed occupancy at or below 92%, keep_below: 92, current: 95}
";
    let dir = goals(&[("emergency/2026-Q4.yaml", okrs)]);
    let out = Okr::new()
        .args(["report", ".", "--as-of", "2026-10-20", "--format", "json"])
        .current_dir(dir.path())
        .run();
    let value = out.json();
    let e1 = &value["quarters"][0]["teams"][0]["objectives"][0];
    assert_eq!(e1["key_results"][1]["status"], "off_track", "{e1}");
    assert_eq!(e1["status"], "at_risk", "{e1}");
}

#[test]
fn a_calculated_measure_is_computed_from_its_inputs_at_each_date() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Run an efficient hospital
      measures:
        - {id: opex, name: Operating expenses, unit: EUR, data_only: true, history: [{date: 2026-03-31, value: 1300000}, {date: 2026-06-30, value: 1200000}, {date: 2026-09-30, value: 1250000}]}
        - {id: discharges, name: Adjusted discharges, data_only: true, history: [{date: 2026-03-31, value: 400}, {date: 2026-06-30, value: 400}, {date: 2026-09-30, value: 0}]}
        - {id: cost_per_case, name: Cost per discharge, unit: EUR, formula: opex / adjusted, baseline: 3500, target: 2500}
        - {id: adjusted, name: Discharges adjusted, formula: discharges * 1, data_only: true}",
        ),
    )]);
    let s = scorecard(&dir, "2026-07-15");
    let m = &f1(&s)["measures"][2];
    // 2026-07-15: opex 1,200,000 / 400 discharges = 3,000 per discharge,
    // from 3,500 toward 2,500: (3000 - 3500) / (2500 - 3500) = 0.5.
    assert!(close(&m["actual"], 3000.0), "{m}");
    assert_eq!(m["actual_date"], "2026-06-30", "{m}");
    assert!(close(&m["score"], 0.5), "{m}");
    assert_eq!(m["formula"], "opex / adjusted", "{m}");
    // Its history is its inputs' dates: 1,300,000 / 400 = 3,250, then 3,000.
    assert_eq!(m["trend"], serde_json::json!([3250.0, 3000.0]), "{m}");
    // Only the inputs' 2026-09-30 points, not yet happened (B014).
    assert_eq!(codes(&dir, "2026-07-15"), ["B014", "B014"]);
    // 2026-10-15: 0 discharges since 2026-09-30, a division by zero: unscored
    // (never infinite), a B019, and the 2026-09-30 point is no history.
    let s = scorecard(&dir, "2026-10-15");
    let m = &f1(&s)["measures"][2];
    assert_eq!(m["actual"], Value::Null, "{m}");
    assert_eq!(m["score"], Value::Null, "{m}");
    assert_eq!(m["status"], "unscored", "{m}");
    assert_eq!(m["trend"], serde_json::json!([3250.0, 3000.0]), "{m}");
    assert_eq!(codes(&dir, "2026-10-15"), ["B019"]);
    // The formula is shown in every report format.
    for format in ["table", "markdown", "html", "csv"] {
        let out = shown(&dir, "2026-07-15", format);
        // The table wraps the details column: the formula starts there.
        assert!(
            out.contains("= opex /") || out.contains("opex / adjusted"),
            "{format}: {out}"
        );
    }
}

#[test]
fn a_formula_cycle_and_an_unknown_id_are_findings_and_unscored() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Run an efficient hospital
      measures:
        - {id: opex, name: Operating expenses, data_only: true, actual: 1200000}
        - {id: margin, name: Margin, formula: profit / opex, direction: up, target: 0.2}
        - {id: profit, name: Profit, formula: margin * opex, data_only: true}
        - {id: per_case, name: Cost per case, formula: opex / dischrges, baseline: 3500, target: 2500}",
        ),
    )]);
    let output = Okr::new()
        .arg("check")
        .arg(dir.path())
        .arg("--as-of=2026-07-15")
        .run();
    let text = output.stdout();
    // The cycle is reported once, with its path; the unknown id with the
    // column it starts at.
    assert_eq!(text.matches("[B018]").count(), 1, "{text}");
    assert!(text.contains("margin -> profit -> margin"), "{text}");
    assert!(
        text.contains("unknown measure `dischrges` at column 8"),
        "{text}"
    );
    let s = scorecard(&dir, "2026-07-15");
    let m = &f1(&s)["measures"];
    assert_eq!(m[1]["score"], Value::Null, "{m}");
    assert_eq!(m[3]["score"], Value::Null, "{m}");
}

#[test]
fn perspective_labels_show_everywhere_and_weights_weight_the_scorecard() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - {id: F1, title: Fund the plan, measures: [{id: surplus, name: Surplus, baseline: 0, target: 100, actual: 80}]}",
        ),
    )]);
    write(
        dir.path(),
        "okr.yaml",
        "limits: {strategy_objectives: {min: 4, max: 15}}
perspectives:
  - {id: financial, weight: 2}
  - customer
  - internal
  - {id: learning, label: Learning and growth, weight: 3}
",
    );
    assert_eq!(codes(&dir, "2026-12-31"), Vec::<String>::new());
    let s = scorecard(&dir, "2026-12-31");
    // Perspectives: financial 80/100 = 0.8; customer (40-30)/(50-30) = 0.5;
    // internal (30-20)/(30-10) = 0.5; learning 5/10 = 0.5. Weighted 2, 1, 1, 3:
    // (2*0.8 + 0.5 + 0.5 + 3*0.5) / 7 = 4.1/7 (an unweighted mean would be 0.575).
    assert!(close(&s["score"], 4.1 / 7.0), "{s}");
    let learning = &s["perspectives"][3];
    assert_eq!(learning["perspective"], "learning");
    assert_eq!(learning["label"], "Learning and growth");
    assert!(close(&learning["weight"], 3.0), "{learning}");
    // Without a label a perspective shows its key as written.
    assert_eq!(s["perspectives"][1]["label"], "customer");
    for format in ["table", "markdown", "csv", "html"] {
        let out = shown(&dir, "2026-12-31", format);
        // The terminal table wraps the label in its narrow first column.
        assert!(out.contains("Learning and"), "{format}: {out}");
    }
    for format in ["mermaid", "dot", "svg"] {
        let output = Okr::new()
            .arg("map")
            .arg(dir.path())
            .args(["--as-of=2026-12-31"])
            .arg(format!("--format={format}"))
            .run();
        output.assert_code(0);
        assert!(
            output.stdout().contains("Learning and"),
            "{format}: {}",
            output.stdout()
        );
    }
}

#[test]
fn a_perspective_weight_must_be_positive() {
    let dir = goals(&[]);
    write(
        dir.path(),
        "okr.yaml",
        "perspectives: [{id: financial, weight: 0}, customer, {label: No id}]\n",
    );
    assert_eq!(codes(&dir, "2026-12-31"), vec!["L008".to_owned()]);
}

#[test]
fn initiatives_have_budgets_progress_and_serve_several_objectives() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Fund the plan
      owner: [Lena, sam]
      measures: [{id: surplus, name: Surplus, baseline: 0, target: 100, actual: 50}]
      initiatives:
        - {title: New wing, owner: ana, status: active, start: 2026-01-15, due: 2026-06-30, progress: 70%, budget: 250000, unit: EUR, objectives: [C1]}
        - {title: Cash audit, status: done, due: 2026-03-01, budget: 40000, unit: USD}
        - {title: Pilot, budget: 10000, unit: EUR, progress: 0.25}",
        ),
    )]);
    // The new wing is overdue (B011); nothing else is wrong.
    assert_eq!(codes(&dir, "2026-07-15"), vec!["B011"]);
    let s = scorecard(&dir, "2026-07-15");
    let f1 = f1(&s);
    let wing = &f1["initiatives"][0];
    assert_eq!(wing["start"], "2026-01-15");
    assert!(close(&wing["progress"], 0.7), "{wing}");
    assert!(close(&wing["budget"], 250000.0), "{wing}");
    assert_eq!(wing["unit"], "EUR");
    assert_eq!(wing["objectives"], serde_json::json!(["F1", "C1"]));
    // Active and due 2026-06-30, before the as-of date: overdue. Done is never overdue.
    assert_eq!(wing["overdue"], true);
    assert_eq!(f1["initiatives"][1]["overdue"], false);
    // F1: 250,000 + 10,000 EUR over two initiatives; the USD budget apart.
    assert_eq!(
        f1["budgets"],
        serde_json::json!([
            {"unit": "EUR", "total": 260000.0, "initiatives": 2},
            {"unit": "USD", "total": 40000.0, "initiatives": 1}
        ])
    );
    // C1 is served by the new wing, written under F1.
    let c1 = &s["perspectives"][1]["objectives"][0];
    assert_eq!(c1["initiatives"][0]["title"], "New wing");
    assert_eq!(
        c1["budgets"],
        serde_json::json!([{"unit": "EUR", "total": 250000.0, "initiatives": 1}])
    );
    // The scorecard counts the new wing once.
    assert_eq!(
        s["budgets"],
        serde_json::json!([
            {"unit": "EUR", "total": 260000.0, "initiatives": 2},
            {"unit": "USD", "total": 40000.0, "initiatives": 1}
        ])
    );
    let table = shown(&dir, "2026-07-15", "table");
    assert!(
        table.contains("Initiative budgets: 260,000 EUR; 40,000 USD"),
        "{table}"
    );
    assert!(table.contains("owner Lena, sam"), "{table}");
    let markdown = shown(&dir, "2026-07-15", "markdown");
    assert!(
        markdown.contains("| F1 | New wing | ana | 2026-01-15 | 2026-06-30 | 70% | 250,000 EUR | active · ⚠️ overdue |"),
        "{markdown}"
    );
    assert!(markdown.contains("| C1 | New wing (of F1) |"), "{markdown}");
    assert!(
        markdown.contains("| **F1 Fund the plan** | Lena, sam |"),
        "{markdown}"
    );
    let csv = shown(&dir, "2026-07-15", "csv");
    assert!(csv.contains("\"Lena, sam\""), "{csv}");
    assert!(
        csv.contains("New wing: active, owner ana, start 2026-01-15, due 2026-06-30, 70% done, budget 250,000 EUR, serves F1, C1, overdue"),
        "{csv}"
    );
    let html = shown(&dir, "2026-07-15", "html");
    assert!(html.contains("<td>250,000 EUR</td>"), "{html}");
    assert!(html.contains("owner Lena, sam"), "{html}");
}

#[test]
fn initiative_progress_outside_0_to_1_is_a_finding() {
    let dir = goals(&[(
        "strategy.yaml",
        &strategy(
            "{start: 2026-01-01, end: 2026-12-31}",
            "    - id: F1
      title: Fund the plan
      measures: [{id: surplus, name: Surplus, baseline: 0, target: 100, actual: 50}]
      initiatives: [{title: New wing, progress: 1.5, budget: $1.2M}]",
        ),
    )]);
    assert_eq!(codes(&dir, "2026-07-15"), vec!["L002", "L002"]);
}

/// `okr report --only strategy` as JSON at `as_of` with `extra` arguments.
fn scorecard_with(dir: &tempfile::TempDir, as_of: &str, extra: &[&str]) -> Value {
    let output = Okr::new()
        .arg("report")
        .arg(dir.path())
        .arg(format!("--as-of={as_of}"))
        .args(["--format=json", "--only=strategy"])
        .args(extra)
        .run();
    output.assert_code(0);
    output.json()["strategy"].clone()
}

/// The backdrop with themes on F1, C1 and I1 (I1 in two), and an owner on each.
fn themed() -> tempfile::TempDir {
    goals(&[
        (
            "strategy.yaml",
            "period: {start: 2026-01-01, end: 2026-12-31}
perspectives:
  financial:
    - {id: F1, title: Fund the plan, owner: [Lena, sam], themes: [patient flow], measures: [{id: surplus, name: Surplus, baseline: 0, target: 100, actual: 80}]}
  customer:
    - {id: C1, title: Delight patients, owner: ana, themes: [patient flow], contributes_to: [F1], measures: [{id: nps, name: NPS, baseline: 30, target: 50, actual: 40}]}
  internal:
    - {id: I1, title: Run lean, owner: LENA, themes: [patient flow, safety], contributes_to: [C1], measures: [{id: wait, name: Wait, baseline: 30, target: 10, actual: 25}]}
  learning:
    - {id: L1, title: Grow skills, owner: bo, contributes_to: [I1], measures: [{id: certs, name: Certs, baseline: 0, target: 10, actual: 5}]}
",
        ),
        (
            "2026-Q4.yaml",
            "objectives:
  - {id: O1, title: Open the new ward, supports: [C1], key_results: [{id: O1.1, title: Beds open, start: 0, target: 20, current: 10}]}
",
        ),
        (
            "nursing/2026-Q4.yaml",
            "objectives:
  - {id: N1, title: Cut waiting, supports: [I1], aligns_to: [company/O1], key_results: [{id: N1.1, title: Minutes of wait, start: 30, target: 10, current: 20}]}
",
        ),
    ])
}

#[test]
fn by_theme_groups_the_scorecard_and_rolls_themes_up() {
    let dir = themed();
    let s = scorecard_with(&dir, "2026-12-31", &["--by=theme"]);
    // F1 0.8, C1 (40-30)/20 = 0.5, I1 (30-25)/20 = 0.25, L1 0.5.
    assert_eq!(
        s["perspectives"][2]["objectives"][0]["themes"],
        serde_json::json!(["patient flow", "safety"])
    );
    let themes = s["themes"].as_array().expect("themes with --by theme");
    assert_eq!(themes.len(), 3, "{themes:?}");
    assert_eq!(themes[0]["name"], "patient flow");
    assert_eq!(
        themes[0]["objectives"],
        serde_json::json!(["F1", "C1", "I1"])
    );
    // (0.8 + 0.5 + 0.25) / 3
    assert!(close(&themes[0]["score"], 1.55 / 3.0), "{}", themes[0]);
    assert_eq!(themes[1]["name"], "safety");
    assert!(close(&themes[1]["score"], 0.25), "{}", themes[1]);
    assert_eq!(themes[2]["name"], Value::Null);
    assert_eq!(themes[2]["objectives"], serde_json::json!(["L1"]));
    assert_eq!(
        themes[2]["coverage"],
        serde_json::json!({"scored": 1, "total": 1})
    );
    // Without --by theme, no roll-up; each objective still has its themes.
    let plain = scorecard_with(&dir, "2026-12-31", &[]);
    assert_eq!(plain.get("themes"), None);
    assert_eq!(
        plain["perspectives"][3]["objectives"][0]["themes"],
        serde_json::json!([])
    );
    let run = |format: &str| {
        let output = Okr::new()
            .arg("report")
            .arg(dir.path())
            .args([
                "--as-of=2026-12-31",
                "--only=strategy",
                "--by=theme",
                "--color=never",
            ])
            .arg(format!("--format={format}"))
            .run();
        output.assert_code(0);
        output.stdout()
    };
    let markdown = run("markdown");
    assert!(
        markdown.contains("| safety | 0.25 | I1 Run lean |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| no theme | 0.50 | L1 Grow skills |"),
        "{markdown}"
    );
    let table = run("table");
    assert!(table.contains("no theme"), "{table}");
    let html = run("html");
    assert!(
        html.contains("<caption>Strategic themes</caption>"),
        "{html}"
    );
    let csv = run("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("theme,perspective,"), "{csv}");
    // I1 in two themes: two rows.
    assert_eq!(
        lines.iter().filter(|l| l.contains("\"I1\"")).count(),
        2,
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("\"no theme\",\"learning\",\"L1\"")),
        "{csv}"
    );
}

#[test]
fn owner_and_team_filter_the_scorecard_and_keep_its_scores() {
    let dir = themed();
    let whole = scorecard_with(&dir, "2026-12-31", &[]);
    let ids = |s: &Value| -> Vec<String> {
        s["perspectives"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["objectives"].as_array().unwrap().iter())
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // Lena owns F1 (with sam) and I1 (as LENA): any owner, ignoring case.
    let lena = scorecard_with(&dir, "2026-12-31", &["--owner=lena"]);
    assert_eq!(ids(&lena), vec!["F1", "I1"]);
    assert_eq!(
        lena["perspectives"][1]["objectives"][0]["measures"][0]["id"],
        "wait"
    );
    // The scorecard's score stays the whole one's.
    assert_eq!(lena["score"], whole["score"]);
    // nursing's N1 supports I1; the company's O1 supports C1.
    let nursing = scorecard_with(&dir, "2026-12-31", &["--team=nursing"]);
    assert_eq!(ids(&nursing), vec!["I1"]);
    let company = scorecard_with(&dir, "2026-12-31", &["--team=company"]);
    assert_eq!(ids(&company), vec!["C1"]);
    let table = Okr::new()
        .arg("report")
        .arg(dir.path())
        .args(["--as-of=2026-12-31", "--owner=ana", "--color=never"])
        .run();
    table.assert_code(0);
    assert!(
        table.stdout().contains("C1 Delight patients"),
        "{}",
        table.stdout()
    );
    assert!(
        !table.stdout().contains("F1 Fund the plan"),
        "{}",
        table.stdout()
    );
}

#[test]
fn the_tree_starts_from_the_scorecard() {
    let dir = themed();
    write(
        dir.path(),
        "2026-Q4.yaml",
        "objectives:
  - {id: O1, title: Open the new ward, supports: [C1], key_results: [{id: O1.1, title: Beds open, start: 0, target: 20, current: 10}]}
  - {id: O2, title: Train every nurse, supports: [L1, F1], key_results: [{id: O2.1, title: Nurses trained, start: 0, target: 100, current: 50}]}
  - {id: O3, title: Move offices, key_results: [{id: O3.1, title: Desks moved, start: 0, target: 10, current: 5}]}
",
    );
    let output = Okr::new()
        .arg("report")
        .arg(dir.path())
        .args(["--as-of=2026-11-15", "--format=json", "--quarter=2026-Q4"])
        .run();
    output.assert_code(0);
    let tree = output.json()["quarters"][0]["alignment"].clone();
    let name = |n: &Value| {
        format!(
            "{}{}",
            n["perspective"]
                .as_str()
                .map(|p| format!("{p}: "))
                .unwrap_or_else(|| format!("{}/", n["team"].as_str().unwrap_or_default())),
            n["id"].as_str().unwrap_or_default()
        )
    };
    let roots: Vec<String> = tree.as_array().unwrap().iter().map(name).collect();
    // Strategic objectives in perspective order, then the OKR that supports
    // none and aligns to none; O1 (supports C1) and O2 (L1) are no roots.
    assert_eq!(
        roots,
        vec![
            "financial: F1",
            "customer: C1",
            "internal: I1",
            "learning: L1",
            "company/O3"
        ]
    );
    let children = |i: usize| -> Vec<String> {
        tree[i]["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(name)
            .collect()
    };
    // O2 supports two strategic objectives: under both.
    assert_eq!(children(0), vec!["company/O2"]);
    assert_eq!(children(3), vec!["company/O2"]);
    // O1 brings nursing/N1, aligned to it; N1 supports I1 itself too.
    assert_eq!(children(1), vec!["company/O1"]);
    assert_eq!(name(&tree[1]["children"][0]["children"][0]), "nursing/N1");
    assert_eq!(children(2), vec!["nursing/N1"]);
    assert_eq!(tree[1]["scored_from"], "measures");
    let markdown = Okr::new()
        .arg("report")
        .arg(dir.path())
        .args([
            "--as-of=2026-11-15",
            "--format=markdown",
            "--tree",
            "--quarter=2026-Q4",
        ])
        .run();
    let text = markdown.stdout();
    assert!(
        text.contains(
            "- customer: C1 Delight patients — 0.50 from measures\n  - company/O1 Open the new ward"
        ),
        "{text}"
    );
}
