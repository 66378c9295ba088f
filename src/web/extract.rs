//! Extractors whose rejections render the site's own error page.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::error::AppError;

/// A single path parameter, percent-decoded. A segment that does not decode as UTF-8 gets a
/// 400 page, not axum's plain-text rejection.
#[derive(Debug)]
pub struct PathSegment(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathSegment {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        #[allow(clippy::disallowed_types)] // the one place that wraps axum's Path
        let raw = axum::extract::Path::<String>::from_request_parts(parts, state).await;
        raw.map(|p| PathSegment(p.0)).map_err(|_| AppError::BadRequest {
            title: "Unreadable address".into(),
            detail: "This address contains characters that are not valid text. Model ids use lowercase letters, digits and hyphens.".into(),
            suggestions: Vec::new(),
        })
    }
}
