//! The hostile corpus (`tests/fixtures/hostile/requests.txt`, over 400 requests): each is sent
//! to the router in process and must get an answer below 500, without hanging, with no off-site
//! `Location` and nothing from the request echoed unescaped. A target the HTTP parser refuses
//! (hyper answers 400 before the router) is counted and must be one a parser should refuse.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Method, Request};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::security::location_stays_on_site;
use crate::support::site;

const CORPUS: &str = include_str!("../fixtures/hostile/requests.txt");

/// Input markers that must never come back raw.
const MARKERS: [&str; 3] = ["<zq", "\"zq", "'zq"];

fn expand(value: &str) -> String {
    match value.split_once("@repeat(") {
        None => value.to_owned(),
        Some((before, rest)) => {
            let (args, after) = rest.split_once(')').expect("@repeat(N,text)");
            let (n, text) = args.split_once(',').expect("@repeat(N,text)");
            format!("{before}{}{}", text.repeat(n.parse().expect("a count")), expand(after))
        }
    }
}

struct Hostile {
    line: usize,
    method: Method,
    target: String,
    header: Option<(HeaderName, HeaderValue)>,
}

fn corpus() -> Vec<Hostile> {
    CORPUS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let (request, header) = match l.split_once('\t') {
                Some((r, h)) => (r, Some(h)),
                None => (l, None),
            };
            let (method, target) = request.split_once(' ').expect("METHOD TARGET");
            let header = header.map(|h| {
                let (name, value) = h.split_once(": ").expect("name: value");
                (HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(&expand(value)).unwrap())
            });
            Hostile {
                line: i + 1,
                method: Method::from_bytes(method.as_bytes()).unwrap(),
                target: target.to_owned(),
                header,
            }
        })
        .collect()
}

#[test]
fn the_corpus_is_large_and_covers_every_kind() {
    let requests = corpus();
    assert!(requests.len() >= 250, "{} requests", requests.len());
    for kind in [
        "traversal",
        "NUL and control bytes",
        "overlong",
        "unicode look-alikes",
        "double and overlong encoding",
        "-vs- edge cases and three-way pairs",
        "workload numbers",
        "CRLF",
        "off-site redirect attempts",
        "every method on every route",
        "huge and odd headers",
    ] {
        assert!(CORPUS.lines().any(|l| l.starts_with('#') && l.contains(kind)), "{kind}");
    }
}

#[tokio::test]
async fn no_hostile_request_gets_a_5xx_an_off_site_location_or_its_input_back() {
    let router = site().await.router.clone();
    let (mut answered, mut refused_by_parser) = (0, 0);
    let mut failures = Vec::new();
    for h in corpus() {
        let what = format!("line {}: {} {}", h.line, h.method, &h.target[..h.target.len().min(120)]);
        let mut builder = Request::builder().method(h.method.clone()).uri(h.target.as_str());
        if let Some((name, value)) = &h.header {
            builder = builder.header(name, value);
        }
        let Ok(request) = builder.body(Body::empty()) else {
            // Not a request target at all (a raw space, say): hyper answers 400 before routing.
            refused_by_parser += 1;
            continue;
        };
        let started = Instant::now();
        let response = router.clone().oneshot(request).await.expect("the router is infallible");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("body").to_bytes();
        let took = started.elapsed();
        answered += 1;
        // Markup and text can carry an echo into a page; an image's compressed bytes cannot,
        // and a share image may hold any three bytes by chance.
        let textual =
            parts.headers.get("content-type").and_then(|v| v.to_str().ok()).is_none_or(|t| !t.starts_with("image/png"));
        let body = if textual { String::from_utf8_lossy(&body).into_owned() } else { String::new() };
        if parts.status.is_server_error() {
            failures.push(format!("{what}: {}", parts.status));
        }
        // A hang, not a slow page: the debug build draws a share image in a second or two.
        if took > Duration::from_secs(8) {
            failures.push(format!("{what}: took {took:?}"));
        }
        if let Some(location) = parts.headers.get("location") {
            let location = location.to_str().unwrap_or("(not ASCII)");
            if !location_stays_on_site(location) {
                failures.push(format!("{what}: Location {location}"));
            }
        }
        for marker in MARKERS {
            if body.contains(marker) {
                failures.push(format!("{what}: the body echoes {marker} raw"));
            }
            for (name, value) in &parts.headers {
                if value.to_str().is_ok_and(|v| v.contains(marker)) {
                    failures.push(format!("{what}: header {name} echoes {marker}"));
                }
            }
        }
        if parts.headers.get("content-security-policy").is_none() {
            failures.push(format!("{what}: no CSP"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(answered >= 250, "{answered} answered, {refused_by_parser} refused by the parser");
}
