//! HTTP: routes, extractors, handlers, templates and errors. A handler reads the catalog,
//! calls the domain, renders a template.

mod chart;
mod error;
mod extract;
mod handlers;
mod routes;
mod templates;

use std::sync::Arc;

use crate::domain::Catalog;

pub use error::{AppError, Result};
pub use routes::app;

/// What every handler can see: the catalog, loaded once and shared read-only.
#[derive(Clone)]
pub struct AppState {
    catalog: Arc<Catalog>,
}

impl AppState {
    /// State serving the given catalog.
    pub fn new(catalog: Catalog) -> Self {
        Self { catalog: Arc::new(catalog) }
    }

    /// The catalog in force.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
}
