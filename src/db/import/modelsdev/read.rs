//! The database's side of a models.dev import, read once inside its transaction: the sources
//! it may cite, the figures of every model that names a models.dev id, and the fields the
//! catalog pins by hand.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::super::ImportError;

/// A model's stored figures, each with the source it cites.
#[derive(sqlx::FromRow)]
pub(super) struct Stored {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) release_date: Option<String>,
    pub(super) release_date_source: Option<String>,
    pub(super) context_window: Option<i64>,
    pub(super) max_output: Option<i64>,
    pub(super) max_input: Option<i64>,
    pub(super) limits_source: Option<String>,
    pub(super) open_weights: Option<bool>,
    pub(super) open_weights_source: Option<String>,
    pub(super) status: String,
    pub(super) deprecation_date: Option<String>,
    pub(super) status_source: Option<String>,
    pub(super) knowledge_cutoff: Option<String>,
    pub(super) knowledge_cutoff_source: Option<String>,
    pub(super) modelsdev_id: Option<String>,
}

/// The database's state the import compares against.
pub(super) struct Current {
    /// Source id -> title.
    pub(super) sources: HashMap<String, String>,
    /// The models that name a models.dev id, by slug.
    pub(super) models: Vec<Stored>,
    /// Model -> the fields the catalog sets by hand.
    pub(super) pins: HashMap<String, Vec<String>>,
}

impl Current {
    pub(super) async fn read(conn: &mut SqliteConnection) -> Result<Self, ImportError> {
        let sources: HashMap<String, String> =
            sqlx::query_as("SELECT id, title FROM sources").fetch_all(&mut *conn).await?.into_iter().collect();
        let models: Vec<Stored> = sqlx::query_as(
            "SELECT slug, name, release_date, release_date_source, context_window, max_output, max_input, limits_source,
                open_weights, open_weights_source, status, deprecation_date, status_source, knowledge_cutoff,
                knowledge_cutoff_source, modelsdev_id
         FROM models WHERE modelsdev_id IS NOT NULL ORDER BY slug",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut pins: HashMap<String, Vec<String>> = HashMap::new();
        for (model, field) in
            sqlx::query_as::<_, (String, String)>("SELECT model, field FROM model_pins").fetch_all(&mut *conn).await?
        {
            pins.entry(model).or_default().push(field);
        }
        Ok(Self { sources, models, pins })
    }
}
