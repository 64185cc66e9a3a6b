//! Source locations. Every model node keeps the span it was loaded from, so a
//! rule can point at the exact YAML node at fault without reading text again.
//!
//! A span is two 32-bit byte offsets (8 bytes; a large repository holds
//! millions of them). Lines and columns, as people count them, are worked
//! out from the text only for the spans a finding points at (`Lines`).

use serde::Serialize;
use std::num::NonZeroU32;

/// A region of one file: the byte range of a node, trailing line breaks and
/// spaces excluded. Offsets past `u32::MAX - 1` are saturated (a file that
/// large is refused by `max_file_bytes` long before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    start: u32,
    /// One more than the end, so an `Option<Span>`, and an optional value
    /// with a span, costs no extra word.
    end_plus_one: NonZeroU32,
}

impl Default for Span {
    fn default() -> Self {
        Span::FILE
    }
}

impl Span {
    /// The start of a file, for findings about a whole file.
    pub(crate) const FILE: Span = Span {
        start: 0,
        end_plus_one: NonZeroU32::MIN,
    };

    /// The bytes `start..end` of `text`, moved back to character boundaries
    /// and clamped to the text; a block scalar's trailing blank lines and
    /// spaces are not part of it.
    pub(crate) fn new(text: &str, start: usize, end: usize) -> Span {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let inner = text[start..end].trim_end_matches([' ', '\t', '\n', '\r']);
        let start = saturate(start);
        let end = saturate(start as usize + inner.len()).max(start);
        Span {
            start,
            end_plus_one: NonZeroU32::MIN.saturating_add(end),
        }
    }

    /// A span known only by its start position (1-based line, character column).
    pub(crate) fn point(text: &str, line: usize, column: usize) -> Span {
        let start = byte_of(text, line, column);
        Span::new(text, start, start)
    }

    /// The first byte.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        (self.end_plus_one.get() - 1) as usize
    }

    /// Line and column of the start and the end, counting the whole text
    /// (scans it; for many spans of one text build a `Lines` once).
    pub(crate) fn position(self, text: &str) -> Position {
        Lines::new(text).position(self)
    }
}

fn saturate(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX).min(u32::MAX - 1)
}

/// Where a span lies as people count: 1-based lines, and 1-based columns
/// counting characters. The end is exclusive: the column after the last
/// character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Default for Position {
    /// The start of a file.
    fn default() -> Self {
        Position {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        }
    }
}

/// The line starts of one text, to turn byte offsets into lines and columns
/// in logarithmic time. Lines end with LF, CRLF or a lone CR, as YAML counts
/// them.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    /// The line and column of byte `offset` (clamped to the text).
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let bytes = self.text.as_bytes();
        if offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
            // Inside a CRLF: the end of the line it ends.
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }

    /// The position of `span` in this text.
    pub(crate) fn position(&self, span: Span) -> Position {
        let (line, column) = self.line_column(span.start());
        let (end_line, end_column) = self.line_column(span.end());
        Position {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte offset of a 1-based line and character column, clamped to the text;
/// lines end with LF, CRLF or a lone CR.
fn byte_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find(['\n', '\r']) {
            Some(i) if text[offset + i..].starts_with("\r\n") => offset += i + 2,
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[offset..];
    let line_text = rest.split(['\n', '\r']).next().unwrap_or("");
    offset
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(p: Position) -> (usize, usize, usize, usize) {
        (p.line, p.column, p.end_line, p.end_column)
    }

    #[test]
    fn ends_count_characters_not_bytes() {
        let text = "a: é\nbb: x\n";
        assert_eq!(at(Span::new(text, 3, 5).position(text)), (1, 4, 1, 5));
        let block = "k: |\n  x\n  yz\n";
        assert_eq!(
            at(Span::new(block, 3, block.len()).position(block)),
            (1, 4, 3, 5),
            "trailing line breaks are not part of it"
        );
    }

    #[test]
    fn a_lone_cr_ends_a_line_as_in_yaml() {
        let text = "a: b\rc\r\nd: e\n";
        assert_eq!(at(Span::new(text, 3, 6).position(text)), (1, 4, 2, 2));
        let e = Span::point(text, 3, 4);
        assert_eq!(e.start(), text.find('e').unwrap_or(0));
        assert_eq!(at(e.position(text)), (3, 4, 3, 4));
        let lines = Lines::new(text);
        assert_eq!(lines.line_column(6), (2, 2), "the CR of a CRLF ends line 2");
        assert_eq!(lines.line_column(7), (2, 2), "so does its LF");
    }

    #[test]
    fn point_finds_the_byte_of_a_position() {
        let text = "é: 1\nkey: 2\n";
        assert_eq!(Span::point(text, 2, 6).start(), text.find('2').unwrap_or(0));
        assert_eq!(Span::point(text, 9, 1).start(), text.len());
    }

    #[test]
    fn offsets_are_clamped_to_the_text_and_its_characters() {
        let text = "é\n";
        assert_eq!(
            (Span::new(text, 1, 99).start(), Span::new(text, 1, 99).end()),
            (0, 2)
        );
        assert_eq!(
            at(Lines::new(text).position(Span::new(text, 9, 9))),
            (2, 1, 2, 1)
        );
        assert_eq!(at(Span::FILE.position("")), (1, 1, 1, 1));
        assert_eq!(std::mem::size_of::<Option<Span>>(), 8);
        assert_eq!(std::mem::size_of::<Option<(f64, Span)>>(), 16);
    }
}
