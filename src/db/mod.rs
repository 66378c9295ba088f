//! All SQL lives here. Functions take a pool or connection and return domain types, so the
//! web layer never sees a query.

pub mod dataset_file;
pub mod export;
pub mod import;
mod load;
mod meta;
mod rate_card;
mod write;

use std::path::Path;
use std::str::FromStr;

use sqlx::SqlitePool;
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

pub use dataset_file::{DatasetFile, Invalid, ValidDataset};
pub use export::{export_dataset, export_to_file};
pub use load::{load_dataset, load_snapshot};
pub use meta::revision;
pub use write::insert_dataset;

/// The schema migrations, embedded at build time.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The seed dataset shipped in the binary, loaded into an empty database on first start.
pub const SEED_JSON: &str = include_str!("../../data/seed.json");

/// Why the database could not be opened or read. Every message names what to do.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL is not a SQLite URL or the file cannot be created or opened.
    #[error("cannot open the database at {url}: {source}")]
    Open {
        /// The DATABASE_URL in use.
        url: String,
        /// The driver's error.
        source: sqlx::Error,
    },
    /// The file exists but is not a readable SQLite database.
    #[error("the database at {url} is corrupt or not a SQLite file ({detail}); move it away to start from the seed")]
    Corrupt {
        /// The DATABASE_URL in use.
        url: String,
        /// What SQLite said.
        detail: String,
    },
    /// The database was migrated by a newer build than this one.
    #[error(
        "the database at {url} has schema migration {version}, which this build does not know: it was written by a newer version; run that version or use another DATABASE_URL"
    )]
    NewerSchema {
        /// The DATABASE_URL in use.
        url: String,
        /// The unknown migration version.
        version: i64,
    },
    /// A migration failed.
    #[error("migrating the database at {url} failed: {source}")]
    Migrate {
        /// The DATABASE_URL in use.
        url: String,
        /// The migrator's error.
        source: MigrateError,
    },
    /// The dataset file is invalid; nothing was written.
    #[error("the dataset is invalid, nothing was written: {0}")]
    InvalidDataset(#[from] Invalid),
    /// Stored data breaks a rule the domain relies on.
    #[error("stored data is inconsistent: {0}")]
    Inconsistent(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
}

/// Opens (creating if needed) the database, applies migrations and loads the seed into an
/// empty database. A second call on the same file changes nothing.
pub async fn open(url: &str) -> Result<SqlitePool, DbError> {
    let pool = open_empty(url).await?;
    let models: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM models").fetch_one(&pool).await?;
    if models == 0 {
        let seed = DatasetFile::read(SEED_JSON)?;
        insert_dataset(&pool, &seed, "seed").await?;
        tracing::info!(models = seed.file.models.len(), "loaded the seed dataset into an empty database");
    }
    Ok(pool)
}

/// Opens (creating if needed) the database and applies migrations, without loading the seed:
/// for `import dataset`, which fills an empty database from a file, and for tests that start
/// from an empty schema.
pub async fn open_empty(url: &str) -> Result<SqlitePool, DbError> {
    // sqlx would read any other URL as a file name; refuse it rather than create odd files.
    if !url.starts_with("sqlite:") {
        let source = sqlx::Error::Configuration("the URL must start with sqlite:".into());
        return Err(DbError::Open { url: url.to_owned(), source });
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| DbError::Open { url: url.to_owned(), source })?
        .create_if_missing(true)
        .foreign_keys(true);
    if let Some(parent) = Path::new(options.get_filename()).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbError::Open { url: url.to_owned(), source: sqlx::Error::Io(e) })?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .map_err(|source| classify_open_error(url, source))?;

    let check: Result<String, sqlx::Error> = sqlx::query_scalar("PRAGMA quick_check").fetch_one(&pool).await;
    match check {
        Ok(ref s) if s == "ok" => {}
        Ok(detail) => return Err(DbError::Corrupt { url: url.to_owned(), detail }),
        Err(e) => return Err(classify_open_error(url, e)),
    }

    MIGRATOR.run(&pool).await.map_err(|source| match source {
        MigrateError::VersionMissing(version) => DbError::NewerSchema { url: url.to_owned(), version },
        MigrateError::Execute(sqlx::Error::Database(ref e)) if is_not_a_database(e.message()) => {
            DbError::Corrupt { url: url.to_owned(), detail: e.message().to_owned() }
        }
        source => DbError::Migrate { url: url.to_owned(), source },
    })?;
    Ok(pool)
}

fn is_not_a_database(message: &str) -> bool {
    message.contains("not a database") || message.contains("malformed")
}

fn classify_open_error(url: &str, source: sqlx::Error) -> DbError {
    match &source {
        sqlx::Error::Database(e) if is_not_a_database(e.message()) => {
            DbError::Corrupt { url: url.to_owned(), detail: e.message().to_owned() }
        }
        _ => DbError::Open { url: url.to_owned(), source },
    }
}
