//! Figures no import accepts any more, written straight into the database: the site must still
//! answer every page quickly (the chart's axes are clamped), never hang or fail.

use std::time::{Duration, Instant};

use axum::http::Method;
use llm_compare::domain::Catalog;
use llm_compare::{AppState, db};

use crate::support::call;

#[tokio::test]
async fn a_stored_score_of_1_7e308_leaves_every_page_answering_in_milliseconds() {
    let dir = tempfile::TempDir::new().unwrap();
    let pool = db::open(&format!("sqlite://{}/t.db", dir.path().display())).await.unwrap();
    // Bypass the import's range check, as an old database or a hand edit would.
    for (model, value) in [("gpt-4o-mini", 1.7e308), ("gpt-4-1-mini", -9e307), ("o3", 9e307)] {
        let done = sqlx::query("UPDATE scores SET value = ? WHERE model = ? AND benchmark = 'eci'")
            .bind(value)
            .bind(model)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(done.rows_affected(), 1, "{model} has an ECI score to overwrite");
    }
    let dataset = db::load_dataset(&pool).await.unwrap();
    pool.close().await;
    let extreme = llm_compare::app(AppState::new(Catalog::new(dataset)));
    // A fresh router, so its image cache is as cold as the other one.
    let normal = llm_compare::app(AppState::new(crate::support::site().await.catalog.clone()));
    let timed = |router: axum::Router, uri: &'static str| async move {
        let started = Instant::now();
        let (status, _, _) = call(router, Method::GET, uri).await;
        (status, started.elapsed())
    };
    let mut slowest = Duration::ZERO;
    for uri in [
        "/",
        "/compare/gpt-4o-mini-vs-gpt-4-1-mini",
        "/compare/gpt-4o-mini-vs-gpt-4-1-mini/chart.svg",
        "/compare/gpt-4o-mini-vs-gpt-4-1-mini/og.png",
        "/compare/gpt-4-1-mini-vs-o3",
        "/compare/gpt-4-1-mini-vs-o3?input=5000&output=100",
        "/models",
        "/models/gpt-4o-mini",
        "/methodology",
        "/api/v1/models",
        "/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini",
        "/robots.txt",
    ] {
        let (status, took) = timed(extreme.clone(), uri).await;
        assert!(status.is_success(), "{uri}: {status}");
        let (_, usual) = timed(normal.clone(), uri).await;
        // Relative to the same page on the seed (the debug build draws og.png in seconds; the
        // release build answers every page in milliseconds): never a stall.
        assert!(took < usual * 3 + Duration::from_millis(300), "{uri} took {took:?}, {usual:?} on the seed");
        slowest = slowest.max(took);
    }
    eprintln!("slowest page with 1.7e308 stored: {slowest:?}");
}
