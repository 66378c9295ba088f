//! The dataset file: the format of the seed in `data/seed.json` (and of exports). Every
//! figure names its source; prices are decimal strings so they parse exactly.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::domain::model::{Date, ModelStatus, PriceSchedule, Scale};
use crate::domain::money::PricePerMTok;
use crate::domain::plausible;
use crate::domain::slug::ModelId;

mod price_entry;

pub use price_entry::{FeeEntry, PriceEntry, RateEntry, WindowEntry};

/// The `format` field every dataset file carries.
pub const FORMAT: &str = "llm-compare-dataset";
/// The `version` this build reads and writes: 2 holds a rate card per price period (version 1
/// had one field per rate).
pub const VERSION: u32 = 2;

/// The fields a catalog entry can set by hand, so that `import modelsdev` leaves them alone.
pub const PINNABLE: [&str; 4] = ["limits", "name", "release_date", "status"];

/// A whole dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// Format version.
    pub version: u32,
    /// Sources cited by the figures.
    pub sources: Vec<SourceEntry>,
    /// Providers.
    pub providers: Vec<ProviderEntry>,
    /// Benchmarks.
    pub benchmarks: Vec<BenchmarkEntry>,
    /// Models with their figures.
    pub models: Vec<ModelEntry>,
}

/// A source snapshot.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// Id cited by figures.
    pub id: String,
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// License.
    pub license: String,
    /// Snapshot date.
    pub as_of: String,
}

/// A provider.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderEntry {
    /// Id.
    pub slug: String,
    /// Display name.
    pub name: String,
}

/// A benchmark.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkEntry {
    /// Id.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What it measures.
    pub measures: String,
    /// `fraction`, `percent` or `index`.
    pub scale: String,
    /// Whether higher is better.
    pub higher_is_better: bool,
}

/// A model.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    /// URL id.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Provider id.
    pub provider: String,
    /// Host whose prices are listed.
    pub api_host: String,
    /// Release date.
    pub release_date: Option<String>,
    /// Its source.
    pub release_date_source: Option<String>,
    /// Context window.
    pub context_window: Option<u64>,
    /// Output limit.
    pub max_output: Option<u64>,
    /// Input cap, when it is below the context window (GPT-5: 272,000 of 400,000). Absent in
    /// files written before it existed, and left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_input: Option<u64>,
    /// Source of all three limits.
    pub limits_source: Option<String>,
    /// Published weights.
    pub open_weights: Option<bool>,
    /// Its source.
    pub open_weights_source: Option<String>,
    /// `active`, `deprecated` or `retired`.
    pub status: String,
    /// Shutdown date.
    pub deprecation_date: Option<String>,
    /// Source of status and date.
    pub status_source: Option<String>,
    /// LiteLLM keys the prices come from.
    pub litellm_keys: Vec<String>,
    /// models.dev record (`provider/model` in its api.json) the names, dates and limits come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modelsdev_id: Option<String>,
    /// Epoch AI model version the scores come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch_version: Option<String>,
    /// Training-data cutoff as models.dev writes it (`2024-09-30`, `2023-09`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_cutoff: Option<String>,
    /// Its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_cutoff_source: Option<String>,
    /// LiteLLM's `max_input_tokens` for the mapped key, kept to show where it disagrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub litellm_max_input: Option<u64>,
    /// LiteLLM's `max_output_tokens` for the mapped key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub litellm_max_output: Option<u64>,
    /// The price map both came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub litellm_limits_source: Option<String>,
    /// Fields the catalog sets by hand, which `import modelsdev` leaves alone: `limits` (taken
    /// from LiteLLM instead), `name`, `release_date`, `status`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinned: Vec<String>,
    /// Price periods.
    pub prices: Vec<PriceEntry>,
    /// Scores.
    pub scores: Vec<ScoreEntry>,
    /// Speeds.
    pub speeds: Vec<SpeedEntry>,
}

/// A score.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreEntry {
    /// Benchmark id.
    pub benchmark: String,
    /// Value in the benchmark's scale.
    pub value: f64,
    /// Third-party run.
    pub independent: bool,
    /// Source id.
    pub source: String,
    /// Date.
    pub as_of: String,
    /// Method notes.
    pub note: Option<String>,
}

/// A speed measurement.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeedEntry {
    /// Output tokens per second.
    pub output_tokens_per_s: Option<f64>,
    /// Seconds to first token.
    pub ttft_s: Option<f64>,
    /// Source id.
    pub source: String,
    /// Date.
    pub as_of: String,
}

/// A problem in a dataset file, located by entry and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{entry}: {field}: {problem}")]
pub struct Invalid {
    /// Which entry, e.g. `models[gpt-4o-mini].prices[0]`.
    pub entry: String,
    /// Which field.
    pub field: String,
    /// What is wrong.
    pub problem: String,
}

pub(super) fn invalid(entry: &str, field: &str, problem: impl Into<String>) -> Invalid {
    Invalid { entry: entry.to_owned(), field: field.to_owned(), problem: problem.into() }
}

fn check_date(entry: &str, field: &str, text: &str) -> Result<(), Invalid> {
    Date::parse(text).map(|_| ()).ok_or_else(|| invalid(entry, field, format!("`{text}` is not a YYYY-MM-DD date")))
}

pub(super) fn check_price(entry: &str, field: &str, text: &str) -> Result<PricePerMTok, Invalid> {
    let price = PricePerMTok::parse(text).map_err(|e| invalid(entry, field, e.to_string()))?;
    match plausible::price_problem(price) {
        Some(problem) => Err(invalid(entry, field, problem)),
        None => Ok(price),
    }
}

/// Text fields: bounded in size, without control characters (they reach logs and pages).
pub(super) fn check_texts<'a>(
    entry: &str,
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(), Invalid> {
    for (field, text) in fields {
        if let Some(problem) = plausible::text_problem(text) {
            return Err(invalid(entry, field, problem));
        }
    }
    Ok(())
}

pub(super) fn check_tokens(entry: &str, field: &str, tokens: u64) -> Result<(), Invalid> {
    plausible::tokens_problem(tokens).map_or(Ok(()), |problem| Err(invalid(entry, field, problem)))
}

/// A figure within `lo..=hi`.
fn check_range(entry: &str, field: &str, value: f64, lo: f64, hi: f64, rule: &str) -> Result<(), Invalid> {
    if value.is_finite() && (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(invalid(entry, field, format!("{value} is out of range: {rule}")))
    }
}

impl DatasetFile {
    /// Parses and validates a dataset file; the error names the entry and field at fault.
    pub fn parse(json: &str) -> Result<DatasetFile, Invalid> {
        let file = Self::parse_unchecked(json)?;
        file.validate()?;
        Ok(file)
    }

    /// The file as JSON says it, before [`Self::validate`].
    fn parse_unchecked(json: &str) -> Result<DatasetFile, Invalid> {
        // Strict first (a key given twice, deep nesting), then typed.
        crate::db::import::json::parse(json)
            .map_err(|e| invalid(&format!("line {} column {}", e.line, e.column), "(json)", e.problem))?;
        // The version first, so a version-1 file is named as such, not as unknown fields.
        #[derive(Deserialize)]
        struct Header {
            version: u32,
        }
        if let Ok(Header { version }) = serde_json::from_str::<Header>(json)
            && version != VERSION
        {
            return Err(invalid(
                "(file)",
                "version",
                format!("this build reads version {VERSION} (a rate card per price period), found {version}"),
            ));
        }
        serde_json::from_str(json)
            .map_err(|e| invalid(&format!("line {} column {}", e.line(), e.column()), "(json)", e.to_string()))
    }

    /// Parses and validates a dataset file for writing: its price periods are parsed once, here,
    /// and written from that form.
    pub fn read(json: &str) -> Result<ValidDataset, Invalid> {
        Self::parse_unchecked(json)?.into_valid()
    }

    /// This file, validated, with its price periods parsed.
    pub fn into_valid(self) -> Result<ValidDataset, Invalid> {
        let price_periods = self.check()?;
        Ok(ValidDataset { file: self, price_periods })
    }

    /// Checks every reference, date and price. Nothing is written before this passes.
    pub fn validate(&self) -> Result<(), Invalid> {
        self.check().map(drop)
    }

    /// [`Self::validate`], keeping each model's price periods as parsed.
    fn check(&self) -> Result<Vec<Vec<PriceSchedule>>, Invalid> {
        if self.format != FORMAT {
            return Err(invalid("(file)", "format", format!("expected `{FORMAT}`, found `{}`", self.format)));
        }
        if self.version != VERSION {
            return Err(invalid(
                "(file)",
                "version",
                format!("this build reads version {VERSION} (a rate card per price period), found {}", self.version),
            ));
        }
        let mut sources = HashSet::new();
        for s in &self.sources {
            let entry = format!("sources[{}]", s.id);
            check_texts(&entry, [("id", s.id.as_str()), ("title", &s.title), ("license", &s.license)])?;
            if !plausible::is_web_url(&s.url) {
                return Err(invalid(&entry, "url", "must be an http:// or https:// address"));
            }
            check_date(&entry, "as_of", &s.as_of)?;
            if !sources.insert(s.id.as_str()) {
                return Err(invalid(&entry, "id", "duplicate id"));
            }
        }
        let source_ok = |entry: &str, field: &str, id: &str| {
            if sources.contains(id) { Ok(()) } else { Err(invalid(entry, field, format!("unknown source `{id}`"))) }
        };
        let mut providers = HashSet::new();
        for p in &self.providers {
            let entry = format!("providers[{}]", p.slug);
            check_texts(&entry, [("slug", p.slug.as_str()), ("name", &p.name)])?;
            if p.slug.is_empty() || !p.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                return Err(invalid(&entry, "slug", "must be lowercase a-z, 0-9 and hyphens"));
            }
            if !providers.insert(p.slug.as_str()) {
                return Err(invalid(&entry, "slug", "duplicate provider"));
            }
        }
        let mut benchmarks = HashMap::new();
        for b in &self.benchmarks {
            let entry = format!("benchmarks[{}]", b.slug);
            check_texts(&entry, [("slug", b.slug.as_str()), ("name", &b.name), ("measures", &b.measures)])?;
            let Some(scale) = Scale::parse(&b.scale) else {
                return Err(invalid(&entry, "scale", format!("`{}` is not fraction, percent or index", b.scale)));
            };
            if benchmarks.insert(b.slug.as_str(), scale).is_some() {
                return Err(invalid(&entry, "slug", "duplicate benchmark"));
            }
        }
        let mut ids = HashSet::new();
        let mut keys = HashSet::new();
        let mut price_periods = Vec::with_capacity(self.models.len());
        for m in &self.models {
            let entry = format!("models[{}]", m.slug);
            if ModelId::parse(&m.slug).is_none() {
                return Err(invalid(&entry, "slug", "must be lowercase a-z, 0-9 and single hyphens, without `-vs-`"));
            }
            if !ids.insert(m.slug.as_str()) {
                return Err(invalid(&entry, "slug", "duplicate model"));
            }
            check_texts(&entry, [("name", m.name.as_str()), ("api_host", &m.api_host)])?;
            if !providers.contains(m.provider.as_str()) {
                return Err(invalid(&entry, "provider", format!("unknown provider `{}`", m.provider)));
            }
            if ModelStatus::parse(&m.status).is_none() {
                return Err(invalid(&entry, "status", format!("`{}` is not active, deprecated or retired", m.status)));
            }
            for (field, date, source) in [
                ("release_date", &m.release_date, &m.release_date_source),
                ("deprecation_date", &m.deprecation_date, &m.status_source),
            ] {
                if let Some(d) = date {
                    check_date(&entry, field, d)?;
                    if source.is_none() {
                        return Err(invalid(&entry, field, "has no source"));
                    }
                }
            }
            if (m.context_window.is_some() || m.max_output.is_some() || m.max_input.is_some())
                && m.limits_source.is_none()
            {
                return Err(invalid(&entry, "limits_source", "limits need a source"));
            }
            for (field, limit) in
                [("context_window", m.context_window), ("max_output", m.max_output), ("max_input", m.max_input)]
            {
                if limit == Some(0) {
                    return Err(invalid(&entry, field, "a limit of 0 tokens is a missing figure: leave it null"));
                }
                if let Some(limit) = limit {
                    check_tokens(&entry, field, limit)?;
                }
            }
            if let (Some(input), Some(context)) = (m.max_input, m.context_window)
                && input > context
            {
                return Err(invalid(
                    &entry,
                    "max_input",
                    format!("an input cap of {input} tokens exceeds the context window of {context}"),
                ));
            }
            for (field, value, source) in [
                ("knowledge_cutoff", m.knowledge_cutoff.is_some(), &m.knowledge_cutoff_source),
                (
                    "litellm_max_input",
                    m.litellm_max_input.is_some() || m.litellm_max_output.is_some(),
                    &m.litellm_limits_source,
                ),
            ] {
                if value && source.is_none() {
                    return Err(invalid(&entry, field, "has no source"));
                }
            }
            for (field, limit) in
                [("litellm_max_input", m.litellm_max_input), ("litellm_max_output", m.litellm_max_output)]
            {
                if limit == Some(0) {
                    return Err(invalid(&entry, field, "a limit of 0 tokens is a missing figure: leave it null"));
                }
            }
            for pin in &m.pinned {
                if !PINNABLE.contains(&pin.as_str()) {
                    return Err(invalid(&entry, "pinned", format!("`{pin}` is not one of {}", PINNABLE.join(", "))));
                }
            }
            if m.open_weights.is_some() && m.open_weights_source.is_none() {
                return Err(invalid(&entry, "open_weights_source", "open_weights needs a source"));
            }
            for (field, id) in [
                ("release_date_source", &m.release_date_source),
                ("limits_source", &m.limits_source),
                ("open_weights_source", &m.open_weights_source),
                ("status_source", &m.status_source),
                ("knowledge_cutoff_source", &m.knowledge_cutoff_source),
                ("litellm_limits_source", &m.litellm_limits_source),
            ] {
                if let Some(id) = id {
                    source_ok(&entry, field, id)?;
                }
            }
            for key in &m.litellm_keys {
                check_texts(&entry, [("litellm_keys", key.as_str())])?;
                if !keys.insert(key.as_str()) {
                    return Err(invalid(&entry, "litellm_keys", format!("key `{key}` is mapped to two models")));
                }
            }
            let mut current = 0;
            let mut schedules = Vec::with_capacity(m.prices.len());
            for (i, p) in m.prices.iter().enumerate() {
                let entry = format!("models[{}].prices[{i}]", m.slug);
                let schedule = p.schedule(&entry)?;
                if schedule.effective_to.is_none() {
                    current += 1;
                }
                schedules.push(schedule);
                source_ok(&entry, "source", &p.source)?;
                source_ok(&entry, "last_seen_in", &p.last_seen_in)?;
                for (j, f) in p.fees.iter().enumerate() {
                    if let Some(id) = &f.source {
                        source_ok(&entry, &format!("fees[{j}].source"), id)?;
                    }
                }
            }
            if current > 1 {
                return Err(invalid(&entry, "prices", "more than one current price (effective_to null)"));
            }
            price_periods.push(schedules);
            let mut scored = HashSet::new();
            for (i, s) in m.scores.iter().enumerate() {
                let entry = format!("models[{}].scores[{i}]", m.slug);
                let Some(scale) = benchmarks.get(s.benchmark.as_str()) else {
                    return Err(invalid(&entry, "benchmark", format!("unknown benchmark `{}`", s.benchmark)));
                };
                let (lo, hi, rule) = plausible::score_range(*scale);
                check_range(&entry, "value", s.value, lo, hi, rule)?;
                if !scored.insert((s.benchmark.as_str(), s.source.as_str())) {
                    return Err(invalid(
                        &entry,
                        "source",
                        format!("a second score on {} from this source", s.benchmark),
                    ));
                }
                if let Some(note) = &s.note {
                    check_texts(&entry, [("note", note.as_str())])?;
                }
                check_date(&entry, "as_of", &s.as_of)?;
                source_ok(&entry, "source", &s.source)?;
            }
            let mut timed = HashSet::new();
            for (i, s) in m.speeds.iter().enumerate() {
                let entry = format!("models[{}].speeds[{i}]", m.slug);
                for (field, v, max) in [
                    ("output_tokens_per_s", s.output_tokens_per_s, plausible::MAX_TOKENS_PER_SECOND),
                    ("ttft_s", s.ttft_s, plausible::MAX_TTFT_SECONDS),
                ] {
                    if v.is_some_and(|v| !v.is_finite() || v <= 0.0 || v > max) {
                        return Err(invalid(&entry, field, format!("must be a positive number up to {max}")));
                    }
                }
                if !timed.insert(s.source.as_str()) {
                    return Err(invalid(&entry, "source", "a second speed from this source"));
                }
                check_date(&entry, "as_of", &s.as_of)?;
                source_ok(&entry, "source", &s.source)?;
            }
        }
        Ok(price_periods)
    }
}

/// A dataset file that passed [`DatasetFile::validate`], with every model's price periods as
/// parsed then: the only form the database writer takes, so nothing unchecked is written and
/// no price is parsed twice.
#[derive(Debug)]
pub struct ValidDataset {
    /// The file.
    pub file: DatasetFile,
    /// Per model, in `file.models` order, its price periods.
    price_periods: Vec<Vec<PriceSchedule>>,
}

impl ValidDataset {
    /// Each model with its parsed price periods.
    pub fn models(&self) -> impl Iterator<Item = (&ModelEntry, &[PriceSchedule])> {
        self.file.models.iter().zip(self.price_periods.iter().map(Vec::as_slice))
    }
}

#[cfg(test)]
mod tests;
