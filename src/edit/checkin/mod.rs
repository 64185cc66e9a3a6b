//! `okr checkin`: record progress on one key result from a shell or a
//! scheduled job. The file is changed only where it must change (see
//! `edit.rs`), the result is proved to mean what was asked (`verify.rs`) and
//! to add no finding of `okr check`, and it is written atomically, only if
//! the file on disk is still the one that was read (`write.rs`).

mod edit;
mod reference;
mod verify;

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity, subject};
use crate::input::find;
use crate::input::find::display_prefix;
use crate::input::load::{self, LoadError, Loaded};
use crate::input::sources::Sources;
use crate::model::quarter::Quarter;
use crate::model::{KeyResultKind, QuarterFile};
use crate::render::text::terminal;

pub use edit::{NewCheckin, Update, index};

use crate::edit::emit::number;

/// What `okr checkin` was asked to do, as typed.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub root: PathBuf,
    pub reference: String,
    pub value: Option<String>,
    /// `--score`: a grade from 0.0 to 1.0.
    pub score: Option<String>,
    pub done: bool,
    pub confidence: Option<String>,
    pub note: Option<String>,
    pub date: Option<NaiveDate>,
    pub quarter: Option<Quarter>,
    pub today: NaiveDate,
}

/// Why okr could not judge a check-in: the request or the file is not one
/// it can work with. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CheckinError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("okr.yaml is invalid; run `okr check` to see why")]
    InvalidConfig,
    /// The reference names no key result; the text says what it could have meant.
    #[error("{0}")]
    Reference(String),
    /// In the grading days after a quarter, the reference names a key
    /// result of both that quarter and the new one.
    #[error(
        "`{reference}` names a key result of {ended}, which is in its grading days, and one of {current}: add `--quarter {ended}` for its final grade, or `--quarter {current}` for a check-in on the new quarter"
    )]
    WhichQuarter {
        reference: String,
        ended: String,
        current: String,
    },
    /// The key result's file has a loading finding, given as `path:line:col: message`.
    #[error("{0}; fix the file first (`okr check`), then check in")]
    Unreadable(String),
    #[error(
        "key result {0} is not exactly one of metric, milestone, threshold or graded (O003); fix it first"
    )]
    NoKind(String),
    /// The key result, or its objective, is written `status: dropped`.
    #[error(
        "key result {0} is dropped (`status: dropped`): it is scored nowhere, so a check-in would count for nothing; remove `status: dropped` first to count it again"
    )]
    Dropped(String),
    #[error("--done is for milestones, and {name} is a {kind} key result: give its value")]
    DoneNotMilestone { name: String, kind: &'static str },
    #[error("give the measured value, --score with a grade, or --done for a milestone")]
    NoValue,
    #[error("the grade `{0}` is not a number from 0.0 to 1.0: give a grade such as 0.7 or 70%")]
    Grade(String),
    #[error(
        "key result {0} is graded, not measured: give its grade once, as VALUE or with --score"
    )]
    GradeTwice(String),
    #[error("the value `{0}` is not a number: give the measured value, e.g. 4.1")]
    NotANumber(String),
    #[error(
        "the value `{value}` is a percentage, but key result {name} is measured in {unit}: give the value in {unit}"
    )]
    NotAPercentage {
        value: String,
        name: String,
        unit: String,
    },
    #[error("{0} is a milestone: its value is 0 (not done) or 1 (done); or use --done")]
    MilestoneValue(String),
    #[error("--confidence `{0}` is not a number: give a chance from 0.0 to 1.0")]
    Confidence(String),
    #[error(
        "cannot add the check-in to {path} safely: {why}; nothing was written (add it by hand)"
    )]
    Unsafe { path: String, why: String },
    #[error("cannot read {0}: {1}")]
    Read(String, #[source] std::io::Error),
    #[error("{0} changed while okr was reading it; run the command again")]
    Changed(String),
    #[error(transparent)]
    Write(#[from] crate::edit::write::WriteError),
}

/// How a check-in ended. Errors that stop okr before it can judge the
/// check-in (an unknown key result, a value that is not a number) are `Err`.
#[derive(Debug)]
pub(crate) enum Outcome {
    Written(Box<Written>),
    /// The milestone is already done; nothing to write.
    Unchanged(String),
    /// The check-in would break rules of `okr check`; nothing was written.
    Refused(Introduced),
}

/// A check-in that was written.
#[derive(Debug)]
pub(crate) struct Written {
    /// The file, as the user would type its path.
    pub path: String,
    /// `TEAM/OBJECTIVE/KR`.
    pub key_result: String,
    pub title: String,
    pub change: Update,
    /// `current` (or `done`) before the change, as written.
    pub previous: Option<String>,
    /// `score` before the change, as written.
    pub previous_score: Option<String>,
    /// The field `previous` is: `current`, `done` or `score`.
    pub field: &'static str,
    /// For a backfilled check-in, the date of the check-in after it (which
    /// stays the latest).
    pub before: Option<chrono::NaiveDate>,
    pub hunks: Vec<edit::Hunk>,
    /// Warnings the check-in introduced, shown after it.
    pub warnings: Introduced,
}

impl Written {
    /// One line saying what changed.
    pub(crate) fn summary(&self) -> String {
        let c = &self.change.checkin;
        let mut line = format!(
            "{}: {} {}: check-in {} = {}",
            terminal(&self.path),
            terminal(&self.key_result),
            terminal(&self.title),
            c.date.format("%Y-%m-%d"),
            shown_reading(c.value, c.score)
        );
        if let Some(confidence) = c.confidence {
            line.push_str(&format!(" (confidence {})", number(confidence)));
        }
        if let (Some(previous), Some(current)) = (&self.previous, self.change.current) {
            line.push_str(&format!("; current {previous} -> {}", number(current)));
        }
        if let (Some(previous), Some(done)) = (&self.previous, self.change.done) {
            line.push_str(&format!("; done {previous} -> {done}"));
        }
        if let (Some(previous), Some(score)) = (&self.previous_score, self.change.score) {
            line.push_str(&format!("; score {previous} -> {}", number(score)));
        }
        if let Some(later) = self.before {
            line.push_str(&format!(
                "; backfilled before the check-in of {}",
                later.format("%Y-%m-%d")
            ));
            if let Some(previous) = &self.previous {
                line.push_str(&format!(", which keeps {} {previous}", self.field));
            }
        }
        line
    }

    /// The changed lines, `-` old and `+` new, for `--verbose`.
    pub(crate) fn patch(&self) -> String {
        let mut out = String::new();
        for hunk in &self.hunks {
            out.push_str(&format!(
                "@@ {} line {} @@\n",
                terminal(&self.path),
                hunk.line
            ));
            for line in hunk.old.lines() {
                out.push_str(&format!("-{}\n", terminal(line)));
            }
            for line in hunk.new.lines() {
                out.push_str(&format!("+{}\n", terminal(line)));
            }
        }
        out
    }
}

/// Findings the check-in introduces (the errors that refuse it, or the
/// warnings shown after it is written), with the edited text to show them in.
#[derive(Debug)]
pub(crate) struct Introduced {
    diagnostics: Vec<Diagnostic>,
    sources: Sources,
}

impl Introduced {
    /// The warnings a written check-in introduced, as `okr check` shows
    /// them, or nothing.
    pub(crate) fn render_warnings(&self, color: bool) -> Option<String> {
        if self.diagnostics.is_empty() {
            return None;
        }
        Some(format!(
            "okr: written, with {} that `okr check` will report:\n\n{}",
            crate::diagnostic::count(self.diagnostics.len(), "warning"),
            self.human(color)
        ))
    }

    /// The findings as `okr check` prints them, in the edited text.
    fn human(&self, color: bool) -> String {
        let outcome = crate::diagnostic::Findings {
            diagnostics: self.diagnostics.clone(),
            sources: self.sources.clone(),
            files: 1,
            config_invalid: false,
            base: None,
        };
        crate::render::human(&outcome, color, false)
    }

    /// The findings as `okr check` shows them, under a line saying nothing was written.
    pub(crate) fn render(&self, color: bool) -> String {
        format!(
            "okr: not written: the check-in would break {} of okr check:\n\n{}",
            if self.diagnostics.len() == 1 {
                "this rule"
            } else {
                "these rules"
            },
            self.human(color)
        )
    }
}

/// Records the check-in `request` describes.
pub(crate) fn run(request: &Request) -> Result<Outcome, CheckinError> {
    let loaded = load::load(&request.root)?;
    if loaded.config_invalid {
        return Err(CheckinError::InvalidConfig);
    }
    let repo = &loaded.repository;
    let date = request.date.unwrap_or(request.today);
    let start_month = repo.settings.fiscal_year_start_month;
    let current = Quarter::containing(request.today, start_month);
    // The quarter that just ended, while its grading days run.
    let grading = current.dates(start_month).0.pred_opt().and_then(|last| {
        ((request.today - last).num_days() <= repo.settings.grading_days)
            .then(|| Quarter::containing(last, start_month))
    });
    let resolve = |quarter| reference::resolve(repo, quarter, &request.reference);
    let found = match (request.quarter, grading) {
        // Told which quarter; or no quarter is being graded: the current
        // one (a mistyped date is then an O009 refusal, never a check-in on
        // another quarter's key result).
        (Some(_), _) | (None, None) => {
            resolve(request.quarter.unwrap_or(current)).map_err(CheckinError::Reference)?
        }
        // A date inside the quarter being graded means that quarter.
        (None, Some(ended))
            if request
                .date
                .is_some_and(|d| Quarter::containing(d, start_month) == ended) =>
        {
            resolve(ended).map_err(CheckinError::Reference)?
        }
        // In its grading days, a reference found in only one of the two
        // quarters means that one; found in both, okr asks which.
        (None, Some(ended)) => match (resolve(current), resolve(ended)) {
            (Ok(found), Err(_)) | (Err(_), Ok(found)) => found,
            (Err(e), Err(_)) => return Err(CheckinError::Reference(e)),
            (Ok(_), Ok(_)) => {
                return Err(CheckinError::WhichQuarter {
                    reference: request.reference.clone(),
                    ended: ended.to_string(),
                    current: current.to_string(),
                });
            }
        },
    };
    let file = &repo.quarters[found.file];
    let objective = &file.objectives[found.objective];
    let kr = &objective.key_results[found.key_result];
    let name = reference::full_name(repo, found);
    let prefix = display_prefix(&request.root);
    let shown = format!("{prefix}{}", file.path);
    if let Some(d) = loaded
        .diagnostics
        .iter()
        .find(|d| d.path == file.path && d.code.is_loading())
    {
        return Err(CheckinError::Unreadable(format!(
            "{shown}:{}:{}: {}",
            d.position.line, d.position.column, d.message
        )));
    }
    if kr.dropped || objective.dropped {
        return Err(CheckinError::Dropped(name));
    }
    let Some(kind) = kr.kind() else {
        return Err(CheckinError::NoKind(name));
    };
    let unit = kr.unit.as_ref().map(|u| u.value.as_ref());
    let (value, grade) = reading(request, kind, unit, &name)?;
    let confidence = match &request.confidence {
        // A chance written as a percentage (`70%`) is the fraction 0.7.
        Some(text) => match parse_number(text) {
            Some((c, true)) => Some(c / 100.0),
            Some((c, false)) => Some(c),
            None => return Err(CheckinError::Confidence(text.clone())),
        },
        None => None,
    };
    // A backfilled check-in (dated before the latest) goes in date order
    // and leaves `current` and `done` as the latest check-in has them.
    let index = edit::index(kr, date);
    let latest = index == kr.checkins.len();
    let done = match (kind, kr.done, value) {
        (KeyResultKind::Milestone, Some((was, _)), Some(value)) if latest => {
            let now = value == 1.0;
            if now && was {
                return Ok(Outcome::Unchanged(format!(
                    "{name} is already done; nothing written"
                )));
            }
            (now != was).then_some(now)
        }
        _ => None,
    };
    // The same check-in again (a script run twice): nothing to write.
    if kr.checkins.iter().any(|c| {
        c.date.value == date
            && c.value.map(|n| n.value) == value
            && c.score.map(|n| n.value) == grade
    }) {
        return Ok(Outcome::Unchanged(format!(
            "{name} already has a check-in of {} on {}; nothing written",
            shown_reading(value, grade),
            date.format("%Y-%m-%d")
        )));
    }
    let mut change = Update {
        checkin: NewCheckin {
            date,
            value,
            score: grade,
            percent: false,
            confidence,
            note: request.note.clone(),
        },
        index,
        current: kr.current.filter(|_| latest).and(value),
        done,
        score: kr.score.filter(|_| latest).and(grade),
    };
    let previous = match kind {
        KeyResultKind::Milestone => kr.done.map(|(d, _)| d.to_string()),
        KeyResultKind::Graded => kr.score.map(|c| number(c.value)),
        _ => kr.current.map(|c| number(c.value)),
    };

    let path = request.root.join(&file.path);
    let (bytes, bom, old) = read_again(&path, &shown, &repo.sources, &file.path)?;
    change.checkin.percent = edit::writes_percent(&old, kr);
    let (new, hunks) = edit_verified(
        &old,
        file,
        found.objective,
        found.key_result,
        &change,
        &repo.settings.yaml_limits,
    )
    .map_err(|why| CheckinError::Unsafe {
        path: shown.clone(),
        why,
    })?;

    // An error the check-in introduces refuses it, and so does a check-in
    // outside its quarter (O009) or out of date order (O011, which only a
    // list already out of order can give, as okr inserts in date order).
    // Any other warning it introduces is shown after it is written.
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        introduced(&request.root, &loaded, file, &new, request.today)
            .into_iter()
            .map(|mut d| {
                d.path = shown.clone();
                d
            })
            .partition(|d| {
                d.severity >= Severity::Error
                    || matches!(d.code, crate::rules::Code::O009 | crate::rules::Code::O011)
            });
    let mut sources = Sources::default();
    sources.insert(shown.clone(), &new);
    if !errors.is_empty() {
        return Ok(Outcome::Refused(Introduced {
            diagnostics: errors,
            sources,
        }));
    }

    crate::edit::write::ensure_inside(&request.root, &path)?;
    let mut out = bom.to_vec();
    out.extend_from_slice(new.as_bytes());
    crate::edit::write::replace(&path, &bytes, &out)?;
    Ok(Outcome::Written(Box::new(Written {
        path: shown,
        key_result: name,
        title: kr.title.value.to_string(),
        before: kr.checkins.get(change.index).map(|c| c.date.value),
        field: match kind {
            KeyResultKind::Milestone => "done",
            KeyResultKind::Graded => "score",
            _ => "current",
        },
        change,
        previous,
        previous_score: kr.score.map(|c| number(c.value)),
        hunks,
        warnings: Introduced {
            diagnostics: warnings,
            sources,
        },
    })))
}

/// The edit of `run` on text alone: appends `change` to key result
/// `key_result` of objective `objective` in `file` (loaded from `text`) and
/// proves the result (`verify.rs`); no file is read or written, and the
/// rules of `okr check` are not consulted. For the fuzz target in fuzz/.
/// `Err` says why the layout cannot be edited safely.
pub fn edit_text(
    text: &str,
    file: &QuarterFile,
    objective: usize,
    key_result: usize,
    change: &Update,
) -> Result<String, String> {
    edit_verified(
        text,
        file,
        objective,
        key_result,
        change,
        &crate::input::yaml::ParserLimits::DEFAULT,
    )
    .map(|(new, _)| new)
}

/// The edited text and its hunks, proved to mean the old file plus `change`.
fn edit_verified(
    text: &str,
    file: &QuarterFile,
    objective: usize,
    key_result: usize,
    change: &Update,
    limits: &crate::input::yaml::ParserLimits,
) -> Result<(String, Vec<edit::Hunk>), String> {
    let kr = file
        .objectives
        .get(objective)
        .and_then(|o| o.key_results.get(key_result))
        .ok_or("no such key result")?;
    let at = edit::Located {
        key_result: kr,
        checkins: kr.checkins_span,
    };
    let (new, hunks) = edit::apply(text, at, change).map_err(|e| e.0)?;
    let position = verify::Place {
        objective,
        key_result,
    };
    verify::verify(text, &new, position, change, limits)?;
    Ok((new, hunks))
}

/// The check-in's measured value and grade: VALUE as a number (1 for
/// `--done`), and `--score`. A graded key result measures nothing: its
/// VALUE is its grade.
fn reading(
    request: &Request,
    kind: KeyResultKind,
    unit: Option<&str>,
    name: &str,
) -> Result<(Option<f64>, Option<f64>), CheckinError> {
    let grade = request.score.as_deref().map(parse_grade).transpose()?;
    if request.done {
        if kind != KeyResultKind::Milestone {
            return Err(CheckinError::DoneNotMilestone {
                name: name.to_owned(),
                kind: kind.label(),
            });
        }
        return Ok((Some(1.0), grade));
    }
    if kind == KeyResultKind::Graded {
        return match (&request.value, grade) {
            (Some(_), Some(_)) => Err(CheckinError::GradeTwice(name.to_owned())),
            (Some(text), None) => Ok((None, Some(parse_grade(text)?))),
            (None, grade) => Ok((None, grade)),
        };
    }
    let Some(text) = &request.value else {
        return match grade {
            Some(grade) => Ok((None, Some(grade))),
            None => Err(CheckinError::NoValue),
        };
    };
    let Some((value, percent)) = parse_number(text) else {
        return Err(CheckinError::NotANumber(text.clone()));
    };
    // `30%` is 30 in a key result measured in percent (written `45%`, or
    // `unit: "%"`): the file takes the number, in the key result's unit.
    if percent && !unit.is_some_and(crate::input::build::is_percent_unit) {
        return Err(CheckinError::NotAPercentage {
            value: text.clone(),
            name: name.to_owned(),
            unit: unit.unwrap_or("plain numbers").to_owned(),
        });
    }
    if kind == KeyResultKind::Milestone && value != 0.0 && value != 1.0 {
        return Err(CheckinError::MilestoneValue(name.to_owned()));
    }
    Ok((Some(value), grade))
}

/// A grade as typed: `0.7`, or `70%` for 0.7; from 0 to 1.
fn parse_grade(text: &str) -> Result<f64, CheckinError> {
    match parse_number(text) {
        Some((g, percent)) => {
            let g = if percent { g / 100.0 } else { g };
            if (0.0..=1.0).contains(&g) {
                Ok(g)
            } else {
                Err(CheckinError::Grade(text.to_owned()))
            }
        }
        None => Err(CheckinError::Grade(text.to_owned())),
    }
}

/// A check-in's reading as a summary shows it: `5`, `score 0.7`, or both.
fn shown_reading(value: Option<f64>, grade: Option<f64>) -> String {
    match (value, grade) {
        (Some(v), None) => number(v),
        (None, Some(g)) => format!("score {}", number(g)),
        (Some(v), Some(g)) => format!("{} (score {})", number(v), number(g)),
        (None, None) => "-".to_owned(),
    }
}

/// A finite number as typed (`4`, `-3.5`, `1e3`, `30%`), and whether it
/// was a percentage; `,` is not accepted.
fn parse_number(text: &str) -> Option<(f64, bool)> {
    let text = text.trim();
    let (number, percent) = match text.strip_suffix('%') {
        Some(n) => (n.trim_end(), true),
        None => (text, false),
    };
    match number.parse::<f64>() {
        // -0 is written as 0.
        Ok(v) if v.is_finite() => Some((if v == 0.0 { 0.0 } else { v }, percent)),
        _ => None,
    }
}

/// The file's bytes now, split into a byte order mark and the text, which
/// must be what the loader read.
fn read_again(
    path: &Path,
    shown: &str,
    sources: &Sources,
    rel: &str,
) -> Result<(Vec<u8>, &'static [u8], String), CheckinError> {
    let bytes = std::fs::read(path).map_err(|e| CheckinError::Read(shown.to_owned(), e))?;
    let (bom, body) = load::split_bom(&bytes);
    let text = std::str::from_utf8(body).ok();
    if text != sources.get(rel).as_deref() {
        return Err(CheckinError::Changed(shown.to_owned()));
    }
    let text = text.unwrap_or_default().to_owned();
    Ok((bytes, bom, text))
}

/// Findings of warning or error severity in the edited file that the
/// repository did not have before, checked as `okr check` would.
fn introduced(
    root: &Path,
    before: &Loaded,
    file: &QuarterFile,
    new: &str,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let rel = file.path.clone();
    let reader = |path: &Path, r: &str, max: u64| {
        if r == rel {
            Ok(new.to_owned())
        } else {
            load::read(path, r, max)
        }
    };
    let after = load::load_found(find::find(root), &reader);
    // By rule and subject: a message that changes only because a date or a
    // count of days changed (O014 after a backfilled check-in) is the same
    // finding.
    let key = |d: &Diagnostic| (d.code, subject(&d.message));
    let findings = |loaded: &Loaded| {
        let eval = crate::eval::evaluate(&loaded.repository, today);
        crate::rules::findings(loaded, &eval)
    };
    let mut old: Vec<_> = findings(before)
        .iter()
        .filter(|d| d.path == rel)
        .map(key)
        .collect();
    let mut added = Vec::new();
    for d in findings(&after) {
        if d.path != rel || d.severity < Severity::Warning {
            continue;
        }
        match old.iter().position(|k| *k == key(&d)) {
            Some(i) => {
                old.swap_remove(i);
            }
            None => added.push(d),
        }
    }
    added
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
