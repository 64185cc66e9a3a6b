//! Calculated measures (B017-B019): a formula that does not parse, names an
//! unknown measure or is written beside the measure's own data; formulas
//! that refer to each other in a cycle; and a division by zero at the
//! as-of date, which leaves the measure unscored.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, suggest};
use crate::eval::cycles;
use crate::model::formula::Formula;
use crate::model::span::Span;
use crate::model::{Measure, Strategy};
use crate::rules::{Code, Context};

pub(crate) fn check(ctx: &Context, strategy: &Strategy, out: &mut Vec<Diagnostic>) {
    let measures: Vec<&Measure> = strategy
        .perspectives
        .iter()
        .flat_map(|p| &p.objectives)
        .flat_map(|o| &o.measures)
        .collect();
    let ids: Vec<&str> = measures.iter().map(|m| &*m.id.value).collect();
    let path = &strategy.path;
    let source = ctx.repository.sources.get(path);
    let at = |formula: &Formula, column: usize, chars: usize| {
        within(source.as_deref(), formula, column, chars)
    };
    for m in &measures {
        let Some(formula) = &m.formula else {
            continue;
        };
        let id = m.id.label();
        let expr = match &formula.expr {
            Ok(expr) => expr,
            Err(e) => {
                out.push(
                    Diagnostic::new(
                        Code::B017,
                        path,
                        at(formula, e.column, 1),
                        format!(
                            "formula of measure `{id}` does not parse at column {}: {}",
                            e.column, e.message
                        ),
                    )
                    .hint("write numbers, measure ids, `+ - * /` and parentheses, e.g. `opex / adjusted_discharges`"),
                );
                continue;
            }
        };
        for (input, column) in expr.measures() {
            if !ids.contains(&input) {
                let hint = suggest::did_you_mean(
                    input,
                    ids.iter().copied(),
                    "name a measure of this scorecard by its `id`",
                );
                out.push(
                    Diagnostic::new(
                        Code::B017,
                        path,
                        at(formula, column, input.chars().count()),
                        format!(
                            "formula of measure `{id}` refers to unknown measure `{input}` at column {column}"
                        ),
                    )
                    .hint(hint),
                );
            }
        }
        let own = m
            .actual
            .map(|a| ("actual", a.span))
            .or_else(|| m.history.first().map(|h| ("history", h.date.span)));
        if let Some((field, span)) = own {
            out.push(
                Diagnostic::new(
                    Code::B017,
                    path,
                    span,
                    format!("measure `{id}` has a formula and its own `{field}`"),
                )
                .hint("remove `actual` and `history`: a calculated measure's values come from its formula's inputs"),
            );
        }
    }
    cycles_of(path, &measures, out);
    divides_by_zero(ctx, strategy, out);
}

/// B018: formulas that refer to each other in a cycle, one finding per group.
fn cycles_of(path: &str, measures: &[&Measure], out: &mut Vec<Diagnostic>) {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, m) in measures.iter().enumerate() {
        index.entry(&*m.id.value).or_insert(i);
    }
    let edges: Vec<Vec<usize>> = measures
        .iter()
        .map(|m| match m.formula.as_ref().map(|f| &f.expr) {
            Some(Ok(expr)) => expr
                .measures()
                .into_iter()
                .filter_map(|(input, _)| index.get(input).copied())
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    for cycle in cycles::cycles(&edges) {
        let names: Vec<String> = cycle
            .path
            .iter()
            .filter_map(|&i| measures.get(i).map(|m| m.id.label().to_owned()))
            .collect();
        let Some(first) = cycle.path.first().and_then(|&i| measures.get(i)) else {
            continue;
        };
        let span = first
            .formula
            .as_ref()
            .map_or(first.id.span, |f| f.text.span);
        out.push(
            Diagnostic::new(
                Code::B018,
                path,
                span,
                format!("formulas form a cycle: {}", cycles::describe(&names)),
            )
            .hint("a calculated measure cannot depend on itself: compute one of them from recorded measures"),
        );
    }
}

/// B019: a formula divides by zero at the as-of date (the evaluation's).
fn divides_by_zero(ctx: &Context, strategy: &Strategy, out: &mut Vec<Diagnostic>) {
    let states = ctx.eval.strategy.as_ref();
    for (p, perspective) in strategy.perspectives.iter().enumerate() {
        for (o, objective) in perspective.objectives.iter().enumerate() {
            for (i, m) in objective.measures.iter().enumerate() {
                let zero = states
                    .and_then(|s| s.perspectives.get(p))
                    .and_then(|s| s.objectives.get(o))
                    .and_then(|s| s.measures.get(i))
                    .is_some_and(|s| s.divides_by_zero);
                if let (true, Some(formula)) = (zero, &m.formula) {
                    out.push(
                        Diagnostic::new(
                            Code::B019,
                            &strategy.path,
                            formula.text.span,
                            format!(
                                "formula of measure `{}` divides by zero on {}: the measure is unscored",
                                m.id.label(),
                                ctx.as_of
                            ),
                        )
                        .hint("record a non-zero value for the divisor at that date, or change the formula"),
                    );
                }
            }
        }
    }
}

/// The `chars` characters of a formula from its 1-based `column`, where the
/// formula is written as is (a plain scalar on one line); else the whole
/// formula, as a quoted or folded one does not map column to column.
fn within(source: Option<&str>, formula: &Formula, column: usize, chars: usize) -> Span {
    let whole = formula.text.span;
    let Some(source) = source else {
        return whole;
    };
    if source.get(whole.start()..whole.end()) != Some(&*formula.text.value) {
        return whole;
    }
    let text = &*formula.text.value;
    let offset = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
    let from = offset(column.saturating_sub(1));
    let to = offset(column.saturating_sub(1) + chars.max(1)).max(from);
    Span::new(source, whole.start() + from, whole.start() + to)
}
