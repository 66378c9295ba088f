//! In-process integration tests: one binary, so the crate links once.

mod all_pairs;
mod workload;
mod routes;
mod startup;
mod support;
