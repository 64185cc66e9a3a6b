//! Fuzz target `checkin`: the check-in editor round trip. The input is a
//! quarter file, then optionally the two bytes `SEPARATOR` and the bytes the
//! check-in's parameters are drawn from (objective and key result, value,
//! confidence, note, date).
//!
//! When the file loads without L-findings and the key result has one kind,
//! the check-in is applied as `okr checkin` would (`okr::edit::checkin::edit_text`,
//! the edit and its proof). A refusal is fine. An edit that succeeds must:
//! load again without L-findings; end the key result's check-ins with the
//! new one (date, value, confidence and note, which is arbitrary Unicode);
//! update `current` (and `done`) when present; and leave every other byte
//! alone: the new text is the old one with `current`/`done` replaced and
//! one span inserted.
//!
//! With `OKR_FUZZ_LOG=1` in the environment each edit prints `edited` or
//! `refused: <why>`, so a run over the corpus (`-runs=0`) counts them.

#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use okr::edit::checkin::{NewCheckin, Update, edit_text, index};
use okr::edit::emit::number;
use okr::input::find::QuarterPath;
use okr::input::load::load_quarter;
use okr::model::{KeyResultKind, QuarterFile};
use okr::model::quarter::Quarter;

const SEPARATOR: &[u8] = b"\x00\xff";

fuzz_target!(|data: &[u8]| {
    let (file_bytes, params) = match data.windows(2).position(|w| w == SEPARATOR) {
        Some(i) => (&data[..i], &data[i + 2..]),
        None => (data, &[][..]),
    };
    // As `okr checkin` reads it: UTF-8, a byte order mark set aside.
    let Ok(text) = okr::input::load::decode("quarter file", file_bytes, 8 << 20) else {
        return;
    };
    let text = text.as_str();
    let path = quarter_path(text);
    let (Some(model), findings) = load_quarter(&path, text) else {
        return;
    };
    if findings.iter().any(|d| d.code.is_loading()) {
        return;
    }
    let mut u = Unstructured::new(params);
    let Some((objective, key_result)) = pick(&model, &mut u) else {
        return;
    };
    let kr = &model.objectives[objective].key_results[key_result];
    let Some(kind) = kr.kind() else {
        return;
    };
    let value = if kind == KeyResultKind::Milestone {
        f64::from(u8::from(u.arbitrary::<bool>().unwrap_or(true)))
    } else {
        finite(&mut u).unwrap_or(1.0)
    };
    let done = match (kind, kr.done) {
        (KeyResultKind::Milestone, Some((was, _))) => {
            (was != (value == 1.0)).then_some(value == 1.0)
        }
        _ => None,
    };
    let confidence = match u.arbitrary::<bool>().unwrap_or(false) {
        true => finite(&mut u),
        false => None,
    };
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let offset = i64::from(u.arbitrary::<i16>().unwrap_or(300));
    let date = if offset >= 0 {
        start.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        start.checked_sub_days(Days::new(offset.unsigned_abs()))
    }
    .unwrap_or(start);
    let note = match u.arbitrary::<bool>().unwrap_or(false) {
        true => u.arbitrary::<String>().ok(),
        false => None,
    };
    let change = Update {
        checkin: NewCheckin {
            percent: false,
            date,
            value: Some(value),
            score: None,
            confidence,
            note,
        },
        index: index(kr, date),
        current: kr.current.map(|_| value),
        done,
        score: None,
    };

    let new = match edit_text(text, &model, objective, key_result, &change) {
        Ok(new) => new,
        Err(why) => {
            if std::env::var_os("OKR_FUZZ_LOG").is_some() {
                eprintln!("refused: {why}");
            }
            return;
        }
    };
    if std::env::var_os("OKR_FUZZ_LOG").is_some() {
        eprintln!("edited");
    }

    // Only the intended bytes changed: `current`/`done` replaced, one insertion.
    let mut replaced: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    if let (Some(v), Some(current)) = (change.current, kr.current) {
        replaced.push((current.span.start()..current.span.end(), number(v)));
    }
    if let (Some(d), Some((_, span))) = (change.done, kr.done) {
        replaced.push((span.start()..span.end(), d.to_string()));
    }
    replaced.sort_by_key(|(r, _)| r.start);
    let mut expected = String::new();
    let mut at = 0;
    for (range, with) in &replaced {
        expected.push_str(&text[at..range.start]);
        expected.push_str(with);
        at = range.end;
    }
    expected.push_str(&text[at..]);
    assert!(
        is_one_insertion(&expected, &new),
        "the edit changed more than one inserted span:\n--- old\n{text}\n--- new\n{new}"
    );

    // The new text means the old one plus the check-in.
    let (reloaded, findings) = load_quarter(&path, &new);
    let l_findings: Vec<_> = findings
        .iter()
        .filter(|d| d.code.is_loading())
        .collect();
    assert!(l_findings.is_empty(), "{l_findings:?}\n--- new\n{new}");
    let reloaded = reloaded.expect("the edited file loads");
    let after = &reloaded.objectives[objective].key_results[key_result];
    assert_eq!(after.title.value, kr.title.value);
    assert_eq!(after.checkins.len(), kr.checkins.len() + 1, "{new}");
    let added = after.checkins.get(change.index).expect("a check-in");
    let c = &change.checkin;
    assert_eq!(added.date.value, c.date, "{new}");
    assert_eq!(added.value.map(|n| n.value), c.value, "{new}");
    assert_eq!(added.score.map(|n| n.value), c.score, "{new}");
    assert_eq!(added.confidence.map(|n| n.value), c.confidence, "{new}");
    assert_eq!(
        added.note.as_ref().map(|n| n.value.as_ref()),
        c.note.as_deref(),
        "{new}"
    );
    if kr.current.is_some() {
        assert_eq!(after.current.map(|n| n.value), Some(value), "{new}");
    }
    if let Some(d) = done {
        assert_eq!(after.done.map(|(d, _)| d), Some(d), "{new}");
    }
});

/// A key result of the file, by the indices the input gives (wrapped).
fn pick(model: &QuarterFile, u: &mut Unstructured<'_>) -> Option<(usize, usize)> {
    let objectives = &model.objectives;
    if objectives.is_empty() {
        return None;
    }
    let o = usize::from(u.arbitrary::<u8>().unwrap_or(0)) % objectives.len();
    let krs = objectives[o].key_results.len();
    if krs == 0 {
        return None;
    }
    Some((o, usize::from(u.arbitrary::<u8>().unwrap_or(0)) % krs))
}

/// A finite number as `okr checkin` parses one (`-0` reads as 0): small
/// integers and decimals mostly, any finite f64 sometimes.
fn finite(u: &mut Unstructured<'_>) -> Option<f64> {
    let v = match u.arbitrary::<u8>().ok()? % 4 {
        0 => f64::from(u.arbitrary::<i16>().ok()?),
        1 => f64::from(u.arbitrary::<i32>().ok()?) / 1000.0,
        2 => f64::from(u.arbitrary::<u8>().ok()?) / 100.0,
        _ => u.arbitrary::<f64>().ok()?,
    };
    v.is_finite().then_some(if v == 0.0 { 0.0 } else { v })
}

/// `new` is `old` with one span inserted.
fn is_one_insertion(old: &str, new: &str) -> bool {
    let (old, new) = (old.as_bytes(), new.as_bytes());
    if new.len() < old.len() {
        return false;
    }
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    prefix + suffix == old.len()
}

/// Named for the quarter its `quarter:` line gives, else 2026-Q3.
fn quarter_path(text: &str) -> QuarterPath {
    let quarter = text
        .find("quarter: ")
        .and_then(|i| text.get(i + 9..i + 16))
        .and_then(Quarter::parse)
        .unwrap_or_else(|| Quarter::parse("2026-Q3").unwrap());
    let rel = format!("{quarter}.yaml");
    QuarterPath {
        path: rel.clone().into(),
        rel,
        quarter,
        folder_team: "company".to_owned(),
    }
}
