//! The rule table and the rule families. One static table (`catalog::RULES`)
//! is the single source for rule selection, `okr rules`, docs/rules.md and the
//! tests that every rule is documented and has fixtures. A rule is named by
//! its `Code` (code.rs), which reaches its row in the table without a search
//! that could fail.

mod catalog;
mod code;
mod formula;
mod measures;
mod okr;
mod strategy;
mod wording;

pub use catalog::RULES;
pub use code::{Code, UnknownRule};

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::Evaluation;
use crate::input::load::Loaded;
use crate::model::{Number, Repository};

/// Which stage reports a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Reported while files are found and loaded.
    Loading,
    /// Rules over a team's quarter of OKRs.
    Okr,
    /// Rules over the Balanced Scorecard in strategy.yaml.
    Strategy,
}

impl Family {
    pub(crate) fn title(self) -> &'static str {
        match self {
            Family::Loading => "Loading and structure",
            Family::Okr => "OKR rules",
            Family::Strategy => "Balanced Scorecard rules",
        }
    }
}

/// Everything okr knows about one rule. Codes are stable and never reused.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `O002`.
    pub code: Code,
    /// Kebab-case name, e.g. `key-result-count`.
    pub name: &'static str,
    pub family: Family,
    /// Default severity; okr.yaml `rules:` overrides it.
    pub severity: Severity,
    /// One line for `okr rules` and the rules table.
    pub summary: &'static str,
    /// What it checks, precisely (Markdown).
    pub what: &'static str,
    /// Why it matters, citing the framework source (Markdown).
    pub why: &'static str,
    /// A YAML snippet that triggers the rule.
    pub example: &'static str,
    /// How to fix a finding (Markdown).
    pub fix: &'static str,
}

/// What every rule may look at.
pub(crate) struct Context<'a> {
    pub repository: &'a Repository,
    /// "Today" for date rules: `--as-of`, else the local date.
    pub as_of: NaiveDate,
    /// The state of the goals at `as_of`: date rules read it, never recompute it.
    pub eval: &'a Evaluation<'a>,
}

/// Runs the OKR and Balanced Scorecard rules over an evaluated repository.
/// Findings carry default severities; the caller applies the configured ones.
pub fn check(eval: &Evaluation<'_>) -> Vec<Diagnostic> {
    let repository = eval.repository;
    let ctx = Context {
        repository,
        as_of: eval.as_of,
        eval,
    };
    let mut out = Vec::new();
    okr::check(&ctx, &mut out);
    strategy::check(&ctx, &mut out);
    crate::diagnostic::locate_all(&mut out, |path| repository.sources.get(path));
    out
}

/// How many findings of one file with the same rule and the same message
/// are listed; the rest are counted in one more finding at the first of
/// them. Repeats add nothing a reader can act on, and YAML aliases can
/// replay one bad check-in thousands of times from a few bytes each, which
/// would flood a CI log or a SARIF upload (docs/security.md).
pub(crate) const MAX_REPEATS: usize = 10;

/// Every finding of a loaded repository: loading findings, then the rules
/// over its evaluation (unless okr.yaml is invalid), with the configured
/// severities, `off` ones removed, sorted by path and position, and at most
/// [`MAX_REPEATS`] of the same rule and message in one file.
pub fn findings(loaded: &Loaded, eval: &Evaluation<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = loaded.diagnostics.clone();
    if !loaded.config_invalid {
        diagnostics.extend(check(eval));
    }
    let settings = &loaded.repository.settings;
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            // An invalid okr.yaml is reported as written, whatever it says about severities.
            if !loaded.config_invalid {
                d.severity = settings.severity(d.code);
            }
            (d.severity != Severity::Off).then_some(d)
        })
        .collect();
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept.dedup();
    without_repeats(kept)
}

/// `sorted` with the findings past the [`MAX_REPEATS`]th of the same file,
/// rule and message folded into one finding that says how many there are.
fn without_repeats(sorted: Vec<Diagnostic>) -> Vec<Diagnostic> {
    type Key = (String, Code, String);
    let key = |d: &Diagnostic| (d.path.clone(), d.code, d.message.clone());
    // For each file, rule and message: how many there are, and how many seen.
    let mut counts: std::collections::HashMap<Key, (usize, usize)> =
        std::collections::HashMap::new();
    for d in &sorted {
        counts.entry(key(d)).or_default().0 += 1;
    }
    if counts.values().all(|&(total, _)| total <= MAX_REPEATS) {
        return sorted;
    }
    let mut out = Vec::with_capacity(sorted.len());
    for mut d in sorted {
        let (total, seen) = counts.entry(key(&d)).or_default();
        *seen += 1;
        if *seen <= MAX_REPEATS {
            out.push(d);
        } else if *seen == MAX_REPEATS + 1 {
            let more = *total - MAX_REPEATS;
            d.message = format!(
                "{more} more finding{} like this in this file: {}",
                if more == 1 { "" } else { "s" },
                d.message
            );
            d.hint = Some(format!(
                "okr lists the same finding at most {MAX_REPEATS} times a file; fix the ones listed (often one YAML anchor replayed by its aliases) and run okr check again"
            ));
            out.push(d);
        }
    }
    out
}

/// O012: a weight must be a positive, finite number.
pub(crate) fn check_weight(
    path: &str,
    weight: Number,
    what: &str,
    id: &str,
    out: &mut Vec<Diagnostic>,
) {
    if !(weight.value > 0.0 && weight.value.is_finite()) {
        out.push(
            Diagnostic::new(
                Code::O012,
                path,
                weight.span,
                format!(
                    "{what} `{id}` has weight {}; weights must be greater than 0",
                    weight.value
                ),
            )
            .hint("use a positive weight, or remove `weight` for the default of 1"),
        );
    }
}

/// O012: NaN and infinities make every score meaningless.
pub(crate) fn non_finite(
    path: &str,
    number: Option<Number>,
    field: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(n) = number
        && !n.value.is_finite()
    {
        out.push(
            Diagnostic::new(
                Code::O012,
                path,
                n.span,
                format!("`{field}` is {}, not a finite number", n.value),
            )
            .hint("write a finite number"),
        );
    }
}

/// The first of `words` that `title` starts with, as a whole word, ignoring case.
pub(crate) fn starts_with_word<'w>(title: &str, words: &'w [String]) -> Option<&'w str> {
    let title = title.trim_start().to_lowercase();
    words
        .iter()
        .find(|w| {
            title.strip_prefix(w.as_str()).is_some_and(|rest| {
                !w.is_empty() && !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-')
            })
        })
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_rules_documented() {
        // Codes are unique by construction: see the end of catalog.rs.
        let mut names = HashSet::new();
        for r in RULES {
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            for (field, text) in [
                ("summary", r.summary),
                ("what", r.what),
                ("why", r.why),
                ("example", r.example),
                ("fix", r.fix),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {field}", r.code);
            }
        }
    }

    #[test]
    fn whole_words_only() {
        let words = vec!["support".to_owned(), "work on".to_owned()];
        assert_eq!(
            starts_with_word("Support the sales team", &words),
            Some("support")
        );
        assert_eq!(
            starts_with_word("work on onboarding", &words),
            Some("work on")
        );
        assert_eq!(starts_with_word("Supported browsers reach 5", &words), None);
        assert_eq!(
            starts_with_word("Support-ticket backlog down to 50", &words),
            None
        );
    }
}
