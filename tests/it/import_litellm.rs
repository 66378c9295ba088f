//! `import litellm`: the December fixture closes changed prices and confirms unchanged ones, a
//! dry run reports the same and writes nothing, a repeat changes nothing, malformed files and an
//! older map are refused, the binary's exit codes, and the stale-price badge a confirmation
//! clears. Each test works on its own database file in a temporary directory; "unchanged" means
//! the file's bytes are equal before and after.

use std::path::PathBuf;

use crate::support::{
    DECEMBER, TestDb, call, current_tiers, fixture, import_december, models_and_keys_only, options, prices, rows_in,
};
use axum::http::{Method, StatusCode};
use llm_compare::AppState;
use llm_compare::cli::Reloader;
use llm_compare::db;
use llm_compare::db::import::{self, ImportError, ImportOptions};
use llm_compare::domain::Catalog;
use llm_compare::domain::model::Date;
use serde_json::Value;

#[tokio::test]
async fn litellm_fixture_closes_changed_prices_and_confirms_unchanged_ones() {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let mapped = rows_in(&pool, "model_price_keys").await;
    let rows_before = rows_in(&pool, "prices").await;
    let mini_before = prices(&pool, "gpt-4o-mini").await;
    pool.close().await;

    let outcome = import_december(&db, false).await;
    let report = &outcome.report;
    assert_eq!(outcome.revision, Some(1), "the first write command moves the revision to 1");
    let changed: Vec<&str> = report.changes.iter().map(|c| c.model.as_str()).collect();
    assert_eq!(changed, ["claude-sonnet-4-5", "gemini-2-5-pro", "gpt-4o-mini", "mistral-large-3"]);
    assert_eq!((report.unchanged, report.confirmed), (3, 3), "haiku, qwen3-max and deepseek-chat are unchanged");
    assert_eq!(report.missing.len() as i64, mapped - 7, "every other mapped key is reported missing");
    assert_eq!(report.candidates_named, ["acme/frontier-1"], "the unmapped chat key, not the embedding or sample_spec");
    assert_eq!(report.source_id, "litellm-import-2026-12-01");
    let limits: Vec<String> =
        report.limits.iter().map(|l| format!("{} {} {:?} {}", l.model, l.limit, l.ours, l.litellm)).collect();
    assert_eq!(limits, ["claude-haiku-4-5 max output Some(64000) 32000"]);
    let text = report.to_string();
    for line in [
        "  gpt-4o-mini (gpt-4o-mini): the price in force since 2026-03-05 closes on 2026-12-01",
        "    standard input: $0.15 → $0.12",
        "    batch output: $0.30 → $0.24",
        "    standard input above 200,000 tokens: $2.50 → $3.00",
        "    standard cache_write_5m: $3.75 → $3.125",
        "    standard cache_read: $0.05 → not listed",
        "Unchanged prices: 3 (last checked moves to 2026-12-01 for 3)",
        "  acme/frontier-1",
    ] {
        assert!(text.contains(line), "report lacks {line:?}:\n{text}");
    }

    let pool = db.open().await;
    let import_source = "litellm-import-2026-12-01".to_owned();
    let mini = prices(&pool, "gpt-4o-mini").await;
    assert_eq!(mini.len(), mini_before.len() + 1, "history kept: {mini:?}");
    let closed = &mini[mini.len() - 2];
    assert_eq!(
        (closed.0.as_str(), closed.1.as_deref(), closed.2, closed.3),
        ("2026-03-05", Some(DECEMBER), 150_000, 600_000),
        "one period since March: November only listed fees"
    );
    assert_eq!(
        mini.last().unwrap(),
        &(
            DECEMBER.to_owned(),
            None,
            120_000,
            480_000,
            Some(60_000),
            None,
            None,
            Some(60_000),
            Some(240_000),
            import_source.clone(),
            import_source.clone()
        )
    );
    let sonnet = prices(&pool, "claude-sonnet-4-5").await;
    let now = sonnet.last().unwrap();
    assert_eq!((now.4, now.5, now.6), (Some(250_000), Some(3_125_000), Some(6_000_000)), "cache read / write / 1h");
    assert_eq!(current_tiers(&pool, "gemini-2-5-pro").await, [(200_000, 3_000_000, 20_000_000, Some(250_000))]);
    let mistral = prices(&pool, "mistral-large-3").await;
    assert_eq!(
        (mistral.last().unwrap().2, mistral.last().unwrap().4),
        (500_000, None),
        "missing cache price not listed"
    );
    // Unchanged: no new period, the last-checked source moves to the import.
    for model in ["claude-haiku-4-5", "qwen3-max", "deepseek-chat"] {
        let rows = prices(&pool, model).await;
        let current = rows.iter().find(|r| r.1.is_none()).unwrap();
        assert_eq!(current.10, import_source, "{model} last seen in the import");
        assert_ne!(current.9, import_source, "{model} keeps its first source");
    }
    assert_eq!(current_tiers(&pool, "qwen3-max").await.len(), 2, "Qwen tiered_pricing read like the seed");
    assert_eq!(rows_in(&pool, "prices").await, rows_before + 4);
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

#[tokio::test]
async fn malformed_litellm_files_are_rejected_naming_file_entry_and_field_and_change_nothing() {
    let db = TestDb::seeded().await;
    let set = |key: &'static str, field: &'static str, v: Value| {
        move |json: &mut Value| {
            json[key][field] = v;
        }
    };
    let cases: Vec<(PathBuf, &str, &str, &str)> = vec![
        (
            db.file("bad-json.json", "{\"gpt-4o-mini\": {\"input_cost_per_token\": 1.5e-07,}"),
            "line 1",
            "(json)",
            "JSON",
        ),
        (
            edited_fixture(&db, "per-million.json", set("gpt-4o-mini", "input_cost_per_token", Value::from(0.15))),
            "gpt-4o-mini",
            "input_cost_per_token",
            "unit mix-up",
        ),
        (
            edited_fixture(&db, "too-small.json", set("gpt-4o-mini", "output_cost_per_token", Value::from(4.8e-13))),
            "gpt-4o-mini",
            "output_cost_per_token",
            "off by a factor of 1e6",
        ),
        (
            edited_fixture(
                &db,
                "negative.json",
                set("claude-sonnet-4-5-20250929", "cache_read_input_token_cost", Value::from(-2.5e-7)),
            ),
            "claude-sonnet-4-5-20250929",
            "cache_read_input_token_cost",
            "0 or more",
        ),
        (
            edited_fixture(&db, "zero-output.json", set("gpt-4o-mini", "output_cost_per_token", Value::from(0.0))),
            "gpt-4o-mini",
            "output_cost_per_token",
            "where the current price is $0.60",
        ),
        (
            edited_fixture(&db, "no-input.json", |j| {
                j["mistral/mistral-large-2512"].as_object_mut().unwrap().remove("input_cost_per_token");
            }),
            "mistral/mistral-large-2512",
            "input_cost_per_token",
            "missing",
        ),
        (
            edited_fixture(&db, "string-cost.json", set("gpt-4o-mini", "input_cost_per_token", Value::from("1.2e-07"))),
            "gpt-4o-mini",
            "input_cost_per_token",
            "not a number",
        ),
        (
            edited_fixture(&db, "not-object.json", |j| j["deepseek/deepseek-chat"] = Value::from(42)),
            "deepseek/deepseek-chat",
            "(entry)",
            "not an object",
        ),
        (
            edited_fixture(&db, "half-tier.json", |j| {
                j["gemini/gemini-2.5-pro"].as_object_mut().unwrap().remove("input_cost_per_token_above_200k_tokens");
            }),
            "gemini/gemini-2.5-pro",
            "input_cost_per_token_above_200k_tokens",
            "lacks this price",
        ),
    ];
    let before = db.bytes();
    for (path, entry, field, needle) in cases {
        let pool = db.open().await;
        let result = import::import_litellm(&pool, &path, &options(false, DECEMBER)).await;
        pool.close().await;
        let err = match result {
            Err(ImportError::Invalid(r)) => r,
            Err(other) => panic!("{}: expected a rejection, got {other}", path.display()),
            Ok(o) => panic!("{}: accepted:\n{}", path.display(), o.report),
        };
        let message = err.to_string();
        assert_eq!(err.file, path.display().to_string());
        assert!(err.entry.starts_with(entry) && err.field == field, "{}: {message}", path.display());
        assert!(message.contains(&path.display().to_string()) && message.contains(needle), "{message}");
        assert_eq!(db.bytes(), before, "{}: the database file changed", path.display());
    }
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
