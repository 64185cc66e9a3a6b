//! The text of every file okr read, kept for the findings that point into
//! it: their lines and columns, and the snippets under them.
//!
//! On a large repository the text is the biggest single thing okr holds, and
//! only the few files with findings are ever looked at again, so each text is
//! kept LZ4-compressed (YAML shrinks about fourfold, at several hundred MB/s)
//! and expanded on demand. This keeps peak memory within the budget of
//! docs/performance.md without reading any file twice.

use std::collections::BTreeMap;

/// One file's text, compressed.
#[derive(Clone)]
pub(crate) struct Compressed(Vec<u8>);

impl Compressed {
    pub(crate) fn new(text: &str) -> Self {
        // The compressor allocates for the worst case; keep only what it wrote,
        // in an allocation of its own so the large one is freed whole.
        Compressed(
            lz4_flex::compress_prepend_size(text.as_bytes())
                .as_slice()
                .to_vec(),
        )
    }

    /// The text again. Only bytes this module compressed from a `&str` are
    /// ever expanded, so failure cannot happen; it would read as empty text.
    pub(crate) fn text(&self) -> String {
        lz4_flex::decompress_size_prepended(&self.0)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for Compressed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Compressed({} bytes)", self.0.len())
    }
}

/// File texts by displayed path.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: BTreeMap<String, Compressed>,
}

impl Sources {
    /// Keeps `text` as the text of `path`.
    pub fn insert(&mut self, path: String, text: &str) {
        self.files.insert(path, Compressed::new(text));
    }

    /// Keeps text compressed elsewhere (on the thread that read it).
    pub(crate) fn insert_compressed(&mut self, path: String, text: Compressed) {
        self.files.insert(path, text);
    }

    /// The text of `path`, expanded; `None` when it was not read.
    pub fn get(&self, path: &str) -> Option<String> {
        self.files.get(path).map(Compressed::text)
    }

    /// Whether `path` was read (the fuzz target checks every finding points into a file read).
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The paths read, in order.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The same texts under paths changed by `rename`.
    pub(crate) fn renamed(self, rename: impl Fn(String) -> String) -> Sources {
        Sources {
            files: self
                .files
                .into_iter()
                .map(|(path, text)| (rename(path), text))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_written() {
        let mut sources = Sources::default();
        let text = "quarter: 2026-Q4\r\nobjectives: []\n# é ✓ \u{feff}\n".repeat(50);
        sources.insert("a.yaml".to_owned(), &text);
        sources.insert("b.yaml".to_owned(), "");
        assert_eq!(sources.get("a.yaml").as_deref(), Some(text.as_str()));
        assert_eq!(sources.get("b.yaml").as_deref(), Some(""));
        assert_eq!(sources.get("c.yaml"), None);
        assert!(Compressed::new(&text).0.len() < text.len() / 4);
        let renamed = sources.renamed(|p| format!("goals/{p}"));
        assert_eq!(
            renamed.paths().collect::<Vec<_>>(),
            ["goals/a.yaml", "goals/b.yaml"]
        );
    }
}
