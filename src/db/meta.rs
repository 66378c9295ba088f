//! The dataset's revision: a counter in `dataset_meta` that every write command raises in
//! its own transaction, so a running server can tell cheaply that the data changed.

use sqlx::{SqliteConnection, SqlitePool};

use super::DbError;

/// The `dataset_meta` key of the revision counter.
const REVISION_KEY: &str = "revision";

/// The dataset's revision: 0 until the first command that writes, then raised by one for
/// every command that wrote something.
pub async fn revision(pool: &SqlitePool) -> Result<i64, DbError> {
    let mut conn = pool.acquire().await?;
    revision_in(&mut conn).await
}

/// [`revision`] on a connection the caller holds (inside its transaction).
pub(crate) async fn revision_in(conn: &mut SqliteConnection) -> Result<i64, DbError> {
    let text: Option<String> = sqlx::query_scalar("SELECT value FROM dataset_meta WHERE key = ?")
        .bind(REVISION_KEY)
        .fetch_optional(&mut *conn)
        .await?;
    match text {
        None => Ok(0),
        Some(t) => {
            t.parse().map_err(|_| DbError::Inconsistent(format!("dataset_meta.revision is `{t}`, not a whole number")))
        }
    }
}

/// Raises the revision by one inside the caller's transaction and returns the new value.
pub(crate) async fn bump_revision(conn: &mut SqliteConnection) -> Result<i64, DbError> {
    let next = revision_in(conn).await? + 1;
    sqlx::query(
        "INSERT INTO dataset_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(REVISION_KEY)
    .bind(next.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(next)
}
