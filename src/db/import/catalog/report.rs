//! What `import catalog` prints: one line per change in file order, and the models the
//! database holds that the catalog no longer lists (kept, so their pages stay). The same for a
//! dry run and a real run.

use std::fmt;

/// What `import catalog` changes; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogReport {
    /// The file's name.
    pub file: String,
    /// Models the file lists.
    pub models: usize,
    /// One line per change, in file order.
    pub changes: Vec<String>,
    /// Models in the database the file does not list (kept).
    pub unlisted: Vec<String>,
}

impl fmt::Display for CatalogReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Catalog {}: {} models", self.file, self.models)?;
        writeln!(f, "Changes: {}", self.changes.len())?;
        for c in &self.changes {
            writeln!(f, "  {c}")?;
        }
        if !self.unlisted.is_empty() {
            writeln!(
                f,
                "In the database but not in the catalog (kept, so their pages stay): {}",
                self.unlisted.join(", ")
            )?;
        }
        if self.changes.is_empty() {
            writeln!(f, "Nothing changes.")?;
        }
        Ok(())
    }
}
