//! Loading a whole dataset file (the format of `data/seed.json` and of `export`) into an empty
//! database, so a database can be rebuilt from a file kept in git.

use std::fmt;
use std::path::Path;

use sqlx::SqlitePool;

use super::{ImportError, Outcome, Rejected, begin, finish, names_of, read_text};
use crate::db::dataset_file::DatasetFile;
use crate::db::write::insert_all;

/// What `import dataset` loads; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetReport {
    /// The file's name.
    pub file: String,
    /// Sources.
    pub sources: usize,
    /// Providers.
    pub providers: usize,
    /// Benchmarks.
    pub benchmarks: usize,
    /// Models.
    pub models: usize,
    /// Price periods, closed ones included.
    pub prices: usize,
    /// Scores.
    pub scores: usize,
    /// Speed measurements.
    pub speeds: usize,
}

impl fmt::Display for DatasetReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Dataset file {}, into an empty database:", self.file)?;
        writeln!(f, "  sources: {}", self.sources)?;
        writeln!(f, "  providers: {}", self.providers)?;
        writeln!(f, "  benchmarks: {}", self.benchmarks)?;
        writeln!(f, "  models: {}", self.models)?;
        writeln!(f, "  price periods: {}", self.prices)?;
        writeln!(f, "  scores: {}", self.scores)?;
        writeln!(f, "  speeds: {}", self.speeds)
    }
}

/// Loads the dataset file at `path` into an empty database (no sources, providers,
/// benchmarks or models); a database holding anything is refused, as is a file that fails
/// [`DatasetFile::validate`]. One transaction.
pub async fn import_dataset(
    pool: &SqlitePool,
    path: &Path,
    dry_run: bool,
) -> Result<Outcome<DatasetReport>, ImportError> {
    let (label, file_name) = names_of(path);
    let dataset = DatasetFile::read(&read_text(path)?).map_err(|e| {
        ImportError::Invalid(Rejected { file: label.clone(), entry: e.entry, field: e.field, problem: e.problem })
    })?;
    let file = &dataset.file;

    let mut tx = begin(pool).await?;
    let (sources, providers, benchmarks, models): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM providers),
                (SELECT COUNT(*) FROM benchmarks), (SELECT COUNT(*) FROM models)",
    )
    .fetch_one(&mut *tx)
    .await?;
    if sources + providers + benchmarks + models > 0 {
        return Err(ImportError::Refused(format!(
            "{label}: the database is not empty ({models} models, {sources} sources): `import dataset` only fills an empty database; point DATABASE_URL at a new file"
        )));
    }

    let report = DatasetReport {
        file: file_name.clone(),
        sources: file.sources.len(),
        providers: file.providers.len(),
        benchmarks: file.benchmarks.len(),
        models: file.models.len(),
        prices: file.models.iter().map(|m| m.prices.len()).sum(),
        scores: file.models.iter().map(|m| m.scores.len()).sum(),
        speeds: file.models.iter().map(|m| m.speeds.len()).sum(),
    };
    let changes = report.sources + report.providers + report.benchmarks + report.models > 0;
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        insert_all(&mut tx, &dataset).await?;
        sqlx::query("INSERT OR REPLACE INTO dataset_meta (key, value) VALUES ('origin', ?)")
            .bind(format!("import dataset {file_name}"))
            .execute(&mut *tx)
            .await?;
    }
    finish(tx, report, changes, dry_run).await
}
