//! Imports: the catalog, a LiteLLM price map, models.dev's api.json, a scores CSV, or a whole
//! dataset file. Each import reads and
//! checks the whole file first, then writes in one transaction that also raises the dataset
//! revision; a file that fails any check changes nothing. A dry run runs the same code, writes
//! included, and rolls the transaction back instead of committing: it produces the same report,
//! refuses what the real run would refuse (a database constraint too) and changes nothing. An
//! import that would change nothing writes nothing either, so running it twice leaves the
//! database file byte for byte as it was.

pub mod catalog;
pub mod dataset;
pub mod json;
pub mod litellm;
mod litellm_facts;
pub mod modelsdev;
mod problem;
pub mod scores;

use std::fmt;
use std::path::Path;

use sqlx::{Sqlite, SqlitePool, Transaction};

use super::DbError;
use crate::domain::model::Date;

pub use catalog::{CatalogReport, import_catalog};
pub use dataset::{DatasetReport, import_dataset};
pub use litellm::{FeeChange, LitellmReport, import_litellm, import_litellm_citing};
pub use modelsdev::{ModelsDevReport, import_modelsdev};
pub use scores::{NewSource, ScoresReport, import_scores};

/// How an import runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Report what would change and write nothing.
    pub dry_run: bool,
    /// The date the imported figures are taken to hold for (the import's source snapshot date).
    pub as_of: Date,
    /// Accept a price that moves 1,000x or more against the stored one (LiteLLM imports).
    pub allow_price_jump: bool,
}

/// What an import did: its report (the same text for a dry run and a real run) and whether it
/// wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<R> {
    /// What changes (or would change).
    pub report: R,
    /// The dataset revision the import committed; `None` for a dry run or when nothing changed.
    pub revision: Option<i64>,
}

/// A value in an imported file that fails a check, located by file, entry and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The file as given on the command line.
    pub file: String,
    /// The entry: a LiteLLM key, `line 7` of a CSV, a dataset entry.
    pub entry: String,
    /// The field within the entry.
    pub field: String,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: entry `{}`, field `{}`: {}", self.file, self.entry, self.field, self.problem)
    }
}

/// Why an import changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {file}: {source}")]
    Read {
        /// The file as given.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A value in the file failed a check.
    #[error("{0}")]
    Invalid(Rejected),
    /// The database is not in a state this import can apply to.
    #[error("{0}")]
    Refused(String),
    /// The database failed; the transaction was rolled back.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(DbError::Query(e))
    }
}

/// Builds a [`Rejected`] error.
fn rejected(file: &str, entry: impl Into<String>, field: impl Into<String>, problem: impl Into<String>) -> ImportError {
    ImportError::Invalid(Rejected {
        file: file.to_owned(),
        entry: entry.into(),
        field: field.into(),
        problem: problem.into(),
    })
}

/// Creates the source row an import cites, dated `as_of`: the one insert of a source that
/// the LiteLLM, models.dev and scores imports share (the catalog and a dataset file give
/// their sources' own dates).
async fn insert_source(
    conn: &mut sqlx::SqliteConnection,
    id: &str,
    title: &str,
    url: &str,
    license: &str,
    as_of: &Date,
) -> Result<(), ImportError> {
    sqlx::query("INSERT INTO sources (id, title, url, license, as_of) VALUES (?, ?, ?, ?, ?)")
        .bind(id)
        .bind(title)
        .bind(url)
        .bind(license)
        .bind(as_of.iso())
        .execute(conn)
        .await?;
    Ok(())
}

/// The file as given on the command line, which errors name, and its file name, which the
/// report names.
fn names_of(path: &Path) -> (String, String) {
    let label = path.display().to_string();
    let file_name = path.file_name().map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned());
    (label, file_name)
}

/// Reads a whole file as UTF-8 text, refusing one over [`json::MAX_FILE_BYTES`] before reading it.
fn read_text(path: &Path) -> Result<String, ImportError> {
    use std::io::Read;
    let label = path.display().to_string();
    let read_error = |source| ImportError::Read { file: label.clone(), source };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut text = String::new();
    // `take` rather than the file's length, which a pipe or a growing file does not give.
    file.take(json::MAX_FILE_BYTES + 1).read_to_string(&mut text).map_err(read_error)?;
    if text.len() as u64 > json::MAX_FILE_BYTES {
        let problem = format!("the file is larger than the {} MiB an import reads", json::MAX_FILE_BYTES >> 20);
        return Err(rejected(&label, "(file)", "(size)", problem));
    }
    Ok(text)
}

/// Opens the import's transaction. It takes the write lock at once (`BEGIN IMMEDIATE`), so
/// what it read cannot change before it writes; a dry run writes too and is rolled back.
async fn begin(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, ImportError> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// Commits `tx` after raising the revision, or rolls it back for a dry run or when nothing
/// changes, and wraps the report.
async fn finish<R>(
    mut tx: Transaction<'static, Sqlite>,
    report: R,
    changes: bool,
    dry_run: bool,
) -> Result<Outcome<R>, ImportError> {
    if dry_run || !changes {
        tx.rollback().await?;
        return Ok(Outcome { report, revision: None });
    }
    let revision = super::meta::bump_revision(&mut tx).await?;
    tx.commit().await?;
    Ok(Outcome { report, revision: Some(revision) })
}
