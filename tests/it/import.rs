//! Keeping the data current: LiteLLM and scores imports, export and `import dataset`, live
//! reload. Each test works on its own database file in a temporary directory; "unchanged"
//! means the file's bytes are equal before and after.

use std::path::{Path, PathBuf};

use crate::support::TestDb;
use axum::http::{Method, StatusCode};
use llm_compare::AppState;
use llm_compare::cli::Reloader;
use llm_compare::db::import::{self, ImportError, ImportOptions, NewSource};
use llm_compare::db::{self, DatasetFile};
use llm_compare::domain::model::Date;
use llm_compare::domain::rate_card::Meter;
use llm_compare::domain::{Catalog, ModelId};
use serde_json::Value;
use sqlx::SqlitePool;

const DECEMBER: &str = "2026-12-01";

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("a valid date")
}

fn options(dry_run: bool, as_of: &str) -> ImportOptions {
    ImportOptions { dry_run, as_of: date(as_of), allow_price_jump: false }
}

/// One price period as stored: (from, to, input, output, cache_read, cache_write,
/// cache_write_1h, batch_input, batch_output, source, last_seen_in), oldest first.
type PriceRow =
    (String, Option<String>, i64, i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, String, String);

/// The SQL of one base rate of price row `p` (standard tier unless `tier` says otherwise).
fn rate_sql(tier: &str, meter: &str, above: &str) -> String {
    format!(
        "(SELECT micros FROM price_rates r WHERE r.price_id = p.id AND r.tier = '{tier}' AND r.time_window = ''
          AND r.above_tokens = {above} AND r.meter = '{meter}')"
    )
}

async fn prices(pool: &SqlitePool, model: &str) -> Vec<PriceRow> {
    let base = |tier, meter| rate_sql(tier, meter, "0");
    let sql = format!(
        "SELECT effective_from, effective_to, {}, {}, {}, {}, {}, {}, {}, source, last_seen_in
         FROM prices p WHERE model = ? ORDER BY effective_from, id",
        base("standard", "input"),
        base("standard", "output"),
        base("standard", "cache_read"),
        base("standard", "cache_write_5m"),
        base("standard", "cache_write_1h"),
        base("batch", "input"),
        base("batch", "output"),
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(model).fetch_all(pool).await.unwrap()
}

/// The current period's standard long-context tiers: (above, input, output, cache_read).
async fn current_tiers(pool: &SqlitePool, model: &str) -> Vec<(i64, i64, i64, Option<i64>)> {
    let at = |meter| rate_sql("standard", meter, "t.above_tokens");
    let sql = format!(
        "SELECT DISTINCT t.above_tokens, {}, {}, {} FROM price_rates t JOIN prices p ON p.id = t.price_id
         WHERE p.model = ? AND p.effective_to IS NULL AND t.tier = 'standard' AND t.above_tokens > 0
         ORDER BY t.above_tokens",
        at("input"),
        at("output"),
        at("cache_read"),
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(model).fetch_all(pool).await.unwrap()
}

async fn count(pool: &SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(pool).await.unwrap()
}

async fn import_december(db: &TestDb, dry_run: bool) -> import::Outcome<import::LitellmReport> {
    let pool = db.open().await;
    let outcome = import::import_litellm(&pool, &fixture("litellm/december.json"), &options(dry_run, DECEMBER))
        .await
        .expect("import");
    pool.close().await;
    outcome
}

#[tokio::test]
async fn litellm_fixture_closes_changed_prices_and_confirms_unchanged_ones() {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let mapped = count(&pool, "SELECT COUNT(*) FROM model_price_keys").await;
    let rows_before = count(&pool, "SELECT COUNT(*) FROM prices").await;
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
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM prices").await, rows_before + 4);
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

/// An empty schema holding only the seed's sources, providers, benchmarks, models and their
/// LiteLLM keys: no prices, scores or speeds.
async fn models_and_keys_only() -> (TestDb, SqlitePool) {
    let db = TestDb::new();
    let pool = db::open_empty(&db.url).await.unwrap();
    let mut skeleton = DatasetFile::parse(db::SEED_JSON).unwrap();
    for m in &mut skeleton.models {
        m.prices.clear();
        m.scores.clear();
        m.speeds.clear();
    }
    db::insert_dataset(&pool, &skeleton.into_valid().unwrap(), "test: models and keys only").await.unwrap();
    (db, pool)
}

/// `../shared/data/litellm` next to the repository, when the checkout has it (CI does).
fn shared_litellm() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/litellm");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but {} is missing: the March and November LiteLLM maps are required in CI",
        dir.display()
    );
    eprintln!(
        "\n*** SKIPPED march_then_november_litellm_maps_rebuild_the_seed_price_history: {} is missing (set CI to make this a failure) ***\n",
        dir.display()
    );
    None
}

#[tokio::test]
async fn march_then_november_litellm_maps_rebuild_the_seed_price_history() {
    let Some(dir) = shared_litellm() else { return };
    eprintln!("running with the shared LiteLLM maps in {}", dir.display());
    let march = dir.join("model_prices_2026-03_v1.82.6.json");
    let november = dir.join("model_prices_2026-11_v1.110.2.json");

    let (_db, pool) = models_and_keys_only().await;
    let seed = DatasetFile::parse(db::SEED_JSON).unwrap();

    let first = import::import_litellm(&pool, &march, &options(false, "2026-03-05")).await.expect("March imports");
    let in_march = seed.models.iter().filter(|m| m.prices.first().is_some_and(|p| p.effective_from == "2026-03-05"));
    assert_eq!(first.report.changes.len(), in_march.count(), "every model March prices gets its first price");
    let second =
        import::import_litellm(&pool, &november, &options(false, "2026-11-25")).await.expect("November imports");
    let report = second.report.to_string();
    eprintln!("{report}");
    for needle in [
        "  llama-3-1-405b (meta.llama3-1-405b-instruct-v1:0): the price in force since 2026-03-05 closes on 2026-11-25",
        "    standard input: $5.32 → $2.40",
        "  grok-code-fast-1 (xai/grok-code-fast-1): the price in force since 2026-03-05 closes on 2026-11-25",
    ] {
        assert!(report.contains(needle), "November report lacks {needle:?}");
    }
    assert!(second.report.candidates > 1000, "the November map has thousands of unmapped chat keys");

    // Both imports together rebuild exactly the seed's price periods (built by
    // scripts/build-seed.sh from the same two maps), only citing the imports' sources. The
    // November changes are the two-period models and the models March did not price.
    let seed_changes = seed
        .models
        .iter()
        .filter(|m| m.prices.len() == 2 || m.prices.first().is_some_and(|p| p.effective_from == "2026-11-25"))
        .count();
    assert_eq!(second.report.changes.len(), seed_changes, "the changes are the seed's two-period models");
    let exported = db::export_dataset(&pool).await.unwrap();
    for (ours, theirs) in exported.models.iter().zip(&seed.models) {
        assert_eq!(ours.slug, theirs.slug);
        if theirs.litellm_keys.is_empty() {
            continue;
        }
        let strip = |p: &db::dataset_file::PriceEntry| {
            let mut p = p.clone();
            p.source = String::new();
            p.last_seen_in = String::new();
            // Fees cite their source too: the seed's, not this test's import ids.
            for f in &mut p.fees {
                f.source = None;
            }
            serde_json::to_string(&p).unwrap()
        };
        let ours_periods: Vec<String> = ours.prices.iter().map(strip).collect();
        let seed_periods: Vec<String> = theirs.prices.iter().map(strip).collect();
        assert_eq!(ours_periods, seed_periods, "{}: imported history differs from the seed's", ours.slug);
    }
    let llama = prices(&pool, "llama-3-1-405b").await;
    assert_eq!(
        llama.iter().map(|p| (p.0.as_str(), p.1.as_deref(), p.2, p.3)).collect::<Vec<_>>(),
        [("2026-03-05", Some("2026-11-25"), 5_320_000, 16_000_000), ("2026-11-25", None, 2_400_000, 2_400_000)],
        "the history holds both prices"
    );
    pool.close().await;
}

#[tokio::test]
async fn export_then_import_into_an_empty_database_then_export_gives_the_same_bytes() {
    let db = TestDb::seeded().await;
    import_december(&db, false).await; // closed periods, tiers and an import source too
    let pool = db.open().await;
    let first = db.dir.path().join("first.json");
    let report = db::export_to_file(&pool, &first).await.expect("export");
    pool.close().await;
    assert!(report.prices > report.models, "{report}");

    let copy = TestDb::new();
    let pool = db::open_empty(&copy.url).await.unwrap();
    let dry = import::import_dataset(&pool, &first, true).await.expect("dry run");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM models").await, 0, "the dry run wrote models");
    let loaded = import::import_dataset(&pool, &first, false).await.expect("import into the empty database");
    assert_eq!(dry.report, loaded.report);
    assert_eq!(loaded.revision, Some(1));
    let second = copy.dir.path().join("second.json");
    db::export_to_file(&pool, &second).await.expect("export again");

    // A second import into the now-full database is refused and changes nothing.
    pool.close().await;
    let before = copy.bytes();
    let pool = db::open_empty(&copy.url).await.unwrap();
    match import::import_dataset(&pool, &first, false).await {
        Err(ImportError::Refused(message)) => assert!(message.contains("not empty"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    pool.close().await;
    assert_eq!(copy.bytes(), before);

    let (a, b) = (std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    assert!(a == b, "the round trip changed the export ({} vs {} bytes)", a.len(), b.len());
    // The export is a valid dataset file in the seed's format.
    DatasetFile::parse(std::str::from_utf8(&a).unwrap()).expect("the export parses as a dataset file");
}

#[tokio::test]
async fn export_then_import_keeps_the_input_cap() {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let file = db.dir.path().join("export.json");
    db::export_to_file(&pool, &file).await.expect("export");
    pool.close().await;
    let exported = DatasetFile::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let caps = |f: &DatasetFile| -> Vec<(String, u64)> {
        f.models.iter().filter_map(|m| Some((m.slug.clone(), m.max_input?))).collect()
    };
    let seed_caps = caps(&DatasetFile::parse(db::SEED_JSON).unwrap());
    assert!(seed_caps.contains(&("gpt-5".to_owned(), 272_000)), "{seed_caps:?}");
    assert_eq!(caps(&exported), seed_caps, "the export writes every input cap");

    let copy = TestDb::new();
    let pool = db::open_empty(&copy.url).await.unwrap();
    import::import_dataset(&pool, &file, false).await.expect("import into the empty database");
    let dataset = db::load_dataset(&pool).await.unwrap();
    pool.close().await;
    let gpt_5 = dataset.models.iter().find(|m| m.id.as_str() == "gpt-5").unwrap();
    let cap = gpt_5.max_input.as_ref().expect("the imported gpt-5 keeps its cap");
    assert_eq!((cap.value, cap.source.as_str()), (272_000, "modelsdev-2026-07-02"));
}

#[tokio::test]
async fn scores_csv_adds_and_updates_and_rejects_bad_rows_naming_the_line() {
    let db = TestDb::seeded().await;
    let good = fixture("scores/good.csv");
    let pool = db.open().await;
    let dry = import::import_scores(&pool, &good, &options(true, DECEMBER), None).await.expect("dry run");
    pool.close().await;
    let before = db.bytes();
    let pool = db.open().await;
    let applied = import::import_scores(&pool, &good, &options(false, DECEMBER), None).await.expect("import");
    assert_eq!(dry.report.to_string(), applied.report.to_string());
    let r = &applied.report;
    assert_eq!((r.added.len(), r.updated.len(), r.unchanged), (2, 1, 2), "{r}");
    let text = r.to_string();
    assert!(text.contains("line 2: gpt-4o-mini / gpqa-diamond (epoch-2025-11-17): value 0.377 → 0.381"), "{text}");
    let (value, as_of, note): (f64, String, Option<String>) = sqlx::query_as(
        "SELECT value, as_of, note FROM scores WHERE model = 'gpt-4o-mini' AND benchmark = 'gpqa-diamond' AND source = 'epoch-2025-11-17'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((value, as_of.as_str(), note.as_deref()), (0.381, "2025-12-01", Some("re-run, with \"medium\" effort")));
    let note: Option<String> =
        sqlx::query_scalar("SELECT note FROM scores WHERE model = 'gemini-2-5-pro' AND benchmark = 'aider-polyglot'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(note.as_deref(), Some("gemini-2.5-pro-preview-06-05\n(32k thinking)"), "a quoted field spans lines");
    pool.close().await;
    assert_ne!(db.bytes(), before);

    // The same file again is a no-op.
    let before = db.bytes();
    let pool = db.open().await;
    let again = import::import_scores(&pool, &good, &options(false, DECEMBER), None).await.unwrap();
    pool.close().await;
    assert_eq!((again.revision, again.report.unchanged), (None, 5));
    assert_eq!(db.bytes(), before);

    let header = "model,benchmark,value,source,date,independent\n";
    let ok_row = "o3,gpqa-diamond,0.8,epoch-2025-11-17,2025-11-17,true\n";
    for (name, body, entry, field) in [
        ("unknown-model.csv", "gpt-9,gpqa-diamond,0.5,epoch-2025-11-17,2025-11-17,true\n", "line 3", "model"),
        ("bad-value.csv", "o1,gpqa-diamond,high,epoch-2025-11-17,2025-11-17,true\n", "line 3", "value"),
        ("percent-as-fraction.csv", "o1,gpqa-diamond,78,epoch-2025-11-17,2025-11-17,true\n", "line 3", "value"),
        ("unknown-source.csv", "o1,gpqa-diamond,0.7,my-blog,2025-11-17,true\n", "line 3", "source"),
        ("bad-flag.csv", "o1,gpqa-diamond,0.7,epoch-2025-11-17,2025-11-17,maybe\n", "line 3", "independent"),
        ("bad-date.csv", "o1,gpqa-diamond,0.7,epoch-2025-11-17,17/11/2025,true\n", "line 3", "date"),
        ("short-row.csv", "o1,gpqa-diamond,0.7\n", "line 3", "(row)"),
    ] {
        let path = db.file(name, &format!("{header}{ok_row}{body}"));
        let pool = db.open().await;
        let result = import::import_scores(&pool, &path, &options(false, DECEMBER), None).await;
        pool.close().await;
        match result {
            Err(ImportError::Invalid(r)) => {
                assert_eq!((r.entry.as_str(), r.field.as_str()), (entry, field), "{name}: {r}");
                assert!(r.to_string().contains(name), "{r}");
            }
            other => panic!("{name}: expected a rejection, got {other:?}"),
        }
        assert_eq!(db.bytes(), before, "{name}: the database file changed");
    }

    // A new source declared on the command line is created with the rows that cite it.
    let path = db.file("new-source.csv", &format!("{header}o1,gpqa-diamond,0.7,lab-2026,2026-12-01,false\n"));
    let source = NewSource {
        id: "lab-2026".into(),
        title: "A lab's blog".into(),
        url: "https://example.com".into(),
        license: "quoted".into(),
    };
    let pool = db.open().await;
    let outcome = import::import_scores(&pool, &path, &options(false, DECEMBER), Some(&source)).await.unwrap();
    assert_eq!(outcome.report.new_source.as_ref(), Some(&source));
    let as_of: String =
        sqlx::query_scalar("SELECT as_of FROM sources WHERE id = 'lab-2026'").fetch_one(&pool).await.unwrap();
    assert_eq!(as_of, DECEMBER);
    pool.close().await;
}

#[tokio::test]
async fn reload_swaps_the_catalog_when_the_revision_moves_and_keeps_it_on_failure() {
    let db = TestDb::seeded().await;
    let pool = db.open().await;
    let (revision, dataset) = db::load_snapshot(&pool).await.unwrap();
    assert_eq!(revision, 0);
    let state = AppState::new(Catalog::new(dataset));
    let mut reloader = Reloader::new(pool.clone(), state.clone(), revision);
    assert!(!reloader.check().await.unwrap(), "nothing changed yet");

    let mini = ModelId::parse("gpt-4o-mini").unwrap();
    let input = |state: &AppState| {
        state.catalog().model(&mini).unwrap().current_price().unwrap().rates.standard(Meter::Input).unwrap().micros()
    };
    assert_eq!(input(&state), 150_000);
    import::import_litellm(&pool, &fixture("litellm/december.json"), &options(false, DECEMBER)).await.unwrap();
    assert_eq!(input(&state), 150_000, "the served catalog only changes on reload");
    assert!(reloader.check().await.unwrap(), "the new revision is picked up");
    assert_eq!((input(&state), reloader.revision()), (120_000, 1));
    assert!(!reloader.check().await.unwrap(), "the same revision does not reload twice");

    // A write that leaves the data unreadable: the reload fails and the old catalog stays.
    let served = state.catalog();
    sqlx::query("UPDATE sources SET as_of = '2026-13-45' WHERE id = 'litellm-import-2026-12-01'")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE dataset_meta SET value = '2' WHERE key = 'revision'").execute(&pool).await.unwrap();
    assert!(reloader.check().await.is_err(), "an unreadable dataset is an error");
    assert!(std::sync::Arc::ptr_eq(&served, &state.catalog()), "the previous catalog is still served");
    assert_eq!(reloader.revision(), 1, "the failed revision is tried again next time");
    pool.close().await;
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

    let (status, _, body) = crate::support::call(router.clone(), Method::GET, "/models/gpt-4o-mini").await;
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
    let (_, _, body) = crate::support::call(router, Method::GET, "/models/gpt-4o-mini").await;
    let row = crate::support::row(&body, "Prices last checked").expect("a last-checked row");
    assert!(row.contains(&today.long()) && !body.contains("possibly stale"), "{row}");
    assert_eq!(prices(&pool, "gpt-4o-mini").await.len(), 1, "a confirmation adds no price period");
    pool.close().await;
}

/// `../shared/data` next to the repository when the checkout has it (CI does). Without it
/// the caller's test says it is skipped, except when CI=true, where it fails.
fn shared_data(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        eprintln!("{test}: comparing with the shared data in {}", dir.display());
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {} is missing: {test} must run in CI",
        dir.display()
    );
    eprintln!("\n*** SKIPPED {test}: {} is missing (CI=true makes this a failure) ***\n", dir.display());
    None
}

#[tokio::test]
async fn the_seed_matches_the_november_litellm_map_and_models_dev_field_for_field() {
    let Some(shared) = shared_data("the_seed_matches_the_november_litellm_map_and_models_dev_field_for_field") else {
        return;
    };
    // The seed is what the importers make of the shared data: importing the same files again
    // (dry run) changes no price, limit, status, name, date, open-weights flag or cutoff.
    let db = TestDb::seeded().await;
    let before = db.bytes();
    let pool = db.open().await;
    let november = shared.join("litellm/model_prices_2026-11_v1.110.2.json");
    let nov = import::import_litellm_citing(&pool, &november, &options(true, "2026-11-25"), Some("litellm-1.110.2"))
        .await
        .expect("the November map imports");
    assert!(nov.report.changes.is_empty(), "prices differ from the November map: {}", nov.report);
    assert!(nov.report.facts.is_empty(), "limits or statuses differ from the November map: {:?}", nov.report.facts);
    assert_eq!(nov.report.confirmed, 0, "every price was last seen in the November map");
    let api = shared.join("modelsdev/api_2026-07-02.json");
    let md = import::import_modelsdev(&pool, &api, &options(true, "2026-07-02"), Some("modelsdev-2026-07-02"))
        .await
        .expect("models.dev imports");
    assert!(md.report.changes.is_empty(), "figures differ from models.dev: {:?}", md.report.changes);
    assert!(md.report.missing.is_empty(), "mapped ids missing from models.dev: {:?}", md.report.missing);
    // Every mapped model that models.dev gives limits for shows exactly those limits.
    let file = llm_compare::db::import::modelsdev_file::parse_api(&std::fs::read(&api).unwrap()).unwrap();
    let seed = DatasetFile::parse(db::SEED_JSON).unwrap();
    let mut checked = 0;
    for m in seed.models.iter().filter(|m| !m.pinned.contains(&"limits".to_owned())) {
        let Some(record) = m.modelsdev_id.as_deref().and_then(|id| file.record(id).unwrap()) else { continue };
        if let (Some(context), Some(output)) = (record.context, record.output) {
            assert_eq!((m.context_window, m.max_output), (Some(context), Some(output)), "{}", m.slug);
            assert_eq!(m.max_input, record.input.filter(|i| *i < context), "{}", m.slug);
            checked += 1;
        }
    }
    assert!(checked >= 90, "{checked} models checked against models.dev's limits");
    pool.close().await;
    assert_eq!(db.bytes(), before, "dry runs write nothing");
}
