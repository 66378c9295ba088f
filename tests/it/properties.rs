//! Property tests of money: formatting never prints two different amounts the same, ratios
//! never invert, and a request's cost never falls when it grows, for every seed model's price.

use llm_compare::domain::cost::{Limits, Workload, workload_cost};
use llm_compare::domain::format::{cheaper_share, cost_ratio};
use llm_compare::domain::money::{PricePerMTok, Usd, format_usd_pair};
use llm_compare::domain::pricing::PayAs;
use llm_compare::domain::rate_card::ServiceTier;
use proptest::prelude::*;

use crate::support::site;

/// Amounts from nothing to ten million dollars, in picodollars, weighted to small ones.
fn amount() -> impl Strategy<Value = Usd> {
    prop_oneof![
        (0i128..1_000_000).prop_map(Usd::from_picos),
        (0i128..1_000_000_000_000).prop_map(Usd::from_picos),
        (0i128..10_000_000_000_000_000_000).prop_map(Usd::from_picos),
    ]
}

fn seed_prices() -> Vec<llm_compare::domain::model::PriceSchedule> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let catalog = runtime.block_on(async { site().await.catalog.clone() });
    catalog.dataset.models.iter().flat_map(|m| m.prices.iter().cloned()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn two_different_amounts_never_print_the_same(a in amount(), b in amount()) {
        let (x, y) = format_usd_pair(a, b);
        prop_assert_eq!(a == b, x == y, "{:?} {:?} -> {} {}", a, b, x, y);
    }

    #[test]
    fn nearby_amounts_never_print_the_same(a in amount(), d in 1i128..1000) {
        let b = Usd::from_picos(a.picos() + d);
        let (x, y) = format_usd_pair(a, b);
        prop_assert_ne!(x, y);
    }

    #[test]
    fn a_price_prints_every_digit(a in 0u64..1_000_000_000, b in 0u64..1_000_000_000) {
        let (p, q) = (PricePerMTok::from_micros(a), PricePerMTok::from_micros(b));
        prop_assert_eq!(a == b, p.to_string() == q.to_string());
        prop_assert_eq!(PricePerMTok::parse(&p.to_decimal()), Ok(p));
    }

    #[test]
    fn ratios_never_invert(a in amount(), b in amount()) {
        let (high, low) = if a >= b { (a, b) } else { (b, a) };
        if let Some(text) = cost_ratio(high, low) {
            let value: f64 = text.trim_end_matches('x').parse().unwrap();
            prop_assert!(value >= 1.0, "{:?} / {:?} = {}", high, low, text);
            if high > low {
                prop_assert!(text != "1.00x", "{:?} / {:?} hides the difference", high, low);
            }
        }
        if let Some(share) = cheaper_share(high, low) {
            prop_assert!((0.0..=1.0).contains(&share), "{}", share);
        }
        prop_assert!(cheaper_share(low, high).is_none() || high == low);
    }
}

#[test]
fn costs_never_fall_as_a_request_grows() {
    let prices = seed_prices();
    assert!(prices.len() >= 40);
    let no_limits = Limits { context_window: None, max_output: None, max_input: None };
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000));
    let strategy = (0..prices.len(), 1u64..2_000_000, 0u64..200_000, 0u64..500_000, 0u8..=100, any::<bool>());
    runner
        .run(&strategy, |(i, input, output, more, cached_percent, batch)| {
            let cost = |input_tokens, output_tokens| {
                let pay = if batch { PayAs::tier(ServiceTier::Batch) } else { PayAs::STANDARD };
                let w = Workload { input_tokens, output_tokens, cached_percent, pay, ..Workload::TYPICAL };
                workload_cost(&prices[i], &no_limits, &w).map(|c| c.total)
            };
            // A tier the model does not offer (at this size) has no cost to compare.
            let (Ok(base), Ok(more_input), Ok(more_output)) =
                (cost(input, output), cost(input + more, output), cost(input, output + more))
            else {
                return Ok(());
            };
            prop_assert!(
                more_input >= base,
                "price {i}: input {input} -> {}: {base:?} -> {more_input:?}",
                input + more
            );
            prop_assert!(
                more_output >= base,
                "price {i}: output {output} -> {}: {base:?} -> {more_output:?}",
                output + more
            );
            Ok(())
        })
        .unwrap();
}
