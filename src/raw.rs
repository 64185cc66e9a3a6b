//! The files as written: serde structs that mirror the YAML, every value
//! wrapped with its location. Nothing here is validated; `model.rs` and
//! `config.rs` turn these into trusted types and report what is wrong.
//!
//! Key results, measures and the like are plain optional fields on purpose:
//! untagged or flattened serde enums would lose the locations.

use serde::Deserialize;

use crate::yaml::{Field, OrderedMap, Spanned, absent};

type Text = Option<Spanned<String>>;
/// A number that may be written as null, which the model reports.
type Value = Field<f64>;
type Refs = Option<Vec<Spanned<String>>>;
/// Perspective name -> its strategic objectives, in file order.
type Perspectives = OrderedMap<Spanned<String>, Option<Vec<Spanned<BscObjective>>>>;

/// `YYYY-QN.yaml`: one team's OKRs for one quarter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuarterFile {
    #[serde(default)]
    pub quarter: Text,
    #[serde(default)]
    pub team: Text,
    #[serde(default = "absent")]
    pub objectives: Field<Vec<Spanned<Objective>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    #[serde(default = "absent")]
    pub id: Field<String>,
    #[serde(default = "absent")]
    pub title: Field<String>,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub owner: Text,
    #[serde(default)]
    pub kind: Text,
    #[serde(default)]
    pub supports: Refs,
    #[serde(default)]
    pub aligns_to: Refs,
    #[serde(default = "absent")]
    pub weight: Value,
    #[serde(default = "absent")]
    pub key_results: Field<Vec<Spanned<KeyResult>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyResult {
    #[serde(default)]
    pub id: Text,
    #[serde(default = "absent")]
    pub title: Field<String>,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub owner: Text,
    #[serde(default = "absent")]
    pub start: Value,
    #[serde(default = "absent")]
    pub target: Value,
    #[serde(default = "absent")]
    pub current: Value,
    #[serde(default)]
    pub unit: Text,
    #[serde(default = "absent")]
    pub weight: Value,
    #[serde(default = "absent")]
    pub done: Field<bool>,
    #[serde(default = "absent")]
    pub keep_above: Value,
    #[serde(default = "absent")]
    pub keep_below: Value,
    #[serde(default = "absent")]
    pub checkins: Field<Vec<Spanned<CheckIn>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    #[serde(default = "absent")]
    pub date: Field<String>,
    #[serde(default = "absent")]
    pub value: Field<f64>,
    #[serde(default = "absent")]
    pub confidence: Value,
    #[serde(default)]
    pub note: Text,
}

/// strategy.yaml: the Balanced Scorecard.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    #[serde(default)]
    pub organization: Text,
    #[serde(default)]
    pub vision: Text,
    #[serde(default)]
    pub mission: Text,
    #[serde(default)]
    pub period: Option<Spanned<Period>>,
    #[serde(default = "absent")]
    pub perspectives: Field<Perspectives>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(default = "absent")]
    pub start: Field<String>,
    #[serde(default = "absent")]
    pub end: Field<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BscObjective {
    #[serde(default = "absent")]
    pub id: Field<String>,
    #[serde(default = "absent")]
    pub title: Field<String>,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub owner: Text,
    #[serde(default = "absent")]
    pub weight: Value,
    #[serde(default)]
    pub contributes_to: Refs,
    #[serde(default)]
    pub measures: Option<Vec<Spanned<Measure>>>,
    #[serde(default)]
    pub initiatives: Option<Vec<Spanned<Initiative>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    #[serde(default = "absent")]
    pub id: Field<String>,
    #[serde(default = "absent")]
    pub name: Field<String>,
    #[serde(default)]
    pub unit: Text,
    #[serde(default = "absent")]
    pub baseline: Value,
    #[serde(default = "absent")]
    pub target: Value,
    #[serde(default = "absent")]
    pub actual: Value,
    #[serde(default)]
    pub direction: Text,
    #[serde(default = "absent")]
    pub weight: Value,
    #[serde(default)]
    pub history: Option<Vec<Spanned<HistoryPoint>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryPoint {
    #[serde(default = "absent")]
    pub date: Field<String>,
    #[serde(default = "absent")]
    pub value: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    #[serde(default = "absent")]
    pub title: Field<String>,
    #[serde(default)]
    pub owner: Text,
    #[serde(default)]
    pub due: Text,
    #[serde(default)]
    pub status: Text,
}

/// okr.yaml: settings. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub fiscal_year_start_month: Option<Spanned<i64>>,
    #[serde(default)]
    pub limits: Option<Limits>,
    #[serde(default)]
    pub perspectives: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub checkin_cadence_days: Option<Spanned<i64>>,
    #[serde(default)]
    pub scoring: Option<Scoring>,
    #[serde(default)]
    pub rules: Option<OrderedMap<Spanned<String>, Spanned<String>>>,
    #[serde(default)]
    pub max_file_bytes: Option<Spanned<i64>>,
    #[serde(default)]
    pub wording: Option<Wording>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    #[serde(default)]
    pub objectives: Option<Spanned<Range>>,
    #[serde(default)]
    pub key_results: Option<Spanned<Range>>,
    #[serde(default)]
    pub strategy_objectives: Option<Spanned<Range>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    #[serde(default)]
    pub min: Option<Spanned<i64>>,
    #[serde(default)]
    pub max: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    #[serde(default)]
    pub aspirational_goal: Option<Spanned<f64>>,
    #[serde(default)]
    pub committed_goal: Option<Spanned<f64>>,
    #[serde(default)]
    pub grades: Option<Grades>,
    #[serde(default)]
    pub pacing: Option<Pacing>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    #[serde(default)]
    pub green: Option<Spanned<f64>>,
    #[serde(default)]
    pub yellow: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pacing {
    #[serde(default)]
    pub on_track: Option<Spanned<f64>>,
    #[serde(default)]
    pub at_risk: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    #[serde(default)]
    pub activity: Option<Vec<String>>,
    #[serde(default)]
    pub business_as_usual: Option<Vec<String>>,
}
