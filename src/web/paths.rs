//! Every address the site links or redirects to, built in one place. The pair's page path is
//! the domain's (`compare_path`), because related links and the sitemap need it there too.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::domain::ModelId;
pub use crate::domain::slug::compare_path as pair;

/// The list of every model.
pub const MODELS: &str = "/models";
/// The picker and the first page of the comparison index.
pub const COMPARE: &str = "/compare";
/// How the numbers are made.
pub const METHODOLOGY: &str = "/methodology";
/// The API's documentation.
pub const API: &str = "/api";

/// A model's page: `/models/{id}`.
pub fn model(id: &ModelId) -> String {
    format!("/models/{id}")
}

/// Page `n` (from 1) of the comparison index; the first is the picker's own address.
pub fn compare_index(n: usize) -> String {
    if n == 1 { COMPARE.to_owned() } else { format!("/compare?page={n}") }
}

/// An image of a pair, under the pair's page path: `/compare/{a}-vs-{b}/og.png`.
pub fn pair_image(pair_path: &str, file: &str) -> String {
    format!("{pair_path}/{file}")
}

/// The API address of a pair's page path: `/api/v1/compare/{a}-vs-{b}`.
pub fn api_pair(pair_path: &str) -> String {
    format!("/api/v1{pair_path}")
}

/// A model's entry in the API's model list.
pub fn api_model(id: &ModelId) -> String {
    format!("/api/v1/models#{id}")
}

/// A 301 to `path`, with `query` kept where given so shared links with parameters survive.
pub fn moved_permanently(path: &str, query: Option<&str>) -> Response {
    let target = match query {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    };
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, target)]).into_response()
}
