//! HTTP: routes, extractors, handlers, templates and errors. A handler reads the catalog,
//! calls the domain, renders a template.

mod chart;
mod error;
mod extract;
mod handlers;
mod routes;
mod templates;
mod workload_query;

use std::sync::{Arc, RwLock};

use crate::domain::Catalog;

pub use error::{AppError, Result};
pub use routes::app;

/// Today's date (UTC) from the system clock: the web layer's one clock read, passed into the
/// domain so it stays pure.
pub fn today() -> crate::domain::model::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    crate::domain::model::Date::from_days_since_epoch((secs / 86_400) as i64)
}

/// What every handler can see: the catalog, loaded once and shared read-only. A reload
/// swaps in a whole new catalog at once, so a request sees the old dataset or the new one,
/// never a mix.
#[derive(Clone)]
pub struct AppState {
    catalog: Arc<RwLock<Arc<Catalog>>>,
    base_url: Arc<str>,
}

impl AppState {
    /// State serving the given catalog.
    pub fn new(catalog: Catalog) -> Self {
        Self { catalog: Arc::new(RwLock::new(Arc::new(catalog))), base_url: Arc::from("http://127.0.0.1:3000") }
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
        // A poisoned lock still holds a complete catalog: swaps never leave it half-written.
        self.catalog.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Serves `catalog` from the next request on.
    pub fn replace_catalog(&self, catalog: Catalog) {
        *self.catalog.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(catalog);
    }
}
