//! The Balanced Scorecard side of a report: measures, strategic objectives
//! and perspectives scored against the strategy period, with the OKR support
//! of the chosen quarter beside them.

use chrono::NaiveDate;
use std::collections::HashMap;

use crate::model::{BscObjective, Direction, InitiativeStatus, Measure, Repository, Strategy};
use crate::score::{self, Phase};

use super::{
    BscObjectiveReport, InitiativeReport, MeasureReport, PerspectiveReport, QuarterReport,
    StrategyReport, thresholds,
};

pub(super) fn report(
    repository: &Repository,
    strategy: &Strategy,
    support_quarter: Option<&QuarterReport>,
    as_of: NaiveDate,
) -> StrategyReport {
    let settings = &repository.settings;
    let (phase, elapsed) = match &strategy.period {
        Some(p) => (
            Phase::of(p.start, p.end, as_of),
            score::elapsed_fraction(p.start, p.end, as_of),
        ),
        None => (Phase::Running, 1.0),
    };
    let expected = score::expected(settings.committed_goal, elapsed);
    let support = support_quarter.map(okr_support).unwrap_or_default();
    let t = thresholds(settings);
    let perspectives: Vec<PerspectiveReport> = strategy
        .perspectives
        .iter()
        .map(|p| {
            let objectives: Vec<BscObjectiveReport> = p
                .objectives
                .iter()
                .map(|o| {
                    let measures: Vec<MeasureReport> = o
                        .measures
                        .iter()
                        .map(|m| measure(m, expected, phase, t, as_of))
                        .collect();
                    let score = score::weighted_mean(
                        measures
                            .iter()
                            .filter_map(|m| m.score.map(|s| (s, m.weight))),
                    );
                    let (supported_by, scores) = support
                        .get(o.id.value.as_ref())
                        .cloned()
                        .unwrap_or_default();
                    BscObjectiveReport {
                        id: o.id.value.to_string(),
                        title: o.title.value.to_string(),
                        owner: o.owner.as_ref().map(|t| t.value.to_string()),
                        weight: super::okrs::weight(o.weight),
                        score,
                        expected,
                        status: score::status(score, expected, phase, t),
                        okr_support: score::mean(scores),
                        supported_by,
                        contributes_to: o
                            .contributes_to
                            .iter()
                            .map(|t| t.value.to_string())
                            .collect(),
                        measures,
                        initiatives: initiatives(o, as_of),
                    }
                })
                .collect();
            PerspectiveReport {
                perspective: p.key.value.to_string(),
                score: score::weighted_mean(
                    objectives
                        .iter()
                        .filter_map(|o| o.score.map(|s| (s, o.weight))),
                ),
                objectives,
            }
        })
        .collect();
    StrategyReport {
        organization: strategy.organization.as_ref().map(|t| t.value.to_string()),
        start: strategy.period.as_ref().map(|p| p.start),
        end: strategy.period.as_ref().map(|p| p.end),
        phase,
        elapsed,
        score: score::mean(perspectives.iter().filter_map(|p| p.score)),
        support_quarter: support_quarter.map(|q| q.quarter.clone()),
        perspectives,
    }
}

fn measure(
    m: &Measure,
    expected: f64,
    phase: Phase,
    t: score::Thresholds,
    as_of: NaiveDate,
) -> MeasureReport {
    let direction = m.effective_direction();
    let up = direction != Some(Direction::Down);
    // As with check-ins: history after the as-of date has not happened yet,
    // and then `actual` (undated) describes a later state too.
    let mut known: Vec<&crate::model::HistoryPoint> =
        m.history.iter().filter(|h| h.date.value <= as_of).collect();
    known.sort_by_key(|h| h.date.value);
    let actual = if known.len() < m.history.len() {
        known.last().map(|h| h.value.value)
    } else {
        m.actual.map(|a| a.value)
    };
    let score = m.target.and_then(|target| {
        score::measure_score(m.baseline.map(|b| b.value), target.value, actual, up)
    });
    MeasureReport {
        id: m.id.value.to_string(),
        name: m.name.value.to_string(),
        unit: m.unit.as_ref().map(|t| t.value.to_string()),
        baseline: m.baseline.map(|n| n.value).filter(|v| v.is_finite()),
        target: m.target.map(|n| n.value).filter(|v| v.is_finite()),
        actual: actual.filter(|v| v.is_finite()),
        direction: direction.map(|d| if d == Direction::Up { "up" } else { "down" }),
        weight: super::okrs::weight(m.weight),
        score,
        status: score::status(score, expected, phase, t),
        trend: known
            .iter()
            .map(|h| h.value.value)
            .filter(|v| v.is_finite())
            .collect(),
    }
}

fn initiatives(o: &BscObjective, as_of: chrono::NaiveDate) -> Vec<InitiativeReport> {
    o.initiatives
        .iter()
        .map(|i| InitiativeReport {
            title: i.title.value.to_string(),
            owner: i.owner.as_ref().map(|t| t.value.to_string()),
            due: i.due.map(|d| d.value),
            status: i.status.map(|s| match s {
                InitiativeStatus::Planned => "planned",
                InitiativeStatus::Active => "active",
                InitiativeStatus::Done => "done",
                InitiativeStatus::Dropped => "dropped",
            }),
            overdue: matches!(
                i.status,
                Some(InitiativeStatus::Planned | InitiativeStatus::Active)
            ) && i.due.is_some_and(|d| d.value < as_of),
        })
        .collect()
}

/// For each strategic objective id: the `team/id` of the quarter's OKR
/// objectives that support it, and their scores. The quarter is the whole,
/// unfiltered one, so every team counts whatever the report shows.
fn okr_support(quarter: &QuarterReport) -> HashMap<&str, (Vec<String>, Vec<f64>)> {
    let mut support: HashMap<&str, (Vec<String>, Vec<f64>)> = HashMap::new();
    for team in &quarter.teams {
        for o in &team.objectives {
            for id in &o.supports {
                let entry = support.entry(id.as_str()).or_default();
                entry.0.push(format!("{}/{}", team.team, o.id));
                entry.1.extend(o.score);
            }
        }
    }
    support
}
