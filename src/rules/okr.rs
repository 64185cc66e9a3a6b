//! OKR rules (O001-O016) and the cross-file loading rule L007, over the
//! quarter files of a repository. Cross-file rules use hash maps built once.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::count;
use crate::diagnostic::suggest::did_you_mean;
use crate::eval::KeyResultState;
use crate::eval::cycles;
use crate::eval::graph::Unresolved;
use crate::model::KeyResultAt;
use crate::model::quarter::Quarter;
use crate::model::{KeyResult, KeyResultKind, Objective, QuarterFile};

use super::wording;
use crate::rules::{Code, Context, check_weight, non_finite, starts_with_word};

pub(crate) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    duplicate_team_quarters(ctx, out);
    let mut files_of: HashMap<(&str, Quarter), usize> = HashMap::new();
    for file in &ctx.repository.quarters {
        *files_of
            .entry((file.team.as_str(), file.quarter))
            .or_default() += 1;
    }
    for (f, file) in ctx.repository.quarters.iter().enumerate() {
        let split = files_of
            .get(&(file.team.as_str(), file.quarter))
            .is_some_and(|n| *n > 1);
        file_rules(ctx, f, file, split, out);
    }
    references(ctx, out);
}

fn kind_name(kind: KeyResultKind) -> String {
    format!("a {} ({})", kind.label(), kind.fields())
}

/// L007: two files for the same team and quarter. The finding goes to the
/// file whose `team:` field causes the clash, else to the later file.
fn duplicate_team_quarters(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&str, Quarter), &QuarterFile> = HashMap::new();
    for file in &ctx.repository.quarters {
        let Some(&first) = seen.get(&(file.team.as_str(), file.quarter)) else {
            seen.insert((&file.team, file.quarter), file);
            continue;
        };
        let (culprit, other) = if file.team_span.is_none() && first.team_span.is_some() {
            (first, file)
        } else {
            (file, first)
        };
        out.push(
            Diagnostic::new(
                Code::L007,
                &culprit.path,
                culprit.team_span.unwrap_or(crate::model::span::Span::FILE),
                format!(
                    "team `{}` already has {} in `{}`",
                    culprit.team, culprit.quarter, other.path
                ),
            )
            .hint("merge the two files, or set a different `team:` in one of them"),
        );
    }
}

fn file_rules(ctx: &Context, f: usize, file: &QuarterFile, split: bool, out: &mut Vec<Diagnostic>) {
    let s = &ctx.repository.settings;
    // Dropped objectives count toward neither limit: a team with too few
    // live objectives has too few, and a dropped one frees a place.
    let live: Vec<&Objective> = file.objectives.iter().filter(|o| !o.dropped).collect();
    let n = live.len();
    let too_few = n < s.objectives.min && !file.objectives_short;
    // A team whose quarter is split over two files (L007) is counted by
    // neither: L007 alone says what to do.
    if !split && (too_few || n > s.objectives.max) {
        let bound = if n < s.objectives.min {
            format!("at least {}", s.objectives.min)
        } else {
            format!("at most {}", s.objectives.max)
        };
        let span = live
            .get(s.objectives.max)
            .map_or(file.objectives_span, |o| o.span);
        out.push(
            Diagnostic::new(
                Code::O001,
                &file.path,
                span,
                format!(
                    "team `{}` has {}{} in {} ({bound})",
                    file.team,
                    count(n, "objective"),
                    dropped_too(file.objectives.len() - n),
                    file.quarter
                ),
            )
            .hint(if n < s.objectives.min {
                "add the objectives that matter most this quarter, or merge teams"
            } else {
                "focus: keep the objectives that matter most and move the rest to a later quarter"
            }),
        );
    }
    let (start, end) = file.quarter.dates(s.fiscal_year_start_month);
    let mut objective_ids: HashSet<&str> = HashSet::new();
    let mut kr_ids: HashSet<&str> = HashSet::new();
    for (o, objective) in file.objectives.iter().enumerate() {
        if !objective.id.value.is_empty() && !objective_ids.insert(&objective.id.value) {
            out.push(
                Diagnostic::new(
                    Code::O005,
                    &file.path,
                    objective.id.span,
                    format!(
                        "objective id `{}` is used twice in this file",
                        objective.id.value
                    ),
                )
                .hint("give each objective of a team's quarter its own id"),
            );
        }
        let parent = ctx
            .eval
            .objective(f, o)
            .is_some_and(|(_, state)| state.from_children);
        if objective.dropped {
            check_weight(
                &file.path,
                objective.weight,
                "objective",
                objective.id.label(),
                out,
            );
        } else {
            objective_rules(ctx, file, objective, parent, out);
        }
        for (k, kr) in objective.key_results.iter().enumerate() {
            // Without an objective id, default key result ids mean nothing (the L002 says why).
            let meaningful = kr.explicit_id || !objective.id.value.is_empty();
            if meaningful && !kr_ids.insert(&kr.id.value) {
                let how = if kr.explicit_id {
                    ""
                } else {
                    " (its default id)"
                };
                out.push(
                    Diagnostic::new(
                        Code::O005,
                        &file.path,
                        kr.id.span,
                        format!(
                            "key result id `{}`{how} is used twice in this file",
                            kr.id.value
                        ),
                    )
                    .hint("give each key result its own `id:`"),
                );
            }
            if !objective.dropped && !kr.dropped {
                key_result_rules(ctx, file, kr, out);
            } else {
                integrity_rules(file, kr, out);
            }
            let at = KeyResultAt {
                file: f,
                objective: o,
                key_result: k,
            };
            checkin_rules(ctx, file, kr, ctx.eval.key_result(at), (start, end), out);
            if let Some(state) = ctx.eval.key_result(at) {
                grade_rules(file, kr, state, out);
            }
        }
    }
}

/// How far a grade may be from the measured score before it is a finding.
pub(crate) const GRADE_GAP: f64 = 0.3;

/// O017: the grade people gave and the measured score, both at the as-of
/// date as the evaluation has them, differ by more than [`GRADE_GAP`].
fn grade_rules(
    file: &QuarterFile,
    kr: &KeyResult,
    state: &KeyResultState,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(grade), Some(measured)) = (state.grade, state.measured_score) else {
        return;
    };
    if (grade - measured).abs() <= GRADE_GAP + 1e-9 {
        return;
    }
    let span = kr
        .score
        .or_else(|| kr.latest_with(|c| c.score).map(|(_, n)| n))
        .map_or(kr.title.span, |n| n.span);
    let show = |x: f64| crate::render::fixed(x, 2);
    out.push(
        Diagnostic::new(
            Code::O017,
            &file.path,
            span,
            format!(
                "key result `{}` is graded {} but measures {}",
                kr.id.value,
                show(grade),
                show(measured)
            ),
        )
        .hint("the grade counts as its score: check the measured values, or say why the grade differs in the key result's `note:`"),
    );
}

/// `parent`: the objective has no key results of its own and is scored from
/// the objectives aligned to it, so it needs none.
fn objective_rules(
    ctx: &Context,
    file: &QuarterFile,
    objective: &Objective,
    parent: bool,
    out: &mut Vec<Diagnostic>,
) {
    let s = &ctx.repository.settings;
    let name = objective.id.label();
    // Dropped key results count toward neither limit, as objectives in O001.
    let live: Vec<&KeyResult> = objective
        .key_results
        .iter()
        .filter(|k| !k.dropped)
        .collect();
    let n = live.len();
    let too_few = n < s.key_results.min && !objective.key_results_short && !parent;
    if too_few || n > s.key_results.max {
        let (bound, span, hint) = if n < s.key_results.min {
            (
                format!("at least {}", s.key_results.min),
                objective.key_results_span,
                "add measurable key results that show the objective is reached",
            )
        } else {
            (
                format!("at most {}", s.key_results.max),
                live.get(s.key_results.max)
                    .map_or(objective.key_results_span, |k| k.span),
                "keep the key results that best show success; more dilute focus",
            )
        };
        out.push(
            Diagnostic::new(
                Code::O002,
                &file.path,
                span,
                format!(
                    "objective `{name}` has {}{} ({bound})",
                    count(n, "key result"),
                    dropped_too(objective.key_results.len() - n)
                ),
            )
            .hint(hint),
        );
    }
    if ctx.repository.strategy.is_some()
        && objective.supports.is_empty()
        && objective.aligns_to.is_empty()
    {
        out.push(
            Diagnostic::new(
                Code::O008,
                &file.path,
                objective.id.span,
                format!("objective `{name}` supports no strategic objective and aligns to no other objective"),
            )
            .hint("add `supports: [<strategy objective id>]` or `aligns_to: [team/OBJECTIVE]`"),
        );
    }
    if let Some(word) = activity(&objective.title.value, &s.activity_words) {
        out.push(
            Diagnostic::new(
                Code::O015,
                &file.path,
                objective.title.span,
                format!("objective `{name}` starts with `{word}`: it describes an activity, not an outcome"),
            )
            .hint("state the change you want, e.g. \"Make outages rare and short\" instead of \"Work on observability\""),
        );
    } else if let Some(word) = starts_with_word(&objective.title.value, &s.bau_words) {
        out.push(
            Diagnostic::new(
                Code::O016,
                &file.path,
                objective.title.span,
                format!("objective `{name}` starts with `{word}`: it reads as business as usual"),
            )
            .hint("state the change you want this quarter, e.g. \"Make deploys boring\" instead of \"Maintain deploys\""),
        );
    }
    check_weight(&file.path, objective.weight, "objective", name, out);
}

/// ` and 2 dropped` after a count of live goals; nothing when none is dropped.
fn dropped_too(dropped: usize) -> String {
    if dropped == 0 {
        String::new()
    } else {
        format!(" and {dropped} dropped")
    }
}

/// The rules every key result follows, and the only ones a dropped key
/// result (or one of a dropped objective) follows: those that keep the
/// file sound. It is not measured, so how it
/// would be measured (O003, O004) and worded (O015) is not judged.
fn integrity_rules(file: &QuarterFile, kr: &KeyResult, out: &mut Vec<Diagnostic>) {
    for (field, value) in [
        ("start", kr.start),
        ("target", kr.target),
        ("current", kr.current),
        ("keep_above", kr.keep_above),
        ("keep_below", kr.keep_below),
    ] {
        non_finite(&file.path, value, field, out);
    }
    check_weight(&file.path, kr.weight, "key result", &kr.id.value, out);
    grade_range(&file.path, kr.score, out);
}

/// A grade is from 0.0 to 1.0 (O012).
fn grade_range(path: &str, grade: Option<crate::model::Number>, out: &mut Vec<Diagnostic>) {
    if let Some(g) = grade
        && !(0.0..=1.0).contains(&g.value)
    {
        // `70` was likely meant as 70%.
        let hint = if g.value >= 2.0 && g.value <= 100.0 {
            format!(
                "a grade is from 0.0 to 1.0: write {} (or {}%)",
                crate::edit::emit::number((g.value * 1e4).round() / 1e6),
                crate::edit::emit::number(g.value)
            )
        } else {
            "a grade is from 0.0 (nothing achieved) to 1.0 (fully achieved)".to_owned()
        };
        out.push(
            Diagnostic::new(
                Code::O012,
                path,
                g.span,
                format!("score {} is outside 0..1", g.value),
            )
            .hint(hint),
        );
    }
}

fn key_result_rules(ctx: &Context, file: &QuarterFile, kr: &KeyResult, out: &mut Vec<Diagnostic>) {
    let s = &ctx.repository.settings;
    let id = &kr.id.value;
    let kinds = kr.kinds();
    match kinds.as_slice() {
        [] if kr.incomplete => {}
        // Graded by people: no measure, so no start or current either.
        [] if kr.is_graded() => {
            for (field, n) in [("start", kr.start), ("current", kr.current)] {
                if let Some(n) = n {
                    out.push(
                        Diagnostic::new(
                            Code::O003,
                            &file.path,
                            n.span,
                            format!("graded key result `{id}` has a `{field}` but no `target`"),
                        )
                        .hint("add the `target` to measure it as well, or remove `{field}`".replace("{field}", field)),
                    );
                }
            }
        }
        [] => out.push(
            Diagnostic::new(Code::O003, &file.path, kr.title.span, format!("key result `{id}` has no way to be measured"))
                .hint(if kr.start.is_some() || kr.current.is_some() {
                    "it has `start`/`current` but no `target`: add the `target` to reach"
                } else {
                    "add a `target` (metric), `done: false` (milestone), `keep_above`/`keep_below` (threshold), or `graded: true` for a key result people grade from 0.0 to 1.0"
                }),
        ),
        [KeyResultKind::Metric] => {}
        [one] => {
            if let Some(start) = kr.start {
                out.push(
                    Diagnostic::new(
                        Code::O003,
                        &file.path,
                        start.span,
                        format!("key result `{id}` is {} but has a `start`", kind_name(*one)),
                    )
                    .hint("`start` belongs to metric key results: add a `target`, or remove `start`"),
                );
            }
            if let (KeyResultKind::Milestone, Some(current)) = (one, kr.current) {
                out.push(
                    Diagnostic::new(
                        Code::O003,
                        &file.path,
                        current.span,
                        format!("milestone key result `{id}` has a `current` value"),
                    )
                    .hint("a milestone is `done: true` or `done: false`: remove `current`"),
                );
            }
        }
        many => {
            let names: Vec<String> = many.iter().map(|k| kind_name(*k)).collect();
            out.push(
                Diagnostic::new(
                    Code::O003,
                    &file.path,
                    kr.title.span,
                    format!("key result `{id}` is at once {}", names.join(" and ")),
                )
                .hint("keep the fields of one kind only; split it into two key results if both matter"),
            );
        }
    }
    if let (Some(kind), Some(due)) = (kr.kind(), kr.due)
        && kind != KeyResultKind::Milestone
    {
        out.push(
            Diagnostic::new(
                Code::O003,
                &file.path,
                due.span,
                format!("key result `{id}` is {} but has a `due` date", kind_name(kind)),
            )
            .hint("`due` is when a milestone (`done:`) is planned: remove it, or make the key result a milestone"),
        );
    }
    if kr.kind() == Some(KeyResultKind::Metric)
        && let Some(target) = kr.target
    {
        let start = kr.start.map_or(0.0, |s| s.value);
        if target.value == start {
            out.push(
                Diagnostic::new(
                    Code::O004,
                    &file.path,
                    target.span,
                    format!(
                        "key result `{id}` has target {} equal to its start",
                        target.value
                    ),
                )
                .hint("set `start` to where you are today; a key result must move a number"),
            );
        }
    }
    if let (Some(above), Some(below)) = (kr.keep_above, kr.keep_below)
        && above.value > below.value
    {
        out.push(
            Diagnostic::new(
                Code::O012,
                &file.path,
                above.span,
                format!(
                    "key result `{id}` must keep above {} and below {}: no value can do both",
                    above.value, below.value
                ),
            )
            .hint("swap `keep_above` and `keep_below`"),
        );
    }
    integrity_rules(file, kr, out);
    // `current` and `score` say what the latest check-in of each says.
    for (field, written, latest) in [
        ("current", kr.current, kr.latest_with(|c| c.value)),
        ("score", kr.score, kr.latest_with(|c| c.score)),
    ] {
        if let (Some(written), Some((latest, said))) = (written, latest)
            && written.value.is_finite()
            && said.value.is_finite()
            && !same(written.value, said.value)
        {
            let what = if field == "current" { "value" } else { "score" };
            out.push(
                Diagnostic::new(
                    Code::O013,
                    &file.path,
                    written.span,
                    format!(
                        "key result `{id}` has {field} {} but its latest check-in with a {what} ({}) says {}",
                        written.value, latest.date.value, said.value
                    ),
                )
                .hint(format!(
                    "update `{field}` to the latest check-in's {what}, or remove `{field}`"
                )),
            );
        }
    }
    if let Some(word) = activity(&kr.title.value, &s.activity_words) {
        out.push(
            Diagnostic::new(
                Code::O015,
                &file.path,
                kr.title.span,
                format!("key result `{id}` starts with `{word}`: it describes an activity, not an outcome"),
            )
            .hint("state the measurable result the work should produce"),
        );
    } else if kr.kind() == Some(KeyResultKind::Milestone)
        && !kr.title.value.is_empty()
        && !wording::states_a_number(&kr.title.value)
    {
        out.push(
            Diagnostic::new(
                Code::O015,
                &file.path,
                kr.title.span,
                format!("milestone key result `{id}` has no number in its title"),
            )
            .hint("say how much or how many, e.g. \"Ship SSO to 3 design partners\""),
        );
    }
}

/// The activity word a title starts with, unless the word's object is
/// measurable (see [`wording::activity`]).
fn activity<'w>(title: &str, words: &'w [String]) -> Option<&'w str> {
    let word = starts_with_word(title, words)?;
    wording::is_activity(title, word).then_some(word)
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn checkin_rules(
    ctx: &Context,
    file: &QuarterFile,
    kr: &KeyResult,
    state: Option<&KeyResultState>,
    (start, end): (chrono::NaiveDate, chrono::NaiveDate),
    out: &mut Vec<Diagnostic>,
) {
    let s = &ctx.repository.settings;
    let id = &kr.id.value;
    let mut previous: Option<chrono::NaiveDate> = None;
    for c in &kr.checkins {
        let date = c.date.value;
        if date > ctx.as_of {
            out.push(
                Diagnostic::new(
                    Code::O010,
                    &file.path,
                    c.date.span,
                    format!(
                        "check-in of `{id}` is dated {date}, after today ({})",
                        ctx.as_of
                    ),
                )
                .hint("fix the date; check-ins record what was measured, not plans"),
            );
        }
        // Check-ins in the days after the quarter are its final grades.
        let graded_until = end
            .checked_add_days(chrono::Days::new(s.grading_days.unsigned_abs()))
            .unwrap_or(end);
        if date < start || date > graded_until {
            let hint = if date < start {
                format!(
                    "a check-in before the quarter began belongs to the file of {}; or fix the date",
                    Quarter::containing(date, s.fiscal_year_start_month)
                )
            } else {
                format!(
                    "a final grade may be dated up to {} days after the quarter (`grading_days` in okr.yaml, until {graded_until}); a later check-in belongs to the file of {}; or fix the date",
                    s.grading_days,
                    Quarter::containing(date, s.fiscal_year_start_month)
                )
            };
            out.push(
                Diagnostic::new(
                    Code::O009,
                    &file.path,
                    c.date.span,
                    format!(
                        "check-in of `{id}` is dated {date}, outside {} ({start}..{end})",
                        file.quarter
                    ),
                )
                .hint(hint),
            );
        }
        if let Some(p) = previous
            && date < p
        {
            out.push(
                Diagnostic::new(
                    Code::O011,
                    &file.path,
                    c.date.span,
                    format!("check-in of `{id}` dated {date} comes after one dated {p}"),
                )
                .hint("list check-ins oldest first"),
            );
        }
        previous = Some(previous.map_or(date, |p| p.max(date)));
        non_finite(&file.path, c.value, "value", out);
        if let Some(conf) = c.confidence
            && !(0.0..=1.0).contains(&conf.value)
        {
            out.push(
                Diagnostic::new(
                    Code::O012,
                    &file.path,
                    conf.span,
                    format!("confidence {} is outside 0..1", conf.value),
                )
                .hint("confidence is a probability: 0.0 (no chance) to 1.0 (certain)"),
            );
        }
        grade_range(&file.path, c.score, out);
    }
    // Staleness is the evaluation's: the same the report shows.
    if let Some(state) = state.filter(|s| s.stale) {
        let days = state.days_without_checkin;
        let cadence = ctx.repository.settings.checkin_cadence_days;
        // One wording with or without a check-in, so the finding stays the
        // same one (by rule and subject) when a check-in is backfilled.
        // A key result graded by people alone takes a grade.
        let reading = if state.kind == Some(KeyResultKind::Graded) {
            "grade (`score:`)"
        } else {
            "value"
        };
        let (since, hint) = match state.last_checkin {
            Some(d) => (
                d,
                format!(
                    "its last check-in was on {d}: add one under `checkins:` with today's date and {reading}"
                ),
            ),
            None => (
                start,
                format!(
                    "it has had none since the quarter began on {start}: add one under `checkins:` with today's date and {reading}"
                ),
            ),
        };
        out.push(
            Diagnostic::new(
                Code::O014,
                &file.path,
                kr.title.span,
                format!("key result `{id}` has had no check-in for {days} days, since {since} (cadence {cadence} days)"),
            )
            .hint(hint),
        );
    }
}

/// O006 unknown references and O007 alignment cycles, from the
/// evaluation's alignment graph.
fn references(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let repo = ctx.repository;
    let alignment = &ctx.eval.alignment;
    let objective_at = |n: usize| {
        let (f, o) = alignment.nodes[n];
        (&repo.quarters[f], &repo.quarters[f].objectives[o])
    };
    if let Some(graph) = &ctx.eval.strategy_graph {
        for &(f, o) in &alignment.nodes {
            let file = &repo.quarters[f];
            for r in &file.objectives[o].supports {
                if !graph.index.contains_key(r.value.as_ref()) {
                    let hint = did_you_mean(
                        &r.value,
                        graph.index.keys().copied(),
                        "use the id of an objective in strategy.yaml",
                    );
                    out.push(
                        Diagnostic::new(
                            Code::O006,
                            &file.path,
                            r.span,
                            format!(
                                "`supports: {}` names no objective in strategy.yaml",
                                r.value
                            ),
                        )
                        .hint(hint),
                    );
                }
            }
        }
    }
    let mut names_by_quarter: HashMap<Quarter, Vec<String>> = HashMap::new();
    for (n, k, why) in &alignment.unresolved {
        let (file, objective) = objective_at(*n);
        let r = &objective.aligns_to[*k];
        match why {
            Unresolved::Unloaded => {}
            Unresolved::Malformed => out.push(
                Diagnostic::new(
                    Code::O006,
                    &file.path,
                    r.span,
                    format!("`aligns_to: {}` names no objective", r.value),
                )
                .hint("write TEAM/ID for another team's objective of the same quarter, or ID for one of this team's"),
            ),
            Unresolved::Ambiguous {
                team,
                id,
                candidates,
            } => {
                let full: Vec<String> = candidates.iter().map(|c| format!("{c}/{id}")).collect();
                out.push(
                    Diagnostic::new(
                        Code::O006,
                        &file.path,
                        r.span,
                        format!(
                            "`aligns_to: {}` is ambiguous: team `{team}` may be {}",
                            r.value,
                            crate::model::team::listed(candidates)
                        ),
                    )
                    .hint(format!(
                        "write the team's full name: {}",
                        crate::model::team::listed(&full)
                    )),
                );
            }
            Unresolved::Unknown { team, id } => {
                let candidates = names_by_quarter.entry(file.quarter).or_insert_with(|| {
                    alignment
                        .nodes
                        .iter()
                        .map(|&(f, o)| (&repo.quarters[f], &repo.quarters[f].objectives[o]))
                        .filter(|(f, o)| f.quarter == file.quarter && !o.id.value.is_empty())
                        .map(|(f, o)| format!("{}/{}", f.team, o.id.value))
                        .collect()
                });
                let itself = format!("{}/{}", file.team, objective.id.value);
                let hint = did_you_mean(
                    &format!("{team}/{id}"),
                    candidates
                        .iter()
                        .map(String::as_str)
                        .filter(|c| *c != itself),
                    "write TEAM/ID for another team's objective of the same quarter, or ID for one of this team's",
                );
                out.push(
                    Diagnostic::new(
                        Code::O006,
                        &file.path,
                        r.span,
                        format!("`aligns_to: {}` names no objective: team `{team}` has no `{id}` in {}", r.value, file.quarter),
                    )
                    .hint(hint),
                );
            }
        }
    }
    for cycles::Cycle { path, edge } in &alignment.cycles {
        let Some(&last) = path.last() else { continue };
        let (file, objective) = objective_at(last);
        let Some(r) = alignment.edges[last]
            .get(*edge)
            .and_then(|&(_, k)| objective.aligns_to.get(k))
        else {
            continue;
        };
        let names: Vec<String> = path
            .iter()
            .map(|&n| {
                let (f, o) = objective_at(n);
                format!("{}/{}", f.team, o.id.value)
            })
            .collect();
        out.push(
            Diagnostic::new(
                Code::O007,
                &file.path,
                r.span,
                format!("alignment cycle: {}", cycles::describe(&names)),
            )
            .hint(
                "alignment points up to the objective a team serves; remove one link of the cycle",
            ),
        );
    }
}
