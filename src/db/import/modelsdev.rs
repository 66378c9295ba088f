//! `import modelsdev`: names, release dates, limits, open weights, knowledge cutoff and status
//! from models.dev's `api.json`, for every model whose catalog entry names a models.dev id.
//! Fields the catalog sets by hand (`model_pins`) are left alone, and so is a status that has
//! a dated shutdown (LiteLLM's `deprecation_date` or a provider's page): models.dev's
//! `deprecated` carries no date.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use sqlx::SqliteConnection;

use super::modelsdev_file::{ModelRecord, parse_api};
use super::{ImportError, ImportOptions, Outcome, begin, finish, rejected};

/// Where models.dev is published, cited by the import's source row.
const MODELSDEV_URL: &str = "https://models.dev";

/// What a models.dev import changes; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModelsDevReport {
    /// The file's name.
    pub file: String,
    /// Model records in the file.
    pub records: usize,
    /// The source the changed figures cite.
    pub source_id: String,
    /// One line per changed field: `model: field old → new`.
    pub changes: Vec<String>,
    /// Models whose models.dev id the file lacks.
    pub missing: Vec<(String, String)>,
    /// Records that inherit from a shared record the file does not hold, so lack fields.
    pub stubs: Vec<(String, String)>,
}

impl fmt::Display for ModelsDevReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "models.dev file {}: {} model records", self.file, self.records)?;
        writeln!(f, "Source cited: {}", self.source_id)?;
        writeln!(f, "Changes: {}", self.changes.len())?;
        for c in &self.changes {
            writeln!(f, "  {c}")?;
        }
        writeln!(f, "Mapped ids missing from the file: {}", self.missing.len())?;
        for (model, id) in &self.missing {
            writeln!(f, "  {model}: {id}")?;
        }
        if !self.stubs.is_empty() {
            writeln!(f, "Records that inherit from a record the file lacks (their missing fields stay as they were):")?;
            for (model, base) in &self.stubs {
                writeln!(f, "  {model}: base {base}")?;
            }
        }
        if self.changes.is_empty() {
            writeln!(f, "Nothing changes.")?;
        }
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct Stored {
    slug: String,
    name: String,
    release_date: Option<String>,
    release_date_source: Option<String>,
    context_window: Option<i64>,
    max_output: Option<i64>,
    max_input: Option<i64>,
    limits_source: Option<String>,
    open_weights: Option<bool>,
    open_weights_source: Option<String>,
    status: String,
    deprecation_date: Option<String>,
    status_source: Option<String>,
    knowledge_cutoff: Option<String>,
    knowledge_cutoff_source: Option<String>,
    modelsdev_id: Option<String>,
}

/// The values one model gets, whole; written only when they differ from what is stored.
#[derive(Debug, Clone, PartialEq)]
struct Update {
    slug: String,
    name: String,
    release: (Option<String>, Option<String>),
    limits: (Option<i64>, Option<i64>, Option<i64>, Option<String>),
    open_weights: (Option<bool>, Option<String>),
    status: (String, Option<String>),
    knowledge: (Option<String>, Option<String>),
}

/// Imports the models.dev file at `path`, citing `cite` (a source the catalog declares) or a
/// new `modelsdev-import-{date}` source.
pub async fn import_modelsdev(
    pool: &sqlx::SqlitePool,
    path: &Path,
    options: &ImportOptions,
    cite: Option<&str>,
) -> Result<Outcome<ModelsDevReport>, ImportError> {
    let label = path.display().to_string();
    let file_name = path.file_name().map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned());
    let text = super::read_text(path)?;
    let file = parse_api(text.as_bytes()).map_err(|p| rejected(&label, p.entry, p.field, p.problem))?;

    let mut tx = begin(pool).await?;
    let sources: HashMap<String, String> =
        sqlx::query_as("SELECT id, title FROM sources").fetch_all(&mut *tx).await?.into_iter().collect();
    let title = format!("models.dev api.json {file_name}, imported {}", options.as_of.iso());
    let (source_id, create) = match cite {
        Some(id) if sources.contains_key(id) => (id.to_owned(), false),
        Some(id) => {
            return Err(ImportError::Refused(format!(
                "{label}: --source-id {id} is not a source in the database: declare it in the catalog first"
            )));
        }
        None => {
            let id = format!("modelsdev-import-{}", options.as_of.iso());
            let exists = sources.get(&id).is_some_and(|t| *t == title);
            if sources.contains_key(&id) && !exists {
                return Err(ImportError::Refused(format!(
                    "{label}: source {id} exists with another title: pass --source-id"
                )));
            }
            (id, !exists)
        }
    };

    let stored: Vec<Stored> = sqlx::query_as(
        "SELECT slug, name, release_date, release_date_source, context_window, max_output, max_input, limits_source,
                open_weights, open_weights_source, status, deprecation_date, status_source, knowledge_cutoff,
                knowledge_cutoff_source, modelsdev_id
         FROM models WHERE modelsdev_id IS NOT NULL ORDER BY slug",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut pins: HashMap<String, Vec<String>> = HashMap::new();
    for (model, field) in
        sqlx::query_as::<_, (String, String)>("SELECT model, field FROM model_pins").fetch_all(&mut *tx).await?
    {
        pins.entry(model).or_default().push(field);
    }

    let mut report =
        ModelsDevReport { file: file_name, records: file.models, source_id: source_id.clone(), ..Default::default() };
    let mut updates = Vec::new();
    for m in &stored {
        let id = m.modelsdev_id.as_deref().unwrap_or_default();
        let record = file.record(id).map_err(|p| rejected(&label, p.entry, p.field, p.problem))?;
        let Some(record) = record else {
            report.missing.push((m.slug.clone(), id.to_owned()));
            continue;
        };
        if let Some(base) = &record.unresolved_base {
            report.stubs.push((m.slug.clone(), base.clone()));
        }
        let pinned = |field: &str| pins.get(&m.slug).is_some_and(|p| p.iter().any(|f| f == field));
        let (old, new) = update_for(m, &record, &source_id, &pinned);
        if old != new {
            describe(&mut report.changes, &old, &new);
            updates.push(new);
        }
    }
    let changes = !report.changes.is_empty();
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        if create {
            sqlx::query("INSERT INTO sources (id, title, url, license, as_of) VALUES (?, ?, ?, 'MIT', ?)")
                .bind(&source_id)
                .bind(&title)
                .bind(MODELSDEV_URL)
                .bind(options.as_of.iso())
                .execute(&mut *tx)
                .await?;
        }
        apply(&mut tx, &updates).await?;
    }
    finish(tx, report, changes, options.dry_run).await
}

/// What is stored, and what it becomes with `r`'s figures.
fn update_for(m: &Stored, r: &ModelRecord, source: &str, pinned: &dyn Fn(&str) -> bool) -> (Update, Update) {
    let old = Update {
        slug: m.slug.clone(),
        name: m.name.clone(),
        release: (m.release_date.clone(), m.release_date_source.clone()),
        limits: (m.context_window, m.max_output, m.max_input, m.limits_source.clone()),
        open_weights: (m.open_weights, m.open_weights_source.clone()),
        status: (m.status.clone(), m.status_source.clone()),
        knowledge: (m.knowledge_cutoff.clone(), m.knowledge_cutoff_source.clone()),
    };
    let mut new = old.clone();
    let src = Some(source.to_owned());
    if let Some(name) = r.name.as_ref().filter(|_| !pinned("name")) {
        new.name = name.clone();
    }
    if let Some(d) = r.release_date.as_ref().filter(|_| !pinned("release_date")) {
        new.release = (Some(d.iso().to_owned()), src.clone());
    }
    // All three limits come from one record, or none: a window from here and an output limit
    // from elsewhere would cite one source for two.
    if let (Some(context), Some(output), false) = (r.context, r.output, pinned("limits")) {
        let input = r.input.filter(|i| *i < context);
        new.limits = (Some(context as i64), Some(output as i64), input.map(|i| i as i64), src.clone());
    }
    if let Some(w) = r.open_weights {
        new.open_weights = (Some(w), src.clone());
    }
    if let Some(k) = &r.knowledge {
        new.knowledge = (Some(k.clone()), src.clone());
    }
    // A dated shutdown (LiteLLM, a provider's page) says more than models.dev's undated label.
    if !pinned("status") && m.deprecation_date.is_none() {
        let status = if r.status.as_deref() == Some("deprecated") { "deprecated" } else { "active" };
        // An undated "retired" from elsewhere is not undone by a record that still lists the model.
        if m.status != "retired" {
            new.status = (status.to_owned(), src);
        }
    }
    (old, new)
}

fn describe(out: &mut Vec<String>, old: &Update, new: &Update) {
    let mut line = |field: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{}: {field} {a} → {b}", old.slug));
        }
    };
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_owned());
    let count = |v: Option<i64>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
    line("name", old.name.clone(), new.name.clone());
    line("release_date", opt(&old.release.0), opt(&new.release.0));
    line("context_window", count(old.limits.0), count(new.limits.0));
    line("max_output", count(old.limits.1), count(new.limits.1));
    line("max_input", count(old.limits.2), count(new.limits.2));
    line("limits_source", opt(&old.limits.3), opt(&new.limits.3));
    line(
        "open_weights",
        old.open_weights.0.map_or("none".into(), |b| b.to_string()),
        new.open_weights.0.map_or("none".into(), |b| b.to_string()),
    );
    line("knowledge_cutoff", opt(&old.knowledge.0), opt(&new.knowledge.0));
    line("status", old.status.0.clone(), new.status.0.clone());
    if old.release.0 == new.release.0 {
        line("release_date_source", opt(&old.release.1), opt(&new.release.1));
    }
    if old.status.0 == new.status.0 {
        line("status_source", opt(&old.status.1), opt(&new.status.1));
    }
}

async fn apply(conn: &mut SqliteConnection, updates: &[Update]) -> Result<(), ImportError> {
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
        .bind(u.limits.0)
        .bind(u.limits.1)
        .bind(u.limits.2)
        .bind(&u.limits.3)
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
