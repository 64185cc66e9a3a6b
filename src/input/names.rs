//! What a YAML file's name says when it is not `YYYY-QN.yaml`: a quarter
//! written another way (`growth-2026-Q4`, `Q4-2026`, `FY26-Q4`), another
//! period (`2027`, `2026-H2`, `2026-11`), or nothing okr knows (`mkdocs`,
//! `docker-compose`, `team-2026`). A period name becomes an L005 that says
//! which file to write instead; the fiscal year and month hints need
//! okr.yaml's `fiscal_year_start_month`, so they are made once it is read.

use crate::diagnostic::Diagnostic;
use crate::input::config::Settings;
use crate::model::quarter::Quarter;
use crate::model::span::Span;
use crate::rules::Code;

/// Words that say what a file is, not whose it is: `okrs-2026-Q4` is no
/// team's, `quarterly-2026-q4-plan` neither.
const GENERIC: &[&str] = &[
    "okr",
    "okrs",
    "goal",
    "goals",
    "objective",
    "objectives",
    "plan",
    "plans",
    "target",
    "targets",
    "quarter",
    "quarterly",
    "company",
    "year",
    "yearly",
    "annual",
    "month",
    "monthly",
    "half",
];

/// The period a file name holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    /// `2026-q4`, `Q4-2026`, `2026Q4`, `2026-Q5`; the number may be out of range.
    Quarter(i32, u32),
    /// `FY26-Q4`, `FY2026-Q4`: a quarter of a fiscal year named by its own convention.
    FiscalQuarter(i32, u32),
    /// `2027`, `FY27`.
    Year(i32),
    /// `2026-H2`.
    Half(i32, u32),
    /// `2026-11`.
    Month(i32, u32),
}

/// A YAML file named for a period, not as a quarter file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Misnamed {
    /// Relative to the goals folder, `/`-separated.
    rel: String,
    period: Period,
    /// The team the name gives, when it gives one the folder does not.
    team: Option<String>,
}

impl Misnamed {
    /// The misnamed period file `rel` (its stem is `stem`), or None when the
    /// name is not a period okr knows.
    pub(crate) fn of(rel: &str, stem: &str) -> Option<Misnamed> {
        let (period, words) = period(stem)?;
        let folder = rel.rsplit_once('/').map(|(folder, _)| folder);
        let folder_name = folder.map(|f| f.rsplit('/').next().unwrap_or(f));
        let team = (!words.is_empty())
            .then(|| words.join("-"))
            .filter(|team| folder_name.is_none_or(|f| !f.eq_ignore_ascii_case(team)));
        Some(Misnamed {
            rel: rel.to_owned(),
            period,
            team,
        })
    }

    /// The finding, with the name to use under `settings`.
    pub(crate) fn diagnostic(&self, settings: &Settings) -> Diagnostic {
        let name = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        let start = settings.fiscal_year_start_month;
        let (message, hint) = match self.period {
            Period::Quarter(year, number) => {
                let message = format!(
                    "`{name}` looks like a quarter file but is not named YYYY-QN.yaml, so it is not checked"
                );
                if (1..=4).contains(&number) {
                    (message, self.rename(&format!("{year:04}-Q{number}.yaml")))
                } else {
                    (
                        message,
                        format!(
                            "quarters are numbered 1 to 4: rename it to `{year:04}-QN.yaml` with N from 1 to 4"
                        ),
                    )
                }
            }
            Period::FiscalQuarter(year, number) => {
                let message = format!(
                    "`{name}` names a fiscal quarter but is not named YYYY-QN.yaml, so it is not checked"
                );
                if (1..=4).contains(&number) {
                    let quarter = Quarter {
                        year,
                        number: u8::try_from(number).unwrap_or(1),
                    };
                    let (first, last) = quarter.dates(start);
                    (
                        message,
                        format!(
                            "{}; okr names a fiscal year after the calendar year it ends in, so with `fiscal_year_start_month: {start}` in okr.yaml {quarter} runs from {first} to {last}; if FY{year} ends in another calendar year, name the file after that year",
                            self.rename(&format!("{quarter}.yaml"))
                        ),
                    )
                } else {
                    (
                        message,
                        format!(
                            "quarters are numbered 1 to 4: rename it to `{year:04}-QN.yaml` with N from 1 to 4"
                        ),
                    )
                }
            }
            Period::Year(year) => (
                format!(
                    "`{name}` looks like a yearly goals file, so it is not checked: okr has quarterly files only"
                ),
                self.split(&format!(
                    "split it into quarter files `{year:04}-Q1.yaml` to `{year:04}-Q4.yaml`"
                )),
            ),
            Period::Half(year, half) => (
                format!(
                    "`{name}` looks like a half-year goals file, so it is not checked: okr has quarterly files only"
                ),
                if half == 1 || half == 2 {
                    let first = half * 2 - 1;
                    self.split(&format!(
                        "split it into `{year:04}-Q{first}.yaml` and `{year:04}-Q{}.yaml`",
                        first + 1
                    ))
                } else {
                    "a year has halves 1 and 2: split the half into its two quarter files, `YYYY-QN.yaml`".to_owned()
                },
            ),
            Period::Month(year, month) => {
                let message = format!(
                    "`{name}` looks like a monthly goals file, so it is not checked: okr has quarterly files only"
                );
                let hint = match chrono::NaiveDate::from_ymd_opt(year, month, 1) {
                    Some(day) => {
                        let quarter = Quarter::containing(day, start);
                        self.split(&format!(
                            "put its goals in the quarter file `{quarter}.yaml` (with `fiscal_year_start_month: {start}`, {} is in {quarter})",
                            day.format("%B %Y")
                        ))
                    }
                    None => {
                        "put its goals in the quarter file of its month, `YYYY-QN.yaml`".to_owned()
                    }
                };
                (message, hint)
            }
        };
        Diagnostic::new(Code::L005, &self.rel, Span::FILE, message).hint(hint)
    }

    /// "rename it to `2026-Q4.yaml`", or the path to move it to when the
    /// name gives a team the folder does not.
    fn rename(&self, file: &str) -> String {
        match self.team_path(file) {
            Some(path) => format!(
                "move it to `{path}` in the goals folder: okr takes the team from the folder's name"
            ),
            None => format!("rename it to `{file}`"),
        }
    }

    /// `advice`, and where the team's files go when the name gives a team.
    fn split(&self, advice: &str) -> String {
        match self.team_path("") {
            Some(folder) => format!(
                "{advice}, in the folder `{folder}` of the goals folder: okr takes the team from the folder's name"
            ),
            None => advice.to_owned(),
        }
    }

    /// `file` in the team's folder, beside the folder the file is in
    /// (`okrs/growth-2026-Q4.yaml` -> `growth/2026-Q4.yaml`).
    fn team_path(&self, file: &str) -> Option<String> {
        let team = self.team.as_deref()?;
        let parent = self
            .rel
            .rsplit_once('/')
            .and_then(|(folder, _)| folder.rsplit_once('/'))
            .map(|(parent, _)| format!("{parent}/"))
            .unwrap_or_default();
        Some(format!("{parent}{team}/{file}"))
    }
}

/// The period `stem` names and the words beside it that are not generic,
/// or None when it names no period okr knows.
fn period(stem: &str) -> Option<(Period, Vec<&str>)> {
    // Runs of letters or of digits, split by separators; a name with other
    // characters is no period okr would guess at.
    let mut runs: Vec<&str> = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in stem.char_indices() {
        if c.is_ascii_alphanumeric() {
            let digit = c.is_ascii_digit();
            match start {
                Some((_, d)) if d == digit => {}
                Some((s, _)) => {
                    runs.push(&stem[s..i]);
                    start = Some((i, digit));
                }
                None => start = Some((i, digit)),
            }
        } else if matches!(c, '-' | '_' | ' ' | '.') {
            if let Some((s, _)) = start.take() {
                runs.push(&stem[s..i]);
            }
        } else {
            return None;
        }
    }
    if let Some((s, _)) = start {
        runs.push(&stem[s..]);
    }
    let number = |run: &str| run.parse::<u32>().ok();
    let (mut year, mut fiscal, mut quarter, mut half, mut month) = (None, false, None, None, None);
    let mut words = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let run = runs[i];
        let lower = run.to_ascii_lowercase();
        let next = runs
            .get(i + 1)
            .copied()
            .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        if run.starts_with(|c: char| c.is_ascii_digit()) {
            match (run.len(), year) {
                (4, None) => year = Some(i32::try_from(number(run)?).ok()?),
                // A month only right after the year: `2026-11`.
                (1 | 2, Some(_))
                    if i > 0
                        && month.is_none()
                        && quarter.is_none()
                        && half.is_none()
                        && runs[i - 1].len() == 4 =>
                {
                    month = Some(number(run).filter(|m| (1..=12).contains(m))?);
                }
                _ => return None,
            }
            i += 1;
            continue;
        }
        match (lower.as_str(), next) {
            ("q", Some(n)) if quarter.is_none() && n.len() <= 2 => quarter = Some(number(n)?),
            ("h", Some(n)) if half.is_none() && n.len() == 1 => half = Some(number(n)?),
            ("fy", Some(n)) if year.is_none() && (n.len() == 2 || n.len() == 4) => {
                let n = i32::try_from(number(n)?).ok()?;
                year = Some(if n < 100 { 2000 + n } else { n });
                fiscal = true;
            }
            _ => {
                if !GENERIC.contains(&lower.as_str()) {
                    words.push(run);
                }
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let year = year?;
    let period = match (quarter, half, month) {
        (Some(q), None, None) if fiscal => Period::FiscalQuarter(year, q),
        (Some(q), None, None) => Period::Quarter(year, q),
        (None, Some(h), None) => Period::Half(year, h),
        (None, None, Some(m)) if !fiscal => Period::Month(year, m),
        // A bare year is a yearly file only when nothing else names it:
        // `team-2026` may be anything.
        (None, None, None) if words.is_empty() => Period::Year(year),
        _ => return None,
    };
    Some((period, words))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(rel: &str, start: u32) -> Option<String> {
        let (stem, _) = rel.rsplit('/').next()?.rsplit_once('.')?;
        let mut settings = Settings::default();
        settings.fiscal_year_start_month = start;
        Misnamed::of(rel, stem).map(|m| m.diagnostic(&settings).hint.unwrap_or_default())
    }

    #[test]
    fn quarters_written_another_way_are_renamed() {
        for (rel, expected) in [
            ("2026-q4.yaml", "rename it to `2026-Q4.yaml`"),
            ("Q4-2026.yaml", "rename it to `2026-Q4.yaml`"),
            ("2026Q4.yml", "rename it to `2026-Q4.yaml`"),
            ("q4-2026.yml", "rename it to `2026-Q4.yaml`"),
            ("sales/2026-Q4-sales.yaml", "rename it to `2026-Q4.yaml`"),
            ("sales/okrs-2026-Q4.yaml", "rename it to `2026-Q4.yaml`"),
            ("quarterly-2026-q4-plan.yaml", "rename it to `2026-Q4.yaml`"),
        ] {
            assert_eq!(hint(rel, 1).as_deref(), Some(expected), "{rel}");
        }
        assert!(hint("2026-Q5.yaml", 1).is_some_and(|h| h.contains("1 to 4")));
    }

    #[test]
    fn a_team_in_the_name_becomes_the_folder() {
        assert_eq!(
            hint("okrs/growth-2026-Q4.yaml", 1).as_deref(),
            Some(
                "move it to `growth/2026-Q4.yaml` in the goals folder: okr takes the team from the folder's name"
            )
        );
        assert!(
            hint("growth-2026-Q4.yaml", 1).is_some_and(|h| h.contains("`growth/2026-Q4.yaml`"))
        );
        assert!(
            hint("teams/x/team-a-2026-Q4.yaml", 1)
                .is_some_and(|h| h.contains("`teams/team-a/2026-Q4.yaml`"))
        );
    }

    #[test]
    fn a_fiscal_quarter_says_which_dates_it_is() {
        let h = hint("FY26-Q4.yaml", 7).unwrap_or_default();
        assert!(h.starts_with("rename it to `2026-Q4.yaml`"), "{h}");
        assert!(h.contains("2026-04-01 to 2026-06-30"), "{h}");
        let h = hint("FY2026-Q4.yaml", 1).unwrap_or_default();
        assert!(h.contains("2026-10-01 to 2026-12-31"), "{h}");
    }

    #[test]
    fn other_periods_say_okr_has_quarterly_files() {
        assert_eq!(
            hint("2027.yaml", 1).as_deref(),
            Some("split it into quarter files `2027-Q1.yaml` to `2027-Q4.yaml`")
        );
        assert_eq!(
            hint("2026-H2.yaml", 1).as_deref(),
            Some("split it into `2026-Q3.yaml` and `2026-Q4.yaml`")
        );
        let h = hint("monthly/2026-11.yaml", 1).unwrap_or_default();
        assert!(
            h.contains("`2026-Q4.yaml`") && h.contains("November 2026"),
            "{h}"
        );
        let h = hint("2026-11.yaml", 7).unwrap_or_default();
        assert!(h.contains("`2027-Q2.yaml`"), "{h}");
    }

    #[test]
    fn names_that_are_something_else_are_not_periods() {
        for stem in [
            "notes",
            "team-2026",
            "q4",
            "20261-Q4",
            "docker-compose",
            "mkdocs",
            "okr.schema",
            "quarter.schema",
            "values-v2",
            "2026-11-05",
            "2026-13",
            "release-2026",
            "s3-config",
        ] {
            assert_eq!(period(stem), None, "{stem}");
        }
    }
}
