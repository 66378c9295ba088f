//! `import scores`: a CSV of benchmark results adds and updates scores, a repeat changes nothing,
//! bad rows are refused naming the line and field, and a source given on the command line is
//! created with the rows that cite it.

use std::path::Path;

use crate::support::{DECEMBER, TestDb, fixture, options};
use llm_compare::db::import::{self, ImportError, NewSource, Outcome, ScoresReport};

/// Imports the scores CSV at `path` into `db`, dated [`DECEMBER`].
async fn import_scores(
    db: &TestDb,
    path: &Path,
    dry_run: bool,
    source: Option<&NewSource>,
) -> Result<Outcome<ScoresReport>, ImportError> {
    let pool = db.open().await;
    let outcome = import::import_scores(&pool, path, &options(dry_run, DECEMBER), source).await;
    pool.close().await;
    outcome
}

#[tokio::test]
async fn a_scores_csv_adds_two_rows_updates_one_and_reports_what_its_dry_run_reported() {
    let db = TestDb::seeded().await;
    let good = fixture("scores/good.csv");
    let dry = import_scores(&db, &good, true, None).await.expect("dry run");
    let before = db.bytes();
    let applied = import_scores(&db, &good, false, None).await.expect("import");
    assert_eq!(dry.report.to_string(), applied.report.to_string());
    let r = &applied.report;
    assert_eq!((r.added.len(), r.updated.len(), r.unchanged), (2, 1, 2), "{r}");
    insta::assert_snapshot!("good_scores_report", r.to_string());
    assert_ne!(db.bytes(), before);
}

#[tokio::test]
async fn an_updated_score_stores_its_new_value_date_and_note_and_a_quoted_note_may_span_lines() {
    let db = TestDb::seeded().await;
    import_scores(&db, &fixture("scores/good.csv"), false, None).await.expect("import");
    let pool = db.open().await;
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
}

#[tokio::test]
async fn the_same_scores_csv_imported_twice_changes_nothing_the_second_time() {
    let db = TestDb::seeded().await;
    let good = fixture("scores/good.csv");
    import_scores(&db, &good, false, None).await.expect("import");
    let before = db.bytes();
    let again = import_scores(&db, &good, false, None).await.unwrap();
    assert_eq!((again.revision, again.report.unchanged), (None, 5));
    assert_eq!(db.bytes(), before);
}

const HEADER: &str = "model,benchmark,value,source,date,independent\n";

#[tokio::test]
async fn a_scores_row_with_a_bad_field_is_rejected_naming_its_line_and_field_and_changes_nothing() {
    let db = TestDb::seeded().await;
    let before = db.bytes();
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
        let path = db.file(name, &format!("{HEADER}{ok_row}{body}"));
        match import_scores(&db, &path, false, None).await {
            Err(ImportError::Invalid(r)) => {
                assert_eq!((r.entry.as_str(), r.field.as_str()), (entry, field), "{name}: {r}");
                assert!(r.to_string().contains(name), "{name}: {r}");
            }
            other => panic!("{name}: expected a rejection, got {other:?}"),
        }
        assert_eq!(db.bytes(), before, "{name}: the database file changed");
    }
}

#[tokio::test]
async fn a_new_source_declared_on_the_command_line_is_created_with_the_rows_that_cite_it() {
    let db = TestDb::seeded().await;
    let path = db.file("new-source.csv", &format!("{HEADER}o1,gpqa-diamond,0.7,lab-2026,2026-12-01,false\n"));
    let source = NewSource {
        id: "lab-2026".into(),
        title: "A lab's blog".into(),
        url: "https://example.com".into(),
        license: "quoted".into(),
    };
    let outcome = import_scores(&db, &path, false, Some(&source)).await.unwrap();
    assert_eq!(outcome.report.new_source.as_ref(), Some(&source));
    let pool = db.open().await;
    let as_of: String =
        sqlx::query_scalar("SELECT as_of FROM sources WHERE id = 'lab-2026'").fetch_one(&pool).await.unwrap();
    assert_eq!(as_of, DECEMBER);
    pool.close().await;
}
