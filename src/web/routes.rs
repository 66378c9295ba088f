//! The whole router in one place.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};

use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

use super::AppState;
use super::error::AppError;
use super::handlers::api;
use super::{handlers, security, serving};

/// Builds the site's router. Tests call it in process; `main` serves it.
pub fn app(state: AppState) -> Router {
    let transport = security::Transport { https: state.base_url().starts_with("https://") };
    // Routing runs before a router's layers, so the page cache is looked up in a service
    // around the whole router, before routing and the layers below (see `CachedFirst`).
    Router::new().fallback_service(serving::CachedFirst::new(state.clone(), transport, routed(state, transport)))
}

/// Every route, with the layers every routed request goes through.
fn routed(state: AppState, transport: security::Transport) -> Router {
    Router::new()
        .route("/", get(handlers::home::home))
        // `/compare` alone is the picker's target: `?a=..&b=..` redirects to the pair's page.
        .route("/compare", get(handlers::compare::picker))
        // axum allows one parameter per segment, so `{a}-vs-{b}` is one `{pair}` split by
        // the domain's `parse_pair`.
        .route("/compare/{pair}", get(handlers::compare::compare))
        // The pair's share image and chart: same pair rules as the page, cached, no parameters.
        .route("/compare/{pair}/og.png", get(handlers::images::og_png))
        .route("/compare/{pair}/chart.svg", get(handlers::images::chart_svg))
        .route("/models", get(handlers::pages::models))
        .route("/models/{slug}", get(handlers::model::model))
        .route("/methodology", get(handlers::pages::methodology))
        .route("/api", get(handlers::pages::api_docs))
        // The JSON API: same pair rules as the pages, errors as JSON (also for unknown paths).
        .route("/api/v1/models", get(api::models))
        .route("/api/v1/models.csv", get(api::models_csv))
        .route("/api/v1/compare/{pair}", get(api::compare))
        .route("/api/{*rest}", get(api::not_found))
        // `site.css` and its fingerprinted address `site.<hash>.css` (one parameter per segment).
        .route("/static/{file}", get(handlers::assets::file))
        .route("/favicon.ico", get(handlers::assets::favicon))
        // Sitemaps and robots.txt. axum allows one parameter per segment and no `{n}.xml`, so
        // `/sitemaps/{file}` takes `pages.xml` and `compare-{n}.xml` whole and the handler reads them.
        .route("/sitemap.xml", get(handlers::sitemap::index))
        .route("/sitemaps/{file}", get(handlers::sitemap::child))
        .route("/robots.txt", get(handlers::sitemap::robots))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state.clone())
        // Innermost, so the outer layers (logging, timeout, headers) see cache hits too: the
        // page cache, compression, validators and Cache-Control (see `serving`).
        .layer(axum::middleware::from_fn_with_state(state, serving::serve))
        .layer((
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<Body>| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path().escape_debug())
                })
                .on_request(())
                .on_response(log_response),
            // A panic in a handler still answers our error page rather than dropping the connection.
            CatchPanicLayer::custom(|_| {
                tracing::error!("handler panicked");
                axum::response::IntoResponse::into_response(AppError::Internal("panic".into()))
            }),
            TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(10)),
        ))
        // Outermost, so errors, timeouts and caught panics carry the headers too.
        .layer(axum::middleware::from_fn_with_state(transport, security::security_headers))
}

/// One log line per request: method and path come from the span, status and latency from here.
fn log_response<B>(response: &Response<B>, latency: Duration, _span: &Span) {
    tracing::info!(status = response.status().as_u16(), latency_us = latency.as_micros() as u64, "served");
}

/// Unknown paths: a trailing slash is dropped with a 301 (`/compare/a-vs-b/`), anything
/// else is a 404 page.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = uri.path();
    let trimmed = path.trim_end_matches('/');
    // Only a path that is otherwise ours: browsers read `\` as `/`, so `//evil.example`,
    // `/\evil.example` and `/\/evil.example` would all become an off-site Location.
    if path.len() > 1
        && path.ends_with('/')
        && trimmed.starts_with('/')
        && !trimmed.contains('\\')
        && !trimmed.starts_with("//")
    {
        return super::paths::moved_permanently(trimmed, uri.query());
    }
    AppError::NotFound { what: "page at this address".into(), suggestions: Vec::new() }.into_response()
}

/// 405: JSON under `/api/`, the error page elsewhere.
async fn method_not_allowed(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        api::ApiError(AppError::MethodNotAllowed).into_response()
    } else {
        AppError::MethodNotAllowed.into_response()
    }
}
