//! `import catalog`: brings the database in line with the catalog file. New models are added
//! with no figures (the other importers bring them); existing models get the catalog's
//! provider, host, source keys and hand-set facts. A model in the database that the catalog no
//! longer lists is kept and reported: its page and links must not break.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use sqlx::SqliteConnection;

use super::catalog_file::{CatalogFile, CatalogModel, parse_catalog};
use super::{ImportError, Outcome, begin, finish, read_text, rejected};

/// What `import catalog` changes; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogReport {
    /// The file's name.
    pub file: String,
    /// Models the file lists.
    pub models: usize,
    /// One line per change, in file order.
    pub changes: Vec<String>,
    /// Models in the database the file does not list (kept).
    pub unlisted: Vec<String>,
}

impl fmt::Display for CatalogReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Catalog {}: {} models", self.file, self.models)?;
        writeln!(f, "Changes: {}", self.changes.len())?;
        for c in &self.changes {
            writeln!(f, "  {c}")?;
        }
        if !self.unlisted.is_empty() {
            writeln!(
                f,
                "In the database but not in the catalog (kept, so their pages stay): {}",
                self.unlisted.join(", ")
            )?;
        }
        if self.changes.is_empty() {
            writeln!(f, "Nothing changes.")?;
        }
        Ok(())
    }
}

#[derive(sqlx::FromRow, Clone)]
struct StoredModel {
    slug: String,
    name: String,
    provider: String,
    api_host: String,
    release_date: Option<String>,
    release_date_source: Option<String>,
    status: String,
    deprecation_date: Option<String>,
    status_source: Option<String>,
    modelsdev_id: Option<String>,
    epoch_version: Option<String>,
}

/// One SQL write the plan makes, in order.
enum Write {
    Source(usize, bool),
    Provider(usize, bool),
    Benchmark(usize, bool),
    Model(usize, bool),
    Keys(usize),
    Pins(usize, Vec<&'static str>),
    Speed(usize),
}

/// Applies the catalog at `path`: see the module documentation. The whole file is checked
/// before anything is written.
pub async fn import_catalog(
    pool: &sqlx::SqlitePool,
    path: &Path,
    dry_run: bool,
) -> Result<Outcome<CatalogReport>, ImportError> {
    let label = path.display().to_string();
    let file_name = path.file_name().map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned());
    let file = parse_catalog(&read_text(path)?).map_err(|p| rejected(&label, p.entry, p.field, p.problem))?;

    let mut tx = begin(pool).await?;
    let (report, writes) = plan(&mut tx, &file, &file_name).await?;
    let changes = !report.changes.is_empty();
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        apply(&mut tx, &file, &writes).await?;
    }
    finish(tx, report, changes, dry_run).await
}

fn differs<T: PartialEq + fmt::Debug>(out: &mut Vec<String>, what: &str, field: &str, old: &T, new: &T) -> bool {
    if old == new {
        return false;
    }
    out.push(format!("{what}: {field} {old:?} → {new:?}"));
    true
}

fn api_host(file: &CatalogFile, m: &CatalogModel) -> String {
    m.api_host.clone().or_else(|| file.provider_of(m).map(|p| p.api_host.clone())).unwrap_or_default()
}

fn pins_of(m: &CatalogModel) -> Vec<&'static str> {
    let mut pins = Vec::new();
    if m.name.is_some() {
        pins.push("name");
    }
    if m.release.is_some() || m.release_unknown.is_some() {
        pins.push("release_date");
    }
    if m.status.is_some() {
        pins.push("status");
    }
    if m.limits_from_litellm {
        pins.push("limits");
    }
    pins
}

async fn plan(
    conn: &mut SqliteConnection,
    file: &CatalogFile,
    file_name: &str,
) -> Result<(CatalogReport, Vec<Write>), ImportError> {
    let mut report = CatalogReport { file: file_name.to_owned(), models: file.model.len(), ..Default::default() };
    let mut writes = Vec::new();
    let out = &mut report.changes;

    let sources: HashMap<String, (String, String, String, String)> =
        sqlx::query_as::<_, (String, String, String, String, String)>(
            "SELECT id, title, url, license, as_of FROM sources",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(id, t, u, l, a)| (id, (t, u, l, a)))
        .collect();
    for (i, s) in file.source.iter().enumerate() {
        let new = (s.title.clone(), s.url.clone(), s.license.clone(), s.as_of.clone());
        match sources.get(&s.id) {
            None => {
                out.push(format!("source {} added ({}, {})", s.id, s.title, s.as_of));
                writes.push(Write::Source(i, true));
            }
            Some(old) if *old != new => {
                out.push(format!("source {}: {:?} → {:?}", s.id, old, new));
                writes.push(Write::Source(i, false));
            }
            Some(_) => {}
        }
    }

    let providers: HashMap<String, String> =
        sqlx::query_as("SELECT slug, name FROM providers").fetch_all(&mut *conn).await?.into_iter().collect();
    for (i, p) in file.provider.iter().enumerate() {
        match providers.get(&p.slug) {
            None => {
                out.push(format!("provider {} added ({})", p.slug, p.name));
                writes.push(Write::Provider(i, true));
            }
            Some(old) if differs(out, &format!("provider {}", p.slug), "name", old, &p.name) => {
                writes.push(Write::Provider(i, false));
            }
            Some(_) => {}
        }
    }

    let benchmarks: HashMap<String, (String, String, String, bool)> =
        sqlx::query_as::<_, (String, String, String, String, bool)>(
            "SELECT slug, name, measures, scale, higher_is_better FROM benchmarks",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(s, n, m, sc, h)| (s, (n, m, sc, h)))
        .collect();
    for (i, b) in file.benchmark.iter().enumerate() {
        let new = (b.name.clone(), b.measures.clone(), b.scale.clone(), b.higher_is_better);
        match benchmarks.get(&b.slug) {
            None => {
                out.push(format!("benchmark {} added ({})", b.slug, b.name));
                writes.push(Write::Benchmark(i, true));
            }
            Some(old) if *old != new => {
                out.push(format!("benchmark {}: {:?} → {:?}", b.slug, old, new));
                writes.push(Write::Benchmark(i, false));
            }
            Some(_) => {}
        }
    }

    let stored: Vec<StoredModel> = sqlx::query_as(
        "SELECT slug, name, provider, api_host, release_date, release_date_source, status, deprecation_date,
                status_source, modelsdev_id, epoch_version FROM models ORDER BY rowid",
    )
    .fetch_all(&mut *conn)
    .await?;
    let by_slug: HashMap<&str, &StoredModel> = stored.iter().map(|m| (m.slug.as_str(), m)).collect();
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (model, key) in sqlx::query_as::<_, (String, String)>(
        "SELECT model, litellm_key FROM model_price_keys ORDER BY model, litellm_key",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        keys.entry(model).or_default().push(key);
    }
    let key_owner: HashMap<&str, &str> =
        keys.iter().flat_map(|(m, ks)| ks.iter().map(move |k| (k.as_str(), m.as_str()))).collect();
    let mut pins: HashMap<String, Vec<String>> = HashMap::new();
    for (model, field) in
        sqlx::query_as::<_, (String, String)>("SELECT model, field FROM model_pins ORDER BY model, field")
            .fetch_all(&mut *conn)
            .await?
    {
        pins.entry(model).or_default().push(field);
    }
    // (model, source) -> (tokens per second, seconds to first token, as of).
    type SpeedRows = HashMap<(String, String), (Option<f64>, Option<f64>, String)>;
    let speeds: SpeedRows = sqlx::query_as::<_, (String, String, Option<f64>, Option<f64>, String)>(
        "SELECT model, source, output_tokens_per_s, ttft_s, as_of FROM speeds",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(m, s, o, t, a)| ((m, s), (o, t, a)))
    .collect();

    for (i, m) in file.model.iter().enumerate() {
        let what = format!("model {}", m.id);
        let host = api_host(file, m);
        let (release, release_source) = match &m.release {
            Some(r) => (Some(r.date.clone()), Some(r.source.clone())),
            None => (None, None),
        };
        match by_slug.get(m.id.as_str()) {
            None => {
                let name = m.name.clone().unwrap_or_else(|| m.id.clone());
                out.push(format!("{what} added: {name} ({}), keys {}", m.provider, m.litellm.join(", ")));
                writes.push(Write::Model(i, true));
            }
            Some(old) => {
                let mut changed = false;
                if let Some(name) = &m.name {
                    changed |= differs(out, &what, "name", &old.name, name);
                }
                changed |= differs(out, &what, "provider", &old.provider, &m.provider);
                changed |= differs(out, &what, "api_host", &old.api_host, &host);
                changed |= differs(out, &what, "modelsdev", &old.modelsdev_id, &m.modelsdev);
                changed |= differs(out, &what, "epoch", &old.epoch_version, &m.epoch);
                if m.release.is_some() || m.release_unknown.is_some() {
                    changed |= differs(out, &what, "release_date", &old.release_date, &release);
                    changed |= differs(out, &what, "release_date_source", &old.release_date_source, &release_source);
                }
                if let Some(s) = &m.status {
                    changed |= differs(out, &what, "status", &old.status, &s.status);
                    changed |= differs(out, &what, "deprecation_date", &old.deprecation_date, &s.date);
                    changed |= differs(out, &what, "status_source", &old.status_source, &Some(s.source.clone()));
                }
                if changed {
                    writes.push(Write::Model(i, false));
                }
            }
        }
        let mut wanted = m.litellm.clone();
        wanted.sort();
        let had = keys.get(&m.id).cloned().unwrap_or_default();
        if wanted != had {
            for key in &wanted {
                // A key may move from a model the catalog still lists (its keys are rewritten
                // in the same import), not from one it no longer lists.
                if let Some(owner) = key_owner.get(key.as_str())
                    && *owner != m.id
                    && !file.model.iter().any(|o| o.id == *owner)
                {
                    return Err(rejected(
                        file_name,
                        format!("model[{}]", m.id),
                        "litellm",
                        format!(
                            "key `{key}` belongs to {owner}, which the catalog no longer lists: list {owner} with its other keys"
                        ),
                    ));
                }
            }
            out.push(format!("{what}: LiteLLM keys [{}] → [{}]", had.join(", "), wanted.join(", ")));
            writes.push(Write::Keys(i));
        }
        let want_pins = pins_of(m);
        let had_pins = pins.get(&m.id).cloned().unwrap_or_default();
        let mut sorted_pins: Vec<&str> = want_pins.clone();
        sorted_pins.sort();
        if sorted_pins != had_pins.iter().map(String::as_str).collect::<Vec<_>>() {
            out.push(format!("{what}: set by hand [{}] → [{}]", had_pins.join(", "), sorted_pins.join(", ")));
            writes.push(Write::Pins(i, want_pins));
        }
        if let Some(s) = &m.speed {
            let new = (s.output_tokens_per_s, s.ttft_s, s.as_of.clone());
            if speeds.get(&(m.id.clone(), s.source.clone())) != Some(&new) {
                out.push(format!(
                    "{what}: speed from {} {:?} → {:?}",
                    s.source,
                    speeds.get(&(m.id.clone(), s.source.clone())),
                    new
                ));
                writes.push(Write::Speed(i));
            }
        }
    }
    report.unlisted =
        stored.iter().filter(|s| !file.model.iter().any(|m| m.id == s.slug)).map(|s| s.slug.clone()).collect();
    Ok((report, writes))
}

async fn apply(conn: &mut SqliteConnection, file: &CatalogFile, writes: &[Write]) -> Result<(), ImportError> {
    // Keys move between models in one import: drop every key a written model gives up first.
    for w in writes {
        if let Write::Keys(i) = w {
            sqlx::query("DELETE FROM model_price_keys WHERE model = ?")
                .bind(&file.model[*i].id)
                .execute(&mut *conn)
                .await?;
        }
    }
    for w in writes {
        match *w {
            Write::Source(i, new) => {
                let s = &file.source[i];
                let sql = if new {
                    "INSERT INTO sources (title, url, license, as_of, id) VALUES (?, ?, ?, ?, ?)"
                } else {
                    "UPDATE sources SET title = ?, url = ?, license = ?, as_of = ? WHERE id = ?"
                };
                sqlx::query(sql)
                    .bind(&s.title)
                    .bind(&s.url)
                    .bind(&s.license)
                    .bind(&s.as_of)
                    .bind(&s.id)
                    .execute(&mut *conn)
                    .await?;
            }
            Write::Provider(i, new) => {
                let p = &file.provider[i];
                let sql = if new {
                    "INSERT INTO providers (name, slug) VALUES (?, ?)"
                } else {
                    "UPDATE providers SET name = ? WHERE slug = ?"
                };
                sqlx::query(sql).bind(&p.name).bind(&p.slug).execute(&mut *conn).await?;
            }
            Write::Benchmark(i, new) => {
                let b = &file.benchmark[i];
                let sql = if new {
                    "INSERT INTO benchmarks (name, measures, scale, higher_is_better, slug) VALUES (?, ?, ?, ?, ?)"
                } else {
                    "UPDATE benchmarks SET name = ?, measures = ?, scale = ?, higher_is_better = ? WHERE slug = ?"
                };
                sqlx::query(sql)
                    .bind(&b.name)
                    .bind(&b.measures)
                    .bind(&b.scale)
                    .bind(b.higher_is_better)
                    .bind(&b.slug)
                    .execute(&mut *conn)
                    .await?;
            }
            Write::Model(i, new) => {
                let m = &file.model[i];
                if new {
                    sqlx::query(
                        "INSERT INTO models (slug, name, provider, api_host, status) VALUES (?, ?, ?, ?, 'active')",
                    )
                    .bind(&m.id)
                    .bind(m.name.clone().unwrap_or_else(|| m.id.clone()))
                    .bind(&m.provider)
                    .bind(api_host(file, m))
                    .execute(&mut *conn)
                    .await?;
                }
                sqlx::query(
                    "UPDATE models SET provider = ?, api_host = ?, modelsdev_id = ?, epoch_version = ? WHERE slug = ?",
                )
                .bind(&m.provider)
                .bind(api_host(file, m))
                .bind(&m.modelsdev)
                .bind(&m.epoch)
                .bind(&m.id)
                .execute(&mut *conn)
                .await?;
                if let Some(name) = &m.name {
                    sqlx::query("UPDATE models SET name = ? WHERE slug = ?")
                        .bind(name)
                        .bind(&m.id)
                        .execute(&mut *conn)
                        .await?;
                }
                if m.release.is_some() || m.release_unknown.is_some() {
                    sqlx::query("UPDATE models SET release_date = ?, release_date_source = ? WHERE slug = ?")
                        .bind(m.release.as_ref().map(|r| &r.date))
                        .bind(m.release.as_ref().map(|r| &r.source))
                        .bind(&m.id)
                        .execute(&mut *conn)
                        .await?;
                }
                if let Some(s) = &m.status {
                    sqlx::query("UPDATE models SET status = ?, deprecation_date = ?, status_source = ? WHERE slug = ?")
                        .bind(&s.status)
                        .bind(&s.date)
                        .bind(&s.source)
                        .bind(&m.id)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            Write::Keys(i) => {
                let m = &file.model[i];
                let mut sorted = m.litellm.clone();
                sorted.sort();
                for key in sorted {
                    sqlx::query("INSERT INTO model_price_keys (model, litellm_key) VALUES (?, ?)")
                        .bind(&m.id)
                        .bind(key)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            Write::Pins(i, ref fields) => {
                let m = &file.model[i];
                sqlx::query("DELETE FROM model_pins WHERE model = ?").bind(&m.id).execute(&mut *conn).await?;
                for field in fields {
                    sqlx::query("INSERT INTO model_pins (model, field) VALUES (?, ?)")
                        .bind(&m.id)
                        .bind(field)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            Write::Speed(i) => {
                let m = &file.model[i];
                if let Some(s) = &m.speed {
                    sqlx::query(
                        "INSERT OR REPLACE INTO speeds (model, output_tokens_per_s, ttft_s, source, as_of) VALUES (?, ?, ?, ?, ?)",
                    )
                    .bind(&m.id)
                    .bind(s.output_tokens_per_s)
                    .bind(s.ttft_s)
                    .bind(&s.source)
                    .bind(&s.as_of)
                    .execute(&mut *conn)
                    .await?;
                }
            }
        }
    }
    Ok(())
}
