//! HTTP: routes, extractors, handlers, templates, errors.
pub struct AppState;
pub fn app(_s: AppState) -> axum::Router { axum::Router::new() }
