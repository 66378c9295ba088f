//! Opening the database: first start creates, migrates and seeds; later starts change
//! nothing; a corrupt file or a newer schema stops start-up with a clear error.

use std::path::PathBuf;

use llm_compare::db::{self, DbError};
use sqlx::{Row, SqlitePool};
use tempfile::TempDir;

use crate::support::{TestDb, url_of};

/// A database path in a new directory: the directory, the file and its URL.
fn temp_db() -> (TempDir, PathBuf, String) {
    let TestDb { dir, path, url } = TestDb::new();
    (dir, path, url)
}

/// Every row of every table (the migrations table included), as text, in a stable order;
/// plus the schema itself.
async fn dump(pool: &SqlitePool) -> Vec<String> {
    let mut out = Vec::new();
    let schema: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetch_all(pool).await.unwrap();
    let tables: Vec<String> = schema
        .iter()
        .filter(|(kind, name, _)| kind == "table" && !name.starts_with("sqlite_"))
        .map(|(_, name, _)| name.clone())
        .collect();
    out.extend(schema.into_iter().map(|(kind, name, sql)| format!("{kind} {name}: {}", sql.unwrap_or_default())));
    for table in tables {
        let columns: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA table_info(\"{table}\")")))
            .fetch_all(pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("name"))
            .collect();
        let row_text = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
        let sql = format!("SELECT {row_text} FROM \"{table}\" ORDER BY {row_text}");
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await.unwrap();
        out.push(format!("{table}: {} rows", rows.len()));
        out.extend(rows.into_iter().map(|r| format!("{table}: {r}")));
    }
    out
}

async fn count(pool: &SqlitePool, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn first_open_creates_migrates_and_seeds_the_file() {
    let (_dir, path, url) = temp_db();
    assert!(!path.exists());
    let pool = db::open(&url).await.expect("first open");
    assert!(path.exists(), "no database file at {}", path.display());

    assert!(count(&pool, "models").await >= 40, "models");
    assert!(count(&pool, "providers").await >= 8, "providers");
    assert!(count(&pool, "prices").await >= 40, "prices");
    assert!(count(&pool, "sources").await >= 1, "sources");

    let applied: Vec<(i64, bool)> = sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&pool)
        .await
        .unwrap();
    let known: Vec<(i64, bool)> = db::MIGRATOR.iter().map(|m| (m.version, true)).collect();
    assert_eq!(applied, known, "every embedded migration applied, and nothing else");

    let dataset = db::load_dataset(&pool).await.expect("the seed loads back");
    let seed = db::DatasetFile::parse(db::SEED_JSON).expect("the seed parses");
    assert_eq!(dataset.models.len(), seed.models.len(), "every seed model stored and loaded");
    pool.close().await;
}

#[tokio::test]
async fn the_seed_loads_gpt_5_with_its_sourced_272k_input_cap() {
    let (_dir, _path, url) = temp_db();
    let pool = db::open(&url).await.expect("first open");
    let dataset = db::load_dataset(&pool).await.expect("the seed loads back");
    pool.close().await;
    let model = |slug: &str| dataset.models.iter().find(|m| m.id.as_str() == slug).expect(slug);

    let gpt_5 = model("gpt-5");
    let cap = gpt_5.max_input.as_ref().expect("gpt-5 has an input cap");
    assert_eq!(cap.value, 272_000);
    assert_eq!(cap.source, "modelsdev-2026-07-02");
    let window = gpt_5.context_window.as_ref().expect("gpt-5 has a context window");
    assert_eq!((window.value, window.source.as_str()), (400_000, cap.source.as_str()), "one source for the limits");
    assert!(model("gpt-4o-mini").max_input.is_none(), "no cap where no source gives one");
}

#[tokio::test]
async fn first_open_creates_missing_parent_directories() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a").join("b").join("t.db");
    let pool = db::open(&url_of(&path)).await.expect("open in a new directory");
    assert!(path.exists());
    assert!(count(&pool, "models").await >= 40);
    pool.close().await;
}

#[tokio::test]
async fn second_open_of_the_same_file_changes_nothing() {
    let (_dir, _path, url) = temp_db();
    let pool = db::open(&url).await.expect("first open");
    let before = dump(&pool).await;
    pool.close().await;

    let pool = db::open(&url).await.expect("second open");
    let after = dump(&pool).await;
    pool.close().await;

    assert!(before.iter().any(|l| l.starts_with("dataset_meta: ") && !l.ends_with("rows")), "dataset_meta is empty");
    assert!(before.iter().any(|l| l.starts_with("_sqlx_migrations: 1")), "no migration row in the dump");
    if before != after {
        let changed: Vec<_> = before.iter().zip(&after).filter(|(b, a)| b != a).take(5).collect();
        panic!("second open changed the database ({} -> {} lines): {changed:#?}", before.len(), after.len());
    }
}

#[tokio::test]
async fn corrupt_file_is_reported_as_corrupt_naming_the_url() {
    let (_dir, path, url) = temp_db();
    // 4 KiB that are not a SQLite file: no magic header, deterministic noise.
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&path, &junk).unwrap();

    match db::open(&url).await {
        Err(err @ DbError::Corrupt { .. }) => {
            let DbError::Corrupt { url: reported, .. } = &err else { unreachable!() };
            assert_eq!(reported, &url);
            let message = err.to_string();
            assert!(message.contains(&url), "message does not name {url}: {message}");
        }
        Err(other) => panic!("expected DbError::Corrupt, got {other:?}"),
        Ok(_) => panic!("a junk file opened as a database"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), junk, "the corrupt file was modified");
}

#[tokio::test]
async fn truncated_database_is_reported_as_corrupt() {
    let (_dir, path, url) = temp_db();
    let pool = db::open(&url).await.expect("first open");
    pool.close().await;
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192, "database is only {} bytes", bytes.len());
    // Keep the header page and a little more: SQLite sees a valid header on a cut-off file.
    std::fs::write(&path, &bytes[..8192]).unwrap();

    match db::open(&url).await {
        Err(err @ DbError::Corrupt { .. }) => assert!(err.to_string().contains(&url), "{err}"),
        Err(other) => panic!("expected DbError::Corrupt, got {other:?} ({other})"),
        Ok(_) => panic!("a truncated database opened without error"),
    }
}

#[tokio::test]
async fn database_from_a_newer_build_is_refused_as_newer_schema() {
    let (_dir, _path, url) = temp_db();
    let pool = db::open(&url).await.expect("first open");
    let columns: Vec<String> = sqlx::query("PRAGMA table_info(_sqlx_migrations)")
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<String, _>("name"))
        .collect();
    assert_eq!(columns, ["version", "description", "installed_on", "success", "checksum", "execution_time"]);
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
         VALUES (99990101000000, 'future', CURRENT_TIMESTAMP, 1, X'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    match db::open(&url).await {
        Err(err @ DbError::NewerSchema { .. }) => {
            let DbError::NewerSchema { version, url: reported } = &err else { unreachable!() };
            assert_eq!(*version, 99_990_101_000_000);
            assert_eq!(reported, &url);
            assert!(err.to_string().contains(&url), "{err}");
        }
        Err(other) => panic!("expected DbError::NewerSchema, got {other:?}"),
        Ok(_) => panic!("a database from a newer build opened"),
    }
}

/// `DbError::Open` documents "the URL is not a SQLite URL". The URL here is in-memory
/// (`mode=memory`) on purpose: if `open` wrongly accepts it, nothing is written to disk. A
/// plain `postgres://localhost/x` would, when accepted, create `postgres:/localhost/x` under
/// the working directory.
#[tokio::test]
async fn a_url_that_is_not_sqlite_is_an_open_error() {
    let url = "postgres:?mode=memory";
    match db::open(url).await {
        Err(DbError::Open { url: reported, .. }) => assert_eq!(reported, url),
        Err(other) => panic!("expected DbError::Open, got {other:?}"),
        Ok(pool) => {
            pool.close().await;
            panic!("db::open accepted the non-SQLite URL {url:?}");
        }
    }
}
