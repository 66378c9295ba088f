//! Static assets, embedded in the binary so the site runs from any working directory.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::web::extract::PathSegment;
use crate::web::{AppError, Result};

/// The stylesheet's address, naming its content hash (computed by `build.rs`): pages link
/// this one, which may be cached for a year because a changed stylesheet gets a new address.
pub const STYLESHEET_PATH: &str = concat!("/static/site.", env!("SITE_CSS_HASH"), ".css");

const STYLESHEET: &str = include_str!("../../../static/site.css");

/// `GET /static/{file}`: the stylesheet at `site.css` and at `site.<hash>.css`. Any other
/// 16-digit hash answers the current stylesheet too (a page cached before a deploy still gets
/// styled), but only the current address is cached as immutable (see `CachePolicy`).
pub async fn file(PathSegment(file): PathSegment) -> Result<Response> {
    let hash = file.strip_prefix("site.").and_then(|f| f.strip_suffix(".css"));
    let known = hash.is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if file != "site.css" && !known {
        return Err(AppError::NotFound { what: format!("file called “{file}”"), suggestions: Vec::new() });
    }
    Ok(([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLESHEET).into_response())
}

/// The site icon from `static/favicon.ico` (one 32x32 PNG inside an ICO), at the address
/// browsers ask for even when a page names none.
pub async fn favicon() -> impl IntoResponse {
    // Its Cache-Control is the serving layer's, like every response's (`CachePolicy::Asset`).
    ([(header::CONTENT_TYPE, "image/x-icon")], include_bytes!("../../../static/favicon.ico").as_slice())
}
