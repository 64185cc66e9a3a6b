//! The text edit behind `okr checkin`: insert one check-in into a key
//! result's list in date order (after the last one dated on or before it,
//! so usually at the end) and update its `current` (or `done`), touching
//! only those spots. The
//! loader's spans say where the key result, its check-ins and its values
//! are; the layout around them (block or flow style, indentation, line
//! endings) is read from the text so the new lines look like their
//! neighbours. Everything else in the file stays byte for byte the same.
//!
//! This module only computes the edit. `verify.rs` proves the result means
//! what was intended before anything is written.

use chrono::NaiveDate;
use std::ops::Range;

use crate::edit::emit;
use crate::model::KeyResult;
use crate::model::span::Span;

/// The check-in to append, already validated.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCheckin {
    pub date: NaiveDate,
    /// The measured value; a check-in has it, a grade, or both.
    pub value: Option<f64>,
    /// A grade from 0.0 to 1.0, written `score:`.
    pub score: Option<f64>,
    /// Written as a percentage (`62%`), as its key result writes its
    /// numbers (see [`writes_percent`]); `current` follows.
    pub percent: bool,
    pub confidence: Option<f64>,
    pub note: Option<String>,
}

/// What to change in one key result.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub checkin: NewCheckin,
    /// Where the check-in goes in the list of check-ins (see [`index`]):
    /// their number to append it.
    pub index: usize,
    /// The new `current`, when the key result has one (only when the
    /// check-in is the latest: a backfilled one leaves it as written).
    pub current: Option<f64>,
    /// The new `done`, for a milestone whose state changes.
    pub done: Option<bool>,
    /// The new `score`, when the key result has one and the check-in is
    /// the latest and carries a grade.
    pub score: Option<f64>,
}

/// Where the key result is in the text, as the loader found it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Located<'a> {
    pub key_result: &'a KeyResult,
    /// The value of the `checkins:` key when it is written (a list, `[]` or null).
    pub checkins: Option<Span>,
}

/// The layout could not be edited safely; nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Unsupported(pub String);

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Splice {
    range: Range<usize>,
    text: String,
}

/// A changed region for showing the edit: whole lines before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hunk {
    /// The first old line, 1-based.
    pub line: usize,
    pub old: String,
    pub new: String,
}

/// Whether the key result writes its numbers as percentages (`55%`): its
/// `current` if written, else its latest check-in's value, else its
/// `target` or `start`. A check-in and a new `current` are written the same
/// way, so a key result never mixes the two (L002).
pub fn writes_percent(text: &str, kr: &KeyResult) -> bool {
    let spans = [
        kr.current.map(|n| n.span),
        kr.checkins
            .iter()
            .rev()
            .find_map(|c| c.value)
            .map(|n| n.span),
        kr.target.map(|n| n.span),
        kr.start.map(|n| n.span),
    ];
    spans.into_iter().flatten().next().is_some_and(|span| {
        text.get(span.start()..span.end())
            .unwrap_or_default()
            .trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .ends_with('%')
    })
}

/// A number as a check-in writes it: `62`, or `62%`.
fn value(number: f64, percent: bool) -> String {
    if percent {
        format!("{}%", emit::number(number))
    } else {
        emit::number(number)
    }
}

/// Where a check-in dated `date` goes among the key result's check-ins:
/// after the last one dated on or before it. A check-in dated after all of
/// them is appended (the index is their number) and becomes the latest.
pub fn index(kr: &KeyResult, date: NaiveDate) -> usize {
    kr.checkins
        .iter()
        .rposition(|c| c.date.value <= date)
        .map_or(0, |i| i + 1)
}

/// The edited text, and the changed lines.
pub(crate) fn apply(
    text: &str,
    at: Located<'_>,
    change: &Update,
) -> Result<(String, Vec<Hunk>), Unsupported> {
    let kr = at.key_result;
    let nl = newline(text, kr.span.start());
    let mut splices = Vec::new();
    if let (Some(value), Some(current)) = (change.current, kr.current) {
        splices.push(scalar(
            text,
            current.span,
            &self::value(value, change.checkin.percent),
        )?);
    }
    if let (Some(done), Some((_, span))) = (change.done, kr.done) {
        splices.push(scalar(text, span, if done { "true" } else { "false" })?);
    }
    if let (Some(grade), Some(score)) = (change.score, kr.score) {
        splices.push(scalar(text, score.span, &emit::number(grade))?);
    }
    splices.push(match kr.checkins.get(change.index) {
        Some(next) => before_item(text, next.span.start(), &change.checkin, nl)?,
        None => append(text, at, &change.checkin, nl)?,
    });
    splices.sort_by_key(|s| s.range.start);
    if splices
        .windows(2)
        .any(|w| w[0].range.end > w[1].range.start)
    {
        return Err(Unsupported("the edits overlap".to_owned()));
    }
    let mut out = String::with_capacity(text.len() + 128);
    let mut at_byte = 0;
    for s in &splices {
        out.push_str(&text[at_byte..s.range.start]);
        out.push_str(&s.text);
        at_byte = s.range.end;
    }
    out.push_str(&text[at_byte..]);
    let hunks = splices.iter().map(|s| hunk(text, s)).collect();
    Ok((out, hunks))
}

fn hunk(text: &str, s: &Splice) -> Hunk {
    let first = text[..s.range.start].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..first].matches('\n').count() + 1;
    if s.range.is_empty() && s.range.start == first && s.text.ends_with('\n') {
        return Hunk {
            line,
            old: String::new(),
            new: s.text.clone(),
        };
    }
    let last = text[s.range.end..]
        .find('\n')
        .map_or(text.len(), |i| s.range.end + i + 1);
    Hunk {
        line,
        old: text[first..last].to_owned(),
        new: format!(
            "{}{}{}",
            &text[first..s.range.start],
            s.text,
            &text[s.range.end..last]
        ),
    }
}

/// Replaces one scalar, checking the span holds a plain scalar.
fn scalar(text: &str, span: Span, new: &str) -> Result<Splice, Unsupported> {
    let range = span.start()..span.end();
    let old = text.get(range.clone()).unwrap_or_default();
    if old.is_empty() || old.contains(['\n', '#', '{', '[', ',']) {
        return Err(Unsupported(format!(
            "cannot find the value at line {} to replace",
            span.position(text).line
        )));
    }
    Ok(Splice {
        range,
        text: new.to_owned(),
    })
}

/// The splice that appends the check-in, in the style of its surroundings.
fn append(
    text: &str,
    at: Located<'_>,
    checkin: &NewCheckin,
    nl: &str,
) -> Result<Splice, Unsupported> {
    let kr = at.key_result;
    if let Some(last) = kr.checkins.last() {
        return after_item(text, last.span.start(), checkin, nl);
    }
    if let Some(list) = at.checkins {
        let start = list.start().min(text.len());
        if text[start..].starts_with('[') {
            // `checkins: []`: the first item goes inside the brackets.
            return Ok(insert(start + 1, flow_item(checkin)));
        }
        return Err(Unsupported(format!(
            "`checkins:` at line {} is written with no list; write `checkins: []` or remove it",
            list.position(text).line
        )));
    }
    let start = kr.span.start().min(text.len());
    if text[start..].starts_with('{') {
        // `- {title: ..., target: 5}`: add the key inside the braces.
        let close = flow_end(text, start)
            .ok_or_else(|| Unsupported("cannot find the end of the key result".to_owned()))?;
        let (at_byte, comma) = before_close(text, start, close);
        let sep = if comma { " " } else { ", " };
        return Ok(insert(
            at_byte,
            format!("{sep}checkins: [{}]", flow_item(checkin)),
        ));
    }
    // A block mapping: a new `checkins:` key after its last line, at its keys' column.
    let column = column_of(text, start)?;
    let end = block_end(text, start, column.saturating_sub(1));
    let mut lines = format!("{}checkins:{nl}", " ".repeat(column));
    lines.push_str(&block_item(checkin, column + 2, nl));
    Ok(insert_lines(text, end, lines, nl))
}

/// Appends after the check-in starting at `item`, in its style.
fn after_item(
    text: &str,
    item: usize,
    checkin: &NewCheckin,
    nl: &str,
) -> Result<Splice, Unsupported> {
    let item = item.min(text.len());
    let before = text[..item].trim_end_matches([' ', '\t', '\r', '\n']);
    match before.chars().last() {
        // In a flow list: `, {...}` right after the last item.
        Some('[' | ',') => {
            if !text[item..].starts_with('{') {
                return Err(Unsupported(
                    "a check-in in a flow list is not a {...} mapping".to_owned(),
                ));
            }
            let close = flow_end(text, item)
                .ok_or_else(|| Unsupported("cannot find the end of a check-in".to_owned()))?;
            Ok(insert(close + 1, format!(", {}", flow_item(checkin))))
        }
        // In a block list: a new `- ` item after the last one, at the same column.
        Some('-') => {
            let dash = before.len() - 1;
            let column = column_of(text, dash)?;
            let end = block_end(text, item, column);
            let lines = list_item(checkin, column, text[item..].starts_with('{'), nl);
            Ok(insert_lines(text, end, lines, nl))
        }
        _ => Err(Unsupported(
            "cannot tell how the check-ins are laid out".to_owned(),
        )),
    }
}

/// Inserts before the check-in starting at `item` (a backfilled one), in
/// its style.
fn before_item(
    text: &str,
    item: usize,
    checkin: &NewCheckin,
    nl: &str,
) -> Result<Splice, Unsupported> {
    let item = item.min(text.len());
    let before = text[..item].trim_end_matches([' ', '\t', '\r', '\n']);
    let flow = text[item..].starts_with('{');
    match before.chars().last() {
        // In a flow list: `{...}, ` right before the item.
        Some('[' | ',') if flow => Ok(insert(item, format!("{}, ", flow_item(checkin)))),
        // In a block list: a new `- ` item on the lines before it, at its
        // column, when its dash starts its line.
        Some('-') => {
            let dash = before.len() - 1;
            let line = text[..dash].rfind('\n').map_or(0, |i| i + 1);
            if !text[line..dash].bytes().all(|b| b == b' ') {
                return Err(Unsupported(
                    "cannot insert before a check-in that does not start its line".to_owned(),
                ));
            }
            let column = dash - line;
            Ok(insert(line, list_item(checkin, column, flow, nl)))
        }
        _ => Err(Unsupported(
            "cannot tell how the check-ins are laid out".to_owned(),
        )),
    }
}

fn insert(at: usize, text: String) -> Splice {
    Splice {
        range: at..at,
        text,
    }
}

/// Inserts whole lines at a line start, adding the missing final newline first.
fn insert_lines(text: &str, at: usize, lines: String, nl: &str) -> Splice {
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        return insert(at, format!("{nl}{lines}"));
    }
    insert(at, lines)
}

/// A check-in as an item of a block list, its dash at `column`: a `{...}`
/// mapping on the dash's line when its neighbour is one (`flow`), else a
/// block mapping.
fn list_item(checkin: &NewCheckin, column: usize, flow: bool, nl: &str) -> String {
    if flow {
        format!("{}- {}{nl}", " ".repeat(column), flow_item(checkin))
    } else {
        block_item(checkin, column, nl)
    }
}

/// A check-in as a block list item, its dash at `column`.
fn block_item(checkin: &NewCheckin, column: usize, nl: &str) -> String {
    let dash = " ".repeat(column);
    let key = " ".repeat(column + 2);
    let mut out = format!("{dash}- date: {}{nl}", checkin.date.format("%Y-%m-%d"));
    if let Some(v) = checkin.value {
        out.push_str(&format!("{key}value: {}{nl}", value(v, checkin.percent)));
    }
    if let Some(g) = checkin.score {
        out.push_str(&format!("{key}score: {}{nl}", emit::number(g)));
    }
    if let Some(c) = checkin.confidence {
        out.push_str(&format!("{key}confidence: {}{nl}", emit::number(c)));
    }
    if let Some(note) = &checkin.note {
        out.push_str(&format!("{key}note: {}{nl}", emit::scalar(note)));
    }
    out
}

/// A check-in as a flow mapping, `{date: ..., value: ...}`.
fn flow_item(checkin: &NewCheckin) -> String {
    let mut parts = vec![format!("date: {}", checkin.date.format("%Y-%m-%d"))];
    if let Some(v) = checkin.value {
        parts.push(format!("value: {}", value(v, checkin.percent)));
    }
    if let Some(g) = checkin.score {
        parts.push(format!("score: {}", emit::number(g)));
    }
    if let Some(c) = checkin.confidence {
        parts.push(format!("confidence: {}", emit::number(c)));
    }
    if let Some(note) = &checkin.note {
        parts.push(format!("note: {}", emit::flow_scalar(note)));
    }
    format!("{{{}}}", parts.join(", "))
}

/// The line ending where the edit is made: CRLF if the line at `at` ends so.
fn newline(text: &str, at: usize) -> &'static str {
    let at = at.min(text.len());
    let line_end = text[at..]
        .find('\n')
        .map(|i| at + i)
        .or_else(|| text.find('\n'));
    match line_end {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// The column (0-based, in bytes) of `at` on its line; only spaces and a
/// list dash may come before it, so bytes and characters agree.
fn column_of(text: &str, at: usize) -> Result<usize, Unsupported> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..at];
    if prefix.chars().all(|c| c == ' ' || c == '-') {
        Ok(prefix.len())
    } else {
        Err(Unsupported(
            "the key result does not start its line (only spaces and `- ` may come before it)"
                .to_owned(),
        ))
    }
}

/// The end (a line start, or the end of the text) of the block node that
/// starts at `start`: the lines after its first one that are indented more
/// than `boundary` belong to it. Blank and comment lines count only when a
/// line of the node follows them, so a comment above the next item stays
/// with that item; inside a block scalar (`|`, `>`) every line more
/// indented than its key is the scalar's text, `#` or blank.
fn block_end(text: &str, start: usize, boundary: usize) -> usize {
    let first_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let mut end = first_end;
    // (the key's indentation, whether trailing blank lines belong: `|+`)
    let mut scalar = block_scalar(&text[start..first_end])
        .map(|keep| (indent_of(&text[..first_end], start), keep));
    let mut cursor = end;
    while cursor < text.len() {
        let line_end = text[cursor..]
            .find('\n')
            .map_or(text.len(), |i| cursor + i + 1);
        let line = text[cursor..line_end].trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        match scalar {
            Some((key, keep)) if blank || indent > key => {
                if !blank || keep {
                    end = line_end;
                }
            }
            _ if blank || line.trim_start().starts_with('#') => {}
            _ if indent <= boundary => break,
            _ => {
                end = line_end;
                scalar = block_scalar(line).map(|keep| (indent, keep));
                cursor = line_end;
                continue;
            }
        }
        if scalar.is_some_and(|(key, _)| !blank && indent <= key) {
            scalar = None;
        }
        cursor = line_end;
    }
    end
}

/// The indentation of the line holding byte `at`.
fn indent_of(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    line.len() - line.trim_start_matches([' ', '-']).len()
}

/// Whether a line opens a block scalar (`key: |`, `- >-`, `key: |+ # c`),
/// and if so whether it keeps trailing blank lines (`+`).
fn block_scalar(line: &str) -> Option<bool> {
    let line = line.trim_end_matches(['\n', '\r']);
    let code = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let last = code.trim_end().rsplit([' ', '\t']).next()?;
    let mut chars = last.chars();
    matches!(chars.next(), Some('|' | '>'))
        .then(|| {
            chars
                .all(|c| matches!(c, '+' | '-' | '1'..='9'))
                .then_some(last.contains('+'))
        })
        .flatten()
}

/// The index of the bracket closing the flow collection opened at `open`,
/// skipping quoted strings and comments.
fn flow_end(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    let mut previous = b' ';
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'"' | b'\'' if matches!(previous, b'{' | b'[' | b',' | b':') => {
                i = quoted_end(bytes, i)?;
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            previous = bytes.get(i).copied().unwrap_or(b' ');
        }
        i += 1;
    }
    None
}

/// The index of the quote closing the quoted scalar that opens at `open`.
fn quoted_end(bytes: &[u8], open: usize) -> Option<usize> {
    let quote = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == quote => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where to add a key before the `}` at `close`: right after the last
/// non-blank character, and whether that is already a comma.
fn before_close(text: &str, open: usize, close: usize) -> (usize, bool) {
    let inner = text[open..close].trim_end_matches([' ', '\t', '\r', '\n']);
    (open + inner.len(), inner.ends_with(','))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn block_ends_before_the_next_sibling_and_its_comments() {
        let text = "- a: 1\n  b:\n    - x\n\n  # about the next one\n- a: 2\n";
        assert_eq!(block_end(text, 2, 1), "- a: 1\n  b:\n    - x\n".len());
        let inner = "- a: 1\n# inside\n  b: 2\n- a: 3\n";
        assert_eq!(block_end(inner, 2, 1), "- a: 1\n# inside\n  b: 2\n".len());
        let last = "- a: 1\n  b: 2";
        assert_eq!(block_end(last, 2, 1), last.len());
    }

    #[test]
    fn block_scalars_keep_their_hash_and_blank_lines() {
        let text = "- a: 1\n  note: |\n    x\n\n    # text\n  # comment\n- a: 2\n";
        assert_eq!(
            block_end(text, 2, 1),
            "- a: 1\n  note: |\n    x\n\n    # text\n".len()
        );
        let keep = "- a: 1\n  note: |+ # keep\n    x\n\n- a: 2\n";
        assert_eq!(
            block_end(keep, 2, 1),
            "- a: 1\n  note: |+ # keep\n    x\n\n".len()
        );
        assert_eq!(block_scalar("  note: >-2 # c"), Some(false));
        assert_eq!(block_scalar("  note: a|b"), None);
    }

    #[test]
    fn flow_end_skips_quotes_and_comments() {
        let text = r#"{a: "}", b: 'it''s }', c: [1, {d: 2}] # }
  , e: it's}"#;
        assert_eq!(flow_end(text, 0), Some(text.len() - 1));
    }
}
