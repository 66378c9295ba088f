//! The SQL writes of a models.dev import: the new source row when it cites one, and each
//! changed model's figures, written whole.

use sqlx::SqliteConnection;

use super::super::{ImportError, insert_source};
use super::plan::{Plan, Update};
use crate::domain::model::Date;

/// Where models.dev is published, cited by the import's source row.
const MODELSDEV_URL: &str = "https://models.dev";

/// models.dev's license.
const MODELSDEV_LICENSE: &str = "MIT";

/// Writes the plan inside the import's transaction.
pub(super) async fn apply(conn: &mut SqliteConnection, plan: &Plan, as_of: &Date) -> Result<(), ImportError> {
    if let Some(title) = &plan.new_source_title {
        insert_source(conn, &plan.report.source_id, title, MODELSDEV_URL, MODELSDEV_LICENSE, as_of).await?;
    }
    write_models(conn, &plan.updates).await
}

async fn write_models(conn: &mut SqliteConnection, updates: &[Update]) -> Result<(), ImportError> {
    for u in updates {
        sqlx::query(
            "UPDATE models SET name = ?, release_date = ?, release_date_source = ?, context_window = ?,
                max_output = ?, max_input = ?, limits_source = ?, open_weights = ?, open_weights_source = ?,
                status = ?, status_source = ?, knowledge_cutoff = ?, knowledge_cutoff_source = ?
             WHERE slug = ?",
        )
        .bind(&u.name)
        .bind(&u.release.0)
        .bind(&u.release.1)
        .bind(u.limits.context_window)
        .bind(u.limits.max_output)
        .bind(u.limits.max_input)
        .bind(&u.limits.source)
        .bind(u.open_weights.0)
        .bind(&u.open_weights.1)
        .bind(&u.status.0)
        .bind(&u.status.1)
        .bind(&u.knowledge.0)
        .bind(&u.knowledge.1)
        .bind(&u.slug)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
