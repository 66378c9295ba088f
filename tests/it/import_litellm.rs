//! `import litellm`: the December fixture closes changed prices and confirms unchanged ones, a
//! dry run reports the same and writes nothing, a repeat changes nothing, malformed files and an
//! older map are refused, the binary's exit codes, and the stale-price badge a confirmation
//! clears. Each test works on its own database file in a temporary directory; "unchanged" means
//! the file's bytes are equal before and after.

use std::path::{Path, PathBuf};

use crate::support::{
    DECEMBER, LongContextRow, PriceRow, TestDb, call, current_tiers, fixture, import_december, models_and_keys_only,
    options, prices, rows_in,
};
use axum::http::{Method, StatusCode};
use llm_compare::AppState;
use llm_compare::cli::Reloader;
use llm_compare::db;
use llm_compare::db::import::{self, ImportError, ImportOptions};
use llm_compare::domain::Catalog;
use llm_compare::domain::model::Date;
use serde_json::Value;

/// A seeded database before the December import: its mapped LiteLLM keys, its price periods
/// and gpt-4o-mini's history. The import runs on `db` after this.
struct BeforeDecember {
    db: TestDb,
    mapped_keys: i64,
    price_periods: i64,
    mini_history: usize,
}

async fn before_december() -> BeforeDecember {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let mapped_keys = rows_in(&pool, "model_price_keys").await;
    let price_periods = rows_in(&pool, "prices").await;
    let mini_history = prices(&pool, "gpt-4o-mini").await.len();
    pool.close().await;
    BeforeDecember { db, mapped_keys, price_periods, mini_history }
}

/// The source the December import cites.
const DECEMBER_SOURCE: &str = "litellm-import-2026-12-01";

#[tokio::test]
async fn the_december_report_names_four_changed_models_three_confirmed_and_the_missing_keys() {
    let before = before_december().await;
    let outcome = import_december(&before.db, false).await;
    let report = &outcome.report;
    assert_eq!(outcome.revision, Some(1), "the first write command moves the revision to 1");
    let changed: Vec<&str> = report.changes.iter().map(|c| c.model.as_str()).collect();
    assert_eq!(changed, ["claude-sonnet-4-5", "gemini-2-5-pro", "gpt-4o-mini", "mistral-large-3"]);
    assert_eq!((report.unchanged, report.confirmed), (3, 3), "haiku, qwen3-max and deepseek-chat are unchanged");
    assert_eq!(report.missing.len() as i64, before.mapped_keys - 7, "every other mapped key is reported missing");
    assert_eq!(report.candidates_named, ["acme/frontier-1"], "the unmapped chat key, not the embedding or sample_spec");
    assert_eq!(report.source_id, DECEMBER_SOURCE);
    let limits: Vec<String> =
        report.limits.iter().map(|l| format!("{} {} {:?} {}", l.model, l.limit, l.ours, l.litellm)).collect();
    assert_eq!(limits, ["claude-haiku-4-5 max output Some(64000) 32000"]);
}

#[tokio::test]
async fn the_december_report_text_shows_each_rate_change_the_confirmations_and_the_candidates() {
    let db = TestDb::seeded().await;
    let text = import_december(&db, false).await.report.to_string();
    // The whole report, in tests/it/snapshots/: every rate change with old and new figures,
    // the fees that left, the confirmations, the limit LiteLLM disagrees on and the candidate.
    insta::assert_snapshot!("december_litellm_report", without_missing_keys(&text));
}

/// The report without its list of mapped keys the file lacks: every other key of the seed,
/// a list that grows with the catalog (its length is checked in the test above).
fn without_missing_keys(report: &str) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for line in report.lines() {
        if line.starts_with("Mapped keys missing from the file: ") {
            out.push_str("Mapped keys missing from the file: (every other mapped key of the seed)\n");
            in_list = true;
        } else if !(in_list && line.starts_with("  ")) {
            in_list = false;
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[tokio::test]
async fn a_changed_litellm_price_closes_the_old_period_and_opens_one_citing_the_import() {
    let before = before_december().await;
    import_december(&before.db, false).await;
    let pool = before.db.open().await;
    let import_source = DECEMBER_SOURCE.to_owned();
    let mini = prices(&pool, "gpt-4o-mini").await;
    assert_eq!(mini.len(), before.mini_history + 1, "history kept: {mini:?}");
    let closed = &mini[mini.len() - 2];
    assert_eq!(
        (closed.effective_from.as_str(), closed.effective_to.as_deref(), closed.input, closed.output),
        ("2026-03-05", Some(DECEMBER), 150_000, 600_000),
        "one period since March: November only listed fees"
    );
    assert_eq!(
        mini.last().unwrap(),
        &PriceRow {
            effective_from: DECEMBER.to_owned(),
            effective_to: None,
            input: 120_000,
            output: 480_000,
            cache_read: Some(60_000),
            cache_write_5m: None,
            cache_write_1h: None,
            batch_input: Some(60_000),
            batch_output: Some(240_000),
            source: import_source.clone(),
            last_seen_in: import_source.clone(),
        }
    );
    assert_eq!(rows_in(&pool, "prices").await, before.price_periods + 4);
    let title: String = sqlx::query_scalar("SELECT title FROM sources WHERE id = ?")
        .bind(&import_source)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(title.contains("december.json"), "{title}");
    assert_eq!(db::revision(&pool).await.unwrap(), 1);
    pool.close().await;
}

#[tokio::test]
async fn a_new_litellm_period_stores_cache_rates_long_context_tiers_and_leaves_unlisted_rates_empty() {
    let db = TestDb::seeded().await;
    import_december(&db, false).await;
    let pool = db.open().await;
    let sonnet = prices(&pool, "claude-sonnet-4-5").await;
    let now = sonnet.last().unwrap();
    assert_eq!(
        (now.cache_read, now.cache_write_5m, now.cache_write_1h),
        (Some(250_000), Some(3_125_000), Some(6_000_000)),
        "cache read / write / 1h"
    );
    assert_eq!(
        current_tiers(&pool, "gemini-2-5-pro").await,
        [LongContextRow { above_tokens: 200_000, input: 3_000_000, output: 20_000_000, cache_read: Some(250_000) }]
    );
    let mistral = prices(&pool, "mistral-large-3").await;
    let now = mistral.last().unwrap();
    assert_eq!((now.input, now.cache_read), (500_000, None), "missing cache price not listed");
    pool.close().await;
}

#[tokio::test]
async fn an_unchanged_litellm_price_keeps_its_period_and_first_source_and_is_last_seen_in_the_import() {
    let db = TestDb::seeded().await;
    import_december(&db, false).await;
    let pool = db.open().await;
    for model in ["claude-haiku-4-5", "qwen3-max", "deepseek-chat"] {
        let rows = prices(&pool, model).await;
        let current = rows.iter().find(|r| r.effective_to.is_none()).unwrap();
        assert_eq!(current.last_seen_in, DECEMBER_SOURCE, "{model} last seen in the import");
        assert_ne!(current.source, DECEMBER_SOURCE, "{model} keeps its first source");
    }
    assert_eq!(current_tiers(&pool, "qwen3-max").await.len(), 2, "Qwen tiered_pricing read like the seed");
    pool.close().await;
}

#[tokio::test]
async fn litellm_dry_run_reports_the_same_and_writes_nothing() {
    let db = TestDb::seeded().await;
    let before = db.bytes();
    let dry = import_december(&db, true).await;
    assert_eq!(dry.revision, None);
    assert_eq!(db.bytes(), before, "a dry run changed the database file");
    let applied = import_december(&db, false).await;
    assert_eq!(dry.report.to_string(), applied.report.to_string(), "dry-run and applied reports differ");
    assert_ne!(db.bytes(), before);
}

#[tokio::test]
async fn running_the_same_litellm_import_twice_changes_nothing_the_second_time() {
    let db = TestDb::seeded().await;
    import_december(&db, false).await;
    let before = db.bytes();
    let again = import_december(&db, false).await;
    assert_eq!(db.bytes(), before, "the second identical import wrote to the database file");
    assert_eq!(again.revision, None);
    assert!(again.report.changes.is_empty() && again.report.confirmed == 0, "{}", again.report);
    assert!(again.report.to_string().contains("Nothing changes."), "{}", again.report);
}

/// The fixture with `edit` applied to its JSON, written next to the database.
fn edited_fixture(db: &TestDb, name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let text = std::fs::read_to_string(fixture("litellm/december.json")).unwrap();
    let mut json: Value = serde_json::from_str(&text).unwrap();
    edit(&mut json);
    db.file(name, &serde_json::to_string_pretty(&json).unwrap())
}

/// Imports `path` into `db` and checks that it is refused naming the file, an entry starting
/// with `entry` and `field`, with a message that says `needle`, and that the database file is
/// unchanged. Every message names the file, so a failing case says which one it is.
async fn assert_litellm_rejected(db: &TestDb, path: &Path, entry: &str, field: &str, needle: &str) {
    let file = path.display().to_string();
    let before = db.bytes();
    let pool = db.open().await;
    let result = import::import_litellm(&pool, path, &options(false, DECEMBER)).await;
    pool.close().await;
    let err = match result {
        Err(ImportError::Invalid(r)) => r,
        Err(other) => panic!("{file}: expected a rejection, got {other}"),
        Ok(o) => panic!("{file}: accepted:\n{}", o.report),
    };
    let message = err.to_string();
    assert_eq!(err.file, file);
    assert!(err.entry.starts_with(entry) && err.field == field, "{file}: {message}");
    assert!(message.contains(&file) && message.contains(needle), "{file}: {message}");
    assert_eq!(db.bytes(), before, "{file}: the database file changed");
}

/// A case of the December fixture edited one way: the file name, the edit, and the entry,
/// field and words the refusal must name.
type EditedCase = (&'static str, fn(&mut Value), &'static str, &'static str, &'static str);

async fn assert_edits_rejected(cases: &[EditedCase]) {
    let db = TestDb::seeded().await;
    for &(name, edit, entry, field, needle) in cases {
        let path = edited_fixture(&db, name, edit);
        assert_litellm_rejected(&db, &path, entry, field, needle).await;
    }
}

#[tokio::test]
async fn a_litellm_file_that_is_not_json_or_has_an_entry_that_is_not_an_object_is_rejected() {
    let db = TestDb::seeded().await;
    let bad_json = db.file("bad-json.json", "{\"gpt-4o-mini\": {\"input_cost_per_token\": 1.5e-07,}");
    assert_litellm_rejected(&db, &bad_json, "line 1", "(json)", "JSON").await;
    let not_object = edited_fixture(&db, "not-object.json", |j| j["deepseek/deepseek-chat"] = Value::from(42));
    assert_litellm_rejected(&db, &not_object, "deepseek/deepseek-chat", "(entry)", "not an object").await;
}

#[tokio::test]
async fn litellm_costs_in_the_wrong_unit_or_out_of_range_are_rejected_naming_entry_and_field() {
    assert_edits_rejected(&[
        (
            "per-million.json",
            |j| j["gpt-4o-mini"]["input_cost_per_token"] = Value::from(0.15),
            "gpt-4o-mini",
            "input_cost_per_token",
            "unit mix-up",
        ),
        (
            "too-small.json",
            |j| j["gpt-4o-mini"]["output_cost_per_token"] = Value::from(4.8e-13),
            "gpt-4o-mini",
            "output_cost_per_token",
            "off by a factor of 1e6",
        ),
        (
            "negative.json",
            |j| j["claude-sonnet-4-5-20250929"]["cache_read_input_token_cost"] = Value::from(-2.5e-7),
            "claude-sonnet-4-5-20250929",
            "cache_read_input_token_cost",
            "0 or more",
        ),
        (
            "zero-output.json",
            |j| j["gpt-4o-mini"]["output_cost_per_token"] = Value::from(0.0),
            "gpt-4o-mini",
            "output_cost_per_token",
            "where the current price is $0.60",
        ),
    ])
    .await;
}

#[tokio::test]
async fn litellm_entries_missing_a_price_or_giving_it_as_text_are_rejected_naming_entry_and_field() {
    assert_edits_rejected(&[
        (
            "no-input.json",
            |j| {
                j["mistral/mistral-large-2512"].as_object_mut().unwrap().remove("input_cost_per_token");
            },
            "mistral/mistral-large-2512",
            "input_cost_per_token",
            "missing",
        ),
        (
            "string-cost.json",
            |j| j["gpt-4o-mini"]["input_cost_per_token"] = Value::from("1.2e-07"),
            "gpt-4o-mini",
            "input_cost_per_token",
            "not a number",
        ),
        (
            "half-tier.json",
            |j| {
                j["gemini/gemini-2.5-pro"].as_object_mut().unwrap().remove("input_cost_per_token_above_200k_tokens");
            },
            "gemini/gemini-2.5-pro",
            "input_cost_per_token_above_200k_tokens",
            "lacks this price",
        ),
    ])
    .await;
}

#[tokio::test]
async fn an_older_price_map_after_a_newer_one_is_refused() {
    let db = TestDb::seeded().await;
    import_december(&db, false).await;
    let before = db.bytes();
    let pool = db.open().await;
    let result = import::import_litellm(&pool, &fixture("litellm/december.json"), &options(false, "2026-06-01")).await;
    pool.close().await;
    // gpt-4o-mini's current price starts 2026-12-01, and the June file has other prices.
    let path = edited_fixture(&db, "june.json", |j| j["gpt-4o-mini"]["input_cost_per_token"] = Value::from(1.5e-7));
    let pool = db.open().await;
    let older = import::import_litellm(&pool, &path, &options(false, "2026-06-01")).await;
    pool.close().await;
    assert!(result.is_ok(), "the same prices dated earlier only leave last-checked dates alone");
    match older {
        Err(ImportError::Invalid(r)) => assert!(r.problem.contains("date order"), "{r}"),
        other => panic!("expected a date-order rejection, got {other:?}"),
    }
    assert_eq!(db.bytes(), before);
}

#[tokio::test]
async fn the_binary_runs_import_litellm_dry_run_and_reports_errors_with_an_exit_code() {
    let db = TestDb::seeded().await;
    let before = db.bytes();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_llm-compare"))
            .args(args)
            .env("DATABASE_URL", &db.url)
            .env_remove("HOST")
            .env_remove("PORT")
            .output()
            .expect("run the binary")
    };
    let fixture = fixture("litellm/december.json");
    let out = run(&["import", "litellm", fixture.to_str().unwrap(), "--dry-run", "--as-of", DECEMBER]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "exit {:?}\n{stdout}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Price changes: 4") && stdout.contains("    standard input: $0.15 → $0.12"), "{stdout}");
    assert!(stdout.trim_end().ends_with("Dry run: nothing was written."), "{stdout}");
    assert_eq!(db.bytes(), before, "the dry run changed the database");

    let bad =
        db.file("bad.json", "{\"gpt-4o-mini\": {\"input_cost_per_token\": 0.15, \"output_cost_per_token\": 6e-07}}");
    let out = run(&["import", "litellm", bad.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bad.json") && stderr.contains("`gpt-4o-mini`") && stderr.contains("`input_cost_per_token`"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(db.bytes(), before);

    let out = run(&["import", "prices", "x.json"]);
    assert_eq!(out.status.code(), Some(2), "a usage error exits 2");
    let out = run(&["--help"]);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("import litellm PATH"));
}

#[tokio::test]
async fn model_page_marks_prices_unconfirmed_for_90_days_as_possibly_stale_until_a_new_import() {
    let (_db, pool) = models_and_keys_only().await;
    let today = llm_compare::web::today();
    let long_ago = Date::from_days_since_epoch(today.days_since_epoch() - 200);
    let december = fixture("litellm/december.json");
    import::import_litellm(
        &pool,
        &december,
        &ImportOptions { dry_run: false, as_of: long_ago.clone(), allow_price_jump: false },
    )
    .await
    .unwrap();
    let (revision, dataset) = db::load_snapshot(&pool).await.unwrap();
    let state = AppState::new(Catalog::new(dataset));
    let mut reloader = Reloader::new(pool.clone(), state.clone(), revision);
    let router = llm_compare::app(state.clone());

    let (status, _, body) = call(router.clone(), Method::GET, "/models/gpt-4o-mini").await;
    assert_eq!(status, StatusCode::OK);
    let row = crate::support::row(&body, "Prices last checked").expect("a last-checked row");
    assert!(
        row.contains(&long_ago.long())
            && row.contains("<span class=\"badge stale\">possibly stale: 200 days old</span>"),
        "{row}"
    );
    let input = crate::support::row(&body, "Input / 1M tokens").expect("input row");
    assert!(input.contains(&format!("last checked {}", long_ago.iso())), "{input}");

    // The same prices confirmed today: no new period, a fresh check date, no badge.
    import::import_litellm(
        &pool,
        &december,
        &ImportOptions { dry_run: false, as_of: today.clone(), allow_price_jump: false },
    )
    .await
    .unwrap();
    assert!(reloader.check().await.unwrap());
    let (_, _, body) = call(router, Method::GET, "/models/gpt-4o-mini").await;
    let row = crate::support::row(&body, "Prices last checked").expect("a last-checked row");
    assert!(row.contains(&today.long()) && !body.contains("possibly stale"), "{row}");
    assert_eq!(prices(&pool, "gpt-4o-mini").await.len(), 1, "a confirmation adds no price period");
    pool.close().await;
}
