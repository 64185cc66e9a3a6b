//! The Balanced Scorecard side of a report: the evaluation's measures,
//! strategic objectives and perspectives with their text, and the OKR
//! support of the chosen quarter beside them.

use crate::eval::{Evaluation, QuarterState};
use crate::model::quarter::Quarter;
use crate::model::{Direction, InitiativeStatus};

use super::{
    BandsReport, BscObjectiveReport, BudgetTotal, Coverage, InitiativeReport, MeasureReport,
    Options, PeriodTargetReport, PerspectiveReport, StrategyReport, ThemeReport,
};

/// The scorecard, with OKR support from `support`, the state of `quarter`
/// (None: no OKR file for it).
pub(super) fn report(
    eval: &Evaluation<'_>,
    quarter: Quarter,
    support: Option<&QuarterState<'_>>,
) -> Option<StrategyReport> {
    let strategy = eval.repository.strategy.as_ref()?;
    let state = eval.strategy.as_ref()?;
    let quarters = &eval.repository.quarters;
    let values = crate::eval::formula::Values::new(strategy);
    let initiatives: Vec<InitiativeReport> = strategy
        .perspectives
        .iter()
        .zip(&state.perspectives)
        .flat_map(|(p, ps)| p.objectives.iter().zip(&ps.objectives))
        .flat_map(|(o, os)| {
            o.initiatives
                .iter()
                .zip(&os.initiatives)
                .map(|(i, is)| initiative(o, i, is))
        })
        .collect();
    let mut perspectives: Vec<PerspectiveReport> = strategy
        .perspectives
        .iter()
        .zip(&state.perspectives)
        .map(|(p, ps)| PerspectiveReport {
            perspective: p.key.value.to_string(),
            label: eval
                .repository
                .settings
                .perspective_label(&p.key.value)
                .to_owned(),
            weight: eval.repository.settings.perspective_weight(&p.key.value),
            score: ps.score,
            coverage: ps.coverage,
            objectives: p
                .objectives
                .iter()
                .zip(&ps.objectives)
                .map(|(o, os)| {
                    let backing = support.and_then(|q| q.support.get(o.id.value.as_ref()));
                    BscObjectiveReport {
                        id: o.id.value.to_string(),
                        title: o.title.value.to_string(),
                        owner: o.owner.as_ref().map(|t| t.value.to_string()),
                        owners: o.owners.iter().map(|t| t.value.to_string()).collect(),
                        weight: os.weight,
                        score: os.score,
                        expected: os.expected,
                        status: os.status,
                        coverage: os.coverage,
                        okr_support: backing.and_then(|b| b.score),
                        okr_support_note: match (support, backing) {
                            (None, _) => Some(NO_OKRS),
                            (Some(_), None) => Some("not supported"),
                            (Some(_), Some(b)) if b.score.is_none() => Some("unscored"),
                            _ => None,
                        },
                        supported_by: backing
                            .map(|b| {
                                b.objectives
                                    .iter()
                                    .map(|&(f, i)| {
                                        format!(
                                            "{}/{}",
                                            quarters[f].team, quarters[f].objectives[i].id.value
                                        )
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                        contributes_to: o
                            .contributes_to
                            .iter()
                            .map(|t| t.value.to_string())
                            .collect(),
                        measures: o
                            .measures
                            .iter()
                            .zip(&os.measures)
                            .map(|(m, ms)| MeasureReport {
                                id: m.id.value.to_string(),
                                name: m.name.value.to_string(),
                                unit: m.unit.as_ref().map(|t| t.value.to_string()),
                                baseline: m.baseline.map(|n| n.value).filter(|v| v.is_finite()),
                                target: ms.target,
                                target_by: ms.target_by,
                                targets: {
                                    let mut t: Vec<PeriodTargetReport> = m
                                        .targets
                                        .iter()
                                        .filter(|t| t.value.value.is_finite())
                                        .map(|t| PeriodTargetReport {
                                            by: t.by.value,
                                            value: t.value.value,
                                        })
                                        .collect();
                                    t.sort_by_key(|t| t.by);
                                    t
                                },
                                target_tbd: m.target_tbd.is_some(),
                                data_only: ms.data_only,
                                frequency: m.frequency.map(|(f, _)| f.label()),
                                formula: m.formula.as_ref().map(|f| f.text.value.to_string()),
                                bands: m.bands.map(|b| BandsReport {
                                    green: b.green.value,
                                    yellow: b.yellow.value,
                                }),
                                expected: ms.expected,
                                actual_date: ms.actual_date,
                                stale: ms.stale,
                                keep_above: m.keep_above.map(|n| n.value).filter(|v| v.is_finite()),
                                keep_below: m.keep_below.map(|n| n.value).filter(|v| v.is_finite()),
                                actual: ms.actual,
                                direction: ms
                                    .direction
                                    .map(|d| if d == Direction::Up { "up" } else { "down" }),
                                weight: ms.weight,
                                score: ms.score,
                                status: ms.status,
                                trend: ms.trend.clone(),
                                history: history(m, &values, eval.as_of),
                            })
                            .collect(),
                        themes: o.themes.iter().map(|t| t.value.to_string()).collect(),
                        // Its own initiatives, then those written under
                        // another objective that name it in `objectives`.
                        initiatives: initiatives
                            .iter()
                            .filter(|i| i.objectives.iter().any(|id| **id == *o.id.value))
                            .cloned()
                            .collect(),
                        budgets: Vec::new(),
                    }
                })
                .collect(),
        })
        .collect();
    for o in perspectives
        .iter_mut()
        .flat_map(|p| p.objectives.iter_mut())
    {
        o.budgets = budgets(o.initiatives.iter());
    }
    Some(StrategyReport {
        // Each initiative once, however many objectives it serves.
        budgets: budgets(initiatives.iter()),
        organization: strategy.organization.as_ref().map(|t| t.value.to_string()),
        start: strategy.period.as_ref().map(|p| p.start),
        end: strategy.period.as_ref().map(|p| p.end),
        phase: state.phase,
        elapsed: state.elapsed,
        score: state.score,
        coverage: state.coverage,
        support_quarter: Some(quarter.to_string()),
        perspectives,
        themes: None,
    })
}

/// `okr_support_note` without a quarter file for the as-of date's quarter.
pub(crate) const NO_OKRS: &str = "no OKRs this quarter";

/// A measure's history on or before the date, oldest first, finite values
/// only: its own, or its formula's value at each of its dates.
fn history(
    m: &crate::model::Measure,
    values: &crate::eval::formula::Values<'_>,
    as_of: chrono::NaiveDate,
) -> Vec<(chrono::NaiveDate, f64)> {
    let mut known: Vec<(chrono::NaiveDate, f64)> = if m.formula.is_some() {
        values.history(&m.id.value, as_of)
    } else {
        m.history
            .iter()
            .filter(|h| h.date.value <= as_of)
            .map(|h| (h.date.value, h.value.value))
            .collect()
    };
    known.retain(|h| h.1.is_finite());
    known.sort_by_key(|h| h.0);
    known
}

fn initiative(
    o: &crate::model::BscObjective,
    i: &crate::model::Initiative,
    is: &crate::eval::strategy::InitiativeState,
) -> InitiativeReport {
    let mut objectives = vec![o.id.value.to_string()];
    for id in &i.objectives {
        if !objectives.iter().any(|o| **o == *id.value) {
            objectives.push(id.value.to_string());
        }
    }
    InitiativeReport {
        title: i.title.value.to_string(),
        owner: i.owner.as_ref().map(|t| t.value.to_string()),
        owners: i.owners.iter().map(|t| t.value.to_string()).collect(),
        start: i.start.map(|d| d.value),
        due: i.due.map(|d| d.value),
        status: i.status.map(InitiativeStatus::label),
        overdue: is.overdue,
        progress: i.progress.map(|n| n.value),
        budget: i.budget.map(|n| n.value),
        unit: i.unit.as_ref().map(|t| t.value.to_string()),
        objectives,
    }
}

/// Budget totals per unit, in the order units first appear; budgets in
/// different units are never added.
fn budgets<'a>(initiatives: impl Iterator<Item = &'a InitiativeReport>) -> Vec<BudgetTotal> {
    let mut totals: Vec<BudgetTotal> = Vec::new();
    for (budget, unit) in initiatives.filter_map(|i| i.budget.map(|b| (b, &i.unit))) {
        match totals.iter_mut().find(|t| t.unit == *unit) {
            Some(t) => {
                t.total += budget;
                t.initiatives += 1;
            }
            None => totals.push(BudgetTotal {
                unit: unit.clone(),
                total: budget,
                initiatives: 1,
            }),
        }
    }
    totals
}

/// The scorecard as shown: `--owner` keeps the strategic objectives that
/// person owns (one of their owners, ignoring case), `--team` those that
/// OKRs of the team or its sub-teams support; perspectives left empty go.
/// Scores and budget totals stay those of the whole scorecard, as OKR
/// filters leave the company score alone. `--by theme` adds the themes.
pub(super) fn filter(mut s: StrategyReport, options: &Options) -> StrategyReport {
    let owns = |o: &BscObjectiveReport| match options.owner.as_deref() {
        None => true,
        Some(owner) => o
            .owners
            .iter()
            .any(|w| w.trim().eq_ignore_ascii_case(owner.trim())),
    };
    let supported = |o: &BscObjectiveReport| {
        options.teams.is_empty()
            || o.supported_by.iter().any(|by| {
                let team = by.rsplit_once('/').map_or(by.as_str(), |(team, _)| team);
                options
                    .teams
                    .iter()
                    .any(|t| crate::model::team::within(team, t))
            })
    };
    if options.owner.is_some() || !options.teams.is_empty() {
        for p in &mut s.perspectives {
            p.objectives.retain(|o| owns(o) && supported(o));
        }
        s.perspectives.retain(|p| !p.objectives.is_empty());
    }
    if options.by_theme {
        s.themes = Some(themes(&s));
    }
    s
}

/// Each theme in the order it first appears (perspective order), then the
/// objectives without a theme; an objective in two themes is in both.
fn themes(s: &StrategyReport) -> Vec<ThemeReport> {
    let objectives: Vec<&BscObjectiveReport> =
        s.perspectives.iter().flat_map(|p| &p.objectives).collect();
    let mut names: Vec<Option<&str>> = Vec::new();
    for o in &objectives {
        for t in &o.themes {
            if !names.contains(&Some(t.as_str())) {
                names.push(Some(t));
            }
        }
    }
    if objectives.iter().any(|o| o.themes.is_empty()) {
        names.push(None);
    }
    names
        .into_iter()
        .map(|name| {
            let members: Vec<&&BscObjectiveReport> = objectives
                .iter()
                .filter(|o| match name {
                    Some(n) => o.themes.iter().any(|t| t == n),
                    None => o.themes.is_empty(),
                })
                .collect();
            ThemeReport {
                name: name.map(str::to_owned),
                objectives: members.iter().map(|o| o.id.clone()).collect(),
                score: crate::eval::score::mean(members.iter().filter_map(|o| o.score)),
                coverage: Coverage::of(members.iter().map(|o| o.score.is_some())),
            }
        })
        .collect()
}
