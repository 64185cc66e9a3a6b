//! The goals repository as okr understands it: validated, typed, and with the
//! span of every node, so rules can point at the exact place at fault.

pub mod formula;
pub mod quarter;
pub(crate) mod span;
pub(crate) mod team;

use chrono::NaiveDate;

use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::model::span::Span;

/// Everything loaded from one goals folder.
#[derive(Debug, Default)]
pub struct Repository {
    pub settings: Settings,
    pub strategy: Option<Strategy>,
    /// Quarter files in path order.
    pub quarters: Vec<QuarterFile>,
    /// Quarter files that could not be loaded, so rules do not report
    /// references into them as unknown and reports can say what was skipped.
    pub unloaded: Vec<Unloaded>,
    /// Text of every file that was read, by relative path, for findings.
    pub sources: crate::input::sources::Sources,
}

/// A quarter file that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unloaded {
    pub path: String,
    pub quarter: Quarter,
    /// The folder's team: the file's `team:` field is unknown.
    pub team: String,
}

/// A number with the place it was written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub span: Span,
}

/// A text value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Boxed: a text never grows after loading, and a large repository
    /// holds hundreds of thousands of them.
    pub value: Box<str>,
    pub span: Span,
}

impl Text {
    /// The text for messages; an id that is missing (already an L002) reads as such.
    pub(crate) fn label(&self) -> &str {
        if self.value.is_empty() {
            "(missing id)"
        } else {
            &self.value
        }
    }
}

/// A date with the place it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub value: NaiveDate,
    pub span: Span,
}

/// strategy.yaml.
#[derive(Debug)]
pub struct Strategy {
    pub path: String,
    pub organization: Option<Text>,
    pub vision: Option<Text>,
    pub period: Option<Period>,
    /// The `perspectives:` key, or the file start when absent.
    pub perspectives_span: Span,
    /// In file order; perspectives not in the settings are kept for B001.
    pub perspectives: Vec<Perspective>,
    /// Some of `perspectives` could not be read (reported): counts of
    /// perspectives and objectives say nothing about "too few".
    pub perspectives_short: bool,
}

#[derive(Debug)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub span: Span,
}

#[derive(Debug)]
pub struct Perspective {
    pub key: Text,
    pub objectives: Vec<BscObjective>,
}

/// A strategic objective of the Balanced Scorecard.
#[derive(Debug)]
pub struct BscObjective {
    pub id: Text,
    pub title: Text,
    /// Who is accountable, as written (names joined by `, `).
    pub owner: Option<Text>,
    /// Each owner: `owner: [lena, sam]` or `owner: lena, sam` names two.
    pub owners: Vec<Text>,
    pub weight: Number,
    pub span: Span,
    pub contributes_to: Vec<Text>,
    pub measures: Vec<Measure>,
    pub initiatives: Vec<Initiative>,
    /// `themes`: strategic themes across perspectives, as written.
    pub themes: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug)]
pub struct Measure {
    pub id: Text,
    pub name: Text,
    pub span: Span,
    pub unit: Option<Text>,
    pub baseline: Option<Number>,
    pub target: Option<Number>,
    /// `target: tbd`: the target is still to be decided (B012).
    pub target_tbd: Option<Span>,
    /// A floor and a ceiling: a threshold measure.
    pub keep_above: Option<Number>,
    pub keep_below: Option<Number>,
    pub actual: Option<Number>,
    /// `actual_date`: when `actual` was measured.
    pub actual_date: Option<Date>,
    pub direction: Option<(Direction, Span)>,
    pub weight: Number,
    pub history: Vec<HistoryPoint>,
    /// `targets`: targets by period, in the order written.
    pub targets: Vec<PeriodTarget>,
    /// Where `targets:` is written (B004 when `target` is written too).
    pub targets_span: Option<Span>,
    /// `data_only: true`: recorded and shown, never scored.
    pub data_only: Option<Span>,
    pub frequency: Option<(Frequency, Span)>,
    pub bands: Option<Bands>,
    /// `formula:` a calculated measure, computed from other measures.
    pub formula: Option<formula::Formula>,
}

/// A measure's target for the period ending at `by`.
#[derive(Debug, Clone, Copy)]
pub struct PeriodTarget {
    pub by: Date,
    pub value: Number,
}

/// How often a measure gets a new value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Monthly,
    Quarterly,
    Annual,
}

impl Frequency {
    pub(crate) const ALL: [Frequency; 3] =
        [Frequency::Monthly, Frequency::Quarterly, Frequency::Annual];

    /// As written in strategy.yaml.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Annual => "annual",
        }
    }

    /// The length of one period in months.
    pub(crate) fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Annual => 12,
        }
    }
}

/// Traffic-light bands of a measure, in its unit and direction.
#[derive(Debug, Clone, Copy)]
pub struct Bands {
    pub green: Number,
    pub yellow: Number,
    pub span: Span,
}

impl Measure {
    /// The target at the end: `target`, or the last of `targets`.
    pub(crate) fn final_target(&self) -> Option<Number> {
        self.target.or_else(|| {
            self.targets
                .iter()
                .max_by_key(|t| t.by.value)
                .map(|t| t.value)
        })
    }

    /// The written direction, else the one implied by baseline -> target
    /// (the first period target -> the last, without a baseline), else by
    /// the bands.
    pub(crate) fn effective_direction(&self) -> Option<Direction> {
        if let Some((d, _)) = self.direction {
            return Some(d);
        }
        match (self.baseline, self.final_target()) {
            (Some(b), Some(t)) if t.value > b.value => Some(Direction::Up),
            (Some(b), Some(t)) if t.value < b.value => Some(Direction::Down),
            // Targets by period without a baseline: the first to the last.
            (None, Some(last)) if self.targets.len() > 1 => {
                let first = self.targets.iter().min_by_key(|t| t.by.value)?.value.value;
                if last.value > first {
                    Some(Direction::Up)
                } else if last.value < first {
                    Some(Direction::Down)
                } else {
                    None
                }
            }
            // Bands name the better side: green beyond yellow.
            _ => self.bands.and_then(|b| {
                if b.green.value > b.yellow.value {
                    Some(Direction::Up)
                } else if b.green.value < b.yellow.value {
                    Some(Direction::Down)
                } else {
                    None
                }
            }),
        }
    }
}

#[derive(Debug)]
pub struct HistoryPoint {
    pub date: Date,
    pub value: Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitiativeStatus {
    Planned,
    Active,
    Done,
    Dropped,
}

impl InitiativeStatus {
    pub(crate) const ALL: [InitiativeStatus; 4] = [
        InitiativeStatus::Planned,
        InitiativeStatus::Active,
        InitiativeStatus::Done,
        InitiativeStatus::Dropped,
    ];

    /// The status as written in strategy.yaml and shown in reports.
    pub(crate) fn label(self) -> &'static str {
        match self {
            InitiativeStatus::Planned => "planned",
            InitiativeStatus::Active => "active",
            InitiativeStatus::Done => "done",
            InitiativeStatus::Dropped => "dropped",
        }
    }
}

#[derive(Debug)]
pub struct Initiative {
    pub title: Text,
    /// Who is accountable, as written (names joined by `, `).
    pub owner: Option<Text>,
    /// Each owner: `owner: [lena, sam]` or `owner: lena, sam` names two.
    pub owners: Vec<Text>,
    pub due: Option<Date>,
    /// None when the written status is not one okr knows (reported as L002).
    pub status: Option<InitiativeStatus>,
    pub span: Span,
    pub start: Option<Date>,
    /// A fraction from 0 to 1; one outside is left out (reported as L002).
    pub progress: Option<Number>,
    pub budget: Option<Number>,
    /// The budget's currency or unit, e.g. `EUR`.
    pub unit: Option<Text>,
    /// Further strategic objectives it serves, besides the one it is written under.
    pub objectives: Vec<Text>,
}

/// One team's OKRs for one quarter: one `YYYY-QN.yaml` file.
#[derive(Debug)]
pub struct QuarterFile {
    pub path: String,
    pub team: String,
    /// The `team:` field, when the team is not the folder's name.
    pub team_span: Option<Span>,
    pub quarter: Quarter,
    /// The `objectives:` key, or the file start when absent.
    pub objectives_span: Span,
    pub objectives: Vec<Objective>,
    /// Some of `objectives` could not be read (reported): "too few" is not
    /// reported.
    pub objectives_short: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectiveKind {
    Committed,
    Aspirational,
}

impl ObjectiveKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            ObjectiveKind::Committed => "committed",
            ObjectiveKind::Aspirational => "aspirational",
        }
    }
}

#[derive(Debug)]
pub struct Objective {
    /// Empty when missing (reported as L002).
    pub id: Text,
    pub title: Text,
    /// Who is accountable, as written (names joined by `, `).
    pub owner: Option<Text>,
    /// Each owner: `owner: [lena, sam]` or `owner: lena, sam` names two.
    pub owners: Vec<Text>,
    pub kind: ObjectiveKind,
    /// `status: dropped`: given up; shown everywhere, counted nowhere.
    pub dropped: bool,
    /// The `note:` free text.
    pub note: Option<Text>,
    pub weight: Number,
    pub span: Span,
    pub supports: Vec<Text>,
    pub aligns_to: Vec<Text>,
    /// The `key_results:` value, or the objective when absent.
    pub key_results_span: Span,
    pub key_results: Vec<KeyResult>,
    /// Some of `key_results` could not be read (reported): "too few" is not
    /// reported.
    pub key_results_short: bool,
}

/// What a key result measures, derived from which fields are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyResultKind {
    Metric,
    Milestone,
    Threshold,
    /// No measure: graded by people (`graded: true`, a `score:`, or
    /// check-ins with `score:`).
    Graded,
}

impl KeyResultKind {
    /// The kind's name in messages and reports.
    pub(crate) fn label(self) -> &'static str {
        match self {
            KeyResultKind::Metric => "metric",
            KeyResultKind::Milestone => "milestone",
            KeyResultKind::Threshold => "threshold",
            KeyResultKind::Graded => "graded",
        }
    }

    /// The fields that declare the kind, as a user writes them.
    pub(crate) fn fields(self) -> &'static str {
        match self {
            KeyResultKind::Metric => "`target`",
            KeyResultKind::Milestone => "`done`",
            KeyResultKind::Threshold => "`keep_above`/`keep_below`",
            KeyResultKind::Graded => "`graded: true`",
        }
    }
}

/// A key result's place in the model: positions in `repository.quarters`,
/// the file's objectives and the objective's key results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct KeyResultAt {
    pub file: usize,
    pub objective: usize,
    pub key_result: usize,
}

#[derive(Debug, Clone)]
pub struct KeyResult {
    /// The written id, else `<objective id>.<position>`.
    pub id: Text,
    pub explicit_id: bool,
    pub title: Text,
    /// Who is accountable, as written (names joined by `, `).
    pub owner: Option<Text>,
    /// Each owner: `owner: [lena, sam]` or `owner: lena, sam` names two.
    pub owners: Vec<Text>,
    pub span: Span,
    /// `status: dropped`: given up; shown everywhere, counted nowhere.
    pub dropped: bool,
    /// The `note:` free text.
    pub note: Option<Text>,
    pub start: Option<Number>,
    pub target: Option<Number>,
    pub current: Option<Number>,
    pub unit: Option<Text>,
    pub weight: Number,
    pub done: Option<(bool, Span)>,
    /// A milestone's planned date.
    pub due: Option<Date>,
    pub keep_above: Option<Number>,
    pub keep_below: Option<Number>,
    /// `score:`: the grade people gave it, 0.0-1.0; its score when present.
    pub score: Option<Number>,
    /// `graded: true` (or false, as written): it is graded by people.
    pub graded: Option<(bool, Span)>,
    pub checkins: Vec<CheckIn>,
    /// The value of the `checkins:` key when it is written (a list, `[]` or null).
    pub checkins_span: Option<Span>,
    /// A kind field was written as null (already an L002), so its kind is unknown.
    pub incomplete: bool,
    /// A check-in could not be read (already reported): staleness (O014)
    /// is not judged from the rest.
    pub checkins_short: bool,
}

impl KeyResult {
    /// The kinds this key result's fields declare; exactly one is valid (O003).
    pub(crate) fn kinds(&self) -> Vec<KeyResultKind> {
        let mut kinds = Vec::new();
        if self.target.is_some() {
            kinds.push(KeyResultKind::Metric);
        }
        if self.done.is_some() {
            kinds.push(KeyResultKind::Milestone);
        }
        if self.keep_above.is_some() || self.keep_below.is_some() {
            kinds.push(KeyResultKind::Threshold);
        }
        kinds
    }

    /// The kind, when exactly one is declared; graded when no measure is
    /// and it is graded by people.
    pub fn kind(&self) -> Option<KeyResultKind> {
        match self.kinds().as_slice() {
            [one] => Some(*one),
            [] if self.is_graded() => Some(KeyResultKind::Graded),
            _ => None,
        }
    }

    /// Whether people grade it: `graded: true`, a `score:`, or a check-in
    /// with a `score:`.
    pub(crate) fn is_graded(&self) -> bool {
        self.graded.is_some_and(|(g, _)| g)
            || self.score.is_some()
            || self.checkins.iter().any(|c| c.score.is_some())
    }

    /// The latest check-in dated on or before `as_of` (the last written
    /// among equal dates), with its index: check-ins dated after the date
    /// (O010) have not happened yet.
    pub(crate) fn latest_checkin_by(&self, as_of: NaiveDate) -> Option<(usize, &CheckIn)> {
        self.checkins
            .iter()
            .enumerate()
            .filter(|(_, c)| c.date.value <= as_of)
            .max_by_key(|(i, c)| (c.date.value, *i))
    }

    /// The latest check-in (the last written among equal dates) that
    /// carries what `pick` takes from it: its value, or its grade.
    pub(crate) fn latest_with(
        &self,
        pick: impl Fn(&CheckIn) -> Option<Number>,
    ) -> Option<(&CheckIn, Number)> {
        self.checkins
            .iter()
            .enumerate()
            .filter_map(|(i, c)| pick(c).map(|n| (i, c, n)))
            .max_by_key(|(i, c, _)| (c.date.value, *i))
            .map(|(_, c, n)| (c, n))
    }
}

#[derive(Debug, Clone)]
pub struct CheckIn {
    pub date: Date,
    /// The measured value; a check-in carries it, a `score`, or both.
    pub value: Option<Number>,
    /// A grade given by people, 0.0-1.0.
    pub score: Option<Number>,
    pub confidence: Option<Number>,
    pub note: Option<Text>,
    pub span: Span,
}
