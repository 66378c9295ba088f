//! Reading the whole dataset into domain types, once per load.

use std::collections::HashMap;

use sqlx::{SqliteConnection, SqlitePool};

use super::DbError;
use crate::domain::model::{
    Benchmark, Dataset, Date, Model, ModelStatus, OtherLimits, PriceSchedule, Provider, Scale, Score, Source, Sourced,
    Speed,
};
use crate::domain::slug::ModelId;

/// A `models` row as stored.
#[derive(sqlx::FromRow)]
pub(super) struct ModelRow {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) provider: String,
    pub(super) api_host: String,
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
    pub(super) modelsdev_id: Option<String>,
    pub(super) epoch_version: Option<String>,
    pub(super) knowledge_cutoff: Option<String>,
    pub(super) knowledge_cutoff_source: Option<String>,
    pub(super) litellm_max_input: Option<i64>,
    pub(super) litellm_max_output: Option<i64>,
    pub(super) litellm_limits_source: Option<String>,
}

/// A `prices` row as stored (its rates are in the rate-card tables).
#[derive(sqlx::FromRow)]
pub(super) struct PriceRow {
    pub(super) id: i64,
    pub(super) model: String,
    pub(super) effective_from: String,
    pub(super) effective_to: Option<String>,
    pub(super) source: String,
    pub(super) last_seen_in: String,
}

#[derive(sqlx::FromRow)]
struct ScoreRow {
    model: String,
    benchmark: String,
    value: f64,
    independent: bool,
    source: String,
    as_of: String,
    note: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SpeedRow {
    model: String,
    output_tokens_per_s: Option<f64>,
    ttft_s: Option<f64>,
    source: String,
    as_of: String,
}

fn date(what: &str, text: &str) -> Result<Date, DbError> {
    Date::parse(text).ok_or_else(|| DbError::Inconsistent(format!("{what}: `{text}` is not a YYYY-MM-DD date")))
}

fn sourced<T>(value: Option<T>, source: &Option<String>) -> Option<Sourced<T>> {
    Some(Sourced { value: value?, source: source.clone()?.into() })
}

/// Reads every model, price, score, speed, benchmark, provider and source.
pub async fn load_dataset(pool: &SqlitePool) -> Result<Dataset, DbError> {
    Ok(load_snapshot(pool).await?.1)
}

/// The dataset's revision and the dataset itself, read in one read transaction: a write that
/// commits meanwhile is either wholly in the snapshot or wholly absent, so a reload never
/// builds a half-updated catalog.
pub async fn load_snapshot(pool: &SqlitePool) -> Result<(i64, Dataset), DbError> {
    let mut tx = pool.begin().await?;
    let revision = super::meta::revision_in(&mut tx).await?;
    let dataset = load_in(&mut tx).await?;
    tx.rollback().await?;
    Ok((revision, dataset))
}

/// Every price period with its row id and rate card, by model, oldest first: the one
/// reading of the price tables, for the dataset, the export and the LiteLLM import.
pub(super) async fn price_periods(
    conn: &mut SqliteConnection,
) -> Result<HashMap<String, Vec<(i64, PriceSchedule)>>, DbError> {
    let mut cards = super::rate_card::read_cards(&mut *conn).await?;
    let mut prices: HashMap<String, Vec<(i64, PriceSchedule)>> = HashMap::new();
    for p in sqlx::query_as::<_, PriceRow>(
        "SELECT id, model, effective_from, effective_to, source, last_seen_in FROM prices
         ORDER BY model, effective_from, id",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let what = format!("price {} of {}", p.id, p.model);
        let schedule = PriceSchedule {
            effective_from: date(&what, &p.effective_from)?,
            effective_to: p.effective_to.as_deref().map(|d| date(&what, d)).transpose()?,
            rates: cards.remove(&p.id).unwrap_or_default(),
            source: p.source.into(),
            last_seen_in: p.last_seen_in.into(),
        };
        prices.entry(p.model).or_default().push((p.id, schedule));
    }
    Ok(prices)
}

async fn load_in(conn: &mut SqliteConnection) -> Result<Dataset, DbError> {
    let sources: Vec<(String, String, String, String, String)> =
        sqlx::query_as("SELECT id, title, url, license, as_of FROM sources").fetch_all(&mut *conn).await?;
    let sources = sources
        .into_iter()
        .map(|(id, title, url, license, as_of)| {
            Ok(Source { as_of: date(&format!("source {id}"), &as_of)?, id: id.into(), title, url, license })
        })
        .collect::<Result<Vec<_>, DbError>>()?;

    let providers: Vec<(String, String)> =
        sqlx::query_as("SELECT slug, name FROM providers").fetch_all(&mut *conn).await?;
    let providers = providers.into_iter().map(|(slug, name)| Provider { slug: slug.into(), name }).collect();

    let benchmarks: Vec<(String, String, String, String, bool)> =
        sqlx::query_as("SELECT slug, name, measures, scale, higher_is_better FROM benchmarks ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await?;
    let benchmarks = benchmarks
        .into_iter()
        .map(|(slug, name, measures, scale, higher_is_better)| {
            let scale = Scale::parse(&scale)
                .ok_or_else(|| DbError::Inconsistent(format!("benchmark {slug}: unknown scale `{scale}`")))?;
            Ok(Benchmark { slug: slug.into(), name, measures, scale, higher_is_better })
        })
        .collect::<Result<Vec<_>, DbError>>()?;

    let mut prices: HashMap<String, Vec<PriceSchedule>> = price_periods(conn)
        .await?
        .into_iter()
        .map(|(model, periods)| (model, periods.into_iter().map(|(_, p)| p).collect()))
        .collect();

    let mut scores: HashMap<String, Vec<Score>> = HashMap::new();
    for s in sqlx::query_as::<_, ScoreRow>("SELECT * FROM scores ORDER BY model, benchmark, source")
        .fetch_all(&mut *conn)
        .await?
    {
        let what = format!("score of {} on {}", s.model, s.benchmark);
        scores.entry(s.model).or_default().push(Score {
            benchmark: s.benchmark.into(),
            value: s.value,
            independent: s.independent,
            source: s.source.into(),
            as_of: date(&what, &s.as_of)?,
            note: s.note,
        });
    }

    let mut speeds: HashMap<String, Vec<Speed>> = HashMap::new();
    for s in sqlx::query_as::<_, SpeedRow>("SELECT * FROM speeds").fetch_all(&mut *conn).await? {
        let what = format!("speed of {}", s.model);
        speeds.entry(s.model).or_default().push(Speed {
            output_tokens_per_s: s.output_tokens_per_s,
            ttft_s: s.ttft_s,
            source: s.source.into(),
            as_of: date(&what, &s.as_of)?,
        });
    }

    let mut keys: HashMap<String, Vec<String>> = HashMap::new();
    let key_rows: Vec<(String, String)> =
        sqlx::query_as("SELECT model, litellm_key FROM model_price_keys ORDER BY model, litellm_key")
            .fetch_all(&mut *conn)
            .await?;
    for (model, key) in key_rows {
        keys.entry(model).or_default().push(key);
    }

    let mut models = Vec::new();
    for m in sqlx::query_as::<_, ModelRow>("SELECT * FROM models").fetch_all(&mut *conn).await? {
        let what = format!("model {}", m.slug);
        let id = ModelId::parse(&m.slug).ok_or_else(|| DbError::Inconsistent(format!("{what}: invalid slug")))?;
        let status = ModelStatus::parse(&m.status)
            .ok_or_else(|| DbError::Inconsistent(format!("{what}: unknown status `{}`", m.status)))?;
        let release = m.release_date.as_deref().map(|d| date(&what, d)).transpose()?;
        models.push(Model {
            name: m.name,
            provider: m.provider.into(),
            api_host: m.api_host,
            release_date: sourced(release, &m.release_date_source),
            context_window: sourced(m.context_window.map(|v| v as u64), &m.limits_source),
            max_output: sourced(m.max_output.map(|v| v as u64), &m.limits_source),
            max_input: sourced(m.max_input.map(|v| v as u64), &m.limits_source),
            open_weights: sourced(m.open_weights, &m.open_weights_source),
            status,
            stored_status: status,
            deprecation_date: m.deprecation_date.as_deref().map(|d| date(&what, d)).transpose()?,
            status_source: m.status_source.map(Into::into),
            knowledge_cutoff: sourced(m.knowledge_cutoff, &m.knowledge_cutoff_source),
            litellm_limits: m.litellm_limits_source.map(|source| OtherLimits {
                max_input: m.litellm_max_input.map(|v| v.max(0) as u64),
                max_output: m.litellm_max_output.map(|v| v.max(0) as u64),
                source: source.into(),
            }),
            modelsdev_id: m.modelsdev_id,
            epoch_version: m.epoch_version,
            litellm_keys: keys.remove(&m.slug).unwrap_or_default(),
            prices: prices.remove(&m.slug).unwrap_or_default(),
            scores: scores.remove(&m.slug).unwrap_or_default(),
            speeds: speeds.remove(&m.slug).unwrap_or_default(),
            id,
        });
    }
    Ok(Dataset::new(models, providers, benchmarks, sources))
}
