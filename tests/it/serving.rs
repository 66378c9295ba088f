//! Serving like a static site: compression by Accept-Encoding, strong ETags per
//! representation, 304s, Cache-Control, the fingerprinted stylesheet, and validators that
//! follow each page's own data across a reload.

use std::io::Read as _;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use llm_compare::AppState;
use llm_compare::domain::Catalog;
use llm_compare::domain::money::PricePerMTok;
use llm_compare::domain::rate_card::{Meter, RateKey, ServiceTier};
use tower::ServiceExt;

use crate::support::{content_type, fresh_catalog, site};

use crate::support::REFERENCE;

/// `method uri` with extra headers on `router`; the body as raw bytes.
async fn send(router: &Router, method: Method, uri: &str, headers: &[(header::HeaderName, &str)]) -> Reply {
    let mut req = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        req = req.header(name, *value);
    }
    let res = router.clone().oneshot(req.body(Body::empty()).expect("request")).await.expect("infallible");
    let (parts, body) = res.into_parts();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.expect("body").to_bytes().to_vec(),
    }
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

async fn get_with(uri: &str, headers: &[(header::HeaderName, &str)]) -> Reply {
    send(&site().await.router, Method::GET, uri, headers).await
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("valid gzip");
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).expect("valid brotli");
    out
}

/// `GET uri` accepting `encoding` once the page's final representation is in the cache: a
/// page's first answer is compressed fast, and a later request makes the final one in the
/// background.
async fn settled(uri: &str, encoding: &str) -> Reply {
    for _ in 0..200 {
        let r = get_with(uri, &[(header::ACCEPT_ENCODING, encoding)]).await;
        if !r.header(header::ETAG).ends_with("1\"") {
            return r;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("{uri} accepting {encoding} never got its final representation");
}

#[tokio::test]
async fn each_encoding_is_its_own_representation_of_the_same_page() {
    let plain = settled(REFERENCE, "identity").await;
    let gzip = settled(REFERENCE, "gzip").await;
    let br = settled(REFERENCE, "br").await;
    let browser = settled(REFERENCE, "gzip, deflate, br, zstd").await;
    for r in [&plain, &gzip, &br, &browser] {
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header(header::VARY), "accept-encoding");
        assert!(content_type(&r.headers).starts_with("text/html"));
    }
    assert_eq!(plain.header(header::CONTENT_ENCODING), "");
    assert_eq!(gzip.header(header::CONTENT_ENCODING), "gzip");
    assert_eq!(br.header(header::CONTENT_ENCODING), "br");
    assert_eq!(gunzip(&gzip.body), plain.body);
    assert_eq!(unbrotli(&br.body), plain.body);
    assert_eq!((browser.header(header::ETAG), &browser.body), (br.header(header::ETAG), &br.body));
    assert!(br.body.len() * 5 < plain.body.len() && gzip.body.len() * 4 < plain.body.len());

    // Strong tags (no W/), one per representation, sharing the content hash.
    let tags = [plain.header(header::ETAG), gzip.header(header::ETAG), br.header(header::ETAG)];
    let hash = tags[0].trim_matches('"');
    assert_eq!(hash.len(), 16, "{tags:?}");
    assert_eq!(tags[1], format!("\"{hash}-gz\""));
    assert_eq!(tags[2], format!("\"{hash}-br\""));
    // q=0 refuses a coding.
    let refused = get_with(REFERENCE, &[(header::ACCEPT_ENCODING, "br;q=0, gzip;q=0")]).await;
    assert_eq!((refused.header(header::CONTENT_ENCODING), refused.header(header::ETAG)), ("", tags[0]));
}

#[tokio::test]
async fn a_first_answer_is_compressed_fast_and_a_page_read_again_gets_the_final_compression() {
    let (catalog, _dir) = fresh_catalog().await;
    let router = llm_compare::app(AppState::new(catalog));
    let browser = [(header::ACCEPT_ENCODING, "gzip, deflate, br")];
    let first = send(&router, Method::GET, REFERENCE, &browser).await;
    assert_eq!(first.header(header::CONTENT_ENCODING), "gzip", "gzip is the cheap first answer");
    let hash = first.header(header::ETAG).trim_matches('"').trim_end_matches("-gz1").to_owned();
    assert_eq!(first.header(header::ETAG), format!("\"{hash}-gz1\""));
    // The same representation revalidates while it is the one served.
    let mut ask = browser.to_vec();
    ask.push((header::IF_NONE_MATCH, first.header(header::ETAG)));
    assert_eq!(send(&router, Method::GET, REFERENCE, &ask).await.status, StatusCode::NOT_MODIFIED);
    let mut last = first.header(header::ETAG).to_owned();
    for _ in 0..200 {
        let r = send(&router, Method::GET, REFERENCE, &browser).await;
        last = r.header(header::ETAG).to_owned();
        if r.header(header::CONTENT_ENCODING) == "br" {
            assert_eq!(last, format!("\"{hash}-br\""));
            assert_eq!(gunzip(&first.body), unbrotli(&r.body), "the same page");
            assert!(r.body.len() < first.body.len());
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("never recompressed; last tag {last}");
}

#[tokio::test]
async fn a_matching_if_none_match_answers_304_with_the_same_validators() {
    for encoding in ["identity", "gzip", "br"] {
        let full = settled(REFERENCE, encoding).await;
        let tag = full.header(header::ETAG).to_owned();
        let ask = [(header::ACCEPT_ENCODING, encoding), (header::IF_NONE_MATCH, tag.as_str())];
        let revalidated = get_with(REFERENCE, &ask).await;
        assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED, "{encoding}");
        assert!(revalidated.body.is_empty(), "{encoding}: a 304 has no body");
        for name in [header::ETAG, header::CACHE_CONTROL, header::LAST_MODIFIED, header::VARY] {
            assert!(!full.header(name.clone()).is_empty(), "{encoding}: 200 has {name}");
            assert_eq!(revalidated.header(name.clone()), full.header(name.clone()), "{encoding}: {name}");
        }
        // A list, and a weak comparison, match too.
        let listed = format!("\"0000000000000000\", W/{tag}");
        let ask = [(header::ACCEPT_ENCODING, encoding), (header::IF_NONE_MATCH, listed.as_str())];
        assert_eq!(get_with(REFERENCE, &ask).await.status, StatusCode::NOT_MODIFIED, "{encoding}");
    }
    // Another coding's tag, or a stale one, gets the page.
    let br = settled(REFERENCE, "br").await;
    let ask = [(header::ACCEPT_ENCODING, "gzip"), (header::IF_NONE_MATCH, br.header(header::ETAG))];
    let other = get_with(REFERENCE, &ask).await;
    assert_eq!((other.status, other.header(header::CONTENT_ENCODING)), (StatusCode::OK, "gzip"));
    let stale = get_with(REFERENCE, &[(header::IF_NONE_MATCH, "\"0123456789abcdef\"")]).await;
    assert_eq!(stale.status, StatusCode::OK);
}

#[tokio::test]
async fn head_answers_the_headers_of_get_without_a_body() {
    let get = settled("/models/gpt-4o-mini", "br").await;
    let head =
        send(&site().await.router, Method::HEAD, "/models/gpt-4o-mini", &[(header::ACCEPT_ENCODING, "br")]).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert_eq!(head.header(header::ETAG), get.header(header::ETAG));
    assert_eq!(head.header(header::CONTENT_ENCODING), "br");
}

#[tokio::test]
async fn every_response_type_has_cache_control_validators_and_vary() {
    let page = "public, max-age=30, s-maxage=60, stale-while-revalidate=30";
    let sitemap = "public, max-age=3600, s-maxage=3600, stale-while-revalidate=3600";
    let image = "public, max-age=3600, s-maxage=3600, stale-while-revalidate=600";
    for (uri, cache, vary) in [
        ("/", page, true),
        (REFERENCE, page, true),
        ("/compare", page, true),
        ("/models", page, true),
        ("/models/gpt-4o-mini", page, true),
        ("/methodology", page, true),
        ("/api", page, true),
        ("/api/v1/models", page, true),
        ("/api/v1/models.csv", page, true),
        ("/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini", page, true),
        ("/sitemap.xml", sitemap, true),
        ("/sitemaps/pages.xml", sitemap, true),
        ("/sitemaps/compare-1.xml", sitemap, true),
        ("/robots.txt", sitemap, true),
        ("/compare/gpt-4o-mini-vs-gpt-4-1-mini/chart.svg", image, true),
        ("/compare/gpt-4o-mini-vs-gpt-4-1-mini/og.png", image, false),
        ("/favicon.ico", "public, max-age=3600, s-maxage=3600", false),
    ] {
        let r = settled(uri, "gzip").await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(r.header(header::CACHE_CONTROL), cache, "{uri}");
        let tag = r.header(header::ETAG);
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() >= 18, "{uri}: strong ETag, got {tag:?}");
        assert!(r.header(header::LAST_MODIFIED).ends_with(" GMT"), "{uri}: Last-Modified");
        assert_eq!(r.header(header::VARY) == "accept-encoding", vary, "{uri}: Vary");
        let revalidated = get_with(uri, &[(header::ACCEPT_ENCODING, "gzip"), (header::IF_NONE_MATCH, tag)]).await;
        assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED, "{uri}");
    }
    // Errors and redirects are cached briefly and carry no validator.
    for (uri, status, cache) in [
        ("/compare/gpt-4o-mini-vs-nope", StatusCode::NOT_FOUND, "public, max-age=60"),
        ("/compare/gpt-4-1-mini-vs-gpt-4o-mini", StatusCode::MOVED_PERMANENTLY, "public, max-age=3600"),
    ] {
        let r = get_with(uri, &[]).await;
        assert_eq!((r.status, r.header(header::CACHE_CONTROL)), (status, cache), "{uri}");
        assert_eq!(r.header(header::ETAG), "", "{uri}");
    }
}

#[tokio::test]
async fn model_and_comparison_pages_are_last_modified_on_their_own_data_date() {
    let site = site().await;
    let dates = |id: &str| {
        let m = site.catalog.dataset.models.iter().find(|m| m.id.as_str() == id).expect("seed model");
        llm_compare::domain::sitemap::model_lastmod(&site.catalog.dataset, m).expect("a dated model").clone()
    };
    let (a, b) = (dates("gpt-4o-mini"), dates("gpt-4-1-mini"));
    let newer = if a.days_since_epoch() >= b.days_since_epoch() { a.clone() } else { b };
    let http = |d: &llm_compare::domain::model::Date| {
        httpdate::fmt_http_date(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(d.days_since_epoch() as u64 * 86_400),
        )
    };
    assert_eq!(get_with(REFERENCE, &[]).await.header(header::LAST_MODIFIED), http(&newer));
    assert_eq!(get_with("/models/gpt-4o-mini", &[]).await.header(header::LAST_MODIFIED), http(&a));
}

#[tokio::test]
async fn pages_link_the_fingerprinted_stylesheet_cached_for_a_year() {
    let home = get_with("/", &[]).await;
    let html = String::from_utf8(home.body).unwrap();
    let start = html.find("<link rel=\"stylesheet\" href=\"").expect("a stylesheet link") + 29;
    let href = &html[start..start + html[start..].find('"').unwrap()];
    let hash = href.strip_prefix("/static/site.").and_then(|h| h.strip_suffix(".css")).expect(href);
    assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{href}");
    let error = String::from_utf8(get_with("/nope", &[]).await.body).unwrap();
    assert!(error.contains(href), "the error page links the same stylesheet");

    let css = get_with(href, &[]).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(content_type(&css.headers).starts_with("text/css"));
    assert_eq!(css.header(header::CACHE_CONTROL), "public, max-age=31536000, immutable");
    // The old address still works, with a short lifetime, and serves the same bytes.
    let old = get_with("/static/site.css", &[]).await;
    assert_eq!(
        (old.status, old.header(header::CACHE_CONTROL)),
        (StatusCode::OK, "public, max-age=3600, s-maxage=3600")
    );
    assert_eq!(old.body, css.body);
    // A page cached before a deploy names an older hash: styled, but not kept for a year.
    let older = get_with("/static/site.0000000000000000.css", &[]).await;
    assert_eq!(
        (older.status, older.header(header::CACHE_CONTROL)),
        (StatusCode::OK, "public, max-age=3600, s-maxage=3600")
    );
    for uri in ["/static/site.nothex0000000000.css", "/static/other.css", "/static/site.1234.css"] {
        assert_eq!(get_with(uri, &[]).await.status, StatusCode::NOT_FOUND, "{uri}");
    }
}

#[tokio::test]
async fn workload_pages_are_compressed_and_tagged_too() {
    let uri = format!("{REFERENCE}?input=100000&output=2000&requests=1000000");
    let first = get_with(&uri, &[(header::ACCEPT_ENCODING, "br")]).await;
    // Rendered each time, so always the fast level.
    assert_eq!((first.status, first.header(header::CONTENT_ENCODING)), (StatusCode::OK, "br"));
    let tag = first.header(header::ETAG);
    assert_ne!(tag, get_with(REFERENCE, &[(header::ACCEPT_ENCODING, "br")]).await.header(header::ETAG));
    let again = get_with(&uri, &[(header::ACCEPT_ENCODING, "br"), (header::IF_NONE_MATCH, tag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

/// ETags of `uris`, in order.
async fn etags(router: &Router, uris: &[String]) -> Vec<String> {
    let mut tags = Vec::new();
    for uri in uris {
        let r = send(router, Method::GET, uri, &[(header::ACCEPT_ENCODING, "br")]).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        // The content hash, whatever the compression level.
        tags.push(r.header(header::ETAG)[..17].to_owned());
    }
    tags
}

#[tokio::test]
async fn a_reload_changes_the_etag_of_pages_whose_numbers_changed_and_of_no_other() {
    let (catalog, _dir) = fresh_catalog().await;
    let state = AppState::new(catalog.clone());
    let router = llm_compare::app(state.clone());
    // A model off the chart (no headline index score), so its price shows only on its own pages.
    let changed = catalog
        .dataset
        .models
        .iter()
        .find(|m| catalog.index_value(m).is_none() && m.current_price().is_some())
        .expect("a priced model without an index score")
        .id
        .clone();
    let others: Vec<_> =
        catalog.dataset.models.iter().filter(|m| m.id != changed).take(6).map(|m| m.id.clone()).collect();
    let pair = |a: &_, b: &_| {
        let (a, b) = (catalog.model(a).unwrap(), catalog.model(b).unwrap());
        catalog.canonical_path(a, b)
    };
    let with_changed: Vec<String> =
        others.iter().map(|o| pair(&changed, o)).chain([format!("/models/{changed}")]).collect();
    let mut without: Vec<String> = Vec::new();
    for (i, a) in others.iter().enumerate() {
        for b in &others[i + 1..] {
            without.push(pair(a, b));
        }
    }
    // Other models' pages are left out: they list comparisons by closeness in cost, so a
    // price change may reorder them, which is a change of what they show.
    without.push("/methodology".to_owned());
    let before = (etags(&router, &with_changed).await, etags(&router, &without).await);

    // The same catalog again: a reload whose numbers did not change keeps every tag.
    state.replace_catalog(Catalog::new(catalog.dataset.clone()));
    assert_eq!(etags(&router, &with_changed).await, before.0, "an unchanged reload keeps the tags");

    let mut dataset = catalog.dataset.clone();
    let model = dataset.models.iter_mut().find(|m| m.id == changed).unwrap();
    let price = model.prices.iter_mut().find(|p| p.effective_to.is_none()).unwrap();
    let output = RateKey::base(ServiceTier::Standard, Meter::Output);
    let changed_output = price.rates.get(&output).expect("an output price");
    price.rates.insert(output, PricePerMTok::parse(&format!("{}1", changed_output.to_decimal())).expect("a price"));
    state.replace_catalog(Catalog::new(dataset));

    let after = (etags(&router, &with_changed).await, etags(&router, &without).await);
    for (uri, (old, new)) in with_changed.iter().zip(before.0.iter().zip(&after.0)) {
        assert_ne!(old, new, "{uri} shows the new price, so its tag changes");
    }
    for (uri, (old, new)) in without.iter().zip(before.1.iter().zip(&after.1)) {
        assert_eq!(old, new, "{uri} does not show {changed}, so its tag stays");
    }
}
