//! Calling the router in process: a request, its status, headers and body.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::site;

/// Sends one request with `method` to the shared router.
pub async fn request(method: Method, uri: &str) -> (StatusCode, HeaderMap, String) {
    let router = site().await.router.clone();
    call(router, method, uri).await
}

/// Sends one request to `router`.
pub async fn call(router: Router, method: Method, uri: &str) -> (StatusCode, HeaderMap, String) {
    let req = Request::builder().method(method).uri(uri).body(Body::empty()).expect("request");
    let res = router.oneshot(req).await.expect("router is infallible");
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

/// `GET uri` on the shared router.
pub async fn get(uri: &str) -> (StatusCode, HeaderMap, String) {
    request(Method::GET, uri).await
}

/// The `Location` header, or a panic naming the request.
pub fn location(headers: &HeaderMap) -> &str {
    headers.get(axum::http::header::LOCATION).expect("a Location header").to_str().expect("ASCII Location")
}

/// The `Content-Type` header, or "".
pub fn content_type(headers: &HeaderMap) -> &str {
    headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// `GET uri` with extra headers; the body as raw bytes (a PNG is not text).
pub async fn fetch(uri: &str, headers: &[(header::HeaderName, &str)]) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut req = Request::builder().uri(uri);
    for (name, value) in headers {
        req = req.header(name, *value);
    }
    let res = site().await.router.clone().oneshot(req.body(Body::empty()).expect("request")).await.expect("infallible");
    let (parts, body) = res.into_parts();
    (parts.status, parts.headers, body.collect().await.expect("body").to_bytes().to_vec())
}

/// A header as text, or "" when absent or not ASCII.
pub fn header(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or("")
}
