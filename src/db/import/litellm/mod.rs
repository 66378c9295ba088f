//! Importing a LiteLLM price map (`model_prices_and_context_window.json`): per-token USD
//! costs keyed by model name. Our models name their keys in `model_price_keys`; nothing is
//! matched by name. A mapped key whose rates or window hours differ from the model's current
//! card closes the current period on the import date and opens a new one; identical rates only
//! move the "last checked" date forward. Listed fees never open a period: a fee the map newly
//! lists joins the current card with this import as its source and date, one it no longer
//! lists leaves it. This is the only LiteLLM parser: `scripts/build-seed.sh` builds
//! the seed's prices with it.
//!
//! The steps, one module each: [`read`] the database's state, parse each entry into a rate
//! card ([`price_map`], pure), [`plan`] the changes (pure), and [`apply`] them; [`report`] is
//! what the command prints.

mod apply;
mod plan;
mod price_map;
mod read;
mod report;

use std::path::Path;

pub use report::{FeeChange, FieldChange, LimitDifference, LitellmReport, PriceChange};

use super::{ImportError, ImportOptions, Outcome, begin, finish, litellm_facts, names_of, read_text, rejected};

/// Where LiteLLM's price map is published, cited by the import's source row.
const LITELLM_URL: &str = "https://github.com/BerriAI/litellm";

/// The price map's license.
const LITELLM_LICENSE: &str = "MIT";

/// Imports the price map at `path`: see the module documentation. The whole file is checked
/// before anything is written; any problem rejects it naming the file, the key and the field.
pub async fn import_litellm(
    pool: &sqlx::SqlitePool,
    path: &Path,
    options: &ImportOptions,
) -> Result<Outcome<LitellmReport>, ImportError> {
    import_litellm_citing(pool, path, options, None).await
}

/// [`import_litellm`], citing `cite` (a source the catalog declares, such as
/// `litellm-1.110.2`) instead of a new `litellm-import-{date}` source.
pub async fn import_litellm_citing(
    pool: &sqlx::SqlitePool,
    path: &Path,
    options: &ImportOptions,
    cite: Option<&str>,
) -> Result<Outcome<LitellmReport>, ImportError> {
    let (label, file_name) = names_of(path);
    let text = read_text(path)?;
    let (entries, duplicated) = super::json::parse_entries(&text).map_err(|e| {
        rejected(
            &label,
            format!("line {} column {}", e.line, e.column),
            "(json)",
            format!("not a JSON object of model keys: {}", e.problem),
        )
    })?;
    for (key, entry) in &entries {
        if !entry.is_object() {
            return Err(rejected(&label, key, "(entry)", format!("is {}, not an object", super::json::kind(entry))));
        }
    }

    let mut tx = begin(pool).await?;
    let current = read::Current::read(&mut tx).await?;
    // A key given twice is refused only if one of our models reads it (see `json`).
    if let Some(key) = duplicated.iter().find(|k| current.keys.iter().any(|(_, ours)| ours == *k)) {
        return Err(rejected(&label, key, "(key)", "is given twice in the file: which of its values is meant?"));
    }
    if let Some(id) = cite
        && !current.sources.contains_key(id)
    {
        return Err(ImportError::Refused(format!(
            "{label}: --source-id {id} is not a source in the database: declare it in the catalog first"
        )));
    }
    let stored = litellm_facts::read_stored(&mut tx, LITELLM_URL).await?;
    let dates = litellm_facts::litellm_source_dates(&mut tx, LITELLM_URL).await?;
    let plan = plan::plan(&label, &file_name, &entries, &current, options, cite, &(stored, dates))?;
    let changes = plan.report.changes_anything();
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        apply::apply(&mut tx, &plan, &options.as_of).await?;
    }
    finish(tx, plan.report, changes, options.dry_run).await
}
