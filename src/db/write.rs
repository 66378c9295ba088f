//! Writing a whole dataset file into the database, in one transaction.

use sqlx::{Sqlite, SqlitePool, Transaction};

use super::DbError;
use super::dataset_file::DatasetFile;
use crate::domain::money::PricePerMTok;

/// Micro-dollars of a validated price string.
fn micros(text: &str) -> i64 {
    // `DatasetFile::validate` has parsed every price; a failure here is a programming error
    // caught by the seed's own test, so fall back to refusing the row via a CHECK (-1).
    PricePerMTok::parse(text).map_or(-1, |p| p.micros() as i64)
}

fn opt_micros(text: &Option<String>) -> Option<i64> {
    text.as_deref().map(micros)
}

/// Inserts a validated dataset into an empty database, recording `origin` in the metadata.
/// One transaction: on any error nothing is written.
pub async fn insert_dataset(pool: &SqlitePool, file: &DatasetFile, origin: &str) -> Result<(), DbError> {
    file.validate()?;
    let mut tx = pool.begin().await?;
    insert_all(&mut tx, file).await?;
    sqlx::query("INSERT OR REPLACE INTO dataset_meta (key, value) VALUES ('origin', ?)")
        .bind(origin)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Inserts every row of a validated dataset inside the caller's transaction.
pub(super) async fn insert_all(tx: &mut Transaction<'_, Sqlite>, file: &DatasetFile) -> Result<(), DbError> {
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
    for m in &file.models {
        sqlx::query(
            "INSERT INTO models (slug, name, provider, api_host, release_date, release_date_source,
                context_window, max_output, max_input, limits_source, open_weights, open_weights_source,
                status, deprecation_date, status_source)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        .execute(&mut **tx)
        .await?;
        for key in &m.litellm_keys {
            sqlx::query("INSERT INTO model_price_keys (model, litellm_key) VALUES (?, ?)")
                .bind(&m.slug)
                .bind(key)
                .execute(&mut **tx)
                .await?;
        }
        for p in &m.prices {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO prices (model, effective_from, effective_to, input_micros, output_micros,
                    cache_read_micros, cache_write_micros, cache_write_1h_micros,
                    batch_input_micros, batch_output_micros, source, last_seen_in)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(&m.slug)
            .bind(&p.effective_from)
            .bind(&p.effective_to)
            .bind(micros(&p.input))
            .bind(micros(&p.output))
            .bind(opt_micros(&p.cache_read))
            .bind(opt_micros(&p.cache_write))
            .bind(opt_micros(&p.cache_write_1h))
            .bind(opt_micros(&p.batch_input))
            .bind(opt_micros(&p.batch_output))
            .bind(&p.source)
            .bind(&p.last_seen_in)
            .fetch_one(&mut **tx)
            .await?;
            for t in &p.long_context {
                sqlx::query(
                    "INSERT INTO price_tiers (price_id, above_tokens, input_micros, output_micros, cache_read_micros)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(id)
                .bind(t.above_tokens as i64)
                .bind(micros(&t.input))
                .bind(micros(&t.output))
                .bind(opt_micros(&t.cache_read))
                .execute(&mut **tx)
                .await?;
            }
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
