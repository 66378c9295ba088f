//! Statuses are dated facts: a shutdown date that has passed means retired on the day a page
//! is served, whatever label the import stored. These tests move the clock.

use axum::http::{Method, StatusCode};
use llm_compare::domain::model::Date;

use crate::support::{call, get, parse, site, text};

fn router_on(day: fn() -> Date) -> axum::Router {
    let catalog = site_catalog();
    llm_compare::app(llm_compare::AppState::new(catalog).with_clock(day))
}

fn site_catalog() -> llm_compare::domain::Catalog {
    futures_block(site()).catalog.clone()
}

/// The shared site is async to build; these tests only need its catalog.
fn futures_block<F: std::future::Future>(f: F) -> F::Output {
    tokio::task::block_in_place(|| tokio::runtime::Handle::current().block_on(f))
}

fn dec_10() -> Date {
    Date::parse("2026-12-10").unwrap()
}

fn dec_11() -> Date {
    Date::parse("2026-12-11").unwrap()
}

async fn page(router: &axum::Router, uri: &str) -> String {
    let (status, _, body) = call(router.clone(), Method::GET, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}");
    body
}

/// The line under a model page's heading: provider and status.
fn top_line(body: &str) -> String {
    text(parse(body).first("h1 + p.providers").expect("the page's top line"))
}

#[tokio::test(flavor = "multi_thread")]
async fn o3_is_deprecated_the_day_before_its_shutdown_and_retired_on_the_day() {
    // o3: LiteLLM's November map gives deprecation_date 2026-12-11.
    let body = page(&router_on(dec_10), "/models/o3").await;
    let top = top_line(&body);
    assert!(top.contains("Deprecated: shutdown announced for December 11, 2026"), "{top}");

    let body = page(&router_on(dec_11), "/models/o3").await;
    let top = top_line(&body);
    assert!(top.contains("Retired on December 11, 2026"), "{top}");
    assert!(!body.contains("announced for December 11, 2026"), "a past date is never announced");
}

#[tokio::test(flavor = "multi_thread")]
async fn o3_moves_to_the_home_pages_retired_table_on_its_shutdown_day() {
    // Any attribute ending in o3's address counts, as any link to it would.
    let o3 = "/models/o3\"";
    let retired_markup = |body: &str| {
        let home = parse(body);
        home.first(r#"section[aria-labelledby="retired"]"#).expect("a retired section").html()
    };
    let home = page(&router_on(dec_10), "/").await;
    assert!(!retired_markup(&home).contains(o3), "o3 is not retired yet");

    let home = page(&router_on(dec_11), "/").await;
    let in_retired = retired_markup(&home).matches(o3).count();
    assert!(in_retired >= 1, "o3 is listed with the retired models");
    assert_eq!(home.matches(o3).count(), in_retired, "o3 is not listed with the current models or in the picker");
}

#[tokio::test(flavor = "multi_thread")]
async fn o3_leaves_the_frontier_and_related_comparisons_on_its_shutdown_day() {
    let (before, after) = (router_on(dec_10), router_on(dec_11));
    // Off the frontier and out of related comparisons from its shutdown day.
    let (_, _, json) = call(after.clone(), Method::GET, "/api/v1/compare/o3-vs-o4-mini").await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let o3 = json["models"].as_array().unwrap().iter().find(|m| m["id"] == "o3").expect("o3 in the pair").clone();
    assert_eq!(o3["on_frontier"], serde_json::Value::Bool(false));
    // gpt-4.1's closest models in cost include o3 until o3 retires.
    let names_o3 = |r: &serde_json::Value| {
        r["path"].as_str().unwrap().split("/compare/").nth(1).unwrap().split("-vs-").any(|id| id == "o3")
    };
    for (router, expected) in [(&before, true), (&after, false)] {
        let (_, _, json) = call(router.clone(), Method::GET, "/api/v1/compare/gpt-4-1-vs-gpt-4-1-mini").await;
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let related = json["related"].as_array().expect("related comparisons");
        assert_eq!(related.iter().any(names_o3), expected, "o3 in related comparisons: {related:?}");
    }
}

#[tokio::test]
async fn no_page_shows_a_past_shutdown_date_as_announced_or_a_retired_model_as_active() {
    let s = site().await;
    for m in &s.catalog.dataset.models {
        let (status, _, body) = get(&format!("/models/{}", m.id)).await;
        assert_eq!(status, StatusCode::OK);
        if let Some(d) = &m.deprecation_date
            && d.iso() <= "2026-12-01"
        {
            assert!(!body.contains("announced for"), "{}: a past date shown as announced", m.id);
            let top = top_line(&body);
            assert!(top.contains("Retired"), "{}: shutdown {} has passed: {top}", m.id, d.iso());
        }
    }
}

#[tokio::test]
async fn the_retirements_models_dev_recorded_are_shown_retired() {
    // models.dev's history: Grok 3, 4, 4 Fast, 4.1 Fast and Code Fast 1 retired 2026-05-15;
    // Claude 3.5 Haiku removed as retired (no date); Claude Sonnet 4.5's date 2026-11-30 passed.
    for (id, words) in [
        ("grok-3", "Retired on May 15, 2026"),
        ("grok-4", "Retired on May 15, 2026"),
        ("grok-4-fast", "Retired on May 15, 2026"),
        ("grok-4-1-fast", "Retired on May 15, 2026"),
        ("grok-code-fast-1", "Retired on May 15, 2026"),
        ("claude-3-5-haiku", "Retired: no longer offered (our sources give no date)"),
        ("claude-sonnet-4-5", "Retired on November 30, 2026"),
    ] {
        let (_, _, body) = get(&format!("/models/{id}")).await;
        let top = top_line(&body);
        assert!(top.contains(words), "{id}: {top}");
    }
    let (_, _, csv) = get("/api/v1/models.csv").await;
    assert!(csv.lines().any(|l| l.starts_with("grok-3,model,status,retired,")), "the CSV says retired too");
}

#[tokio::test]
async fn a_comparison_names_a_retirement_at_the_top_and_an_announced_shutdown_in_its_summary() {
    // Both reference models have a shutdown announced for 2027-01-14: the summary's status
    // row says so, and no notice above the verdict pushes the summary out of the first screen.
    let (_, _, body) = get("/compare/gpt-4o-mini-vs-gpt-4-1-mini").await;
    assert!(!body.contains("status-note"), "no notice for an announced shutdown");
    assert!(body.contains("shuts down 2027-01-14"), "the summary's status row gives the date");
    // Grok 3 retired on 2026-05-15: the top of any of its comparisons says so, with the date.
    let (_, _, body) = get("/api/v1/compare/gpt-4o-mini-vs-grok-3").await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        json["status_notes"],
        serde_json::json!(["Grok 3: Retired on May 15, 2026: no longer offered; its figures are kept for reference."]),
        "{}",
        json["status_notes"]
    );
}
