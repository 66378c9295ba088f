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

/// The site icon from `static/favicon.ico` (one 32x32 PNG inside an ICO), at the address
/// browsers ask for even when a page names none.
pub async fn favicon() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "image/x-icon"), (header::CACHE_CONTROL, "public, max-age=86400")],
        include_bytes!("../../../static/favicon.ico").as_slice(),
    )
}
