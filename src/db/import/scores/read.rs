//! The database's side of a scores import, read once inside its transaction: the models,
//! benchmarks and sources a row may cite, and the stored scores a row may update.

use std::collections::{HashMap, HashSet};

use sqlx::SqliteConnection;

use super::super::ImportError;
use crate::domain::model::Scale;

/// A score's identity: model, benchmark, source.
pub(super) type ScoreKey = (String, String, String);

/// What the rows may cite, and the stored scores.
pub(super) struct Known {
    pub(super) models: HashSet<String>,
    pub(super) benchmarks: HashMap<String, Scale>,
    /// By source id.
    pub(super) sources: HashMap<String, KnownSource>,
    pub(super) scores: HashMap<ScoreKey, StoredScore>,
}

/// A stored source's details, which a declared source of the same id must repeat.
#[derive(sqlx::FromRow)]
pub(super) struct KnownSource {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) license: String,
}

/// A stored score's figures, which a row of the same key matches or updates.
#[derive(sqlx::FromRow)]
pub(super) struct StoredScore {
    pub(super) value: f64,
    pub(super) independent: bool,
    pub(super) as_of: String,
    pub(super) note: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ScoreRecord {
    model: String,
    benchmark: String,
    source: String,
    #[sqlx(flatten)]
    stored: StoredScore,
}

#[derive(sqlx::FromRow)]
struct SourceRecord {
    id: String,
    #[sqlx(flatten)]
    details: KnownSource,
}

impl Known {
    pub(super) async fn read(conn: &mut SqliteConnection) -> Result<Self, ImportError> {
        let models: Vec<String> = sqlx::query_scalar("SELECT slug FROM models").fetch_all(&mut *conn).await?;
        let benchmarks: Vec<(String, String)> =
            sqlx::query_as("SELECT slug, scale FROM benchmarks").fetch_all(&mut *conn).await?;
        let sources: Vec<SourceRecord> =
            sqlx::query_as("SELECT id, title, url, license FROM sources").fetch_all(&mut *conn).await?;
        let scores: Vec<ScoreRecord> =
            sqlx::query_as("SELECT model, benchmark, source, value, independent, as_of, note FROM scores")
                .fetch_all(&mut *conn)
                .await?;
        Ok(Self {
            models: models.into_iter().collect(),
            benchmarks: benchmarks
                .into_iter()
                .filter_map(|(slug, scale)| Some((slug, Scale::parse(&scale)?)))
                .collect(),
            sources: sources.into_iter().map(|s| (s.id, s.details)).collect(),
            scores: scores.into_iter().map(|s| ((s.model, s.benchmark, s.source), s.stored)).collect(),
        })
    }
}
