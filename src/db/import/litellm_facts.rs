//! What a LiteLLM entry says besides prices: a shutdown date (`deprecation_date`) and limits
//! (`max_input_tokens`, `max_output_tokens`), and which unmapped keys are a first-party
//! provider's chat models, the candidates for new catalog entries.

use std::collections::HashMap;

use serde_json::{Map, Value};
use sqlx::SqliteConnection;

use super::catalog::toml_file::candidate_entry;
use super::modelsdev::api_file::MAX_PLAUSIBLE_TOKENS;
use super::{ImportError, rejected};
use crate::domain::model::Date;

/// LiteLLM providers that sell their own models under their own keys: the candidates for new
/// models come only from these (a reseller's copy of a model is not a new model).
const FIRST_PARTY: [&str; 14] = [
    "openai",
    "anthropic",
    "gemini",
    "vertex_ai-language-models",
    "xai",
    "deepseek",
    "mistral",
    "dashscope",
    "moonshot",
    "zai",
    "minimax",
    "meta",
    "amazon_nova",
    "cohere_chat",
];

/// The facts of one mapped entry, checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct EntryFacts {
    /// Announced or past shutdown.
    pub(super) deprecation_date: Option<Date>,
    /// `max_input_tokens`.
    pub(super) max_input: Option<u64>,
    /// `max_output_tokens`.
    pub(super) max_output: Option<u64>,
}

fn limit(label: &str, key: &str, entry: &Map<String, Value>, field: &str) -> Result<Option<u64>, ImportError> {
    match entry.get(field) {
        None | Some(Value::Null) => Ok(None),
        // LiteLLM writes some limits as floats (`2000000.0`): a whole number is a count.
        Some(v) => {
            match v.as_u64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64)) {
                Some(0) => Ok(None),
                Some(n) if n <= MAX_PLAUSIBLE_TOKENS => Ok(Some(n)),
                _ => Err(rejected(
                    label,
                    key,
                    field,
                    format!("{v} is not a whole number of tokens from 1 to {MAX_PLAUSIBLE_TOKENS}"),
                )),
            }
        }
    }
}

/// Reads and checks the facts of a mapped entry.
pub(super) fn entry_facts(label: &str, key: &str, entry: &Map<String, Value>) -> Result<EntryFacts, ImportError> {
    let deprecation_date = match entry.get("deprecation_date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(
            Date::parse(s)
                .ok_or_else(|| rejected(label, key, "deprecation_date", format!("`{s}` is not a YYYY-MM-DD date")))?,
        ),
        Some(other) => return Err(rejected(label, key, "deprecation_date", format!("{other} is not a date"))),
    };
    Ok(EntryFacts {
        deprecation_date,
        max_input: limit(label, key, entry, "max_input_tokens")?,
        max_output: limit(label, key, entry, "max_output_tokens")?,
    })
}

/// A model's stored status and limit figures, as the import compares them.
#[derive(sqlx::FromRow, Debug, Clone, PartialEq)]
pub(super) struct StoredFacts {
    slug: String,
    status: String,
    deprecation_date: Option<String>,
    status_source: Option<String>,
    context_window: Option<i64>,
    max_output: Option<i64>,
    max_input: Option<i64>,
    limits_source: Option<String>,
    litellm_max_input: Option<i64>,
    litellm_max_output: Option<i64>,
    litellm_limits_source: Option<String>,
}

/// The newest date of the LiteLLM sources a model's stored facts cite, so an older map never
/// replaces what a newer one gave.
pub(super) fn newest_cited<'a>(f: &StoredFacts, dates: &'a HashMap<String, String>) -> Option<&'a str> {
    [&f.status_source, &f.litellm_limits_source, &f.limits_source]
        .into_iter()
        .filter_map(|s| dates.get(s.as_deref()?).map(String::as_str))
        .max()
}

/// The dates of the LiteLLM sources (those with LiteLLM's URL), by id.
pub(super) async fn litellm_source_dates(
    conn: &mut SqliteConnection,
    litellm_url: &str,
) -> Result<HashMap<String, String>, ImportError> {
    Ok(sqlx::query_as("SELECT id, as_of FROM sources WHERE url = ?")
        .bind(litellm_url)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect())
}

/// Each model's stored facts, whether the catalog pins its status, and whether its limits come
/// from a LiteLLM map; plus the dates of the LiteLLM sources, by id.
pub(super) type Stored = (HashMap<String, (StoredFacts, bool, bool)>, HashMap<String, String>);

/// Every model's stored facts, with whether the catalog pins its status and whether its limits
/// came from a LiteLLM map (so a newer map may replace them).
pub(super) async fn read_stored(
    conn: &mut SqliteConnection,
    litellm_url: &str,
) -> Result<HashMap<String, (StoredFacts, bool, bool)>, ImportError> {
    let rows: Vec<StoredFacts> = sqlx::query_as(
        "SELECT slug, status, deprecation_date, status_source, context_window, max_output, max_input, limits_source,
                litellm_max_input, litellm_max_output, litellm_limits_source FROM models",
    )
    .fetch_all(&mut *conn)
    .await?;
    let pinned: Vec<String> =
        sqlx::query_scalar("SELECT model FROM model_pins WHERE field = 'status'").fetch_all(&mut *conn).await?;
    let limits_pinned: Vec<String> =
        sqlx::query_scalar("SELECT model FROM model_pins WHERE field = 'limits'").fetch_all(&mut *conn).await?;
    let litellm_sources: Vec<String> =
        sqlx::query_scalar("SELECT id FROM sources WHERE url = ?").bind(litellm_url).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let pin = pinned.contains(&r.slug);
            let from_litellm =
                limits_pinned.contains(&r.slug) || r.limits_source.as_ref().is_none_or(|s| litellm_sources.contains(s));
            (r.slug.clone(), (r, pin, from_litellm))
        })
        .collect())
}

/// The stored facts as they become with an entry's, and one report line per change.
pub(super) fn updated(
    stored: &(StoredFacts, bool, bool),
    facts: &EntryFacts,
    source: &str,
    as_of: &Date,
    cited_after: Option<&str>,
) -> (StoredFacts, Vec<String>) {
    let (old, status_pinned, limits_from_litellm) = stored;
    let mut new = old.clone();
    // Figures a newer map gave are not replaced by an older one's.
    if cited_after.is_some_and(|d| d > as_of.iso()) {
        return (new, Vec::new());
    }
    let src = Some(source.to_owned());
    let same_date = old.deprecation_date.as_deref() == facts.deprecation_date.as_ref().map(Date::iso);
    if let Some(d) = facts.deprecation_date.as_ref().filter(|_| !status_pinned && !same_date) {
        let status = if d.iso() <= as_of.iso() { "retired" } else { "deprecated" };
        (new.status, new.deprecation_date, new.status_source) =
            (status.to_owned(), Some(d.iso().to_owned()), src.clone());
    }
    let same_limits = (old.litellm_max_input, old.litellm_max_output)
        == (facts.max_input.map(|v| v as i64), facts.max_output.map(|v| v as i64));
    if (facts.max_input.is_some() || facts.max_output.is_some()) && !same_limits {
        new.litellm_max_input = facts.max_input.map(|v| v as i64);
        new.litellm_max_output = facts.max_output.map(|v| v as i64);
        new.litellm_limits_source = src.clone();
        // The methodology's rule: limits come from models.dev; LiteLLM's only where models.dev
        // gives none. LiteLLM names no context window, only what a request may send and return.
        if *limits_from_litellm {
            (new.context_window, new.max_input, new.max_output, new.limits_source) =
                (None, new.litellm_max_input, new.litellm_max_output, src);
        }
    }
    let mut lines = Vec::new();
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_owned());
    let count = |v: Option<i64>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
    for (field, a, b) in [
        ("status", old.status.clone(), new.status.clone()),
        ("shutdown date", show(&old.deprecation_date), show(&new.deprecation_date)),
        ("context window", count(old.context_window), count(new.context_window)),
        ("max input", count(old.max_input), count(new.max_input)),
        ("max output", count(old.max_output), count(new.max_output)),
        ("LiteLLM max_input_tokens", count(old.litellm_max_input), count(new.litellm_max_input)),
        ("LiteLLM max_output_tokens", count(old.litellm_max_output), count(new.litellm_max_output)),
    ] {
        if a != b {
            lines.push(format!("{}: {field} {a} → {b}", old.slug));
        }
    }
    if lines.is_empty() && new != *old {
        lines.push(format!("{}: limits and status now cite {source}", old.slug));
    }
    (new, lines)
}

/// Writes one model's updated facts.
pub(super) async fn write(conn: &mut SqliteConnection, f: &StoredFacts) -> Result<(), ImportError> {
    sqlx::query(
        "UPDATE models SET status = ?, deprecation_date = ?, status_source = ?, context_window = ?, max_output = ?,
            max_input = ?, limits_source = ?, litellm_max_input = ?, litellm_max_output = ?, litellm_limits_source = ?
         WHERE slug = ?",
    )
    .bind(&f.status)
    .bind(&f.deprecation_date)
    .bind(&f.status_source)
    .bind(f.context_window)
    .bind(f.max_output)
    .bind(f.max_input)
    .bind(&f.limits_source)
    .bind(f.litellm_max_input)
    .bind(f.litellm_max_output)
    .bind(&f.litellm_limits_source)
    .bind(&f.slug)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The unmapped first-party chat keys, sorted, each with a catalog entry to paste.
pub(super) fn candidate_entries<'a>(
    entries: impl Iterator<Item = (&'a String, &'a Value)>,
    mapped: &dyn Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = entries
        .filter(|(key, e)| !mapped(key) && e.get("mode").and_then(Value::as_str) == Some("chat"))
        .filter_map(|(key, e)| {
            let provider = e.get("litellm_provider").and_then(Value::as_str)?;
            FIRST_PARTY.contains(&provider).then(|| (key.clone(), candidate_entry(key, provider)))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> (StoredFacts, bool, bool) {
        let f = StoredFacts {
            slug: "o3".into(),
            status: "active".into(),
            deprecation_date: None,
            status_source: None,
            context_window: Some(200_000),
            max_output: Some(100_000),
            max_input: None,
            limits_source: Some("modelsdev".into()),
            litellm_max_input: None,
            litellm_max_output: None,
            litellm_limits_source: None,
        };
        (f, false, false)
    }

    #[test]
    fn a_shutdown_date_sets_the_status_it_means_on_the_import_date() {
        let facts = EntryFacts { deprecation_date: Date::parse("2026-12-11"), ..Default::default() };
        let (new, lines) = updated(&stored(), &facts, "nov", &Date::parse("2026-11-25").unwrap(), None);
        assert_eq!((new.status.as_str(), new.deprecation_date.as_deref()), ("deprecated", Some("2026-12-11")));
        assert_eq!(lines, ["o3: status active → deprecated", "o3: shutdown date none → 2026-12-11"]);
        let (new, _) = updated(&stored(), &facts, "later", &Date::parse("2026-12-11").unwrap(), None);
        assert_eq!(new.status, "retired", "the shutdown day itself is past");
        let pinned = (stored().0, true, false);
        assert_eq!(updated(&pinned, &facts, "nov", &Date::parse("2026-11-25").unwrap(), None).0, pinned.0);
        let (new, lines) = updated(&stored(), &facts, "march", &Date::parse("2026-03-05").unwrap(), Some("2026-11-25"));
        assert_eq!((new, lines.len()), (stored().0, 0), "an older map leaves what a newer one gave");
    }

    #[test]
    fn litellm_limits_are_kept_beside_ours_and_used_only_where_no_other_source_gives_any() {
        let facts = EntryFacts { max_input: Some(272_000), max_output: Some(128_000), ..Default::default() };
        let (new, _) = updated(&stored(), &facts, "nov", &Date::parse("2026-11-25").unwrap(), None);
        assert_eq!((new.context_window, new.max_input, new.litellm_max_input), (Some(200_000), None, Some(272_000)));
        let from_litellm = (stored().0, false, true);
        let (new, _) = updated(&from_litellm, &facts, "nov", &Date::parse("2026-11-25").unwrap(), None);
        assert_eq!((new.context_window, new.max_input, new.max_output), (None, Some(272_000), Some(128_000)));
        assert_eq!(new.limits_source.as_deref(), Some("nov"));
    }

    #[test]
    fn candidates_are_unmapped_first_party_chat_keys_with_an_entry_to_paste() {
        let file = serde_json::json!({
            "gpt-6-sol": {"mode": "chat", "litellm_provider": "openai"},
            "gpt-4o-mini": {"mode": "chat", "litellm_provider": "openai"},
            "text-embedding-9": {"mode": "embedding", "litellm_provider": "openai"},
            "openrouter/openai/gpt-6-sol": {"mode": "chat", "litellm_provider": "openrouter"},
            "moonshot/kimi-k9": {"mode": "chat", "litellm_provider": "moonshot"},
        });
        let entries = file.as_object().unwrap();
        let found = candidate_entries(entries.iter(), &|k| k == "gpt-4o-mini");
        let keys: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["gpt-6-sol", "moonshot/kimi-k9"], "mapped, non-chat and reseller keys are not candidates");
        assert!(found[1].1.contains("id = \"kimi-k9\"\nprovider = \"moonshot-ai\""), "{}", found[1].1);
        assert!(found[1].1.contains("# a guess"), "the name is marked as a guess");
    }

    #[test]
    fn bad_facts_name_the_key_and_field() {
        let entry = serde_json::json!({"deprecation_date": "soon", "max_input_tokens": 5});
        let err = entry_facts("f.json", "k", entry.as_object().unwrap()).unwrap_err().to_string();
        assert!(err.contains("`k`") && err.contains("deprecation_date"), "{err}");
        let entry = serde_json::json!({"max_output_tokens": 1e12});
        let err = entry_facts("f.json", "k", entry.as_object().unwrap()).unwrap_err().to_string();
        assert!(err.contains("max_output_tokens"), "{err}");
    }
}
