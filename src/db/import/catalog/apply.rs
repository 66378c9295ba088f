//! The SQL writes of a catalog import, in the plan's order: sources, providers, benchmarks,
//! models, LiteLLM keys (every key a written model gives up is dropped first, so keys can move
//! between models in one import), pinned fields and quoted speeds.

use sqlx::SqliteConnection;

use super::super::ImportError;
use super::plan::{Write, api_host};
use super::toml_file::CatalogFile;

/// Makes the plan's writes inside the import's transaction.
pub(super) async fn apply(
    conn: &mut SqliteConnection,
    file: &CatalogFile,
    writes: &[Write],
) -> Result<(), ImportError> {
    // Keys move between models in one import: drop every key a written model gives up first.
    for w in writes {
        if let Write::Keys(i) = w {
            sqlx::query("DELETE FROM model_price_keys WHERE model = ?")
                .bind(&file.model[*i].id)
                .execute(&mut *conn)
                .await?;
        }
    }
    for w in writes {
        match *w {
            Write::Source(i, new) => {
                let s = &file.source[i];
                let sql = if new {
                    "INSERT INTO sources (title, url, license, as_of, id) VALUES (?, ?, ?, ?, ?)"
                } else {
                    "UPDATE sources SET title = ?, url = ?, license = ?, as_of = ? WHERE id = ?"
                };
                sqlx::query(sql)
                    .bind(&s.title)
                    .bind(&s.url)
                    .bind(&s.license)
                    .bind(&s.as_of)
                    .bind(&s.id)
                    .execute(&mut *conn)
                    .await?;
            }
            Write::Provider(i, new) => {
                let p = &file.provider[i];
                let sql = if new {
                    "INSERT INTO providers (name, slug) VALUES (?, ?)"
                } else {
                    "UPDATE providers SET name = ? WHERE slug = ?"
                };
                sqlx::query(sql).bind(&p.name).bind(&p.slug).execute(&mut *conn).await?;
            }
            Write::Benchmark(i, new) => {
                let b = &file.benchmark[i];
                let sql = if new {
                    "INSERT INTO benchmarks (name, measures, scale, higher_is_better, slug) VALUES (?, ?, ?, ?, ?)"
                } else {
                    "UPDATE benchmarks SET name = ?, measures = ?, scale = ?, higher_is_better = ? WHERE slug = ?"
                };
                sqlx::query(sql)
                    .bind(&b.name)
                    .bind(&b.measures)
                    .bind(&b.scale)
                    .bind(b.higher_is_better)
                    .bind(&b.slug)
                    .execute(&mut *conn)
                    .await?;
            }
            Write::Model(i, new) => {
                let m = &file.model[i];
                if new {
                    sqlx::query(
                        "INSERT INTO models (slug, name, provider, api_host, status) VALUES (?, ?, ?, ?, 'active')",
                    )
                    .bind(&m.id)
                    .bind(m.name.clone().unwrap_or_else(|| m.id.clone()))
                    .bind(&m.provider)
                    .bind(api_host(file, m))
                    .execute(&mut *conn)
                    .await?;
                }
                sqlx::query(
                    "UPDATE models SET provider = ?, api_host = ?, modelsdev_id = ?, epoch_version = ? WHERE slug = ?",
                )
                .bind(&m.provider)
                .bind(api_host(file, m))
                .bind(&m.modelsdev)
                .bind(&m.epoch)
                .bind(&m.id)
                .execute(&mut *conn)
                .await?;
                if let Some(name) = &m.name {
                    sqlx::query("UPDATE models SET name = ? WHERE slug = ?")
                        .bind(name)
                        .bind(&m.id)
                        .execute(&mut *conn)
                        .await?;
                }
                if m.release.is_some() || m.release_unknown.is_some() {
                    sqlx::query("UPDATE models SET release_date = ?, release_date_source = ? WHERE slug = ?")
                        .bind(m.release.as_ref().map(|r| &r.date))
                        .bind(m.release.as_ref().map(|r| &r.source))
                        .bind(&m.id)
                        .execute(&mut *conn)
                        .await?;
                }
                if let Some(s) = &m.status {
                    sqlx::query("UPDATE models SET status = ?, deprecation_date = ?, status_source = ? WHERE slug = ?")
                        .bind(&s.status)
                        .bind(&s.date)
                        .bind(&s.source)
                        .bind(&m.id)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            Write::Keys(i) => {
                let m = &file.model[i];
                let mut sorted = m.litellm.clone();
                sorted.sort();
                for key in sorted {
                    sqlx::query("INSERT INTO model_price_keys (model, litellm_key) VALUES (?, ?)")
                        .bind(&m.id)
                        .bind(key)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            Write::Pins(i, ref fields) => {
                let m = &file.model[i];
                sqlx::query("DELETE FROM model_pins WHERE model = ?").bind(&m.id).execute(&mut *conn).await?;
                for field in fields {
                    sqlx::query("INSERT INTO model_pins (model, field) VALUES (?, ?)")
                        .bind(&m.id)
                        .bind(field)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            Write::Speed(i) => {
                let m = &file.model[i];
                if let Some(s) = &m.speed {
                    sqlx::query(
                        "INSERT OR REPLACE INTO speeds (model, output_tokens_per_s, ttft_s, source, as_of) VALUES (?, ?, ?, ?, ?)",
                    )
                    .bind(&m.id)
                    .bind(s.output_tokens_per_s)
                    .bind(s.ttft_s)
                    .bind(&s.source)
                    .bind(&s.as_of)
                    .execute(&mut *conn)
                    .await?;
                }
            }
        }
    }
    Ok(())
}
