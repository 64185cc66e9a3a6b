//! `okr checkin`: record progress on one key result by a surgical edit.
//! (being written)

use chrono::NaiveDate;
use std::path::PathBuf;

use crate::quarter::Quarter;

#[derive(Debug, Clone)]
pub struct Request {
    pub root: PathBuf,
    pub reference: String,
    pub value: Option<String>,
    pub done: bool,
    pub confidence: Option<String>,
    pub note: Option<String>,
    pub date: Option<NaiveDate>,
    pub quarter: Option<Quarter>,
    pub today: NaiveDate,
}

pub enum Outcome {
    Written(Written),
    Refused(Refusal),
}

pub struct Written;
impl Written {
    pub fn summary(&self) -> String {
        String::new()
    }
    pub fn patch(&self) -> String {
        String::new()
    }
}
pub struct Refusal;
impl Refusal {
    pub fn render(&self, _color: bool) -> String {
        String::new()
    }
}

pub fn run(_request: &Request) -> anyhow::Result<Outcome> {
    unimplemented!()
}
