//! `import scores`: a CSV of benchmark results adds and updates scores, a repeat changes nothing,
//! bad rows are refused naming the line and field, and a source given on the command line is
//! created with the rows that cite it.

use crate::support::{DECEMBER, TestDb, fixture, options};
use llm_compare::db::import::{self, ImportError, NewSource};

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
