//! The SQL writes of a scores import: the declared source when the import creates it, the
//! scores it adds, and the stored scores it updates.

use sqlx::SqliteConnection;

use super::super::{ImportError, insert_source};
use super::report::ScoresReport;
use crate::domain::model::Date;

/// Writes what the report says changes, inside the import's transaction.
pub(super) async fn apply(conn: &mut SqliteConnection, report: &ScoresReport, as_of: &Date) -> Result<(), ImportError> {
    if let Some(s) = &report.new_source {
        insert_source(conn, &s.id, &s.title, &s.url, &s.license, as_of).await?;
    }
    for r in &report.added {
        sqlx::query(
            "INSERT INTO scores (model, benchmark, value, independent, source, as_of, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&r.model)
        .bind(&r.benchmark)
        .bind(r.value)
        .bind(r.independent)
        .bind(&r.source)
        .bind(r.date.iso())
        .bind(&r.note)
        .execute(&mut *conn)
        .await?;
    }
    for u in &report.updated {
        let r = &u.row;
        sqlx::query(
            "UPDATE scores SET value = ?, independent = ?, as_of = ?, note = ? WHERE model = ? AND benchmark = ? AND source = ?",
        )
        .bind(r.value)
        .bind(r.independent)
        .bind(r.date.iso())
        .bind(&r.note)
        .bind(&r.model)
        .bind(&r.benchmark)
        .bind(&r.source)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
