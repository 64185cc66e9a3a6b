//! Balanced Scorecard rules (B001-B012; B013-B016 are in `measures.rs`) over strategy.yaml and its links to
//! the quarter files.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::count;
use crate::diagnostic::suggest::did_you_mean;
use crate::eval::cycles;
use crate::model::span::Span;
use crate::model::{BscObjective, Direction, InitiativeStatus, Measure, Strategy};
use crate::rules::{Code, Context, check_weight, non_finite};

pub(crate) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(strategy) = &ctx.repository.strategy else {
        return;
    };
    perspectives(ctx, strategy, out);
    let objectives: Vec<(usize, &BscObjective)> = strategy
        .perspectives
        .iter()
        .flat_map(|p| {
            let level = ctx
                .repository
                .settings
                .perspectives
                .iter()
                .position(|k| **k == *p.key.value);
            p.objectives
                .iter()
                .map(move |o| (level.unwrap_or(usize::MAX), o))
        })
        .collect();
    let limits = ctx.repository.settings.strategy_objectives;
    let n = objectives.len();
    let too_few = n < limits.min && !strategy.perspectives_short;
    if too_few || n > limits.max {
        let (bound, hint) = if n < limits.min {
            (
                format!("at least {}", limits.min),
                "a balanced scorecard covers each perspective with a few objectives; add the ones the strategy needs, or adjust `limits.strategy_objectives` if yours is smaller on purpose",
            )
        } else {
            (
                format!("at most {}", limits.max),
                "a scorecard that guides choices has few enough objectives to remember; merge or drop some, or adjust `limits.strategy_objectives` if yours differs on purpose",
            )
        };
        out.push(
            Diagnostic::new(
                Code::B002,
                &strategy.path,
                strategy.perspectives_span,
                format!(
                    "the scorecard has {} ({bound})",
                    count(n, "strategic objective")
                ),
            )
            .hint(hint),
        );
    }
    for (_, objective) in &objectives {
        objective_rules(ctx, strategy, objective, out);
    }
    super::measures::check(ctx, strategy, out);
    super::formula::check(ctx, strategy, out);
    duplicate_ids(strategy, out);
    map(ctx, strategy, out);
    quarters(ctx, strategy, &objectives, out);
}

/// B001: every configured perspective has objectives; no unknown perspective.
fn perspectives(ctx: &Context, strategy: &Strategy, out: &mut Vec<Diagnostic>) {
    let configured = &ctx.repository.settings.perspectives;
    for key in configured {
        match strategy.perspectives.iter().find(|p| *p.key.value == **key) {
            None if strategy.perspectives_short => {}
            None => out.push(
                Diagnostic::new(
                    Code::B001,
                    &strategy.path,
                    strategy.perspectives_span,
                    format!("the `{key}` perspective is missing"),
                )
                .hint(format!(
                    "add `{key}:` under `perspectives:` with at least one objective"
                )),
            ),
            Some(p) if p.objectives.is_empty() && !strategy.perspectives_short => out.push(
                Diagnostic::new(
                    Code::B001,
                    &strategy.path,
                    p.key.span,
                    format!("the `{key}` perspective has no objective"),
                )
                .hint("a balanced scorecard needs objectives in every perspective"),
            ),
            Some(_) => {}
        }
    }
    for p in &strategy.perspectives {
        if !configured.iter().any(|c| **c == *p.key.value) {
            let hint = did_you_mean(
                &p.key.value,
                configured.iter().map(String::as_str),
                &format!(
                    "use one of {}, or add it to `perspectives` in okr.yaml",
                    configured.join(", ")
                ),
            );
            out.push(
                Diagnostic::new(
                    Code::B001,
                    &strategy.path,
                    p.key.span,
                    format!("unknown perspective `{}`", p.key.value),
                )
                .hint(hint),
            );
        }
    }
}

fn objective_rules(
    ctx: &Context,
    strategy: &Strategy,
    objective: &BscObjective,
    out: &mut Vec<Diagnostic>,
) {
    let path = &strategy.path;
    let id = objective.id.label();
    check_weight(path, objective.weight, "strategic objective", id, out);
    if objective.measures.is_empty() {
        out.push(
            Diagnostic::new(
                Code::B003,
                path,
                objective.id.span,
                format!("strategic objective `{id}` has no measure"),
            )
            .hint("add `measures:` with at least one measure that has a target"),
        );
    }
    for measure in &objective.measures {
        measure_rules(path, measure, out);
    }
    for initiative in &objective.initiatives {
        let open = matches!(
            initiative.status,
            Some(InitiativeStatus::Planned | InitiativeStatus::Active)
        );
        if let Some(due) = initiative.due
            && open
            && due.value < ctx.as_of
        {
            out.push(
                Diagnostic::new(
                    Code::B011,
                    path,
                    due.span,
                    format!(
                        "initiative \"{}\" was due on {} and is not done",
                        initiative.title.value, due.value
                    ),
                )
                .hint("mark it `status: done` or `dropped`, or set a new `due` date"),
            );
        }
    }
}

fn measure_rules(path: &str, measure: &Measure, out: &mut Vec<Diagnostic>) {
    let id = measure.id.label();
    for (field, value) in [
        ("baseline", measure.baseline),
        ("target", measure.target),
        ("keep_above", measure.keep_above),
        ("keep_below", measure.keep_below),
        ("actual", measure.actual),
    ] {
        non_finite(path, value, field, out);
    }
    for point in &measure.history {
        non_finite(path, Some(point.value), "value", out);
    }
    check_weight(path, measure.weight, "measure", id, out);
    if let Some(span) = measure.target_tbd {
        out.push(
            Diagnostic::new(
                Code::B012,
                path,
                span,
                format!("measure `{id}` has a target still to be decided"),
            )
            .hint("write the target once it is decided; until then the measure is unscored"),
        );
    }
    if let (Some(low), Some(high)) = (measure.keep_above, measure.keep_below)
        && low.value > high.value
    {
        out.push(
            Diagnostic::new(
                Code::B004,
                path,
                low.span,
                format!(
                    "measure `{id}` has keep_above {} above its keep_below {}",
                    low.value, high.value
                ),
            )
            .hint("a range runs from `keep_above` (the floor) up to `keep_below` (the ceiling)"),
        );
    }
    let bounded = measure.keep_above.is_some() || measure.keep_below.is_some();
    period_targets(path, measure, out);
    if let Some(span) = measure.data_only
        && (measure.target.is_some() || !measure.targets.is_empty() || bounded)
    {
        out.push(
            Diagnostic::new(
                Code::B004,
                path,
                span,
                format!("measure `{id}` is data-only but has a target, floor or ceiling"),
            )
            .hint("remove `data_only: true` to score the measure, or remove its target, `keep_above` and `keep_below`"),
        );
    }
    if let Some(bands) = measure.bands
        && let Some(direction) = measure.effective_direction()
    {
        let (green, yellow) = (bands.green.value, bands.yellow.value);
        let wrong = match direction {
            Direction::Up => yellow >= green,
            Direction::Down => yellow <= green,
        };
        if wrong {
            let (better, side) = match direction {
                Direction::Up => ("higher", "below"),
                Direction::Down => ("lower", "above"),
            };
            out.push(
                Diagnostic::new(
                    Code::B004,
                    path,
                    bands.yellow.span,
                    format!(
                        "measure `{id}` has bands yellow {yellow} and green {green}, but {better} is better"
                    ),
                )
                .hint(format!("`yellow` starts where green ends: put it {side} `green`")),
            );
        }
    }
    match (measure.final_target(), measure.baseline) {
        // A threshold measure, a data-only one, or one whose target is
        // still to be decided.
        (None, _) if bounded || measure.target_tbd.is_some() || measure.data_only.is_some() => {}
        (None, _) => out.push(
            Diagnostic::new(
                Code::B004,
                path,
                measure.id.span,
                format!("measure `{id}` has no target"),
            )
            .hint("add `target:` with the value the strategy aims for (or `targets:` by period), `keep_above`/`keep_below` for a floor or a range to hold, `target: tbd` while it is still to be decided, or `data_only: true` for a figure that is only recorded"),
        ),
        (Some(t), Some(b)) if t.value == b.value => out.push(
            Diagnostic::new(
                Code::B004,
                path,
                t.span,
                format!(
                    "measure `{id}` has target {} equal to its baseline",
                    t.value
                ),
            )
            .hint("a target must differ from where you start"),
        ),
        (Some(_), None) if measure.effective_direction().is_none() => out.push(
            Diagnostic::new(
                Code::B004,
                path,
                measure.id.span,
                format!("measure `{id}` has no baseline and no direction"),
            )
            .hint("add `direction: up` (higher is better) or `direction: down`, or a `baseline`"),
        ),
        (Some(t), Some(b)) => {
            let implied = if t.value > b.value {
                Direction::Up
            } else {
                Direction::Down
            };
            if let Some((written, span)) = measure.direction
                && written != implied
            {
                let word = |d: Direction| if d == Direction::Up { "up" } else { "down" };
                out.push(
                    Diagnostic::new(
                        Code::B004,
                        path,
                        span,
                        format!(
                            "measure `{id}` says direction {} but its target {} is {} its baseline {}",
                            word(written),
                            t.value,
                            if implied == Direction::Up { "above" } else { "below" },
                            b.value
                        ),
                    )
                    .hint("fix the target or the baseline, or remove `direction`: it follows from baseline -> target"),
                );
            }
        }
        _ => {}
    }
}

/// B004 for `targets`: not beside `target`, and one target a `by` date.
fn period_targets(path: &str, measure: &Measure, out: &mut Vec<Diagnostic>) {
    let id = measure.id.label();
    if let (Some(target), Some(_)) = (measure.target, measure.targets_span) {
        out.push(
            Diagnostic::new(
                Code::B004,
                path,
                target.span,
                format!("measure `{id}` has both `target` and `targets`"),
            )
            .hint("keep `targets` (by period) and remove `target`, or the other way round"),
        );
    }
    let mut seen = HashSet::new();
    for t in &measure.targets {
        non_finite(path, Some(t.value), "value", out);
        if !seen.insert(t.by.value) {
            out.push(
                Diagnostic::new(
                    Code::B004,
                    path,
                    t.by.span,
                    format!("measure `{id}` has two targets by {}", t.by.value),
                )
                .hint("give each period one target"),
            );
        }
    }
}

/// O005 for strategy.yaml: strategic objective ids and measure ids are unique.
fn duplicate_ids(strategy: &Strategy, out: &mut Vec<Diagnostic>) {
    let mut objectives = HashSet::new();
    let mut measures = HashSet::new();
    for o in strategy
        .perspectives
        .iter()
        .flat_map(|p| p.objectives.iter())
    {
        if !o.id.value.is_empty() && !objectives.insert(o.id.value.as_ref()) {
            out.push(
                Diagnostic::new(
                    Code::O005,
                    &strategy.path,
                    o.id.span,
                    format!("strategic objective id `{}` is used twice", o.id.value),
                )
                .hint("give each strategic objective its own id"),
            );
        }
        for m in &o.measures {
            if !m.id.value.is_empty() && !measures.insert(m.id.value.as_ref()) {
                out.push(
                    Diagnostic::new(
                        Code::O005,
                        &strategy.path,
                        m.id.span,
                        format!("measure id `{}` is used twice in strategy.yaml", m.id.value),
                    )
                    .hint("give each measure its own id"),
                );
            }
        }
    }
}

/// B005 unknown links, B006 cycles, B007 backwards links, B008 unlinked
/// objectives, from the evaluation's strategy graph.
fn map(ctx: &Context, strategy: &Strategy, out: &mut Vec<Diagnostic>) {
    let Some(graph) = &ctx.eval.strategy_graph else {
        return;
    };
    let path = &strategy.path;
    let perspectives = &ctx.repository.settings.perspectives;
    for &(i, k) in &graph.unknown {
        let link = &graph.nodes[i].model.contributes_to[k];
        let hint = did_you_mean(
            &link.value,
            graph.index.keys().copied(),
            "use the id of an objective in this file",
        );
        out.push(
            Diagnostic::new(
                Code::B005,
                path,
                link.span,
                format!(
                    "`contributes_to: {}` names no strategic objective",
                    link.value
                ),
            )
            .hint(hint),
        );
    }
    // An initiative serving further objectives names them by id too.
    for node in &graph.nodes {
        for initiative in &node.model.initiatives {
            for id in &initiative.objectives {
                if graph.index.contains_key(id.value.as_ref()) {
                    continue;
                }
                let hint = did_you_mean(
                    &id.value,
                    graph.index.keys().copied(),
                    "use the id of an objective in this file",
                );
                out.push(
                    Diagnostic::new(
                        Code::B005,
                        path,
                        id.span,
                        format!(
                            "initiative `{}` serves `{}`, which names no strategic objective",
                            initiative.title.value, id.value
                        ),
                    )
                    .hint(hint),
                );
            }
        }
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        for &(to, k) in &graph.edges[i] {
            if !graph.backwards(i, to) {
                continue;
            }
            let (Some(from_level), Some(to_level)) = (node.level, graph.nodes[to].level) else {
                continue;
            };
            let link = &node.model.contributes_to[k];
            out.push(
                Diagnostic::new(
                    Code::B007,
                    path,
                    link.span,
                    format!(
                        "`{}` ({}) contributes to `{}` ({}), down the strategy map",
                        node.model.id.value, perspectives[from_level], link.value, perspectives[to_level]
                    ),
                )
                .hint("cause and effect runs up the map (learning -> internal -> customer -> financial): reverse the link or move an objective"),
            );
        }
    }
    for cycles::Cycle { path: cycle, edge } in &graph.cycles {
        let Some(&last) = cycle.last() else { continue };
        let o = graph.nodes[last].model;
        let Some(link) = graph.edges[last]
            .get(*edge)
            .and_then(|&(_, k)| o.contributes_to.get(k))
        else {
            continue;
        };
        let names: Vec<String> = cycle
            .iter()
            .map(|&n| graph.nodes[n].model.id.value.to_string())
            .collect();
        out.push(
            Diagnostic::new(
                Code::B006,
                path,
                link.span,
                format!("strategy map cycle: {}", cycles::describe(&names)),
            )
            .hint("a strategy map is cause and effect, so it has no loops: remove one link"),
        );
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        let top = node.level == Some(0);
        let (missing, hint) = if top {
            (
                graph.incoming[i] == 0,
                "link an objective of a lower perspective to it with `contributes_to`",
            )
        } else {
            (
                graph.edges[i].is_empty(),
                "add `contributes_to: [ID]` naming the objective this one drives",
            )
        };
        if missing && !node.model.id.value.is_empty() {
            let what = if top {
                "no objective contributes to it"
            } else {
                "it contributes to nothing"
            };
            out.push(
                Diagnostic::new(
                    Code::B008,
                    path,
                    node.model.id.span,
                    format!(
                        "strategic objective `{}` is not on the strategy map: {what}",
                        node.model.id.value
                    ),
                )
                .hint(hint),
            );
        }
    }
}

/// B009 quarters outside the strategy period, B010 unsupported objectives.
fn quarters(
    ctx: &Context,
    strategy: &Strategy,
    objectives: &[(usize, &BscObjective)],
    out: &mut Vec<Diagnostic>,
) {
    let repo = ctx.repository;
    let month = repo.settings.fiscal_year_start_month;
    if let Some(period) = &strategy.period {
        for file in &repo.quarters {
            let (start, end) = file.quarter.dates(month);
            if start < period.start || end > period.end {
                out.push(
                    Diagnostic::new(
                        Code::B009,
                        &file.path,
                        Span::FILE,
                        format!(
                            "{} ({start}..{end}) is not within the strategy period {}..{}",
                            file.quarter, period.start, period.end
                        ),
                    )
                    .hint("extend `period` in strategy.yaml, or archive this quarter's file"),
                );
            }
        }
    }
    // The quarter running at the as-of date (or the last one before it):
    // a draft of the next quarter is not judged while this one runs.
    let running = crate::model::quarter::Quarter::containing(ctx.as_of, month);
    let Some(latest) = repo
        .quarters
        .iter()
        .map(|f| f.quarter)
        .filter(|q| *q <= running)
        .max()
    else {
        return;
    };
    // A file of that quarter that did not load, or whose objectives could
    // not all be read, may hold the missing support.
    if repo.unloaded.iter().any(|u| u.quarter == latest)
        || repo
            .quarters
            .iter()
            .any(|f| f.quarter == latest && f.objectives_short)
    {
        return;
    }
    let supported = ctx.eval.quarter(latest).map(|q| &q.support);
    for (_, o) in objectives {
        if !o.id.value.is_empty() && !supported.is_some_and(|s| s.contains_key(o.id.value.as_ref()))
        {
            out.push(
                Diagnostic::new(
                    Code::B010,
                    &strategy.path,
                    o.id.span,
                    format!("no objective of {latest} supports strategic objective `{}`", o.id.value),
                )
                .hint("add `supports: [ID]` to the OKR that moves it this quarter, or question the objective"),
            );
        }
    }
}
