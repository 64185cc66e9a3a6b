//! The axes of the burn-up charts: a value scale that cannot overflow or
//! turn NaN whatever numbers a goals file holds, round tick values, short
//! labels, and the dates to label.

use chrono::{Datelike, Months, NaiveDate};

use super::super::number;

/// The grid, axis and label greys every chart over dates uses.
pub(super) const GRID: &str = "#E3E6EA";
pub(super) const AXIS: &str = "#9AA3AE";
pub(super) const LABEL: &str = "#5B6573";

/// A linear value axis over the values to draw, with a little room above
/// and below. Computed in halves so that no difference of two finite
/// numbers overflows to infinity, and never NaN.
pub(super) struct Scale {
    lo: f64,
    hi: f64,
}

impl Scale {
    pub(super) fn covering(values: &[f64]) -> Scale {
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let lo = finite.clone().fold(f64::INFINITY, f64::min);
        let hi = finite.fold(f64::NEG_INFINITY, f64::max);
        if !(lo.is_finite() && hi.is_finite()) {
            return Scale { lo: 0.0, hi: 1.0 };
        }
        let half = hi * 0.5 - lo * 0.5;
        let pad = if half > 0.0 {
            half * 0.16
        } else {
            (lo.abs() * 0.1).max(1.0)
        };
        let (a, b) = (lo - pad, hi + pad);
        if a.is_finite() && b.is_finite() && a < b {
            Scale { lo: a, hi: b }
        } else {
            Scale { lo, hi }
        }
    }

    /// Where `v` falls, 0 at the bottom to 1 at the top.
    pub(super) fn at(&self, v: f64) -> f64 {
        let half = self.hi * 0.5 - self.lo * 0.5;
        let t = (v * 0.5 - self.lo * 0.5) / half;
        if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.5
        }
    }

    /// Round values (1, 2 or 5 times a power of ten apart, 3 to 7 of them)
    /// inside the axis; its two ends when the range allows no such steps.
    pub(super) fn ticks(&self) -> Vec<f64> {
        let ends = || {
            if self.lo < self.hi {
                vec![self.lo, self.hi]
            } else {
                vec![self.lo]
            }
        };
        let half = self.hi * 0.5 - self.lo * 0.5;
        if !(half > 0.0 && half.is_finite()) {
            return ends();
        }
        let rough = half / 3.0;
        let power = 10f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * power)
            .find(|s| *s >= rough)
            .unwrap_or(10.0 * power);
        let (first, last) = ((self.lo / step).ceil(), (self.hi / step).floor());
        if !(step > 0.0 && first.is_finite() && last.is_finite()) || last < first {
            return ends();
        }
        let count = last - first;
        if count > 8.0 {
            return ends();
        }
        (0..=count as usize)
            .map(|i| (first + i as f64) * step)
            .collect()
    }
}

/// An axis label: short forms from ten thousand on (`15k`, `3M`).
pub(super) fn compact(v: f64) -> String {
    let a = v.abs();
    let (scaled, suffix) = if a >= 1e12 {
        return format!("{v:.1e}");
    } else if a >= 1e9 {
        (v / 1e9, "G")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e4 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let text = if a > 0.0 && a < 1e-3 {
        format!("{v:.1e}")
    } else {
        number(scaled)
    };
    format!("{text}{suffix}")
}

/// Dates to label: the ends, and the first of each month between them when
/// there are at most four.
pub(super) fn date_ticks(d0: NaiveDate, d1: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut next = d0
        .with_day(1)
        .and_then(|d| d.checked_add_months(Months::new(1)));
    while let Some(d) = next.filter(|d| *d < d1) {
        months.push(d);
        if months.len() > 4 {
            months.clear();
            break;
        }
        next = d.checked_add_months(Months::new(1));
    }
    // A month start a few days from an end would print over its label.
    months.retain(|d| (*d - d0).num_days() > 12 && (d1 - *d).num_days() > 12);
    let mut ticks = vec![d0];
    ticks.extend(months);
    if d1 > d0 {
        ticks.push(d1);
    }
    ticks
}

/// The axes of a chart over dates, in its plot area `x0..x1` above the
/// baseline `y1`: a grid line and a label per value tick (`ticks`: the
/// y of each and its label), and the baseline with a tick and a date per
/// date tick from `d0` to `d1` (`x` places a date). Burn-ups and measure
/// histories draw them alike.
pub(super) fn axes(
    page: &mut super::Page,
    (x0, x1, y1): (f64, f64, f64),
    ticks: &[(f64, String)],
    (d0, d1): (NaiveDate, NaiveDate),
    x: impl Fn(NaiveDate) -> f64,
) {
    use std::fmt::Write as _;
    page.push("<g class=\"y-axis\">\n");
    for (at, label) in ticks {
        let _ = writeln!(
            page.out,
            "<line x1=\"{x0:.1}\" y1=\"{at:.1}\" x2=\"{x1:.1}\" y2=\"{at:.1}\" stroke=\"{GRID}\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{LABEL}\">{}</text>",
            x0 - 5.0,
            at + 3.5,
            crate::render::text::html(label)
        );
    }
    page.push("</g>\n<g class=\"x-axis\">\n");
    let _ = writeln!(
        page.out,
        "<line x1=\"{x0:.1}\" y1=\"{y1:.1}\" x2=\"{x1:.1}\" y2=\"{y1:.1}\" stroke=\"{AXIS}\"/>"
    );
    let dates = date_ticks(d0, d1);
    let same_year = d0.year() == d1.year();
    for (i, d) in dates.iter().enumerate() {
        let anchor = match i {
            0 => "start",
            i if i + 1 == dates.len() => "end",
            _ => "middle",
        };
        let label = if same_year {
            d.format("%b %-d").to_string()
        } else {
            d.to_string()
        };
        let at = x(*d);
        let _ = writeln!(
            page.out,
            "<line x1=\"{at:.1}\" y1=\"{y1:.1}\" x2=\"{at:.1}\" y2=\"{:.1}\" stroke=\"{AXIS}\"/>\n<text x=\"{at:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"{LABEL}\">{label}</text>",
            y1 + 4.0,
            y1 + 16.0
        );
    }
    page.push("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn scales_never_overflow_or_produce_nan() {
        let s = Scale::covering(&[7.0, 3.0, 4.1]);
        assert!(s.at(3.0) < s.at(7.0));
        assert_eq!(s.ticks(), vec![3.0, 4.0, 5.0, 6.0, 7.0]);
        for values in [
            vec![f64::MAX, -f64::MAX],
            vec![1e-300, 2e-300],
            vec![5.0],
            vec![],
            vec![f64::NAN, 1.0],
        ] {
            let s = Scale::covering(&values);
            for v in values.iter().chain(&s.ticks()) {
                assert!(s.at(*v).is_finite(), "{values:?}");
            }
            assert!(s.ticks().len() <= 9);
        }
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(compact(3_000_000.0), "3M");
        assert_eq!(compact(1_500_000.0), "1.5M");
        assert_eq!(compact(15_000.0), "15k");
        assert_eq!(compact(4.1), "4.1");
        assert_eq!(compact(-2.0), "-2");
        assert_eq!(
            date_ticks(date(2026, 10, 1), date(2026, 12, 31)),
            vec![
                date(2026, 10, 1),
                date(2026, 11, 1),
                date(2026, 12, 1),
                date(2026, 12, 31)
            ]
        );
        assert_eq!(
            date_ticks(date(2020, 1, 1), date(2026, 12, 31)),
            vec![date(2020, 1, 1), date(2026, 12, 31)]
        );
    }
}
