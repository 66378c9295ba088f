//! The workload query string, read the way the handlers read it (axum's `Query`) and checked
//! against the seed catalog: never panics, and an accepted workload is within its ranges.
#![no_main]
use std::sync::OnceLock;

use axum::extract::Query;
use axum::http::Uri;
use libfuzzer_sys::fuzz_target;
use llm_compare::domain::Catalog;
use llm_compare::web::workload_query::{MAX_REQUESTS_PER_MONTH, WorkloadQuery};

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(llm_compare_fuzz::seed_catalog)
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let Ok(uri) = format!("/compare/a-vs-b?{query}").parse::<Uri>() else { return };
    let Ok(Query(q)) = Query::<WorkloadQuery>::try_from_uri(&uri) else { return };
    if let Ok(w) = q.parse(catalog()) {
        assert!(w.input_tokens >= 1 && w.cached_percent <= 100);
        assert!(w.requests_per_month.is_none_or(|r| (1..=MAX_REQUESTS_PER_MONTH).contains(&r)));
    }
});
