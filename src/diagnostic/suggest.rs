//! "Did you mean ...?": the closest known name to a typo, for hints.

/// Above this many candidates a suggestion is not worth its time: finding the
/// closest costs one comparison per candidate for every unknown name.
const MAX_CANDIDATES: usize = 1_000;

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
/// Case is ignored; short ids (`F9`, `c1`) may differ by one character.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Similarity costs the product of the lengths: ids are short, and a
    // 100 KB "id" is not a typo of anything.
    const MAX_LEN: usize = 64;
    if word.len() > MAX_LEN {
        return None;
    }
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .filter(|c| !c.is_empty() && c.len() <= MAX_LEN)
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let score = strsim::jaro_winkler(&word, &lower);
            // Similar letters are not enough (`status` is not a typo of
            // `start`): a typo is a few edits, a third of the name at most.
            let longest = word.chars().count().max(lower.chars().count());
            let edits = strsim::osa_distance(&word, &lower);
            let near = lower.chars().count() <= 4 && edits <= 1;
            (near || (score >= 0.8 && edits <= (longest / 3).max(1))).then_some((score, c))
        })
        // Equal scores go to the first name in sort order, so the hint does
        // not depend on the order a hash map lists the candidates in.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" when a candidate is close, else `otherwise`.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: &str,
) -> String {
    match closest(word, candidates) {
        Some(s) => format!("did you mean `{s}`?"),
        None => otherwise.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_case_and_short_ids() {
        assert_eq!(
            closest("key_result", ["title", "key_results"]),
            Some("key_results")
        );
        assert_eq!(closest("o008", ["O008", "B008"]), Some("O008"));
        assert_eq!(closest("c1", ["C1", "F1"]), Some("C1"));
        assert_eq!(closest("zebra", ["title", "owner"]), None);
        assert_eq!(closest("status", ["start", "title"]), None);
        assert_eq!(closest("titel", ["start", "title"]), Some("title"));
        assert_eq!(closest("aligned_to", ["aligns_to"]), Some("aligns_to"));
    }
}
