//! Server time to render comparison pages, in process, on the seed dataset.
//!
//! Run: `cargo bench --bench compare_page` (release profile). It opens a temporary database
//! from the embedded seed, builds the router once (with its page cache, as the site runs),
//! warms up, then times full requests through the router: the reference pair again and again,
//! which the page cache answers after its first request, and every pair of the seed once, each
//! a first request, so rendered (routing, comparison, chart, template, body). It prints
//! percentiles.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use llm_compare::domain::Catalog;
use llm_compare::{AppState, app, db};
use tower::ServiceExt;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "{label}: n={} mean={:?} p50={:?} p90={:?} p99={:?} max={:?}",
        samples.len(),
        mean,
        percentile(&samples, 0.5),
        percentile(&samples, 0.9),
        percentile(&samples, 0.99),
        samples[samples.len() - 1]
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/bench.db", dir.path().display());
    let pool = db::open(&url).await.expect("open database");
    let catalog = Catalog::new(db::load_dataset(&pool).await.expect("load dataset"));
    let mut paths = Vec::new();
    let models = &catalog.dataset.models;
    for (i, a) in models.iter().enumerate() {
        for b in &models[i + 1..] {
            paths.push(catalog.canonical_path(a, b));
        }
    }
    let router = app(AppState::new(catalog));

    let fetch = |path: String| {
        let router = router.clone();
        async move {
            let start = Instant::now();
            let response = router.oneshot(Request::get(&path).body(Body::empty()).unwrap()).await.unwrap();
            assert!(response.status().is_success(), "{path}: {}", response.status());
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (start.elapsed(), bytes.len())
        }
    };

    let reference = "/compare/gpt-4o-mini-vs-gpt-4-1-mini".to_owned();
    for _ in 0..200 {
        fetch(reference.clone()).await;
    }
    let mut samples = Vec::new();
    let mut size = 0;
    for _ in 0..2_000 {
        let (t, n) = fetch(reference.clone()).await;
        samples.push(t);
        size = n;
    }
    report(&format!("reference pair, from the page cache ({size} bytes)"), samples);

    let mut samples = Vec::new();
    for path in &paths {
        samples.push(fetch(path.clone()).await.0);
    }
    report(&format!("every seed pair once, rendered ({} pairs)", paths.len()), samples);
}
