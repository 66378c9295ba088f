//! `/sitemap.xml`, its child sitemaps and `/robots.txt`.
//!
//! The index and the pages file are small and built whole. A comparison file can hold 50,000
//! URLs, so its body is streamed a chunk of pairs at a time, each pair found from its number
//! (see `domain::sitemap`); no list of all pairs is ever built.

use crate::web::chart::xml_escape;
use crate::web::paths;
use std::convert::Infallible;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::domain::Catalog;
use crate::domain::model::Date;
use crate::domain::sitemap::{CompareFiles, MAX_URLS_PER_FILE, model_lastmod, newest_in, pair_lastmod, pairs};
use crate::web::extract::PathSegment;
use crate::web::{AppError, AppState, Result};

/// Comparison URLs written per streamed chunk of a child sitemap.
const URLS_PER_CHUNK: usize = 1_000;

/// The public pages that are not about one model, in the order they are listed.
const SITE_PAGES: [&str; 5] = ["/", paths::COMPARE, paths::MODELS, paths::METHODOLOGY, paths::API];

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const URLSET_OPEN: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// `GET /robots.txt`: everything may be crawled except the JSON API; names the sitemap.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!("User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}/sitemap.xml\n", state.base_url());
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// `GET /sitemap.xml`: the sitemap index, naming the pages file and every comparison file.
pub async fn index(State(state): State<AppState>) -> Response {
    xml_response(Body::from(sitemap_index(&state.catalog(), state.base_url(), MAX_URLS_PER_FILE)))
}

/// `GET /sitemaps/{file}`: `pages.xml` or `compare-{n}.xml`; anything else is a 404.
pub async fn child(State(state): State<AppState>, PathSegment(file): PathSegment) -> Result<Response> {
    let body = child_body(state.catalog(), state.base_url(), &file, MAX_URLS_PER_FILE)
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
pub fn sitemap_index(catalog: &Catalog, base_url: &str, per_file: usize) -> String {
    let base = xml_escape(base_url);
    let mut out = String::from(XML_HEAD);
    out.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut entry = |path: &str, lastmod: Option<&Date>| {
        out.push_str("<sitemap><loc>");
        out.push_str(&base);
        out.push_str(&xml_escape(path));
        out.push_str("</loc>");
        push_lastmod(&mut out, lastmod);
        out.push_str("</sitemap>\n");
    };
    entry("/sitemaps/pages.xml", catalog.dataset.last_updated());
    let dates = model_dates(catalog);
    let files = CompareFiles::new(dates.len(), per_file);
    for n in 1..=files.file_count() {
        let range = files.pairs_in(n).unwrap_or_default();
        entry(&format!("/sitemaps/compare-{n}.xml"), newest_in(&dates, range));
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// The body of child sitemap `file`, or `None` if there is no such file.
pub fn child_body(catalog: Arc<Catalog>, base_url: &str, file: &str, per_file: usize) -> Option<Body> {
    if file == "pages.xml" {
        return Some(Body::from(pages_sitemap(&catalog, base_url)));
    }
    let n = file.strip_prefix("compare-")?.strip_suffix(".xml")?;
    // Digits only, no leading zero: one spelling per file, so `compare-01.xml` is not a copy.
    if n.is_empty() || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = n.parse().ok()?;
    let range = CompareFiles::new(catalog.dataset.models.len(), per_file).pairs_in(n)?;
    Some(compare_sitemap(catalog, xml_escape(base_url), range))
}

/// The site's own pages and every model page.
fn pages_sitemap(catalog: &Catalog, base_url: &str) -> String {
    let base = xml_escape(base_url);
    let mut out = format!("{XML_HEAD}{URLSET_OPEN}");
    let updated = catalog.dataset.last_updated();
    for path in SITE_PAGES {
        push_url(&mut out, &base, path, updated);
    }
    for m in &catalog.dataset.models {
        push_url(&mut out, &base, &paths::model(&m.id), model_lastmod(&catalog.dataset, m));
    }
    out.push_str(URLSET_CLOSE);
    out
}

/// The comparisons numbered `range`, streamed [`URLS_PER_CHUNK`] at a time. `base` is escaped.
fn compare_sitemap(catalog: Arc<Catalog>, base: String, range: std::ops::Range<usize>) -> Body {
    // Owned so the stream can keep them after the handler returns; one date per model, not per pair.
    let dates: Vec<Option<Date>> = model_dates(&catalog).into_iter().map(|d| d.cloned()).collect();
    let chunk_starts = range.clone().step_by(URLS_PER_CHUNK);
    let chunks = chunk_starts.map(move |start| {
        let models = &catalog.dataset.models;
        let end = (start + URLS_PER_CHUNK).min(range.end);
        let mut out = String::with_capacity((end - start) * 120);
        for (i, j) in pairs(models.len(), start..end) {
            let lastmod = pair_lastmod(dates[i].as_ref(), dates[j].as_ref());
            push_url(&mut out, &base, &catalog.canonical_path(&models[i], &models[j]), lastmod);
        }
        out
    });
    let parts = std::iter::once(format!("{XML_HEAD}{URLSET_OPEN}"))
        .chain(chunks)
        .chain(std::iter::once(URLSET_CLOSE.to_owned()))
        .map(Ok::<_, Infallible>);
    Body::from_stream(futures_util::stream::iter(parts))
}

/// One `<url>` entry; `base` is already escaped, `path` is escaped here.
fn push_url(out: &mut String, base: &str, path: &str, lastmod: Option<&Date>) {
    out.push_str("<url><loc>");
    out.push_str(base);
    out.push_str(&xml_escape(path));
    out.push_str("</loc>");
    push_lastmod(out, lastmod);
    out.push_str("</url>\n");
}

fn push_lastmod(out: &mut String, lastmod: Option<&Date>) {
    if let Some(d) = lastmod {
        let _ = write!(out, "<lastmod>{}</lastmod>", d.iso());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_writes_entities_for_xml_specials() {
        assert_eq!(xml_escape("https://x.example/a?b=1&c=<'\">"), "https://x.example/a?b=1&amp;c=&lt;&#39;&quot;&gt;");
        assert_eq!(xml_escape("/compare/a-vs-b"), "/compare/a-vs-b");
    }
}
