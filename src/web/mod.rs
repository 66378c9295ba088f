//! HTTP: routes, extractors, handlers, templates and errors. A handler reads the catalog,
//! calls the domain, renders a template.

mod cache_policy;
mod chart;
mod encoding;
mod error;
mod extract;
mod fonts;
mod handlers;
mod lookup;
mod og_image;
mod page_cache;
mod paths;
mod routes;
pub mod security;
mod seo;
pub mod server;
mod serving;
mod templates;
mod validators;
pub mod workload_query;

use std::sync::{Arc, RwLock};

use crate::domain::Catalog;

pub use error::{AppError, Result};
pub use page_cache::DEFAULT_MB as DEFAULT_PAGE_CACHE_MB;
pub use routes::app;

/// Today's date (UTC) from the system clock: the web layer's one clock read, passed into the
/// domain so it stays pure.
pub fn today() -> crate::domain::model::Date {
    crate::domain::model::Date::from_days_since_epoch(day_number())
}

/// Today (UTC) as days since 1970-01-01.
fn day_number() -> i64 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    (secs / 86_400) as i64
}

/// The day a catalog's pages are for: the day its statuses were resolved for (see
/// [`AppState::catalog`]), so one request never mixes two days.
pub(crate) fn day_of(catalog: &Catalog) -> crate::domain::model::Date {
    catalog.statuses_on.clone().unwrap_or_else(today)
}

/// What every handler can see: the catalog, loaded once and shared read-only. A reload
/// swaps in a whole new catalog at once, so a request sees the old dataset or the new one,
/// never a mix.
#[derive(Clone)]
pub struct AppState {
    catalog: Arc<RwLock<Loaded>>,
    base_url: Arc<str>,
    images: Arc<handlers::images::ImageCache>,
    pages: Arc<page_cache::PageCache>,
    clock: fn() -> crate::domain::model::Date,
}

/// The catalog in force and its generation, swapped together under one lock so whatever is
/// derived from a catalog (the cached images) can say which one it came from. A counter,
/// not the `Arc`'s address, which a later catalog may reuse.
struct Loaded {
    catalog: Arc<Catalog>,
    generation: u64,
}

impl AppState {
    /// State serving the given catalog.
    pub fn new(catalog: Catalog) -> Self {
        Self {
            catalog: Arc::new(RwLock::new(Loaded { catalog: Arc::new(catalog), generation: 0 })),
            base_url: Arc::from("http://127.0.0.1:3000"),
            images: Arc::default(),
            pages: Arc::new(page_cache::PageCache::new(page_cache::DEFAULT_MB)),
            clock: today,
        }
    }

    /// The same state reading the day from `clock` instead of the system clock: tests move the
    /// clock to see statuses change on their dates.
    pub fn with_clock(mut self, clock: fn() -> crate::domain::model::Date) -> Self {
        self.clock = clock;
        self
    }

    /// State for a running server: the catalog, and the public origin from the configuration
    /// (`BASE_URL`) for canonical links, OpenGraph tags, sitemaps and API URLs, and the page
    /// cache's size (`PAGE_CACHE_MB`).
    pub fn configured(catalog: Catalog, config: &crate::config::Config) -> Self {
        Self::new(catalog).with_base_url(&config.base_url).with_page_cache_mb(config.page_cache_mb)
    }

    /// The same state with a page cache of `megabytes` MB (0: every request renders).
    pub fn with_page_cache_mb(mut self, megabytes: usize) -> Self {
        self.pages = Arc::new(page_cache::PageCache::new(megabytes));
        self
    }

    /// The same state with the site's public origin (`BASE_URL`) for absolute links.
    pub fn with_base_url(mut self, base_url: &str) -> Self {
        self.base_url = Arc::from(base_url.trim_end_matches('/'));
        self
    }

    /// The public origin, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The catalog in force; a handler keeps this one for its whole request.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.catalog_and_generation().0
    }

    /// The catalog in force and its generation, which each [`Self::replace_catalog`] bumps.
    /// Statuses are dated facts: the first request of a new day swaps in the catalog with every
    /// status as it is that day (a shutdown date that passed overnight means retired now).
    pub(crate) fn catalog_and_generation(&self) -> (Arc<Catalog>, u64) {
        let today = (self.clock)();
        {
            // A poisoned lock still holds a complete catalog: swaps never leave it half-written.
            let loaded = self.catalog.read().unwrap_or_else(|e| e.into_inner());
            if loaded.catalog.statuses_on.as_ref() == Some(&today) {
                return (Arc::clone(&loaded.catalog), loaded.generation);
            }
        }
        let mut loaded = self.catalog.write().unwrap_or_else(|e| e.into_inner());
        if let Some(dated) = loaded.catalog.as_of(&today) {
            *loaded = Loaded { catalog: Arc::new(dated), generation: loaded.generation + 1 };
        }
        (Arc::clone(&loaded.catalog), loaded.generation)
    }

    /// Rendered images, shared by every clone of the state.
    pub(crate) fn images(&self) -> &handlers::images::ImageCache {
        &self.images
    }

    /// Rendered responses, shared by every clone of the state.
    pub(crate) fn pages(&self) -> &page_cache::PageCache {
        &self.pages
    }

    /// Serves `catalog` from the next request on.
    pub fn replace_catalog(&self, catalog: Catalog) {
        let mut loaded = self.catalog.write().unwrap_or_else(|e| e.into_inner());
        *loaded = Loaded { catalog: Arc::new(catalog), generation: loaded.generation + 1 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::domain::Dataset;

    #[test]
    fn a_configured_state_uses_the_configured_public_origin() {
        let config =
            Config::from_lookup(|k| (k == "BASE_URL").then(|| "https://llm-compare.example/".to_owned())).unwrap();
        let state = AppState::configured(Catalog::new(Dataset::default()), &config);
        assert_eq!(state.base_url(), "https://llm-compare.example");
    }
}
