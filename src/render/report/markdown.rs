//! `okr report --format markdown`: GitHub-flavoured Markdown for a pull
//! request comment, a wiki page or `$GITHUB_STEP_SUMMARY`. Every string a
//! user wrote passes through `escape`, so a title cannot break a table,
//! inject HTML or links, or mention people.

use std::fmt::Write as _;

use crate::eval::report::{
    BscObjectiveReport, PerspectiveReport, QuarterReport, Report, StrategyReport, Summary,
    TeamReport, TreeNode,
};
use crate::eval::score::Phase;
use crate::model::KeyResultKind;

use crate::render::text::markdown as escape;

use super::{
    Style, bar, budget, budget_totals, coverage, expected, grade, measure_goal, no_okrs,
    node_score, number, objective_basis, okr_support, percent, rolled_up, score, score_of, some_of,
    sparkline, status, subteams_score, theme_name, theme_objectives,
};

pub(crate) fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();
    line(&mut out, "# OKR report");
    line(&mut out, "");
    line(&mut out, &format!("As of {}.", report.as_of));
    notices(&mut out, report);
    if report.quarters.is_empty() && report.strategy.is_none() {
        line(&mut out, "");
        line(&mut out, "Nothing to report.");
    }
    for quarter in &report.quarters {
        render_quarter(&mut out, quarter, style);
    }
    if !report.history.is_empty() {
        history(&mut out, report);
    }
    if let Some(strategy) = &report.strategy {
        balanced_scorecard(&mut out, strategy);
    } else if let Some(unread) = report.unread_strategy() {
        line(&mut out, "");
        line(&mut out, "## Balanced Scorecard");
        line(&mut out, "");
        line(&mut out, &unread.scorecard_notice(escape));
    }
    if let Some(map) = &report.map {
        line(&mut out, "");
        out.push_str(&strategy_map(map, "Strategy map"));
    }
    if !report.skipped.is_empty() {
        line(&mut out, "");
        line(&mut out, "## Skipped");
        line(&mut out, "");
        for s in &report.skipped {
            line(
                &mut out,
                &format!("- {}: {}", escape(&s.path), escape(&s.reason)),
            );
        }
    }
    out
}

/// What the report leaves out, above everything else, as a GitHub alert:
/// one line for each file that could not be read, one for the errors of
/// the others.
fn notices(out: &mut String, report: &Report) {
    if report.skipped.is_empty() && report.errors == 0 {
        return;
    }
    line(out, "");
    line(out, "> [!WARNING]");
    for s in &report.skipped {
        line(out, &format!("> - {}", s.notice(escape)));
    }
    if let Some(notice) = report.errors_notice() {
        line(out, &format!("> - {}", notice));
    }
}

/// The strategy map as a Mermaid flowchart, which GitHub draws, in a
/// collapsed section. Mermaid ids and labels are escaped by its renderer;
/// a backtick cannot end the fence.
pub(crate) fn strategy_map(map: &crate::eval::map::StrategyMap, summary: &str) -> String {
    format!(
        "<details><summary>{summary}</summary>\n\n```mermaid\n{}```\n\n</details>\n",
        crate::render::map::mermaid(map)
    )
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

/// A number that may be missing, or `-`; never `NaN` or `inf`.
fn value(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map_or_else(|| "-".to_owned(), number)
}

fn render_quarter(out: &mut String, q: &QuarterReport, style: Style) {
    line(out, "");
    line(out, &format!("## {}", escape(&q.quarter)));
    line(out, "");
    let pace = match q.phase {
        Phase::Before => "not started".to_owned(),
        Phase::Running => format!("{} elapsed", percent(Some(q.elapsed))),
        Phase::Ended => "ended".to_owned(),
    };
    line(
        out,
        &format!(
            "{} – {} · {pace} · company score **{}**",
            q.start,
            q.end,
            score_of(q.score, q.coverage, "objectives")
        ),
    );
    line(out, "");
    line(out, &summary(&q.summary, q.phase));
    if q.teams.is_empty() {
        line(out, "");
        line(out, "No objectives match.");
    }
    for team in &q.teams {
        render_team(out, team);
    }
    if style.tree && !q.alignment.is_empty() {
        line(out, "");
        line(out, "#### Alignment");
        line(out, "");
        for node in &q.alignment {
            tree_node(out, node, 0);
        }
    }
}

/// One line: objectives by status, committed vs aspirational, missed
/// commitments, stale key results.
fn summary(s: &Summary, phase: Phase) -> String {
    let mut counts: Vec<(usize, &str)> = match phase {
        Phase::Running => vec![
            (s.on_track, "on track"),
            (s.at_risk, "at risk"),
            (s.off_track, "off track"),
        ],
        Phase::Ended => vec![(s.green, "green"), (s.yellow, "yellow"), (s.red, "red")],
        Phase::Before => Vec::new(),
    };
    counts.extend(
        [
            (s.not_started, "not started"),
            (s.pending, "pending"),
            (s.partly_scored, "partly scored"),
            (s.unscored, "unscored"),
            (s.dropped, "dropped"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0),
    );
    let by_status: Vec<String> = counts
        .iter()
        .map(|(n, label)| format!("{n} {label}"))
        .collect();
    let objectives = crate::diagnostic::count(s.objectives, "objective");
    let mut text = if by_status.is_empty() {
        objectives
    } else {
        format!("{objectives}: {}", by_status.join(", "))
    };
    let _ = write!(
        text,
        " · {} committed, {} aspirational · {} · {}",
        s.committed,
        s.aspirational,
        crate::diagnostic::count(s.missed_commitments, "missed commitment"),
        crate::diagnostic::count(s.stale_key_results, "stale key result"),
    );
    text
}

fn render_team(out: &mut String, team: &TeamReport) {
    line(out, "");
    line(
        out,
        // A sub-team's heading is one level below its parent's.
        &format!(
            "{} {} ({}{})",
            "#".repeat(3 + team.depth.min(3)),
            escape(&team.team),
            score_of(team.score, team.coverage, "objectives"),
            subteams_score(team)
                .map(|all| format!(" · with sub-teams {all}"))
                .unwrap_or_default()
        ),
    );
    line(out, "");
    line(
        out,
        "| Objective / key result | Score | Expected | Status | Confidence | Details |",
    );
    line(out, "| --- | ---: | ---: | --- | ---: | --- |");
    for o in &team.objectives {
        let mut details = Vec::new();
        if let Some(owner) = &o.owner {
            details.push(format!("owner {}", escape(owner)));
        }
        details.push(o.kind.label().to_owned());
        details.extend(objective_basis(o));
        line(
            out,
            &format!(
                "| {} | {} | {} | {} | {} | {} |",
                bold_title(&o.id, &o.title) + &note(o.note.as_deref()),
                scored(o.score),
                expected(o.expected, o.status),
                status(o.status, o.missed_commitment),
                score(o.confidence),
                details.join(" · ")
            ),
        );
        for k in &o.key_results {
            let mut details = Vec::new();
            let unit = k
                .unit
                .as_deref()
                .map(|u| format!(" {}", escape(u)))
                .unwrap_or_default();
            match k.kind {
                Some(KeyResultKind::Milestone) => details.push(match (k.done, k.due) {
                    (Some(true), _) => "done".to_owned(),
                    (_, Some(due)) => format!("not done, due {}", due.format("%Y-%m-%d")),
                    _ => "not done".to_owned(),
                }),
                Some(KeyResultKind::Threshold) => {
                    let mut bounds = Vec::new();
                    if let Some(low) = k.keep_above {
                        bounds.push(format!("≥ {}", value(Some(low))));
                    }
                    if let Some(high) = k.keep_below {
                        bounds.push(format!("≤ {}", value(Some(high))));
                    }
                    details.push(format!(
                        "{}{unit} (keep {})",
                        value(k.current),
                        bounds.join(", ")
                    ));
                    details.push(format!("{} in bounds", percent(k.progress)));
                }
                Some(KeyResultKind::Graded) => {}
                Some(KeyResultKind::Metric) => {
                    details.push(format!("{} / {}{unit}", value(k.current), value(k.target)));
                    details.push(format!("progress {}", percent(k.progress)));
                }
                None => details.push("not measurable (run okr check)".to_owned()),
            }
            details.extend(grade(k));
            if k.forecast.is_some() {
                details.push(format!("forecast {}", score(k.forecast)));
            }
            if k.trend.len() > 1 && k.kind != Some(KeyResultKind::Milestone) {
                details.push(sparkline(&k.trend));
            }
            if k.stale {
                details.push("⚠️ stale".to_owned());
            }
            if let Some(owner) = k
                .owner
                .as_ref()
                .filter(|kr_owner| Some(*kr_owner) != o.owner.as_ref())
            {
                details.push(format!("owner {}", escape(owner)));
            }
            line(
                out,
                &format!(
                    "| ↳ {} {}{} | {} | {} | {} | {} | {} |",
                    escape(&k.id),
                    escape(&k.title),
                    note(k.note.as_deref()),
                    score(k.score),
                    expected(k.expected, k.status),
                    status(k.status, false),
                    score(k.confidence),
                    details.join(" · ")
                ),
            );
        }
    }
}

/// `**id title**`, without a dangling `**` when the title is blank (a
/// closing `**` after a space would not close).
fn bold_title(id: &str, title: &str) -> String {
    let text = [escape(id), escape(title)]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        String::new()
    } else {
        format!("**{text}**")
    }
}

/// A goal's note after its title in the same cell: ` · note: …`, escaped
/// like the title; nothing without a note.
fn note(text: Option<&str>) -> String {
    text.map(|t| format!(" · note: {}", escape(t)))
        .unwrap_or_default()
}

fn tree_node(out: &mut String, node: &TreeNode, depth: usize) {
    line(
        out,
        &format!(
            "{}- {} {} — {}{}",
            "  ".repeat(depth),
            super::node_name(node, escape),
            escape(&node.title),
            node_score(node),
            rolled_up(node)
        ),
    );
    for child in &node.children {
        tree_node(out, child, depth + 1);
    }
}

/// Each team's score per quarter, teams in order of first appearance.
/// A score with a bar of it, for objectives.
fn scored(value: Option<f64>) -> String {
    format!("{} `{}`", score(value), bar(value, 8))
}

fn history(out: &mut String, report: &Report) {
    line(out, "");
    line(out, "## History");
    line(out, "");
    let header: Vec<String> = report
        .quarters
        .iter()
        .map(|q| match q.phase {
            Phase::Running => format!("{} ({} in)", escape(&q.quarter), percent(Some(q.elapsed))),
            Phase::Before => format!("{} (not started)", escape(&q.quarter)),
            Phase::Ended => escape(&q.quarter),
        })
        .collect();
    line(out, &format!("| Team | {} | Trend |", header.join(" | ")));
    line(
        out,
        &format!("| --- |{} --- |", " ---: |".repeat(report.quarters.len())),
    );
    for row in &report.history {
        let name = row
            .team
            .as_deref()
            .map_or_else(|| "**all objectives**".to_owned(), escape);
        let cells: Vec<String> = row.scores.iter().map(|s| score(*s)).collect();
        let known: Vec<f64> = row.scores.iter().flatten().copied().collect();
        let trend = if known.len() > 1 {
            sparkline(&known)
        } else {
            String::new()
        };
        line(
            out,
            &format!("| {name} | {} | {trend} |", cells.join(" | ")),
        );
    }
}

fn balanced_scorecard(out: &mut String, s: &StrategyReport) {
    line(out, "");
    line(out, "## Balanced Scorecard");
    line(out, "");
    let mut facts = Vec::new();
    if let Some(org) = &s.organization {
        facts.push(format!("**{}**", escape(org)));
    }
    if let (Some(start), Some(end)) = (s.start, s.end) {
        let pace = match s.phase {
            Phase::Before => "not started".to_owned(),
            Phase::Running => format!("{} elapsed", percent(Some(s.elapsed))),
            Phase::Ended => "ended".to_owned(),
        };
        facts.push(format!("{start} – {end} · {pace}"));
    }
    facts.push(format!(
        "score **{}**",
        score_of(s.score, s.coverage, "strategic objectives")
    ));
    if let Some(q) = &s.support_quarter {
        facts.push(format!("OKR support from {}", escape(q)));
    }
    if let Some(totals) = budget_totals(&s.budgets, escape) {
        facts.push(format!("initiative budgets {totals}"));
    }
    line(out, &facts.join(" · "));
    for p in &s.perspectives {
        perspective(out, p);
    }
    if let Some(themes) = &s.themes {
        line(out, "");
        line(out, "### Themes");
        line(out, "");
        line(out, "| Theme | Score | Objectives |");
        line(out, "| --- | ---: | --- |");
        for t in themes {
            line(
                out,
                &format!(
                    "| {} | {} | {} |",
                    theme_name(t.name.as_deref(), escape),
                    score_of(t.score, t.coverage, "objectives"),
                    theme_objectives(s, t, escape)
                ),
            );
        }
    }
    let unsupported: Vec<&BscObjectiveReport> = s
        .perspectives
        .iter()
        .flat_map(|p| p.objectives.iter())
        .filter(|o| o.supported_by.is_empty() && !no_okrs(s))
        .collect();
    if no_okrs(s) {
        line(out, "");
        line(out, "> [!NOTE]");
        line(
            out,
            "> No OKRs this quarter: the scorecard has no OKR support.",
        );
    }
    if !unsupported.is_empty() {
        line(out, "");
        line(out, "> [!WARNING]");
        let from = s
            .support_quarter
            .as_deref()
            .map(|q| format!(" in {}", escape(q)))
            .unwrap_or_default();
        line(
            out,
            &format!("> No OKR supports these strategic objectives{from}:"),
        );
        line(out, ">");
        for o in unsupported {
            line(out, &format!("> - {} {}", escape(&o.id), escape(&o.title)));
        }
    }
}

fn perspective(out: &mut String, p: &PerspectiveReport) {
    line(out, "");
    line(
        out,
        &format!(
            "### {} ({})",
            escape(&p.label),
            score_of(p.score, p.coverage, "objectives")
        ),
    );
    line(out, "");
    line(
        out,
        "| Objective | Owner | Score | Expected | Status | OKR support | Supported by |",
    );
    line(out, "| --- | --- | ---: | ---: | --- | ---: | --- |");
    for o in &p.objectives {
        let supported_by = some_of(&o.supported_by, escape);
        line(
            out,
            &format!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                bold_title(&o.id, &o.title),
                o.owner.as_deref().map_or_else(|| "-".to_owned(), escape),
                match coverage(o.coverage, "measures") {
                    Some(note) => format!("{} ({note})", scored(o.score)),
                    None => scored(o.score),
                },
                score(Some(o.expected)),
                status(o.status, false),
                okr_support(o),
                if supported_by.is_empty() {
                    "-".to_owned()
                } else {
                    supported_by
                }
            ),
        );
    }
    if p.objectives.iter().any(|o| !o.measures.is_empty()) {
        line(out, "");
        line(
            out,
            "| Objective | Measure | Baseline | Actual | Target | Unit | Score | Status |",
        );
        line(out, "| --- | --- | ---: | ---: | ---: | --- | ---: | --- |");
        for o in &p.objectives {
            for m in &o.measures {
                line(
                    out,
                    &format!(
                        "| {} | {} | {} | {} | {} | {} | {} | {} |",
                        escape(&o.id),
                        escape(&m.name),
                        value(m.baseline),
                        value(m.actual),
                        escape(&measure_goal(m)),
                        m.unit.as_deref().map_or_else(String::new, escape),
                        score(m.score),
                        if m.stale {
                            format!("{} · ⚠️ stale", status(m.status, false))
                        } else {
                            status(m.status, false)
                        }
                    ),
                );
            }
        }
    }
    if p.objectives.iter().any(|o| !o.initiatives.is_empty()) {
        line(out, "");
        line(
            out,
            "| Objective | Initiative | Owner | Start | Due | Progress | Budget | Status |",
        );
        line(out, "| --- | --- | --- | --- | --- | ---: | ---: | --- |");
        for o in &p.objectives {
            for i in &o.initiatives {
                let mut state = i.status.unwrap_or("-").to_owned();
                if i.overdue {
                    state.push_str(" · ⚠️ overdue");
                }
                // An initiative written under another objective says so.
                let title = match i.objectives.first() {
                    Some(home) if *home != o.id => {
                        format!("{} (of {})", escape(&i.title), escape(home))
                    }
                    _ => escape(&i.title),
                };
                line(
                    out,
                    &format!(
                        "| {} | {title} | {} | {} | {} | {} | {} | {state} |",
                        escape(&o.id),
                        i.owner.as_deref().map_or_else(|| "-".to_owned(), escape),
                        i.start.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                        i.due.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                        if i.progress.is_some() {
                            percent(i.progress)
                        } else {
                            "-".to_owned()
                        },
                        i.budget.map_or_else(
                            || "-".to_owned(),
                            |b| budget(b, i.unit.as_deref(), escape)
                        ),
                    ),
                );
            }
        }
        let totals: Vec<String> = p
            .objectives
            .iter()
            .filter_map(|o| {
                budget_totals(&o.budgets, escape).map(|t| format!("{} {t}", escape(&o.id)))
            })
            .collect();
        if !totals.is_empty() {
            line(out, "");
            line(out, &format!("Initiative budgets: {}", totals.join(" · ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::report::{
        InitiativeReport, KeyResultReport, MeasureReport, ObjectiveReport, Skipped,
    };
    use crate::eval::score::Status;
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
            kind: Some(KeyResultKind::Metric),
            start: Some(0.0),
            target: Some(12.0),
            keep_above: None,
            keep_below: None,
            current: Some(6.0),
            done: None,
            due: None,
            unit: Some("retailers".to_owned()),
            weight: 1.0,
            progress: Some(0.5),
            score: Some(0.5),
            grade: None,
            measured_score: None,
            graded: false,
            expected: 0.6,
            status: Status::OnTrack,
            forecast: Some(0.8),
            confidence: Some(0.7),
            trend: vec![0.1, 0.3, 0.5],
            checkins: Vec::new(),
            stale: true,
        }
    }

    fn objective(title: &str, key_results: Vec<KeyResultReport>) -> ObjectiveReport {
        ObjectiveReport {
            id: "O1".to_owned(),
            title: title.to_owned(),
            owner: Some("alice".to_owned()),
            owners: Vec::new(),
            note: None,
            kind: crate::eval::report::ObjectiveKind::Committed,
            weight: 1.0,
            score: Some(0.5),
            expected: 0.6,
            status: Status::OnTrack,
            missed_commitment: false,
            scored_from: crate::eval::report::ScoredFrom::KeyResults,
            coverage: Default::default(),
            confidence: Some(0.7),
            supports: Vec::new(),
            aligns_to: Vec::new(),
            key_results,
        }
    }

    fn quarter(name: &str, team: &str, title: &str, team_score: Option<f64>) -> QuarterReport {
        let o = objective(title, vec![key_result("O1.1", "Sign 12 retailers")]);
        QuarterReport {
            quarter: name.to_owned(),
            start: date(2026, 10, 1),
            end: date(2026, 12, 31),
            phase: Phase::Running,
            elapsed: 0.6,
            score: Some(0.5),
            coverage: Default::default(),
            teams: vec![TeamReport {
                team: team.to_owned(),
                path: format!("{team}/{name}.yaml"),
                score: team_score,
                coverage: Default::default(),
                parent: None,
                score_with_subteams: None,
                coverage_with_subteams: None,
                depth: 0,
                objectives: vec![o],
            }],
            summary: Summary {
                objectives: 1,
                on_track: 1,
                committed: 1,
                stale_key_results: 1,
                ..Summary::default()
            },
            alignment: vec![TreeNode {
                perspective: None,
                team: team.to_owned(),
                id: "O1".to_owned(),
                title: title.to_owned(),
                score: Some(0.5),
                rolled_up: Some(0.5),
                scored_from: crate::eval::report::ScoredFrom::KeyResults,
                coverage: Default::default(),
                status: Status::OnTrack,
                children: Vec::new(),
            }],
        }
    }

    fn report(quarters: Vec<QuarterReport>) -> Report {
        Report {
            as_of: date(2026, 11, 28),
            only: crate::eval::report::Only::Everything,
            map: None,
            history: Vec::new(),
            quarters,
            strategy: None,
            skipped: Vec::new(),
            errors: 0,
        }
    }

    const STYLE: Style = Style {
        color: false,
        width: 80,
        tree: false,
    };

    /// The cells of a GFM table row, split on unescaped pipes.
    fn cells(row: &str) -> Vec<String> {
        let mut cells = vec![String::new()];
        let mut chars = row
            .trim()
            .trim_start_matches('|')
            .trim_end_matches('|')
            .chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    let last = cells.last_mut().expect("a cell");
                    last.push(c);
                    last.extend(chars.next());
                }
                '|' => cells.push(String::new()),
                c => cells.last_mut().expect("a cell").push(c),
            }
        }
        cells
    }

    #[test]
    fn a_hostile_title_stays_one_inert_cell() {
        let hostile = "| <script> @team **x**\n# [link](http://x) `code` ~~s~~ ![i](y) &lt; \\";
        let escaped = escape(hostile);
        assert!(
            !escaped.contains('<') && !escaped.contains('>'),
            "{escaped}"
        );
        assert!(!escaped.contains('\n'));
        assert!(escaped.contains("@\u{200B}team"), "{escaped}");
        assert!(
            escaped.contains("&amp;lt;"),
            "an entity is shown, not decoded: {escaped}"
        );
        assert!(escaped.contains("\\*\\*x\\*\\*"), "{escaped}");
        assert!(escaped.contains("\\|") && escaped.contains("\\[") && escaped.contains("\\`"));

        let text = render(
            &report(vec![quarter("2026-Q4", "platform", hostile, Some(0.5))]),
            STYLE,
        );
        let row = text
            .lines()
            .find(|l| l.starts_with("| **O1"))
            .expect("the objective row");
        assert_eq!(cells(row).len(), 6, "{row}");
        assert!(!text.contains("<script>"));
        assert!(!text.contains("@team"), "a live mention: {text}");
    }

    #[test]
    fn control_characters_and_leading_list_markers_are_neutral() {
        assert_eq!(escape("a\r\nb\tc\u{7}d"), "a  b c d");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("a-b"), "a-b");
        assert_eq!(escape("  padded\n"), "padded");
    }

    #[test]
    fn a_small_report_renders_its_rows() {
        let text = render(
            &report(vec![quarter(
                "2026-Q4",
                "platform",
                "Win retailers",
                Some(0.5),
            )]),
            STYLE,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "# OKR report");
        assert!(lines.contains(&"As of 2026-11-28."));
        assert!(lines.contains(&"## 2026-Q4"));
        assert!(lines.contains(&"2026-10-01 – 2026-12-31 · 60% elapsed · company score **0.50**"));
        assert!(lines.contains(
            &"1 objective: 1 on track, 0 at risk, 0 off track · 1 committed, 0 aspirational · 0 missed commitments · 1 stale key result"
        ));
        assert!(lines.contains(&"### platform (0.50)"));
        assert!(lines.contains(
            &"| **O1 Win retailers** | 0.50 `████    ` | 0.60 | on track | 0.70 | owner alice · committed |"
        ));
        assert!(lines.contains(
            &"| ↳ O1.1 Sign 12 retailers | 0.50 | 0.60 | on track | 0.70 | 6 / 12 retailers · progress 50% · forecast 0.80 · ▁▄█ · ⚠️ stale |"
        ));
        assert!(!text.contains("## History"), "one quarter has no history");
        assert!(!text.contains("#### Alignment"), "the tree is off");
        assert!(!text.contains("## Balanced Scorecard"));
    }

    #[test]
    fn tree_history_strategy_and_skipped_sections() {
        let mut r = report(vec![
            quarter("2026-Q3", "platform", "Win retailers", Some(0.9)),
            quarter("2026-Q4", "platform", "Win retailers", Some(0.5)),
        ]);
        r.quarters[1].alignment[0].children.push(TreeNode {
            perspective: None,
            team: "sales".to_owned(),
            id: "S1".to_owned(),
            title: "Close deals".to_owned(),
            score: Some(0.3),
            rolled_up: Some(0.3),
            scored_from: crate::eval::report::ScoredFrom::KeyResults,
            coverage: Default::default(),
            status: Status::OnTrack,
            children: Vec::new(),
        });
        r.history = vec![crate::eval::report::HistoryRow {
            team: Some("platform".to_owned()),
            scores: vec![Some(0.9), Some(0.5)],
        }];
        r.skipped.push(Skipped {
            path: "broken/2026-Q4.yaml".to_owned(),
            reason: "not YAML".to_owned(),
            quarter: Some("2026-Q4".to_owned()),
            team: Some("broken".to_owned()),
        });
        r.errors = 2;
        let measured = BscObjectiveReport {
            id: "F1".to_owned(),
            title: "Grow revenue".to_owned(),
            owner: None,
            owners: Vec::new(),
            weight: 1.0,
            score: Some(0.4),
            expected: 0.9,
            status: Status::OffTrack,
            coverage: Default::default(),
            okr_support: Some(0.5),
            okr_support_note: None,
            supported_by: vec!["platform/O1".to_owned()],
            contributes_to: Vec::new(),
            measures: vec![MeasureReport {
                id: "arr".to_owned(),
                name: "ARR".to_owned(),
                unit: Some("EUR m".to_owned()),
                baseline: Some(10.0),
                target: Some(20.0),
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
                actual: Some(14.0),
                direction: Some("up"),
                weight: 1.0,
                score: Some(0.4),
                status: Status::OffTrack,
                trend: Vec::new(),
                history: Vec::new(),
            }],
            initiatives: vec![InitiativeReport {
                title: "Partner program".to_owned(),
                owner: Some("bob".to_owned()),
                owners: Vec::new(),
                due: Some(date(2026, 9, 30)),
                status: Some("active"),
                overdue: true,
                start: None,
                progress: None,
                budget: None,
                unit: None,
                objectives: vec!["F1".to_owned()],
            }],
            themes: Vec::new(),
            budgets: Vec::new(),
        };
        let lonely = BscObjectiveReport {
            id: "C1".to_owned(),
            title: "Delight customers".to_owned(),
            okr_support: None,
            okr_support_note: None,
            supported_by: Vec::new(),
            measures: Vec::new(),
            initiatives: Vec::new(),
            ..measured.clone()
        };
        r.strategy = Some(StrategyReport {
            organization: Some("Acme".to_owned()),
            start: Some(date(2026, 1, 1)),
            end: Some(date(2026, 12, 31)),
            phase: Phase::Running,
            elapsed: 0.9,
            coverage: Default::default(),
            score: Some(0.4),
            support_quarter: Some("2026-Q4".to_owned()),
            budgets: Vec::new(),
            themes: None,
            perspectives: vec![PerspectiveReport {
                perspective: "financial".to_owned(),
                label: "financial".to_owned(),
                weight: 1.0,
                score: Some(0.4),
                coverage: Default::default(),
                objectives: vec![measured, lonely],
            }],
        });
        let text = render(
            &r,
            Style {
                tree: true,
                ..STYLE
            },
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.contains(&"#### Alignment"));
        assert!(lines.contains(&"- platform/O1 Win retailers — 0.50 (rolled up 0.50)"));
        assert!(lines.contains(&"  - sales/S1 Close deals — 0.30"));
        assert!(lines.contains(&"| Team | 2026-Q3 (60% in) | 2026-Q4 (60% in) | Trend |"));
        assert!(lines.contains(&"| platform | 0.90 | 0.50 | █▁ |"));
        assert!(lines.contains(&"**Acme** · 2026-01-01 – 2026-12-31 · 90% elapsed · score **0.40** · OKR support from 2026-Q4"));
        assert!(lines.contains(&"### financial (0.40)"));
        assert!(lines.contains(
            &"| **F1 Grow revenue** | - | 0.40 `███▎    ` | 0.90 | off track | 0.50 | platform/O1 |"
        ));
        assert!(lines.contains(
            &"| **C1 Delight customers** | - | 0.40 `███▎    ` | 0.90 | off track | - | - |"
        ));
        assert!(lines.contains(&"| F1 | ARR | 10 | 14 | 20 | EUR m | 0.40 | off track |"));
        assert!(lines.contains(
            &"| F1 | Partner program | bob | - | 2026-09-30 | - | - | active · ⚠️ overdue |"
        ));
        assert!(lines.contains(&"> - C1 Delight customers"));
        assert!(!lines.contains(&"> - F1 Grow revenue"));
        assert!(lines.contains(&"- broken/2026-Q4.yaml: not YAML"));
        assert!(lines.contains(
            &"> - broken/2026-Q4.yaml could not be read: the totals below leave out team broken"
        ));
        assert!(lines.contains(&"> - The goals have 2 errors: scores may leave out the values at fault; run `okr check` to see them."));
        let order: Vec<usize> = [
            "> [!WARNING]",
            "## 2026-Q3",
            "## 2026-Q4",
            "## History",
            "## Balanced Scorecard",
            "## Skipped",
        ]
        .iter()
        .map(|h| lines.iter().position(|l| l == h).expect(h))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    }
}
