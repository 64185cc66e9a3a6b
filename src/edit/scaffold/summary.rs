//! What `okr new` did, and the lines it prints about it: the file, the
//! objectives carried and left behind, and what to do next. User text goes
//! through `render::text::terminal`, so a title cannot restyle the terminal.

use std::path::PathBuf;

use crate::model::quarter::Quarter;
use crate::render::text::terminal;

/// What `okr new` did.
#[derive(Debug, Clone)]
pub(crate) struct Created {
    /// The file written, under the goals folder as the user gave it.
    pub path: PathBuf,
    /// What `--from` carried, when given.
    pub carried: Option<Carried>,
    /// Things to look at in the new file, safe for a terminal.
    pub notes: Vec<String>,
    /// What to do next, safe for a terminal.
    pub next: String,
}

/// The outcome of `--from`.
#[derive(Debug, Clone)]
pub(crate) struct Carried {
    pub from: Quarter,
    /// The objectives carried into the new file.
    pub objectives: Vec<CarriedObjective>,
    /// The objectives left behind because they were finished (score 1.0).
    pub finished: Vec<CarriedObjective>,
}

/// An objective of the `--from` quarter, as scored there.
#[derive(Debug, Clone)]
pub(crate) struct CarriedObjective {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub key_results: usize,
}

impl CarriedObjective {
    fn line(&self, with_key_results: bool) -> String {
        let score = self
            .score
            .map_or_else(|| "unscored".to_owned(), |s| format!("score {s:.2}"));
        let detail = if with_key_results {
            let n = self.key_results;
            format!(
                "{score}, {} key result{}",
                if n == 0 {
                    "no".to_owned()
                } else {
                    n.to_string()
                },
                if n == 1 { "" } else { "s" }
            )
        } else {
            score
        };
        format!(
            "  {} {} ({detail})",
            terminal(&self.id),
            terminal(&self.title)
        )
    }
}

impl Created {
    /// The lines printed after the file is written.
    pub(crate) fn summary(&self) -> String {
        let path = terminal(&self.path.display().to_string());
        let mut lines = Vec::new();
        match &self.carried {
            None => lines.push(format!("created {path}")),
            Some(c) if c.objectives.is_empty() => lines.push(format!(
                "created {path}; nothing to carry from {}: {}",
                c.from,
                if c.finished.is_empty() {
                    "it has no objectives".to_owned()
                } else {
                    format!("all {} objectives were finished", c.finished.len())
                }
            )),
            Some(c) => {
                let total = c.objectives.len() + c.finished.len();
                lines.push(format!(
                    "created {path}, carrying {} of {total} objective{} from {}:",
                    c.objectives.len(),
                    if total == 1 { "" } else { "s" },
                    c.from
                ));
                lines.extend(c.objectives.iter().map(|o| o.line(true)));
            }
        }
        if let Some(c) = self.carried.as_ref().filter(|c| !c.finished.is_empty()) {
            lines.push("left behind as finished:".to_owned());
            lines.extend(c.finished.iter().map(|o| o.line(false)));
        }
        lines.extend(self.notes.iter().map(|n| format!("note: {n}")));
        lines.push(format!("next: {}", self.next));
        lines.join("\n")
    }
}
