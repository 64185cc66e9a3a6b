//! One evaluation, every view agrees: for every fixture repository and
//! examples/acme, at dates before, during and after each of its quarters,
//! `okr check`'s findings, the report, the strategy map and a diff tell the
//! same story about every key result and objective. The report is the
//! reference; each other view is compared with it:
//! - check: a key result has an O014 finding exactly when the report calls
//!   it stale;
//! - diff: against a base with no OKRs, every key result, objective and
//!   team the head scores appears with the report's score and status;
//! - map: every strategic objective has the report's score and status, and
//!   with `--okrs` the OKR objectives hung under it are the report's
//!   supporters, with their scores and statuses.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Days, NaiveDate};

use okr::diff::{Level, Side};
use okr::eval::report::{Options, QuarterSelection, Report};
use okr::input::load::Loaded;

use crate::util::{acme, fixture, today};

fn repositories() -> Vec<PathBuf> {
    let mut found = vec![acme()];
    for group in ["rules", "cli", "map", "schema"] {
        let Ok(entries) = std::fs::read_dir(fixture(group)) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        for dir in dirs.into_iter().filter(|d| d.is_dir()) {
            // tests/rules/<CODE>/{fail,pass}; the other groups hold repositories directly.
            let cases: Vec<PathBuf> = ["fail", "pass"]
                .iter()
                .map(|c| dir.join(c))
                .filter(|c| c.is_dir())
                .collect();
            if cases.is_empty() {
                found.push(dir);
            } else {
                found.extend(cases);
            }
        }
    }
    found
}

/// The day before the first quarter, each quarter's first, middle and last
/// day, the day after the last quarter, and the date the fixtures are
/// written for.
fn dates(loaded: &Loaded) -> Vec<NaiveDate> {
    let month = loaded.repository.settings.fiscal_year_start_month;
    let mut dates = vec![today()];
    for file in &loaded.repository.quarters {
        let (start, end) = file.quarter.dates(month);
        let middle = start + Days::new(((end - start).num_days() / 2) as u64);
        dates.extend([start - Days::new(1), start, middle, end, end + Days::new(1)]);
    }
    dates.sort();
    dates.dedup();
    dates
}

fn side(label: &str, date: NaiveDate) -> Side {
    Side {
        label: label.to_owned(),
        commit: None,
        date,
    }
}

/// Key results as the report shows them: `(file path, id)` -> (score, status, stale).
fn report_key_results(report: &Report) -> BTreeMap<(String, String), Vec<String>> {
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for q in &report.quarters {
        for t in &q.teams {
            for o in &t.objectives {
                for k in &o.key_results {
                    out.entry((t.path.clone(), k.id.clone()))
                        .or_default()
                        .push(format!(
                            "score {:?} status {:?} stale {} value {:?} done {:?}",
                            k.score, k.status, k.stale, k.current, k.done
                        ));
                }
            }
        }
    }
    out
}

#[test]
fn check_report_map_and_diff_agree_on_every_goal_at_every_date() {
    let mut compared = 0;
    let mut problems = Vec::new();
    for root in repositories() {
        let Ok(loaded) = okr::input::load::load(&root) else {
            continue;
        };
        if loaded.config_invalid {
            continue;
        }
        let shown = root.display().to_string();
        for as_of in dates(&loaded) {
            let eval = okr::eval::evaluate(&loaded.repository, as_of);
            let Ok(report) = okr::eval::report::build(&eval, &Options::everything(), &[]) else {
                problems.push(format!("{shown} {as_of}: the report could not be built"));
                continue;
            };
            compared += 1;
            let at = |what: String| format!("{shown} {as_of}: {what}");

            // check: O014 exactly where the report says stale.
            let mut stale_by_check: Vec<(String, String)> = okr::rules::check(&eval)
                .into_iter()
                .filter(|d| d.code == okr::rules::Code::O014)
                .filter_map(|d| {
                    let id = d.message.split('`').nth(1)?.to_owned();
                    Some((d.path, id))
                })
                .collect();
            stale_by_check.sort();
            let mut stale_by_report: Vec<(String, String)> = report
                .quarters
                .iter()
                .flat_map(|q| q.teams.iter())
                .flat_map(|t| {
                    t.objectives
                        .iter()
                        .flat_map(|o| o.key_results.iter())
                        .filter(|k| k.stale)
                        .map(|k| (t.path.clone(), k.id.clone()))
                })
                .collect();
            stale_by_report.sort();
            if stale_by_check != stale_by_report {
                problems.push(at(format!(
                    "check calls {stale_by_check:?} stale, the report {stale_by_report:?}"
                )));
            }

            // diff: against a base without OKRs, the head's scores are the report's.
            let base = Loaded {
                repository: okr::model::Repository {
                    settings: loaded.repository.settings.clone(),
                    ..Default::default()
                },
                diagnostics: Vec::new(),
                config_invalid: false,
                files: 0,
            };
            let diff = okr::diff::compare(
                &base,
                &loaded,
                side("base", as_of),
                side("head", as_of),
                as_of,
            );
            let mut by_diff: BTreeMap<(String, String), (Option<f64>, String)> = BTreeMap::new();
            for s in diff.scores.iter().filter(|s| s.quarter.is_some()) {
                let level = format!("{:?}", s.level);
                by_diff.insert(
                    (
                        format!("{level} {}", s.quarter.clone().unwrap_or_default()),
                        s.subject.clone(),
                    ),
                    (s.after, format!("{:?}", s.status_after)),
                );
            }
            let mut by_report: BTreeMap<(String, String), (Option<f64>, String)> = BTreeMap::new();
            for q in &report.quarters {
                let key =
                    |level: Level, subject: String| (format!("{level:?} {}", q.quarter), subject);
                for t in &q.teams {
                    if t.score.is_some() {
                        by_report
                            .insert(key(Level::Team, t.team.clone()), (t.score, "None".into()));
                    }
                    for o in &t.objectives {
                        if o.score.is_some() {
                            by_report.insert(
                                key(Level::Objective, format!("{}/{}", t.team, o.id)),
                                (o.score, format!("{:?}", Some(o.status))),
                            );
                        }
                        for k in o.key_results.iter().filter(|k| k.score.is_some()) {
                            by_report.insert(
                                key(Level::KeyResult, format!("{}/{}", t.team, k.id)),
                                (k.score, format!("{:?}", Some(k.status))),
                            );
                        }
                    }
                }
                if q.score.is_some() {
                    by_report.insert(
                        key(Level::Quarter, q.quarter.clone()),
                        (q.score, "None".into()),
                    );
                }
            }
            // Repeated ids (O005) pair up differently in a diff; compare the rest.
            let repeated = report_key_results(&report).values().any(|v| v.len() > 1);
            if !repeated && by_diff != by_report {
                let only_diff: Vec<_> = by_diff
                    .iter()
                    .filter(|(k, v)| by_report.get(*k) != Some(*v))
                    .collect();
                let only_report: Vec<_> = by_report
                    .iter()
                    .filter(|(k, v)| by_diff.get(*k) != Some(*v))
                    .collect();
                problems.push(at(format!(
                    "the diff says {only_diff:?}, the report {only_report:?}"
                )));
            }

            // map: strategic objectives as the report scores them; with
            // --okrs, each quarter's supporters as the report lists them.
            let Some(strategy) = &report.strategy else {
                continue;
            };
            let mut quarters: Vec<Option<okr::model::quarter::Quarter>> = vec![None];
            quarters.extend(eval.quarters.iter().map(|q| Some(q.quarter)));
            for quarter in quarters {
                let Some(map) = okr::eval::map::build(&eval, quarter) else {
                    problems.push(at("no map for a repository with a scorecard".into()));
                    continue;
                };
                let shown_report = match quarter {
                    None => None,
                    Some(q) => okr::eval::report::build(
                        &eval,
                        &Options {
                            quarters: QuarterSelection::One(q),
                            ..Options::everything()
                        },
                        &[],
                    )
                    .ok(),
                };
                let strategy = shown_report
                    .as_ref()
                    .and_then(|r| r.strategy.as_ref())
                    .unwrap_or(strategy);
                for node in &map.nodes {
                    let Some(o) = strategy
                        .perspectives
                        .iter()
                        .flat_map(|p| p.objectives.iter())
                        .find(|o| o.id == node.id)
                    else {
                        problems.push(at(format!("the map has {} the report does not", node.id)));
                        continue;
                    };
                    if (o.score, o.status) != (node.score, node.status) {
                        problems.push(at(format!(
                            "{}: the map says {:?} {:?}, the report {:?} {:?}",
                            node.id, node.score, node.status, o.score, o.status
                        )));
                    }
                    let Some(shown) = &shown_report else { continue };
                    let hung: Vec<String> = node
                        .okrs
                        .iter()
                        .map(|n| format!("{}/{}", n.team, n.id))
                        .collect();
                    if hung != o.supported_by {
                        problems.push(at(format!(
                            "{}: the map hangs {hung:?} under it, the report lists {:?}",
                            node.id, o.supported_by
                        )));
                    }
                    for n in &node.okrs {
                        let reported = shown
                            .quarters
                            .iter()
                            .flat_map(|q| q.teams.iter())
                            .filter(|t| t.team == n.team)
                            .flat_map(|t| t.objectives.iter())
                            .find(|o| o.id == n.id);
                        if reported.map(|o| (o.score, o.status)) != Some((n.score, n.status)) {
                            problems.push(at(format!(
                                "{}/{} under {}: the map and the report disagree",
                                n.team, n.id, node.id
                            )));
                        }
                    }
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} repository dates compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
