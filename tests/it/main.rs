//! In-process integration tests: one binary, so the crate links once.

mod all_pairs;
mod audit;
mod catalog_import;
mod edge_cases;
mod images;
mod import;
mod routes;
mod seo_api;
mod sitemap;
mod startup;
mod statuses;
mod support;
mod unscored;
mod workload;
