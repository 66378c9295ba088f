//! Model ids as they appear in URLs, and the `{a}-vs-{b}` pair syntax.

use std::fmt;

/// A model's URL id: lowercase ASCII letters, digits and single hyphens (`gpt-4-1-mini`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModelId(String);

/// Longest id we accept; longer path segments are refused before any lookup.
pub const MAX_ID_LEN: usize = 80;

impl ModelId {
    /// Accepts an id that is already in canonical form.
    pub fn parse(text: &str) -> Option<ModelId> {
        let valid = !text.is_empty()
            && text.len() <= MAX_ID_LEN
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--")
            && !text.contains("-vs-")
            // `gp-vs` and `z` would join to `gp-vs-vs-z`, which splits as `gp` and `vs-z`: an id
            // must not end in `-vs` or start with `vs-` so every pair path reads back as its pair.
            && !text.ends_with("-vs")
            && !text.starts_with("vs-");
        valid.then(|| ModelId(text.to_owned()))
    }

    /// Brings a loosely written id to canonical form: lowercase, dots, underscores and spaces
    /// become hyphens (`GPT-4.1-mini` -> `gpt-4-1-mini`). `None` if anything else is left.
    pub fn normalize(text: &str) -> Option<ModelId> {
        let mut out = String::with_capacity(text.len());
        for c in text.trim().chars() {
            let c = c.to_ascii_lowercase();
            match c {
                'a'..='z' | '0'..='9' => out.push(c),
                '-' | '.' | '_' | ' ' => {
                    if !out.ends_with('-') {
                        out.push('-');
                    }
                }
                _ => return None,
            }
        }
        Self::parse(out.trim_matches('-'))
    }

    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ModelId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a `/compare/{pair}` path segment says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairSpec {
    /// Two ids, exactly as canonical ids must be written.
    Exact(ModelId, ModelId),
    /// Two ids that had to be normalized (`GPT-4.1-mini`): answer with a redirect.
    Loose(ModelId, ModelId),
}

/// Why a pair segment could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairError {
    /// No `-vs-` separator, or more than one.
    NoSeparator,
    /// One side is empty or holds characters no id can have.
    BadId,
    /// Both sides name the same model.
    SameModel(ModelId),
}

/// Reads `a-vs-b`. Splits on the one `-vs-` (ids never contain it).
pub fn parse_pair(segment: &str) -> Result<PairSpec, PairError> {
    let lower = segment.to_ascii_lowercase();
    let mut parts = lower.split("-vs-");
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(PairError::NoSeparator);
    };
    let exact = (ModelId::parse(a), ModelId::parse(b));
    let (a, b, loose) = match exact {
        (Some(a), Some(b)) if lower == segment => (a, b, false),
        _ => match (ModelId::normalize(a), ModelId::normalize(b)) {
            (Some(a), Some(b)) => (a, b, true),
            _ => return Err(PairError::BadId),
        },
    };
    if a == b {
        return Err(PairError::SameModel(a));
    }
    Ok(if loose { PairSpec::Loose(a, b) } else { PairSpec::Exact(a, b) })
}

/// The path of the comparison page for an ordered pair.
pub fn compare_path(a: &ModelId, b: &ModelId) -> String {
    format!("/compare/{a}-vs-{b}")
}

/// Edit distance between two ids, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ModelId {
        ModelId::parse(s).unwrap()
    }

    #[test]
    fn ids_are_lowercase_ascii_with_single_hyphens() {
        assert!(ModelId::parse("gpt-4-1-mini").is_some());
        for bad in ["", "GPT", "gpt-4.1", "-gpt", "gpt-", "a--b", "a-vs-b", "gpt 4", "ü"] {
            assert!(ModelId::parse(bad).is_none(), "{bad:?}");
        }
        assert!(ModelId::parse(&"a".repeat(MAX_ID_LEN + 1)).is_none());
    }

    #[test]
    fn loose_ids_normalize_dots_case_and_spaces() {
        assert_eq!(ModelId::normalize("GPT-4.1-mini"), Some(id("gpt-4-1-mini")));
        assert_eq!(ModelId::normalize("gemini_2.5 pro"), Some(id("gemini-2-5-pro")));
        assert_eq!(ModelId::normalize("<script>"), None);
    }

    #[test]
    fn pairs_split_on_vs() {
        assert_eq!(
            parse_pair("gpt-4o-mini-vs-gpt-4-1-mini"),
            Ok(PairSpec::Exact(id("gpt-4o-mini"), id("gpt-4-1-mini")))
        );
        assert_eq!(
            parse_pair("GPT-4o-mini-vs-gpt-4.1-mini"),
            Ok(PairSpec::Loose(id("gpt-4o-mini"), id("gpt-4-1-mini")))
        );
        assert_eq!(parse_pair("gpt-4o-mini"), Err(PairError::NoSeparator));
        assert_eq!(parse_pair("a-vs-b-vs-c"), Err(PairError::NoSeparator));
        assert_eq!(parse_pair("-vs-b"), Err(PairError::BadId));
        assert_eq!(parse_pair("a<b-vs-c"), Err(PairError::BadId));
        assert_eq!(parse_pair("o3-vs-o3"), Err(PairError::SameModel(id("o3"))));
        assert_eq!(parse_pair("O3-vs-o3"), Err(PairError::SameModel(id("o3"))));
    }

    #[test]
    fn a_pair_read_back_from_its_path_is_the_same_pair() {
        // Found by the pair fuzz target: `GP-vs\v...-vs-z--` normalized to `gp-vs` and `z`,
        // whose path `gp-vs-vs-z` reads back as `gp` and `vs-z`.
        assert_eq!(parse_pair("GP-vs\u{b}\u{b}-vs-z--\u{b}"), Err(PairError::BadId));
        for bad in ["gp-vs", "vs-z", "a-vs"] {
            assert_eq!(ModelId::parse(bad), None, "{bad}");
        }
        assert!(ModelId::parse("vs").is_some() && ModelId::parse("gpt-vsx").is_some());
        let (a, b) = (ModelId::parse("vs").unwrap(), ModelId::parse("gpt-4o").unwrap());
        let path = compare_path(&a, &b);
        assert_eq!(parse_pair(path.strip_prefix("/compare/").unwrap()), Ok(PairSpec::Exact(a, b)));
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("gpt-4o-mini", "gpt-4o-mini"), 0);
        assert_eq!(edit_distance("gpt-4o-mni", "gpt-4o-mini"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
