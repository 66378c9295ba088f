//! Live reload: the served catalog changes when an import moves the dataset revision, and stays
//! as it was when the new data cannot be read.

use crate::support::{DECEMBER, TestDb, fixture, options};
use llm_compare::AppState;
use llm_compare::cli::Reloader;
use llm_compare::db::{self, import};
use llm_compare::domain::rate_card::Meter;
use llm_compare::domain::{Catalog, ModelId};

#[tokio::test]
async fn reload_swaps_the_catalog_when_the_revision_moves_and_keeps_it_on_failure() {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let (revision, dataset) = db::load_snapshot(&pool).await.unwrap();
    assert_eq!(revision, 0);
    let state = AppState::new(Catalog::new(dataset));
    let mut reloader = Reloader::new(pool.clone(), state.clone(), revision);
    assert!(!reloader.check().await.unwrap(), "nothing changed yet");

    let mini = ModelId::parse("gpt-4o-mini").unwrap();
    let input = |state: &AppState| {
        state.catalog().model(&mini).unwrap().current_price().unwrap().rates.standard(Meter::Input).unwrap().micros()
    };
    assert_eq!(input(&state), 150_000);
    import::import_litellm(&pool, &fixture("litellm/december.json"), &options(false, DECEMBER)).await.unwrap();
    assert_eq!(input(&state), 150_000, "the served catalog only changes on reload");
    assert!(reloader.check().await.unwrap(), "the new revision is picked up");
    assert_eq!((input(&state), reloader.revision()), (120_000, 1));
    assert!(!reloader.check().await.unwrap(), "the same revision does not reload twice");

    // A write that leaves the data unreadable: the reload fails and the old catalog stays.
    let served = state.catalog();
    sqlx::query("UPDATE sources SET as_of = '2026-13-45' WHERE id = 'litellm-import-2026-12-01'")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE dataset_meta SET value = '2' WHERE key = 'revision'").execute(&pool).await.unwrap();
    assert!(reloader.check().await.is_err(), "an unreadable dataset is an error");
    assert!(std::sync::Arc::ptr_eq(&served, &state.catalog()), "the previous catalog is still served");
    assert_eq!(reloader.revision(), 1, "the failed revision is tried again next time");
    pool.close().await;
}
