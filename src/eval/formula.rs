//! The values of calculated measures at dates. At a date a formula reads
//! each input's value at that date (as `strategy::own_value` defines it, or
//! the input's own formula); its history dates are the union of its inputs'
//! history dates at which it has a value. Results are memoized per measure
//! and date, so a chain of formulas costs one evaluation per node, and a
//! measure met again on its own evaluation path is a cycle, never a loop.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDate;

use super::strategy::own_value;
use crate::model::formula::{Expr, Op};
use crate::model::{Measure, Strategy};

/// A formula's result at a date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Outcome {
    Value(f64),
    /// An input has no value at the date (or the result overflows).
    Missing,
    /// A divisor is zero at the date: unscored, never NaN or infinity.
    DividesByZero,
    /// It does not parse, names an unknown measure or is part of a cycle
    /// (B017, B018): it has no value at any date.
    Broken,
}

impl Outcome {
    pub(crate) fn value(self) -> Option<f64> {
        match self {
            Outcome::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// The scorecard's measures by id, and what has been computed of them.
pub(crate) struct Values<'a> {
    by_id: HashMap<&'a str, &'a Measure>,
    memo: RefCell<HashMap<(&'a str, NaiveDate), Outcome>>,
    dates: RefCell<HashMap<&'a str, Rc<Vec<NaiveDate>>>>,
    /// The formulas being evaluated: met again, one is part of a cycle.
    busy: RefCell<HashSet<&'a str>>,
}

impl<'a> Values<'a> {
    pub(crate) fn new(strategy: &'a Strategy) -> Values<'a> {
        let mut by_id = HashMap::new();
        for m in strategy
            .perspectives
            .iter()
            .flat_map(|p| &p.objectives)
            .flat_map(|o| &o.measures)
        {
            // A duplicate id is O005; the first keeps it.
            by_id.entry(&*m.id.value).or_insert(m);
        }
        Values {
            by_id,
            memo: RefCell::default(),
            dates: RefCell::default(),
            busy: RefCell::default(),
        }
    }

    /// Measure `id`'s value at `date`.
    pub(crate) fn value(&self, id: &str, date: NaiveDate) -> Outcome {
        let Some((&key, &m)) = self.by_id.get_key_value(id) else {
            return Outcome::Broken;
        };
        let Some(formula) = &m.formula else {
            return own_value(m, date).map_or(Outcome::Missing, |(v, _, _)| Outcome::Value(v));
        };
        if let Some(&known) = self.memo.borrow().get(&(key, date)) {
            return known;
        }
        if !self.busy.borrow_mut().insert(key) {
            return Outcome::Broken;
        }
        let outcome = match &formula.expr {
            Ok(expr) => self.eval(expr, date),
            Err(_) => Outcome::Broken,
        };
        self.busy.borrow_mut().remove(key);
        self.memo.borrow_mut().insert((key, date), outcome);
        outcome
    }

    /// Formula `expr` at `date`, its inputs taken from this scorecard (for
    /// `okr diff`, which scores an old formula on new data).
    pub(crate) fn eval(&self, expr: &Expr, date: NaiveDate) -> Outcome {
        match expr {
            Expr::Number(n) => Outcome::Value(*n),
            Expr::Measure(id, _) => self.value(id, date),
            Expr::Neg(e) => match self.eval(e, date) {
                Outcome::Value(v) => Outcome::Value(-v),
                other => other,
            },
            Expr::Binary(op, l, r) => {
                let (l, r) = (self.eval(l, date), self.eval(r, date));
                let (a, b) = match (l, r) {
                    (Outcome::Value(a), Outcome::Value(b)) => (a, b),
                    (Outcome::Broken, _) | (_, Outcome::Broken) => return Outcome::Broken,
                    (Outcome::DividesByZero, _) | (_, Outcome::DividesByZero) => {
                        return Outcome::DividesByZero;
                    }
                    _ => return Outcome::Missing,
                };
                let v = match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div if b == 0.0 => return Outcome::DividesByZero,
                    Op::Div => a / b,
                };
                if v.is_finite() {
                    Outcome::Value(v)
                } else {
                    Outcome::Missing
                }
            }
        }
    }

    /// Measure `id`'s history dates, oldest first: its own, or for a
    /// formula the union of its inputs' at which it has a value.
    pub(crate) fn dates(&self, id: &str) -> Rc<Vec<NaiveDate>> {
        let Some((&key, &m)) = self.by_id.get_key_value(id) else {
            return Rc::default();
        };
        let Some(formula) = &m.formula else {
            let own: BTreeSet<NaiveDate> = m.history.iter().map(|h| h.date.value).collect();
            return Rc::new(own.into_iter().collect());
        };
        if let Some(known) = self.dates.borrow().get(key) {
            return Rc::clone(known);
        }
        if !self.busy.borrow_mut().insert(key) {
            return Rc::default();
        }
        let mut union = BTreeSet::new();
        if let Ok(expr) = &formula.expr {
            for (input, _) in expr.measures() {
                union.extend(self.dates(input).iter().copied());
            }
        }
        self.busy.borrow_mut().remove(key);
        let dates: Rc<Vec<NaiveDate>> = Rc::new(
            union
                .into_iter()
                .filter(|d| matches!(self.value(id, *d), Outcome::Value(_)))
                .collect(),
        );
        self.dates.borrow_mut().insert(key, Rc::clone(&dates));
        dates
    }

    /// A formula measure's history: its dates on or before `as_of`, with
    /// its value at each.
    pub(crate) fn history(&self, id: &str, as_of: NaiveDate) -> Vec<(NaiveDate, f64)> {
        self.dates(id)
            .iter()
            .filter(|d| **d <= as_of)
            .filter_map(|d| self.value(id, *d).value().map(|v| (*d, v)))
            .collect()
    }
}
