//! The parser's tests: exact decimals, the field grammar, and real entries.

use super::*;

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
fn rate_fields_are_read_only_in_their_documented_form() {
    use {CacheTtl::*, Meter::*, ServiceTier::*};
    assert_eq!(rate_key("input_cost_per_token"), Some((Standard, Input, None)));
    assert_eq!(rate_key("input_cost_per_token_above_200k_tokens"), Some((Standard, Input, Some("200"))));
    assert_eq!(
        rate_key("cache_read_input_token_cost_above_272k_tokens_batches"),
        Some((Batch, CacheRead, Some("272")))
    );
    assert_eq!(rate_key("output_cost_per_token_flex"), Some((Flex, Output, None)));
    assert_eq!(rate_key("cache_creation_input_token_cost_above_1hr"), Some((Standard, CacheWrite(OneHour), None)));
    assert_eq!(
        rate_key("cache_creation_input_token_cost_above_12hr_above_272k_tokens_priority"),
        Some((Priority, CacheWrite(TwelveHours), Some("272")))
    );
    for unread in [
        "input_cost_per_token_ultrafast",
        "output_cost_per_token_above_272k_tokens_decisions",
        "input_cost_per_token_balanced",
    ] {
        assert_eq!(rate_key(unread), None, "{unread}");
        assert!(looks_like_rate(unread));
    }
    assert!(!looks_like_rate("input_cost_per_audio_token"));
    for name in [
        "input_cost_per_token_above_272k_tokens_batches",
        "cache_creation_input_token_cost_above_1hr",
        "output_cost_per_token_priority",
    ] {
        let (tier, meter, k) = rate_key(name).unwrap();
        let above_tokens = k.map_or(0, |k| k.parse::<u64>().unwrap() * 1000);
        assert_eq!(litellm_field(&RateKey { tier, window: None, above_tokens, meter }), name);
    }
}

fn parse(entry: Value) -> Result<Parsed, ImportError> {
    parse_entry("f.json", "k", entry.as_object().unwrap(), None)
}

fn rates(card: &RateCard) -> Vec<String> {
    card.rates().map(|(k, v)| format!("{k}={}", v.to_decimal())).collect()
}

#[test]
fn gpt_5_4_reads_every_tier_and_threshold_and_names_what_it_does_not_read() {
    // A part of GPT-5.4 in LiteLLM 1.110.2, with one of GPT-6's `_ultrafast` fields.
    let parsed = parse(serde_json::json!({
        "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05,
        "input_cost_per_token_batches": 1.25e-06, "output_cost_per_token_batches": 7.5e-06,
        "input_cost_per_token_above_272k_tokens": 5e-06, "output_cost_per_token_above_272k_tokens": 2.25e-05,
        "input_cost_per_token_above_272k_tokens_batches": 2.5e-06,
        "output_cost_per_token_above_272k_tokens_batches": 1.125e-05,
        "input_cost_per_token_priority": 5e-06, "output_cost_per_token_priority": 3e-05,
        "input_cost_per_token_ultrafast": 1e-05,
        "search_context_cost_per_query": {"search_context_size_low": 0.01, "search_context_size_medium": 0.01, "search_context_size_high": 0.01},
        "regional_processing_uplift_multiplier_eu": 1.1,
    }))
    .unwrap();
    assert_eq!(
        rates(&parsed.card),
        [
            "standard input=2.5",
            "standard output=15",
            "standard input above 272,000 tokens=5",
            "standard output above 272,000 tokens=22.5",
            "batch input=1.25",
            "batch output=7.5",
            "batch input above 272,000 tokens=2.5",
            "batch output above 272,000 tokens=11.25",
            "priority input=5",
            "priority output=30",
        ]
    );
    assert_eq!(parsed.unread, ["input_cost_per_token_ultrafast"]);
    let fees: Vec<String> = parsed.fees.iter().map(ListedFee::text).collect();
    assert_eq!(fees, ["EU regional processing (data residency): 1.1x the token rates", "web search, per query: $0.01"]);
}

#[test]
fn deepseek_off_peak_prices_and_their_utc_windows_are_read() {
    // DeepSeek V4 Pro in LiteLLM 1.110.2 (its cache-write 0 is a placeholder: not listed).
    let parsed = parse(serde_json::json!({
        "input_cost_per_token": 1.32e-06, "output_cost_per_token": 3.96e-06,
        "cache_read_input_token_cost": 4.4e-08, "input_cost_per_token_cache_hit": 4.4e-08,
        "cache_creation_input_token_cost": 0.0,
        "off_peak_pricing": {
            "cache_read_input_token_cost": 2.2e-08, "input_cost_per_token": 6.6e-07, "output_cost_per_token": 1.98e-06,
            "windows": [
                {"hours_utc": ["00:00-01:00", "04:00-06:00", "10:00-00:00"], "weekdays": [1, 2, 3, 4, 5]},
                {"hours_utc": "00:00-00:00", "weekdays": [6, 7]}
            ]
        }
    }))
    .unwrap();
    assert_eq!(
        rates(&parsed.card),
        [
            "standard input=1.32",
            "standard output=3.96",
            "standard cache_read=0.044",
            "standard input off-peak=0.66",
            "standard output off-peak=1.98",
            "standard cache_read off-peak=0.022",
        ]
    );
    let hours = parsed.card.window_hours(TimeWindow::OffPeak).unwrap();
    assert_eq!(hours.to_string(), "Mon-Fri 00:00-01:00, 04:00-06:00, 10:00-24:00; Sat-Sun 00:00-24:00");
    let local = serde_json::json!({"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6,
        "off_peak_pricing": {"input_cost_per_token": 5e-7, "output_cost_per_token": 1e-6, "weekday_timezone": "Asia/Shanghai",
            "windows": [{"hours_utc": "00:00-00:00", "weekdays": [6, 7]}]}});
    assert!(parse(local).unwrap_err().to_string().contains("UTC windows only"));
}

#[test]
fn a_zero_rate_is_refused_except_a_placeholder_cache_write() {
    let err = parse(serde_json::json!({"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6, "input_cost_per_token_flex": 0.0}))
        .unwrap_err()
        .to_string();
    assert!(err.contains("input_cost_per_token_flex") && err.contains("a 0 is a missing price"), "{err}");
}
