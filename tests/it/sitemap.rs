//! The sitemap index, its child sitemaps and robots.txt: on the seed, and on 500 generated
//! models where the comparisons no longer fit in one file.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use axum::Router;
use axum::http::{HeaderMap, Method, StatusCode, header};
use llm_compare::AppState;
use llm_compare::domain::model::{Date, Provider, Source};
use llm_compare::domain::money::PricePerMTok;
use llm_compare::domain::rate_card::{Meter, ServiceTier};
use llm_compare::domain::sitemap::{MAX_URLS_PER_FILE, model_lastmod};
use llm_compare::domain::testing::{ModelBuilder, PriceBuilder};
use llm_compare::domain::{Catalog, Dataset, ModelId};

use crate::support::{call, check_xml, content_type, count, get, site};

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const SITEMAP_NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
/// The origin `AppState::new` serves under when no `BASE_URL` is set.
const DEFAULT_BASE: &str = "http://127.0.0.1:3000";

/// `GET uri` on `router`, checked to be a sitemap file: 200, XML content type, cached for an
/// hour, an XML declaration and a well-formed body.
async fn fetch_sitemap(router: &Router, uri: &str) -> String {
    let (status, headers, body) = call(router.clone(), Method::GET, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}");
    assert_xml_headers(uri, &headers);
    let xml = body.strip_prefix(XML_DECLARATION).unwrap_or_else(|| panic!("{uri}: no XML declaration"));
    if let Err(e) = check_xml(xml) {
        panic!("{uri}: not well-formed XML: {e}");
    }
    body
}

fn assert_xml_headers(uri: &str, headers: &HeaderMap) {
    assert_eq!(content_type(headers), "application/xml; charset=utf-8", "{uri}");
    let cache = headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok());
    assert_eq!(cache, Some("public, max-age=3600, s-maxage=3600, stale-while-revalidate=3600"), "{uri}");
}

/// The text of every `<tag>` element, in order.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(open.as_str()).skip(1).map(|rest| rest.split(close.as_str()).next().unwrap_or("")).collect()
}

/// Each `<url>` or `<sitemap>` entry's location and `lastmod`, checking both on the way.
fn entries<'a>(xml: &'a str, entry: &str, base: &str) -> Vec<(&'a str, &'a str)> {
    elements(xml, entry)
        .into_iter()
        .map(|e| {
            let loc = elements(e, "loc");
            let lastmod = elements(e, "lastmod");
            assert_eq!((loc.len(), lastmod.len()), (1, 1), "one <loc> and one <lastmod> in {e}");
            let path = loc[0].strip_prefix(base).unwrap_or_else(|| panic!("<loc> not under {base}: {}", loc[0]));
            assert!(path.starts_with('/'), "<loc> {} is not absolute", loc[0]);
            assert!(Date::parse(lastmod[0]).is_some(), "<lastmod> {:?} is not YYYY-MM-DD", lastmod[0]);
            (path, lastmod[0])
        })
        .collect()
}

/// The sitemap index's child paths with their `lastmod`, after checking the root element.
fn index_children(index: &str, base: &str) -> Vec<(String, String)> {
    assert!(index.contains(&format!("<sitemapindex {SITEMAP_NS}>")), "root is not a sitemap index:\n{index}");
    assert_eq!(count(index, "<sitemapindex"), 1);
    entries(index, "sitemap", base).into_iter().map(|(p, d)| (p.to_owned(), d.to_owned())).collect()
}

/// Every comparison and page URL across the child sitemaps, checking each file against the
/// index (same newest `lastmod`) and the per-file limit. Returns paths and their lastmods.
async fn all_child_urls(router: &Router, base: &str) -> (Vec<(String, String)>, Vec<(String, String)>) {
    let index = fetch_sitemap(router, "/sitemap.xml").await;
    let children = index_children(&index, base);
    assert_eq!(children[0].0, "/sitemaps/pages.xml", "the pages file comes first");
    let (mut pages, mut comparisons) = (Vec::new(), Vec::new());
    for (n, (child, lastmod)) in children.iter().enumerate() {
        if n > 0 {
            assert_eq!(child, &format!("/sitemaps/compare-{n}.xml"), "comparison files are numbered from 1");
        }
        let xml = fetch_sitemap(router, child).await;
        assert!(xml.contains(&format!("<urlset {SITEMAP_NS}>")), "{child}: root is not a urlset");
        let urls = entries(&xml, "url", base);
        assert!(!urls.is_empty(), "{child} is empty");
        assert!(urls.len() <= MAX_URLS_PER_FILE, "{child}: {} URLs", urls.len());
        let newest = urls.iter().map(|u| u.1).max().unwrap_or_default();
        assert_eq!(newest, lastmod, "{child}: the index's lastmod is the newest inside it");
        let into = if n == 0 { &mut pages } else { &mut comparisons };
        into.extend(urls.into_iter().map(|(p, d)| (p.to_owned(), d.to_owned())));
    }
    (pages, comparisons)
}

/// Every canonical comparison path of the catalog, once per unordered pair.
fn canonical_paths(catalog: &Catalog) -> HashSet<String> {
    let models = &catalog.dataset.models;
    let mut paths = HashSet::new();
    for (i, a) in models.iter().enumerate() {
        for b in &models[i + 1..] {
            assert!(paths.insert(catalog.canonical_path(a, b)), "two pairs share a path");
        }
    }
    paths
}

fn assert_no_repeats(urls: &[(String, String)]) {
    let mut seen = HashSet::new();
    for (path, _) in urls {
        assert!(seen.insert(path.as_str()), "{path} is listed twice");
    }
}

#[tokio::test]
async fn sitemap_index_is_a_sitemaps_org_index_of_absolute_urls() {
    let router = &site().await.router;
    let index = fetch_sitemap(router, "/sitemap.xml").await;
    let children = index_children(&index, DEFAULT_BASE);
    let n = site().await.catalog.dataset.models.len();
    // The seed's pairs fit in one comparison file.
    assert!(n * (n - 1) / 2 <= MAX_URLS_PER_FILE);
    let paths: Vec<&str> = children.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(paths, ["/sitemaps/pages.xml", "/sitemaps/compare-1.xml"]);
}

#[tokio::test]
async fn child_sitemaps_list_every_canonical_pair_and_every_page_exactly_once() {
    let site = site().await;
    let (pages, comparisons) = all_child_urls(&site.router, DEFAULT_BASE).await;
    let all: Vec<_> = pages.iter().chain(&comparisons).cloned().collect();
    assert_no_repeats(&all);

    let listed: HashSet<String> = comparisons.iter().map(|c| c.0.clone()).collect();
    let expected = canonical_paths(&site.catalog);
    assert_eq!(comparisons.len(), expected.len(), "one URL per unordered pair");
    assert_eq!(listed, expected, "exactly the canonical comparison paths");

    let pages: HashMap<&str, &str> = pages.iter().map(|(p, d)| (p.as_str(), d.as_str())).collect();
    let dataset = &site.catalog.dataset;
    for path in ["/", "/compare", "/models", "/methodology", "/api"] {
        assert_eq!(pages.get(path).copied(), dataset.last_updated().map(Date::iso), "{path}");
    }
    for m in &dataset.models {
        let lastmod = pages.get(format!("/models/{}", m.id).as_str()).copied();
        assert_eq!(lastmod, model_lastmod(dataset, m).map(Date::iso), "model {}", m.id);
    }
    assert_eq!(pages.len(), 5 + dataset.models.len(), "nothing else in the pages file");
}

#[tokio::test]
async fn a_comparison_is_dated_by_the_newer_of_its_two_models() {
    let site = site().await;
    let (_, comparisons) = all_child_urls(&site.router, DEFAULT_BASE).await;
    let dataset = &site.catalog.dataset;
    let a = site.catalog.model(&ModelId::parse("gpt-4o-mini").unwrap()).unwrap();
    let b = site.catalog.model(&ModelId::parse("gpt-4-1-mini").unwrap()).unwrap();
    let expected = model_lastmod(dataset, a).max(model_lastmod(dataset, b)).unwrap();
    let listed = comparisons.iter().find(|c| c.0 == "/compare/gpt-4o-mini-vs-gpt-4-1-mini").expect("reference pair");
    assert_eq!(listed.1, expected.iso());
}

#[tokio::test]
async fn robots_txt_names_the_sitemap_and_keeps_crawlers_off_the_api() {
    let (status, headers, body) = get("/robots.txt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type(&headers).starts_with("text/plain"), "{}", content_type(&headers));
    let lines: Vec<&str> = body.lines().collect();
    for line in ["User-agent: *", "Allow: /", "Disallow: /api/", &format!("Sitemap: {DEFAULT_BASE}/sitemap.xml")] {
        assert!(lines.contains(&line), "robots.txt lacks {line:?}:\n{body}");
    }
}

#[tokio::test]
async fn unknown_child_sitemaps_are_404() {
    for uri in [
        "/sitemaps/compare-99.xml",
        "/sitemaps/compare-2.xml",
        "/sitemaps/compare-0.xml",
        "/sitemaps/compare-01.xml",
        "/sitemaps/compare-x.xml",
        "/sitemaps/compare-1",
        "/sitemaps/compare-.xml",
        "/sitemaps/pages",
        "/sitemaps/other.xml",
    ] {
        let (status, _, _) = get(uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
}

/// `n` minimal models, each priced from one source and released on its own date so the
/// canonical order of a pair is not simply the dataset's order.
fn generated_catalog(n: usize) -> Catalog {
    let date = |days: i64| Date::from_days_since_epoch(days);
    let sources = vec![
        Source {
            id: "prices-old".into(),
            title: "Prices, old".into(),
            url: "https://example.com/old".into(),
            license: "MIT".into(),
            as_of: date(20_000),
        },
        Source {
            id: "prices-new".into(),
            title: "Prices, new".into(),
            url: "https://example.com/new".into(),
            license: "MIT".into(),
            as_of: date(20_500),
        },
    ];
    let providers = (0..10).map(|p| Provider { slug: format!("p{p}").into(), name: format!("Provider {p}") }).collect();
    let models = (0..n)
        .map(|i| {
            let provider = format!("p{}", i % 10);
            let price = PriceBuilder::empty()
                .effective_from(date(19_000))
                .rate(ServiceTier::Standard, Meter::Input, PricePerMTok::from_micros(100_000 + i as u64 * 1_000))
                .rate(ServiceTier::Standard, Meter::Output, PricePerMTok::from_micros(400_000 + i as u64 * 3_000))
                .source("prices-old")
                .last_seen_in(if i % 3 == 0 { "prices-new" } else { "prices-old" });
            let model = ModelBuilder::new(&format!("model-{i:03}")).name(&format!("Model {i:03}")).provider(&provider);
            // Release dates run against the id order; every seventh model is undated.
            let model = if i % 7 == 0 { model } else { model.released(date(19_000 - i as i64), "prices-old") };
            model.price(price.build()).build()
        })
        .collect();
    Catalog::new(Dataset::new(models, providers, vec![], sources))
}

#[tokio::test]
async fn five_hundred_models_split_into_three_comparison_files_with_every_pair_once() {
    let started = Instant::now();
    let catalog = generated_catalog(500);
    let base = "https://llm.example";
    let router = llm_compare::app(AppState::new(catalog.clone()).with_base_url(base));

    let (pages, comparisons) = all_child_urls(&router, base).await;
    let index = fetch_sitemap(&router, "/sitemap.xml").await;
    assert_eq!(count(&index, "/sitemaps/compare-"), 124_750usize.div_ceil(50_000));
    assert_eq!(count(&index, "/sitemaps/compare-"), 3);
    let (status, _, _) = call(router.clone(), Method::GET, "/sitemaps/compare-4.xml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    assert_eq!(pages.len(), 505);
    assert_eq!(comparisons.len(), 124_750);
    let listed: HashSet<&str> = comparisons.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(listed.len(), 124_750, "no comparison twice");
    let expected = canonical_paths(&catalog);
    assert!(expected.iter().all(|p| listed.contains(p.as_str())), "every canonical pair is listed");
    // Models priced from the newer snapshot date their pairs and their files.
    assert!(comparisons.iter().any(|c| c.1 == "2026-02-16") && comparisons.iter().any(|c| c.1 == "2024-10-04"));
    eprintln!("500-model sitemap test: {:.1?}", started.elapsed());
}

#[tokio::test]
async fn a_comparison_file_is_streamed_a_thousand_urls_at_a_time() {
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    // 100 models: 4,950 pairs, so five chunks between the opening and closing tags. The file
    // (about 550 KB) is too big for a 1 MB page cache, so the serving layer streams it as the
    // handler writes it instead of holding it to compress and keep.
    let router = llm_compare::app(AppState::new(generated_catalog(100)).with_page_cache_mb(1));
    let request = Request::get("/sitemaps/compare-1.xml").body(Body::empty()).expect("request");
    let response = router.oneshot(request).await.expect("router is infallible");
    assert!(response.headers().get(header::CONTENT_LENGTH).is_none(), "a streamed body has no length up front");
    let mut body = response.into_body();
    let mut urls_per_frame = Vec::new();
    while let Some(frame) = body.frame().await {
        let data = frame.expect("body frame").into_data().expect("a data frame");
        urls_per_frame.push(count(&String::from_utf8_lossy(&data), "<url>"));
    }
    assert_eq!(urls_per_frame, [0, 1_000, 1_000, 1_000, 1_000, 950, 0]);
}
