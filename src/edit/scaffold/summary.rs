//! What `okr new` did, and the lines it prints about it: the file, the
//! objectives carried and left behind, each key result's new start or why
//! it stayed behind, and what to do next. User text goes
//! through `render::text::terminal`, so a title cannot restyle the terminal.

use chrono::NaiveDate;
use std::path::PathBuf;

use crate::edit::emit;
use crate::model::quarter::Quarter;
use crate::render::text::terminal;

/// What `okr new` did.
#[derive(Debug, Clone)]
pub(crate) struct Created {
    /// The file written, under the goals folder as the user gave it.
    pub path: PathBuf,
    /// What `--from` carried, when given.
    pub carried: Option<Carried>,
    /// Things to look at in the new file, safe for a terminal.
    pub notes: Vec<String>,
    /// What to do next, safe for a terminal.
    pub next: String,
}

/// The outcome of `--from`.
#[derive(Debug, Clone)]
pub(crate) struct Carried {
    pub from: Quarter,
    /// The objectives carried into the new file.
    pub objectives: Vec<CarriedObjective>,
    /// The objectives left behind because every key result was done.
    pub finished: Vec<CarriedObjective>,
}

/// An objective of the `--from` quarter, as scored there, and what became
/// of each of its key results.
#[derive(Debug, Clone)]
pub(crate) struct CarriedObjective {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub key_results: Vec<CarriedKeyResult>,
    /// Written `status: dropped`: left behind.
    pub dropped: bool,
}

/// A key result of the `--from` quarter and what `--from` did with it.
#[derive(Debug, Clone)]
pub(crate) struct CarriedKeyResult {
    /// Its id in the old file.
    pub id: String,
    /// Its id in the new file, when that differs: default ids count the
    /// carried key results only.
    pub now: Option<String>,
    pub title: String,
    pub unit: Option<String>,
    pub fate: Fate,
}

/// What `--from` does with one key result, and why: the user reads it to
/// correct a start okr could only guess.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fate {
    /// A metric whose start was 0 (or not written) counts again from 0,
    /// like new logos signed in a quarter.
    Restarts,
    /// A metric with a start continues from its last value: the latest
    /// check-in's (dated) or its `current` (undated).
    Continues { from: f64, on: Option<NaiveDate> },
    /// A metric with a start and no value measured keeps its start.
    Unmeasured { start: f64 },
    /// A milestone not done yet.
    Open,
    /// A threshold keeps its bounds and has no start.
    Bounds,
    /// Graded by people: carried as graded, without its grades.
    Graded,
    /// Graded by people 1.0, fully achieved: left behind.
    FullyGraded,
    /// A key result of no kind or several (O003) keeps what it declares.
    AsWritten,
    /// A milestone done: left behind.
    Done,
    /// A metric that reached its target: left behind.
    Reached { value: f64, target: f64 },
    /// Written `status: dropped` (or of a dropped objective): left behind.
    Dropped,
}

impl Fate {
    /// Whether the key result moves into the new quarter.
    pub(crate) fn carried(&self) -> bool {
        !matches!(
            self,
            Fate::Done | Fate::Reached { .. } | Fate::FullyGraded | Fate::Dropped
        )
    }
}

impl CarriedObjective {
    /// How many of its key results move on.
    pub(crate) fn carried(&self) -> usize {
        self.key_results.iter().filter(|k| k.fate.carried()).count()
    }

    fn line(&self, carried: bool) -> String {
        let score = self.score.map_or_else(
            || "unscored".to_owned(),
            |s| format!("score {}", crate::render::fixed(s, 2)),
        );
        let n = self.key_results.len();
        let dropped_krs = self
            .key_results
            .iter()
            .filter(|k| k.fate == Fate::Dropped)
            .count();
        let detail = match (carried, n) {
            _ if self.dropped => "dropped".to_owned(),
            (_, 0) => format!("{score}, no key results"),
            (false, _) if dropped_krs == n => format!("{score}, its key results dropped"),
            (false, _) if dropped_krs > 0 => {
                format!("{score}, its key results done or dropped ({dropped_krs} dropped)")
            }
            (true, _) => format!(
                "{score}, {} of {n} key result{} carried",
                self.carried(),
                if n == 1 { "" } else { "s" }
            ),
            (false, 1) => format!("{score}, its key result done"),
            (false, _) => format!("{score}, all {n} key results done"),
        };
        format!(
            "  {} {} ({detail})",
            terminal(&self.id),
            terminal(&self.title)
        )
    }
}

impl CarriedKeyResult {
    fn line(&self) -> String {
        let amount = |value: f64| {
            let number = emit::number(value);
            match self.unit.as_deref() {
                Some("%") => format!("{number}%"),
                Some(unit) => format!("{number} {}", terminal(unit)),
                None => number,
            }
        };
        let what = match &self.fate {
            Fate::Restarts => "restarts from 0: its start was 0".to_owned(),
            Fate::Continues { from, on: Some(on) } => {
                format!("continues from {}, its last value on {on}", amount(*from))
            }
            Fate::Continues { from, on: None } => {
                format!("continues from {}, its `current` value", amount(*from))
            }
            Fate::Unmeasured { start } => {
                format!(
                    "keeps its start of {}: no value was measured",
                    amount(*start)
                )
            }
            Fate::Open => "carried as not done".to_owned(),
            Fate::Bounds => "keeps its bounds, no start".to_owned(),
            Fate::Graded => "carried as graded (`graded: true`), not yet graded".to_owned(),
            Fate::FullyGraded => "not carried: graded 1.0, fully achieved".to_owned(),
            Fate::AsWritten => "carried as written (`okr check` says what to fix)".to_owned(),
            Fate::Done => "not carried: done".to_owned(),
            Fate::Dropped => "not carried: dropped".to_owned(),
            Fate::Reached { value, target } => format!(
                "not carried: reached its target of {} ({})",
                amount(*target),
                amount(*value)
            ),
        };
        format!("    {}: {what}", self.label())
    }

    /// Its id (and new id), and its title, safe for a terminal.
    pub(crate) fn label(&self) -> String {
        let now = self
            .now
            .as_ref()
            .map_or_else(String::new, |n| format!(" (now {})", terminal(n)));
        format!("{}{now} \"{}\"", terminal(&self.id), terminal(&self.title))
    }
}

impl Created {
    /// The lines printed after the file is written.
    pub(crate) fn summary(&self) -> String {
        let path = terminal(&crate::input::find::display(&self.path));
        let mut lines = Vec::new();
        match &self.carried {
            None => lines.push(format!("created {path}")),
            Some(c) if c.objectives.is_empty() => lines.push(format!(
                "created {path}; nothing to carry from {}: {}",
                c.from,
                if c.finished.is_empty() {
                    "it has no objectives".to_owned()
                } else {
                    format!("all {} objectives were finished", c.finished.len())
                }
            )),
            Some(c) => {
                let total = c.objectives.len() + c.finished.len();
                lines.push(format!(
                    "created {path}, carrying {} of {total} objective{} from {}:",
                    c.objectives.len(),
                    if total == 1 { "" } else { "s" },
                    c.from
                ));
                for o in &c.objectives {
                    lines.push(o.line(true));
                    lines.extend(o.key_results.iter().map(CarriedKeyResult::line));
                }
            }
        }
        if let Some(c) = self.carried.as_ref().filter(|c| !c.finished.is_empty()) {
            let dropped = c
                .finished
                .iter()
                .any(|o| o.key_results.iter().any(|k| k.fate == Fate::Dropped) || o.dropped);
            lines.push(if dropped {
                "left behind as finished or dropped:".to_owned()
            } else {
                "left behind as finished:".to_owned()
            });
            lines.extend(c.finished.iter().map(|o| o.line(false)));
        }
        lines.extend(self.notes.iter().map(|n| format!("note: {n}")));
        lines.push(format!("next: {}", self.next));
        lines.join("\n")
    }
}
