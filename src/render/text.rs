//! User-written text made safe for each kind of output, in one place:
//! titles, ids and owners come from files anyone with commit rights can
//! write, and must not restyle a terminal, fake a line, issue a GitHub
//! Actions workflow command, break a Markdown table, form a link or
//! mention people.

/// Characters a reader cannot see or that change how the text around them
/// reads: control characters (ANSI escapes, newlines, C1), the directional
/// formatting characters that can make text read backwards (and the Arabic
/// letter mark), line and paragraph separators, zero-width characters and
/// the byte order mark, tag characters, and the other invisible format
/// characters and fillers that show as nothing. The one definition every
/// output uses: terminal, table, Markdown and HTML replace them, diagnostic
/// messages write them out as escapes, JSON and SARIF as `\uXXXX`.
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}' // soft hyphen
            | '\u{034F}' // combining grapheme joiner
            | '\u{061C}' // Arabic letter mark
            | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
            | '\u{17B4}' | '\u{17B5}' // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}' // Mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; LRM, RLM
            | '\u{2028}'..='\u{202E}' // line and paragraph separators; embeddings, overrides
            | '\u{2060}'..='\u{206F}' // word joiner, invisible operators, isolates
            | '\u{FEFF}' // zero-width no-break space, the byte order mark
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
            | '\u{1BCA0}'..='\u{1BCA3}' // shorthand format controls
            | '\u{1D173}'..='\u{1D17A}' // musical format controls
            | '\u{E0000}'..='\u{E007F}' // tag characters
        )
}

/// Text for a terminal line or a CI log: hidden characters become spaces,
/// and the text cannot be read as a workflow command (see `inert_in_logs`).
pub(crate) fn terminal(text: &str) -> String {
    inert_in_logs(visible(text))
}

/// Text with its hidden characters made spaces and nothing else changed:
/// for the labels of diagrams (SVG, Mermaid, DOT), which their own
/// escaping then makes safe for their reader, and which are drawn, not
/// printed to a log line by line.
pub(crate) fn visible(text: &str) -> String {
    text.chars()
        .map(|c| if is_hidden(c) { ' ' } else { c })
        .collect()
}

/// Text for a diagnostic message: hidden characters written out as escapes
/// (`\u{1b}`), so the reader sees exactly what the file holds; and, as on
/// a terminal, no workflow command (see `inert_in_logs`).
pub(crate) fn escaped(text: &str) -> String {
    inert_in_logs(annotation(text))
}

/// Text for the message or a property of okr's own workflow command
/// (`--format github`), which `render::github` then percent-encodes:
/// hidden characters written out as escapes, as in `escaped`. The runner
/// reads the whole line as okr's command, so a `::` or `##[` inside it is
/// data, and a `file=` path must stay the file's real path.
pub(crate) fn annotation(text: &str) -> String {
    if !text.chars().any(is_hidden) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_hidden(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The GitHub Actions runner reads a log line whose start, after white
/// space, is `::name ...::` as a workflow command, and a line holding
/// `##[name` anywhere as one in the legacy syntax. So user text, which may
/// begin a line or follow okr's indentation, never begins with `::` (nor
/// is a lone `:` that okr's own `:` could complete) after white space, and
/// never holds `##[`: that colon, or the second `#`, is written as a
/// visible escape, `\u{3a}` or `\u{23}`. Only `okr check --format github`
/// writes commands, its own, one per finding.
fn inert_in_logs(text: String) -> String {
    let leading = text.trim_start();
    let starts_command =
        leading.starts_with(':') && (leading.len() == 1 || leading.starts_with("::"));
    if !starts_command && !text.contains("##[") {
        return text;
    }
    let lead = text.len() - leading.len();
    let mut out = String::with_capacity(text.len() + 8);
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if i == lead && starts_command {
            out.push_str("\\u{3a}");
        } else if c == '#' && i > 0 && bytes[i - 1] == b'#' && bytes.get(i + 1) == Some(&b'[') {
            out.push_str("\\u{23}");
        } else {
            out.push(c);
        }
    }
    out
}

/// Text that keeps its line breaks (a CSV cell, which spreadsheets show on
/// several lines), as written up to its first break: each later line,
/// split at LF and CR as the GitHub Actions runner splits a log, would
/// begin a line of the printed file, so it is made inert as in `terminal`.
/// The first line follows the cell's opening quote and begins no line; a
/// spreadsheet gets the user's text unchanged there.
pub(crate) fn inert_later_lines(text: &str) -> String {
    let Some(first) = text.find(['\n', '\r']) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..=first]);
    let mut rest = &text[first + 1..];
    while let Some(at) = rest.find(['\n', '\r']) {
        out.push_str(&inert_in_logs(rest[..at].to_owned()));
        out.push_str(&rest[at..at + 1]);
        rest = &rest[at + 1..];
    }
    out.push_str(&inert_in_logs(rest.to_owned()));
    out
}

/// A line of a source file shown under a finding, with the byte offsets of
/// the text unchanged so the caret still points at the same node: hidden
/// characters other than tab become one `?` per byte, and `##[` becomes
/// `#\\[` so the line is no legacy workflow command. (The line is never
/// at the start of an output line: the line number comes first.)
pub(crate) fn source_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        if is_hidden(c) && c != '\t' {
            out.push_str(&"?".repeat(c.len_utf8()));
        } else if c == '#' && i > 0 && bytes[i - 1] == b'#' && bytes.get(i + 1) == Some(&b'[') {
            out.push('\\');
        } else {
            out.push(c);
        }
    }
    out
}

/// Makes user text inert in a GFM table cell, heading or list item, as
/// GitHub renders it (a pull-request comment, a job summary):
/// - Markdown punctuation is backslash-escaped, and `<`, `>` and `&` become
///   entities: no emphasis, link, image, table cell or HTML, and no
///   smuggled entity;
/// - no autolink forms (GFM links bare `http://`, `https://` and `ftp://`
///   URLs, `www.` names and e-mail addresses, whatever escapes surround
///   them): a URL's `://` is shown as `[:]//` and `www.` as `www[.]`, the
///   way security reports defang addresses;
/// - `@` is followed by a zero-width space, so it neither mentions anyone
///   nor ends an e-mail address GFM would link; so is a `#` before a digit,
///   and the `-` of `GH-` before a digit, so `#12`, `owner/repo#12` or
///   `GH-12` links no issue and notifies no thread;
/// - hidden characters (`is_hidden`) become spaces, so the text stays on
///   its line and shows what it says; a leading `-` or `+` (a nested list)
///   and a leading `:` (a workflow command, should the Markdown be printed
///   to a CI log) are escaped.
pub(crate) fn markdown(text: &str) -> String {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    // The first character that shows: hidden ones become spaces.
    let lead = chars
        .iter()
        .take_while(|c| is_hidden(**c) || c.is_whitespace())
        .count();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = |n: usize| chars.get(i + n).copied();
        match c {
            ':' if next(1) == Some('/') && next(2) == Some('/') => out.push_str("\\[:\\]"),
            '.' if i >= 3 && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w')) => {
                out.push_str("\\[.\\]")
            }
            '#' if next(1).is_some_and(|d| d.is_ascii_digit()) => out.push_str("\\#\u{200B}"),
            // GitHub links `GH-12` (any case) to issue 12, like `#12`.
            '-' if i >= 2
                && chars[i - 2].eq_ignore_ascii_case(&'g')
                && chars[i - 1].eq_ignore_ascii_case(&'h')
                && (i == 2 || !chars[i - 3].is_alphanumeric())
                && next(1).is_some_and(|d| d.is_ascii_digit()) =>
            {
                out.push_str("-\u{200B}")
            }
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // A leading `-` or `+` would start a nested list inside a list
            // item; a leading `:` could begin a `::` workflow command.
            '-' | '+' | ':' if i == lead => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("@\u{200B}"),
            c if is_hidden(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Makes user text inert in HTML content and in attribute values (which
/// okr always quotes with `"`): `&`, `<`, `>`, `"` and `'` become entities,
/// so no element, attribute or entity can form; control and directional
/// formatting characters become spaces, as on a terminal; the
/// noncharacters U+FFFE and U+FFFF become U+FFFD.
pub(crate) fn html(text: &str) -> String {
    markup(text, "&#39;")
}

/// Text for XML (SVG) content and attribute values: as `html`, with the
/// apostrophe as XML's own `&apos;`.
pub(crate) fn xml(text: &str) -> String {
    markup(text, "&apos;")
}

fn markup(text: &str, apostrophe: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if is_hidden(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_inert_everywhere() {
        let title = "\u{1b}[31mred\u{202E}txt\n| <b>@team</b>";
        assert_eq!(terminal(title), " [31mred txt | <b>@team</b>");
        assert_eq!(escaped("a\u{1b}b"), "a\\u{1b}b");
        assert_eq!(
            markdown(title),
            " \\[31mred txt \\| &lt;b&gt;@\u{200B}team&lt;/b&gt;"
        );
        assert_eq!(html(title), " [31mred txt | &lt;b&gt;@team&lt;/b&gt;");
        assert_eq!(
            html("\"><img src=x onerror='a'>&amp;\u{FFFF}"),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;amp;\u{FFFD}"
        );
    }

    #[test]
    fn invisible_characters_are_hidden() {
        for c in [
            '\u{061C}',
            '\u{2028}',
            '\u{2029}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{00AD}',
            '\u{85}',
        ] {
            assert!(is_hidden(c), "{}", c.escape_unicode());
            let text = format!("a{c}b");
            assert_eq!(terminal(&text), "a b");
            assert_eq!(markdown(&text), "a b");
            assert_eq!(html(&text), "a b");
            assert_eq!(escaped(&text), format!("a{}b", c.escape_unicode()));
        }
        // Visible text, emoji with their variation selector included, stays.
        for c in ['a', ' ', 'é', '\u{FE0F}', '\u{2011}', '\u{3000}'] {
            assert!(!is_hidden(c), "{}", c.escape_unicode());
        }
    }

    #[test]
    fn user_text_is_no_workflow_command() {
        let cases = [
            (
                "::warning title=pwn::Injected",
                "\\u{3a}:warning title=pwn::Injected",
            ),
            ("  ::error::x", "  \\u{3a}:error::x"),
            ("\u{3000}::error::x", "\u{3000}\\u{3a}:error::x"),
            (":", "\\u{3a}"),
            (":rocket: launch", ":rocket: launch"),
            ("std::fs", "std::fs"),
            ("a ##[error]b", "a #\\u{23}[error]b"),
            ("###[add-mask]x", "##\\u{23}[add-mask]x"),
            ("##x #[y", "##x #[y"),
        ];
        for (text, shown) in cases {
            assert_eq!(terminal(text), shown, "{text}");
            assert_eq!(escaped(text), shown, "{text}");
        }
        assert_eq!(
            inert_later_lines("a\n::warning::x\r ##[error]y"),
            "a\n\\u{3a}:warning::x\r #\\u{23}[error]y"
        );
        assert_eq!(inert_later_lines("::a ##[b]"), "::a ##[b]");
        // A hidden character in front shows as a space on a terminal.
        assert_eq!(terminal("\u{200B}::x"), " \\u{3a}:x");
        assert_eq!(escaped("\u{200B}::x"), "\\u{200b}::x");
        assert_eq!(source_line("t: \"##[error]\u{1b}\""), "t: \"#\\[error]?\"");
        assert_eq!(markdown(" \u{200B}::x ##[y]"), " \\::x \\#\\#\\[y\\]");
    }

    #[test]
    fn no_link_forms_in_markdown() {
        assert_eq!(
            markdown("see GH-12 and gh-3"),
            "see GH-\u{200B}12 and gh-\u{200B}3"
        );
        assert_eq!(markdown("GH-x, high-5"), "GH-x, high-5");
        assert_eq!(
            markdown("see https://attacker.example/x"),
            "see https\\[:\\]//attacker.example/x"
        );
        assert_eq!(
            markdown("WWW.attacker.example"),
            "WWW\\[.\\]attacker.example"
        );
        assert_eq!(markdown("x@y.com"), "x@\u{200B}y.com");
        assert_eq!(
            markdown("<mailto:x@y.com>"),
            "&lt;mailto:x@\u{200B}y.com&gt;"
        );
        assert_eq!(markdown("ftp://a"), "ftp\\[:\\]//a");
        assert_eq!(markdown("a: b"), "a: b");
        assert_eq!(markdown("fixes o/r#12 #x"), "fixes o/r\\#\u{200B}12 \\#x");
    }
}
