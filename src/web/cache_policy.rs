//! How long browsers and shared caches (a CDN, nginx's `proxy_cache`) may keep each kind of
//! response: the one place `Cache-Control` is decided.
//!
//! The data changes only on an import, and every 200 carries a strong ETag, so a cache that
//! revalidates gets a 304 unless the page's own bytes changed. A price change reaches a reader
//! through a shared cache at most `RELOAD_INTERVAL_SECS` (the server picks up the import) +
//! `s-maxage` (the cache's copy is fresh) + `stale-while-revalidate` (one more answer from the
//! stale copy while the cache refetches) after the import: 5 + 60 + 30 = 95 s for a page. A
//! browser holding a copy it fetched near the end of that window may show it for up to
//! `max-age` + `stale-while-revalidate` (60 s) more before asking again.

use axum::http::{HeaderValue, StatusCode};

/// A kind of response and its `Cache-Control`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// HTML pages, JSON and CSV: they carry prices, so short lifetimes, revalidated by ETag.
    Page,
    /// Sitemaps and robots.txt: only addresses and dates; crawlers read them rarely.
    Sitemap,
    /// A pair's share image and chart: they show prices, but are drawn at tens of milliseconds
    /// each and fetched by link previews that keep them for days anyway.
    Image,
    /// An asset at a content-hashed address (`/static/site.<hash>.css`): it never changes.
    Fingerprinted,
    /// An asset at its plain address (`/static/site.css`, `/favicon.ico`), which a deploy may change.
    Asset,
    /// A 301: the canonical order of a pair can change when a release date is corrected.
    Redirect,
    /// A 4xx answer and other redirects: cached briefly, so a crawler walking bad addresses
    /// is answered by the cache in front.
    Error,
    /// 5xx: a passing failure that no cache may keep.
    NoStore,
}

impl CachePolicy {
    /// The policy of a response to `path` with `status`.
    pub fn of(path: &str, status: StatusCode, fingerprinted_css: &str) -> CachePolicy {
        if status.is_server_error() {
            return CachePolicy::NoStore;
        }
        if status == StatusCode::MOVED_PERMANENTLY {
            return CachePolicy::Redirect;
        }
        if !status.is_success() && status != StatusCode::NOT_MODIFIED {
            return CachePolicy::Error;
        }
        if path == fingerprinted_css {
            CachePolicy::Fingerprinted
        } else if path.starts_with("/static/") || path == "/favicon.ico" {
            CachePolicy::Asset
        } else if path == "/sitemap.xml" || path.starts_with("/sitemaps/") || path == "/robots.txt" {
            CachePolicy::Sitemap
        } else if path.starts_with("/compare/") && (path.ends_with("/og.png") || path.ends_with("/chart.svg")) {
            CachePolicy::Image
        } else {
            CachePolicy::Page
        }
    }

    /// The `Cache-Control` value.
    pub fn header_value(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            CachePolicy::Page => "public, max-age=30, s-maxage=60, stale-while-revalidate=30",
            CachePolicy::Sitemap => "public, max-age=3600, s-maxage=3600, stale-while-revalidate=3600",
            CachePolicy::Image => "public, max-age=3600, s-maxage=3600, stale-while-revalidate=600",
            CachePolicy::Fingerprinted => "public, max-age=31536000, immutable",
            CachePolicy::Asset => "public, max-age=3600, s-maxage=3600",
            CachePolicy::Redirect => "public, max-age=3600",
            CachePolicy::Error => "public, max-age=60",
            CachePolicy::NoStore => "no-store",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = "/static/site.0123456789abcdef.css";

    #[test]
    fn each_kind_of_address_gets_its_policy() {
        let ok = |path| CachePolicy::of(path, StatusCode::OK, CSS);
        assert_eq!(ok("/compare/a-vs-b"), CachePolicy::Page);
        assert_eq!(ok("/api/v1/models.csv"), CachePolicy::Page);
        assert_eq!(ok("/compare/a-vs-b/og.png"), CachePolicy::Image);
        assert_eq!(ok("/compare/a-vs-b/chart.svg"), CachePolicy::Image);
        assert_eq!(ok("/sitemaps/compare-1.xml"), CachePolicy::Sitemap);
        assert_eq!(ok("/robots.txt"), CachePolicy::Sitemap);
        assert_eq!(ok(CSS), CachePolicy::Fingerprinted);
        assert_eq!(ok("/static/site.css"), CachePolicy::Asset);
        assert_eq!(ok("/static/site.ffffffffffffffff.css"), CachePolicy::Asset, "an old hash is not immutable");
        assert_eq!(CachePolicy::of("/x", StatusCode::NOT_FOUND, CSS), CachePolicy::Error);
        assert_eq!(CachePolicy::of("/x", StatusCode::MOVED_PERMANENTLY, CSS), CachePolicy::Redirect);
        assert_eq!(CachePolicy::of("/x", StatusCode::INTERNAL_SERVER_ERROR, CSS), CachePolicy::NoStore);
        assert_eq!(CachePolicy::of("/compare/a-vs-b", StatusCode::NOT_MODIFIED, CSS), CachePolicy::Page);
    }

    #[test]
    fn pages_are_shared_briefly_and_fingerprinted_assets_for_a_year() {
        let page = CachePolicy::Page.header_value();
        assert!(page.to_str().unwrap().contains("s-maxage=60, stale-while-revalidate=30"));
        assert_eq!(CachePolicy::Fingerprinted.header_value(), "public, max-age=31536000, immutable");
    }
}
