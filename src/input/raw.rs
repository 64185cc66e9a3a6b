//! The files as written: structs that mirror the YAML, every value wrapped
//! with its location. `read_struct!` gives each its reader (`read.rs`), which
//! reports unknown fields and values of the wrong type and keeps the rest.
//! Nothing else is validated here; `build/` and `config.rs` turn these into
//! trusted types and report what is wrong.
//!
//! The same structs generate the JSON Schemas for editors (`schema.rs`): each
//! doc comment is the description shown on hover, and `#[schemars(with)]`
//! names the stand-in in `schema::value` that says how the value looks, since
//! `Spanned` has no schema of its own. `extend("required")` lists the keys
//! whose absence okr reports (they are `Option`s here to keep spans).
//! The `#[serde]` attributes are read by schemars only (`deny_unknown_fields`
//! is `additionalProperties: false`); `default = "v::unset"` stops schemars
//! from printing a default: the descriptions say what a missing key means.

use schemars::JsonSchema;

use crate::input::read::{
    Amount, Field, Fraction, OrderedMap, Owners, Spanned, Target, read_struct,
};
use crate::input::schema::value as v;

type Text = Option<Spanned<String>>;
/// A number that may be written as null, which the model reports.
type Value = Field<Amount>;
type Refs = Option<Vec<Spanned<String>>>;
/// Perspective name -> its strategic objectives, in file order.
type Perspectives = OrderedMap<Spanned<String>, Option<Vec<Spanned<BscObjective>>>>;
/// The schema of [`Perspectives`]: any perspective name -> its objectives.
type PerspectivesSchema = std::collections::BTreeMap<String, Option<Vec<BscObjective>>>;

read_struct! {
    "a quarter file"
    /// One team's OKRs for one quarter (a `YYYY-QN.yaml` file).
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct QuarterFile {
        /// The quarter, `YYYY-QN`. Optional; when written it must equal the file name's quarter (L006).
        #[serde(default)]
        #[schemars(with = "Option<v::Quarter>")]
        pub quarter: Text,
        /// The team these OKRs belong to. Optional; default: the name of the folder holding the file, or `company` at the top of the repository. Cannot contain `/`.
        #[serde(default)]
        #[schemars(with = "Option<v::Team>")]
        pub team: Text,
        /// The team's objectives for the quarter: 3 to 5 by default (`limits.objectives` in okr.yaml).
        #[serde(default = "absent")]
        #[schemars(with = "Vec<Objective>", default = "v::unset")]
        pub objectives: Field<Vec<Spanned<Objective>>>,
    }
}

read_struct! {
    "an objective"
    /// An objective: a qualitative, inspiring goal for the quarter, measured by its key results.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["id", "title"]))]
    pub(crate) struct Objective {
        /// Required. Unique within the team's quarter, at most 64 characters, e.g. `P1`; other objectives align to it as `TEAM/ID`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Id", default = "v::unset")]
        pub id: Field<String>,
        /// Required. A qualitative, inspiring goal, not business as usual (O016), e.g. `Make deploys boring`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Name", default = "v::unset")]
        pub title: Field<String>,
        /// Optional free text: why this objective matters.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub description: Text,
        /// Optional: who is accountable for the objective: a name, or a list of names (`[lena, sam]`; `lena, sam` also names two).
        #[serde(default)]
        #[schemars(with = "Option<v::Owners>")]
        pub owner: Option<Spanned<Owners>>,
        /// `committed` (must be fully achieved: expected score 1.0) or `aspirational` (the default: 0.7 is a good result).
        #[serde(default)]
        #[schemars(with = "Option<v::ObjectiveKind>")]
        pub kind: Text,
        /// Ids of the strategic objectives in strategy.yaml that this objective serves (O006).
        #[serde(default)]
        #[schemars(with = "Option<Vec<v::Text>>")]
        pub supports: Refs,
        /// Objectives of the same quarter that this one serves: `TEAM/ID`, or `ID` for this team (O006, O007); no cycles.
        #[serde(default)]
        #[schemars(with = "Option<Vec<v::Text>>")]
        pub aligns_to: Refs,
        /// Optional: `dropped` when the objective was given up during the quarter. It stays in every output, labelled dropped, and counts in no score, roll-up or limit; the only value written, since okr works out every other status.
        #[serde(default)]
        #[schemars(with = "Option<v::GoalStatus>")]
        pub status: Text,
        /// Optional free text shown with the objective in reports, e.g. why it was dropped.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub note: Text,
        /// Relative weight in the team's score: a number greater than 0; default 1.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", extend("exclusiveMinimum" = 0), default = "v::unset")]
        pub weight: Value,
        /// The measurable results that show the objective is achieved: 1 to 5 by default (`limits.key_results` in okr.yaml, which decides whether none at all is allowed).
        #[serde(default = "absent")]
        #[schemars(with = "Vec<KeyResult>", default = "v::unset")]
        pub key_results: Field<Vec<Spanned<KeyResult>>>,
    }
}

read_struct! {
    "a key result"
    /// A key result: a metric (`target`, optional `start`), a milestone (`done`) or a threshold (`keep_above` and/or `keep_below`); exactly one kind (O003).
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["title"]))]
    pub(crate) struct KeyResult {
        /// Optional; default `<objective id>.<position>`, e.g. `P1.2`. Unique in the file, at most 64 characters.
        #[serde(default)]
        #[schemars(with = "Option<v::Id>")]
        pub id: Text,
        /// Required. An outcome, not an activity (O015), e.g. `Cut failed deploys from 12% to 3%`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Name", default = "v::unset")]
        pub title: Field<String>,
        /// Optional free text.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub description: Text,
        /// Optional: who is accountable for the key result: a name, or a list of names (`[lena, sam]`; `lena, sam` also names two).
        #[serde(default)]
        #[schemars(with = "Option<v::Owners>")]
        pub owner: Option<Spanned<Owners>>,
        /// Optional: `dropped` when the key result was given up during the quarter. It stays in every output, labelled dropped, and counts in no score, roll-up or limit; the only value written, since okr works out every other status.
        #[serde(default)]
        #[schemars(with = "Option<v::GoalStatus>")]
        pub status: Text,
        /// Optional free text shown with the key result in reports, e.g. why it was dropped.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub note: Text,
        /// Metric key results: the value at the start of the quarter; default 0.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub start: Value,
        /// Metric key results: the value to reach; must differ from `start` (O004). Below `start` means lower is better.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub target: Value,
        /// The value now. Optional; default the latest check-in's value, else `start`. Should equal the latest check-in's value (O013).
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub current: Value,
        /// Optional unit shown with the numbers, e.g. `%` or `ms`.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub unit: Text,
        /// Relative weight in the objective's score: a number greater than 0; default 1.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", extend("exclusiveMinimum" = 0), default = "v::unset")]
        pub weight: Value,
        /// Milestone key results: `true` once the deliverable is done, else `false`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Boolean", default = "v::unset")]
        pub done: Field<bool>,
        /// Milestone key results: optional date it is planned for, `YYYY-MM-DD`. Until then an unfinished milestone is pending, not off track; without it, until the quarter's last 14 days.
        #[serde(default)]
        #[schemars(with = "Option<v::Date>")]
        pub due: Text,
        /// Threshold key results: the level to stay at or above; at most `keep_below` when both are given (O012).
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub keep_above: Value,
        /// Threshold key results: the level to stay at or below.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub keep_below: Value,
        /// Optional: the grade people gave the key result, from 0.0 to 1.0 (`70%` is 0.7). When written it is the key result's score; a measured score is kept beside it (O017). Should equal the latest check-in's `score` (O013).
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", range(min = 0, max = 1), default = "v::unset")]
        pub score: Field<Fraction>,
        /// Optional: `true` for a key result graded by people rather than measured: with no `target`, `done` or bounds it is valid, and unscored until its first `score`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Boolean", default = "v::unset")]
        pub graded: Field<bool>,
        /// Progress updates, oldest first (O011), each inside the quarter (O009) and not after today (O010); one at least every `checkin_cadence_days` while the quarter runs (O014).
        #[serde(default = "absent")]
        #[schemars(with = "Option<Vec<CheckIn>>", default = "v::unset")]
        pub checkins: Field<Vec<Spanned<CheckIn>>>,
    }
}

read_struct! {
    "a check-in"
    /// A check-in: the key result's measured value, or the grade people gave it, on a date.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["date"], "anyOf" = [{"required": ["value"]}, {"required": ["score"]}]))]
    pub(crate) struct CheckIn {
        /// Required. The date of the measurement, `YYYY-MM-DD`: inside the quarter, not in the future.
        #[serde(default = "absent")]
        #[schemars(with = "v::Date", default = "v::unset")]
        pub date: Field<String>,
        /// The measured value (milestones: 0 or 1). A check-in has a `value`, a `score`, or both.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub value: Field<Amount>,
        /// A grade people gave the key result on that date, from 0.0 to 1.0 (`70%` is 0.7); the key result's score from that date on.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", range(min = 0, max = 1), default = "v::unset")]
        pub score: Field<Fraction>,
        /// Optional: the chance of reaching the target, from 0.0 (none) to 1.0 (certain).
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", range(min = 0, max = 1), default = "v::unset")]
        pub confidence: Field<Fraction>,
        /// Optional free text: what changed.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub note: Text,
    }
}

read_struct! {
    "strategy.yaml"
    /// strategy.yaml: the organization's Balanced Scorecard.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["perspectives"]))]
    pub(crate) struct Strategy {
        /// Optional: the organization's name.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub organization: Text,
        /// Optional: where the organization wants to be.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub vision: Text,
        /// Optional: why the organization exists.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        #[allow(dead_code)] // accepted and in the schema, but no output shows it yet
        pub mission: Text,
        /// Optional: the dates the strategy covers; quarter files outside them are reported (B009).
        #[serde(default)]
        #[schemars(with = "Option<Period>")]
        pub period: Option<Spanned<Period>>,
        /// Required. Perspective name -> its strategic objectives, one key per perspective in okr.yaml `perspectives` (default: financial, customer, internal, learning), each with at least one objective (B001).
        #[serde(default = "absent")]
        #[schemars(with = "PerspectivesSchema", default = "v::unset")]
        pub perspectives: Field<Perspectives>,
    }
}

read_struct! {
    "a period"
    /// The dates a strategy covers, both inclusive.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["start", "end"]))]
    pub(crate) struct Period {
        /// Required. The first day, `YYYY-MM-DD`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Date", default = "v::unset")]
        pub start: Field<String>,
        /// Required. The last day, `YYYY-MM-DD`; not before `start`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Date", default = "v::unset")]
        pub end: Field<String>,
    }
}

read_struct! {
    "a strategic objective"
    /// A strategic objective of the Balanced Scorecard, with its measures and initiatives.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["id", "title"]))]
    pub(crate) struct BscObjective {
        /// Required. Unique in the file, at most 64 characters, e.g. `F1`; OKR objectives name it in `supports`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Id", default = "v::unset")]
        pub id: Field<String>,
        /// Required. The strategic objective, e.g. `Grow recurring revenue`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Name", default = "v::unset")]
        pub title: Field<String>,
        /// Optional free text.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        #[allow(dead_code)] // accepted and in the schema, but no output shows it yet
        pub description: Text,
        /// Optional: who is accountable for the objective: a name, or a list of names (`[lena, sam]`; `lena, sam` also names two).
        #[serde(default)]
        #[schemars(with = "Option<v::Owners>")]
        pub owner: Option<Spanned<Owners>>,
        /// Relative weight in the perspective's score: a number greater than 0; default 1.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", extend("exclusiveMinimum" = 0), default = "v::unset")]
        pub weight: Value,
        /// Strategy-map arrows: ids of the objectives this one drives, in the same or a higher perspective (B005-B008).
        #[serde(default)]
        #[schemars(with = "Option<Vec<v::Text>>")]
        pub contributes_to: Refs,
        /// How the objective is measured: at least one measure with a target (B003).
        #[serde(default)]
        #[schemars(with = "Option<Vec<Measure>>")]
        pub measures: Option<Vec<Spanned<Measure>>>,
        /// The action programmes meant to achieve the objective.
        #[serde(default)]
        #[schemars(with = "Option<Vec<Initiative>>")]
        pub initiatives: Option<Vec<Spanned<Initiative>>>,
        /// Optional strategic themes across perspectives, e.g. `[patient flow]`; `okr report --by theme` groups objectives by them.
        #[serde(default)]
        #[schemars(with = "Option<Vec<v::Name>>")]
        pub themes: Refs,
    }
}

read_struct! {
    "a measure"
    /// A measure of a strategic objective: a number moving from a baseline to a target (or to targets by period), held above a floor, below a ceiling or in a range, or recorded only (`data_only`).
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["id", "name"], "anyOf" = [{"required": ["target"]}, {"required": ["targets"]}, {"required": ["keep_above"]}, {"required": ["keep_below"]}, {"required": ["data_only"]}]))]
    pub(crate) struct Measure {
        /// Required. At most 64 characters, e.g. `arr`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Id", default = "v::unset")]
        pub id: Field<String>,
        /// Required. What is measured, e.g. `Annual recurring revenue`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Name", default = "v::unset")]
        pub name: Field<String>,
        /// Optional unit shown with the numbers, e.g. `USD`.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub unit: Text,
        /// Optional: the value when the strategy started; the direction is inferred from baseline -> target.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub baseline: Value,
        /// The value to reach; must differ from `baseline` (B004). `tbd` while it is still to be decided (B012). Required unless the measure has `targets` by period, is a threshold (`keep_above`/`keep_below`) or is `data_only`. A target of 0 is scored like any other.
        #[serde(default = "absent")]
        #[schemars(with = "v::MeasureTarget", default = "v::unset")]
        pub target: Field<Target>,
        /// Targets by period instead of one `target`, e.g. `[{by: 2026-12-31, value: 11.5}, {by: 2027-12-31, value: 11.0}]`: at a date the measure is scored against the first target whose `by` is on or after it, paced from the previous target (or the period start and the baseline); after the last `by`, against the last. Not together with `target` (B004).
        #[serde(default)]
        #[schemars(with = "Option<Vec<PeriodTarget>>")]
        pub targets: Option<Vec<Spanned<PeriodTarget>>>,
        /// `true` for a measure that is recorded and shown but never scored (an input of a ratio, a context figure): it has no target, floor or ceiling, and counts in no coverage. Default `false`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Boolean", default = "v::unset")]
        pub data_only: Field<bool>,
        /// Optional: how often a new value is due, `monthly`, `quarterly` or `annual`; a latest value older than one period plus `checkin_cadence_days` is stale (B013).
        #[serde(default)]
        #[schemars(with = "Option<v::Frequency>")]
        pub frequency: Text,
        /// Optional traffic-light bands in the measure's unit and direction, e.g. `{green: 95, yellow: 90}` (for lower is better, `green: 5` means at or below 5): the status comes from them instead of pacing.
        #[serde(default)]
        #[schemars(with = "Option<Bands>")]
        pub bands: Option<Spanned<Bands>>,
        /// Optional: a calculated measure, e.g. `opex / adjusted_discharges`: numbers, ids of other measures of the scorecard (letters, digits, `_` and `.`), `+ - * /`, parentheses and unary minus. Its value and history are computed at each date from its inputs' values; it has no `actual` or `history` of its own (B017).
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub formula: Text,
        /// A floor: the measure should stay at or above it (scored as a key-result threshold).
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub keep_above: Value,
        /// A ceiling: the measure should stay at or below it; with `keep_above`, a healthy range.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub keep_below: Value,
        /// Optional: the latest value; it counts from `actual_date`, else from the last history date (without history: at every date).
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub actual: Value,
        /// Optional: the date `actual` was measured, `YYYY-MM-DD`; it counts from that date. Default: the last history date, or every date without history.
        #[serde(default)]
        #[schemars(with = "Option<v::Date>")]
        pub actual_date: Text,
        /// `up` (higher is better) or `down` (lower is better). Optional when `baseline` is given: inferred from baseline -> target (B004).
        #[serde(default)]
        #[schemars(with = "Option<v::Direction>")]
        pub direction: Text,
        /// Relative weight in the objective's score: a number greater than 0; default 1.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", extend("exclusiveMinimum" = 0), default = "v::unset")]
        pub weight: Value,
        /// Past values, e.g. `[{date: 2026-06-30, value: 11200000}]`, dated within the strategy period (B015) and not after today (B014).
        #[serde(default)]
        #[schemars(with = "Option<Vec<HistoryPoint>>")]
        pub history: Option<Vec<Spanned<HistoryPoint>>>,
    }
}

read_struct! {
    "a history point"
    /// A past value of a measure.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["date", "value"]))]
    pub(crate) struct HistoryPoint {
        /// Required. The date of the value, `YYYY-MM-DD`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Date", default = "v::unset")]
        pub date: Field<String>,
        /// Required. The measured value.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub value: Field<Amount>,
    }
}

read_struct! {
    "a period target"
    /// A measure's target for the period ending at `by`.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["by", "value"]))]
    pub(crate) struct PeriodTarget {
        /// Required. The last day of the period, `YYYY-MM-DD`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Date", default = "v::unset")]
        pub by: Field<String>,
        /// Required. The value to reach by then.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub value: Field<Amount>,
    }
}

read_struct! {
    "bands"
    /// Traffic-light bands: at or beyond `green` is green, at or beyond `yellow` is yellow, else red ("beyond" in the measure's direction).
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["green", "yellow"]))]
    pub(crate) struct Bands {
        /// Required. The value from which the measure is green.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub green: Field<Amount>,
        /// Required. The value from which the measure is yellow; short of `green` in the measure's direction.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub yellow: Field<Amount>,
    }
}

read_struct! {
    "an initiative"
    /// An initiative: an action programme that closes the gap to a measure's target.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend("required" = ["title"]))]
    pub(crate) struct Initiative {
        /// Required. What will be done, e.g. `Launch enterprise tier`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Name", default = "v::unset")]
        pub title: Field<String>,
        /// Optional: who leads the initiative: a name, or a list of names (`[lena, sam]`; `lena, sam` also names two).
        #[serde(default)]
        #[schemars(with = "Option<v::Owners>")]
        pub owner: Option<Spanned<Owners>>,
        /// Optional due date, `YYYY-MM-DD`; past it, an initiative that is not done or dropped is overdue (B011).
        #[serde(default)]
        #[schemars(with = "Option<v::Date>")]
        pub due: Text,
        /// `planned` (the default), `active`, `done` or `dropped`.
        #[serde(default)]
        #[schemars(with = "Option<v::InitiativeStatus>")]
        pub status: Text,
        /// Optional start date, `YYYY-MM-DD`.
        #[serde(default)]
        #[schemars(with = "Option<v::Date>")]
        pub start: Text,
        /// Optional: how far the work is, a fraction from 0 to 1 (`70%` is 0.7).
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub progress: Field<Fraction>,
        /// Optional budget: a plain number (write `1200000`, not `$1.2M`), its currency or unit in `unit`.
        #[serde(default = "absent")]
        #[schemars(with = "v::Number", default = "v::unset")]
        pub budget: Value,
        /// The unit of `budget`, e.g. `EUR`; reports total budgets per unit and never add different units.
        #[serde(default)]
        #[schemars(with = "Option<v::Text>")]
        pub unit: Text,
        /// Ids of further strategic objectives this initiative serves, besides the one it is written under (B005 when one names no objective).
        #[serde(default)]
        #[schemars(with = "Option<Vec<v::Id>>")]
        pub objectives: Refs,
    }
}

/// An okr.yaml `perspectives` item: a name, or `{id, label, weight}`.
#[derive(Debug)]
pub(crate) enum PerspectiveEntry {
    Name(String),
    Full(PerspectiveItem),
}

impl crate::input::read::Read for PerspectiveEntry {
    fn read(
        node: &crate::input::tree::Node,
        r: &mut crate::input::read::Reader<'_>,
        key: &str,
    ) -> Option<Self> {
        match &node.value {
            crate::input::tree::Value::Map(_) => {
                PerspectiveItem::read(node, r, key).map(PerspectiveEntry::Full)
            }
            _ => String::read(node, r, key).map(PerspectiveEntry::Name),
        }
    }
}

read_struct! {
    "a perspective"
    /// A perspective with a display label and a weight.
    #[derive(Debug)]
    pub(crate) struct PerspectiveItem {
        pub id: Text,
        pub label: Text,
        pub weight: Value,
    }
}

read_struct! {
    "okr.yaml"
    /// okr.yaml: okr's settings for this goals folder. Every key is optional.
    #[derive(Debug, Default, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Config {
        /// The month (1-12) the fiscal year starts; the fiscal year is named after the calendar year it ends in. Default 1 (January).
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1, max = 12))]
        pub fiscal_year_start_month: Option<Spanned<i64>>,
        /// How many objectives, key results and strategic objectives are expected.
        #[serde(default)]
        #[schemars(with = "Option<Limits>")]
        pub limits: Option<Limits>,
        /// The Balanced Scorecard's perspectives, top of the strategy map first; unique, not blank. Default `[financial, customer, internal, learning]`. Each is a name (the key in strategy.yaml), or `{id, label, weight}`: `label` is what every output shows (default: the id), `weight` (greater than 0, default 1) its weight in the scorecard's score.
        #[serde(default)]
        #[schemars(with = "Option<Vec<v::PerspectiveEntry>>", length(min = 1), extend("uniqueItems" = true))]
        pub perspectives: Option<Spanned<Vec<Spanned<PerspectiveEntry>>>>,
        /// How often, in days (at least 1), a running key result should get a check-in (O014); also the grace after a measure's `frequency` period before it is stale (B013). Default 14.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1))]
        pub checkin_cadence_days: Option<Spanned<i64>>,
        /// Days after a quarter's last day (0 or more) in which its check-ins are final grades, not O009. Default 14.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 0))]
        pub grading_days: Option<Spanned<i64>>,
        /// How `okr report` scores and grades; every value is a fraction from 0 to 1.
        #[serde(default)]
        #[schemars(with = "Option<Scoring>")]
        pub scoring: Option<Scoring>,
        /// Per-rule severity, by code (`O008`) or name (`orphan-objective`): `off`, `info`, `warning` or `error`. `okr rules` lists every rule.
        #[serde(default)]
        #[schemars(schema_with = "v::rules")]
        pub rules: Option<OrderedMap<Spanned<String>, Spanned<String>>>,
        /// The largest goals file okr reads, in bytes (at least 1); larger files are L004. Default 8388608 (8 MiB).
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1))]
        pub max_file_bytes: Option<Spanned<i64>>,
        /// Resource limits of the YAML parser for each goals file, which stop hostile input (alias bombs, deep nesting) early; a file over a limit is L004. okr.yaml itself is always read with the defaults.
        #[serde(default)]
        #[schemars(with = "Option<YamlLimits>")]
        pub yaml_limits: Option<YamlLimits>,
        /// Word lists for the wording rules; a list replaces the default one.
        #[serde(default)]
        #[schemars(with = "Option<Wording>")]
        pub wording: Option<Wording>,
    }
}

read_struct! {
    "`yaml_limits`"
    /// YAML resource limits per goals file; each a whole number from 1 to its ceiling, a key left out keeps its default.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct YamlLimits {
        /// How deeply lists and mappings may nest, 1 to 1024. Default 64.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1, max = 1024))]
        pub max_depth: Option<Spanned<i64>>,
        /// How many nodes (lists, mappings and values, counting those replayed through aliases) a file may hold, 1 to 2500000. Default 250000.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1, max = 2_500_000))]
        pub max_nodes: Option<Spanned<i64>>,
        /// How many parser events (each node, each end of a list or mapping) a file may produce, 1 to 10000000. Default 1000000.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1, max = 10_000_000))]
        pub max_events: Option<Spanned<i64>>,
        /// How many aliases (`*name`), and how many anchors (`&name`), a file may use, 1 to 500000. Default 50000.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1, max = 500_000))]
        pub max_aliases: Option<Spanned<i64>>,
        /// How many events aliases may replay, and anchors record, in a file, 1 to 10000000. Default 1000000.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1, max = 10_000_000))]
        pub max_alias_events: Option<Spanned<i64>>,
        /// How many bytes of value text aliases may replay in a file, 1 to 655360: what a file can add to okr's outputs beyond its own text. Default 65536 (64 KiB).
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 1, max = 655_360))]
        pub max_alias_bytes: Option<Spanned<i64>>,
    }
}

read_struct! {
    "`limits`"
    /// Expected counts, each `{min, max}` with min at most max.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Limits {
        /// Objectives per team per quarter (O001). Default `{min: 3, max: 5}`.
        #[serde(default)]
        #[schemars(with = "Option<Range>")]
        pub objectives: Option<Spanned<Range>>,
        /// Key results per objective (O002). Default `{min: 1, max: 5}`.
        #[serde(default)]
        #[schemars(with = "Option<Range>")]
        pub key_results: Option<Spanned<Range>>,
        /// Strategic objectives in strategy.yaml (B002). Default `{min: 10, max: 15}`.
        #[serde(default)]
        #[schemars(with = "Option<Range>")]
        pub strategy_objectives: Option<Spanned<Range>>,
    }
}

read_struct! {
    "a range"
    /// An inclusive count range; a bound left out keeps its default.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Range {
        /// The fewest allowed, 0 or more; at most `max`.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 0))]
        pub min: Option<Spanned<i64>>,
        /// The most allowed, 0 or more; at least `min`.
        #[serde(default)]
        #[schemars(with = "Option<v::Integer>", range(min = 0))]
        pub max: Option<Spanned<i64>>,
    }
}

read_struct! {
    "`scoring`"
    /// Scoring settings for `okr report`.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Scoring {
        /// The score that counts as success for an aspirational objective, 0 to 1. Default 0.7.
        #[serde(default)]
        #[schemars(with = "Option<v::Number>", range(min = 0, max = 1))]
        pub aspirational_goal: Option<Spanned<Fraction>>,
        /// The score expected of a committed objective, 0 to 1. Default 1.0.
        #[serde(default)]
        #[schemars(with = "Option<v::Number>", range(min = 0, max = 1))]
        pub committed_goal: Option<Spanned<Fraction>>,
        /// The lower bounds of the green and yellow grades of a finished quarter.
        #[serde(default)]
        #[schemars(with = "Option<Grades>")]
        pub grades: Option<Grades>,
        /// How far behind the calendar a score may be before it is at risk or off track.
        #[serde(default)]
        #[schemars(with = "Option<Pacing>")]
        pub pacing: Option<Pacing>,
    }
}

read_struct! {
    "`grades`"
    /// Grade bounds; yellow must be at most green.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Grades {
        /// The lowest score graded green, 0 to 1. Default 0.7.
        #[serde(default)]
        #[schemars(with = "Option<v::Number>", range(min = 0, max = 1))]
        pub green: Option<Spanned<Fraction>>,
        /// The lowest score graded yellow (below it: red), 0 to 1, at most `green`. Default 0.4.
        #[serde(default)]
        #[schemars(with = "Option<v::Number>", range(min = 0, max = 1))]
        pub yellow: Option<Spanned<Fraction>>,
    }
}

read_struct! {
    "`pacing`"
    /// Pacing tolerances; on_track must be at most at_risk.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Pacing {
        /// How far below the expected score is still on track, 0 to 1. Default 0.10.
        #[serde(default)]
        #[schemars(with = "Option<v::Number>", range(min = 0, max = 1))]
        pub on_track: Option<Spanned<Fraction>>,
        /// How far below the expected score is at risk (beyond it: off track), 0 to 1, at least `on_track`. Default 0.25.
        #[serde(default)]
        #[schemars(with = "Option<v::Number>", range(min = 0, max = 1))]
        pub at_risk: Option<Spanned<Fraction>>,
    }
}

read_struct! {
    "`wording`"
    /// Word lists of the wording rules; matching is case-insensitive, by whole words at the start of a title.
    #[derive(Debug, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Wording {
        /// Words that make a key result read as an activity, not an outcome (O015). Replaces the default list (consult, help, analyze, ...).
        #[serde(default)]
        #[schemars(with = "Option<Vec<v::Text>>")]
        pub activity: Option<Vec<String>>,
        /// Words that make an objective read as business as usual (O016). Replaces the default list (keep, maintain, continue, sustain, preserve, retain).
        #[serde(default)]
        #[schemars(with = "Option<Vec<v::Text>>")]
        pub business_as_usual: Option<Vec<String>>,
    }
}
