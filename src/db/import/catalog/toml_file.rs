//! The catalog file (`data/catalog.toml`): the human-edited list of the models we cover and,
//! for each, the record of every source its figures come from (LiteLLM keys, models.dev id,
//! Epoch version). Figures are not typed here; the importers bring them. The exceptions are
//! facts no importer reads, each with a source of its own: a release date from a vendor's
//! page, a retirement from a provider's deprecation page, a speed quoted from a page.
//! Parsing is a pure function over the text.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

pub use super::super::problem::Problem;
use super::super::problem::problem;
use crate::domain::model::{Date, ModelStatus, Scale};
use crate::domain::slug::ModelId;

/// A whole catalog file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// Sources the catalog's own facts, and the importers, cite.
    #[serde(default)]
    pub source: Vec<CatalogSource>,
    /// Providers.
    #[serde(default)]
    pub provider: Vec<CatalogProvider>,
    /// Benchmarks scores can be on.
    #[serde(default)]
    pub benchmark: Vec<CatalogBenchmark>,
    /// Models, in display order of the file.
    #[serde(default)]
    pub model: Vec<CatalogModel>,
}

/// A source snapshot or page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogSource {
    /// Id cited by figures.
    pub id: String,
    /// Title shown in citations.
    pub title: String,
    /// Where a reader can check it.
    pub url: String,
    /// License the figures are used under.
    pub license: String,
    /// Date of the snapshot, or of the page.
    pub as_of: String,
}

/// A provider and the API host whose prices we list by default.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogProvider {
    /// Id.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Host whose prices its models list, e.g. `OpenAI API`.
    pub api_host: String,
}

/// A benchmark.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogBenchmark {
    /// Id.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What it measures, one sentence.
    pub measures: String,
    /// `fraction`, `percent` or `index`.
    pub scale: String,
    /// Whether higher is better.
    pub higher_is_better: bool,
}

/// One model and where its figures come from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogModel {
    /// URL id.
    pub id: String,
    /// Provider slug.
    pub provider: String,
    /// Display name, set by hand; without it models.dev's name is used (and the id until then).
    pub name: Option<String>,
    /// Host whose prices are listed, when not the provider's.
    pub api_host: Option<String>,
    /// LiteLLM keys the prices come from (several only when they price identically).
    #[serde(default)]
    pub litellm: Vec<String>,
    /// models.dev record, `provider/model` as in its api.json.
    pub modelsdev: Option<String>,
    /// Epoch AI model version.
    pub epoch: Option<String>,
    /// A release date models.dev lacks or has wrong, with its source.
    pub release: Option<DatedFact>,
    /// Why no release date is shown although models.dev gives one (a date known to be wrong).
    pub release_unknown: Option<String>,
    /// A status from a provider's page or models.dev's history, with its source.
    pub status: Option<StatusFact>,
    /// A speed quoted from a page no importer reads.
    pub speed: Option<SpeedFact>,
    /// Take the limits from LiteLLM even where models.dev gives some (say why in a comment).
    #[serde(default)]
    pub limits_from_litellm: bool,
}

/// A date and the source that gives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedFact {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Source id.
    pub source: String,
}

/// A status, its shutdown date if one is known, and its source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusFact {
    /// `active`, `deprecated` or `retired`.
    pub status: String,
    /// Shutdown date, past or announced.
    pub date: Option<String>,
    /// Source id.
    pub source: String,
}

/// Speed figures and their source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeedFact {
    /// Output tokens per second.
    pub output_tokens_per_s: Option<f64>,
    /// Seconds to the first token.
    pub ttft_s: Option<f64>,
    /// Source id.
    pub source: String,
    /// Date measured or published.
    pub as_of: String,
}

fn check_date(entry: &str, field: &str, text: &str) -> Result<(), Problem> {
    Date::parse(text).map(|_| ()).ok_or_else(|| problem(entry, field, format!("`{text}` is not a YYYY-MM-DD date")))
}

/// The line (1-based) holding byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// Parses and checks a catalog file: TOML syntax, then every reference (providers, sources),
/// id, date, status and key. A key mapped to two models, or one model listed twice, is refused.
pub fn parse_catalog(text: &str) -> Result<CatalogFile, Problem> {
    let file: CatalogFile = toml::from_str(text).map_err(|e| {
        let entry = e.span().map_or_else(|| "(file)".to_owned(), |s| format!("line {}", line_of(text, s.start)));
        problem(&entry, "(toml)", e.message().to_owned())
    })?;
    file.check()?;
    Ok(file)
}

impl CatalogFile {
    fn check(&self) -> Result<(), Problem> {
        let mut sources = HashSet::new();
        for s in &self.source {
            let entry = format!("source[{}]", s.id);
            if s.id.is_empty()
                || !s.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b))
            {
                return Err(problem(&entry, "id", "must be lowercase a-z, 0-9, `-` and `.`"));
            }
            check_date(&entry, "as_of", &s.as_of)?;
            if !s.url.starts_with("https://") {
                return Err(problem(&entry, "url", "must be an https:// address a reader can check"));
            }
            if !sources.insert(s.id.as_str()) {
                return Err(problem(&entry, "id", "listed twice"));
            }
        }
        let cited = |entry: &str, field: &str, id: &str| {
            if sources.contains(id) {
                Ok(())
            } else {
                Err(problem(entry, field, format!("unknown source `{id}`: add it as a [[source]]")))
            }
        };
        let mut providers = HashSet::new();
        for p in &self.provider {
            let entry = format!("provider[{}]", p.slug);
            if p.slug.is_empty() || !p.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                return Err(problem(&entry, "slug", "must be lowercase a-z, 0-9 and `-`"));
            }
            if !providers.insert(p.slug.as_str()) {
                return Err(problem(&entry, "slug", "listed twice"));
            }
        }
        let mut benchmarks = HashSet::new();
        for b in &self.benchmark {
            let entry = format!("benchmark[{}]", b.slug);
            if Scale::parse(&b.scale).is_none() {
                return Err(problem(&entry, "scale", format!("`{}` is not fraction, percent or index", b.scale)));
            }
            if !benchmarks.insert(b.slug.as_str()) {
                return Err(problem(&entry, "slug", "listed twice"));
            }
        }
        let mut ids = HashSet::new();
        let mut keys: HashMap<&str, &str> = HashMap::new();
        let mut modelsdev: HashMap<&str, &str> = HashMap::new();
        for m in &self.model {
            let entry = format!("model[{}]", m.id);
            if ModelId::parse(&m.id).is_none() {
                return Err(problem(&entry, "id", "must be lowercase a-z, 0-9 and single hyphens, without `-vs-`"));
            }
            if !ids.insert(m.id.as_str()) {
                return Err(problem(&entry, "id", "listed twice"));
            }
            if !providers.contains(m.provider.as_str()) {
                return Err(problem(&entry, "provider", format!("unknown provider `{}`", m.provider)));
            }
            if m.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                return Err(problem(&entry, "name", "is empty: leave it out to take models.dev's"));
            }
            if m.name.is_none() && m.modelsdev.is_none() {
                return Err(problem(&entry, "name", "needed: without a models.dev id nothing else names the model"));
            }
            // Prices come only from LiteLLM: a model without a key has none, which only a retired
            // model (kept so its page stays) may lack.
            if m.litellm.is_empty() && m.status.as_ref().is_none_or(|s| s.status != "retired") {
                return Err(problem(&entry, "litellm", "needs at least one key: prices come only from LiteLLM"));
            }
            for key in &m.litellm {
                if let Some(other) = keys.insert(key, &m.id) {
                    return Err(problem(&entry, "litellm", format!("key `{key}` is also mapped to {other}")));
                }
            }
            if let Some(id) = &m.modelsdev {
                match id.split_once('/') {
                    Some((p, rest)) if !p.is_empty() && !rest.is_empty() => {}
                    _ => return Err(problem(&entry, "modelsdev", format!("`{id}` is not `provider/model`"))),
                }
                if let Some(other) = modelsdev.insert(id, &m.id) {
                    return Err(problem(&entry, "modelsdev", format!("`{id}` is also mapped to {other}")));
                }
            }
            if m.release.is_some() && m.release_unknown.is_some() {
                return Err(problem(&entry, "release_unknown", "contradicts `release`: give one of the two"));
            }
            if m.release_unknown.as_deref().is_some_and(|r| r.trim().is_empty()) {
                return Err(problem(&entry, "release_unknown", "needs the reason models.dev's date is not used"));
            }
            if let Some(r) = &m.release {
                check_date(&entry, "release.date", &r.date)?;
                cited(&entry, "release.source", &r.source)?;
            }
            if let Some(s) = &m.status {
                if ModelStatus::parse(&s.status).is_none() {
                    return Err(problem(
                        &entry,
                        "status.status",
                        format!("`{}` is not active, deprecated or retired", s.status),
                    ));
                }
                if let Some(d) = &s.date {
                    check_date(&entry, "status.date", d)?;
                }
                cited(&entry, "status.source", &s.source)?;
            }
            if let Some(s) = &m.speed {
                for (field, v) in [("speed.output_tokens_per_s", s.output_tokens_per_s), ("speed.ttft_s", s.ttft_s)] {
                    if v.is_some_and(|v| !v.is_finite() || v <= 0.0) {
                        return Err(problem(&entry, field, "must be a positive number"));
                    }
                }
                check_date(&entry, "speed.as_of", &s.as_of)?;
                cited(&entry, "speed.source", &s.source)?;
            }
        }
        Ok(())
    }

    /// The provider entry of a model.
    pub fn provider_of(&self, model: &CatalogModel) -> Option<&CatalogProvider> {
        self.provider.iter().find(|p| p.slug == model.provider)
    }
}

/// A ready-to-paste catalog entry for a LiteLLM key no model maps, for a person to review:
/// the id and provider follow from the key, the name is marked as a guess.
pub fn candidate_entry(key: &str, litellm_provider: &str) -> String {
    let bare = key.rsplit('/').next().unwrap_or(key);
    let id: String = bare
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .replace("-vs-", "-v-s-");
    let name = bare.replace(['-', '_'], " ");
    let provider = match litellm_provider {
        "vertex_ai-language-models" | "gemini" => "google",
        "dashscope" => "alibaba",
        "moonshot" => "moonshot-ai",
        "zai" => "zai",
        "bedrock_converse" | "bedrock" | "amazon_nova" => "amazon",
        "cohere_chat" => "cohere",
        other => other,
    };
    format!(
        "[[model]]\nid = \"{id}\"\nprovider = \"{provider}\"\nname = \"{name}\" # a guess from the key: check the vendor's name\nlitellm = [\"{key}\"]\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
[[source]]
id = "vendor-page"
title = "Vendor announcement"
url = "https://example.com/news"
license = "facts quoted with attribution"
as_of = "2026-10-01"

[[provider]]
slug = "openai"
name = "OpenAI"
api_host = "OpenAI API"

[[model]]
id = "gpt-6"
provider = "openai"
name = "GPT-6"
litellm = ["gpt-6"]
release = { date = "2026-10-01", source = "vendor-page" }
"#;

    #[test]
    fn a_small_catalog_parses() {
        let file = parse_catalog(SMALL).unwrap();
        assert_eq!(file.model[0].id, "gpt-6");
        assert_eq!(file.provider_of(&file.model[0]).unwrap().api_host, "OpenAI API");
    }

    #[test]
    fn problems_name_the_entry_and_field() {
        for (from, to, entry, field) in [
            (
                "provider = \"openai\"\nname = \"GPT-6\"",
                "provider = \"nope\"\nname = \"GPT-6\"",
                "model[gpt-6]",
                "provider",
            ),
            ("date = \"2026-10-01\", source", "date = \"2026-13-01\", source", "model[gpt-6]", "release.date"),
            ("source = \"vendor-page\" }", "source = \"elsewhere\" }", "model[gpt-6]", "release.source"),
            ("id = \"gpt-6\"", "id = \"GPT 6\"", "model[GPT 6]", "id"),
            ("litellm = [\"gpt-6\"]", "litellm = []", "model[gpt-6]", "litellm"),
            ("name = \"GPT-6\"\n", "", "model[gpt-6]", "name"),
            ("https://example.com/news", "http://example.com/news", "source[vendor-page]", "url"),
        ] {
            let text = SMALL.replace(from, to);
            assert_ne!(text, SMALL, "{from}");
            let p = parse_catalog(&text).unwrap_err();
            assert_eq!((p.entry.as_str(), p.field.as_str()), (entry, field), "{to}: {p:?}");
        }
        let twice = format!(
            "{SMALL}\n[[model]]\nid = \"gpt-6-mini\"\nprovider = \"openai\"\nname = \"x\"\nlitellm = [\"gpt-6\"]\n"
        );
        let p = parse_catalog(&twice).unwrap_err();
        assert_eq!(
            (p.entry.as_str(), p.problem.as_str()),
            ("model[gpt-6-mini]", "key `gpt-6` is also mapped to gpt-6")
        );
        let p = parse_catalog("[[model]]\nid = 3\n").unwrap_err();
        assert_eq!((p.entry.as_str(), p.field.as_str()), ("line 2", "(toml)"), "{p:?}");
        let p = parse_catalog(&SMALL.replace("name = \"GPT-6\"", "nmae = \"GPT-6\"")).unwrap_err();
        assert!(p.problem.contains("nmae"), "{p:?}");
    }

    #[test]
    fn a_candidate_entry_is_ready_to_paste_and_says_its_name_is_a_guess() {
        let entry = candidate_entry("gpt-6.2-mini", "openai");
        assert_eq!(
            entry,
            "[[model]]\nid = \"gpt-6-2-mini\"\nprovider = \"openai\"\nname = \"gpt 6.2 mini\" # a guess from the key: check the vendor's name\nlitellm = [\"gpt-6.2-mini\"]\n"
        );
        let pasted = format!("{SMALL}\n{entry}");
        let file = parse_catalog(&pasted).expect("the pasted entry parses");
        assert_eq!(file.model.len(), 2);
        assert!(candidate_entry("dashscope/qwen3.9-max", "dashscope").contains("provider = \"alibaba\""));
    }
}
