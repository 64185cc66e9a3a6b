//! A rule's code as a type, so a mistyped code does not compile and every
//! finding names a rule that exists. The `codes!` list below is the one place
//! the codes are written; the table in `catalog.rs` gives each its rule in the
//! same order, and an assertion there, evaluated when okr is compiled, stops
//! the build if the two drift. That is why `Code::rule` is an index that
//! cannot fail. Everything shown to a user, and everything a user writes
//! (okr.yaml `rules:`, `okr rules CODE`), is the code's text, e.g. `O014`.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::{Family, RULES, Rule};

macro_rules! codes {
    ($($code:ident)*) => {
        /// The stable code of a rule, e.g. `O014`: one variant for each row
        /// of [`RULES`], in the table's order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($code,)*
        }

        impl Code {
            /// Every code, in the order of the rule table.
            pub(crate) const ALL: &[Code] = &[$(Code::$code,)*];

            /// The code as it is written in output and in okr.yaml: `"O014"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }
        }
    };
}

codes! {
    L001 L002 L003 L004 L005 L006 L007 L008
    O001 O002 O003 O004 O005 O006 O007 O008 O009 O010 O011 O012 O013 O014 O015 O016 O017
    B001 B002 B003 B004 B005 B006 B007 B008 B009 B010 B011 B012 B013 B014 B015 B016 B017 B018 B019
}

impl Code {
    /// Its row in [`RULES`]; also the rule's index in SARIF output.
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// Everything okr knows about this rule.
    pub(crate) fn rule(self) -> &'static Rule {
        &RULES[self.index()]
    }

    /// Which stage reports this rule.
    pub(crate) fn family(self) -> Family {
        self.rule().family
    }

    /// Whether the finding comes from finding and loading files: a file with
    /// such a finding was not (fully) read, so nothing else about it can be
    /// trusted.
    pub fn is_loading(self) -> bool {
        self.family() == Family::Loading
    }

    /// The rule a user names, by code in any case (`o008`) or by its
    /// kebab-case name exactly (`stale-checkin`), as okr.yaml `rules:` and
    /// `okr rules CODE` accept.
    pub(crate) fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text) || c.rule().name == text)
    }
}

/// Codes sort as their text (`B001` < `L001` < `O001`), so findings sorted
/// by code come out in the same order as when codes were strings.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serialized as its text, `"O014"`, so JSON, SARIF and diff output read as
/// they always have.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Text that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no rule `{0}`")]
pub struct UnknownRule(pub String);

impl FromStr for Code {
    type Err = UnknownRule;

    /// As [`Code::parse`].
    fn from_str(text: &str) -> Result<Code, UnknownRule> {
        Code::parse(text).ok_or_else(|| UnknownRule(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_its_rules_code_and_parses_back() {
        assert_eq!(Code::ALL.len(), RULES.len());
        for &code in Code::ALL {
            assert_eq!(code.rule().code, code);
            assert_eq!(Code::parse(code.as_str()), Some(code));
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(code));
            assert_eq!(Code::parse(code.rule().name), Some(code));
        }
    }

    #[test]
    fn loading_codes_are_the_l_codes() {
        for &code in Code::ALL {
            assert_eq!(code.is_loading(), code.as_str().starts_with('L'), "{code}");
        }
    }

    #[test]
    fn names_match_exactly_and_unknown_text_is_an_error() {
        assert_eq!("stale-checkin".parse(), Ok(Code::O014));
        assert_eq!(Code::parse("Stale-Checkin"), None);
        assert_eq!(Code::parse("O099"), None);
        assert_eq!(Code::parse(""), None);
        assert_eq!("O099".parse::<Code>(), Err(UnknownRule("O099".to_owned())));
    }

    #[test]
    fn codes_sort_and_serialize_as_their_text() {
        assert!(Code::B012 < Code::L001 && Code::L008 < Code::O001);
        assert_eq!(
            serde_json::to_string(&[Code::O014, Code::B007]).ok(),
            Some(r#"["O014","B007"]"#.to_owned())
        );
    }
}
