//! JSON text for every JSON and SARIF output, in one place: serde_json's
//! own layout (the same indentation and key order), except that characters
//! a terminal, editor or web page could act on or hide are written as
//! `\uXXXX` escapes (a surrogate pair above U+FFFF) instead of raw: control
//! characters (C0 and DEL, which serde_json already escapes in part, and
//! C1, U+0080 to U+009F, which it does not: U+009B starts a terminal
//! sequence), the line and paragraph separators U+2028 and U+2029,
//! direction, zero-width and tag characters, and every character
//! `text::is_hidden` names; and the `[` of `##[`, which the GitHub Actions
//! runner reads as a workflow command anywhere in a log line. The document
//! decodes to exactly the user's text, and is plain ASCII wherever the
//! user's text is.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::render::text::is_hidden;

/// `value` as pretty JSON (two-space indentation), as
/// `serde_json::to_string_pretty` writes it but with hidden characters
/// escaped.
pub(crate) fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, PrettyFormatter::new())
}

fn write<T: Serialize + ?Sized, F: Formatter>(value: &T, inner: F) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Escaping(inner));
    value.serialize(&mut serializer)?;
    // serde_json writes only UTF-8, and this formatter only ASCII escapes.
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

/// A formatter that escapes hidden characters in strings and leaves the
/// rest to `F`.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            // `##[` anywhere in a line is a workflow command to the GitHub
            // Actions runner, should the document be printed to a CI log:
            // its `[` is written `\u005b`, which decodes to the same text.
            let command = c == '[' && fragment[..i].ends_with("##");
            if !is_hidden(c) && !command {
                continue;
            }
            if start < i {
                self.0.write_string_fragment(writer, &fragment[start..i])?;
            }
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        if start < fragment.len() {
            self.0.write_string_fragment(writer, &fragment[start..])?;
        }
        Ok(())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::ser::CompactFormatter;
    use serde_json::{Value, json};

    #[test]
    fn ordinary_documents_are_written_as_serde_json_writes_them() {
        let value = json!({"b": [1, 2.5, null, true], "a": {"t": "plain \"q\" \\ é 😀\n\t"}, "e": [], "o": {}});
        assert_eq!(
            to_string_pretty(&value).expect("serializes"),
            serde_json::to_string_pretty(&value).expect("serializes")
        );
        assert_eq!(
            write(&value, CompactFormatter).expect("serializes"),
            serde_json::to_string(&value).expect("serializes")
        );
    }

    #[test]
    fn hidden_characters_are_escaped_and_decode_back() {
        let text =
            "a\u{9b}2J\u{85}\u{7f}\u{1b}b\u{202E}c\u{2028}d\u{2029}e\u{200B}f\u{2066}g\u{E0041}h";
        let written = write(&json!({ "t": text }), CompactFormatter).expect("serializes");
        assert_eq!(
            written,
            "{\"t\":\"a\\u009b2J\\u0085\\u007f\\u001bb\\u202ec\\u2028d\\u2029e\\u200bf\\u2066g\\udb40\\udc41h\"}"
        );
        assert!(written.is_ascii());
        let back: Value = serde_json::from_str(&written).expect("parses");
        assert_eq!(back["t"], text);
        let text = "a ##[error]b #[c ##d";
        let json = to_string_pretty(&text).expect("a string serializes");
        assert_eq!(json, "\"a ##\\u005berror]b #[c ##d\"");
        assert_eq!(
            serde_json::from_str::<String>(&json).ok().as_deref(),
            Some(text)
        );
    }
}
