//! `import catalog` and `import modelsdev` on small files: the same guarantees as every import
//! (one transaction, a report of every change, refusals naming file, entry and field, the
//! database byte for byte unchanged on bad input or a repeat).

use std::path::PathBuf;

use llm_compare::db;
use llm_compare::db::import::{self, ImportError, ImportOptions};
use llm_compare::domain::model::Date;
use tempfile::TempDir;

const CATALOG: &str = r#"
[[source]]
id = "vendor-gpt-9"
title = "OpenAI: introducing GPT-9"
url = "https://example.com/gpt-9"
license = "facts quoted with attribution"
as_of = "2026-11-30"

[[provider]]
slug = "openai"
name = "OpenAI"
api_host = "OpenAI API"

[[model]]
id = "gpt-9"
provider = "openai"
litellm = ["gpt-9"]
modelsdev = "openai/gpt-9"

[[model]]
id = "gpt-9-mini"
provider = "openai"
name = "GPT-9 mini"
litellm = ["gpt-9-mini"]
modelsdev = "openai/gpt-9-mini"
release = { date = "2026-11-30", source = "vendor-gpt-9" }
"#;

const API: &str = r#"{"openai": {"id": "openai", "models": {
  "gpt-9": {"id": "gpt-9", "name": "GPT-9", "release_date": "2026-11-01", "knowledge": "2026-06",
            "open_weights": false, "limit": {"context": 1000000, "input": 900000, "output": 128000}},
  "gpt-9-mini": {"id": "gpt-9-mini", "name": "GPT-9 Mini", "release_date": "2026-11-02", "status": "deprecated",
                 "limit": {"context": 400000, "output": 64000}}
}}}"#;

struct Db {
    dir: TempDir,
    url: String,
}

impl Db {
    fn new() -> Self {
        let dir = TempDir::new().unwrap();
        let url = format!("sqlite://{}/t.db", dir.path().display());
        Self { dir, url }
    }
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.dir.path().join("t.db")).unwrap()
    }
}

fn options(dry_run: bool) -> ImportOptions {
    ImportOptions { dry_run, as_of: Date::parse("2026-07-02").unwrap(), allow_price_jump: false }
}

#[tokio::test]
async fn a_catalog_adds_models_once_and_models_dev_fills_what_is_not_pinned() {
    let db = Db::new();
    let pool = db::open_empty(&db.url).await.unwrap();
    let path = db.file("catalog.toml", CATALOG);
    let dry = import::import_catalog(&pool, &path, true).await.unwrap();
    assert_eq!(dry.revision, None);
    let done = import::import_catalog(&pool, &path, false).await.unwrap();
    assert_eq!(dry.report, done.report, "a dry run reports what a real run does");
    let text = done.report.to_string();
    assert!(text.contains("model gpt-9 added: gpt-9 (openai), keys gpt-9"), "{text}");
    assert!(text.contains("model gpt-9-mini: set by hand [] → [name, release_date]"), "{text}");
    let before = db.bytes();
    let again = import::import_catalog(&pool, &path, false).await.unwrap();
    assert!(again.report.changes.is_empty() && again.revision.is_none(), "{}", again.report);
    assert_eq!(db.bytes(), before, "a repeat writes nothing");

    let api = db.file("api.json", API);
    let md = import::import_modelsdev(&pool, &api, &options(false), None).await.unwrap();
    let changes = md.report.changes.join("\n");
    for line in [
        "gpt-9: name gpt-9 → GPT-9",
        "gpt-9: release_date none → 2026-11-01",
        "gpt-9: max_input none → 900000",
        "gpt-9: knowledge_cutoff none → 2026-06",
        "gpt-9-mini: context_window none → 400000",
        "gpt-9-mini: status active → deprecated",
    ] {
        assert!(changes.contains(line), "{line}: {changes}");
    }
    assert!(!changes.contains("gpt-9-mini: name"), "a name set by hand stays: {changes}");
    assert!(!changes.contains("gpt-9-mini: release_date"), "a pinned release date stays: {changes}");
    let file = db::export_dataset(&pool).await.unwrap();
    let mini = file.models.iter().find(|m| m.slug == "gpt-9-mini").unwrap();
    assert_eq!((mini.name.as_str(), mini.release_date.as_deref()), ("GPT-9 mini", Some("2026-11-30")));
    assert_eq!(md.report.source_id, "modelsdev-import-2026-07-02");
    let before = db.bytes();
    let again = import::import_modelsdev(&pool, &api, &options(false), None).await.unwrap();
    assert!(again.report.changes.is_empty() && again.revision.is_none());
    assert_eq!(db.bytes(), before);
    pool.close().await;
}

#[tokio::test]
async fn a_bad_catalog_or_models_dev_file_changes_nothing_and_says_where() {
    let db = Db::new();
    let pool = db::open_empty(&db.url).await.unwrap();
    import::import_catalog(&pool, &db.file("catalog.toml", CATALOG), false).await.unwrap();
    let before = db.bytes();
    let bad = db.file(
        "bad.toml",
        &CATALOG.replace("provider = \"openai\"\nname = \"GPT-9 mini\"", "provider = \"acme\"\nname = \"GPT-9 mini\""),
    );
    match import::import_catalog(&pool, &bad, false).await {
        Err(ImportError::Invalid(r)) => {
            assert_eq!((r.entry.as_str(), r.field.as_str()), ("model[gpt-9-mini]", "provider"), "{r}");
            assert!(r.file.ends_with("bad.toml"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let bad = db.file("bad.json", &API.replace("\"context\": 400000", "\"context\": 4e9"));
    match import::import_modelsdev(&pool, &bad, &options(false), None).await {
        Err(ImportError::Invalid(r)) => {
            assert_eq!((r.entry.as_str(), r.field.as_str()), ("openai/gpt-9-mini", "limit.context"), "{r}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let truncated = db.file("cut.json", &API[..API.len() / 2]);
    assert!(matches!(
        import::import_modelsdev(&pool, &truncated, &options(false), None).await,
        Err(ImportError::Invalid(_))
    ));
    let unknown = import::import_modelsdev(&pool, &db.file("api.json", API), &options(false), Some("nope")).await;
    assert!(matches!(unknown, Err(ImportError::Refused(_))), "{unknown:?}");
    pool.close().await;
    assert_eq!(db.bytes(), before, "nothing was written");
}
