//! Every refusal an import makes, run as a dry run and as a real run: both refuse alike, name
//! the file, the entry and the field, and leave the database file byte for byte as it was. The
//! dataset cases are the ones that used to pass `--dry-run` and then fail the real run with a
//! raw SQLite error (tier thresholds past i64::MAX, duplicate providers or benchmarks, a context
//! window of 2^64-1).

use std::path::{Path, PathBuf};

use llm_compare::db;
use llm_compare::db::import::{self, ImportError, ImportOptions, NewSource, Rejected};
use llm_compare::domain::model::Date;
use serde_json::{Value, json};
use tempfile::TempDir;

struct Db {
    dir: TempDir,
    path: PathBuf,
    url: String,
}

impl Db {
    async fn new(seeded: bool) -> Self {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("t.db");
        let url = format!("sqlite://{}", path.display());
        let pool = if seeded { db::open(&url).await } else { db::open_empty(&url).await }.unwrap();
        pool.close().await;
        Self { dir, path, url }
    }

    fn file(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Litellm { allow_price_jump: bool },
    Scores,
    Dataset,
}

async fn run(db: &Db, kind: Kind, path: &Path, dry_run: bool, source: Option<&NewSource>) -> Result<(), ImportError> {
    let pool =
        if matches!(kind, Kind::Dataset) { db::open_empty(&db.url).await } else { db::open(&db.url).await }.unwrap();
    let allow_price_jump = matches!(kind, Kind::Litellm { allow_price_jump: true });
    let options = ImportOptions { dry_run, as_of: Date::parse("2026-12-01").unwrap(), allow_price_jump };
    let result = match kind {
        Kind::Litellm { .. } => import::import_litellm(&pool, path, &options).await.map(|_| ()),
        Kind::Scores => import::import_scores(&pool, path, &options, source).await.map(|_| ()),
        Kind::Dataset => import::import_dataset(&pool, path, dry_run).await.map(|_| ()),
    };
    pool.close().await;
    result
}

/// Runs the import dry and real and checks both refuse with `entry`, `field` and `problem`,
/// and that the database file is unchanged.
async fn assert_refused(
    kind: Kind,
    contents: &[u8],
    source: Option<&NewSource>,
    entry: &str,
    field: &str,
    problem: &str,
) {
    let db = Db::new(!matches!(kind, Kind::Dataset)).await;
    let path = db.file("input", contents);
    let before = std::fs::read(&db.path).unwrap();
    for dry_run in [true, false] {
        match run(&db, kind, &path, dry_run, source).await {
            Err(ImportError::Invalid(Rejected { file, entry: e, field: f, problem: p })) => {
                assert_eq!(file, path.display().to_string(), "dry run {dry_run}: {entry}/{field}");
                assert!(e.contains(entry), "dry run {dry_run}: entry {e:?}, expected {entry:?} ({p})");
                assert_eq!(f, field, "dry run {dry_run}: {e}: {p}");
                assert!(p.contains(problem), "dry run {dry_run}: {p:?} lacks {problem:?}");
            }
            other => panic!("dry run {dry_run}: expected a refusal of {entry}/{field}, got {other:?}"),
        }
        assert!(std::fs::read(&db.path).unwrap() == before, "the database changed ({entry}/{field})");
    }
}

fn december() -> Value {
    let text = include_str!("../fixtures/litellm/december.json");
    serde_json::from_str(text).unwrap()
}

#[tokio::test]
async fn litellm_refusals() {
    let litellm = Kind::Litellm { allow_price_jump: false };
    // A mapped key given twice: which one is meant?
    let entry = r#"{"input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07}"#;
    let twice = format!(r#"{{"gpt-4o-mini": {entry}, "gpt-4o-mini": {entry}}}"#);
    assert_refused(litellm, twice.as_bytes(), None, "gpt-4o-mini", "(key)", "given twice").await;
    // A field given twice inside an entry (the last used to win silently).
    let field_twice = r#"{"gpt-4o-mini": {"input_cost_per_token": 1.5e-07, "input_cost_per_token": 1.5e-06, "output_cost_per_token": 6e-07}}"#;
    assert_refused(litellm, field_twice.as_bytes(), None, "line 1 column", "(json)", "given twice").await;
    let deep = format!(r#"{{"x": {}{}}}"#, "[".repeat(40), "]".repeat(40));
    assert_refused(litellm, deep.as_bytes(), None, "line 1 column", "(json)", "nested deeper than 32").await;
    // $0.15 -> $150.00 per 1M input tokens: a thousandfold jump.
    let mut jump = december();
    jump["gpt-4o-mini"]["input_cost_per_token"] = json!(1.5e-4);
    let jump = serde_json::to_vec(&jump).unwrap();
    assert_refused(litellm, &jump, None, "gpt-4o-mini", "input_cost_per_token", "1000x or more").await;
    let mut tier = december();
    tier["gpt-4o-mini"]["input_cost_per_token_above_99999999999999k_tokens"] = json!(1e-6);
    tier["gpt-4o-mini"]["output_cost_per_token_above_99999999999999k_tokens"] = json!(2e-6);
    let tier = serde_json::to_vec(&tier).unwrap();
    assert_refused(
        litellm,
        &tier,
        None,
        "gpt-4o-mini",
        "input_cost_per_token_above_99999999999999k_tokens",
        "tier threshold",
    )
    .await;
    let huge = vec![b' '; (import::json::MAX_FILE_BYTES + 1) as usize];
    assert_refused(litellm, &huge, None, "(file)", "(size)", "larger than the 32 MiB").await;
}

#[tokio::test]
async fn a_price_jump_the_import_is_told_about_is_applied() {
    let db = Db::new(true).await;
    let mut jump = december();
    jump["gpt-4o-mini"]["input_cost_per_token"] = json!(1.5e-4);
    let path = db.file("jump.json", &serde_json::to_vec(&jump).unwrap());
    run(&db, Kind::Litellm { allow_price_jump: true }, &path, false, None).await.expect("applied with the flag");
}

#[tokio::test]
async fn scores_refusals() {
    let header = "model,benchmark,value,source,date,independent,note\n";
    let row = |r: &str| format!("{header}{r}\n");
    for (r, field, problem) in [
        (
            "gpt-4o-mini,eci,1.7e308,epoch-eci-2025-11-07,2025-11-07,true,",
            "value",
            "an index benchmark takes values from 0 to 1,000",
        ),
        ("gpt-4o-mini,eci,-9e307,epoch-eci-2025-11-07,2025-11-07,true,", "value", "out of range"),
        ("gpt-4o-mini,gpqa-diamond,1.5,epoch-2025-11-17,2025-11-07,true,", "value", "from 0 to 1"),
        ("gpt-4o-mini,eci,130,epoch-eci-2025-11-07,2025-02-30,true,", "date", "not a YYYY-MM-DD date"),
        ("gpt-4o-mini,eci,130,epoch-eci-2025-11-07,2025-11-07,true,\u{1b}[31m", "note", "control characters"),
    ] {
        assert_refused(Kind::Scores, row(r).as_bytes(), None, "line 2", field, problem).await;
    }
    let long_note = row(&format!("gpt-4o-mini,eci,130,epoch-eci-2025-11-07,2025-11-07,true,{}", "n".repeat(3000)));
    assert_refused(Kind::Scores, long_note.as_bytes(), None, "line 2", "note", "at most 2000").await;
    let script = NewSource {
        id: "x".into(),
        title: "X".into(),
        url: "javascript:alert(document.domain)".into(),
        license: "MIT".into(),
    };
    let csv = row("gpt-4o-mini,eci,130,x,2025-11-07,true,");
    assert_refused(
        Kind::Scores,
        csv.as_bytes(),
        Some(&script),
        "(command line)",
        "--source-url",
        "http:// or https://",
    )
    .await;
}

/// The seed as JSON, edited by `edit`.
fn seed_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut seed: Value = serde_json::from_str(db::SEED_JSON).unwrap();
    edit(&mut seed);
    serde_json::to_vec(&seed).unwrap()
}

fn model<'a>(seed: &'a mut Value, slug: &str) -> &'a mut Value {
    seed["models"].as_array_mut().unwrap().iter_mut().find(|m| m["slug"] == slug).unwrap()
}

/// Refuses each edited seed (or raw file) as a dataset import, dry and real; every message
/// names the case's entry and field.
async fn assert_datasets_refused(cases: Vec<(Vec<u8>, &str, &str, &str)>) {
    for (contents, entry, field, problem) in cases {
        assert_refused(Kind::Dataset, &contents, None, entry, field, problem).await;
    }
}

#[tokio::test]
async fn dataset_numbers_past_what_the_database_stores_are_refused_by_the_dry_run_too() {
    assert_datasets_refused(vec![
        (
            seed_with(|s| {
                model(s, "gpt-5-4")["prices"][0]["rates"][0]["above_tokens"] = json!(9_223_372_036_854_775_808u64);
            }),
            "models[gpt-5-4].prices[0]",
            "rates[0]",
            "more than the 100000000",
        ),
        (
            seed_with(|s| model(s, "gpt-4o-mini")["context_window"] = json!(u64::MAX)),
            "models[gpt-4o-mini]",
            "context_window",
            "18446744073709551615 tokens",
        ),
        (
            seed_with(|s| model(s, "gpt-4o-mini")["scores"][0]["value"] = json!(1.7e308)),
            "models[gpt-4o-mini].scores[0]",
            "value",
            "from 0 to 1,000",
        ),
        (
            // rates[1] is the standard output rate: the card lists input, then output, first.
            seed_with(|s| model(s, "gpt-4o-mini")["prices"][0]["rates"][1]["usd"] = json!("150000")),
            "models[gpt-4o-mini].prices[0]",
            "rates[1]",
            "above the $1000 ceiling",
        ),
    ])
    .await;
}

#[tokio::test]
async fn dataset_duplicates_are_refused_by_the_dry_run_too() {
    assert_datasets_refused(vec![
        (
            seed_with(|s| {
                let first = s["providers"][0].clone();
                s["providers"].as_array_mut().unwrap().push(first);
            }),
            "providers[",
            "slug",
            "duplicate provider",
        ),
        (
            seed_with(|s| {
                let first = s["benchmarks"][0].clone();
                s["benchmarks"].as_array_mut().unwrap().push(first);
            }),
            "benchmarks[eci]",
            "slug",
            "duplicate benchmark",
        ),
        (
            seed_with(|s| {
                let first = model(s, "gpt-4o-mini")["scores"][0].clone();
                model(s, "gpt-4o-mini")["scores"].as_array_mut().unwrap().push(first);
            }),
            "models[gpt-4o-mini].scores[",
            "source",
            "a second score",
        ),
        (br#"{"format": "llm-compare-dataset", "format": "x"}"#.to_vec(), "line 1 column", "(json)", "given twice"),
    ])
    .await;
}

#[tokio::test]
async fn dataset_urls_dates_and_names_the_pages_cannot_show_are_refused_by_the_dry_run_too() {
    assert_datasets_refused(vec![
        (
            seed_with(|s| s["sources"][0]["url"] = json!("javascript:alert(document.domain)")),
            "sources[",
            "url",
            "http:// or https://",
        ),
        (
            seed_with(|s| model(s, "gpt-4o-mini")["release_date"] = json!("2025-02-30")),
            "models[gpt-4o-mini]",
            "release_date",
            "not a YYYY-MM-DD date",
        ),
        (
            seed_with(|s| model(s, "gpt-4o-mini")["name"] = json!("x".repeat(3000))),
            "models[gpt-4o-mini]",
            "name",
            "at most 2000",
        ),
    ])
    .await;
}

#[test]
fn the_binary_refuses_a_database_url_whose_file_does_not_exist() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("typo.db");
    let csv = dir.path().join("s.csv");
    std::fs::write(&csv, "model,benchmark,value,source,date,independent\n").unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_llm-compare"))
            .args(["import", "scores", csv.to_str().unwrap()])
            .args(extra)
            .env("DATABASE_URL", format!("sqlite://{}", missing.display()))
            .output()
            .unwrap()
    };
    let out = run(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("no database at") && stderr.contains("--create-database"), "{stderr}");
    assert!(!missing.exists(), "no file was created");
    let out = run(&["--create-database"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(missing.exists());
}
