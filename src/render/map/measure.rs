//! How wide text is, estimated without fonts, and text wrapped or cut to a
//! width: 0.6 em a character (1 em for wide East Asian characters and
//! emoji), which errs on the wide side for proportional sans-serif fonts.

/// Estimated advance of one character, in em; bold text is 10% wider.
pub(super) const EM: f64 = 0.6;
const BOLD: f64 = 1.1;

/// The estimated width of `text` in px.
pub(super) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(char_em).sum();
    ems * size * if bold { BOLD } else { 1.0 }
}

fn char_em(c: char) -> f64 {
    let u = u32::from(c);
    let wide = matches!(u, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD);
    if wide { 1.0 } else { EM }
}

/// Words filled into lines of at most `width` px, a word longer than a line
/// broken; more than `max` lines end in an ellipsis.
pub(super) fn wrap(text: &str, width: f64, size: f64, max: usize, bold: bool) -> Vec<String> {
    // Only the start can show; the rest would only cost time.
    let text: String = text.chars().take(max * 80).collect();
    let fits = |s: &str| text_width(s, size, bold) <= width;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        let mut rest = word;
        while !fits(rest) {
            let cut = longest_prefix(rest, width, size, bold);
            lines.push(rest[..cut].to_owned());
            rest = &rest[cut..];
        }
        current = rest.to_owned();
        if lines.len() > max {
            break;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.pop() {
            lines.push(truncate(&format!("{last} …"), width, size, bold));
        }
    }
    lines
}

/// `text` cut to fit `width` px, ending in an ellipsis when cut.
pub(super) fn truncate(text: &str, width: f64, size: f64, bold: bool) -> String {
    if text_width(text, size, bold) <= width {
        return text.to_owned();
    }
    let room = width - text_width("…", size, bold);
    let cut = longest_prefix(text, room, size, bold);
    format!("{}…", text[..cut].trim_end())
}

/// The byte length of the longest prefix of `text` within `width` px: at
/// least one character, so wrapping always moves on.
fn longest_prefix(text: &str, width: f64, size: f64, bold: bool) -> usize {
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        used += char_em(c) * size * if bold { BOLD } else { 1.0 };
        if used > width && i > 0 {
            return end;
        }
        end = i + c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::map::layout::FONT;

    #[test]
    fn text_wraps_within_the_width() {
        let lines = wrap(
            "Build a second revenue engine beyond core dashboards",
            184.0,
            FONT,
            4,
            false,
        );
        assert_eq!(
            lines,
            ["Build a second revenue", "engine beyond core", "dashboards"]
        );
        let long = "x".repeat(10_000);
        let lines = wrap(&long, 100.0, FONT, 3, false);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| text_width(l, FONT, false) <= 100.0));
        assert!(lines[2].ends_with('…'));
        assert_eq!(truncate("abcdef", 30.0, 10.0, false), "abcd…");
    }
}
