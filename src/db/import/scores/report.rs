//! What a scores import prints: the rows it adds, the stored scores it changes (old → new,
//! field by field) and how many rows match what is stored. The report is built by the plan and
//! is the same for a dry run and a real run.

use std::fmt;

use super::new_source::NewSource;
use crate::domain::model::Date;

/// One score as a row gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// The CSV line the row starts on.
    pub line: usize,
    /// Model id.
    pub model: String,
    /// Benchmark id.
    pub benchmark: String,
    /// Value in the benchmark's scale.
    pub value: f64,
    /// Source id.
    pub source: String,
    /// Date the figure holds for.
    pub date: Date,
    /// Third-party run (`true`) or vendor claim.
    pub independent: bool,
    /// Method notes.
    pub note: Option<String>,
}

/// A stored score a row changes: what it held before.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreUpdate {
    /// The row.
    pub row: ScoreRow,
    /// Old value.
    pub value: f64,
    /// Old date.
    pub date: String,
    /// Old provenance.
    pub independent: bool,
    /// Old note.
    pub note: Option<String>,
}

/// What a scores import changes; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoresReport {
    /// The file's name.
    pub file: String,
    /// Data rows in the file.
    pub rows: usize,
    /// The declared source, when the import creates it.
    pub new_source: Option<NewSource>,
    /// Rows that add a score.
    pub added: Vec<ScoreRow>,
    /// Rows that change a stored score.
    pub updated: Vec<ScoreUpdate>,
    /// Rows identical to a stored score.
    pub unchanged: usize,
}

impl ScoresReport {
    /// Whether applying the import writes anything.
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }
}

fn provenance(independent: bool) -> &'static str {
    if independent { "independent" } else { "vendor-reported" }
}

fn note_text(note: &Option<String>) -> String {
    note.as_ref().map_or_else(|| "none".to_owned(), |n| format!("{n:?}"))
}

impl fmt::Display for ScoresReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Scores file {}: {} rows", self.file, self.rows)?;
        if let Some(s) = &self.new_source {
            writeln!(f, "New source: {} ({}, {}, {})", s.id, s.title, s.url, s.license)?;
        }
        writeln!(f, "New scores: {}", self.added.len())?;
        for r in &self.added {
            writeln!(
                f,
                "  line {}: {} / {} = {} ({}, {}, {})",
                r.line,
                r.model,
                r.benchmark,
                r.value,
                r.source,
                r.date.iso(),
                provenance(r.independent)
            )?;
        }
        writeln!(f, "Updated scores: {}", self.updated.len())?;
        for u in &self.updated {
            let r = &u.row;
            let mut parts = Vec::new();
            if u.value != r.value {
                parts.push(format!("value {} → {}", u.value, r.value));
            }
            if u.date != r.date.iso() {
                parts.push(format!("date {} → {}", u.date, r.date.iso()));
            }
            if u.independent != r.independent {
                parts.push(format!("{} → {}", provenance(u.independent), provenance(r.independent)));
            }
            if u.note != r.note {
                parts.push(format!("note {} → {}", note_text(&u.note), note_text(&r.note)));
            }
            writeln!(f, "  line {}: {} / {} ({}): {}", r.line, r.model, r.benchmark, r.source, parts.join("; "))?;
        }
        writeln!(f, "Unchanged scores: {}", self.unchanged)?;
        if !self.changes_anything() {
            writeln!(f, "Nothing changes.")?;
        }
        Ok(())
    }
}
