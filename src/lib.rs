//! LLM price and benchmark comparison site.
//!
//! Three layers that do not leak: [`db`] holds all SQL and returns domain types, [`domain`]
//! is pure computation (costs, ratios, verdicts, FAQ text, chart data), and [`web`] holds
//! routes, extractors, handlers, templates and errors. [`cli`] holds the binary's commands:
//! serving with live reload, imports and export.

pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod web;

pub use web::{AppState, app};
