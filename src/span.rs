//! Source locations. Every model node keeps the span it was loaded from, so a
//! rule can point at the exact YAML node at fault without reading text again.

use serde::Serialize;

/// A region of one file: 1-based lines and columns (columns count characters),
/// plus the byte range used to draw the source snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    #[serde(skip)]
    pub start_byte: usize,
    #[serde(skip)]
    pub end_byte: usize,
}

impl Span {
    /// The start of a file, for findings about a whole file.
    pub const FILE: Span = Span {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        start_byte: 0,
        end_byte: 0,
    };

    /// A span known only by its start position.
    pub fn point(text: &str, line: usize, column: usize) -> Span {
        let start_byte = byte_of(text, line, column);
        Span {
            line,
            column,
            end_line: line,
            end_column: column,
            start_byte,
            end_byte: start_byte,
        }
    }

    /// A span whose start position is known, ending at byte `end`; only the
    /// text between the two is scanned.
    pub fn starting_at(text: &str, line: usize, column: usize, start: usize, end: usize) -> Span {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        // A block scalar's span runs over the blank lines after it; stop at its text.
        let inner = text[start..end].trim_end_matches([' ', '\t', '\n', '\r']);
        let end = start + inner.len();
        // Lines end with LF, CRLF or a lone CR, as YAML counts them.
        let (end_line, end_column) = match inner.rfind(['\n', '\r']) {
            Some(i) => (
                line + inner.matches(['\n', '\r']).count() - inner.matches("\r\n").count(),
                inner[i + 1..].chars().count() + 1,
            ),
            None => (line, column + inner.chars().count()),
        };
        Span {
            line,
            column,
            end_line,
            end_column,
            start_byte: start,
            end_byte: end,
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

    #[test]
    fn ends_count_characters_not_bytes() {
        let text = "a: é\nbb: x\n";
        let accent = Span::starting_at(text, 1, 4, 3, 5);
        assert_eq!((accent.end_line, accent.end_column), (1, 5));
        let block = "k: |\n  x\n  yz\n";
        let span = Span::starting_at(block, 1, 4, 3, block.len());
        assert_eq!(
            (span.end_line, span.end_column),
            (3, 5),
            "trailing line breaks are not part of it"
        );
    }

    #[test]
    fn a_lone_cr_ends_a_line_as_in_yaml() {
        let text = "a: b\rc\r\nd: e\n";
        let span = Span::starting_at(text, 1, 4, 3, 6);
        assert_eq!((span.end_line, span.end_column), (2, 2));
        assert_eq!(
            Span::point(text, 3, 4).start_byte,
            text.find('e').unwrap_or(0)
        );
    }

    #[test]
    fn point_finds_the_byte_of_a_position() {
        let text = "é: 1\nkey: 2\n";
        assert_eq!(
            Span::point(text, 2, 6).start_byte,
            text.find('2').unwrap_or(0)
        );
        assert_eq!(Span::point(text, 9, 1).start_byte, text.len());
    }
}
