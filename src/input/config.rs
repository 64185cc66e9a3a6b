//! okr.yaml: parse, then validate once into `Settings` the rest of the code
//! can trust. Anything contradictory is an L008 finding at the offending key.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::input::raw;
use crate::input::read::{self, Fraction, Spanned};
use crate::input::yaml;
use crate::rules::{Code, RULES};

/// The default perspectives of a Balanced Scorecard, top of the strategy map first.
pub(crate) const DEFAULT_PERSPECTIVES: [&str; 4] =
    ["financial", "customer", "internal", "learning"];

/// Words that make a key result read as an activity (O015).
pub(crate) const DEFAULT_ACTIVITY_WORDS: &[&str] = &[
    "consult",
    "help",
    "analyze",
    "analyse",
    "participate",
    "attend",
    "support",
    "work on",
    "assist",
    "research",
    "investigate",
    "explore",
    "plan",
    "prepare",
    "try",
    "review",
    "discuss",
    "meet",
    "coordinate",
    "organize",
];

/// Words that make an objective read as business as usual (O016).
pub(crate) const DEFAULT_BAU_WORDS: &[&str] = &[
    "keep", "maintain", "continue", "sustain", "preserve", "retain",
];

/// An inclusive count range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountRange {
    pub min: usize,
    pub max: usize,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub fiscal_year_start_month: u32,
    pub objectives: CountRange,
    pub key_results: CountRange,
    pub strategy_objectives: CountRange,
    pub perspectives: Vec<String>,
    /// Display labels of perspectives (`{id, label}` in okr.yaml), by id.
    pub perspective_labels: HashMap<String, String>,
    /// Weights of perspectives in the scorecard's score, by id (default 1).
    pub perspective_weights: HashMap<String, f64>,
    pub checkin_cadence_days: i64,
    /// Days after a quarter's end in which its check-ins are final grades.
    pub grading_days: i64,
    pub aspirational_goal: f64,
    pub committed_goal: f64,
    pub grade_green: f64,
    pub grade_yellow: f64,
    pub pacing_on_track: f64,
    pub pacing_at_risk: f64,
    pub max_file_bytes: u64,
    /// YAML resource limits for strategy.yaml and the quarter files.
    pub yaml_limits: yaml::ParserLimits,
    pub activity_words: Vec<String>,
    pub bau_words: Vec<String>,
    severities: HashMap<Code, Severity>,
}

impl Settings {
    /// What every output shows for perspective `key`: its okr.yaml
    /// `label`, else the key as written.
    pub fn perspective_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.perspective_labels.get(key).map_or(key, String::as_str)
    }

    /// The weight of perspective `key` in the scorecard's score (default 1).
    pub fn perspective_weight(&self, key: &str) -> f64 {
        self.perspective_weights.get(key).copied().unwrap_or(1.0)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fiscal_year_start_month: 1,
            objectives: CountRange { min: 3, max: 5 },
            key_results: CountRange { min: 1, max: 5 },
            strategy_objectives: CountRange { min: 10, max: 15 },
            perspectives: DEFAULT_PERSPECTIVES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            perspective_labels: HashMap::new(),
            perspective_weights: HashMap::new(),
            checkin_cadence_days: 14,
            grading_days: 14,
            aspirational_goal: 0.7,
            committed_goal: 1.0,
            grade_green: 0.7,
            grade_yellow: 0.4,
            pacing_on_track: 0.10,
            pacing_at_risk: 0.25,
            max_file_bytes: 8 * 1024 * 1024,
            yaml_limits: yaml::ParserLimits::DEFAULT,
            activity_words: DEFAULT_ACTIVITY_WORDS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            bau_words: DEFAULT_BAU_WORDS.iter().map(|s| (*s).to_owned()).collect(),
            severities: HashMap::new(),
        }
    }
}

impl Settings {
    /// The configured severity of a rule, else its default.
    pub(crate) fn severity(&self, code: Code) -> Severity {
        self.severities
            .get(&code)
            .copied()
            .unwrap_or(code.rule().severity)
    }

    /// Parses and validates okr.yaml. Findings are L001-L003 for YAML problems
    /// and L008 for settings that are invalid; any finding means the settings
    /// cannot be trusted.
    pub fn load(path: &str, text: &str) -> (Settings, Vec<Diagnostic>) {
        let (settings, mut diagnostics) = Settings::validate(path, text);
        let lines = crate::model::span::Lines::new(text);
        diagnostics.iter_mut().for_each(|d| d.locate(&lines));
        (settings, diagnostics)
    }

    fn validate(path: &str, text: &str) -> (Settings, Vec<Diagnostic>) {
        match read::read_file::<raw::Config>(path, text, &yaml::ParserLimits::DEFAULT) {
            Ok((raw, mut diagnostics)) => {
                let (settings, findings) = Validator::new(path).settings(raw);
                diagnostics.extend(findings);
                (settings, diagnostics)
            }
            Err(mut e) => {
                if e.code == Code::L004 {
                    // okr.yaml cannot raise the limits it is read with.
                    e.hint = Some(
                        "okr.yaml is always read with the default YAML limits: simplify it"
                            .to_owned(),
                    );
                }
                (Settings::default(), vec![e])
            }
        }
    }
}

struct Validator<'a> {
    path: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    fn new(path: &'a str) -> Self {
        Validator {
            path,
            diagnostics: Vec::new(),
        }
    }

    fn report<T>(&mut self, at: &Spanned<T>, message: String, hint: &str) {
        let span = at.span;
        self.diagnostics
            .push(Diagnostic::new(Code::L008, self.path, span, message).hint(hint));
    }

    fn settings(mut self, raw: raw::Config) -> (Settings, Vec<Diagnostic>) {
        let mut s = Settings::default();
        if let Some(month) = raw.fiscal_year_start_month {
            match u32::try_from(month.value) {
                Ok(m @ 1..=12) => s.fiscal_year_start_month = m,
                _ => self.report(
                    &month,
                    format!("fiscal_year_start_month is {}, not a month", month.value),
                    "use a month number from 1 (January) to 12 (December)",
                ),
            }
        }
        if let Some(limits) = raw.limits {
            s.objectives = self.range(limits.objectives, s.objectives, "limits.objectives");
            s.key_results = self.range(limits.key_results, s.key_results, "limits.key_results");
            s.strategy_objectives = self.range(
                limits.strategy_objectives,
                s.strategy_objectives,
                "limits.strategy_objectives",
            );
        }
        if let Some(list) = raw.perspectives {
            self.perspectives(&list, &mut s);
        }
        if let Some(days) = raw.checkin_cadence_days {
            if days.value >= 1 {
                s.checkin_cadence_days = days.value;
            } else {
                self.report(
                    &days,
                    format!("checkin_cadence_days is {}", days.value),
                    "use a number of days of at least 1",
                );
            }
        }
        if let Some(days) = raw.grading_days {
            if (0..=366).contains(&days.value) {
                s.grading_days = days.value;
            } else {
                self.report(
                    &days,
                    format!("grading_days is {}", days.value),
                    "use a number of days from 0 (no grading after the quarter) to 366",
                );
            }
        }
        if let Some(bytes) = raw.max_file_bytes {
            match u64::try_from(bytes.value) {
                Ok(b) if b > 0 => s.max_file_bytes = b,
                _ => self.report(
                    &bytes,
                    format!("max_file_bytes is {}", bytes.value),
                    "use a positive number of bytes, e.g. 8388608 for 8 MiB",
                ),
            }
        }
        if let Some(limits) = raw.yaml_limits {
            s.yaml_limits = self.yaml_limits(limits);
        }
        if let Some(scoring) = raw.scoring {
            self.scoring(scoring, &mut s);
        }
        if let Some(rules) = raw.rules {
            self.rules(rules, &mut s);
        }
        if let Some(wording) = raw.wording {
            if let Some(words) = wording.activity {
                s.activity_words = words.iter().map(|w| w.trim().to_lowercase()).collect();
            }
            if let Some(words) = wording.business_as_usual {
                s.bau_words = words.iter().map(|w| w.trim().to_lowercase()).collect();
            }
        }
        (s, self.diagnostics)
    }

    fn range(
        &mut self,
        raw: Option<Spanned<raw::Range>>,
        default: CountRange,
        name: &str,
    ) -> CountRange {
        let Some(raw) = raw else { return default };
        let mut range = default;
        for (bound, slot) in [
            (&raw.value.min, &mut range.min),
            (&raw.value.max, &mut range.max),
        ] {
            if let Some(b) = bound {
                match usize::try_from(b.value) {
                    Ok(v) => *slot = v,
                    Err(_) => {
                        self.report(
                            b,
                            format!("{name} has a negative bound {}", b.value),
                            "counts are 0 or more",
                        );
                        return default;
                    }
                }
            }
        }
        if range.min > range.max {
            self.report(
                &raw,
                format!("{name} has min {} above max {}", range.min, range.max),
                "make min at most max",
            );
            return default;
        }
        range
    }

    /// Each limit from 1 to its ceiling; a bad value keeps that limit's default.
    fn yaml_limits(&mut self, raw: raw::YamlLimits) -> yaml::ParserLimits {
        let mut limits = yaml::ParserLimits::DEFAULT;
        let slots = [
            (raw.max_depth, &mut limits.max_depth),
            (raw.max_nodes, &mut limits.max_nodes),
            (raw.max_events, &mut limits.max_events),
            (raw.max_aliases, &mut limits.max_aliases),
            (raw.max_alias_events, &mut limits.max_alias_events),
            (raw.max_alias_bytes, &mut limits.max_alias_bytes),
        ];
        for ((name, default, ceiling), (value, slot)) in
            yaml::ParserLimits::DEFAULT.entries().into_iter().zip(slots)
        {
            let Some(value) = value else { continue };
            match usize::try_from(value.value) {
                Ok(v @ 1..) if v <= ceiling => *slot = v,
                _ => self.report(
                    &value,
                    format!(
                        "yaml_limits.{name} is {}, outside 1..={ceiling}",
                        value.value
                    ),
                    &format!(
                        "use a whole number from 1 to {ceiling} (default {default}); the ceiling keeps hostile files from exhausting memory"
                    ),
                ),
            }
        }
        limits
    }

    fn perspectives(
        &mut self,
        list: &Spanned<Vec<Spanned<raw::PerspectiveEntry>>>,
        s: &mut Settings,
    ) {
        if list.value.is_empty() {
            self.report(
                list,
                "perspectives is empty".to_owned(),
                "list the scorecard's perspectives, top of the strategy map first",
            );
            return;
        }
        let mut ids: Vec<String> = Vec::new();
        let mut labels = HashMap::new();
        let mut weights = HashMap::new();
        for p in &list.value {
            let (id, label, weight) = match &p.value {
                raw::PerspectiveEntry::Name(name) => (Some(name.clone()), None, None),
                raw::PerspectiveEntry::Full(item) => (
                    item.id.as_ref().map(|t| t.value.clone()),
                    item.label.as_ref(),
                    item.weight.value.map(|a| (a.value, item.weight.span)),
                ),
            };
            let Some(id) = id.filter(|id| !id.trim().is_empty()) else {
                self.report(
                    p,
                    "a perspective has an empty name".to_owned(),
                    "name every perspective, e.g. `learning` or `{id: learning, label: Learning and growth}`",
                );
                return;
            };
            if ids.contains(&id) {
                self.report(
                    p,
                    format!("perspective `{id}` is listed twice"),
                    "list each perspective once",
                );
                return;
            }
            if let Some(label) = label {
                if label.value.trim().is_empty() {
                    self.report(
                        label,
                        format!("perspective `{id}` has an empty label"),
                        "write the label every output shows, or leave `label` out to show the id",
                    );
                    return;
                }
                labels.insert(id.clone(), label.value.clone());
            }
            if let Some((weight, span)) = weight {
                if !(weight.is_finite() && weight > 0.0) {
                    self.report(
                        &Spanned { value: (), span },
                        format!("perspective `{id}` has weight {weight}"),
                        "use a weight greater than 0 (default 1)",
                    );
                    return;
                }
                weights.insert(id.clone(), weight);
            }
            ids.push(id);
        }
        s.perspectives = ids;
        s.perspective_labels = labels;
        s.perspective_weights = weights;
    }

    fn unit(&mut self, value: Option<Spanned<Fraction>>, name: &str, slot: &mut f64) {
        if let Some(v) = value {
            let Fraction(fraction) = v.value;
            if (0.0..=1.0).contains(&fraction) {
                *slot = fraction;
            } else {
                self.report(
                    &v,
                    format!("{name} is {fraction}, outside 0..1"),
                    "scores and pacing tolerances are fractions between 0 and 1",
                );
            }
        }
    }

    fn scoring(&mut self, raw: raw::Scoring, s: &mut Settings) {
        self.unit(
            raw.aspirational_goal,
            "scoring.aspirational_goal",
            &mut s.aspirational_goal,
        );
        self.unit(
            raw.committed_goal,
            "scoring.committed_goal",
            &mut s.committed_goal,
        );
        if let Some(grades) = raw.grades {
            let at = grades.yellow.clone().or_else(|| grades.green.clone());
            self.unit(grades.green, "scoring.grades.green", &mut s.grade_green);
            self.unit(grades.yellow, "scoring.grades.yellow", &mut s.grade_yellow);
            if s.grade_yellow > s.grade_green
                && let Some(at) = at
            {
                self.report(
                    &at,
                    format!(
                        "scoring.grades.yellow ({}) is above green ({})",
                        s.grade_yellow, s.grade_green
                    ),
                    "yellow is the lower bound of the middle grade: make it at most green",
                );
            }
        }
        if let Some(pacing) = raw.pacing {
            let at = pacing.on_track.clone().or_else(|| pacing.at_risk.clone());
            self.unit(
                pacing.on_track,
                "scoring.pacing.on_track",
                &mut s.pacing_on_track,
            );
            self.unit(
                pacing.at_risk,
                "scoring.pacing.at_risk",
                &mut s.pacing_at_risk,
            );
            if s.pacing_on_track > s.pacing_at_risk
                && let Some(at) = at
            {
                self.report(
                    &at,
                    format!(
                        "scoring.pacing.on_track ({}) is above at_risk ({})",
                        s.pacing_on_track, s.pacing_at_risk
                    ),
                    "on_track is the smaller tolerance: make it at most at_risk",
                );
            }
        }
    }

    fn rules(&mut self, raw: read::OrderedMap<Spanned<String>, Spanned<String>>, s: &mut Settings) {
        for (code, severity) in raw.0 {
            let Some(rule) = Code::parse(&code.value) else {
                let hint = match crate::diagnostic::suggest::closest(
                    &code.value,
                    RULES.iter().map(|r| r.code.as_str()),
                ) {
                    Some(c) => format!("did you mean `{c}`? `okr rules` lists every rule"),
                    None => "`okr rules` lists every rule code".to_owned(),
                };
                self.report(&code, format!("unknown rule `{}`", code.value), &hint);
                continue;
            };
            match Severity::parse(&severity.value) {
                Some(level) => {
                    s.severities.insert(rule, level);
                }
                None => self.report(
                    &severity,
                    format!("unknown severity `{}` for {rule}", severity.value),
                    "use off, info, warning or error",
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(Code, usize)> {
        Settings::load("okr.yaml", text)
            .1
            .iter()
            .map(|d| (d.code, d.position.line))
            .collect()
    }

    #[test]
    fn defaults_when_empty() {
        let (s, d) = Settings::load("okr.yaml", "");
        assert!(d.is_empty());
        assert_eq!(s.objectives, CountRange { min: 3, max: 5 });
        assert_eq!(s.perspectives.len(), 4);
    }

    #[test]
    fn contradictions_are_l008_at_the_key() {
        assert_eq!(
            codes("fiscal_year_start_month: 13\n"),
            vec![(Code::L008, 1)]
        );
        assert_eq!(
            codes("limits:\n  objectives: {min: 6, max: 5}\n"),
            vec![(Code::L008, 2)]
        );
        assert_eq!(codes("rules:\n  O999: off\n"), vec![(Code::L008, 2)]);
        assert_eq!(codes("rules: {O008: loud}\n"), vec![(Code::L008, 1)]);
        assert_eq!(
            codes("scoring:\n  grades: {green: 0.3, yellow: 0.5}\n"),
            vec![(Code::L008, 2)]
        );
        assert_eq!(codes("perspectives: [a, a]\n"), vec![(Code::L008, 1)]);
        assert_eq!(codes("perspectives: [a, \"\"]\n"), vec![(Code::L008, 1)]);
        assert_eq!(
            codes("limits:\n  objectives: {min: -2, max: 2}\n"),
            vec![(Code::L008, 2)]
        );
        assert_eq!(
            codes("yaml_limits:\n  max_depth: 0\n  max_nodes: 2500001\n  max_aliases: -1\n"),
            vec![(Code::L008, 2), (Code::L008, 3), (Code::L008, 4)]
        );
    }

    #[test]
    fn yaml_limits_are_read_within_their_ceilings() {
        let (s, d) = Settings::load(
            "okr.yaml",
            "yaml_limits: {max_depth: 1024, max_nodes: 10, max_alias_events: 5}\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let expected = yaml::ParserLimits {
            max_depth: 1024,
            max_nodes: 10,
            max_alias_events: 5,
            ..yaml::ParserLimits::DEFAULT
        };
        assert_eq!(s.yaml_limits, expected);
        let (s, d) = Settings::load("okr.yaml", "yaml_limits: {max_events: 0}\n");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("yaml_limits.max_events is 0"),
            "{d:?}"
        );
        assert_eq!(s.yaml_limits, yaml::ParserLimits::DEFAULT);
    }

    #[test]
    fn rule_severities_apply_by_code_or_name() {
        let (s, d) = Settings::load(
            "okr.yaml",
            "rules: {O008: off, strategy-objective-count: error}\n",
        );
        assert!(d.is_empty());
        assert_eq!(s.severity(Code::O008), Severity::Off);
        assert_eq!(s.severity(Code::B002), Severity::Error);
    }
}
