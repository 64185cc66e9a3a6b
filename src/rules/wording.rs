//! How a title is worded, for O015: whether it states a number (in digits
//! or in words) and whether its first word names an activity or, followed
//! by a measurable object, an outcome.

/// Numbers people write in words in titles ("Conduct two empathy
/// sessions", "Hire one more engineer", "a dozen case studies").
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "half",
    "twice",
    "double",
    "triple",
    "single",
    "both",
];

/// Words after an activity word that make its object a person, a team or
/// a thing to work on, not a quantity: "Support the sales team", "Help our
/// partners".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "our", "their", "its", "my", "your", "his", "her", "them", "us", "him", "me",
    "you", "other", "others", "each", "every", "all", "any", "some", "this", "these", "those",
    "with", "on", "in", "for", "to",
];

/// The words of a title, lower case, split at anything but letters, digits
/// and the characters inside numbers and compounds.
fn words(title: &str) -> impl Iterator<Item = String> + '_ {
    title
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | ',' | '-' | '\'' | '%')))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ',' | '-' | '\'')))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether `word` is a number: digits (`10,000`, `3.5`, `40%`, `2027`) or a
/// number word, alone or in a compound (`twenty-five`).
fn is_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        || word.split('-').any(|part| NUMBER_WORDS.contains(&part))
}

/// Whether a title states a number, in digits or in words.
pub(super) fn states_a_number(title: &str) -> bool {
    words(title).any(|w| is_number(&w))
}

/// Whether a title that starts with the activity word `word` describes an
/// activity. Not when the word's object is measurable, a number right
/// after it ("Support 10,000 concurrent drivers", "Hire one more
/// engineer"); nor when a relative pronoun follows, which makes the word a
/// noun ("Research that shapes the roadmap"); nor, for `support`, when its object is a thing the product
/// supports rather than people or work to help with ("Support LSIF-based
/// code intel", where "Support the sales team" is an activity).
pub(super) fn is_activity(title: &str, word: &str) -> bool {
    let skip = word.split_whitespace().count();
    let mut rest = words(title).skip(skip);
    let Some(next) = rest.next() else {
        return true;
    };
    // A number: a measurable object. A relative pronoun: the word is a
    // noun ("Research that shapes the roadmap", "Support that customers
    // rate 5 stars"), not a verb.
    if is_number(&next) || matches!(next.as_str(), "that" | "which" | "who" | "whose") {
        return false;
    }
    // "up to 5", "at least 3", "more than 200": still a quantity.
    if matches!(next.as_str(), "up" | "at" | "more" | "over" | "another")
        && rest.take(2).any(|w| is_number(&w))
    {
        return false;
    }
    word != "support" || DETERMINERS.contains(&next.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_count() {
        for title in [
            "Conduct two empathy sessions",
            "Hire one more team member",
            "Publish a dozen case studies",
            "Ship twenty-five templates",
            "Cut latency by 30%",
            "Ship v2",
        ] {
            assert!(states_a_number(title), "{title}");
        }
        for title in [
            "Publish the pricing page",
            "Someone owns the onboarding",
            "Launch the often-requested export",
        ] {
            assert!(!states_a_number(title), "{title}");
        }
    }

    #[test]
    fn a_measurable_object_is_not_an_activity() {
        assert!(!is_activity(
            "Support 10,000 concurrent drivers with p99 under 300 ms",
            "support"
        ));
        assert!(!is_activity("Support LSIF-based code intel", "support"));
        assert!(!is_activity("Help up to 5 partners go live", "help"));
        assert!(!is_activity("Research that shapes the roadmap", "research"));
        assert!(is_activity(
            "Support the sales team with 3 dashboards",
            "support"
        ));
        assert!(is_activity("Prepare the launch plan", "prepare"));
        assert!(is_activity("Work on observability", "work on"));
        assert!(is_activity("Research competitor pricing", "research"));
        assert!(is_activity("Plan", "plan"));
    }
}
