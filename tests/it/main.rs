//! In-process integration tests: one binary, so the crate links once.

mod all_pairs;
mod edge_cases;
mod hostile;
mod images;
mod import;
mod routes;
mod security;
mod seo_api;
mod shutdown;
mod sitemap;
mod startup;
mod support;
mod workload;
