//! Security headers on every response (pages, errors, JSON, images, redirects), HSTS only on
//! https, CORS only on the API, no inline style or script a strict CSP would block, and
//! redirects that never leave the site.

use axum::http::{HeaderMap, Method, StatusCode};
use llm_compare::AppState;
use llm_compare::web::security::{CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY};
use tower::ServiceExt;

use crate::support::{call, foreign_scripts, get, request, site};

/// One address of every route and error kind.
pub const EVERY_KIND: [&str; 22] = [
    "/",
    "/compare",
    "/compare?a=gpt-4o-mini&b=gpt-4-1-mini",
    "/compare/gpt-4o-mini-vs-gpt-4-1-mini",
    "/compare/GPT-4o-mini-vs-gpt-4-1-mini",
    "/compare/gpt-4o-mini-vs-gpt-4-1-mini?input=abc",
    "/compare/gpt-4o-mini-vs-nope",
    "/compare/gpt-4o-mini-vs-gpt-4-1-mini/og.png",
    "/compare/gpt-4o-mini-vs-gpt-4-1-mini/chart.svg",
    "/models",
    "/models/gpt-4o-mini",
    "/models/nope",
    "/methodology",
    "/api",
    "/api/v1/models",
    "/api/v1/models.csv",
    "/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini",
    "/api/v1/compare/gpt-4o-mini-vs-nope",
    "/api/nope",
    "/static/site.css",
    "/sitemap.xml",
    "/robots.txt",
];

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The headers every response carries; `api` adds CORS.
pub fn assert_security_headers(what: &str, headers: &HeaderMap, api: bool) {
    assert_eq!(header(headers, "content-security-policy"), Some(CONTENT_SECURITY_POLICY), "{what}");
    assert_eq!(header(headers, "x-frame-options"), Some("DENY"), "{what}");
    assert_eq!(header(headers, "x-content-type-options"), Some("nosniff"), "{what}");
    assert_eq!(header(headers, "referrer-policy"), Some("strict-origin-when-cross-origin"), "{what}");
    assert_eq!(header(headers, "permissions-policy"), Some(PERMISSIONS_POLICY), "{what}");
    assert_eq!(header(headers, "cross-origin-opener-policy"), Some("same-origin"), "{what}");
    assert_eq!(header(headers, "access-control-allow-origin"), api.then_some("*"), "{what}");
}

#[test]
fn the_policy_is_strict() {
    for part in [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ] {
        assert!(CONTENT_SECURITY_POLICY.split("; ").any(|p| p == part), "{part}");
    }
    assert!(!CONTENT_SECURITY_POLICY.contains("unsafe"), "no unsafe-inline or unsafe-eval");
}

#[tokio::test]
async fn every_route_and_error_carries_the_security_headers() {
    let mut statuses = std::collections::BTreeSet::new();
    for uri in EVERY_KIND {
        let (status, headers, _) = get(uri).await;
        statuses.insert(status.as_u16());
        assert_security_headers(uri, &headers, uri.starts_with("/api"));
        assert!(header(&headers, "strict-transport-security").is_none(), "no HSTS on http: {uri}");
    }
    // 405s too, on a page and on the API.
    for uri in ["/", "/api/v1/models"] {
        let (status, headers, _) = request(Method::POST, uri).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        statuses.insert(status.as_u16());
        assert_security_headers(uri, &headers, uri.starts_with("/api"));
    }
    for kind in [200, 301, 303, 400, 404, 405] {
        assert!(statuses.contains(&kind), "status {kind} was covered: {statuses:?}");
    }
}

#[tokio::test]
async fn hsts_is_sent_when_the_site_is_served_over_https() {
    let state = AppState::new(site().await.catalog.clone()).with_base_url("https://llm-compare.example");
    let router = llm_compare::app(state);
    for uri in ["/", "/models/nope", "/api/v1/models"] {
        let (_, headers, _) = call(router.clone(), Method::GET, uri).await;
        assert_eq!(header(&headers, "strict-transport-security"), Some("max-age=63072000; includeSubDomains"), "{uri}");
        assert_security_headers(uri, &headers, uri.starts_with("/api"));
    }
}

#[tokio::test]
async fn a_page_served_from_the_page_cache_carries_the_same_security_headers() {
    // The cache answers before routing and the router's layers: the first request fills it,
    // the second and a revalidation are hits.
    let state = AppState::new(site().await.catalog.clone()).with_base_url("https://llm-compare.example");
    let router = llm_compare::app(state);
    for uri in ["/compare/gpt-4o-mini-vs-gpt-4-1-mini", "/models/gpt-4o-mini", "/api/v1/models"] {
        let (_, first, _) = call(router.clone(), Method::GET, uri).await;
        let (status, hit, _) = call(router.clone(), Method::GET, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_security_headers(uri, &hit, uri.starts_with("/api"));
        assert_eq!(header(&hit, "strict-transport-security"), Some("max-age=63072000; includeSubDomains"), "{uri}");
        let etag = header(&first, "etag").expect("an ETag").to_owned();
        let revalidated = router
            .clone()
            .oneshot(
                axum::http::Request::get(uri).header("if-none-match", etag).body(axum::body::Body::empty()).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{uri}");
        assert_security_headers(uri, revalidated.headers(), uri.starts_with("/api"));
    }
}

/// What a strict CSP would block or a reader's input could become: `style` attributes,
/// `<style>` elements, and scripts other than the JSON-LD data block (which is not executed).
fn inline_style_or_script(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = body.to_ascii_lowercase();
    if lower.contains("<style") {
        found.push("<style>".to_owned());
    }
    for (i, _) in lower.match_indices("style=") {
        let before = lower[..i].chars().next_back();
        if before.is_some_and(|c| c.is_whitespace() || c == '"' || c == '\'') {
            found.push(body[i.saturating_sub(30)..(i + 40).min(body.len())].to_owned());
        }
    }
    if foreign_scripts(body) > 0 {
        found.push("<script> other than JSON-LD".to_owned());
    }
    for handler in [" onclick=", " onload=", " onerror=", " onmouseover=", "javascript:"] {
        if lower.contains(handler) {
            found.push(handler.to_owned());
        }
    }
    found
}

#[test]
fn the_inline_checker_finds_what_it_looks_for() {
    assert!(inline_style_or_script(r#"<p class="x"><script type="application/ld+json">{}</script>"#).is_empty());
    assert_eq!(inline_style_or_script(r#"<svg><text style="fill:red">a</text></svg>"#).len(), 1);
    assert_eq!(inline_style_or_script("<style>p{}</style>").len(), 1);
    assert_eq!(inline_style_or_script("<script>alert(1)</script>").len(), 1);
    assert!(inline_style_or_script(r#"<link rel="stylesheet" href="/static/site.css">"#).is_empty());
}

#[tokio::test]
async fn no_page_needs_inline_style_or_script() {
    let mut pages: Vec<String> = EVERY_KIND.iter().map(|s| s.to_string()).collect();
    // Every model page and a spread of comparisons (each with its inline SVG chart).
    let catalog = &site().await.catalog;
    let models: Vec<_> = catalog.dataset.models.iter().collect();
    for (i, m) in models.iter().enumerate() {
        pages.push(format!("/models/{}", m.id));
        let other = models[(i * 7 + 3) % models.len()];
        if other.id != m.id {
            pages.push(catalog.canonical_path(m, other));
        }
    }
    for uri in &pages {
        let (status, headers, body) = get(uri).await;
        let html = headers.get("content-type").is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/html"));
        let svg = headers.get("content-type").is_some_and(|v| v.to_str().unwrap_or("").starts_with("image/svg"));
        if html || svg {
            assert_eq!(inline_style_or_script(&body), Vec::<String>::new(), "{uri} ({status})");
        }
    }
}

#[tokio::test]
async fn backslash_and_double_slash_redirects_never_leave_the_site() {
    for uri in [
        "/\\evil.example/",
        "/\\\\evil.example/",
        "/\\/evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/%5Cevil.example/",
        "/%2F%2Fevil.example/",
        "/\\evil.example/?a=b",
        "/compare/\\evil.example/",
        "/models/\\evil.example/",
        "/api/\\evil.example/",
        "/%09/evil.example/",
    ] {
        let (status, headers, _) = get(uri).await;
        assert!(status.as_u16() < 500, "{uri}: {status}");
        if let Some(location) = header(&headers, "location") {
            assert!(location_stays_on_site(location), "{uri} -> {location}");
        }
    }
    // The rule still drops a plain trailing slash.
    let (status, headers, _) = get("/models/").await;
    assert_eq!((status, header(&headers, "location")), (StatusCode::MOVED_PERMANENTLY, Some("/models")));
}

/// Whether a browser resolving `location` against our origin stays on it: a path that starts
/// with one `/` followed by neither `/` nor `\` (browsers read `\` as `/`), no scheme.
pub fn location_stays_on_site(location: &str) -> bool {
    let mut chars = location.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !location.chars().any(|c| c.is_control() || c == '\\')
}
