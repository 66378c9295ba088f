//! The rate card against the raw LiteLLM fields: every model's batch request with cached input,
//! and its batch request just above its first long-context threshold, priced from the seeded
//! card through the one pricing path and recomputed here from the November map's own fields
//! (floats, independently of the importer's exact decimals). The audit found both overstated
//! (cache reads billed at min(cache, batch input); batch above a threshold at the standard
//! tier's rates); no difference may remain. Needs `../shared/data`, as the seed build does.

use llm_compare::domain::Catalog;
use llm_compare::domain::model::Model;
use llm_compare::domain::money::Usd;
use llm_compare::domain::pricing::{PayAs, Usage, price_on_card};
use llm_compare::domain::rate_card::{RateCard, ServiceTier};
use serde_json::{Map, Value};

use crate::support::{shared_data, site};

/// The November LiteLLM map the seed's current prices come from, when the checkout has it
/// (`test` names the caller in the message that says it is skipped).
fn november_map(test: &str) -> Option<Map<String, Value>> {
    let file = shared_data(test, "litellm/model_prices_2026-11_v1.110.2.json")?;
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// Each seeded model whose current price was last seen in the November map, with that price's
/// card and the map's entry for it.
fn priced_from_the_map<'a>(
    catalog: &'a Catalog,
    map: &'a Map<String, Value>,
) -> impl Iterator<Item = (&'a Model, &'a RateCard, &'a Map<String, Value>)> {
    catalog.dataset.models.iter().filter_map(|m| {
        let price = m.current_price().filter(|p| p.last_seen_in == "litellm-1.110.2")?;
        let entry = m.litellm_keys.iter().find_map(|k| map.get(k)).and_then(Value::as_object)?;
        Some((m, &price.rates, entry))
    })
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
async fn a_batch_request_with_cache_hits_costs_on_the_card_what_the_raw_litellm_fields_say() {
    let Some(map) = november_map("a_batch_request_with_cache_hits_costs_on_the_card_what_the_raw_litellm_fields_say")
    else {
        return;
    };
    let s = site().await;
    let (mut cases, mut overstated) = (0, Vec::new());
    for (m, rates, entry) in priced_from_the_map(&s.catalog, &map) {
        // 10,000 input tokens, half of them cache hits, 1,000 output, through the batch API.
        let usage = Usage { input_tokens: 10_000, cache_read_tokens: 5_000, cache_write: None, output_tokens: 1_000 };
        let card = price_on_card(rates, &usage, PayAs::tier(ServiceTier::Batch)).ok().map(|p| p.total);
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
            cases += 1;
            // What we billed before the card: cache reads at min(standard cache, batch input).
            let before =
                raw - 5_000.0 * entry["cache_read_input_token_cost_batches"].as_f64().unwrap() + 5_000.0 * cr.min(bi);
            if before > raw * (1.0 + 1e-9) {
                overstated.push(format!("{} batch+cache {:.3}x", m.id, before / raw));
            }
        }
    }
    eprintln!(
        "{cases} batch+cache requests agree; before the card {} were overstated:\n  {}",
        overstated.len(),
        overstated.join("\n  ")
    );
    assert!(cases >= 11, "the audit's batch+cache cases are all covered");
}

#[tokio::test]
async fn a_batch_request_above_the_first_long_context_threshold_costs_on_the_card_what_litellm_says() {
    let Some(map) =
        november_map("a_batch_request_above_the_first_long_context_threshold_costs_on_the_card_what_litellm_says")
    else {
        return;
    };
    let s = site().await;
    let (mut cases, mut overstated) = (0, Vec::new());
    for (m, rates, entry) in priced_from_the_map(&s.catalog, &map) {
        // Just above the first standard long-context threshold, through the batch API.
        let Some(first) = rates.thresholds().first().copied() else { continue };
        let k = first / 1000;
        let usage = Usage { input_tokens: first + 1, cache_read_tokens: 0, cache_write: None, output_tokens: 1_000 };
        let card = price_on_card(rates, &usage, PayAs::tier(ServiceTier::Batch)).ok().map(|p| p.total);
        let raw = raw_cost(
            entry,
            &[
                (&format!("input_cost_per_token_above_{k}k_tokens_batches"), first + 1),
                (&format!("output_cost_per_token_above_{k}k_tokens_batches"), 1_000),
            ],
        );
        assert!(same(card, raw), "{}: batch above {first}: card {card:?}, LiteLLM fields {raw:?}", m.id);
        if let Some(raw) = raw {
            cases += 1;
            // What we billed before the card: the standard tier's rates above the threshold.
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
        "{cases} batch-above-threshold requests agree; before the card {} were overstated:\n  {}",
        overstated.len(),
        overstated.join("\n  ")
    );
    assert!(cases >= 3, "the audit's batch-above-threshold cases are all covered");
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

async fn path_of(a: &str, b: &str, query: &str) -> String {
    let catalog = &site().await.catalog;
    let model = |id: &str| catalog.model(&llm_compare::domain::ModelId::parse(id).unwrap()).unwrap();
    format!("{}{query}", catalog.canonical_path(model(a), model(b)))
}

#[tokio::test]
async fn a_tier_one_model_lacks_is_stated_for_it_and_the_other_is_priced_at_that_tier() {
    // GPT-5.5 flex (LiteLLM 1.110.2 `_flex` 2.5e-06 / 1.5e-05): 5,000 x 2.5 + 1,000 x 15 = $0.0275.
    // Claude Sonnet 4.5 has no flex tier.
    let path = path_of("claude-sonnet-4-5", "gpt-5-5", "?tier=flex").await;
    let (status, _, body) = crate::support::get(&path).await;
    assert_eq!(status, axum::http::StatusCode::OK);
    let your = crate::support::row(&body, "Your request (").expect("your row");
    assert!(your.contains("$0.0275") && your.contains("no flex price"), "{your}");
    // The ways-to-pay table: every tier either model offers, "not offered" where one lacks it.
    let flex = crate::support::row(&body, "Flex").expect("a flex row");
    assert!(flex.contains("not offered") && flex.contains("0.5x standard"), "{flex}");
    let priority = crate::support::row(&body, "Priority").expect("a priority row");
    // 5,000 x 12.5 + 1,000 x 75 = $0.1375 on GPT-5.5 (at 5K in / 1K out, as the form says).
    assert!(priority.contains("$0.1375") && priority.contains("2.5x standard"), "{priority}");

    let api = format!("/api/v1{path}");
    let (_, _, body) = crate::support::get(&api).await;
    let json: Value = serde_json::from_str(&body).unwrap();
    let ways = |i: usize| json["models"][i]["request_cost_by_way_to_pay"].as_array().unwrap().clone();
    let flex_of = |i| ways(i).into_iter().find(|w| w["tier"] == "flex").unwrap();
    let (claude, gpt) = if json["models"][0]["id"] == "gpt-5-5" { (1, 0) } else { (0, 1) };
    assert_eq!(flex_of(gpt)["usd"], "0.0275");
    assert_eq!(
        (flex_of(claude)["usd"].clone(), flex_of(claude)["not_priced"].clone()),
        (Value::Null, Value::from("not_offered"))
    );
    assert!(
        json["models"][gpt]["rate_card"]["rates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["tier"] == "priority" && r["meter"] == "output" && r["usd_per_mtok"] == "75")
    );
}

#[tokio::test]
async fn answers_priced_at_list_price_do_not_claim_the_readers_tier() {
    // The caching and batch answers price the request at list price (cached, batch API); with
    // tier=flex they must not say "at the flex tier" next to standard-tier figures. Claude Opus
    // 4.5 all cached: 5,000 x $0.50 + 1,000 x $25 = $0.0275, its standard cache-hit cost.
    let path = path_of("claude-opus-4-5", "gpt-5-5", "?tier=flex").await;
    let (status, _, body) = crate::support::get(&path).await;
    assert_eq!(status, axum::http::StatusCode::OK);
    let faq = crate::support::faq_section(&body);
    let caching =
        crate::support::between(faq, "benefits more from prompt caching", "</p>").expect("the caching answer");
    assert!(caching.contains("$0.0275"), "{caching}");
    assert!(!caching.contains("flex"), "the caching answer names the flex tier: {caching}");
    // The reader's own request still says its tier.
    assert!(body.contains("at the flex tier"), "the page no longer states the chosen tier");
}

#[tokio::test]
async fn deepseek_off_peak_is_priced_in_its_window_and_a_model_without_windows_at_its_list_price() {
    // DeepSeek V4 Pro off-peak: 5,000 x 0.66 + 1,000 x 1.98 = $0.00528; GPT-5.5 has no time
    // windows, so its list price ($0.055) holds at every hour, and the page says so.
    let path = path_of("deepseek-v4-pro", "gpt-5-5", "?window=off-peak").await;
    let (status, _, body) = crate::support::get(&path).await;
    assert_eq!(status, axum::http::StatusCode::OK);
    let your = crate::support::row(&body, "Your request (").expect("your row");
    assert!(your.contains("$0.00528") && your.contains("$0.055"), "{your}");
    assert!(body.contains("GPT-5.5 publishes no off-peak prices: its list price holds at every hour."));
    assert!(body.contains("name=\"window\""), "the window field shows where a model has one");
    let off_peak = crate::support::row(&body, "Standard, off-peak").expect("an off-peak row");
    assert!(off_peak.contains("Mon-Fri 00:00-01:00, 04:00-06:00, 10:00-24:00; Sat-Sun 00:00-24:00 UTC"), "{off_peak}");
    // Without a window DeepSeek bills its list price: 5,000 x 1.32 + 1,000 x 3.96 = $0.01056.
    let (_, _, body) = crate::support::get(&path_of("deepseek-v4-pro", "gpt-5-5", "?requests=1").await).await;
    assert!(crate::support::row(&body, "Your request (").unwrap().contains("$0.01056"));
    let (_, _, plain) = crate::support::get(&path_of("claude-sonnet-4-5", "gpt-5-5", "").await).await;
    assert!(!plain.contains("name=\"window\""), "no window field where neither model has one");
}

#[tokio::test]
async fn bad_tier_window_or_cache_write_is_a_400_naming_the_parameter() {
    for (query, param) in [
        ("?tier=turbo", "tier"),
        ("?window=night", "window"),
        ("?cache_write=2h", "cache_write"),
        ("?tier=flex&batch=1", "batch"),
    ] {
        let path = path_of("claude-sonnet-4-5", "gpt-5-5", query).await;
        let (status, _, body) = crate::support::get(&path).await;
        assert_eq!(status, axum::http::StatusCode::BAD_REQUEST, "{query}");
        assert!(body.contains(&format!("The “{param}” parameter")), "{query}");
        let (status, _, body) = crate::support::get(&format!("/api/v1{path}")).await;
        assert_eq!(status, axum::http::StatusCode::BAD_REQUEST, "{query}");
        let json: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"]["parameter"], param, "{query}");
    }
}

#[tokio::test]
async fn a_claude_one_hour_cache_write_bills_at_its_listed_rate() {
    // Claude Sonnet 4.5: 10,000 in, 50% cached, the rest written to the 1-hour cache
    // (`cache_creation_input_token_cost_above_1hr` 6e-06), 1,000 out:
    // 5,000 x 6 + 5,000 x 0.3 + 1,000 x 15 = 30,000 + 1,500 + 15,000 = $0.0465.
    let path = path_of("claude-sonnet-4-5", "gpt-5-5", "?input=10000&cached=50&cache_write=1h").await;
    let (_, _, body) = crate::support::get(&path).await;
    let your = crate::support::row(&body, "Your request (").expect("your row");
    assert!(your.contains("$0.0465"), "{your}");
    assert!(body.contains("GPT-5.5 lists no 1-hour cache-write price in our data"));
}

#[tokio::test]
async fn the_model_page_shows_the_whole_card_its_history_per_tier_and_listed_fees() {
    let (_, _, body) = crate::support::get("/models/gpt-5-4").await;
    // GPT-5.4's batch rate above 272K, its priority tier in the history, a listed fee.
    assert!(body.contains("Batch API · Input · above 272,000 input tokens / 1M tokens"), "the whole card");
    assert!(body.contains("<td data-label=\"Tier\">Priority</td>"), "history per tier");
    assert!(body.contains("EU regional processing (data residency): 1.1x the token rates"), "a listed fee");
    let (_, _, body) = crate::support::get("/models/deepseek-v4-pro").await;
    assert!(body.contains("Mon-Fri 00:00-01:00, 04:00-06:00, 10:00-24:00; Sat-Sun 00:00-24:00"), "off-peak hours");
    assert!(body.contains("<td data-label=\"Tier\">Standard, off-peak</td>"));
}

/// The long-context table of `a` vs `b` from the API: (label, `a`'s text, `b`'s text), each
/// model's figures in the order the ids were given, whatever the canonical order.
async fn long_context(a: &str, b: &str) -> (Vec<(String, String, String)>, Value) {
    let path = path_of(a, b, "").await.replacen("/compare/", "/api/v1/compare/", 1);
    let (_, _, body) = crate::support::get(&path).await;
    let api: Value = serde_json::from_str(&body).unwrap();
    let (first, second) = if api["pair"]["a"] == a { ("a", "b") } else { ("b", "a") };
    let rows = api["tables"]["long_context"].as_array().unwrap();
    let text = |f: &Value| f["text"].as_str().unwrap().to_owned();
    let table =
        rows.iter().map(|r| (r["label"].as_str().unwrap().to_owned(), text(&r[first]), text(&r[second]))).collect();
    let gpt_rates = rows.iter().map(|r| r[first]["rates"].clone()).collect();
    (table, gpt_rates)
}

#[tokio::test]
async fn long_context_rows_show_each_tiers_own_rates_above_the_threshold() {
    // November cards (LiteLLM 1.110.2): GPT-5.4 above 272K standard $5 / $22.50
    // (`*_above_272k_tokens`), batch and flex $2.50 / $11.25 (`_batches`, `_flex`), and no priority
    // rate above 272K although priority is offered ($5 / $30 base). Gemini 2.5 Pro above 200K:
    // standard $2.50 / $15, batch and flex $1.25 / $7.50, priority $4.50 / $27.
    let (table, gpt_rates) = long_context("gpt-5-4", "gemini-2-5-pro").await;
    let row = |tier: &str, a: &str, b: &str| (format!("Long-context pricing: {tier}"), a.to_owned(), b.to_owned());
    assert_eq!(
        table,
        [
            row(
                "Standard",
                "above 272,000 input tokens: $5.00 in / $22.50 out",
                "above 200,000 input tokens: $2.50 in / $15.00 out"
            ),
            row(
                "Batch API",
                "above 272,000 input tokens: $2.50 in / $11.25 out",
                "above 200,000 input tokens: $1.25 in / $7.50 out"
            ),
            row(
                "Flex",
                "above 272,000 input tokens: $2.50 in / $11.25 out",
                "above 200,000 input tokens: $1.25 in / $7.50 out"
            ),
            row(
                "Priority",
                "no priority rate above 272,000 input tokens",
                "above 200,000 input tokens: $4.50 in / $27.00 out"
            ),
        ]
    );
    // The same rates as numbers beside the text; none where the figure is missing.
    let rate = |tier: &str, meter: &str, usd: &str| serde_json::json!({ "tier": tier, "meter": meter, "above_input_tokens": 272_000, "usd_per_mtok": usd });
    assert_eq!(gpt_rates[1], Value::Array(vec![rate("batch", "input", "2.5"), rate("batch", "output", "11.25")]));
    assert!(gpt_rates[3].is_null(), "{}", gpt_rates[3]);

    // Claude Sonnet 4.5 has no long-context rate and no flex tier: said, never borrowed.
    let (table, _) = long_context("gpt-5-4", "claude-sonnet-4-5").await;
    let claude: Vec<&str> = table.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(claude, ["none listed"; 3]);
    let labels: Vec<&str> = table.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        labels,
        ["Long-context pricing: Standard", "Long-context pricing: Batch API", "Long-context pricing: Flex"]
    );

    // Grok 4 lists a standard rate above 128K ($6 / $30, `*_above_128k_tokens`) and no other tier.
    let (table, _) = long_context("gpt-5-4", "grok-4").await;
    let grok: Vec<&str> = table.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(grok, ["above 128,000 input tokens: $6.00 in / $30.00 out", "not offered", "not offered"]);
}

#[tokio::test]
async fn ways_to_pay_is_the_one_billing_table_with_caching_and_every_tier() {
    // GPT-4o mini: standard $0.15 / $0.60, cached $0.075, batch $0.075 / $0.30, priority $0.25 / $1;
    // GPT-4.1 mini: $0.40 / $1.60, cached $0.10, batch $0.20 / $0.80, priority $0.70 / $2.80.
    // The typical request, 5,000 in / 1,000 out, in micro-dollars: standard 1,350 vs 3,600;
    // every input token cached 375 + 600 = 975 vs 500 + 1,600 = 2,100; batch 375 + 300 = 675 vs
    // 1,000 + 800 = 1,800; priority 1,250 + 1,000 = 2,250 vs 3,500 + 2,800 = 6,300.
    let (_, _, body) = crate::support::get(&path_of("gpt-4o-mini", "gpt-4-1-mini", "").await).await;
    assert!(!body.contains("billing-table"), "no second table of the same prices");
    let table = crate::support::between(&body, "id=\"ways-table\">", "</table>").expect("ways table");
    let cells = |label: &str| {
        let row = crate::support::row(table, label).unwrap_or_else(|| panic!("{label} row"));
        row.split("<span class=\"value\">").skip(1).map(|c| c.split('<').next().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(cells("Standard<"), ["$0.00135", "$0.0036"]);
    assert_eq!(cells("Prompt caching"), ["$0.000975", "$0.0021"]);
    assert_eq!(cells("Batch API"), ["$0.000675", "$0.0018"]);
    assert_eq!(cells("Priority"), ["$0.00225", "$0.0063"]);
    let details: Vec<&str> =
        table.split("<span class=\"detail\">").skip(1).map(|d| d.split('<').next().unwrap()).collect();
    // 975/1,350, 2,100/3,600; 0.5 and 0.5; 2,250/1,350, 6,300/3,600.
    assert_eq!(
        details,
        ["0.72x standard", "0.58x standard", "0.5x standard", "0.5x standard", "1.67x standard", "1.75x standard"]
    );
}
