//! `/sitemap.xml`, its child sitemaps and `/robots.txt`.
//!
//! The index and the pages file are small and built whole. A comparison file can hold 50,000
//! URLs, so its body is streamed a chunk of pairs at a time, each pair found from its number
//! (see `domain::sitemap`); no list of all pairs is ever built. The XML is written by the
//! templates in `templates/sitemaps/`, whose `.xml` extension makes askama escape every value.

use std::sync::Arc;

use askama::Template;
use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::domain::Catalog;
use crate::domain::model::Date;
use crate::domain::sitemap::{CompareFiles, MAX_URLS_PER_FILE, model_lastmod, newest_in, pair_lastmod, pairs};
use crate::web::extract::PathSegment;
use crate::web::paths;
use crate::web::templates::{SitemapEntry, SitemapIndex, Urlset, UrlsetChunk, UrlsetClose, UrlsetOpen};
use crate::web::{AppError, AppState, Result};

/// Comparison URLs written per streamed chunk of a child sitemap.
const URLS_PER_CHUNK: usize = 1_000;

/// The public pages that are not about one model, in the order they are listed.
const SITE_PAGES: [&str; 5] = ["/", paths::COMPARE, paths::MODELS, paths::METHODOLOGY, paths::API];

/// `GET /robots.txt`: everything may be crawled except the JSON API; names the sitemap.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!("User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}/sitemap.xml\n", state.base_url());
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// `GET /sitemap.xml`: the sitemap index, naming the pages file and every comparison file.
pub async fn index(State(state): State<AppState>) -> Result<Response> {
    Ok(xml_response(Body::from(sitemap_index(&state.catalog(), state.base_url(), MAX_URLS_PER_FILE)?)))
}

/// `GET /sitemaps/{file}`: `pages.xml` or `compare-{n}.xml`; anything else is a 404.
pub async fn child(State(state): State<AppState>, PathSegment(file): PathSegment) -> Result<Response> {
    let body = child_body(state.catalog(), state.base_url(), &file, MAX_URLS_PER_FILE)?
        .ok_or_else(|| AppError::NotFound { what: format!("sitemap called “{file}”"), suggestions: Vec::new() })?;
    Ok(xml_response(body))
}

fn xml_response(body: Body) -> Response {
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body).into_response()
}

/// Each model's date by its position in the dataset.
fn model_dates(catalog: &Catalog) -> Vec<Option<&Date>> {
    catalog.dataset.models.iter().map(|m| model_lastmod(&catalog.dataset, m)).collect()
}

/// The sitemap index with comparison files of at most `per_file` URLs.
pub fn sitemap_index(catalog: &Catalog, base_url: &str, per_file: usize) -> Result<String> {
    let dates = model_dates(catalog);
    let compare = CompareFiles::new(dates.len(), per_file);
    let mut files = vec![SitemapEntry { path: "/sitemaps/pages.xml".into(), lastmod: catalog.dataset.last_updated() }];
    files.extend((1..=compare.file_count()).map(|n| SitemapEntry {
        path: format!("/sitemaps/compare-{n}.xml"),
        lastmod: newest_in(&dates, compare.pairs_in(n).unwrap_or_default()),
    }));
    Ok(SitemapIndex { base: base_url, files }.render()?)
}

/// The body of child sitemap `file`, or `None` if there is no such file.
pub fn child_body(catalog: Arc<Catalog>, base_url: &str, file: &str, per_file: usize) -> Result<Option<Body>> {
    if file == "pages.xml" {
        return Ok(Some(Body::from(pages_sitemap(&catalog, base_url)?)));
    }
    let Some(n) = file.strip_prefix("compare-").and_then(|f| f.strip_suffix(".xml")) else {
        return Ok(None);
    };
    // Digits only, no leading zero: one spelling per file, so `compare-01.xml` is not a copy.
    if n.is_empty() || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let Some(range) =
        n.parse().ok().and_then(|n| CompareFiles::new(catalog.dataset.models.len(), per_file).pairs_in(n))
    else {
        return Ok(None);
    };
    Ok(Some(compare_sitemap(catalog, base_url.to_owned(), range)?))
}

/// The site's own pages and every model page.
fn pages_sitemap(catalog: &Catalog, base_url: &str) -> Result<String> {
    let updated = catalog.dataset.last_updated();
    let site = SITE_PAGES.into_iter().map(|path| SitemapEntry { path: path.to_owned(), lastmod: updated });
    let models = catalog
        .dataset
        .models
        .iter()
        .map(|m| SitemapEntry { path: paths::model(&m.id), lastmod: model_lastmod(&catalog.dataset, m) });
    Ok(Urlset { base: base_url, urls: site.chain(models).collect() }.render()?)
}

/// The comparisons numbered `range`, streamed [`URLS_PER_CHUNK`] at a time.
fn compare_sitemap(catalog: Arc<Catalog>, base: String, range: std::ops::Range<usize>) -> Result<Body> {
    // Owned so the stream can keep them after the handler returns; one date per model, not per pair.
    let dates: Vec<Option<Date>> = model_dates(&catalog).into_iter().map(|d| d.cloned()).collect();
    let chunk_starts = range.clone().step_by(URLS_PER_CHUNK);
    let chunks = chunk_starts.map(move |start| {
        let models = &catalog.dataset.models;
        let end = (start + URLS_PER_CHUNK).min(range.end);
        let urls = pairs(models.len(), start..end)
            .map(|(i, j)| SitemapEntry {
                path: catalog.canonical_path(&models[i], &models[j]),
                lastmod: pair_lastmod(dates[i].as_ref(), dates[j].as_ref()),
            })
            .collect();
        UrlsetChunk { base: &base, urls }.render()
    });
    // The ends are rendered before the first byte is sent, so only a chunk can fail mid-stream.
    let (open, close) = (UrlsetOpen.render()?, UrlsetClose.render()?);
    let parts = std::iter::once(Ok(open)).chain(chunks).chain(std::iter::once(Ok(close)));
    Ok(Body::from_stream(futures_util::stream::iter(parts)))
}
