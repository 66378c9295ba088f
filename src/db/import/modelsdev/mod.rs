//! `import modelsdev`: names, release dates, limits, open weights, knowledge cutoff and status
//! from models.dev's `api.json`, for every model whose catalog entry names a models.dev id.
//! Fields the catalog sets by hand (`model_pins`) are left alone, and so is a status that has
//! a dated shutdown (LiteLLM's `deprecation_date` or a provider's page): models.dev's
//! `deprecated` carries no date.
//!
//! The steps, one module each: parse the file ([`api_file`], pure), [`read`] the database's
//! state, [`plan`] the changes (pure), and [`apply`] them; [`report`] is what the command
//! prints.

pub mod api_file;
mod apply;
mod plan;
mod read;
mod report;

use std::path::Path;

pub use report::ModelsDevReport;

use super::{ImportError, ImportOptions, Outcome, begin, finish, names_of, read_text, rejected};

/// Imports the models.dev file at `path`, citing `cite` (a source the catalog declares) or a
/// new `modelsdev-import-{date}` source.
pub async fn import_modelsdev(
    pool: &sqlx::SqlitePool,
    path: &Path,
    options: &ImportOptions,
    cite: Option<&str>,
) -> Result<Outcome<ModelsDevReport>, ImportError> {
    let (label, file_name) = names_of(path);
    let text = read_text(path)?;
    let file = api_file::parse_api(text.as_bytes()).map_err(|p| rejected(&label, p.entry, p.field, p.problem))?;

    let mut tx = begin(pool).await?;
    let current = read::Current::read(&mut tx).await?;
    let plan = plan::plan(&label, file_name, &file, &current, cite, &options.as_of)?;
    let changes = !plan.report.changes.is_empty();
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        apply::apply(&mut tx, &plan, &options.as_of).await?;
    }
    finish(tx, plan.report, changes, options.dry_run).await
}
