//! In-process integration tests: one binary, so the crate links once.

mod all_pairs;
mod routes;
mod startup;
mod support;
