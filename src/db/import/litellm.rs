//! Importing a LiteLLM price map (`model_prices_and_context_window.json`): per-token USD
//! costs keyed by model name. Our models name their keys in `model_price_keys`; nothing is
//! matched by name. A mapped key whose prices differ from the model's current ones closes the
//! current period on the import date and opens a new one; identical prices only move the
//! "last checked" date forward. This is the only LiteLLM parser: `scripts/build-seed.sh` builds
//! the seed's prices with it.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};
use sqlx::SqliteConnection;

use super::{ImportError, ImportOptions, Outcome, begin, finish, litellm_facts, read_text, rejected};
use crate::domain::format;
use crate::domain::model::{Date, PriceSchedule};
use crate::domain::money::{PriceParseError, PricePerMTok};
use crate::domain::plausible;
use crate::domain::rate_card::{CacheTtl, Meter, RateCard, RateKey, ServiceTier};

/// A per-token cost at or above this ($1,000 per 1M tokens) is almost certainly a per-1M price
/// written into a per-token field.
const PER_TOKEN_CEILING_USD: f64 = 0.001;

/// How many unmapped chat keys the report names (it always gives the total).
const CANDIDATES_NAMED: usize = 20;

/// Where LiteLLM's price map is published, cited by the import's source row.
const LITELLM_URL: &str = "https://github.com/BerriAI/litellm";

/// The price map's license.
const LITELLM_LICENSE: &str = "MIT";

/// Our price fields and the LiteLLM fields they come from, in report order.
const PRICE_FIELDS: [(&str, &str); 7] = [
    ("input", "input_cost_per_token"),
    ("output", "output_cost_per_token"),
    ("cache_read", "cache_read_input_token_cost"),
    ("cache_write", "cache_creation_input_token_cost"),
    ("cache_write_1h", "cache_creation_input_token_cost_above_1hr"),
    ("batch_input", "input_cost_per_token_batches"),
    ("batch_output", "output_cost_per_token_batches"),
];

/// LiteLLM fields that can carry a long-context tier (`{field}_above_{N}k_tokens`, and the
/// same names inside Qwen's `tiered_pricing`), with the tier field each fills.
const TIER_FIELDS: [(&str, TierField); 3] = [
    ("input_cost_per_token", TierField::Input),
    ("output_cost_per_token", TierField::Output),
    ("cache_read_input_token_cost", TierField::CacheRead),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TierField {
    Input,
    Output,
    CacheRead,
}

/// One field whose price changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Where on the card.
    pub key: RateKey,
    /// The rate: `standard input`, `batch output above 272,000 tokens`...
    pub field: String,
    /// The current value (`None`: not listed).
    pub old: Option<PricePerMTok>,
    /// The imported value.
    pub new: Option<PricePerMTok>,
}

/// A model whose prices change: its current period closes and a new one opens.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceChange {
    /// Model id.
    pub model: String,
    /// The LiteLLM key the new prices come from.
    pub key: String,
    /// Start of the period that closes; `None` when the model had no current price.
    pub closes_period_from: Option<Date>,
    /// The fields that differ.
    pub fields: Vec<FieldChange>,
    /// The imported rate card in full.
    pub new: RateCard,
}

/// A limit where LiteLLM disagrees with ours. Reported only: limits come from models.dev.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitDifference {
    /// Model id.
    pub model: String,
    /// `max input`, `context window` (when we hold no input cap) or `max output`.
    pub limit: &'static str,
    /// Ours, if we hold one.
    pub ours: Option<u64>,
    /// The LiteLLM field compared: `max_input_tokens` or `max_output_tokens`.
    pub litellm_field: &'static str,
    /// LiteLLM's value.
    pub litellm: u64,
}

/// What a LiteLLM import changes; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq)]
pub struct LitellmReport {
    /// The file's name.
    pub file: String,
    /// How many entries the file has.
    pub entries: usize,
    /// The import's date.
    pub as_of: Date,
    /// The source row the import cites.
    pub source_id: String,
    /// Models whose prices change, by id.
    pub changes: Vec<PriceChange>,
    /// Models whose prices are identical.
    pub unchanged: usize,
    /// Of those, how many get a newer "last checked" date.
    pub confirmed: usize,
    /// Mapped keys the file does not have: (model, key).
    pub missing: Vec<(String, String)>,
    /// Limits LiteLLM gives differently.
    pub limits: Vec<LimitDifference>,
    /// How many chat-model keys no model maps.
    pub candidates: usize,
    /// The first of them, sorted.
    pub candidates_named: Vec<String>,
    /// The unmapped chat keys of first-party providers, sorted, each with a catalog entry to
    /// paste after review.
    pub candidate_entries: Vec<(String, String)>,
    /// Shutdown dates, statuses and limits the import changes, one line each.
    pub facts: Vec<String>,
}

impl LitellmReport {
    /// Whether applying the import writes anything.
    pub fn changes_anything(&self) -> bool {
        !self.changes.is_empty() || self.confirmed > 0 || !self.facts.is_empty()
    }
}

fn price_text(p: Option<PricePerMTok>) -> String {
    p.map_or_else(|| "not listed".to_owned(), |p| p.to_string())
}

impl fmt::Display for LitellmReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "LiteLLM price map {}: {} entries, as of {}",
            self.file,
            format::count(self.entries as u64),
            self.as_of.iso()
        )?;
        writeln!(f, "Source cited: {}", self.source_id)?;
        writeln!(f, "Price changes: {}", self.changes.len())?;
        for c in &self.changes {
            match &c.closes_period_from {
                Some(from) => writeln!(
                    f,
                    "  {} ({}): the price in force since {} closes on {}",
                    c.model,
                    c.key,
                    from.iso(),
                    self.as_of.iso()
                )?,
                None => writeln!(f, "  {} ({}): first price, from {}", c.model, c.key, self.as_of.iso())?,
            }
            for fc in &c.fields {
                writeln!(f, "    {}: {} → {}", fc.field, price_text(fc.old), price_text(fc.new))?;
            }
        }
        writeln!(
            f,
            "Unchanged prices: {} (last checked moves to {} for {})",
            self.unchanged,
            self.as_of.iso(),
            self.confirmed
        )?;
        writeln!(f, "Mapped keys missing from the file: {}", self.missing.len())?;
        for (model, key) in &self.missing {
            writeln!(f, "  {model}: {key}")?;
        }
        writeln!(
            f,
            "Limits that differ from LiteLLM (reported, not applied: limits come from models.dev): {}",
            self.limits.len()
        )?;
        for l in &self.limits {
            let ours = l.ours.map_or_else(|| "none".to_owned(), format::count);
            writeln!(
                f,
                "  {}: {} {ours} here; LiteLLM {} {}",
                l.model,
                l.limit,
                l.litellm_field,
                format::count(l.litellm)
            )?;
        }
        write!(f, "Candidates for new models (chat keys no model maps): {}", format::count(self.candidates as u64))?;
        if self.candidates > self.candidates_named.len() {
            write!(f, ", the first {}", self.candidates_named.len())?;
        }
        writeln!(f)?;
        for key in &self.candidates_named {
            writeln!(f, "  {key}")?;
        }
        writeln!(f, "Statuses and limits: {}", self.facts.len())?;
        for line in &self.facts {
            writeln!(f, "  {line}")?;
        }
        writeln!(
            f,
            "First-party chat keys no model maps: {} (review, then paste into data/catalog.toml)",
            self.candidate_entries.len()
        )?;
        for (_, entry) in &self.candidate_entries {
            for line in entry.lines() {
                writeln!(f, "  {line}")?;
            }
        }
        if !self.changes_anything() {
            writeln!(f, "Nothing changes.")?;
        }
        Ok(())
    }
}

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
    let label = path.display().to_string();
    let file_name = path.file_name().map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned());
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
    let current = Current::read(&mut tx).await?;
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
    let plan = plan(&label, &file_name, &entries, &current, options, cite, &(stored, dates))?;
    let changes = plan.report.changes_anything();
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        apply(&mut tx, &plan, &options.as_of).await?;
    }
    finish(tx, plan.report, changes, options.dry_run).await
}

/// The database's state the import compares against.
/// A model's limits as stored.
#[derive(Debug, Clone, Copy, Default)]
struct OurLimits {
    context_window: Option<u64>,
    max_output: Option<u64>,
    max_input: Option<u64>,
}

#[derive(sqlx::FromRow)]
struct LimitsRow {
    slug: String,
    context_window: Option<i64>,
    max_output: Option<i64>,
    max_input: Option<i64>,
}

struct Current {
    /// Model id -> its limits.
    models: HashMap<String, OurLimits>,
    /// (model, key), sorted by model then key.
    keys: Vec<(String, String)>,
    /// Model id -> its current price row.
    prices: HashMap<String, CurrentPrice>,
    /// Source id -> (title, as_of).
    sources: HashMap<String, (String, String)>,
}

struct CurrentPrice {
    id: i64,
    effective_from: String,
    last_seen_in: String,
    prices: RateCard,
}

impl Current {
    async fn read(conn: &mut SqliteConnection) -> Result<Self, ImportError> {
        let rows: Vec<LimitsRow> = sqlx::query_as("SELECT slug, context_window, max_output, max_input FROM models")
            .fetch_all(&mut *conn)
            .await?;
        let count = |v: Option<i64>| v.map(|v| v.max(0) as u64);
        let models = rows
            .into_iter()
            .map(|m| {
                let limits = OurLimits {
                    context_window: count(m.context_window),
                    max_output: count(m.max_output),
                    max_input: count(m.max_input),
                };
                (m.slug, limits)
            })
            .collect();
        let keys = sqlx::query_as("SELECT model, litellm_key FROM model_price_keys ORDER BY model, litellm_key")
            .fetch_all(&mut *conn)
            .await?;
        // The current period of each model, read the way the dataset load reads it.
        let prices = super::super::load::price_periods(&mut *conn)
            .await?
            .into_iter()
            .filter_map(|(model, periods)| {
                let (id, p) = periods.into_iter().find(|(_, p)| p.effective_to.is_none())?;
                let current = CurrentPrice {
                    id,
                    effective_from: p.effective_from.iso().to_owned(),
                    last_seen_in: p.last_seen_in.clone(),
                    prices: p.rates,
                };
                Some((model, current))
            })
            .collect();
        let sources: Vec<(String, String, String)> =
            sqlx::query_as("SELECT id, title, as_of FROM sources").fetch_all(&mut *conn).await?;
        let sources = sources.into_iter().map(|(id, title, as_of)| (id, (title, as_of))).collect();
        Ok(Self { models, keys, prices, sources })
    }
}

/// The report plus what applying it writes.
struct Plan {
    report: LitellmReport,
    source_title: String,
    source_exists: bool,
    /// (current price id to close, model, new prices) for each change, in report order.
    writes: Vec<(Option<i64>, String, RateCard)>,
    /// Current price rows whose `last_seen_in` moves to the import's source.
    confirms: Vec<i64>,
    /// Models whose status or limit figures change.
    fact_writes: Vec<litellm_facts::StoredFacts>,
}

fn plan(
    label: &str,
    file_name: &str,
    entries: &Map<String, Value>,
    current: &Current,
    options: &ImportOptions,
    cite: Option<&str>,
    (stored, dates): &litellm_facts::Stored,
) -> Result<Plan, ImportError> {
    let (as_of, allow_price_jump) = (&options.as_of, options.allow_price_jump);
    let (source_id, source_title, source_exists) = match cite {
        Some(id) => (id.to_owned(), String::new(), true),
        None => source_for(file_name, as_of, &current.sources),
    };

    // Group the mapped keys by model, keeping each model's keys sorted.
    let mut by_model: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (model, key) in &current.keys {
        by_model.entry(model).or_default().push(key);
    }

    let mut report = LitellmReport {
        file: file_name.to_owned(),
        entries: entries.len(),
        as_of: as_of.clone(),
        source_id: source_id.clone(),
        changes: Vec::new(),
        unchanged: 0,
        confirmed: 0,
        missing: Vec::new(),
        limits: Vec::new(),
        candidates: 0,
        candidates_named: Vec::new(),
        candidate_entries: Vec::new(),
        facts: Vec::new(),
    };
    let mut writes = Vec::new();
    let mut confirms = Vec::new();
    let mut fact_writes = Vec::new();

    for (model, keys) in by_model {
        let existing = current.prices.get(model);
        let mut found: Option<(&str, RateCard)> = None;
        for key in keys {
            let Some(entry) = entries.get(key).and_then(Value::as_object) else {
                report.missing.push((model.to_owned(), key.to_owned()));
                continue;
            };
            let had_output = existing.and_then(|c| c.prices.standard(Meter::Output));
            let set = price_set(label, key, entry, had_output)?;
            match &found {
                Some((first, prices)) if *prices != set => {
                    return Err(rejected(
                        label,
                        key,
                        "(prices)",
                        format!("differs from `{first}`, which is mapped to the same model {model}"),
                    ));
                }
                Some(_) => {}
                None => {
                    report.limits.extend(limit_differences(model, entry, current.models.get(model)));
                    let facts = litellm_facts::entry_facts(label, key, entry)?;
                    if let Some(before) = stored.get(model) {
                        let newest = litellm_facts::newest_cited(&before.0, dates);
                        let (after, lines) = litellm_facts::updated(before, &facts, &source_id, as_of, newest);
                        if after != before.0 {
                            report.facts.extend(lines);
                            fact_writes.push(after);
                        }
                    }
                    found = Some((key, set));
                }
            }
        }
        let Some((key, set)) = found else { continue };
        match existing {
            Some(c) if c.prices == set => {
                report.unchanged += 1;
                let seen = current.sources.get(&c.last_seen_in).map(|(_, d)| d.as_str());
                if c.last_seen_in != source_id && seen.is_none_or(|d| d < as_of.iso()) {
                    report.confirmed += 1;
                    confirms.push(c.id);
                }
            }
            _ => {
                if let Some(c) = existing
                    && c.effective_from.as_str() > as_of.iso()
                {
                    return Err(rejected(
                        label,
                        key,
                        "(as of)",
                        format!(
                            "the current price of {model} starts on {}, after this import's date {}: import price maps in date order (--as-of sets the date)",
                            c.effective_from,
                            as_of.iso()
                        ),
                    ));
                }
                let fields = field_changes(existing.map(|c| &c.prices), &set);
                if !allow_price_jump
                    && let Some(jump) = fields
                        .iter()
                        .find(|f| matches!((f.old, f.new), (Some(o), Some(n)) if plausible::is_price_jump(o, n)))
                {
                    return Err(rejected(
                        label,
                        key,
                        litellm_field(&jump.key),
                        format!(
                            "{} -> {} moves {}x or more: a unit slip? (--allow-price-jump if it is meant)",
                            price_text(jump.old),
                            price_text(jump.new),
                            plausible::PRICE_JUMP_FACTOR
                        ),
                    ));
                }
                report.changes.push(PriceChange {
                    model: model.to_owned(),
                    key: key.to_owned(),
                    closes_period_from: existing.and_then(|c| Date::parse(&c.effective_from)),
                    fields,
                    new: set.clone(),
                });
                writes.push((existing.map(|c| c.id), model.to_owned(), set));
            }
        }
    }

    let mapped: std::collections::HashSet<&str> = current.keys.iter().map(|(_, k)| k.as_str()).collect();
    let mut candidates: Vec<&String> = entries
        .iter()
        .filter(|(key, e)| !mapped.contains(key.as_str()) && e.get("mode").and_then(Value::as_str) == Some("chat"))
        .map(|(key, _)| key)
        .collect();
    candidates.sort();
    report.candidates = candidates.len();
    report.candidates_named = candidates.into_iter().take(CANDIDATES_NAMED).cloned().collect();
    report.candidate_entries = litellm_facts::candidate_entries(entries.iter(), &|k| mapped.contains(k));
    Ok(Plan { report, source_title, source_exists, writes, confirms, fact_writes })
}

/// The source row this import cites: `litellm-import-{date}`, or `-2`, `-3`... when another
/// file was imported the same day. Re-importing the same file on the same day reuses its row.
fn source_for(file_name: &str, as_of: &Date, sources: &HashMap<String, (String, String)>) -> (String, String, bool) {
    let title = format!("LiteLLM price map {file_name}, imported {}", as_of.iso());
    let base = format!("litellm-import-{}", as_of.iso());
    for n in 1.. {
        let id = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        match sources.get(&id) {
            None => return (id, title, false),
            Some((t, _)) if *t == title => return (id, title, true),
            Some(_) => {}
        }
    }
    unreachable!("an unbounded search finds a free id")
}

/// The rates that differ between the current card and the imported one, in card order.
fn field_changes(old: Option<&RateCard>, new: &RateCard) -> Vec<FieldChange> {
    let mut merged: BTreeMap<RateKey, FieldChange> = BTreeMap::new();
    for (key, old) in old.into_iter().flat_map(RateCard::rates) {
        merged.insert(*key, FieldChange { key: *key, field: key.to_string(), old: Some(old), new: None });
    }
    for (key, new) in new.rates() {
        merged
            .entry(*key)
            .or_insert_with(|| FieldChange { key: *key, field: key.to_string(), old: None, new: None })
            .new = Some(new);
    }
    merged.into_values().filter(|c| c.old != c.new).collect()
}

fn limit_differences(model: &str, entry: &Map<String, Value>, ours: Option<&OurLimits>) -> Vec<LimitDifference> {
    let ours = ours.copied().unwrap_or_default();
    // LiteLLM's max_input_tokens is what a request may send: our input cap where we hold one
    // (GPT-5: 272,000 of a 400,000 context), else the context window.
    let input = match ours.max_input {
        Some(cap) => ("max input", Some(cap)),
        None => ("context window", ours.context_window),
    };
    [(input.0, input.1, "max_input_tokens"), ("max output", ours.max_output, "max_output_tokens")]
        .into_iter()
        .filter_map(|(limit, ours, field)| {
            let litellm = entry.get(field).and_then(Value::as_u64).filter(|v| *v > 0)?;
            (ours != Some(litellm)).then(|| LimitDifference {
                model: model.to_owned(),
                limit,
                ours,
                litellm_field: field,
                litellm,
            })
        })
        .collect()
}

/// The LiteLLM field a rate comes from: `input_cost_per_token`,
/// `cache_read_input_token_cost_above_272k_tokens_batches`, `off_peak_pricing.input_cost_per_token`.
fn litellm_field(key: &RateKey) -> String {
    let mut field = match key.meter {
        Meter::Input => "input_cost_per_token",
        Meter::Output => "output_cost_per_token",
        Meter::CacheRead => "cache_read_input_token_cost",
        Meter::CacheWrite(CacheTtl::FiveMinutes) => "cache_creation_input_token_cost",
        Meter::CacheWrite(CacheTtl::OneHour) => "cache_creation_input_token_cost_above_1hr",
        Meter::CacheWrite(CacheTtl::TwelveHours) => "cache_creation_input_token_cost_above_12hr",
    }
    .to_owned();
    if key.above_tokens > 0 {
        field.push_str(&format!("_above_{}k_tokens", key.above_tokens / 1000));
    }
    field.push_str(match key.tier {
        ServiceTier::Standard => "",
        ServiceTier::Batch => "_batches",
        ServiceTier::Flex => "_flex",
        ServiceTier::Priority => "_priority",
    });
    match key.window {
        Some(_) => format!("off_peak_pricing.{field}"),
        None => field,
    }
}

/// The exact decimal, in dollars per 1M tokens, of a per-token cost: the shortest decimal that
/// reads back as the same float (Python's `repr`) with the point
/// moved six places, so 1.5e-07 becomes `0.15` and never 0.15000000000000002.
fn per_mtok_decimal(per_token: f64) -> String {
    if per_token == 0.0 {
        return "0".to_owned();
    }
    let sci = format!("{per_token:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{frac}");
    let point = whole.len() as i64 + exponent + 6;
    if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    }
}

/// A per-token cost field as an exact price per 1M tokens; `None` when absent or null.
fn cost(label: &str, key: &str, field: &str, value: Option<&Value>) -> Result<Option<PricePerMTok>, ImportError> {
    let n = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
        Some(other) => {
            return Err(rejected(label, key, field, format!("is {}, not a number", super::json::kind(other))));
        }
    };
    if !n.is_finite() || n < 0.0 {
        return Err(rejected(label, key, field, format!("{n} is not a cost: costs are finite numbers of 0 or more")));
    }
    if n >= PER_TOKEN_CEILING_USD {
        return Err(rejected(
            label,
            key,
            field,
            format!(
                "{n} USD per token is ${} per 1M tokens: this looks like a per-1M price in a per-token field (unit mix-up)",
                per_mtok_decimal(n)
            ),
        ));
    }
    let decimal = per_mtok_decimal(n.abs());
    PricePerMTok::parse(&decimal).map(Some).map_err(|e| {
        let problem = match e {
            PriceParseError::TooPrecise(_) => format!(
                "{n} USD per token is {decimal} per 1M tokens, finer than a millionth of a dollar: the figure is probably off by a factor of 1e6 (unit mix-up)"
            ),
            other => other.to_string(),
        };
        rejected(label, key, field, problem)
    })
}

/// `input_cost_per_token_above_200k_tokens` -> (input, 200,000).
fn tier_key(name: &str) -> Option<(TierField, &str)> {
    TIER_FIELDS.iter().find_map(|(prefix, field)| {
        let rest = name.strip_prefix(prefix)?.strip_prefix("_above_")?.strip_suffix("k_tokens")?;
        (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then_some((*field, rest))
    })
}

struct Tier {
    above_tokens: u64,
    input: PricePerMTok,
    output: PricePerMTok,
    cache_read: Option<PricePerMTok>,
}

#[derive(Default)]
struct TierParts {
    input: Option<PricePerMTok>,
    output: Option<PricePerMTok>,
    cache_read: Option<PricePerMTok>,
}

impl TierParts {
    fn set(&mut self, field: TierField, value: Option<PricePerMTok>) {
        match field {
            TierField::Input => self.input = value,
            TierField::Output => self.output = value,
            TierField::CacheRead => self.cache_read = value,
        }
    }
}

/// The prices of one mapped entry, checked. `had_output` is the model's current output price.
fn price_set(
    label: &str,
    key: &str,
    entry: &Map<String, Value>,
    had_output: Option<PricePerMTok>,
) -> Result<RateCard, ImportError> {
    let get = |field: &str| cost(label, key, field, entry.get(field));
    let mut flat = [None; 7];
    for (slot, (_, field)) in flat.iter_mut().zip(PRICE_FIELDS) {
        *slot = get(field)?;
    }
    let [mut input, mut output, mut cache_read, mut cache_write, cache_write_1h, batch_input, batch_output] = flat;
    // DeepSeek gives the cache-hit price only as input_cost_per_token_cache_hit.
    if cache_read.is_none() {
        cache_read = get("input_cost_per_token_cache_hit")?;
    }

    let mut tiers: BTreeMap<u64, TierParts> = BTreeMap::new();
    for (name, value) in entry {
        let Some((field, thousands)) = tier_key(name) else { continue };
        let Some(above) = thousands.parse::<u64>().ok().and_then(|k| k.checked_mul(1000)).filter(|a| *a > 0) else {
            return Err(rejected(label, key, name, "the tier threshold is not a positive number of thousands"));
        };
        if let Some(v) = cost(label, key, name, Some(value))? {
            tiers.entry(above).or_default().set(field, Some(v));
        }
    }

    if let Some(tp) = entry.get("tiered_pricing").filter(|v| !v.is_null()) {
        let Some(list) = tp.as_array() else {
            return Err(rejected(
                label,
                key,
                "tiered_pricing",
                format!("is {}, not a list of tiers", super::json::kind(tp)),
            ));
        };
        let mut ranked = Vec::new();
        for (i, t) in list.iter().enumerate() {
            let field = format!("tiered_pricing[{i}]");
            let obj = t.as_object().ok_or_else(|| rejected(label, key, &field, "a tier is not an object"))?;
            let start = obj
                .get("range")
                .and_then(Value::as_array)
                .and_then(|r| r.first())
                .and_then(Value::as_f64)
                .filter(|s| s.is_finite() && *s >= 0.0 && s.fract() == 0.0)
                .ok_or_else(|| {
                    rejected(label, key, format!("{field}.range"), "needs a start of 0 or a whole number of tokens")
                })?;
            ranked.push((start as u64, field, obj));
        }
        ranked.sort_by_key(|(start, _, _)| *start);
        for (n, (start, field, obj)) in ranked.into_iter().enumerate() {
            if n == 0 {
                if start != 0 {
                    return Err(rejected(label, key, format!("{field}.range"), "the first tier does not start at 0"));
                }
                // The first tier is the base price; the top-level fields win where both exist.
                for (name, tier_field) in TIER_FIELDS {
                    let v = cost(label, key, &format!("{field}.{name}"), obj.get(name))?;
                    let slot = match tier_field {
                        TierField::Input => &mut input,
                        TierField::Output => &mut output,
                        TierField::CacheRead => &mut cache_read,
                    };
                    if slot.is_none() {
                        *slot = v;
                    }
                }
                continue;
            }
            if tiers.contains_key(&start) {
                return Err(rejected(
                    label,
                    key,
                    format!("{field}.range"),
                    format!("a tier above {start} tokens is given twice"),
                ));
            }
            let parts = tiers.entry(start).or_default();
            for (name, tier_field) in TIER_FIELDS {
                parts.set(tier_field, cost(label, key, &format!("{field}.{name}"), obj.get(name))?);
            }
        }
    }

    let Some(input) = input else {
        return Err(rejected(label, key, "input_cost_per_token", "missing: a mapped model needs an input price"));
    };
    let Some(output) = output else {
        return Err(rejected(label, key, "output_cost_per_token", "missing: a mapped model needs an output price"));
    };
    let zero = PricePerMTok::from_micros(0);
    if output == zero {
        let was =
            had_output.filter(|p| *p != zero).map_or_else(String::new, |p| format!(" where the current price is {p}"));
        return Err(rejected(
            label,
            key,
            "output_cost_per_token",
            format!("0{was}: a 0 is a missing price, not a free model"),
        ));
    }
    for (field, v) in [
        ("input_cost_per_token", Some(input)),
        ("cache_read_input_token_cost", cache_read),
        ("input_cost_per_token_batches", batch_input),
        ("output_cost_per_token_batches", batch_output),
    ] {
        if v == Some(zero) {
            return Err(rejected(label, key, field, "0: a 0 is a missing price, not a free one"));
        }
    }
    // LiteLLM writes 0 as a placeholder cache-write price (DeepSeek bills a cache miss at the
    // input price); a missing rate is not a free one, so leave it unlisted.
    if cache_write == Some(zero) {
        cache_write = None;
    }
    let mut long_context = Vec::new();
    for (above, t) in tiers {
        let field = |name: &str| format!("{name}_above_{}k_tokens", above / 1000);
        if let Some(problem) = plausible::tokens_problem(above) {
            return Err(rejected(label, key, field("input_cost_per_token"), format!("tier threshold: {problem}")));
        }
        let (Some(tier_input), Some(tier_output)) = (t.input, t.output) else {
            let lacking = if t.input.is_none() { "input_cost_per_token" } else { "output_cost_per_token" };
            return Err(rejected(
                label,
                key,
                field(lacking),
                format!("the tier above {above} tokens lacks this price"),
            ));
        };
        for (name, v) in [("input_cost_per_token", tier_input), ("output_cost_per_token", tier_output)] {
            if v == zero {
                return Err(rejected(label, key, field(name), "0: a 0 is a missing price, not a free one"));
            }
        }
        long_context.push(Tier {
            above_tokens: above,
            input: tier_input,
            output: tier_output,
            cache_read: t.cache_read,
        });
    }
    let mut card = RateCard::default();
    let base = |tier, meter| RateKey::base(tier, meter);
    for (key, rate) in [
        (base(ServiceTier::Standard, Meter::Input), Some(input)),
        (base(ServiceTier::Standard, Meter::Output), Some(output)),
        (base(ServiceTier::Standard, Meter::CacheRead), cache_read),
        (base(ServiceTier::Standard, Meter::CacheWrite(CacheTtl::FiveMinutes)), cache_write),
        (base(ServiceTier::Standard, Meter::CacheWrite(CacheTtl::OneHour)), cache_write_1h),
        (base(ServiceTier::Batch, Meter::Input), batch_input),
        (base(ServiceTier::Batch, Meter::Output), batch_output),
    ] {
        if let Some(rate) = rate {
            card.insert(key, rate);
        }
    }
    for t in long_context {
        let at = |meter| RateKey { above_tokens: t.above_tokens, ..base(ServiceTier::Standard, meter) };
        card.insert(at(Meter::Input), t.input);
        card.insert(at(Meter::Output), t.output);
        if let Some(c) = t.cache_read {
            card.insert(at(Meter::CacheRead), c);
        }
    }
    Ok(card)
}

async fn apply(conn: &mut SqliteConnection, plan: &Plan, as_of: &Date) -> Result<(), ImportError> {
    let source = &plan.report.source_id;
    if !plan.source_exists {
        sqlx::query("INSERT INTO sources (id, title, url, license, as_of) VALUES (?, ?, ?, ?, ?)")
            .bind(source)
            .bind(&plan.source_title)
            .bind(LITELLM_URL)
            .bind(LITELLM_LICENSE)
            .bind(as_of.iso())
            .execute(&mut *conn)
            .await?;
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
            source: source.clone(),
            last_seen_in: source.clone(),
        };
        super::super::write::insert_price_period(&mut *conn, model, &period).await?;
    }
    for f in &plan.fact_writes {
        super::litellm_facts::write(&mut *conn, f).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn litellm_max_input_tokens_is_compared_with_our_input_cap_else_the_context_window() {
        let entry = serde_json::json!({"max_input_tokens": 272_000, "max_output_tokens": 128_000});
        let entry = entry.as_object().unwrap();
        let capped = OurLimits { context_window: Some(400_000), max_output: Some(128_000), max_input: Some(272_000) };
        assert_eq!(limit_differences("gpt-5", entry, Some(&capped)), []);

        let uncapped = OurLimits { max_input: None, ..capped };
        let found = limit_differences("gpt-5", entry, Some(&uncapped));
        assert_eq!(
            found,
            [LimitDifference {
                model: "gpt-5".into(),
                limit: "context window",
                ours: Some(400_000),
                litellm_field: "max_input_tokens",
                litellm: 272_000,
            }]
        );

        let other_cap = OurLimits { max_input: Some(922_000), ..capped };
        let found = limit_differences("gpt-5", entry, Some(&other_cap));
        assert_eq!(found.iter().map(|d| (d.limit, d.ours)).collect::<Vec<_>>(), [("max input", Some(922_000))]);
    }

    #[test]
    fn per_token_floats_become_exact_per_million_decimals() {
        for (per_token, expected) in [
            (1.5e-7, "0.15"),
            (6e-7, "0.6"),
            (1e-5, "10"),
            (2.8e-8, "0.028"),
            (5.32e-6, "5.32"),
            (8.75e-9, "0.00875"),
            (1.875e-6, "1.875"),
            (0.0, "0"),
            (3e-7, "0.3"),
        ] {
            assert_eq!(per_mtok_decimal(per_token), expected, "{per_token:e}");
        }
        // 0.1 + 0.2 style artefacts never appear: the float's shortest repr is used.
        assert_eq!(per_mtok_decimal(1.25e-7), "0.125");
    }

    #[test]
    fn costs_outside_the_per_token_range_are_unit_mix_ups() {
        let field = |v: Value| cost("f.json", "k", "input_cost_per_token", Some(&v));
        assert_eq!(field(serde_json::json!(1.5e-7)).unwrap(), Some(PricePerMTok::from_micros(150_000)));
        assert_eq!(field(Value::Null).unwrap(), None);
        for (bad, needle) in [
            (serde_json::json!(0.15), "unit mix-up"),
            (serde_json::json!(1.5e-13), "off by a factor of 1e6"),
            (serde_json::json!(-1e-6), "finite numbers of 0 or more"),
            (serde_json::json!("0.15"), "not a number"),
        ] {
            let err = field(bad.clone()).unwrap_err().to_string();
            assert!(err.contains(needle) && err.contains("f.json") && err.contains("`k`"), "{bad}: {err}");
        }
    }

    #[test]
    fn tier_keys_are_read_only_in_their_exact_form() {
        assert_eq!(tier_key("input_cost_per_token_above_200k_tokens"), Some((TierField::Input, "200")));
        assert_eq!(tier_key("cache_read_input_token_cost_above_128k_tokens"), Some((TierField::CacheRead, "128")));
        assert_eq!(tier_key("output_cost_per_token_above_200k_tokens_priority"), None);
        assert_eq!(tier_key("input_cost_per_token_above_k_tokens"), None);
        assert_eq!(tier_key("input_cost_per_token"), None);
    }
}
