//! What a models.dev import prints: the source it cites, one line per changed field, the
//! mapped ids the file lacks and the records it holds only as stubs. The same for a dry run
//! and a real run.

use std::fmt;

/// What a models.dev import changes; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModelsDevReport {
    /// The file's name.
    pub file: String,
    /// Model records in the file.
    pub records: usize,
    /// The source the changed figures cite.
    pub source_id: String,
    /// One line per changed field: `model: field old → new`.
    pub changes: Vec<String>,
    /// Models whose models.dev id the file lacks.
    pub missing: Vec<(String, String)>,
    /// Records that inherit from a shared record the file does not hold, so lack fields.
    pub stubs: Vec<(String, String)>,
}

impl fmt::Display for ModelsDevReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "models.dev file {}: {} model records", self.file, self.records)?;
        writeln!(f, "Source cited: {}", self.source_id)?;
        writeln!(f, "Changes: {}", self.changes.len())?;
        for c in &self.changes {
            writeln!(f, "  {c}")?;
        }
        writeln!(f, "Mapped ids missing from the file: {}", self.missing.len())?;
        for (model, id) in &self.missing {
            writeln!(f, "  {model}: {id}")?;
        }
        if !self.stubs.is_empty() {
            writeln!(f, "Records that inherit from a record the file lacks (their missing fields stay as they were):")?;
            for (model, base) in &self.stubs {
                writeln!(f, "  {model}: base {base}")?;
            }
        }
        if self.changes.is_empty() {
            writeln!(f, "Nothing changes.")?;
        }
        Ok(())
    }
}
