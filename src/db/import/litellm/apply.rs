//! The SQL writes of a LiteLLM import: the source row, closed and new price periods (each
//! with its whole rate card), facts, and confirmations.

use sqlx::SqliteConnection;

use super::super::{ImportError, insert_source, litellm_facts};
use super::plan::Plan;
use super::{LITELLM_LICENSE, LITELLM_URL};
use crate::domain::model::{Date, PriceSchedule};

/// Writes the plan inside the import's transaction.
pub(super) async fn apply(conn: &mut SqliteConnection, plan: &Plan, as_of: &Date) -> Result<(), ImportError> {
    let source = &plan.report.source_id;
    if !plan.source_exists {
        insert_source(conn, source, &plan.source_title, LITELLM_URL, LITELLM_LICENSE, as_of).await?;
    }
    for (close, model, p) in &plan.writes {
        if let Some(id) = close {
            sqlx::query("UPDATE prices SET effective_to = ? WHERE id = ?")
                .bind(as_of.iso())
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        let period = PriceSchedule {
            effective_from: as_of.clone(),
            effective_to: None,
            rates: p.clone(),
            source: source.as_str().into(),
            last_seen_in: source.as_str().into(),
        };
        crate::db::write::insert_price_period(&mut *conn, model, &period).await?;
    }
    for (id, fees) in &plan.fee_writes {
        crate::db::rate_card::replace_fees(&mut *conn, *id, fees).await?;
    }
    for f in &plan.fact_writes {
        litellm_facts::write(&mut *conn, f).await?;
    }
    for id in &plan.confirms {
        sqlx::query("UPDATE prices SET last_seen_in = ? WHERE id = ?")
            .bind(source)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
