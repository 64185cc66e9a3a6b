//! Proof that an edited file means exactly the old file plus the intended
//! change: both texts are read as plain YAML data, the change is taken out
//! of the new one again, and what is left must equal the old one. A layout
//! the editor misjudged (a block scalar, an odd indentation) fails here and
//! nothing is written.

use serde_json::Value;

use super::edit::Update;
use crate::input::yaml;

/// Where the key result is in the document: its objective's and its own
/// position in their lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub objective: usize,
    pub key_result: usize,
}

/// Checks that `new` is `old` with `change` applied to the key result at `at`.
pub(crate) fn verify(
    old: &str,
    new: &str,
    at: Place,
    change: &Update,
    limits: &yaml::ParserLimits,
) -> Result<(), String> {
    let old: Value = yaml::parse_with(old, limits)
        .map_err(|e| format!("the file does not parse: {}", e.message))?;
    let mut new: Value = yaml::parse_with(new, limits)
        .map_err(|e| format!("the edited file would not parse: {}", e.message))?;
    let old_kr = key_result(&old, at).ok_or("the key result is not where the loader found it")?;
    let kr = key_result_mut(&mut new, at).ok_or("the edit moved the key result")?;
    let map = kr
        .as_object_mut()
        .ok_or("the key result is not a mapping")?;

    let checkins = map
        .get_mut("checkins")
        .and_then(Value::as_array_mut)
        .ok_or("the edited key result has no check-ins")?;
    if change.index >= checkins.len() {
        return Err("the check-in is not where it was meant to go".to_owned());
    }
    let added = checkins.remove(change.index);
    if !same_checkin(&added, change) {
        return Err(format!("the new check-in reads back as {added}"));
    }
    // Restore what the old file had in place of the list.
    match old_kr.get("checkins") {
        None if checkins.is_empty() => {
            map.remove("checkins");
        }
        Some(Value::Null) if checkins.is_empty() => {
            map.insert("checkins".to_owned(), Value::Null);
        }
        _ => {}
    }
    for (key, wanted) in [
        ("current", change.current.map(Value::from)),
        ("done", change.done.map(Value::from)),
        ("score", change.score.map(Value::from)),
    ] {
        let Some(wanted) = wanted else { continue };
        if let Some(old_value) = old_kr.get(key) {
            if !same_number(map.get(key), &wanted) {
                return Err(format!("`{key}` was not updated"));
            }
            map.insert(key.to_owned(), old_value.clone());
        }
    }
    if new == old {
        Ok(())
    } else {
        Err("the edit changed more than the key result's check-ins".to_owned())
    }
}

fn key_result(doc: &Value, at: Place) -> Option<&Value> {
    doc.get("objectives")?
        .get(at.objective)?
        .get("key_results")?
        .get(at.key_result)
}

fn key_result_mut(doc: &mut Value, at: Place) -> Option<&mut Value> {
    doc.get_mut("objectives")?
        .get_mut(at.objective)?
        .get_mut("key_results")?
        .get_mut(at.key_result)
}

fn same_checkin(added: &Value, change: &Update) -> bool {
    let c = &change.checkin;
    let Some(map) = added.as_object() else {
        return false;
    };
    let expected_keys = 1
        + usize::from(c.value.is_some())
        + usize::from(c.score.is_some())
        + usize::from(c.confidence.is_some())
        + usize::from(c.note.is_some());
    map.len() == expected_keys
        && map.get("date").and_then(Value::as_str) == Some(&c.date.format("%Y-%m-%d").to_string())
        && c.value
            .is_none_or(|v| same_number(map.get("value"), &Value::from(v)))
        && c.score
            .is_none_or(|v| same_number(map.get("score"), &Value::from(v)))
        && c.confidence
            .is_none_or(|v| same_number(map.get("confidence"), &Value::from(v)))
        && c.note
            .as_deref()
            .is_none_or(|n| map.get("note").and_then(Value::as_str) == Some(n))
}

/// Numbers compare by value (`4` and `4.0` are the same, and so is a
/// percentage `4%` written as text), others exactly.
fn same_number(found: Option<&Value>, wanted: &Value) -> bool {
    let percent = |text: &str| {
        text.trim()
            .strip_suffix('%')
            .and_then(|n| n.trim().parse::<f64>().ok())
    };
    match (found, wanted) {
        (Some(Value::Number(a)), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Some(Value::String(a)), Value::Number(b)) => {
            percent(a).is_some() && percent(a) == b.as_f64()
        }
        (Some(a), b) => a == b,
        (None, _) => false,
    }
}
