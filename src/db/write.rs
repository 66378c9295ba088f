//! Writing a whole dataset file into the database, in one transaction.

use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};

use super::DbError;
use super::dataset_file::ValidDataset;
use crate::domain::model::{Date, PriceSchedule};

/// Inserts one price period of `model` with its rate card; returns its row id. The one
/// place a price row is written, for the seed, `import dataset` and `import litellm` alike.
pub(super) async fn insert_price_period(
    conn: &mut SqliteConnection,
    model: &str,
    p: &PriceSchedule,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO prices (model, effective_from, effective_to, source, last_seen_in)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(model)
    .bind(p.effective_from.iso())
    .bind(p.effective_to.as_ref().map(Date::iso))
    .bind(p.source.as_str())
    .bind(p.last_seen_in.as_str())
    .fetch_one(&mut *conn)
    .await?;
    super::rate_card::write_card(&mut *conn, id, &p.rates).await?;
    Ok(id)
}

/// Inserts a validated dataset into an empty database, recording `origin` in the metadata.
/// One transaction: on any error nothing is written.
pub async fn insert_dataset(pool: &SqlitePool, dataset: &ValidDataset, origin: &str) -> Result<(), DbError> {
    let mut tx = pool.begin().await?;
    insert_all(&mut tx, dataset).await?;
    sqlx::query("INSERT OR REPLACE INTO dataset_meta (key, value) VALUES ('origin', ?)")
        .bind(origin)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Inserts every row of a validated dataset inside the caller's transaction.
pub(super) async fn insert_all(tx: &mut Transaction<'_, Sqlite>, dataset: &ValidDataset) -> Result<(), DbError> {
    let file = &dataset.file;
    for s in &file.sources {
        sqlx::query("INSERT INTO sources (id, title, url, license, as_of) VALUES (?, ?, ?, ?, ?)")
            .bind(&s.id)
            .bind(&s.title)
            .bind(&s.url)
            .bind(&s.license)
            .bind(&s.as_of)
            .execute(&mut **tx)
            .await?;
    }
    for p in &file.providers {
        sqlx::query("INSERT INTO providers (slug, name) VALUES (?, ?)")
            .bind(&p.slug)
            .bind(&p.name)
            .execute(&mut **tx)
            .await?;
    }
    for b in &file.benchmarks {
        sqlx::query("INSERT INTO benchmarks (slug, name, measures, scale, higher_is_better) VALUES (?, ?, ?, ?, ?)")
            .bind(&b.slug)
            .bind(&b.name)
            .bind(&b.measures)
            .bind(&b.scale)
            .bind(b.higher_is_better)
            .execute(&mut **tx)
            .await?;
    }
    for (m, periods) in dataset.models() {
        sqlx::query(
            "INSERT INTO models (slug, name, provider, api_host, release_date, release_date_source,
                context_window, max_output, max_input, limits_source, open_weights, open_weights_source,
                status, deprecation_date, status_source, modelsdev_id, epoch_version, knowledge_cutoff,
                knowledge_cutoff_source, litellm_max_input, litellm_max_output, litellm_limits_source)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&m.slug)
        .bind(&m.name)
        .bind(&m.provider)
        .bind(&m.api_host)
        .bind(&m.release_date)
        .bind(&m.release_date_source)
        .bind(m.context_window.map(|v| v as i64))
        .bind(m.max_output.map(|v| v as i64))
        .bind(m.max_input.map(|v| v as i64))
        .bind(&m.limits_source)
        .bind(m.open_weights)
        .bind(&m.open_weights_source)
        .bind(&m.status)
        .bind(&m.deprecation_date)
        .bind(&m.status_source)
        .bind(&m.modelsdev_id)
        .bind(&m.epoch_version)
        .bind(&m.knowledge_cutoff)
        .bind(&m.knowledge_cutoff_source)
        .bind(m.litellm_max_input.map(|v| v as i64))
        .bind(m.litellm_max_output.map(|v| v as i64))
        .bind(&m.litellm_limits_source)
        .execute(&mut **tx)
        .await?;
        for field in &m.pinned {
            sqlx::query("INSERT INTO model_pins (model, field) VALUES (?, ?)")
                .bind(&m.slug)
                .bind(field)
                .execute(&mut **tx)
                .await?;
        }
        for key in &m.litellm_keys {
            sqlx::query("INSERT INTO model_price_keys (model, litellm_key) VALUES (?, ?)")
                .bind(&m.slug)
                .bind(key)
                .execute(&mut **tx)
                .await?;
        }
        for p in periods {
            insert_price_period(tx, &m.slug, p).await?;
        }
        for s in &m.scores {
            sqlx::query(
                "INSERT INTO scores (model, benchmark, value, independent, source, as_of, note)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&m.slug)
            .bind(&s.benchmark)
            .bind(s.value)
            .bind(s.independent)
            .bind(&s.source)
            .bind(&s.as_of)
            .bind(&s.note)
            .execute(&mut **tx)
            .await?;
        }
        for s in &m.speeds {
            sqlx::query(
                "INSERT INTO speeds (model, output_tokens_per_s, ttft_s, source, as_of) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(&m.slug)
            .bind(s.output_tokens_per_s)
            .bind(s.ttft_s)
            .bind(&s.source)
            .bind(&s.as_of)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
