//! In-process integration tests: one binary, so the crate links once.

mod all_pairs;
mod audit;
mod catalog_import;
mod connections;
mod edge_cases;
mod extremes;
mod fee_listing;
mod hostile;
mod images;
mod import;
mod properties;
mod rate_card;
mod refusals;
mod routes;
mod security;
mod seo_api;
mod serving;
mod shutdown;
mod sitemap;
mod startup;
mod statuses;
mod support;
mod unscored;
mod workload;
