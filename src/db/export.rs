//! Writing the whole dataset to a file in the format of `data/seed.json`: every source,
//! provider, benchmark and model with all its price periods (closed ones too) with their rate cards, LiteLLM
//! keys, scores and speeds. `import dataset` reads it back into an empty database, and an
//! export of that database is the same file byte for byte.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use sqlx::{SqliteConnection, SqlitePool};

use super::DbError;
use super::dataset_file::{
    self, BenchmarkEntry, DatasetFile, ModelEntry, PriceEntry, ProviderEntry, ScoreEntry, SourceEntry, SpeedEntry,
};
use super::load::ModelRow;

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The file could not be written.
    #[error("cannot write {file}: {source}")]
    Write {
        /// The file as given.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

fn count(v: Option<i64>) -> Option<u64> {
    v.map(|v| v.max(0) as u64)
}

/// Reads the whole dataset in one read transaction, in a stable order: rows in the order they
/// were inserted, a model's price periods oldest first.
pub async fn export_dataset(pool: &SqlitePool) -> Result<DatasetFile, DbError> {
    let mut tx = pool.begin().await?;
    let file = read_all(&mut tx).await?;
    tx.rollback().await?;
    Ok(file)
}

async fn read_all(conn: &mut SqliteConnection) -> Result<DatasetFile, DbError> {
    let sources: Vec<(String, String, String, String, String)> =
        sqlx::query_as("SELECT id, title, url, license, as_of FROM sources ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await?;
    let providers: Vec<(String, String)> =
        sqlx::query_as("SELECT slug, name FROM providers ORDER BY rowid").fetch_all(&mut *conn).await?;
    let benchmarks: Vec<(String, String, String, String, bool)> =
        sqlx::query_as("SELECT slug, name, measures, scale, higher_is_better FROM benchmarks ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await?;

    let mut keys: HashMap<String, Vec<String>> = HashMap::new();
    let key_rows: Vec<(String, String)> =
        sqlx::query_as("SELECT model, litellm_key FROM model_price_keys ORDER BY rowid").fetch_all(&mut *conn).await?;
    for (model, key) in key_rows {
        keys.entry(model).or_default().push(key);
    }

    let prices: HashMap<String, Vec<PriceEntry>> = super::load::price_periods(&mut *conn)
        .await?
        .into_iter()
        .map(|(model, periods)| (model, periods.iter().map(|(_, p)| PriceEntry::from_schedule(p)).collect()))
        .collect();
    let mut prices = prices;

    let mut scores: HashMap<String, Vec<ScoreEntry>> = HashMap::new();
    #[allow(clippy::type_complexity)]
    let score_rows: Vec<(String, String, f64, bool, String, String, Option<String>)> =
        sqlx::query_as("SELECT model, benchmark, value, independent, source, as_of, note FROM scores ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await?;
    for (model, benchmark, value, independent, source, as_of, note) in score_rows {
        scores.entry(model).or_default().push(ScoreEntry { benchmark, value, independent, source, as_of, note });
    }

    let mut speeds: HashMap<String, Vec<SpeedEntry>> = HashMap::new();
    #[allow(clippy::type_complexity)]
    let speed_rows: Vec<(String, Option<f64>, Option<f64>, String, String)> =
        sqlx::query_as("SELECT model, output_tokens_per_s, ttft_s, source, as_of FROM speeds ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await?;
    for (model, output_tokens_per_s, ttft_s, source, as_of) in speed_rows {
        speeds.entry(model).or_default().push(SpeedEntry { output_tokens_per_s, ttft_s, source, as_of });
    }

    let mut pins: HashMap<String, Vec<String>> = HashMap::new();
    let pin_rows: Vec<(String, String)> =
        sqlx::query_as("SELECT model, field FROM model_pins ORDER BY model, field").fetch_all(&mut *conn).await?;
    for (model, field) in pin_rows {
        pins.entry(model).or_default().push(field);
    }

    let models: Vec<ModelRow> = sqlx::query_as("SELECT * FROM models ORDER BY rowid").fetch_all(&mut *conn).await?;
    let models = models
        .into_iter()
        .map(|m| ModelEntry {
            litellm_keys: keys.remove(&m.slug).unwrap_or_default(),
            prices: prices.remove(&m.slug).unwrap_or_default(),
            scores: scores.remove(&m.slug).unwrap_or_default(),
            speeds: speeds.remove(&m.slug).unwrap_or_default(),
            pinned: pins.remove(&m.slug).unwrap_or_default(),
            slug: m.slug,
            name: m.name,
            provider: m.provider,
            api_host: m.api_host,
            release_date: m.release_date,
            release_date_source: m.release_date_source,
            context_window: count(m.context_window),
            max_output: count(m.max_output),
            max_input: count(m.max_input),
            limits_source: m.limits_source,
            open_weights: m.open_weights,
            open_weights_source: m.open_weights_source,
            status: m.status,
            deprecation_date: m.deprecation_date,
            status_source: m.status_source,
            modelsdev_id: m.modelsdev_id,
            epoch_version: m.epoch_version,
            knowledge_cutoff: m.knowledge_cutoff,
            knowledge_cutoff_source: m.knowledge_cutoff_source,
            litellm_max_input: count(m.litellm_max_input),
            litellm_max_output: count(m.litellm_max_output),
            litellm_limits_source: m.litellm_limits_source,
        })
        .collect();

    Ok(DatasetFile {
        format: dataset_file::FORMAT.to_owned(),
        version: dataset_file::VERSION,
        sources: sources
            .into_iter()
            .map(|(id, title, url, license, as_of)| SourceEntry { id, title, url, license, as_of })
            .collect(),
        providers: providers.into_iter().map(|(slug, name)| ProviderEntry { slug, name }).collect(),
        benchmarks: benchmarks
            .into_iter()
            .map(|(slug, name, measures, scale, higher_is_better)| BenchmarkEntry {
                slug,
                name,
                measures,
                scale,
                higher_is_better,
            })
            .collect(),
        models,
    })
}

/// The dataset file's text: JSON indented by one space like `data/seed.json`, with a final
/// newline.
pub fn to_json(file: &DatasetFile) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Serializing plain structs of strings, numbers and options into memory cannot fail.
    file.serialize(&mut serializer).expect("a dataset serializes to JSON");
    let mut text = String::from_utf8(out).expect("serde_json writes UTF-8");
    text.push('\n');
    text
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportReport {
    /// The file written.
    pub file: String,
    /// Bytes written.
    pub bytes: usize,
    /// Models.
    pub models: usize,
    /// Price periods, closed ones included.
    pub prices: usize,
    /// Scores.
    pub scores: usize,
    /// Sources.
    pub sources: usize,
}

impl std::fmt::Display for ExportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "Wrote {} ({} bytes): {} models, {} price periods, {} scores, {} sources",
            self.file, self.bytes, self.models, self.prices, self.scores, self.sources
        )
    }
}

/// Exports the dataset to `path`. The file is written next to its destination and renamed
/// over it, so a failed export never leaves a half-written file; an export that would not
/// validate as a dataset file is refused.
pub async fn export_to_file(pool: &SqlitePool, path: &Path) -> Result<ExportReport, ExportError> {
    let file = export_dataset(pool).await?;
    file.validate().map_err(DbError::InvalidDataset)?;
    let text = to_json(&file);
    let label = path.display().to_string();
    let write_error = |source| ExportError::Write { file: label.clone(), source };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    std::fs::write(&partial, &text).map_err(write_error)?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        write_error(e)
    })?;
    Ok(ExportReport {
        file: label.clone(),
        bytes: text.len(),
        models: file.models.len(),
        prices: file.models.iter().map(|m| m.prices.len()).sum(),
        scores: file.models.iter().map(|m| m.scores.len()).sum(),
        sources: file.sources.len(),
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn prices_are_written_as_plain_decimals() {
        let decimal = |m| crate::domain::money::PricePerMTok::from_micros(m).to_decimal();
        assert_eq!(decimal(75_000), "0.075");
        assert_eq!(decimal(15_000_000), "15");
        assert_eq!(decimal(8_750), "0.00875");
        assert_eq!(decimal(2_400_000), "2.4");
        assert_eq!(decimal(1), "0.000001");
        assert_eq!(decimal(0), "0");
    }
}
