//! Calculated measures: the `formula:` of a measure, e.g.
//! `opex / adjusted_discharges`, parsed into an expression over numbers and
//! measure ids with `+ - * /`, parentheses and unary minus. A small
//! recursive-descent parser, so a finding can name the column at fault and
//! nothing in a goal file is ever run as code. Evaluation is in
//! `eval::formula`.

use crate::model::Text;

/// Nesting deeper than this is refused: a fork's `((((...` must not
/// overflow the stack.
const MAX_DEPTH: usize = 64;

/// A measure's `formula:` as written, and what it parsed to.
#[derive(Debug, Clone)]
pub struct Formula {
    pub text: Text,
    pub expr: Result<Expr, ParseError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    /// A measure id, with its 1-based character column in the formula.
    Measure(Box<str>, usize),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// Why a formula does not parse, at a 1-based character column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub column: usize,
    pub message: String,
}

impl Expr {
    /// The measure ids it refers to, with their columns, in written order.
    pub(crate) fn measures(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            match e {
                Expr::Number(_) => {}
                Expr::Measure(id, column) => out.push((&**id, *column)),
                Expr::Neg(e) => stack.push(e),
                Expr::Binary(_, l, r) => {
                    stack.push(r);
                    stack.push(l);
                }
            }
        }
        out
    }
}

/// Parses a whole formula.
pub(crate) fn parse(text: &str) -> Result<Expr, ParseError> {
    let mut p = Parser {
        chars: text.chars().collect(),
        at: 0,
        depth: 0,
    };
    let expr = p.sum()?;
    p.skip_spaces();
    match p.peek() {
        None => Ok(expr),
        Some(c) => Err(p.error(format!("unexpected `{c}`, expected an operator"))),
    }
}

struct Parser {
    chars: Vec<char>,
    /// Index of the next character.
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn error(&self, message: String) -> ParseError {
        ParseError {
            column: self.at + 1,
            message,
        }
    }

    /// sum = product (('+' | '-') product)*
    fn sum(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.product()?;
        loop {
            self.skip_spaces();
            let op = match self.peek() {
                Some('+') => Op::Add,
                Some('-') => Op::Sub,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Binary(op, Box::new(left), Box::new(self.product()?));
        }
    }

    /// product = unary (('*' | '/') unary)*
    fn product(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        loop {
            self.skip_spaces();
            let op = match self.peek() {
                Some('*') => Op::Mul,
                Some('/') => Op::Div,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    /// unary = '-' unary | primary; every level counts toward the depth.
    fn unary(&mut self) -> Result<Expr, ParseError> {
        self.skip_spaces();
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!("nested more than {MAX_DEPTH} deep")));
        }
        self.depth += 1;
        let expr = if self.peek() == Some('-') {
            self.at += 1;
            self.unary().map(|e| Expr::Neg(Box::new(e)))
        } else {
            self.primary()
        };
        self.depth -= 1;
        expr
    }

    /// primary = number | measure id | '(' sum ')'
    fn primary(&mut self) -> Result<Expr, ParseError> {
        let start = self.at;
        match self.peek() {
            Some('(') => {
                self.at += 1;
                let inner = self.sum()?;
                self.skip_spaces();
                if self.peek() != Some(')') {
                    return Err(self.error("missing `)`".to_owned()));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '_')
                {
                    self.at += 1;
                }
                let written: String = self.chars[start..self.at]
                    .iter()
                    .filter(|c| **c != '_')
                    .collect();
                match written.parse::<f64>() {
                    Ok(n) if n.is_finite() => Ok(Expr::Number(n)),
                    _ => Err(ParseError {
                        column: start + 1,
                        message: format!("`{written}` is not a number"),
                    }),
                }
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                while self
                    .peek()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    self.at += 1;
                }
                let id: String = self.chars[start..self.at].iter().collect();
                Ok(Expr::Measure(id.into(), start + 1))
            }
            Some(c) => Err(self.error(format!(
                "unexpected `{c}`, expected a number, a measure id or `(`"
            ))),
            None => Err(self.error("the formula ends too early".to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(id: &str, column: usize) -> Box<Expr> {
        Box::new(Expr::Measure(id.into(), column))
    }

    #[test]
    fn precedence_parentheses_and_unary_minus() {
        assert_eq!(
            parse("opex / adjusted_discharges"),
            Ok(Expr::Binary(
                Op::Div,
                measure("opex", 1),
                measure("adjusted_discharges", 8)
            ))
        );
        // a - b * 2 is a - (b * 2); -(a + b) negates the sum.
        let e = parse("a - b * 2").expect("parses");
        assert!(
            matches!(e, Expr::Binary(Op::Sub, _, ref r) if matches!(**r, Expr::Binary(Op::Mul, _, _)))
        );
        let e = parse("-(a + b) / 1_000").expect("parses");
        assert!(matches!(e, Expr::Binary(Op::Div, ref l, ref r)
            if matches!(**l, Expr::Neg(_)) && **r == Expr::Number(1000.0)));
        assert_eq!(
            e.measures(),
            vec![("a", 3), ("b", 7)],
            "ids in written order with their columns"
        );
    }

    #[test]
    fn errors_name_the_column() {
        let at = |text: &str| parse(text).map_err(|e| e.column);
        assert_eq!(at("arr / "), Err(7));
        assert_eq!(at("arr // customers"), Err(6));
        assert_eq!(at("(arr / customers"), Err(17));
        assert_eq!(at("arr customers"), Err(5));
        assert_eq!(at("1.2.3 * arr"), Err(1));
        assert_eq!(at("arr $ 2"), Err(5));
        assert_eq!(at(""), Err(1));
        // Columns count characters, not bytes.
        assert_eq!(at("é / ?"), Err(5));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse(&deep).is_err());
        assert!(parse(&"-".repeat(100_000)).is_err());
        let fine = format!("{}1{}", "(".repeat(30), ")".repeat(30));
        assert_eq!(parse(&fine), Ok(Expr::Number(1.0)));
    }
}
