//! The rate card against the raw LiteLLM fields: every model's batch request with cached input,
//! and its batch request just above its first long-context threshold, priced from the seeded
//! card through the one pricing path and recomputed here from the November map's own fields
//! (floats, independently of the importer's exact decimals). The audit found both overstated
//! (cache reads billed at min(cache, batch input); batch above a threshold at the standard
//! tier's rates); no difference may remain. Needs `../shared/data`, as the seed build does.

use std::path::Path;

use llm_compare::domain::money::Usd;
use llm_compare::domain::pricing::{PayAs, Usage, price_on_card};
use llm_compare::domain::rate_card::ServiceTier;
use serde_json::{Map, Value};

use crate::support::site;

/// The November LiteLLM map the seed's current prices come from, when the checkout has it.
fn november_map() -> Option<Map<String, Value>> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/litellm/model_prices_2026-11_v1.110.2.json");
    if !file.is_file() {
        assert!(std::env::var_os("CI").is_none(), "CI is set but {} is missing", file.display());
        eprintln!(
            "\n*** SKIPPED batch_costs_from_the_card_match_the_raw_litellm_fields: {} is missing (set CI to make this a failure) ***\n",
            file.display()
        );
        return None;
    }
    eprintln!("running with the shared LiteLLM map {}", file.display());
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// A request's cost from per-token floats: `None` when a field it needs is absent.
fn raw_cost(entry: &Map<String, Value>, parts: &[(&str, u64)]) -> Option<f64> {
    parts.iter().map(|(field, tokens)| Some(entry.get(*field)?.as_f64()? * *tokens as f64)).sum()
}

fn same(card: Option<Usd>, raw: Option<f64>) -> bool {
    match (card, raw) {
        (Some(c), Some(r)) => (c.as_f64() - r).abs() <= 1e-9 * r.max(1e-6),
        (None, None) => true,
        _ => false,
    }
}

#[tokio::test]
async fn batch_costs_from_the_card_match_the_raw_litellm_fields() {
    let Some(map) = november_map() else { return };
    let s = site().await;
    let batch = PayAs::tier(ServiceTier::Batch);
    let (mut cache_cases, mut threshold_cases, mut overstated) = (0, 0, Vec::new());
    for m in &s.catalog.dataset.models {
        let Some(price) = m.current_price().filter(|p| p.last_seen_in == "litellm-1.110.2") else { continue };
        let Some(entry) = m.litellm_keys.iter().find_map(|k| map.get(k)).and_then(Value::as_object) else { continue };

        // 10,000 input tokens, half of them cache hits, 1,000 output, through the batch API.
        let usage = Usage { input_tokens: 10_000, cache_read_tokens: 5_000, cache_write: None, output_tokens: 1_000 };
        let card = price_on_card(&price.rates, &usage, batch).ok().map(|p| p.total);
        let raw = raw_cost(
            entry,
            &[
                ("input_cost_per_token_batches", 5_000),
                ("cache_read_input_token_cost_batches", 5_000),
                ("output_cost_per_token_batches", 1_000),
            ],
        );
        assert!(same(card, raw), "{}: batch with cache: card {card:?}, LiteLLM fields {raw:?}", m.id);
        if let (Some(raw), Some(bi), Some(cr)) = (
            raw,
            entry.get("input_cost_per_token_batches").and_then(Value::as_f64),
            entry.get("cache_read_input_token_cost").and_then(Value::as_f64),
        ) {
            cache_cases += 1;
            // What we billed before the card: cache reads at min(standard cache, batch input).
            let before =
                raw - 5_000.0 * entry["cache_read_input_token_cost_batches"].as_f64().unwrap() + 5_000.0 * cr.min(bi);
            if before > raw * (1.0 + 1e-9) {
                overstated.push(format!("{} batch+cache {:.3}x", m.id, before / raw));
            }
        }

        // Just above the first standard long-context threshold, through the batch API.
        let Some(first) = price.rates.thresholds().first().copied() else { continue };
        let k = first / 1000;
        let usage = Usage { input_tokens: first + 1, cache_read_tokens: 0, cache_write: None, output_tokens: 1_000 };
        let card = price_on_card(&price.rates, &usage, batch).ok().map(|p| p.total);
        let raw = raw_cost(
            entry,
            &[
                (&format!("input_cost_per_token_above_{k}k_tokens_batches"), first + 1),
                (&format!("output_cost_per_token_above_{k}k_tokens_batches"), 1_000),
            ],
        );
        assert!(same(card, raw), "{}: batch above {first}: card {card:?}, LiteLLM fields {raw:?}", m.id);
        if let Some(raw) = raw {
            threshold_cases += 1;
            let standard = raw_cost(
                entry,
                &[
                    (&format!("input_cost_per_token_above_{k}k_tokens"), first + 1),
                    (&format!("output_cost_per_token_above_{k}k_tokens"), 1_000),
                ],
            );
            if let Some(before) = standard.filter(|b| *b > raw * (1.0 + 1e-9)) {
                overstated.push(format!("{} batch above {first} {:.2}x", m.id, before / raw));
            }
        }
    }
    eprintln!(
        "{cache_cases} batch+cache and {threshold_cases} batch-above-threshold requests agree; before the card {} were overstated:\n  {}",
        overstated.len(),
        overstated.join("\n  ")
    );
    assert!(cache_cases >= 11 && threshold_cases >= 3, "the audit's cases are all covered");
    assert!(overstated.iter().any(|o| o.starts_with("gpt-5-4 batch above 272000 2.00x")), "{overstated:?}");
}

#[tokio::test]
async fn gpt_5_4_batch_above_272k_is_76125_micro_dollars_on_the_seeded_card_and_the_page() {
    // The November card (LiteLLM 1.110.2 `input_cost_per_token_above_272k_tokens_batches`
    // 2.5e-06, `output_cost_per_token_above_272k_tokens_batches` 1.125e-05):
    // 300,000 x $2.50 + 1,000 x $11.25 per 1M = $0.76125 (we showed $1.5225).
    let s = site().await;
    let gpt = s.catalog.model(&llm_compare::domain::ModelId::parse("gpt-5-4").unwrap()).unwrap();
    let usage = Usage { input_tokens: 300_000, cache_read_tokens: 0, cache_write: None, output_tokens: 1_000 };
    let cost = price_on_card(&gpt.current_price().unwrap().rates, &usage, PayAs::tier(ServiceTier::Batch)).unwrap();
    assert_eq!((cost.total.to_string(), cost.tier_above), ("$0.76125".to_owned(), Some(272_000)));
    let (a, b) = s
        .catalog
        .canonical_order(s.catalog.model(&llm_compare::domain::ModelId::parse("grok-4").unwrap()).unwrap(), gpt);
    let path = format!("{}?input=300000&output=1000&batch=1", s.catalog.canonical_path(a, b));
    let (_, _, body) = crate::support::get(&path).await;
    let row = crate::support::row(&body, "Your request (").expect("your row");
    assert!(row.contains("$0.76125") && !row.contains("$1.5225"), "{row}");
}
