//! What the integration tests share: the site built once in process, requests to it without
//! binding a port (`http`), temporary databases (`db`), the importers run on the fixtures (`import`), and
//! readers of the HTML and XML it answers (`html`, `xml`).

mod db;
mod html;
mod http;
mod import;
mod xml;

pub use db::*;
pub use html::*;
pub use http::*;
pub use import::*;
pub use xml::*;

use axum::Router;
use llm_compare::domain::Catalog;
use tempfile::TempDir;
use tokio::sync::OnceCell;

/// `../shared/data/{path}` beside the repository, when the checkout has it (CI does). Without
/// it the test named `test` says it is skipped, unless `CI` is set, where that is a failure:
/// the tests pass without the folder, and say so.
pub fn shared_data(test: &str, path: &str) -> Option<std::path::PathBuf> {
    let found = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(path);
    if found.exists() {
        eprintln!("{test}: using the shared data in {}", found.display());
        return Some(found);
    }
    assert!(std::env::var_os("CI").is_none(), "CI is set but {} is missing: {test} must run in CI", found.display());
    eprintln!("\n*** SKIPPED {test}: {} is missing (set CI to make this a failure) ***\n", found.display());
    None
}

/// The comparison the reference figures are checked on.
pub const REFERENCE: &str = "/compare/gpt-4o-mini-vs-gpt-4-1-mini";

/// The catalog and router built once per test binary from a fresh seeded database.
pub struct Site {
    /// The catalog the router serves.
    pub catalog: Catalog,
    /// The router; call it with `.clone().oneshot(..)`.
    pub router: Router,
    /// Keeps the database directory alive as long as the site.
    _dir: TempDir,
}

static SITE: OnceCell<Site> = OnceCell::const_new();

/// Opens a fresh database in a temporary directory and builds the catalog from it.
pub async fn fresh_catalog() -> (Catalog, TempDir) {
    let db = TestDb::new();
    let pool = llm_compare::db::open(&db.url).await.expect("open seeded database");
    let dataset = llm_compare::db::load_dataset(&pool).await.expect("load dataset");
    pool.close().await;
    (Catalog::new(dataset), db.dir)
}

/// The day the shared site serves its pages for: the day this dataset was reviewed.
pub fn test_day() -> llm_compare::domain::model::Date {
    llm_compare::domain::model::Date::parse("2026-12-01").expect("a date")
}

/// The shared site. Every `#[tokio::test]` has its own runtime, so nothing runtime-bound
/// (the pool) is kept: the catalog is plain data once loaded.
pub async fn site() -> &'static Site {
    SITE.get_or_init(|| async {
        let (catalog, dir) = fresh_catalog().await;
        // Statuses as they are on the day the site serves, as the pages show them.
        let catalog = catalog.as_of(&test_day()).unwrap_or(catalog);
        // The pages are for a fixed day, so what is retired does not move with the machine's clock.
        let state = llm_compare::AppState::new(catalog.clone()).with_clock(test_day);
        let router = llm_compare::app(state);
        Site { catalog, router, _dir: dir }
    })
    .await
}
