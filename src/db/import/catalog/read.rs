//! The database's side of a catalog import, read once inside its transaction: the sources,
//! providers and benchmarks, every model with the catalog-owned fields, its LiteLLM keys, its
//! pinned fields and its quoted speeds.

use std::collections::{BTreeMap, HashMap};

use sqlx::SqliteConnection;

use super::super::ImportError;

/// A model's catalog-owned fields as stored.
#[derive(sqlx::FromRow, Clone)]
pub(super) struct StoredModel {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) provider: String,
    pub(super) api_host: String,
    pub(super) release_date: Option<String>,
    pub(super) release_date_source: Option<String>,
    pub(super) status: String,
    pub(super) deprecation_date: Option<String>,
    pub(super) status_source: Option<String>,
    pub(super) modelsdev_id: Option<String>,
    pub(super) epoch_version: Option<String>,
}

/// (model, source) -> (tokens per second, seconds to first token, as of).
pub(super) type SpeedRows = HashMap<(String, String), (Option<f64>, Option<f64>, String)>;

/// The database's state the catalog is compared against.
pub(super) struct Current {
    /// Source id -> (title, url, license, as_of).
    pub(super) sources: HashMap<String, (String, String, String, String)>,
    /// Provider slug -> name.
    pub(super) providers: HashMap<String, String>,
    /// Benchmark slug -> (name, measures, scale, higher_is_better).
    pub(super) benchmarks: HashMap<String, (String, String, String, bool)>,
    /// Every model, in the order they were added.
    pub(super) models: Vec<StoredModel>,
    /// Model -> its LiteLLM keys, sorted.
    pub(super) keys: BTreeMap<String, Vec<String>>,
    /// Model -> its pinned fields, sorted.
    pub(super) pins: HashMap<String, Vec<String>>,
    /// The quoted speeds.
    pub(super) speeds: SpeedRows,
}

impl Current {
    pub(super) async fn read(conn: &mut SqliteConnection) -> Result<Self, ImportError> {
        let sources = sqlx::query_as::<_, (String, String, String, String, String)>(
            "SELECT id, title, url, license, as_of FROM sources",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(id, t, u, l, a)| (id, (t, u, l, a)))
        .collect();
        let providers: HashMap<String, String> =
            sqlx::query_as("SELECT slug, name FROM providers").fetch_all(&mut *conn).await?.into_iter().collect();
        let benchmarks = sqlx::query_as::<_, (String, String, String, String, bool)>(
            "SELECT slug, name, measures, scale, higher_is_better FROM benchmarks",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(s, n, m, sc, h)| (s, (n, m, sc, h)))
        .collect();
        let models: Vec<StoredModel> = sqlx::query_as(
            "SELECT slug, name, provider, api_host, release_date, release_date_source, status, deprecation_date,
                status_source, modelsdev_id, epoch_version FROM models ORDER BY rowid",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (model, key) in sqlx::query_as::<_, (String, String)>(
            "SELECT model, litellm_key FROM model_price_keys ORDER BY model, litellm_key",
        )
        .fetch_all(&mut *conn)
        .await?
        {
            keys.entry(model).or_default().push(key);
        }
        let mut pins: HashMap<String, Vec<String>> = HashMap::new();
        for (model, field) in
            sqlx::query_as::<_, (String, String)>("SELECT model, field FROM model_pins ORDER BY model, field")
                .fetch_all(&mut *conn)
                .await?
        {
            pins.entry(model).or_default().push(field);
        }
        let speeds = sqlx::query_as::<_, (String, String, Option<f64>, Option<f64>, String)>(
            "SELECT model, source, output_tokens_per_s, ttft_s, as_of FROM speeds",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(m, s, o, t, a)| ((m, s), (o, t, a)))
        .collect();
        Ok(Self { sources, providers, benchmarks, models, keys, pins, speeds })
    }
}
