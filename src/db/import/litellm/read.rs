//! The database's side of a LiteLLM import: mapped keys, current prices, limits, sources.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::super::ImportError;
use crate::domain::rate_card::RateCard;

/// A model's limits as stored.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct OurLimits {
    pub(super) context_window: Option<u64>,
    pub(super) max_output: Option<u64>,
    pub(super) max_input: Option<u64>,
}

#[derive(sqlx::FromRow)]
struct LimitsRow {
    pub(super) slug: String,
    pub(super) context_window: Option<i64>,
    pub(super) max_output: Option<i64>,
    pub(super) max_input: Option<i64>,
}

/// The database's state the import compares against.
pub(super) struct Current {
    /// Model id -> its limits.
    pub(super) models: HashMap<String, OurLimits>,
    /// (model, key), sorted by model then key.
    pub(super) keys: Vec<(String, String)>,
    /// Model id -> its current price row.
    pub(super) prices: HashMap<String, CurrentPrice>,
    /// Source id -> (title, as_of).
    pub(super) sources: HashMap<String, (String, String)>,
}

/// A model's current price row.
pub(super) struct CurrentPrice {
    pub(super) id: i64,
    pub(super) effective_from: String,
    pub(super) last_seen_in: String,
    pub(super) prices: RateCard,
}

impl Current {
    pub(super) async fn read(conn: &mut SqliteConnection) -> Result<Self, ImportError> {
        let rows: Vec<LimitsRow> = sqlx::query_as("SELECT slug, context_window, max_output, max_input FROM models")
            .fetch_all(&mut *conn)
            .await?;
        let count = |v: Option<i64>| v.map(|v| v.max(0) as u64);
        let models = rows
            .into_iter()
            .map(|m| {
                let limits = OurLimits {
                    context_window: count(m.context_window),
                    max_output: count(m.max_output),
                    max_input: count(m.max_input),
                };
                (m.slug, limits)
            })
            .collect();
        let keys = sqlx::query_as("SELECT model, litellm_key FROM model_price_keys ORDER BY model, litellm_key")
            .fetch_all(&mut *conn)
            .await?;
        // The current period of each model, read the way the dataset load reads it.
        let prices = crate::db::load::price_periods(&mut *conn)
            .await?
            .into_iter()
            .filter_map(|(model, periods)| {
                let (id, p) = periods.into_iter().find(|(_, p)| p.effective_to.is_none())?;
                let current = CurrentPrice {
                    id,
                    effective_from: p.effective_from.iso().to_owned(),
                    last_seen_in: p.last_seen_in.to_string(),
                    prices: p.rates,
                };
                Some((model, current))
            })
            .collect();
        let sources: Vec<(String, String, String)> =
            sqlx::query_as("SELECT id, title, as_of FROM sources").fetch_all(&mut *conn).await?;
        let sources = sources.into_iter().map(|(id, title, as_of)| (id, (title, as_of))).collect();
        Ok(Self { models, keys, prices, sources })
    }
}
