//! The rate card's three tables (`price_rates`, `price_windows`, `price_fees`): the one place
//! a card is read from or written to the database, for the dataset load, the export, the seed
//! and both importers.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::DbError;
use crate::domain::model::Date;
use crate::domain::money::PricePerMTok;
use crate::domain::rate_card::{
    FeeUnit, ListedFee, Meter, RateCard, RateKey, ServiceTier, SourcedFee, TimeWindow, WeeklyHours,
};

/// The database spelling of "no window": '' (a NULL would let the primary key repeat).
const ALL_HOURS: &str = "";

fn inconsistent(price_id: i64, what: &str, text: &str) -> DbError {
    DbError::Inconsistent(format!("price {price_id}: unknown {what} `{text}`"))
}

fn window(price_id: i64, text: &str) -> Result<Option<TimeWindow>, DbError> {
    if text == ALL_HOURS {
        return Ok(None);
    }
    TimeWindow::parse(text).map(Some).ok_or_else(|| inconsistent(price_id, "time window", text))
}

/// Every price row's rate card, by price id.
pub(super) async fn read_cards(conn: &mut SqliteConnection) -> Result<HashMap<i64, RateCard>, DbError> {
    let mut cards: HashMap<i64, RateCard> = HashMap::new();
    let rates: Vec<(i64, String, String, i64, String, i64)> =
        sqlx::query_as("SELECT price_id, tier, time_window, above_tokens, meter, micros FROM price_rates")
            .fetch_all(&mut *conn)
            .await?;
    for (id, tier, win, above, meter, micros) in rates {
        let key = RateKey {
            tier: ServiceTier::parse(&tier).ok_or_else(|| inconsistent(id, "service tier", &tier))?,
            window: window(id, &win)?,
            above_tokens: above.max(0) as u64,
            meter: Meter::parse(&meter).ok_or_else(|| inconsistent(id, "meter", &meter))?,
        };
        // CHECK constraints keep stored rates non-negative.
        cards.entry(id).or_default().insert(key, PricePerMTok::from_micros(micros.max(0) as u64));
    }
    let windows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT price_id, time_window, hours FROM price_windows").fetch_all(&mut *conn).await?;
    for (id, win, hours) in windows {
        let w = window(id, &win)?.ok_or_else(|| inconsistent(id, "time window", &win))?;
        let h = WeeklyHours::parse(&hours).ok_or_else(|| inconsistent(id, "window hours", &hours))?;
        cards.entry(id).or_default().set_window(w, h);
    }
    let fees: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
        "SELECT price_id, what, unit, figure, source, listed_from FROM price_fees ORDER BY price_id, what",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (id, what, unit, figure, source, listed_from) in fees {
        let unit = FeeUnit::parse(&unit).ok_or_else(|| inconsistent(id, "fee unit", &unit))?;
        let listed_from = Date::parse(&listed_from).ok_or_else(|| inconsistent(id, "fee date", &listed_from))?;
        cards.entry(id).or_default().fees.push(SourcedFee {
            fee: ListedFee { what, unit, figure },
            source: source.into(),
            listed_from,
        });
    }
    // The domain orders fees by the whole fee, not only by `what`.
    for card in cards.values_mut() {
        card.fees.sort();
    }
    Ok(cards)
}

/// Writes the card of price row `price_id`.
pub(super) async fn write_card(conn: &mut SqliteConnection, price_id: i64, card: &RateCard) -> Result<(), sqlx::Error> {
    for (key, price) in card.rates() {
        sqlx::query(
            "INSERT INTO price_rates (price_id, tier, time_window, above_tokens, meter, micros)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(price_id)
        .bind(key.tier.as_str())
        .bind(key.window.map_or(ALL_HOURS, TimeWindow::as_str))
        .bind(key.above_tokens as i64)
        .bind(key.meter.as_str())
        .bind(price.micros() as i64)
        .execute(&mut *conn)
        .await?;
    }
    for (w, hours) in card.windows() {
        sqlx::query("INSERT INTO price_windows (price_id, time_window, hours) VALUES (?, ?, ?)")
            .bind(price_id)
            .bind(w.as_str())
            .bind(hours.to_string())
            .execute(&mut *conn)
            .await?;
    }
    insert_fees(conn, price_id, &card.fees).await
}

/// Replaces the listed fees of price row `price_id`: a newer source lists fees without
/// changing the rates, and a fee it no longer lists leaves the current card.
pub(super) async fn replace_fees(
    conn: &mut SqliteConnection,
    price_id: i64,
    fees: &[SourcedFee],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM price_fees WHERE price_id = ?").bind(price_id).execute(&mut *conn).await?;
    insert_fees(conn, price_id, fees).await
}

async fn insert_fees(conn: &mut SqliteConnection, price_id: i64, fees: &[SourcedFee]) -> Result<(), sqlx::Error> {
    for f in fees {
        sqlx::query(
            "INSERT INTO price_fees (price_id, what, unit, figure, source, listed_from) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(price_id)
        .bind(&f.fee.what)
        .bind(f.fee.unit.as_str())
        .bind(&f.fee.figure)
        .bind(f.source.as_str())
        .bind(f.listed_from.iso())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use sqlx::sqlite::SqlitePoolOptions;

    use super::*;

    /// The migrations up to 0005, in order.
    const MIGRATIONS: [&str; 5] = [
        include_str!("../../migrations/0001_schema.sql"),
        include_str!("../../migrations/0002_max_input.sql"),
        include_str!("../../migrations/0003_catalog.sql"),
        include_str!("../../migrations/0004_rate_card.sql"),
        include_str!("../../migrations/0005_fee_sources.sql"),
    ];

    /// An in-memory database with the schema as it was before migration `number`.
    async fn schema_before(number: usize) -> sqlx::pool::PoolConnection<sqlx::Sqlite> {
        let pool = SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        for sql in &MIGRATIONS[..number - 1] {
            sqlx::raw_sql(sqlx::AssertSqlSafe(*sql)).execute(&mut *conn).await.unwrap();
        }
        conn
    }

    /// Every tier, window, meter and fee unit the domain knows is a value today's schema
    /// accepts and reads back: a variant added without a migration widening the table's
    /// `CHECK (... IN (...))` fails here, and SQLite's message names the column.
    #[tokio::test]
    async fn every_rate_key_window_and_fee_unit_round_trips_through_the_schema() {
        let pool = SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await.unwrap();
        crate::db::MIGRATOR.run(&pool).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        sqlx::raw_sql(
            "INSERT INTO sources VALUES ('s', 't', 'https://example.com', 'MIT', '2026-11-25');
             INSERT INTO providers VALUES ('p', 'P');
             INSERT INTO models (slug, name, provider, api_host, status) VALUES ('m', 'M', 'p', 'API', 'active');
             INSERT INTO prices (id, model, effective_from, source, last_seen_in) VALUES (1, 'm', '2026-11-25', 's', 's');",
        )
        .execute(&mut *conn)
        .await
        .unwrap();

        let mut card = RateCard::default();
        let windows = std::iter::once(None).chain(TimeWindow::ALL.map(Some));
        let mut micros = 1;
        for tier in ServiceTier::ALL {
            for window in windows.clone() {
                for above_tokens in [0, 200_000] {
                    for meter in Meter::ALL {
                        card.insert(RateKey { tier, window, above_tokens, meter }, PricePerMTok::from_micros(micros));
                        micros += 1;
                    }
                }
            }
        }
        for w in TimeWindow::ALL {
            card.set_window(w, crate::domain::testing::deepseek_off_peak_hours());
        }
        card.fees = FeeUnit::ALL
            .into_iter()
            .map(|unit| SourcedFee {
                fee: ListedFee { what: format!("fee in {}", unit.as_str()), unit, figure: "1.1".to_owned() },
                source: "s".into(),
                listed_from: Date::parse("2026-11-25").unwrap(),
            })
            .collect();
        card.fees.sort();

        write_card(&mut conn, 1, &card).await.unwrap();
        let cards = read_cards(&mut conn).await.unwrap();
        assert_eq!(cards[&1], card);
        let rates = ServiceTier::ALL.len() * (1 + TimeWindow::ALL.len()) * 2 * Meter::ALL.len();
        assert_eq!(cards[&1].rates().count(), rates);
    }

    #[tokio::test]
    async fn the_migration_keeps_every_price_period_and_rate_as_a_card() {
        let mut conn = schema_before(4).await;
        // Gemini 2.5 Pro as the old schema held it: a closed period and a current one with a
        // long-context tier, batch, cache-write and 1-hour cache-write columns.
        sqlx::raw_sql(
            "INSERT INTO sources VALUES ('s', 't', 'https://example.com', 'MIT', '2026-03-05');
             INSERT INTO providers VALUES ('google', 'Google');
             INSERT INTO models (slug, name, provider, api_host, status) VALUES ('g', 'G', 'google', 'API', 'active');
             INSERT INTO prices VALUES (1, 'g', '2026-03-05', '2026-11-25', 1250000, 10000000, NULL, NULL, NULL,
                NULL, NULL, 's', 's');
             INSERT INTO prices VALUES (2, 'g', '2026-11-25', NULL, 1250000, 10000000, 125000, 3750000, 6000000,
                625000, 5000000, 's', 's');
             INSERT INTO price_tiers VALUES (2, 200000, 2500000, 15000000, 250000);",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        sqlx::raw_sql(include_str!("../../migrations/0004_rate_card.sql")).execute(&mut *conn).await.unwrap();
        // The cards are read with today's schema.
        sqlx::raw_sql(include_str!("../../migrations/0005_fee_sources.sql")).execute(&mut *conn).await.unwrap();

        let cards = read_cards(&mut conn).await.unwrap();
        let text = |id| cards[&id].rates().map(|(k, v)| format!("{k}={}", v.to_decimal())).collect::<Vec<_>>();
        assert_eq!(text(1), ["standard input=1.25", "standard output=10"]);
        assert_eq!(
            text(2),
            [
                "standard input=1.25",
                "standard output=10",
                "standard cache_read=0.125",
                "standard cache_write_5m=3.75",
                "standard cache_write_1h=6",
                "standard input above 200,000 tokens=2.5",
                "standard output above 200,000 tokens=15",
                "standard cache_read above 200,000 tokens=0.25",
                "batch input=0.625",
                "batch output=5",
            ]
        );
        let periods: Vec<(i64, String, Option<String>)> =
            sqlx::query_as("SELECT id, effective_from, effective_to FROM prices ORDER BY id")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        assert_eq!(periods.len(), 2, "every period, closed ones too, is kept");
        let wide: (i64, i64) = sqlx::query_as("SELECT input_micros, batch_output_micros FROM prices_wide WHERE id = 2")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(wide, (1_250_000, 5_000_000));
    }

    #[tokio::test]
    async fn the_fee_sources_migration_gives_every_fee_its_periods_source_and_start() {
        let mut conn = schema_before(5).await;
        // GPT-4o mini as the defect left it: a March period with one fee, and a November
        // period opened only because November listed a second fee.
        sqlx::raw_sql(
            "INSERT INTO sources VALUES ('march', 't', 'https://example.com', 'MIT', '2026-03-05');
             INSERT INTO sources VALUES ('november', 't', 'https://example.com', 'MIT', '2026-11-25');
             INSERT INTO providers VALUES ('openai', 'OpenAI');
             INSERT INTO models (slug, name, provider, api_host, status) VALUES ('m', 'M', 'openai', 'API', 'active');
             INSERT INTO prices (id, model, effective_from, effective_to, source, last_seen_in)
                VALUES (1, 'm', '2026-03-05', '2026-11-25', 'march', 'march');
             INSERT INTO prices (id, model, effective_from, effective_to, source, last_seen_in)
                VALUES (2, 'm', '2026-11-25', NULL, 'november', 'november');
             INSERT INTO price_rates VALUES (1, 'standard', '', 0, 'input', 150000);
             INSERT INTO price_rates VALUES (2, 'standard', '', 0, 'input', 150000);
             INSERT INTO price_fees VALUES (1, 'web search, per query', 'usd_per_query', '0.025');
             INSERT INTO price_fees VALUES (2, 'web search, per query', 'usd_per_query', '0.025');
             INSERT INTO price_fees VALUES (2, 'EU regional processing (data residency)', 'multiplier', '1.1');",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        sqlx::raw_sql(include_str!("../../migrations/0005_fee_sources.sql")).execute(&mut *conn).await.unwrap();

        let cards = read_cards(&mut conn).await.unwrap();
        let text = |id| {
            cards[&id]
                .fees
                .iter()
                .map(|f| format!("{} | {} | {}", f.fee.text(), f.source, f.listed_from.iso()))
                .collect::<Vec<_>>()
        };
        assert_eq!(text(1), ["web search, per query: $0.025 | march | 2026-03-05"]);
        assert_eq!(
            text(2),
            [
                "EU regional processing (data residency): 1.1x the token rates | november | 2026-11-25",
                "web search, per query: $0.025 | november | 2026-11-25",
            ]
        );
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM price_fees").fetch_one(&mut *conn).await.unwrap();
        assert_eq!(rows, 3, "every fee row is kept");
        // The new column is a real reference: a fee cannot cite a source the database lacks.
        let orphan =
            sqlx::query("INSERT INTO price_fees VALUES (2, 'FedRAMP', 'multiplier', '1.2', 'nowhere', '2026-11-25')")
                .execute(&mut *conn)
                .await;
        assert!(orphan.is_err(), "an unknown fee source is refused");
    }
}
