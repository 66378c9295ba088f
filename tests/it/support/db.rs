//! Temporary databases: one file in its own directory, removed with it.

use std::path::{Path, PathBuf};

use llm_compare::db;
use sqlx::SqlitePool;
use tempfile::TempDir;

/// The `sqlite://` URL of a database file.
pub fn url_of(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// A database file in its own directory.
pub struct TestDb {
    /// The directory, removed when the value is dropped.
    pub dir: TempDir,
    /// The database file (not created until it is opened).
    pub path: PathBuf,
    /// Its `sqlite://` URL.
    pub url: String,
}

impl TestDb {
    /// A database path in a new directory, with no file yet.
    pub fn new() -> Self {
        let dir = TempDir::new().expect("temp dir");
        let path = dir.path().join("t.db");
        let url = url_of(&path);
        Self { dir, path, url }
    }

    /// A database seeded like the site's first start, closed again.
    pub async fn seeded() -> Self {
        let db = Self::new();
        db::open(&db.url).await.expect("open and seed").close().await;
        db
    }

    /// Opens it (creating and seeding it if new).
    pub async fn open(&self) -> SqlitePool {
        db::open(&self.url).await.expect("open")
    }

    /// The file's bytes, to show that something wrote nothing.
    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).expect("read the database file")
    }

    /// A file in the test's directory.
    pub fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write a test file");
        path
    }
}
