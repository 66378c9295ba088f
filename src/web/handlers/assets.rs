//! Static assets, embedded in the binary so the site runs from any working directory.

use axum::http::header;
use axum::response::IntoResponse;

/// The stylesheet from `static/site.css`.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../../static/site.css"),
    )
}
