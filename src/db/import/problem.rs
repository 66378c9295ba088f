//! What is wrong with an input file, located by entry and field: what the pure file readers
//! (catalog, models.dev) return, and what `rejected` turns into the import's refusal.

/// A problem in a file, located by entry and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `model[gpt-5]`, `openai/gpt-5`, `line 3 column 7`.
    pub entry: String,
    /// The field.
    pub field: String,
    /// What is wrong.
    pub problem: String,
}

/// A [`Problem`] at `entry`, `field`.
pub(crate) fn problem(entry: &str, field: &str, text: impl Into<String>) -> Problem {
    Problem { entry: entry.to_owned(), field: field.to_owned(), problem: text.into() }
}
