//! What the fuzz targets share: one runtime, a seeded database made once, and the check every
//! import target makes: a file the dry run accepts is accepted by the real run too (the issue's
//! "a real run that fails after a clean dry run is a bug"), and nothing panics.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use llm_compare::db;
use llm_compare::db::import::{ImportError, ImportOptions};
use llm_compare::domain::model::Date;

/// The targets' runtime: one thread, made once.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap())
}

struct Fixture {
    dir: tempfile::TempDir,
    seeded: PathBuf,
    empty: PathBuf,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let seeded = dir.path().join("seeded.db");
        let empty = dir.path().join("empty.db");
        runtime().block_on(async {
            let pool = db::open(&url(&seeded)).await.unwrap();
            pool.close().await;
            let pool = db::open_empty(&url(&empty)).await.unwrap();
            pool.close().await;
        });
        Fixture { dir, seeded, empty }
    })
}

fn url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Which database an import target starts from.
#[derive(Clone, Copy)]
pub enum Start {
    /// The seed dataset (litellm, scores).
    Seeded,
    /// An empty schema (dataset).
    Empty,
}

/// Runs `import` on `bytes` as a dry run against the starting database (one pool, kept open:
/// a dry run writes nothing), and when the dry run accepts the file and would change
/// something, runs it for real on a fresh copy: the real run must succeed too. Refusals are
/// fine; a panic or a real-run failure is a finding.
pub fn dry_then_real<F, Fut, R>(start: Start, file_name: &str, bytes: &[u8], import: F)
where
    F: Fn(sqlx::SqlitePool, PathBuf, ImportOptions) -> Fut,
    Fut: std::future::Future<Output = Result<(bool, R), ImportError>>,
{
    static POOLS: OnceLock<(sqlx::SqlitePool, sqlx::SqlitePool)> = OnceLock::new();
    let f = fixture();
    let (template, dry_pool) = {
        let pools = POOLS.get_or_init(|| {
            runtime().block_on(async {
                (db::open(&url(&f.seeded)).await.unwrap(), db::open_empty(&url(&f.empty)).await.unwrap())
            })
        });
        match start {
            Start::Seeded => (&f.seeded, pools.0.clone()),
            Start::Empty => (&f.empty, pools.1.clone()),
        }
    };
    let file = f.dir.path().join(file_name);
    std::fs::write(&file, bytes).unwrap();
    let options =
        |dry_run| ImportOptions { dry_run, as_of: Date::parse("2026-12-01").unwrap(), allow_price_jump: false };
    runtime().block_on(async {
        match import(dry_pool, file.clone(), options(true)).await {
            Err(e) => {
                let _ = e.to_string();
                return;
            }
            Ok((false, _)) => return,
            Ok((true, _)) => {}
        }
        let work = f.dir.path().join("work.db");
        std::fs::copy(template, &work).unwrap();
        let pool = match start {
            // `open` would seed the empty database `import dataset` fills.
            Start::Seeded => db::open(&url(&work)).await,
            Start::Empty => db::open_empty(&url(&work)).await,
        }
        .unwrap();
        let real = import(pool.clone(), file.clone(), options(false)).await;
        pool.close().await;
        if let Err(e) = real {
            panic!("the dry run accepted the file but the real run failed: {e}");
        }
    });
}

/// The seed dataset as the site serves it, loaded through a database once.
pub fn seed_catalog() -> llm_compare::domain::Catalog {
    let f = fixture();
    runtime().block_on(async {
        let pool = db::open(&url(&f.seeded)).await.unwrap();
        let dataset = db::load_dataset(&pool).await.unwrap();
        pool.close().await;
        llm_compare::domain::Catalog::new(dataset)
    })
}
