//! The one place that knows the YAML library. It parses text with resource
//! limits (into the located tree of `tree.rs`, or any serde type), turns the
//! library's locations into `Span`s, and turns its errors into located
//! findings with the right rule code.

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Location};

pub(crate) use serde_saphyr::Spanned;

use crate::model::span::Span;
use crate::rules::Code;

/// A YAML parse failure, already classified by rule code.
#[derive(Debug, Clone)]
pub(crate) struct YamlError {
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
    pub span: Span,
}

/// Resource limits per file (docs/format.md, `yaml_limits` in okr.yaml):
/// goals files are shallow and small, so the defaults stop hostile input
/// long before it costs time or memory, and the ceilings stop an okr.yaml
/// from switching that protection off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParserLimits {
    /// Nesting of lists and mappings (flow or block).
    pub max_depth: usize,
    /// Lists, mappings and scalars, including those replayed through aliases.
    pub max_nodes: usize,
    /// Parser events: every node, its end, and the document's markers.
    pub max_events: usize,
    /// Aliases (`*name`), and anchors (`&name`), each.
    pub max_aliases: usize,
    /// Events replayed through aliases, and events recorded for anchors, each.
    pub max_alias_events: usize,
    /// Bytes of value text replayed through aliases: what a file can make
    /// okr hold, and print, beyond the text it holds itself.
    pub max_alias_bytes: usize,
}

impl ParserLimits {
    /// The limits okr applies unless okr.yaml says otherwise; okr.yaml itself
    /// is always read with these.
    pub(crate) const DEFAULT: ParserLimits = ParserLimits {
        max_depth: 64,
        max_nodes: 250_000,
        max_events: 1_000_000,
        max_aliases: 50_000,
        max_alias_events: 1_000_000,
        // Far more than sharing an owner or a key result needs, and small
        // enough that what a file prints stays within a few times its size
        // plus this (a 1 MiB title cannot be replayed even once).
        max_alias_bytes: 65_536,
    };

    /// The highest value okr.yaml may set for each limit (ten times the
    /// default, or 1,024 levels of nesting): enough for any real goals
    /// file, and still bounded.
    pub(crate) const CEILING: ParserLimits = ParserLimits {
        max_depth: 1_024,
        max_nodes: 2_500_000,
        max_events: 10_000_000,
        max_aliases: 500_000,
        max_alias_events: 10_000_000,
        max_alias_bytes: 655_360,
    };

    /// Each limit's okr.yaml key under `yaml_limits`, its value here and its ceiling.
    pub(crate) fn entries(&self) -> [(&'static str, usize, usize); 6] {
        let c = ParserLimits::CEILING;
        [
            ("max_depth", self.max_depth, c.max_depth),
            ("max_nodes", self.max_nodes, c.max_nodes),
            ("max_events", self.max_events, c.max_events),
            ("max_aliases", self.max_aliases, c.max_aliases),
            (
                "max_alias_events",
                self.max_alias_events,
                c.max_alias_events,
            ),
            ("max_alias_bytes", self.max_alias_bytes, c.max_alias_bytes),
        ]
    }
}

impl Default for ParserLimits {
    fn default() -> Self {
        ParserLimits::DEFAULT
    }
}

impl YamlError {
    /// The finding for the file at `path`.
    pub(crate) fn into_diagnostic(self, path: &str) -> crate::diagnostic::Diagnostic {
        let mut d = crate::diagnostic::Diagnostic::new(self.code, path, self.span, self.message);
        d.hint = self.hint;
        d
    }
}

/// Parses one YAML document from `text` into `T` within the default limits.
#[cfg(test)]
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    parse_with(text, &ParserLimits::DEFAULT)
}

/// Parses one YAML document from `text` into `T` within `limits`; a limit
/// hit is an L004 naming the okr.yaml key that raises it.
pub(crate) fn parse_with<T: DeserializeOwned>(
    text: &str,
    limits: &ParserLimits,
) -> Result<T, YamlError> {
    parse_within(text, limits, false)
}

/// Parses as [`parse_with`]; `tree` reads a file for the located tree:
/// `.inf` and `.nan` stay text where any value may stand (the reader knows
/// where a number is expected), and duplicate keys reach the reader, which
/// reports each one and keeps reading.
pub(crate) fn parse_within<T: DeserializeOwned>(
    text: &str,
    limits: &ParserLimits,
    tree: bool,
) -> Result<T, YamlError> {
    let (non_finite, duplicate_keys) = if tree {
        (
            serde_saphyr::NonFiniteFloatPolicy::AsString,
            serde_saphyr::DuplicateKeyPolicy::PassThrough,
        )
    } else {
        (
            serde_saphyr::NonFiniteFloatPolicy::Reject,
            serde_saphyr::DuplicateKeyPolicy::Error,
        )
    };
    if let Some(alias) = replay_over(text, limits.max_alias_bytes) {
        return Err(YamlError {
            code: Code::L004,
            message: format!(
                "YAML resource limit exceeded: more than {} bytes of text replayed through aliases (yaml_limits.max_alias_bytes)",
                limits.max_alias_bytes
            ),
            hint: limit_hit(Breach {
                what: String::new(),
                key: Some("max_alias_bytes"),
            })
            .2,
            span: alias,
        });
    }
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        non_finite_float_policy: non_finite,
        duplicate_keys: duplicate_keys,
        budget: serde_saphyr::budget! {
            max_depth: limits.max_depth,
            // The scanner's own nesting limit would otherwise stop deep flow
            // lists (`[[[...`) first, with a message that names no setting.
            flow_nesting_limit: limits.max_depth,
            max_nodes: limits.max_nodes,
            max_events: limits.max_events,
            max_aliases: limits.max_aliases,
            max_anchors: limits.max_aliases,
            max_recorded_anchor_events: limits.max_alias_events,
            // A heuristic with a fixed ratio, which okr.yaml could not raise;
            // the alias and node limits already bound what aliases cost.
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: limits.max_alias_events,
            max_replay_stack_depth: limits.max_depth,
        },
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| classify(text, &e, limits))
}

/// The span of the first alias at which the value text replayed through
/// aliases exceeds `limit` bytes, if any. The library bounds replayed events
/// but not their text, so this pass over the parser's events measures each
/// anchor's text (with the aliases inside it) before anything is built. A
/// file without both `&` and `*` replays nothing and is not read twice; a
/// syntax error ends the pass, and the real parse reports it.
fn replay_over(text: &str, limit: usize) -> Option<Span> {
    use granit_parser::{Event, Parser};
    if !(text.contains('&') && text.contains('*')) {
        return None;
    }
    // Text of each anchor by id; text seen so far, counting replays; the
    // anchor of each open list or mapping, with the text seen at its start.
    let mut sizes: Vec<usize> = Vec::new();
    let mut seen = 0usize;
    let mut replayed = 0usize;
    let mut open: Vec<(usize, usize)> = Vec::new();
    let set = |sizes: &mut Vec<usize>, id: usize, size: usize| {
        if id >= sizes.len() {
            sizes.resize(id + 1, 0);
        }
        sizes[id] = size;
    };
    for item in Parser::new_from_str(text) {
        let Ok((event, at)) = item else { return None };
        match event {
            Event::Scalar(value, _, anchor, _) => {
                seen = seen.saturating_add(value.len());
                if anchor != 0 {
                    set(&mut sizes, anchor, value.len());
                }
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                open.push((anchor, seen));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = open.pop()
                    && anchor != 0
                {
                    set(&mut sizes, anchor, seen - start);
                }
            }
            Event::Alias(anchor) => {
                let size = sizes.get(anchor).copied().unwrap_or(0);
                seen = seen.saturating_add(size);
                replayed = replayed.saturating_add(size);
                if replayed > limit {
                    return Some(match (at.start.byte_offset(), at.end.byte_offset()) {
                        (Some(start), Some(end)) => Span::new(text, start, end),
                        _ => Span::point(text, at.start.line(), at.start.col() + 1),
                    });
                }
            }
            _ => {}
        }
    }
    None
}

/// The span of a location in `text`: the library's byte range, else (for
/// some errors) its line and column.
pub(crate) fn span(text: &str, location: &Location) -> Span {
    let s = location.span();
    match (s.byte_offset(), s.byte_len()) {
        (Some(offset), Some(len)) => {
            let start = usize::try_from(offset).unwrap_or(usize::MAX);
            Span::new(
                text,
                start,
                start.saturating_add(usize::try_from(len).unwrap_or(0)),
            )
        }
        _ => {
            let line = usize::try_from(location.line()).unwrap_or(1).max(1);
            let column = usize::try_from(location.column()).unwrap_or(1).max(1);
            Span::point(text, line, column)
        }
    }
}

fn classify(text: &str, error: &Error, limits: &ParserLimits) -> YamlError {
    let error = innermost(error);
    let span = error
        .location()
        .filter(|l| l.line() != 0)
        .map_or(Span::FILE, |l| span(text, &l));
    let (code, message, hint): (Code, String, Option<String>) = match error {
        Error::DuplicateMappingKey { key, .. } => (
            Code::L003,
            match key {
                Some(k) => format!("duplicate key `{k}`"),
                None => "duplicate key in a mapping".to_owned(),
            },
            Some("YAML keys must be unique in a mapping: remove or rename one of them".to_owned()),
        ),
        Error::SerdeUnknownField {
            field, expected, ..
        } => (
            Code::L002,
            format!("unknown field `{field}`"),
            Some(crate::diagnostic::suggest::did_you_mean(
                field,
                expected.iter().copied(),
                &format!("expected one of: {}", expected.join(", ")),
            )),
        ),
        Error::SerdeMissingField { field, .. } => (
            Code::L002,
            format!("missing required field `{field}`"),
            Some(format!("add `{field}:` with a value")),
        ),
        Error::NullIntoString { .. } => (
            Code::L002,
            "a text value is needed here, found null".to_owned(),
            Some("write a value here (an empty text is `\"\"`)".to_owned()),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            Code::L002,
            format!("expected {expected}, found {unexpected}"),
            Some("write the value in the form docs/format.md gives for this field".to_owned()),
        ),
        Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            Code::L002,
            format!("invalid value {unexpected}, expected {expected}"),
            Some("write the value in the form docs/format.md gives for this field".to_owned()),
        ),
        Error::Unexpected { expected, .. } => (
            Code::L002,
            format!("expected {}", describe_expected(expected)),
            Some(hint_for_expected(expected).to_owned()),
        ),
        Error::InvalidScalar { ty, .. } => (
            Code::L002,
            format!("not a valid {}", describe_type(ty)),
            Some(match describe_type(ty) {
                "whole number" => "write a whole number such as 3".to_owned(),
                "number" => "write a plain, finite number such as 42 or 0.5".to_owned(),
                other => format!("write a valid {other}"),
            }),
        ),
        Error::InvalidBooleanStrict { .. } => (
            Code::L002,
            "not a valid boolean".to_owned(),
            Some("write `true` or `false` (yes/no/on/off are not accepted)".to_owned()),
        ),
        Error::Budget { breach, .. } => limit_hit(breach_text(breach, limits)),
        Error::AliasReplayLimitExceeded { .. } | Error::AliasReplayCounterOverflow { .. } => {
            limit_hit(Breach {
                what: format!(
                    "more than {} events replayed through aliases",
                    limits.max_alias_events
                ),
                key: Some("max_alias_events"),
            })
        }
        Error::AliasReplayStackDepthExceeded { .. } => limit_hit(Breach {
            what: format!(
                "aliases replayed inside each other more than {} deep",
                limits.max_depth
            ),
            key: Some("max_depth"),
        }),
        Error::AliasExpansionLimitExceeded { .. } => limit_hit(Breach {
            what: "an anchor expanded too many times".to_owned(),
            key: None,
        }),
        Error::Message { msg, .. } if msg.starts_with(TOO_DEEP) => (
            Code::L002,
            format!("{TOO_DEEP} ({TREE_DEPTH} levels)"),
            Some(
                "goals files nest a few levels (objectives, key results, check-ins): check the indentation and the `- ` of each list item"
                    .to_owned(),
            ),
        ),
        Error::RecursiveReferencesRequireWeakTypes { .. } => (
            Code::L001,
            "an alias refers to the list or mapping that holds it".to_owned(),
            Some("a goals file needs no recursive aliases: write the value out".to_owned()),
        ),
        Error::ExternalMessage { msg, .. } | Error::Message { msg, .. }
            if msg.starts_with(RECURSION_LIMIT) =>
        {
            limit_hit(Breach {
                what: format!("nested deeper than {} levels", limits.max_depth),
                key: Some("max_depth"),
            })
        }
        Error::MultipleDocuments { .. } => {
            return YamlError {
                code: Code::L001,
                message: "more than one YAML document in the file".to_owned(),
                hint: Some(
                    "a goals file holds one document: remove the `---` separator (or the `...` end marker) and what follows, or merge the documents"
                        .to_owned(),
                ),
                span: separator_before(text, span),
            };
        }
        Error::SerdeUnknownVariant { .. }
        | Error::SerdeInvalidLength { .. }
        | Error::Message { .. }
        | Error::MergeValueNotMapOrSeqOfMaps { .. }
        | Error::NonFiniteFloat { .. }
        | Error::UnsupportedTag { .. } => (
            Code::L002,
            strip_location(&error.to_string()),
            Some("write a plain value of the type docs/format.md gives for this field".to_owned()),
        ),
        _ => {
            let message = strip_location(&error.to_string());
            let hint = if message.contains("quoted scalar") {
                match unclosed_quote_line(text, span.start()) {
                    Some(line) => format!(
                        "the quote opened on line {line} is not closed on its line, so the value runs to here: close it"
                    ),
                    None => "a quoted value runs to here: check that every quote opened on the lines above is closed on its own line".to_owned(),
                }
            } else {
                "fix the YAML syntax at this position".to_owned()
            };
            (Code::L001, message, Some(hint))
        }
    };
    YamlError {
        code,
        message,
        hint,
        span,
    }
}

/// The first line before `at` with an odd number of double quotes (not
/// counting `\"` or quotes in comments): where a quoted value that runs on
/// across lines most likely began.
fn unclosed_quote_line(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at.min(text.len()))?;
    let last = before.lines().count();
    before
        .lines()
        .enumerate()
        .take(last.saturating_sub(1))
        .find_map(|(i, line)| {
            let code = match line.find(" #") {
                Some(comment) if !line[..comment].contains('"') => &line[..comment],
                _ => line,
            };
            let quotes = code.matches('"').count() - code.matches("\\\"").count();
            (quotes % 2 == 1).then_some(i + 1)
        })
}

/// The span of top-level `key:` written before `value` (the library gives
/// values' locations, not keys'), or `value` when it cannot be found, e.g. in
/// a flow mapping.
pub(crate) fn top_level_key(text: &str, key: &str, value: Span) -> Span {
    let before = &text[..value.start().min(text.len())];
    for (offset, line_text) in line_starts(before) {
        let unquoted = line_text.trim_start_matches(['"', '\'']);
        let quote = line_text.len() - unquoted.len();
        if let Some(rest) = unquoted.strip_prefix(key)
            && rest
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
            && quote <= 1
        {
            return Span::new(text, offset, offset + quote + key.len());
        }
    }
    value
}

/// Each line of `text` with its byte offset, last line first; lines end
/// with LF, CRLF or a lone CR.
fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = Some(text.len());
    std::iter::from_fn(move || {
        let stop = end?;
        let start = text[..stop].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        end = match start.checked_sub(1) {
            // A CRLF is one line break.
            Some(lf) if text[lf..].starts_with('\n') && text[..lf].ends_with('\r') => Some(lf - 1),
            other => other,
        };
        Some((start, &text[start..stop]))
    })
}

/// The `---` that starts the second document, when the parser stopped on
/// it or on the line after it; else where the parser stopped.
fn separator_before(text: &str, span: Span) -> Span {
    let at = span.start().min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if text[line_start..].starts_with("---") {
        return Span::new(text, line_start, line_start + 3);
    }
    if line_start > 0 {
        let previous = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        if text[previous..].starts_with("---") {
            return Span::new(text, previous, previous + 3);
        }
    }
    span
}

fn innermost(error: &Error) -> &Error {
    let mut e = error.without_snippet();
    while let Error::AliasError { error, .. } = e {
        e = error.without_snippet();
    }
    e
}

/// The parser's message when lists or mappings nest deeper than its
/// scanner allows (`flow_nesting_limit`, set to `max_depth`).
pub(crate) const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// How deeply the tree of a goals file may nest, whatever `max_depth`
/// allows: the deepest value of the format (a history point's value in
/// strategy.yaml) is 9 levels down.
pub(crate) const TREE_DEPTH: usize = 32;

/// The message of a file nested deeper than [`TREE_DEPTH`].
pub(crate) const TOO_DEEP: &str = "nested deeper than a goals file goes";

/// A resource limit that was hit: what was exceeded, and the key under
/// `yaml_limits` in okr.yaml that raises it, if any.
struct Breach {
    what: String,
    key: Option<&'static str>,
}

fn limit_hit(breach: Breach) -> (Code, String, Option<String>) {
    let raise = match breach.key {
        Some(key) => format!(
            "simplify the file, or raise `yaml_limits.{key}` in okr.yaml (at most {})",
            ParserLimits::CEILING
                .entries()
                .iter()
                .find(|(k, _, _)| *k == key)
                .map_or(0, |(_, _, ceiling)| *ceiling)
        ),
        None => "simplify the file: goals files need no such structure".to_owned(),
    };
    let limit = breach
        .key
        .map_or_else(String::new, |k| format!(" (yaml_limits.{k})"));
    (
        Code::L004,
        format!("YAML resource limit exceeded: {}{limit}", breach.what),
        Some(raise),
    )
}

fn breach_text(breach: &serde_saphyr::budget::BudgetBreach, limits: &ParserLimits) -> Breach {
    use serde_saphyr::budget::BudgetBreach as B;
    let (what, key) = match breach {
        B::Depth { .. } => (
            format!("nested deeper than {} levels", limits.max_depth),
            Some("max_depth"),
        ),
        B::Nodes { .. } => (
            format!("more than {} nodes", limits.max_nodes),
            Some("max_nodes"),
        ),
        B::Events { .. } => (
            format!("more than {} parser events", limits.max_events),
            Some("max_events"),
        ),
        B::Aliases { .. } => (
            format!("more than {} aliases", limits.max_aliases),
            Some("max_aliases"),
        ),
        B::Anchors { .. } => (
            format!("more than {} anchors", limits.max_aliases),
            Some("max_aliases"),
        ),
        B::RecordedAnchorEvents { .. } => (
            format!(
                "more than {} events recorded for anchors",
                limits.max_alias_events
            ),
            Some("max_alias_events"),
        ),
        B::RecordedAnchorBytes { .. } => ("anchors hold too much text to replay".to_owned(), None),
        B::ScalarBytes { .. } => ("more than 64 MiB of text in values".to_owned(), None),
        B::Documents { .. } => ("too many documents".to_owned(), None),
        B::MergeKeys { .. } => ("too many merge keys (`<<`)".to_owned(), None),
        other => (format!("{other:?}"), None),
    };
    Breach { what, key }
}

/// The library appends " at line N, column M"; we print the location ourselves.
fn strip_location(message: &str) -> String {
    let cut = message.find(" at line ").unwrap_or(message.len());
    message[..cut].trim_end_matches(['.', ' ']).to_owned()
}

fn describe_expected(expected: &str) -> &str {
    match expected {
        "mapping start" => "a mapping (`key: value` lines)",
        "sequence start" => "a list (`- item` lines or `[a, b]`)",
        "string scalar" => "a text value",
        other => other,
    }
}

fn hint_for_expected(expected: &str) -> &'static str {
    match expected {
        "mapping start" => "write `key: value` pairs here, indented under their parent",
        "sequence start" => "write a list here; an empty one is `[]`",
        "string scalar" => "write a plain text value (quote it if it contains `: ` or `#`)",
        _ => "check the value's type against docs/format.md",
    }
}

fn describe_type(ty: &str) -> &str {
    match ty {
        "f64" | "f32" | "floating point" => "number",
        "i64" | "i32" | "u64" | "u32" | "usize" => "whole number",
        "bool" => "boolean",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[serde(default, rename = "title")]
        _title: Option<String>,
        #[serde(default, rename = "key_results")]
        _key_results: Option<Vec<String>>,
    }

    fn error(text: &str) -> YamlError {
        match parse::<Doc>(text) {
            Ok(doc) => panic!("expected an error, got {doc:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn unknown_field_suggests_the_closest() {
        let text = "title: x\nkey_result: []\n";
        let e = error(text);
        let at = e.span.position(text);
        assert_eq!((e.code, at.line, at.column), (Code::L002, 2, 1));
        assert_eq!(e.message, "unknown field `key_result`");
        assert_eq!(e.hint.as_deref(), Some("did you mean `key_results`?"));
    }

    #[test]
    fn duplicate_keys_are_l003() {
        let text = "title: a\ntitle: b\n";
        let e = error(text);
        assert_eq!((e.code, e.span.position(text).line), (Code::L003, 2));
    }

    #[test]
    fn syntax_errors_are_l001_with_position() {
        let e = error("title: \"unclosed\n");
        assert_eq!(e.code, Code::L001);
        assert!(e.span.start() > 0);
    }

    #[test]
    fn columns_count_characters_after_non_ascii_text() {
        #[derive(Deserialize)]
        struct Pair {
            t: Spanned<String>,
            v: Spanned<f64>,
        }
        let text = "{t: héé, v: 1.5}\n";
        let pair = parse::<Pair>(text).map_err(|e| e.message);
        let pair = pair.unwrap_or_else(|m| panic!("{m}"));
        let t = span(text, &pair.t.referenced).position(text);
        let v = span(text, &pair.v.referenced);
        assert_eq!((t.column, t.end_column), (5, 8));
        let at = v.position(text);
        assert_eq!((at.column, at.end_column, v.start()), (13, 16, 14));
    }

    #[test]
    fn top_level_keys_are_found_before_their_value() {
        let text = "a: 1\nperspectives:\n  # note\n  financial: []\n";
        let value = Span::point(text, 4, 3);
        let key = top_level_key(text, "perspectives", value).position(text);
        assert_eq!((key.line, key.column, key.end_column), (2, 1, 13));
        let flow = "perspectives: {financial: []}\n";
        let inline = top_level_key(flow, "perspectives", Span::point(flow, 1, 15));
        let at = inline.position(flow);
        assert_eq!((at.line, at.column), (1, 1));
        let missing = top_level_key(text, "objectives", value);
        assert_eq!(missing, value);
    }

    #[test]
    fn top_level_keys_after_lone_cr_and_crlf_line_breaks_are_on_their_line() {
        let text = "a: 1\rb: 2\r\nperspectives:\r\n  financial: []\r\n";
        let value = Span::point(text, 4, 3);
        let key = top_level_key(text, "perspectives", value);
        let at = key.position(text);
        assert_eq!((at.line, at.column, at.end_column), (3, 1, 13));
        assert_eq!(key.start(), text.find("perspectives").unwrap_or(0));
    }

    #[test]
    fn each_limit_hit_names_its_key() {
        type Tighten = fn(&mut ParserLimits);
        #[derive(Debug, Deserialize)]
        struct Lists {
            #[serde(rename = "a")]
            _a: Vec<Vec<Vec<i64>>>,
            #[serde(default, rename = "b")]
            _b: Option<Vec<Vec<Vec<Vec<i64>>>>>,
        }
        let tight = |change: Tighten| {
            let mut limits = ParserLimits::DEFAULT;
            change(&mut limits);
            limits
        };
        let text = "a: &x [[[1, 2], [3]], [[4]]]\nb: [*x, *x, *x]\n";
        assert!(parse_with::<Lists>(text, &ParserLimits::DEFAULT).is_ok());
        let cases: [(Tighten, &str); 6] = [
            (|l| l.max_depth = 3, "max_depth"),
            (|l| l.max_nodes = 12, "max_nodes"),
            (|l| l.max_events = 20, "max_events"),
            (|l| l.max_aliases = 2, "max_aliases"),
            (|l| l.max_alias_events = 20, "max_alias_events"),
            (|l| l.max_alias_bytes = 5, "max_alias_bytes"),
        ];
        for (change, key) in cases {
            let e = match parse_with::<Lists>(text, &tight(change)) {
                Ok(lists) => panic!("{key}: parsed {lists:?}"),
                Err(e) => e,
            };
            assert_eq!(e.code, Code::L004, "{key}: {e:?}");
            assert!(
                e.message.contains(&format!("(yaml_limits.{key})")),
                "{key}: {e:?}"
            );
            let hint = e.hint.unwrap_or_default();
            assert!(
                hint.contains(&format!("raise `yaml_limits.{key}`")),
                "{hint}"
            );
        }
    }

    #[test]
    fn replayed_text_is_measured_through_nested_anchors() {
        let text = "a: &a xyz\nb: &b [*a, *a, q]\nc: [*b, *b]\n";
        let e = |limit| replay_over(text, limit).map(|s| s.position(text));
        // *a, *a: 6 bytes; each *b replays its 7 (q and two replays of a).
        assert_eq!(e(20), None);
        let at = e(19).map(|p| (p.line, p.column));
        assert_eq!(at, Some((3, 9)));
        assert_eq!(e(5).map(|p| (p.line, p.column)), Some((2, 12)));
        // No alias, nothing replayed, whatever the text holds.
        assert_eq!(
            replay_over(&format!("a: &a {}\n", "x".repeat(100_000)), 1),
            None
        );
    }

    #[test]
    fn deep_flow_nesting_is_the_depth_limit_not_a_syntax_error() {
        let text = format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = match parse::<Vec<Vec<i64>>>(&text) {
            Ok(v) => panic!("parsed {v:?}"),
            Err(e) => e,
        };
        assert_eq!(
            (e.code, e.span.position(&text).line),
            (Code::L004, 1),
            "{e:?}"
        );
        assert!(e.message.contains("nested deeper than 64 levels"), "{e:?}");
        assert!(e.message.contains("yaml_limits.max_depth"), "{e:?}");
    }

    #[test]
    fn an_unclosed_quote_is_traced_to_its_line() {
        let text = "a: \"ok\"\nb: \"open\nc: x\nd: \"%\"\n";
        type Map = std::collections::BTreeMap<String, String>;
        let Err(e) = parse::<Map>(text) else {
            panic!("parsed")
        };
        assert_eq!(e.code, Code::L001);
        let hint = e.hint.unwrap_or_default();
        assert!(hint.contains("opened on line 2"), "{hint}");
    }
}
