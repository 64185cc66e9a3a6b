//! User-written text made safe for each kind of output, in one place:
//! titles, ids and owners come from files anyone with commit rights can
//! write, and must not restyle a terminal, fake a line, break a Markdown
//! table or mention people.

/// Control characters (ANSI escapes, newlines) and the directional
/// formatting characters that can make text read backwards.
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for a terminal line: hidden characters become spaces.
pub(crate) fn terminal(text: &str) -> String {
    text.chars()
        .map(|c| if is_hidden(c) { ' ' } else { c })
        .collect()
}

/// Text for a diagnostic message: hidden characters written out as escapes
/// (`\u{1b}`), so the reader sees exactly what the file holds.
pub(crate) fn escaped(text: &str) -> String {
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

/// Makes user text inert in a GFM table cell, heading or list item:
/// Markdown punctuation is backslash-escaped, `<`, `>` and `&` become
/// entities (no HTML, no smuggled entities), `@` is followed by a zero-width
/// space so it cannot mention anyone, and newlines and other control
/// characters become spaces so the text stays on its line.
pub(crate) fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.trim().chars().enumerate() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // A leading `-` or `+` would start a nested list inside a list item.
            '-' | '+' if i == 0 => {
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
}
