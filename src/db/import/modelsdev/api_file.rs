//! models.dev's `api.json` (`{provider: {id, name, models: {model: {...}}}}`), read as a pure
//! function over bytes. Only the records our models name are checked field by field: the file
//! holds thousands of other providers' entries we never read, some with partial dates.

use serde_json::{Map, Value};

use super::super::json::kind;
pub use super::super::problem::Problem;
use super::super::problem::problem;

use crate::domain::model::Date;

/// The most tokens any limit may plausibly be: larger is a typo or a unit mix-up.
pub const MAX_PLAUSIBLE_TOKENS: u64 = 100_000_000;

/// The file, its shape checked: an object of providers, each with an object of models.
#[derive(Debug, Clone)]
pub struct ModelsDevFile {
    providers: Map<String, Value>,
    /// How many model records the file holds.
    pub models: usize,
}

/// The fields we take from one model record, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelRecord {
    /// Display name.
    pub name: Option<String>,
    /// First release.
    pub release_date: Option<Date>,
    /// Training-data cutoff, `YYYY-MM` or `YYYY-MM-DD`.
    pub knowledge: Option<String>,
    /// Whether the weights are published.
    pub open_weights: Option<bool>,
    /// `deprecated`, `beta`, `alpha`, or none.
    pub status: Option<String>,
    /// Context window.
    pub context: Option<u64>,
    /// Input cap.
    pub input: Option<u64>,
    /// Output limit.
    pub output: Option<u64>,
    /// The shared record it inherits from, when the file does not hold it (a stub: fields missing).
    pub unresolved_base: Option<String>,
}

/// Parses `api.json` and checks its shape.
pub fn parse_api(bytes: &[u8]) -> Result<ModelsDevFile, Problem> {
    // The strict reader every importer shares: a key given twice, or nesting past its limit, is
    // refused rather than silently resolved.
    let text = std::str::from_utf8(bytes).map_err(|e| problem("(file)", "(json)", format!("not UTF-8: {e}")))?;
    let value: Value = super::super::json::parse(text).map_err(|e| {
        problem(&format!("line {} column {}", e.line, e.column), "(json)", format!("not JSON: {}", e.problem))
    })?;
    let Value::Object(providers) = value else {
        return Err(problem("(file)", "(json)", format!("is {}, not an object of providers", kind(&value))));
    };
    let mut models = 0;
    for (id, p) in &providers {
        let Some(models_of) = p.get("models") else {
            return Err(problem(id, "models", "missing: every provider lists its models"));
        };
        let Value::Object(list) = models_of else {
            return Err(problem(id, "models", format!("is {}, not an object of models", kind(models_of))));
        };
        for (mid, m) in list {
            if !m.is_object() {
                return Err(problem(&format!("{id}/{mid}"), "(entry)", format!("is {}, not an object", kind(m))));
            }
        }
        models += list.len();
    }
    Ok(ModelsDevFile { providers, models })
}

impl ModelsDevFile {
    fn raw(&self, provider: &str, model: &str) -> Option<&Map<String, Value>> {
        self.providers.get(provider)?.get("models")?.get(model)?.as_object()
    }

    /// The checked record `provider/model`, with a `base_model` the file holds merged under it;
    /// `Ok(None)` when the file has no such record.
    pub fn record(&self, id: &str) -> Result<Option<ModelRecord>, Problem> {
        let Some((provider, model)) = id.split_once('/') else {
            return Err(problem(id, "(id)", "is not `provider/model`"));
        };
        let Some(entry) = self.raw(provider, model) else { return Ok(None) };
        let mut merged = Map::new();
        let mut unresolved_base = None;
        if let Some(base) = entry.get("base_model") {
            let base = base.as_str().ok_or_else(|| problem(id, "base_model", "is not a string"))?;
            let resolved = base.split_once('/').filter(|b| *b != (provider, model)).and_then(|(p, m)| self.raw(p, m));
            match resolved {
                Some(b) => merged = b.clone(),
                None => unresolved_base = Some(base.to_owned()),
            }
        }
        for (k, v) in entry {
            match (merged.get_mut(k), v) {
                (Some(Value::Object(under)), Value::Object(over)) => {
                    under.extend(over.iter().map(|(a, b)| (a.clone(), b.clone())));
                }
                _ => {
                    merged.insert(k.clone(), v.clone());
                }
            }
        }
        let mut record = check(id, &merged)?;
        record.unresolved_base = unresolved_base;
        Ok(Some(record))
    }
}

fn text<'a>(id: &str, m: &'a Map<String, Value>, field: &str) -> Result<Option<&'a str>, Problem> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(problem(id, field, format!("is {}, not a string", kind(other)))),
    }
}

fn tokens(id: &str, limit: &Map<String, Value>, field: &str) -> Result<Option<u64>, Problem> {
    let field_name = format!("limit.{field}");
    match limit.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            let whole = v.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= 1e15).map(|f| f as u64);
            let n = v
                .as_u64()
                .or(whole)
                .ok_or_else(|| problem(id, &field_name, format!("{v} is not a whole number of tokens")))?;
            match n {
                // models.dev writes 0 for "not given"; a missing figure, not a limit.
                0 => Ok(None),
                n if n > MAX_PLAUSIBLE_TOKENS => Err(problem(
                    id,
                    &field_name,
                    format!("{n} tokens is beyond any model's limit (at most {MAX_PLAUSIBLE_TOKENS})"),
                )),
                n => Ok(Some(n)),
            }
        }
    }
}

fn check(id: &str, m: &Map<String, Value>) -> Result<ModelRecord, Problem> {
    let name = text(id, m, "name")?.map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
    let release_date = match text(id, m, "release_date")? {
        None => None,
        Some(d) => Some(
            Date::parse(d)
                .filter(|d| d.iso() >= "2015-01-01")
                .ok_or_else(|| problem(id, "release_date", format!("`{d}` is not a YYYY-MM-DD date from 2015 on")))?,
        ),
    };
    let knowledge = match text(id, m, "knowledge")? {
        None => None,
        Some(k) => {
            let ok = Date::parse(k).is_some() || (k.len() == 7 && Date::parse(&format!("{k}-01")).is_some());
            if !ok {
                return Err(problem(id, "knowledge", format!("`{k}` is not YYYY-MM or YYYY-MM-DD")));
            }
            Some(k.to_owned())
        }
    };
    let open_weights = match m.get("open_weights") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => return Err(problem(id, "open_weights", format!("is {}, not true or false", kind(other)))),
    };
    let status = text(id, m, "status")?.map(str::to_owned);
    if let Some(s) = &status
        && !matches!(s.as_str(), "deprecated" | "beta" | "alpha")
    {
        return Err(problem(id, "status", format!("`{s}` is not deprecated, beta or alpha")));
    }
    let (context, input, output) = match m.get("limit") {
        None | Some(Value::Null) => (None, None, None),
        Some(Value::Object(limit)) => {
            (tokens(id, limit, "context")?, tokens(id, limit, "input")?, tokens(id, limit, "output")?)
        }
        Some(other) => return Err(problem(id, "limit", format!("is {}, not an object", kind(other)))),
    };
    if let (Some(c), Some(i)) = (context, input)
        && i > c
    {
        return Err(problem(id, "limit.input", format!("{i} exceeds the context window of {c}")));
    }
    Ok(ModelRecord {
        name,
        release_date,
        knowledge,
        open_weights,
        status,
        context,
        input,
        output,
        unresolved_base: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{
      "openai": {"id": "openai", "name": "OpenAI", "models": {
        "gpt-5": {"id": "gpt-5", "base_model": "openai/gpt-5", "cost": {"input": 1.25}},
        "gpt-5-mini": {"id": "gpt-5-mini", "name": "GPT-5 Mini", "release_date": "2025-08-07",
          "knowledge": "2024-05-30", "open_weights": false,
          "limit": {"context": 400000, "input": 272000, "output": 128000}}
      }},
      "zai": {"id": "zai", "models": {"glm-5": {"id": "glm-5", "base_model": "zhipuai/glm-5", "limit": {"output": 64000}}}},
      "zhipuai": {"id": "zhipuai", "models": {"glm-5": {"id": "glm-5", "name": "GLM-5", "release_date": "2026-02-11",
        "knowledge": "2025-06", "status": "deprecated", "limit": {"context": 200000, "output": 128000}}}}
    }"#;

    #[test]
    fn records_are_read_and_a_base_model_in_the_file_is_merged_under_its_stub() {
        let file = parse_api(FILE.as_bytes()).unwrap();
        assert_eq!(file.models, 4);
        let mini = file.record("openai/gpt-5-mini").unwrap().unwrap();
        assert_eq!((mini.context, mini.input, mini.output), (Some(400_000), Some(272_000), Some(128_000)));
        assert_eq!(mini.release_date, Date::parse("2025-08-07"));
        let glm = file.record("zai/glm-5").unwrap().unwrap();
        assert_eq!((glm.name.as_deref(), glm.context, glm.output), (Some("GLM-5"), Some(200_000), Some(64_000)));
        assert_eq!(glm.status.as_deref(), Some("deprecated"));
        let stub = file.record("openai/gpt-5").unwrap().unwrap();
        assert_eq!((stub.name, stub.context), (None, None));
        assert_eq!(stub.unresolved_base.as_deref(), Some("openai/gpt-5"));
        assert_eq!(file.record("openai/gpt-9").unwrap(), None);
    }

    #[test]
    fn bad_values_in_a_mapped_record_name_the_record_and_field() {
        for (from, to, field) in [
            ("\"2025-08-07\"", "\"2025-08\"", "release_date"),
            ("\"context\": 400000", "\"context\": 4000000000", "limit.context"),
            ("\"context\": 400000", "\"context\": 1.5", "limit.context"),
            ("\"input\": 272000", "\"input\": 500000", "limit.input"),
            ("\"open_weights\": false", "\"open_weights\": \"no\"", "open_weights"),
            ("\"2024-05-30\"", "\"late 2024\"", "knowledge"),
        ] {
            let text = FILE.replace(from, to);
            assert_ne!(text, FILE, "{from}");
            let file = parse_api(text.as_bytes()).unwrap();
            let p = file.record("openai/gpt-5-mini").unwrap_err();
            assert_eq!((p.entry.as_str(), p.field.as_str()), ("openai/gpt-5-mini", field), "{to}: {p:?}");
        }
    }

    #[test]
    fn a_malformed_file_is_refused_with_where() {
        let p = parse_api(b"{\n \"openai\": }").unwrap_err();
        assert!(p.entry.starts_with("line 2"), "{p:?}");
        let p = parse_api(br#"{"openai": {"models": []}}"#).unwrap_err();
        assert_eq!((p.entry.as_str(), p.field.as_str()), ("openai", "models"));
        let p = parse_api(br#"[1]"#).unwrap_err();
        assert_eq!(p.field, "(json)");
        let p = parse_api(br#"{"openai": {"models": {"x": 3}}}"#).unwrap_err();
        assert_eq!(p.entry, "openai/x");
    }
}
