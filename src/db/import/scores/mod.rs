//! Importing benchmark scores from a CSV file with the header
//! `model,benchmark,value,source,date,independent` and an optional `note` column (any order).
//! `independent` is `true`/`independent` for a third party's own run and `false`/`vendor` for a
//! vendor's claim. `source` names an existing source, or the one new source declared on the
//! command line ([`NewSource`]). A row with the same model, benchmark and source as a stored
//! score updates it; any other row adds one.
//!
//! The steps, one module each: check the declared source ([`new_source`]), split the file
//! ([`csv_file`], pure), [`read`] the database's state, [`plan`] the changes (pure), and
//! [`apply`] them; [`report`] is what the command prints.

mod apply;
mod csv_file;
mod new_source;
mod plan;
mod read;
mod report;

use std::path::Path;

use sqlx::SqlitePool;

pub use new_source::NewSource;
pub use report::{ScoreRow, ScoreUpdate, ScoresReport};

use super::{ImportError, ImportOptions, Outcome, begin, finish, names_of, read_text};

/// Imports the scores CSV at `path`, checking every row before writing any.
pub async fn import_scores(
    pool: &SqlitePool,
    path: &Path,
    options: &ImportOptions,
    new_source: Option<&NewSource>,
) -> Result<Outcome<ScoresReport>, ImportError> {
    let (label, file_name) = names_of(path);
    if let Some(s) = new_source {
        s.check(&label)?;
    }
    let text = read_text(path)?;
    let csv = csv_file::parse(&label, &text)?;

    let mut tx = begin(pool).await?;
    let known = read::Known::read(&mut tx).await?;
    let report = plan::plan(&label, file_name, &csv, &known, new_source)?;
    let changes = report.changes_anything();
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        apply::apply(&mut tx, &report, &options.as_of).await?;
    }
    finish(tx, report, changes, options.dry_run).await
}
