//! Small pieces of English the comparison's sentences share: names joined, articles,
//! ordinals, and the priced request in words.

use crate::domain::cost::Workload;
use crate::domain::format;
use crate::domain::rate_card::ServiceTier;

/// The workload's request in words: "a typical request of 5,000 input and 1,000 output
/// tokens", or the reader's own with its cache share and batch use.
pub fn request_words(workload: &Workload) -> String {
    let same = workload.is_typical_request();
    let mut text = format!(
        "{} of {} input and {} output tokens",
        if same { "a typical request" } else { "your request" },
        format::count(workload.input_tokens),
        format::count(workload.output_tokens)
    );
    if workload.cached_percent > 0 {
        text.push_str(&format!(" with {}% of the input cached", workload.cached_percent));
    }
    if let Some(ttl) = workload.cache_write {
        text.push_str(&format!(", the rest written to the {} cache", ttl.label()));
    }
    match workload.pay.tier {
        ServiceTier::Standard => {}
        ServiceTier::Batch => text.push_str(" through the batch API"),
        tier => text.push_str(&format!(" at the {} tier", tier.as_str())),
    }
    if let Some(w) = workload.pay.window {
        text.push_str(&format!(", sent {}", w.label()));
    }
    text
}

/// "X has no ECI score" / "neither X nor Y has an ECI score", for a missing figure.
pub(super) fn lacks(names: &[&str], noun: &str) -> String {
    match names {
        [one] => format!("{one} has no {noun}"),
        [one, two] => format!("neither {one} nor {two} has {}", with_article(noun)),
        _ => format!("no model has {}", with_article(noun)),
    }
}

/// "a GPQA score", "an Epoch Capabilities Index score".
pub(super) fn with_article(noun: &str) -> String {
    let vowel = noun.chars().next().is_some_and(|c| "AEIOUaeiou".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// "X", "X or Y", or "either model" when no name is given.
pub(super) fn join_names(names: &[&str]) -> String {
    match names {
        [] => "either model".into(),
        [one] => (*one).to_owned(),
        [one, two] => format!("{one} or {two}"),
        _ => names.join(", "),
    }
}

/// "1st", "2nd", "11th", "21st".
pub(super) fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal),
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]
        );
    }
}
