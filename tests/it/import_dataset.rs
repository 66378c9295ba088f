//! `export` and `import dataset`: a round trip through an empty database gives the same bytes,
//! keeps what the seed holds, and a second import into a full database is refused.

use crate::support::{TestDb, import_december, rows_in};
use llm_compare::db::import::{self, ImportError};
use llm_compare::db::{self, DatasetFile};

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
    assert_eq!(rows_in(&pool, "models").await, 0, "the dry run wrote models");
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
