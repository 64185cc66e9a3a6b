//! A port of the GitHub Actions runner's workflow-command parser, to ask of
//! any text okr prints: which of its lines would the runner act on, were it
//! printed in a job's log?
//!
//! The runner (`ActionCommand.TryParseV2` and the legacy `TryParse`) reads
//! each line of a step's output, split at `\n`, `\r\n` or `\r`:
//! - `::name key=value,key=value::data`: the line, after leading white
//!   space, starts with `::`, and a second `::` ends the command name (up to
//!   the first space) and its comma-separated properties;
//! - `##[name key=value;key=value]data`, anywhere in the line: the legacy
//!   syntax, which the log viewer also honours (`##[group]`, `##[error]`).
//!
//! The runner tries the legacy syntax only on a line that is no `::`
//! command, so a `##[` in a command's data is data. It acts only on the
//! names it knows (and on the token that ends `stop-commands`, which can be
//! any word); here every name counts, so a test using this errs on the
//! safe side.

/// One workflow command found in a log.
#[allow(dead_code)] // the fields are for failure messages
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowCommand {
    pub name: String,
    pub properties: Vec<(String, String)>,
    pub data: String,
    /// `##[name]` rather than `::name::`.
    pub legacy: bool,
}

/// Every workflow command the runner would read in `log`.
pub fn workflow_commands(log: &str) -> Vec<WorkflowCommand> {
    log.split("\r\n")
        .flat_map(|l| l.split(['\r', '\n']))
        .filter_map(|line| command(line).or_else(|| legacy_command(line)))
        .collect()
}

/// `TryParseV2`: `::name props::data` after leading white space (.NET's
/// `TrimStart` and Rust's `trim_start` agree on what white space is).
fn command(line: &str) -> Option<WorkflowCommand> {
    let rest = line.trim_start().strip_prefix("::")?;
    let end = rest.find("::")?;
    let info = &rest[..end];
    let (name, properties) = info.split_once(' ').unwrap_or((info, ""));
    if name.is_empty() {
        return None;
    }
    Some(WorkflowCommand {
        name: name.to_owned(),
        properties: properties_of(properties, ','),
        data: rest[end + 2..].to_owned(),
        legacy: false,
    })
}

/// `TryParse`: `##[name props]data` anywhere in the line.
fn legacy_command(line: &str) -> Option<WorkflowCommand> {
    let start = line.find("##[")? + 3;
    let end = start + line[start..].find(']')?;
    let info = &line[start..end];
    let (name, properties) = info.split_once(' ').unwrap_or((info, ""));
    if name.is_empty() {
        return None;
    }
    Some(WorkflowCommand {
        name: name.to_owned(),
        properties: properties_of(properties, ';'),
        data: line[end + 1..].to_owned(),
        legacy: true,
    })
}

fn properties_of(text: &str, separator: char) -> Vec<(String, String)> {
    text.split(separator)
        .filter(|p| !p.trim().is_empty())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_syntaxes_are_read_as_the_runner_reads_them() {
        let log = "plain\n  ::warning title=pwn::Injected/x.yaml:1:1\r\u{3000}::add-mask::s ##[group]data\rnot ::error::x\na ##[error]b ##[group]c\n::nope\n##[unclosed\n\\u{3a}:error::x\n#\\[error]x\n";
        let found = workflow_commands(log);
        let names: Vec<(&str, bool)> = found.iter().map(|c| (c.name.as_str(), c.legacy)).collect();
        assert_eq!(
            names,
            [("warning", false), ("add-mask", false), ("error", true)]
        );
        assert_eq!(
            found[0].properties,
            [("title".to_owned(), "pwn".to_owned())]
        );
        assert_eq!(found[0].data, "Injected/x.yaml:1:1");
        assert_eq!(found[2].data, "b ##[group]c");
    }
}
