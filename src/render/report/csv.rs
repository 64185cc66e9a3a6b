//! `okr report --format csv`: one row per key result (or, with `--only
//! strategy`, one per measure) for spreadsheets. RFC 4180 quoting with `\n`
//! line ends; every text cell quoted, numbers and `true`/`false` not
//! (numbers unrounded, empty when missing); text that a spreadsheet would
//! run as a formula, even after trimming white space, is defused with a
//! leading `'`.

use crate::eval::report::{Only, Report, ScoredFrom, StrategyReport, kind_label};
use crate::render::report::{budget_totals, initiative_facts};

const KEY_RESULT_HEADER: [&str; 35] = [
    "quarter",
    "team",
    "objective_id",
    "objective_title",
    "objective_kind",
    "objective_owner",
    "objective_score",
    "objective_status",
    "objective_scored_from",
    "objective_parts_scored",
    "objective_parts",
    "missed_commitment",
    "objective_note",
    "key_result_id",
    "key_result_title",
    "owner",
    "kind",
    "start",
    "target",
    "keep_above",
    "keep_below",
    "current",
    "done",
    "due",
    "unit",
    "progress",
    "score",
    "grade",
    "measured_score",
    "expected",
    "status",
    "forecast",
    "confidence",
    "stale",
    "note",
];

const MEASURE_HEADER: [&str; 24] = [
    "perspective",
    "objective_id",
    "objective_title",
    "objective_score",
    "okr_support",
    "okr_support_note",
    "measure_id",
    "measure_name",
    "unit",
    "baseline",
    "actual",
    "target",
    "target_tbd",
    "keep_above",
    "keep_below",
    "direction",
    "score",
    "status",
    "formula",
    "stale",
    "objective_owner",
    "themes",
    "initiatives",
    "initiative_budget",
];

/// One cell, already encoded as a CSV field.
struct Field(String);

/// Text a user wrote or a label: defused against formulas, then always
/// quoted, so a spreadsheet reads it as text whatever it holds.
fn text(value: &str) -> Field {
    // Terminal escapes, other controls and direction characters have no
    // place in a cell.
    let value: String = value
        .chars()
        .map(|c| {
            if crate::render::text::is_hidden(c) && !matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    // A cell may keep its line breaks, but no line it begins may read as a
    // workflow command should the CSV be printed to a CI log.
    let value = crate::render::text::inert_later_lines(&value);
    let defused = if is_formula(&value) {
        format!("'{value}")
    } else {
        value
    };
    Field(quote(&defused))
}

/// Whether a spreadsheet could read the cell as a formula (OWASP's CSV
/// injection triggers): it starts with a tab or CR, or its first character
/// after white space (which spreadsheets trim on import) and invisible
/// characters is `=`, `+`, `-` or `@`, ASCII or fullwidth.
fn is_formula(value: &str) -> bool {
    value.starts_with(['\t', '\r'])
        || value
            .chars()
            .find(|&c| !c.is_whitespace() && !crate::render::text::is_hidden(c))
            .is_some_and(|c| {
                matches!(
                    c,
                    '=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
                )
            })
}

/// Optional text: quoted like any text, empty (`""`) when missing.
fn optional_text(value: Option<&str>) -> Field {
    text(value.unwrap_or_default())
}

/// A number as Rust prints it, unrounded; empty when missing or not finite.
/// Never defused: a negative number must stay a number.
fn number(value: Option<f64>) -> Field {
    Field(
        value
            .filter(|v| v.is_finite())
            .map_or_else(String::new, |v| format!("{v}")),
    )
}

/// The key-result cells of an objective without key results: all empty,
/// the text ones quoted.
fn no_key_result() -> [Field; 22] {
    let text = || text("");
    let number = || number(None);
    let empty = || Field(String::new());
    [
        text(),
        text(),
        text(),
        text(),
        number(),
        number(),
        number(),
        number(),
        number(),
        empty(),
        empty(),
        text(),
        number(),
        number(),
        number(),
        number(),
        number(),
        text(),
        number(),
        number(),
        empty(),
        text(),
    ]
}

/// The measure cells of an objective without measures, as `no_key_result`.
fn no_measure() -> [Field; 14] {
    let text = || text("");
    let number = || number(None);
    let empty = || Field(String::new());
    [
        text(),
        text(),
        text(),
        number(),
        number(),
        number(),
        empty(),
        number(),
        number(),
        text(),
        number(),
        text(),
        text(),
        empty(),
    ]
}

fn flag(value: bool) -> Field {
    Field(value.to_string())
}

/// An RFC 4180 quoted field: in `"`, with `"` doubled.
fn quote(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "\"\""))
}

fn row(out: &mut String, fields: impl IntoIterator<Item = Field>) {
    let fields: Vec<String> = fields.into_iter().map(|f| f.0).collect();
    out.push_str(&fields.join(","));
    out.push('\n');
}

pub(crate) fn render(report: &Report) -> String {
    let mut out = String::new();
    match &report.strategy {
        Some(strategy) if report.only == Only::Strategy => measures(&mut out, strategy),
        _ => key_results(&mut out, report),
    }
    out
}

fn key_results(out: &mut String, report: &Report) {
    row(out, KEY_RESULT_HEADER.map(|h| Field(h.to_owned())));
    for q in &report.quarters {
        for t in &q.teams {
            for o in &t.objectives {
                let objective = || {
                    [
                        text(&q.quarter),
                        text(&t.team),
                        text(&o.id),
                        text(&o.title),
                        text(o.kind.label()),
                        optional_text(o.owner.as_deref()),
                        number(o.score),
                        text(o.status.label()),
                        text(match o.scored_from {
                            ScoredFrom::KeyResults => "key_results",
                            ScoredFrom::AlignedObjectives => "aligned_objectives",
                            ScoredFrom::Measures => "measures",
                        }),
                        Field(o.coverage.scored.to_string()),
                        Field(o.coverage.total.to_string()),
                        flag(o.missed_commitment),
                        optional_text(o.note.as_deref()),
                    ]
                };
                // An objective without key results still gets a row, so it is not lost.
                if o.key_results.is_empty() {
                    row(out, objective().into_iter().chain(no_key_result()));
                }
                for k in &o.key_results {
                    row(
                        out,
                        objective().into_iter().chain([
                            text(&k.id),
                            text(&k.title),
                            optional_text(k.owner.as_deref()),
                            text(kind_label(k.kind)),
                            number(k.start),
                            number(k.target),
                            number(k.keep_above),
                            number(k.keep_below),
                            number(k.current),
                            Field(k.done.map_or_else(String::new, |d| d.to_string())),
                            Field(
                                k.due
                                    .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
                            ),
                            optional_text(k.unit.as_deref()),
                            number(k.progress),
                            number(k.score),
                            number(k.grade),
                            number(k.measured_score),
                            number(Some(k.expected)),
                            text(k.status.label()),
                            number(k.forecast),
                            number(k.confidence),
                            flag(k.stale),
                            optional_text(k.note.as_deref()),
                        ]),
                    );
                }
            }
        }
    }
}

fn measures(out: &mut String, strategy: &StrategyReport) {
    let objectives = || {
        strategy
            .perspectives
            .iter()
            .flat_map(|p| p.objectives.iter().map(move |o| (p, o)))
    };
    match &strategy.themes {
        None => {
            row(out, MEASURE_HEADER.map(|h| Field(h.to_owned())));
            for (p, o) in objectives() {
                objective_rows(out, None, p, o);
            }
        }
        // `--by theme`: a leading `theme` column, the rows of each theme's
        // objectives together (an objective in two themes twice).
        Some(themes) => {
            row(
                out,
                std::iter::once(Field("theme".to_owned()))
                    .chain(MEASURE_HEADER.map(|h| Field(h.to_owned()))),
            );
            for t in themes {
                let name = crate::render::report::theme_name(t.name.as_deref(), |n| n.to_owned());
                for (p, o) in objectives().filter(|(_, o)| t.objectives.contains(&o.id)) {
                    objective_rows(out, Some(&name), p, o);
                }
            }
        }
    }
}

/// The rows of one strategic objective: one per measure, or one without.
fn objective_rows(
    out: &mut String,
    theme: Option<&str>,
    p: &crate::eval::report::PerspectiveReport,
    o: &crate::eval::report::BscObjectiveReport,
) {
    let objective = || {
        theme.map(text).into_iter().chain([
            text(&p.label),
            text(&o.id),
            text(&o.title),
            number(o.score),
            number(o.okr_support),
            optional_text(o.okr_support_note),
        ])
    };
    // The objective's owner, themes and initiatives close each row;
    // initiatives read as the other formats say them, `; `-separated.
    let objective_end = || {
        let plain = |t: &str| t.to_owned();
        [
            optional_text(o.owner.as_deref()),
            text(&o.themes.join("; ")),
            text(
                &o.initiatives
                    .iter()
                    .map(|i| format!("{}: {}", i.title, initiative_facts(i, plain)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            optional_text(budget_totals(&o.budgets, plain).as_deref()),
        ]
    };
    // An objective without measures still gets a row, so it is not lost.
    if o.measures.is_empty() {
        row(out, objective().chain(no_measure()).chain(objective_end()));
    }
    for m in &o.measures {
        row(
            out,
            objective()
                .chain([
                    text(&m.id),
                    text(&m.name),
                    optional_text(m.unit.as_deref()),
                    number(m.baseline),
                    number(m.actual),
                    number(m.target),
                    flag(m.target_tbd),
                    number(m.keep_above),
                    number(m.keep_below),
                    optional_text(m.direction),
                    number(m.score),
                    text(m.status.label()),
                    optional_text(m.formula.as_deref()),
                    flag(m.stale),
                ])
                .chain(objective_end()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::report::{
        BscObjectiveReport, KeyResultReport, MeasureReport, ObjectiveReport, PerspectiveReport,
        QuarterReport, Summary, TeamReport,
    };
    use crate::eval::score::{Phase, Status};
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn key_result(id: &str, title: &str) -> KeyResultReport {
        KeyResultReport {
            id: id.to_owned(),
            title: title.to_owned(),
            owner: None,
            owners: Vec::new(),
            note: None,
            kind: Some(crate::model::KeyResultKind::Metric),
            start: Some(100.0),
            target: Some(80.0),
            keep_above: None,
            keep_below: None,
            current: Some(105.0),
            done: None,
            due: None,
            unit: Some("ms".to_owned()),
            weight: 1.0,
            progress: Some(-0.25),
            score: Some(0.0),
            grade: None,
            measured_score: None,
            graded: false,
            expected: 0.6,
            status: Status::OffTrack,
            forecast: None,
            confidence: Some(0.7),
            trend: Vec::new(),
            checkins: Vec::new(),
            stale: false,
        }
    }

    fn report(title: &str, key_results: Vec<KeyResultReport>) -> Report {
        let objective = ObjectiveReport {
            id: "O1".to_owned(),
            title: title.to_owned(),
            owner: None,
            owners: Vec::new(),
            note: None,
            kind: crate::eval::report::ObjectiveKind::Committed,
            weight: 1.0,
            score: Some(0.0),
            expected: 0.6,
            status: Status::Red,
            missed_commitment: true,
            scored_from: crate::eval::report::ScoredFrom::KeyResults,
            coverage: Default::default(),
            confidence: None,
            supports: Vec::new(),
            aligns_to: Vec::new(),
            key_results,
        };
        Report {
            as_of: date(2027, 1, 15),
            only: Only::Everything,
            map: None,
            history: Vec::new(),
            quarters: vec![QuarterReport {
                quarter: "2026-Q4".to_owned(),
                start: date(2026, 10, 1),
                end: date(2026, 12, 31),
                phase: Phase::Ended,
                elapsed: 1.0,
                score: Some(0.0),
                coverage: Default::default(),
                teams: vec![TeamReport {
                    team: "platform".to_owned(),
                    path: "platform/2026-Q4.yaml".to_owned(),
                    score: Some(0.0),
                    coverage: Default::default(),
                    parent: None,
                    score_with_subteams: None,
                    coverage_with_subteams: None,
                    depth: 0,
                    objectives: vec![objective],
                }],
                summary: Summary::default(),
                alignment: Vec::new(),
            }],
            strategy: None,
            skipped: Vec::new(),
            errors: 0,
        }
    }

    #[test]
    fn text_is_always_quoted() {
        assert_eq!(text("plain").0, "\"plain\"");
        assert_eq!(text("").0, "\"\"");
        assert_eq!(optional_text(None).0, "\"\"");
        assert_eq!(text("12").0, "\"12\"");
        assert_eq!(text("a,b").0, "\"a,b\"");
        assert_eq!(text("say \"hi\"").0, "\"say \"\"hi\"\"\"");
        assert_eq!(text("two\nlines").0, "\"two\nlines\"");
        assert_eq!(text("cr\rhere").0, "\"cr\rhere\"");
        assert_eq!(text("a\u{1b}[2Jb\u{9b}c\u{202E}d").0, "\"a [2Jb c d\"");
    }

    #[test]
    fn formulas_are_defused_in_text_but_not_numbers() {
        assert_eq!(
            text("=HYPERLINK(\"http://x\")").0,
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(text("+1").0, "\"'+1\"");
        assert_eq!(text("-2+3").0, "\"'-2+3\"");
        assert_eq!(text("@SUM(A1)").0, "\"'@SUM(A1)\"");
        assert_eq!(text("\tx").0, "\"'\tx\"");
        assert_eq!(text("\rx").0, "\"'\rx\"");
        assert_eq!(text("a=b").0, "\"a=b\"");
        assert_eq!(number(Some(-0.25)).0, "-0.25");
        assert_eq!(number(Some(f64::NAN)).0, "");
        assert_eq!(number(Some(f64::INFINITY)).0, "");
        assert_eq!(number(None).0, "");
    }

    #[test]
    fn formulas_behind_white_space_are_defused() {
        for hidden in [
            " =HYPERLINK(\"http://x\")",
            "  \t+1",
            "\n-1",
            "\u{a0}@x",
            "\u{3000}=1",
            "\u{200E}=1",
            "\u{1b}=1",
            "\u{FF1D}1+1",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}x",
        ] {
            let cell = text(hidden).0;
            assert!(cell.starts_with("\"'"), "{hidden:?} -> {cell:?}");
        }
        assert_eq!(text(" a = b").0, "\" a = b\"");
    }

    #[test]
    fn a_small_report_has_one_row_per_key_result() {
        let r = report(
            "Cut latency, \"fast\"",
            vec![
                key_result("O1.1", "p95 latency"),
                key_result("O1.2", "=1+1"),
            ],
        );
        let text = render(&r);
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert_eq!(lines[0], format!("{}\n", KEY_RESULT_HEADER.join(",")));
        assert_eq!(
            lines[1],
            "\"2026-Q4\",\"platform\",\"O1\",\"Cut latency, \"\"fast\"\"\",\"committed\",\"\",0,\"red\",\"key_results\",0,0,true,\"\",\
             \"O1.1\",\"p95 latency\",\"\",\"metric\",100,80,,,105,,,\"ms\",-0.25,0,,,0.6,\"off track\",,0.7,false,\"\"\n"
        );
        assert!(
            lines[2].contains(",\"O1.2\",\"'=1+1\",\"\",\"metric\","),
            "{}",
            lines[2]
        );
        assert!(!text.contains('\r'));
    }

    #[test]
    fn an_objective_without_key_results_keeps_a_row() {
        let text = render(&report("Empty", Vec::new()));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].split(',').count(), KEY_RESULT_HEADER.len());
        assert!(
            lines[1].ends_with(",\"\",\"\",\"\",\"\",\"\",,,,,,,,\"\",,,,,,\"\",,,,\"\""),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn strategy_only_has_one_row_per_measure() {
        let measure = MeasureReport {
            id: "nps".to_owned(),
            name: "Net promoter score".to_owned(),
            unit: None,
            baseline: None,
            target: Some(40.0),
            target_tbd: false,
            target_by: None,
            targets: Vec::new(),
            data_only: false,
            frequency: None,
            bands: None,
            formula: None,
            expected: 0.0,
            actual_date: None,
            stale: false,
            keep_above: None,
            keep_below: None,
            actual: Some(-10.0),
            direction: Some("up"),
            weight: 1.0,
            score: Some(0.0),
            status: Status::OffTrack,
            trend: Vec::new(),
            history: Vec::new(),
        };
        let r = Report {
            quarters: Vec::new(),
            strategy: Some(StrategyReport {
                organization: None,
                start: None,
                end: None,
                phase: Phase::Running,
                elapsed: 1.0,
                coverage: Default::default(),
                score: Some(0.0),
                support_quarter: None,
                budgets: Vec::new(),
                themes: None,
                perspectives: vec![PerspectiveReport {
                    perspective: "customer".to_owned(),
                    label: "customer".to_owned(),
                    weight: 1.0,
                    score: Some(0.0),
                    coverage: Default::default(),
                    objectives: vec![BscObjectiveReport {
                        id: "C1".to_owned(),
                        title: "Delight customers".to_owned(),
                        owner: None,
                        owners: Vec::new(),
                        weight: 1.0,
                        score: Some(0.0),
                        expected: 1.0,
                        status: Status::OffTrack,
                        coverage: Default::default(),
                        okr_support: None,
                        okr_support_note: None,
                        supported_by: Vec::new(),
                        contributes_to: Vec::new(),
                        measures: vec![measure],
                        initiatives: Vec::new(),
                        themes: Vec::new(),
                        budgets: Vec::new(),
                    }],
                }],
            }),
            only: Only::Strategy,
            ..report("unused", Vec::new())
        };
        assert_eq!(
            render(&r),
            format!(
                "{}\n\"customer\",\"C1\",\"Delight customers\",0,,\"\",\"nps\",\"Net promoter score\",\"\",,-10,40,false,,,\"up\",0,\"off track\",\"\",false,\"\",\"\",\"\",\"\"\n",
                MEASURE_HEADER.join(",")
            )
        );
    }
}
