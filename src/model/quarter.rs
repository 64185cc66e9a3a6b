//! Quarters and their calendar dates. A fiscal year is named after the
//! calendar year it ends in: with `fiscal_year_start_month: 2`, FY2020 runs
//! 2019-02-01..2020-01-31 and 2020-Q2 is 2019-05-01..2019-07-31.

use chrono::{Datelike, Months, NaiveDate};
use std::fmt;

/// A fiscal quarter such as 2026-Q4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    pub number: u8,
}

impl Quarter {
    /// Parses exactly `YYYY-QN` with N in 1..=4.
    pub fn parse(text: &str) -> Option<Quarter> {
        let bytes = text.as_bytes();
        if bytes.len() != 7 || bytes[4] != b'-' || bytes[5] != b'Q' {
            return None;
        }
        if !bytes[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let year = text[..4].parse().ok()?;
        let number = match bytes[6] {
            b @ b'1'..=b'4' => b - b'0',
            _ => return None,
        };
        Some(Quarter { year, number })
    }

    /// First and last day of the quarter, for a fiscal year starting in
    /// `start_month` (1-12).
    pub fn dates(self, start_month: u32) -> (NaiveDate, NaiveDate) {
        let start_month = start_month.clamp(1, 12);
        // FY `year` ends in calendar `year`, so it starts in `year - 1` unless it starts in January.
        let fy_start_year = if start_month == 1 {
            self.year
        } else {
            self.year - 1
        };
        let fy_start =
            NaiveDate::from_ymd_opt(fy_start_year, start_month, 1).unwrap_or(NaiveDate::MIN);
        let offset = Months::new(3 * (u32::from(self.number) - 1));
        let start = fy_start
            .checked_add_months(offset)
            .unwrap_or(NaiveDate::MIN);
        let end = start
            .checked_add_months(Months::new(3))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        (start, end)
    }

    /// The quarter containing `date`.
    pub(crate) fn containing(date: NaiveDate, start_month: u32) -> Quarter {
        let start_month = start_month.clamp(1, 12);
        let months_into_fy = (date.month() + 12 - start_month) % 12;
        let fy_start_calendar_year = if date.month() >= start_month {
            date.year()
        } else {
            date.year() - 1
        };
        let year = if start_month == 1 {
            fy_start_calendar_year
        } else {
            fy_start_calendar_year + 1
        };
        Quarter {
            year,
            number: u8::try_from(months_into_fy / 3 + 1).unwrap_or(1),
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    fn q(text: &str) -> Quarter {
        Quarter::parse(text).unwrap_or(Quarter { year: 0, number: 1 })
    }

    #[test]
    fn calendar_quarters() {
        assert_eq!(
            q("2026-Q4").dates(1),
            (date("2026-10-01"), date("2026-12-31"))
        );
        assert_eq!(
            q("2026-Q1").dates(1),
            (date("2026-01-01"), date("2026-03-31"))
        );
    }

    #[test]
    fn fiscal_year_is_named_after_the_year_it_ends_in() {
        assert_eq!(
            q("2020-Q1").dates(2),
            (date("2019-02-01"), date("2019-04-30"))
        );
        assert_eq!(
            q("2020-Q2").dates(2),
            (date("2019-05-01"), date("2019-07-31"))
        );
        assert_eq!(
            q("2020-Q4").dates(2),
            (date("2019-11-01"), date("2020-01-31"))
        );
        assert_eq!(
            q("2027-Q1").dates(7),
            (date("2026-07-01"), date("2026-09-30"))
        );
    }

    #[test]
    fn containing_inverts_dates() {
        for month in 1..=12 {
            for text in [
                "2019-02-01",
                "2020-01-31",
                "2026-06-15",
                "2026-12-31",
                "2027-01-01",
            ] {
                let d = date(text);
                let quarter = Quarter::containing(d, month);
                let (start, end) = quarter.dates(month);
                assert!(start <= d && d <= end, "{text} month {month}: {quarter}");
            }
        }
    }

    #[test]
    fn only_exact_names_parse() {
        assert_eq!(
            Quarter::parse("2026-Q4"),
            Some(Quarter {
                year: 2026,
                number: 4
            })
        );
        for bad in [
            "2026-q4", "2026-Q5", "2026-Q0", "Q4-2026", "26-Q4", "2026Q4", "2026-Q44",
        ] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
    }
}
