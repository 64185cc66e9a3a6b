//! Reading the located tree (`tree.rs`) into the raw structs (`raw.rs`), the
//! second step of reading a file. Every problem is its own finding at its
//! own place, and the rest of the file is kept:
//!
//! - an unknown field is reported (with a suggestion only when the name is
//!   close enough to be a typo, or is another tool's name for the field) and
//!   skipped;
//! - a value of the wrong type is reported and left out, and its field is
//!   marked invalid, so the builder does not also call it missing;
//! - a list item that is not what the list holds is reported and dropped.
//!
//! Values are read as people write them: `45%` is the number 45 written as
//! a percentage (the builder makes it the unit), a number in quotes is a
//! number, and a number in disguise (`$1.2M`, `1,200,000`, `12 ms`) is
//! refused with the exact rewrite.

use crate::diagnostic::Diagnostic;
use crate::input::tree::{Node, Value};
use crate::input::yaml::{self, ParserLimits, YamlError};
use crate::model::span::Span;
use crate::rules::Code;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A key that may be missing, written as null (`title:`), written with a
/// value, or written with a value that was reported as invalid. Unlike
/// `Option<Spanned<T>>`, it keeps the place of a null, so the model can tell
/// "missing" from "written but empty" and point at the right place.
#[derive(Debug)]
pub(crate) struct Field<T> {
    pub value: Option<T>,
    /// Where the value is; `Span::FILE` when the key is missing.
    pub span: Span,
    state: State,
}

impl<T: Copy> Field<T> {
    /// The field with its value mapped by `f`; a value `f` turns into
    /// `None` counts as not written (`target: tbd` is no number to read).
    pub(crate) fn filter_map<U>(&self, f: impl FnOnce(T) -> Option<U>) -> Field<U> {
        match self.value.map(f) {
            Some(None) => Field {
                value: None,
                span: self.span,
                state: State::Absent,
            },
            value => Field {
                value: value.flatten(),
                span: self.span,
                state: self.state,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Absent,
    Written,
    /// Written, and read, but an item of a list or mapping under it was
    /// reported and left out.
    Partial,
    Invalid,
}

/// The [`Field`] of a key that is not written.
pub(crate) fn absent<T>() -> Field<T> {
    Field {
        value: None,
        span: Span::FILE,
        state: State::Absent,
    }
}

impl<T> Field<T> {
    /// Whether the key was written in the file (as null, or with any value).
    pub(crate) fn is_written(&self) -> bool {
        self.state != State::Absent
    }

    /// Written with a value that was already reported as invalid: whatever
    /// follows from its absence must not be reported again.
    pub(crate) fn is_invalid(&self) -> bool {
        self.state == State::Invalid
    }

    /// Read, or reported, with less than was written: the value was invalid,
    /// or an item under it was left out. Counts made from it ("too few key
    /// results") are not reliable.
    pub(crate) fn is_short(&self) -> bool {
        matches!(self.state, State::Invalid | State::Partial)
    }

    /// Written as null (`target:`), neither missing nor invalid.
    pub(crate) fn is_null(&self) -> bool {
        self.state == State::Written && self.value.is_none()
    }

    /// Where the value is, or `fallback` when the key is missing.
    pub(crate) fn span_or(&self, fallback: Span) -> Span {
        if self.is_written() {
            self.span
        } else {
            fallback
        }
    }
}

/// A number as written: `45%` is 45 with `percent` set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Amount {
    pub value: f64,
    pub percent: bool,
}

/// A fraction from 0 to 1 (a confidence, a score): `70%` is 0.7.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fraction(pub f64);

/// A YAML mapping read in file order, keeping every key's location.
#[derive(Debug)]
pub(crate) struct OrderedMap<K, V>(pub Vec<(K, V)>);

/// Defines a raw struct and its [`Read`]: a mapping with exactly these
/// fields, each read by its type's [`Slot`]. `$what` names it in messages.
macro_rules! read_struct {
    (
        $what:literal
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$field_meta:meta])* $field_vis:vis $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$field_meta])* $field_vis $field: $ty ),*
        }

        impl $crate::input::read::Read for $name {
            fn read(
                node: &$crate::input::tree::Node,
                r: &mut $crate::input::read::Reader<'_>,
                key: &str,
            ) -> Option<Self> {
                const FIELDS: &[&str] = &[$(stringify!($field)),*];
                let mut entries = r.mapping(node, key, $what, FIELDS)?;
                Some($name {
                    $( $field: entries.take(r, stringify!($field)) ),*
                })
            }
        }
    };
}
pub(crate) use read_struct;

/// Reads one file's tree, collecting its problems.
pub(crate) struct Reader<'a> {
    text: &'a str,
    problems: Vec<YamlError>,
    /// List items and mapping entries left out so far.
    dropped: usize,
}

/// Parses `text` (the file at `path`) and reads it as a `T`: `Err` when
/// the file is not YAML or is over a limit (one finding for the file), else
/// the value and every problem found in it. An empty file reads as an empty
/// mapping.
pub(crate) fn read_file<T: Read>(
    path: &str,
    text: &str,
    limits: &ParserLimits,
) -> Result<(T, Vec<Diagnostic>), Diagnostic> {
    let mut root = crate::input::tree::parse(text, limits).map_err(|e| e.into_diagnostic(path))?;
    if matches!(root.value, Value::Null) {
        root.value = Value::Map(Vec::new());
    }
    let mut reader = Reader {
        text,
        problems: Vec::new(),
        dropped: 0,
    };
    let value = T::read(&root, &mut reader, "");
    let mut problems = reader.problems.into_iter().map(|e| e.into_diagnostic(path));
    match value {
        Some(value) => Ok((value, problems.collect())),
        // The top of a goals file is not a mapping (reported): nothing can be read.
        None => Err(problems.next().unwrap_or_else(|| {
            Diagnostic::new(
                Code::L002,
                path,
                Span::FILE,
                "the file is not a mapping".to_owned(),
            )
        })),
    }
}

impl Reader<'_> {
    fn span(&self, node: &Node) -> Span {
        yaml::span(self.text, &node.referenced)
    }

    /// A key written twice in a mapping (L003): the first is kept.
    fn duplicate(&mut self, span: Span, key: &str) {
        self.problems.push(YamlError {
            code: Code::L003,
            message: format!("duplicate key `{key}`"),
            hint: Some(
                "YAML keys must be unique in a mapping: remove or rename one of them (okr reads the first)"
                    .to_owned(),
            ),
            span,
        });
    }

    fn report(&mut self, span: Span, message: String, hint: String) {
        self.problems.push(YamlError {
            code: Code::L002,
            message,
            hint: Some(hint),
            span,
        });
    }

    /// A scalar as written: a plain `1.10` stays `1.10`, not 1.1. A value
    /// replayed through an alias has only its own text.
    fn scalar_text(&self, node: &Node) -> String {
        let span = self.span(node);
        match self.text.get(span.start()..span.end()) {
            Some(written) if !written.is_empty() && !written.starts_with(['*', '&', '!']) => {
                written.to_owned()
            }
            _ => match &node.value {
                Value::Bool(b) => b.to_string(),
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                Value::Str(s) => s.clone(),
                _ => String::new(),
            },
        }
    }

    /// The entries of a mapping that reads as `what` ("a key result") with
    /// the given fields; unknown keys are reported here.
    pub(crate) fn mapping<'n>(
        &mut self,
        node: &'n Node,
        key: &str,
        what: &str,
        fields: &'static [&'static str],
    ) -> Option<Entries<'n>> {
        let Value::Map(entries) = &node.value else {
            let span = self.span(node);
            let hint = match &node.value {
                Value::Str(s) if fields.contains(&"target") => format!(
                    "write {what} as `field: value` lines: `title: {}` and what measures it (`target:`, `done: false` or `keep_above:`)",
                    first_line(s)
                ),
                Value::Str(s) if fields.contains(&"title") => format!(
                    "write {what} as `field: value` lines, e.g. `title: {}`",
                    first_line(s)
                ),
                _ => format!(
                    "write {what} as `field: value` lines: {}",
                    fields.join(", ")
                ),
            };
            let place = if key.is_empty() {
                String::new()
            } else {
                format!(" in `{key}`")
            };
            self.report(
                span,
                format!(
                    "expected {what} (`field: value` lines){place}, found {}",
                    node.value.describe()
                ),
                hint,
            );
            return None;
        };
        let mut known = Vec::with_capacity(entries.len());
        let mut meant = Vec::new();
        for (k, v) in entries {
            let name = match &k.value {
                Value::Str(s) => s.clone(),
                Value::Seq(_) | Value::Map(_) | Value::Null => {
                    let span = self.span(k);
                    self.report(
                        span,
                        format!("a key of {what} is {}, not a name", k.value.describe()),
                        format!("write one of: {}", fields.join(", ")),
                    );
                    continue;
                }
                _ => self.scalar_text(k),
            };
            if let Some(field) = fields.iter().find(|f| **f == name) {
                if known.iter().any(|(k, _)| k == field) {
                    let span = self.span(k);
                    self.duplicate(span, &name);
                    continue;
                }
                known.push((*field, v));
            } else {
                let span = self.span(k);
                let (hint, field) = unknown_field_hint(&name, fields);
                meant.extend(field.map(|f| (f, v)));
                self.report(span, format!("unknown field `{name}`"), hint);
            }
        }
        // A field written under a name reported as a typo or another tool's
        // name is read as that field (unless it is also written), so what it
        // holds is checked in the same run and it is not also missing.
        meant.retain(|(f, _)| !known.iter().any(|(k, _)| k == f));
        let mut seen: Vec<&str> = Vec::new();
        meant.retain(|(f, _)| {
            let first = !seen.contains(f);
            seen.push(f);
            first
        });
        known.extend(meant);
        Some(Entries { entries: known })
    }
}

/// The first line of a text, shortened, for a hint.
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line.to_owned(),
    }
}

/// Names other tools (and people) give okr's fields.
const SYNONYMS: &[(&str, &str)] = &[
    ("name", "title"),
    ("krs", "key_results"),
    ("keyresults", "key_results"),
    ("key-results", "key_results"),
    ("results", "key_results"),
    ("goal", "target"),
    ("goals", "objectives"),
    ("okrs", "objectives"),
    ("baseline", "start"),
    ("initial", "start"),
    ("actual", "current"),
    ("comment", "note"),
    ("comments", "note"),
    ("notes", "note"),
    ("updates", "checkins"),
    ("check_ins", "checkins"),
    ("check-ins", "checkins"),
    ("owners", "owner"),
    ("assignee", "owner"),
    ("lead", "owner"),
    ("aligned_to", "aligns_to"),
    ("align_to", "aligns_to"),
    ("type", "kind"),
    ("completed", "done"),
    ("complete", "done"),
    ("due_date", "due"),
    ("deadline", "due"),
    ("units", "unit"),
];

/// The hint of an unknown field, and the field it was meant to be: the one
/// okr names it, when it is a known synonym or a likely typo. Else the hint
/// lists the fields there are.
fn unknown_field_hint(name: &str, fields: &[&'static str]) -> (String, Option<&'static str>) {
    let lower = name.trim().to_lowercase();
    if let Some((_, ours)) = SYNONYMS
        .iter()
        .find(|(theirs, ours)| *theirs == lower && fields.contains(ours))
    {
        return (format!("okr calls this `{ours}`"), Some(ours));
    }
    if lower == "status" || lower == "state" {
        let hint = format!(
            "okr works out the status from the values and check-ins; the fields here are: {}",
            fields.join(", ")
        );
        return (hint, None);
    }
    match crate::diagnostic::suggest::closest(name, fields.iter().copied()) {
        Some(field) => {
            let field = fields.iter().copied().find(|f| *f == field);
            (
                format!("did you mean `{}`?", field.unwrap_or_default()),
                field,
            )
        }
        None => (format!("expected one of: {}", fields.join(", ")), None),
    }
}

/// A mapping's known entries, taken one field at a time.
pub(crate) struct Entries<'n> {
    entries: Vec<(&'static str, &'n Node)>,
}

impl Entries<'_> {
    /// The value of `field`, or its absent value.
    pub(crate) fn take<T: Slot>(&mut self, r: &mut Reader<'_>, field: &'static str) -> T {
        match self.entries.iter().find(|(k, _)| *k == field) {
            Some((_, node)) => T::from_node(node, r, field),
            None => T::absent(),
        }
    }
}

/// A value read from one node. `None` means it was not of the type, and
/// that was reported. `key` names the field for messages (`target`); items
/// of a list get the list's key.
pub(crate) trait Read: Sized {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self>;
}

/// A struct field: what a missing key gives, and what a written one does.
pub(crate) trait Slot: Sized {
    fn absent() -> Self;
    fn from_node(node: &Node, r: &mut Reader<'_>, key: &str) -> Self;
}

impl<T: Read> Slot for Option<T> {
    fn absent() -> Self {
        None
    }

    fn from_node(node: &Node, r: &mut Reader<'_>, key: &str) -> Self {
        <Option<T> as Read>::read(node, r, key).flatten()
    }
}

impl<T: Read> Slot for Field<T> {
    fn absent() -> Self {
        absent()
    }

    fn from_node(node: &Node, r: &mut Reader<'_>, key: &str) -> Self {
        let span = r.span(node);
        if matches!(node.value, Value::Null) {
            return Field {
                value: None,
                span,
                state: State::Written,
            };
        }
        let dropped = r.dropped;
        match T::read(node, r, key) {
            Some(value) => Field {
                value: Some(value),
                span,
                state: if r.dropped > dropped {
                    State::Partial
                } else {
                    State::Written
                },
            },
            None => Field {
                value: None,
                span,
                state: State::Invalid,
            },
        }
    }
}

impl<T: Read> Read for Option<T> {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        match node.value {
            Value::Null => Some(None),
            _ => T::read(node, r, key).map(Some),
        }
    }
}

impl<T: Read> Read for Spanned<T> {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        let span = r.span(node);
        T::read(node, r, key).map(|value| Spanned { value, span })
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        match &node.value {
            Value::Seq(items) => {
                let read: Vec<T> = items.iter().filter_map(|i| T::read(i, r, key)).collect();
                r.dropped += items.len() - read.len();
                Some(read)
            }
            other => {
                let span = r.span(node);
                let hint = match other {
                    Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                        format!(
                            "write a list, even of one: `{key}: [{}]`",
                            r.scalar_text(node)
                        )
                    }
                    _ => "write a list: one `- item` a line, or `[a, b]`; an empty one is `[]`"
                        .to_owned(),
                };
                r.report(
                    span,
                    format!("`{key}` should be a list, found {}", other.describe()),
                    hint,
                );
                None
            }
        }
    }
}

impl<K: Read, V: Read> Read for OrderedMap<K, V> {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        let Value::Map(entries) = &node.value else {
            let span = r.span(node);
            r.report(
                span,
                format!(
                    "`{key}` should be a mapping (`name: value` lines), found {}",
                    node.value.describe()
                ),
                "write one `name: value` line for each entry, indented under the key".to_owned(),
            );
            return None;
        };
        let mut read = Vec::with_capacity(entries.len());
        for (i, (k, v)) in entries.iter().enumerate() {
            if let Value::Str(name) = &k.value
                && entries[..i]
                    .iter()
                    .any(|(earlier, _)| matches!(&earlier.value, Value::Str(e) if e == name))
            {
                let span = r.span(k);
                r.duplicate(span, name);
                continue;
            }
            let name = K::read(k, r, key);
            let value = V::read(v, r, key);
            if let (Some(name), Some(value)) = (name, value) {
                read.push((name, value));
            } else {
                r.dropped += 1;
            }
        }
        Some(OrderedMap(read))
    }
}

impl Read for String {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Bool(_) | Value::Int(_) | Value::Float(_) => Some(r.scalar_text(node)),
            other => {
                let span = r.span(node);
                let found = other.describe();
                r.report(
                    span,
                    format!("`{key}` should be a text, found {found}"),
                    "write the text after the key on one line (quote it if it holds `: ` or ` #`)"
                        .to_owned(),
                );
                None
            }
        }
    }
}

/// `owner:`: one text, a list of texts (`[lena, sam]`), or one text that
/// names several separated by commas or semicolons (`ana, tom`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Owners(pub Vec<Spanned<String>>);

impl Read for Owners {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        let span = r.span(node);
        let one = |text: String| -> Vec<Spanned<String>> {
            text.split([',', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| Spanned {
                    value: t.to_owned(),
                    span,
                })
                .collect()
        };
        match &node.value {
            Value::Seq(_) => {
                let items = <Vec<Spanned<String>> as Read>::read(node, r, key)?;
                Some(Owners(
                    items
                        .into_iter()
                        .flat_map(|item| {
                            let at = item.span;
                            one(item.value).into_iter().map(move |mut o| {
                                o.span = at;
                                o
                            })
                        })
                        .collect(),
                ))
            }
            _ => String::read(node, r, key).map(|text| Owners(one(text))),
        }
    }
}

impl Read for bool {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        let text = match &node.value {
            Value::Bool(b) => return Some(*b),
            Value::Str(s) => s.trim(),
            _ => "",
        };
        match text {
            "true" | "True" | "TRUE" => return Some(true),
            "false" | "False" | "FALSE" => return Some(false),
            _ => {}
        }
        let span = r.span(node);
        let found = node.value.describe();
        let hint = match text.to_lowercase().as_str() {
            "yes" | "y" | "on" | "done" | "x" => format!("write `{key}: true`"),
            "no" | "n" | "off" => format!("write `{key}: false`"),
            _ => format!("write `{key}: true` or `{key}: false`"),
        };
        r.report(
            span,
            format!("`{key}` should be `true` or `false`, found {found}"),
            hint,
        );
        None
    }
}

impl Read for i64 {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        let whole = match &node.value {
            Value::Int(i) => i64::try_from(*i).ok(),
            Value::Str(s) => integer_text(s),
            _ => None,
        };
        if whole.is_none() {
            let span = r.span(node);
            let found = node.value.describe();
            r.report(
                span,
                format!("`{key}` should be a whole number, found {found}"),
                "write a whole number such as 3".to_owned(),
            );
        }
        whole
    }
}

impl Read for Amount {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        // YAML's own spellings of infinity and NaN are numbers, which the
        // model reports (O012); a number too large for a float is not.
        if let Value::Str(s) = &node.value
            && let Some(value) = yaml_non_finite(s)
            && yaml_non_finite(&r.scalar_text(node)).is_some()
        {
            return Some(Amount {
                value,
                percent: false,
            });
        }
        match number(&node.value) {
            Ok(amount) => Some(amount),
            Err(problem) => {
                let span = r.span(node);
                let written = r.scalar_text(node);
                let (message, hint) = problem.explain(key, &node.value, &written);
                r.report(span, message, hint);
                None
            }
        }
    }
}

/// A measure's `target:`: a number, or `tbd` (also `tba`, `to be
/// decided`, `to be determined`) while the target is still to be decided.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Target {
    Amount(Amount),
    ToBeDecided,
}

impl Target {
    /// The words that say a target is still to be decided.
    fn is_tbd(text: &str) -> bool {
        matches!(
            text.trim().to_lowercase().as_str(),
            "tbd" | "tba" | "to be decided" | "to be determined" | "to be defined"
        )
    }
}

impl Read for Target {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        if let Value::Str(s) = &node.value
            && Target::is_tbd(s)
        {
            return Some(Target::ToBeDecided);
        }
        Amount::read(node, r, key).map(Target::Amount)
    }
}

impl Read for Fraction {
    fn read(node: &Node, r: &mut Reader<'_>, key: &str) -> Option<Self> {
        Amount::read(node, r, key).map(|a| {
            if a.percent {
                Fraction(a.value / 100.0)
            } else {
                Fraction(a.value)
            }
        })
    }
}

/// Why a value is not a number.
#[derive(Debug, PartialEq)]
enum NotANumber {
    /// Too large for a float (`1e400`), or `inf` written as text.
    NotFinite,
    /// A number with a currency, separators, a multiplier or a unit: the
    /// plain number and the unit to write.
    Disguised {
        number: String,
        unit: Option<String>,
    },
    Other,
}

impl NotANumber {
    fn explain(&self, key: &str, value: &Value, written: &str) -> (String, String) {
        let found = value.describe();
        let key = if key.is_empty() { "value" } else { key };
        match self {
            NotANumber::NotFinite => (
                format!("`{key}` is `{}`, too large to be a number", written.trim()),
                "write a plain, finite number such as 42 or 0.5".to_owned(),
            ),
            NotANumber::Disguised { number, unit } => {
                let hint = match unit {
                    Some(unit) if key == "value" => format!(
                        "write `{key}: {number}`, with `unit: {unit}` on its key result or measure"
                    ),
                    Some(unit) => format!("write `{key}: {number}` and `unit: {unit}`"),
                    None => format!("write `{key}: {number}`"),
                };
                (
                    format!("`{key}` should be a plain number, found {found}"),
                    hint,
                )
            }
            NotANumber::Other => (
                format!("`{key}` should be a number, found {found}"),
                "write a plain number such as 42, 0.5 or 45%".to_owned(),
            ),
        }
    }
}

/// A value as a number: YAML numbers, numbers in quotes, and percentages.
fn number(value: &Value) -> Result<Amount, NotANumber> {
    let plain = |value: f64| Amount {
        value,
        percent: false,
    };
    match value {
        Value::Int(i) => Ok(plain(*i as f64)),
        Value::Float(f) if f.is_finite() => Ok(plain(*f)),
        Value::Float(_) => Err(NotANumber::NotFinite),
        Value::Str(s) => {
            let t = s.trim();
            if let Some(n) = decimal(t) {
                return finite(n).map(plain);
            }
            if let Some(n) = t.strip_suffix('%').and_then(|n| decimal(n.trim_end())) {
                return finite(n).map(|value| Amount {
                    value,
                    percent: true,
                });
            }
            if let Some(n) = integer_text(t) {
                return Ok(plain(n as f64));
            }
            let lower = t.to_ascii_lowercase();
            if matches!(
                lower.trim_start_matches(['+', '-']),
                ".inf" | "inf" | "infinity" | ".nan" | "nan"
            ) {
                return Err(NotANumber::NotFinite);
            }
            match disguised(t) {
                Some((number, unit)) => Err(NotANumber::Disguised { number, unit }),
                None => Err(NotANumber::Other),
            }
        }
        _ => Err(NotANumber::Other),
    }
}

/// `.inf`, `-.inf`, `+.inf` and `.nan` in YAML's spellings.
fn yaml_non_finite(text: &str) -> Option<f64> {
    let t = text.trim();
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.strip_prefix('+').unwrap_or(t)),
    };
    match body {
        ".inf" | ".Inf" | ".INF" => Some(sign * f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" if sign > 0.0 && !t.starts_with('+') => Some(f64::NAN),
        _ => None,
    }
}

fn finite(n: f64) -> Result<f64, NotANumber> {
    if n.is_finite() {
        Ok(n)
    } else {
        Err(NotANumber::NotFinite)
    }
}

/// A plain decimal number (`-12`, `0.5`, `.5`, `1e3`), as YAML writes one.
fn decimal(t: &str) -> Option<f64> {
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let ok = !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && digits(e)
        });
    if ok { t.parse().ok() } else { None }
}

/// A whole number as YAML writes one in okr's files: decimal, `0x`, `0o`
/// or `0b`, with single `_` between digits.
pub(crate) fn integer_text(t: &str) -> Option<i64> {
    let t = t.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) = match body.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => (16, &body[2..]),
        Some("0o") => (8, &body[2..]),
        Some("0b") => (2, &body[2..]),
        _ => (10, body),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || (radix == 10 && digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let n = i64::from_str_radix(&clean, radix).ok()?;
    Some(if negative { -n } else { n })
}

/// A number written with a currency, thousands separators, a multiplier
/// or a unit (`$1.2M`, `1,200,000`, `1.2k users`, `12 ms`): the plain
/// number to write instead, and the unit if any.
fn disguised(t: &str) -> Option<(String, Option<String>)> {
    const CURRENCIES: [(&str, &str); 6] = [
        ("US$", "USD"),
        ("$", "USD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("¥", "JPY"),
        ("₹", "INR"),
    ];
    let (negative, rest) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest.trim_start()),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let mut currency = None;
    let mut rest = rest;
    for (symbol, code) in CURRENCIES {
        if let Some(r) = rest.strip_prefix(symbol) {
            currency = Some(code);
            rest = r.trim_start();
            break;
        }
    }
    let digits_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let (digits, tail) = rest.split_at(digits_end);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        let valid = (1..=3).contains(&first.len())
            && first.bytes().all(|b| b.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            return None;
        }
        whole.replace(',', "")
    } else {
        whole.to_owned()
    };
    let tail = tail.trim();
    // A multiplier right after the number, then an optional unit.
    let word_end = tail
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(tail.len());
    let (word, after) = tail.split_at(word_end);
    let money = currency.is_some();
    let exponent = match word {
        "k" | "K" => Some(3),
        "M" | "MM" | "mn" | "million" => Some(6),
        "m" | "mm" if money => Some(6),
        "B" | "bn" | "billion" => Some(9),
        "b" if money => Some(9),
        "thousand" => Some(3),
        _ => None,
    };
    let unit_text = if exponent.is_some() {
        after.trim()
    } else {
        tail
    };
    let unit_ok = unit_text.is_empty()
        || (unit_text.chars().count() <= 24
            && unit_text
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '/' || c == '%')
            && !unit_text.chars().any(|c| c.is_ascii_digit()));
    if !unit_ok || (exponent.is_none() && unit_text.is_empty() && !money && !digits.contains(',')) {
        return None;
    }
    let number = format!(
        "{negative}{}",
        shifted(&whole, fraction, exponent.unwrap_or(0))
    );
    let unit = match (currency, unit_text) {
        (Some(code), "") => Some(code.to_owned()),
        (Some(code), words) if words.eq_ignore_ascii_case(code) => Some(code.to_owned()),
        (Some(code), words) => Some(format!("{code} {words}")),
        (None, "") => None,
        (None, words) => Some(words.to_owned()),
    };
    Some((number, unit))
}

/// `whole.fraction` times ten to the `exponent`, as exact decimal text.
fn shifted(whole: &str, fraction: &str, exponent: usize) -> String {
    let mut digits = format!("{whole}{fraction}");
    let mut point = whole.len() + exponent;
    while digits.len() < point {
        digits.push('0');
    }
    let (int, frac) = digits.split_at(point);
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    point = int.len();
    let int = if point == 0 { "0" } else { int };
    if frac.is_empty() {
        int.to_owned()
    } else {
        format!("{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Result<Amount, NotANumber> {
        number(&Value::Str(text.to_owned()))
    }

    fn rewrite(text: &str) -> Option<(String, Option<String>)> {
        match amount(text) {
            Err(NotANumber::Disguised { number, unit }) => Some((number, unit)),
            _ => None,
        }
    }

    #[test]
    fn percentages_and_numbers_in_quotes_are_numbers() {
        assert_eq!(
            amount("45%"),
            Ok(Amount {
                value: 45.0,
                percent: true
            })
        );
        assert_eq!(
            amount(" 12.5 % "),
            Ok(Amount {
                value: 12.5,
                percent: true
            })
        );
        assert_eq!(amount("42").map(|a| a.value), Ok(42.0));
        assert_eq!(amount("-.5").map(|a| a.value), Ok(-0.5));
        assert_eq!(amount("0x10").map(|a| a.value), Ok(16.0));
        assert_eq!(amount(".inf"), Err(NotANumber::NotFinite));
        assert_eq!(amount("nan"), Err(NotANumber::NotFinite));
        assert_eq!(amount("lots"), Err(NotANumber::Other));
    }

    #[test]
    fn numbers_in_disguise_get_their_exact_rewrite() {
        let s = |n: &str, u: Option<&str>| Some((n.to_owned(), u.map(str::to_owned)));
        assert_eq!(rewrite("$1.2M"), s("1200000", Some("USD")));
        assert_eq!(rewrite("$5.1M"), s("5100000", Some("USD")));
        assert_eq!(rewrite("1,200,000"), s("1200000", None));
        assert_eq!(rewrite("1.2k"), s("1200", None));
        assert_eq!(rewrite("12 ms"), s("12", Some("ms")));
        assert_eq!(rewrite("1.2k users"), s("1200", Some("users")));
        assert_eq!(rewrite("€300"), s("300", Some("EUR")));
        assert_eq!(rewrite("-$2.5m"), s("-2500000", Some("USD")));
        assert_eq!(rewrite("0.25M"), s("250000", None));
        assert_eq!(rewrite("12m"), s("12", Some("m")));
        assert_eq!(rewrite("1,20,000"), None);
        assert_eq!(rewrite("p99 300ms"), None);
        assert_eq!(rewrite("40-50"), None);
        assert_eq!(rewrite("Q4"), None);
    }

    #[test]
    fn whole_numbers_as_yaml_writes_them() {
        assert_eq!(integer_text("1_000"), Some(1000));
        assert_eq!(integer_text("0x1F"), Some(31));
        assert_eq!(integer_text("-0b101"), Some(-5));
        assert_eq!(integer_text("007"), None);
        assert_eq!(integer_text("1__0"), None);
        assert_eq!(integer_text("12.0"), None);
    }

    #[test]
    fn unknown_fields_suggest_only_likely_typos_and_synonyms() {
        let fields = ["id", "title", "start", "target", "current", "checkins"];
        let hint = |name| unknown_field_hint(name, &fields);
        assert_eq!(
            hint("titel"),
            ("did you mean `title`?".to_owned(), Some("title"))
        );
        assert_eq!(
            hint("goal"),
            ("okr calls this `target`".to_owned(), Some("target"))
        );
        assert!(hint("status").0.starts_with("okr works out the status"));
        assert_eq!(hint("status").1, None);
        assert!(hint("zebra").0.starts_with("expected one of"));
    }
}
