//! Listed fees (data residency, web search) against price periods: a fee listed or dropped by a
//! newer LiteLLM map never opens a period; each fee keeps the source and date that listed it.

use std::path::{Path, PathBuf};

use axum::http::{Method, StatusCode};
use llm_compare::db::import::{self, FeeChange, ImportOptions};
use llm_compare::domain::model::Date;
use serde_json::{Value, json};
use sqlx::SqlitePool;

use crate::support::TestDb;

const EU: &str = "EU regional processing (data residency): 1.1x the token rates";

fn options(as_of: &str) -> ImportOptions {
    ImportOptions { dry_run: false, as_of: Date::parse(as_of).unwrap(), allow_price_jump: false }
}

/// The December fixture, with `edit` applied to DeepSeek's entry, saved as `name`.
fn december_with(db: &TestDb, name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/litellm/december.json");
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut json["deepseek/deepseek-chat"]);
    db.file(name, &serde_json::to_string_pretty(&json).unwrap())
}

/// DeepSeek V3.2's periods: (from, to, standard input micros, source, last_seen_in).
async fn periods(pool: &SqlitePool) -> Vec<(String, Option<String>, i64, String, String)> {
    sqlx::query_as(
        "SELECT effective_from, effective_to, (SELECT micros FROM price_rates r WHERE r.price_id = p.id
            AND tier = 'standard' AND time_window = '' AND above_tokens = 0 AND meter = 'input'),
            source, last_seen_in
         FROM prices p WHERE model = 'deepseek-chat' ORDER BY effective_from",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

/// The current period's fees: (what, figure, source, listed_from).
async fn current_fees(pool: &SqlitePool) -> Vec<(String, String, String, String)> {
    sqlx::query_as(
        "SELECT what, figure, f.source, listed_from FROM price_fees f JOIN prices p ON p.id = f.price_id
         WHERE p.model = 'deepseek-chat' AND p.effective_to IS NULL ORDER BY what",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

fn fee(source: &str, date: &str) -> Vec<(String, String, String, String)> {
    vec![("EU regional processing (data residency)".into(), "1.1".into(), source.into(), date.into())]
}

#[tokio::test]
async fn a_map_that_only_lists_a_new_fee_confirms_the_period_and_sources_the_fee_to_itself() {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let plain = december_with(&db, "plain.json", |_| {});
    let with_fee = december_with(&db, "with-fee.json", |e| {
        e["regional_processing_uplift_multiplier_eu"] = json!(1.1);
    });
    import::import_litellm(&pool, &plain, &options("2026-12-01")).await.unwrap();
    let before = periods(&pool).await;
    // The seed's DeepSeek V3.2 price, in force since March: $0.28 input.
    assert_eq!(
        before,
        [("2026-03-05".into(), None, 280_000, "litellm-1.82.6".into(), "litellm-import-2026-12-01".into())]
    );

    let second = import::import_litellm(&pool, &with_fee, &options("2026-12-15")).await.unwrap().report;
    assert!(second.changes.is_empty(), "a fee is not a price change: {second}");
    assert_eq!(
        second.fee_changes,
        [FeeChange {
            model: "deepseek-chat".into(),
            key: "deepseek/deepseek-chat".into(),
            lines: vec![format!("fee listed: {EU}")],
        }]
    );
    assert_eq!((second.unchanged, second.confirmed), (7, 7), "every mapped model confirmed, DeepSeek too");
    let text = second.to_string();
    for line in [
        "Price changes: 0\n",
        "Listed fee changes (rates unchanged, no new period): 1\n  deepseek-chat (deepseek/deepseek-chat):\n",
        &format!("    fee listed: {EU}\n"),
        "Unchanged prices: 7 (last checked moves to 2026-12-15 for 7)",
    ] {
        assert!(text.contains(line), "report lacks {line:?}:\n{text}");
    }
    assert_eq!(
        periods(&pool).await,
        [("2026-03-05".into(), None, 280_000, "litellm-1.82.6".into(), "litellm-import-2026-12-15".into())],
        "the same period, confirmed by the second map"
    );
    assert_eq!(current_fees(&pool).await, fee("litellm-import-2026-12-15", "2026-12-15"));

    // The same map again: the fee keeps its first date and nothing is written.
    let bytes = db.bytes();
    let again = import::import_litellm(&pool, &with_fee, &options("2026-12-15")).await.unwrap();
    assert!(again.report.fee_changes.is_empty() && again.revision.is_none(), "{}", again.report);
    assert_eq!(db.bytes(), bytes);

    // A later map without it: the fee leaves the current card, the period stays.
    let third = import::import_litellm(&pool, &plain, &options("2026-12-20")).await.unwrap().report;
    assert!(third.changes.is_empty(), "{third}");
    let lines: Vec<&str> = third.fee_changes.iter().flat_map(|c| c.lines.iter().map(String::as_str)).collect();
    assert_eq!(lines, [format!("fee no longer listed: {EU} (listed by litellm-import-2026-12-15 from 2026-12-15)")]);
    assert_eq!(current_fees(&pool).await, []);
    assert_eq!(periods(&pool).await.len(), 1);
    pool.close().await;
}

#[tokio::test]
async fn a_rate_change_with_a_new_fee_still_opens_a_period_and_the_fee_joins_it() {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let raised = december_with(&db, "raised.json", |e| {
        e["input_cost_per_token"] = json!(3e-07);
        e["regional_processing_uplift_multiplier_eu"] = json!(1.1);
    });
    let report = import::import_litellm(&pool, &raised, &options("2026-12-01")).await.unwrap().report;
    let change = report.changes.iter().find(|c| c.model == "deepseek-chat").expect("a price change");
    assert_eq!(change.closes_period_from, Date::parse("2026-03-05"));
    assert_eq!(change.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["standard input"], "$0.28 → $0.30");
    assert_eq!(change.listings, [format!("fee listed: {EU}")]);
    assert!(report.fee_changes.is_empty(), "reported once, with the price change");
    let text = report.to_string();
    assert!(text.contains("    standard input: $0.28 → $0.30\n"), "{text}");
    let import = "litellm-import-2026-12-01";
    assert_eq!(
        periods(&pool).await,
        [
            (
                "2026-03-05".into(),
                Some("2026-12-01".into()),
                280_000,
                "litellm-1.82.6".into(),
                "litellm-1.110.2".into()
            ),
            ("2026-12-01".into(), None, 300_000, import.into(), import.into()),
        ]
    );
    assert_eq!(current_fees(&pool).await, fee(import, "2026-12-01"));
    pool.close().await;
}

#[tokio::test]
async fn the_model_page_and_api_show_each_fees_own_source_and_date() {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let with_fee = december_with(&db, "with-fee.json", |e| {
        e["regional_processing_uplift_multiplier_eu"] = json!(1.1);
    });
    import::import_litellm(&pool, &with_fee, &options("2026-12-15")).await.unwrap();
    let (_, dataset) = llm_compare::db::load_snapshot(&pool).await.unwrap();
    let router = llm_compare::app(llm_compare::AppState::new(llm_compare::domain::Catalog::new(dataset)));

    let (status, _, body) = crate::support::call(router.clone(), Method::GET, "/models/deepseek-chat").await;
    assert_eq!(status, StatusCode::OK);
    let row = crate::support::row(&body, "Listed fee (not in request costs)").expect("a fee row");
    assert!(
        row.contains(EU)
            && row.contains("LiteLLM price map with-fee.json, imported 2026-12-15")
            && row.contains("listed from 2026-12-15"),
        "{row}"
    );
    let input = crate::support::row(&body, "Input / 1M tokens").expect("input row");
    assert!(input.contains("since 2026-03-05"), "the rate keeps its own date: {input}");

    let (_, _, body) = crate::support::call(router, Method::GET, "/api/v1/models").await;
    let api: Value = serde_json::from_str(&body).unwrap();
    let model = api["models"].as_array().unwrap().iter().find(|m| m["id"] == "deepseek-chat").expect("deepseek-chat");
    let fees = &model["price"]["rate_card"]["fees"];
    assert_eq!(
        fees,
        &json!([{
            "what": "EU regional processing (data residency)",
            "unit": "multiplier",
            "figure": "1.1",
            "source": "litellm-import-2026-12-15",
            "listed_from": "2026-12-15",
        }])
    );
    pool.close().await;
}

#[tokio::test]
async fn the_seed_dates_gpt_4o_minis_rates_from_march_and_its_fees_from_november() {
    let (status, _, body) = crate::support::get("/models/gpt-4o-mini").await;
    assert_eq!(status, StatusCode::OK);
    let input = crate::support::row(&body, "Input / 1M tokens").expect("input row");
    assert!(input.contains("$0.15") && input.contains("since 2026-03-05"), "{input}");
    let fee = crate::support::row(&body, "Listed fee (not in request costs)").expect("a fee row");
    assert!(
        fee.contains("FedRAMP (US government) processing: 1.1x the token rates")
            && fee.contains("LiteLLM model price map v1.110.2 (November 2026 snapshot)")
            && fee.contains("listed from 2026-11-25"),
        "{fee}"
    );
    let (_, _, body) = crate::support::get("/compare/gpt-4o-mini-vs-gpt-4-1-mini").await;
    assert!(body.contains("in effect since 2026-03-05") && !body.contains("in effect since 2026-11-25"));
}
