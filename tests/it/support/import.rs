//! Running the importers on the fixtures in `tests/fixtures` and reading back what they stored.

use std::path::{Path, PathBuf};

use llm_compare::db::import::{self, ImportOptions, LitellmReport, Outcome};
use llm_compare::db::{self, DatasetFile};
use llm_compare::domain::model::Date;
use sqlx::SqlitePool;

use super::TestDb;

/// The day the December fixture's prices take effect.
pub const DECEMBER: &str = "2026-12-01";

/// A file under `tests/fixtures`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// Import options for a run dated `as_of` (refusing thousandfold price jumps).
pub fn options(dry_run: bool, as_of: &str) -> ImportOptions {
    ImportOptions { dry_run, as_of: Date::parse(as_of).expect("a valid date"), allow_price_jump: false }
}

/// Imports `tests/fixtures/litellm/december.json` dated [`DECEMBER`] into `db`.
pub async fn import_december(db: &TestDb, dry_run: bool) -> Outcome<LitellmReport> {
    let pool = db.open().await;
    let outcome = import::import_litellm(&pool, &fixture("litellm/december.json"), &options(dry_run, DECEMBER))
        .await
        .expect("import");
    pool.close().await;
    outcome
}

/// The number of rows in `table`.
pub async fn rows_in(pool: &SqlitePool, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap()
}

/// One price period as stored, with its base rates in micro-dollars per 1M tokens (a rate the
/// card does not list is `None`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PriceRow {
    pub effective_from: String,
    pub effective_to: Option<String>,
    pub input: i64,
    pub output: i64,
    pub cache_read: Option<i64>,
    pub cache_write_5m: Option<i64>,
    pub cache_write_1h: Option<i64>,
    pub batch_input: Option<i64>,
    pub batch_output: Option<i64>,
    pub source: String,
    pub last_seen_in: String,
}

/// One long-context tier of a current standard card, in micro-dollars per 1M tokens.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LongContextRow {
    pub above_tokens: i64,
    pub input: i64,
    pub output: i64,
    pub cache_read: Option<i64>,
}

/// The SQL of one base rate of price row `p` (standard tier unless `tier` says otherwise).
fn rate_sql(tier: &str, meter: &str, above: &str) -> String {
    format!(
        "(SELECT micros FROM price_rates r WHERE r.price_id = p.id AND r.tier = '{tier}' AND r.time_window = ''
          AND r.above_tokens = {above} AND r.meter = '{meter}')"
    )
}

/// Every price period stored for `model`, oldest first.
pub async fn prices(pool: &SqlitePool, model: &str) -> Vec<PriceRow> {
    let base = |tier, meter| rate_sql(tier, meter, "0");
    let sql = format!(
        "SELECT effective_from, effective_to, {} AS input, {} AS output, {} AS cache_read,
            {} AS cache_write_5m, {} AS cache_write_1h, {} AS batch_input, {} AS batch_output,
            source, last_seen_in
         FROM prices p WHERE model = ? ORDER BY effective_from, id",
        base("standard", "input"),
        base("standard", "output"),
        base("standard", "cache_read"),
        base("standard", "cache_write_5m"),
        base("standard", "cache_write_1h"),
        base("batch", "input"),
        base("batch", "output"),
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(model).fetch_all(pool).await.unwrap()
}

/// The current period's standard long-context tiers, lowest threshold first.
pub async fn current_tiers(pool: &SqlitePool, model: &str) -> Vec<LongContextRow> {
    let at = |meter| rate_sql("standard", meter, "t.above_tokens");
    let sql = format!(
        "SELECT DISTINCT t.above_tokens, {} AS input, {} AS output, {} AS cache_read FROM price_rates t JOIN prices p ON p.id = t.price_id
         WHERE p.model = ? AND p.effective_to IS NULL AND t.tier = 'standard' AND t.above_tokens > 0
         ORDER BY t.above_tokens",
        at("input"),
        at("output"),
        at("cache_read"),
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(model).fetch_all(pool).await.unwrap()
}

/// An empty schema holding only the seed's sources, providers, benchmarks, models and their
/// LiteLLM keys: no prices, scores or speeds.
pub async fn models_and_keys_only() -> (TestDb, SqlitePool) {
    let db = TestDb::new();
    let pool = db::open_empty(&db.url).await.unwrap();
    let mut skeleton = DatasetFile::parse(db::SEED_JSON).unwrap();
    for m in &mut skeleton.models {
        m.prices.clear();
        m.scores.clear();
        m.speeds.clear();
    }
    db::insert_dataset(&pool, &skeleton.into_valid().unwrap(), "test: models and keys only").await.unwrap();
    (db, pool)
}
