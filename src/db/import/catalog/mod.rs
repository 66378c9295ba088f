//! `import catalog`: brings the database in line with the catalog file. New models are added
//! with no figures (the other importers bring them); existing models get the catalog's
//! provider, host, source keys and hand-set facts. A model in the database that the catalog no
//! longer lists is kept and reported: its page and links must not break.
//!
//! The steps, one module each: parse the file ([`toml_file`], pure), [`read`] the database's
//! state, [`plan`] the changes (pure), and [`apply`] them; [`report`] is what the command
//! prints.

mod apply;
mod plan;
mod read;
mod report;
pub mod toml_file;

use std::path::Path;

pub use report::CatalogReport;

use super::{ImportError, Outcome, begin, finish, names_of, read_text, rejected};

/// Applies the catalog at `path`: see the module documentation. The whole file is checked
/// before anything is written.
pub async fn import_catalog(
    pool: &sqlx::SqlitePool,
    path: &Path,
    dry_run: bool,
) -> Result<Outcome<CatalogReport>, ImportError> {
    let (label, file_name) = names_of(path);
    let file =
        toml_file::parse_catalog(&read_text(path)?).map_err(|p| rejected(&label, p.entry, p.field, p.problem))?;

    let mut tx = begin(pool).await?;
    let current = read::Current::read(&mut tx).await?;
    let (report, writes) = plan::plan(&current, &file, &file_name)?;
    let changes = !report.changes.is_empty();
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        apply::apply(&mut tx, &file, &writes).await?;
    }
    finish(tx, report, changes, dry_run).await
}
