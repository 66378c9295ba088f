//! What a request costs at a model's list prices.

use super::model::PriceSchedule;
use super::money::{PricePerMTok, Usd};
use super::pricing::{PayAs, Priced, Unpriced, Usage, price_on_card};
use super::rate_card::{CacheTtl, Meter, ServiceTier, TimeWindow};

/// The token counts of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestProfile {
    /// Display label (`Small`, `Typical`, ...).
    pub label: &'static str,
    /// Input tokens, cached ones included.
    pub input_tokens: u64,
    /// Output tokens (reasoning tokens are already part of these).
    pub output_tokens: u64,
}

/// The three sizes every comparison prices.
pub const STANDARD_PROFILES: [RequestProfile; 3] = [
    RequestProfile { label: "Small", input_tokens: 500, output_tokens: 200 },
    RequestProfile { label: "Medium", input_tokens: 5_000, output_tokens: 1_000 },
    RequestProfile { label: "Large", input_tokens: 50_000, output_tokens: 4_000 },
];

/// The request the verdict, the bottom line and the chart's x axis are priced on.
pub const TYPICAL_REQUEST: RequestProfile =
    RequestProfile { label: "Typical", input_tokens: 5_000, output_tokens: 1_000 };

/// How a table row bills a request: a way to pay, and whether every input token is a cache hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Billing {
    /// The tier and window.
    pub pay: PayAs,
    /// Every input token is a cache hit (a repeated prompt prefix).
    pub all_cached: bool,
}

impl Billing {
    /// Standard synchronous API, no cache.
    pub const STANDARD: Billing = Billing { pay: PayAs::STANDARD, all_cached: false };
    /// Standard API, every input token a cache hit.
    pub const CACHED_INPUT: Billing = Billing { pay: PayAs::STANDARD, all_cached: true };
    /// The batch API, no cache.
    pub const BATCH: Billing = Billing { pay: PayAs::tier(ServiceTier::Batch), all_cached: false };
}

/// Why a request cannot be priced or served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoPrice {
    /// The model publishes no price for this tier, window or cache use.
    NotOffered,
    /// The request crosses a long-context threshold at which the tier has no published rate.
    TierRateUnknown,
    /// The request breaks one of the model's limits ([`Limits::violations`] says which).
    ExceedsLimits,
}

/// A priced request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestCost {
    /// The exact total.
    pub total: Usd,
    /// The long-context threshold whose tier was applied, if any.
    pub tier_above: Option<u64>,
}

/// Token limits of a model, when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Limits {
    /// Context window (input plus output).
    pub context_window: Option<u64>,
    /// Maximum output tokens.
    pub max_output: Option<u64>,
    /// Maximum input tokens, where capped below the context window.
    pub max_input: Option<u64>,
}

/// One limit a request breaks, with the figures that say why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitViolation {
    /// Input plus output exceed the context window: (tokens in and out, the window).
    ContextWindow(u64, u64),
    /// The input exceeds the input cap: (input tokens, the cap).
    MaxInput(u64, u64),
    /// The output exceeds the output limit: (output tokens, the limit).
    MaxOutput(u64, u64),
}

impl Limits {
    /// Whether a request of this size can run; unknown limits do not forbid it.
    pub fn allows(&self, request: &RequestProfile) -> bool {
        self.violations(request).is_empty()
    }

    /// Every limit the request breaks, in the order a reader would fix them.
    pub fn violations(&self, request: &RequestProfile) -> Vec<LimitViolation> {
        let total = request.input_tokens + request.output_tokens;
        let mut out = Vec::new();
        if let Some(c) = self.context_window.filter(|&c| total > c) {
            out.push(LimitViolation::ContextWindow(total, c));
        }
        if let Some(m) = self.max_input.filter(|&m| request.input_tokens > m) {
            out.push(LimitViolation::MaxInput(request.input_tokens, m));
        }
        if let Some(m) = self.max_output.filter(|&m| request.output_tokens > m) {
            out.push(LimitViolation::MaxOutput(request.output_tokens, m));
        }
        out
    }
}

/// The reader's workload: one request's size, how much of its input the prompt cache serves,
/// how it is paid (service tier, time window), whether the rest is written to the cache, and
/// how many such requests a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workload {
    /// Input tokens per request, cached ones included.
    pub input_tokens: u64,
    /// Output tokens per request.
    pub output_tokens: u64,
    /// Share of input tokens served from the prompt cache, in whole percent (0 to 100).
    pub cached_percent: u8,
    /// The service tier and time window the requests are sent in.
    pub pay: PayAs,
    /// Whether the input not served from the cache is written to it, and for how long.
    pub cache_write: Option<CacheTtl>,
    /// Requests per month, when the reader gave one.
    pub requests_per_month: Option<u64>,
}

impl Workload {
    /// The typical request with no cache at standard rates: what a page without parameters shows.
    pub const TYPICAL: Workload = Workload {
        input_tokens: TYPICAL_REQUEST.input_tokens,
        output_tokens: TYPICAL_REQUEST.output_tokens,
        cached_percent: 0,
        pay: PayAs::STANDARD,
        cache_write: None,
        requests_per_month: None,
    };

    /// Whether this is the typical request (the monthly volume aside): what a page without
    /// parameters prices.
    pub fn is_typical_request(&self) -> bool {
        Workload { requests_per_month: None, ..*self } == Workload::TYPICAL
    }

    /// The request in short: `100K in / 2K out, 40% cached, batch`.
    pub fn short_label(&self) -> String {
        let mut label = format!(
            "{} in / {} out",
            super::format::tokens_short(self.input_tokens),
            super::format::tokens_short(self.output_tokens)
        );
        if self.cached_percent > 0 {
            label.push_str(&format!(", {}% cached", self.cached_percent));
        }
        if let Some(ttl) = self.cache_write {
            label.push_str(&format!(", {} cache writes", ttl.label()));
        }
        if self.pay.tier != ServiceTier::Standard {
            label.push_str(&format!(", {}", self.pay.tier.as_str()));
        }
        if let Some(w) = self.pay.window {
            label.push_str(&format!(", {}", w.label()));
        }
        label
    }

    /// Input tokens served from the cache (rounded down to whole tokens).
    pub fn cached_tokens(&self) -> u64 {
        self.input_tokens * u64::from(self.cached_percent.min(100)) / 100
    }

    /// The request size alone.
    pub fn profile(&self) -> RequestProfile {
        RequestProfile { label: "Your request", input_tokens: self.input_tokens, output_tokens: self.output_tokens }
    }

    fn usage(&self) -> Usage {
        Usage {
            input_tokens: self.input_tokens,
            cache_read_tokens: self.cached_tokens(),
            cache_write: self.cache_write,
            output_tokens: self.output_tokens,
        }
    }
}

/// A documented assumption the workload's price had to make, said on the page. Each keeps
/// to the model's own tier: none prices at another tier's rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillingNote {
    /// No cache-read rate in this tier: cached tokens billed as uncached input of the tier.
    NoCachePrice,
    /// No cache-write rate of this duration in this tier: those tokens billed as uncached input.
    NoCacheWritePrice(CacheTtl),
    /// The window asked for, where the model publishes no time windows at all: its list price
    /// holds at every hour.
    SamePriceAtAllHours(TimeWindow),
}

/// The cost of one request of a workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadCost {
    /// The exact total per request.
    pub total: Usd,
    /// The long-context threshold whose tier was applied, if any.
    pub tier_above: Option<u64>,
    /// Assumptions made.
    pub notes: Vec<BillingNote>,
}

/// The per-1M rates one request of a workload pays on a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadRates {
    /// Rate for input tokens not served from the cache (the cache-write rate when they are
    /// written to it).
    pub input: PricePerMTok,
    /// Rate for cached input tokens.
    pub cached_input: PricePerMTok,
    /// Rate for output tokens.
    pub output: PricePerMTok,
    /// The long-context threshold whose tier applies, if any.
    pub tier_above: Option<u64>,
    /// Assumptions made.
    pub notes: Vec<BillingNote>,
}

impl WorkloadRates {
    /// Input rate blended by the cache share, times 100 (to stay in integers): what one input
    /// token costs on average, in hundredths of a micro-dollar per 1M tokens.
    pub fn blended_input_x100(&self, cached_percent: u8) -> i128 {
        let c = i128::from(cached_percent.min(100));
        (100 - c) * i128::from(self.input.micros()) + c * i128::from(self.cached_input.micros())
    }
}

fn no_price(u: Unpriced) -> NoPrice {
    match u {
        Unpriced::NotOffered | Unpriced::RateNotListed(_) => NoPrice::NotOffered,
        Unpriced::TierRateUnknown(_) => NoPrice::TierRateUnknown,
    }
}

/// Prices a workload's request through [`price_on_card`] with the workload's three
/// documented assumptions ([`BillingNote`]); a tier or window the model does not offer, or
/// does not offer at this size, is refused, never priced at another tier.
fn price_workload(price: &PriceSchedule, workload: &Workload) -> Result<(Priced, Vec<BillingNote>), NoPrice> {
    let card = &price.rates;
    let mut notes = Vec::new();
    let mut pay = workload.pay;
    if let Some(w) = pay.window
        && card.windows().next().is_none()
    {
        notes.push(BillingNote::SamePriceAtAllHours(w));
        pay.window = None;
    }
    let mut usage = workload.usage();
    loop {
        match price_on_card(card, &usage, pay) {
            Ok(p) => return Ok((p, notes)),
            Err(Unpriced::RateNotListed(Meter::CacheRead)) => {
                notes.push(BillingNote::NoCachePrice);
                usage.cache_read_tokens = 0;
            }
            Err(Unpriced::RateNotListed(Meter::CacheWrite(ttl))) => {
                notes.push(BillingNote::NoCacheWritePrice(ttl));
                usage.cache_write = None;
            }
            Err(other) => return Err(no_price(other)),
        }
    }
}

/// The rates a workload's request pays, or why the model cannot price it.
pub fn workload_rates(price: &PriceSchedule, workload: &Workload) -> Result<WorkloadRates, NoPrice> {
    let (p, notes) = price_workload(price, workload)?;
    let input = p.cache_write.unwrap_or(p.input);
    Ok(WorkloadRates {
        input,
        cached_input: p.cache_read.unwrap_or(input),
        output: p.output,
        tier_above: p.tier_above,
        notes,
    })
}

/// Prices one request of the workload. Refused when the model cannot serve it (too large for
/// its limits) or does not offer the workload's tier or window at this size.
pub fn workload_cost(price: &PriceSchedule, limits: &Limits, workload: &Workload) -> Result<WorkloadCost, NoPrice> {
    if !limits.allows(&workload.profile()) {
        return Err(NoPrice::ExceedsLimits);
    }
    let (p, notes) = price_workload(price, workload)?;
    Ok(WorkloadCost { total: p.total, tier_above: p.tier_above, notes })
}

/// Prices a request under one billing, through [`price_on_card`] with no assumption at all: a
/// rate the card lacks refuses the request (`NotOffered`, or `TierRateUnknown` above a
/// threshold), so a table row about caching or a tier never shows a fallback.
pub fn request_cost(
    price: &PriceSchedule,
    limits: &Limits,
    request: &RequestProfile,
    billing: Billing,
) -> Result<RequestCost, NoPrice> {
    if !limits.allows(request) {
        return Err(NoPrice::ExceedsLimits);
    }
    let usage = Usage {
        input_tokens: request.input_tokens,
        cache_read_tokens: if billing.all_cached { request.input_tokens } else { 0 },
        cache_write: None,
        output_tokens: request.output_tokens,
    };
    let p = price_on_card(&price.rates, &usage, billing.pay).map_err(no_price)?;
    Ok(RequestCost { total: p.total, tier_above: p.tier_above })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rate_card::RateKey;
    use crate::domain::testing::{PriceBuilder, usd};

    /// Qwen3 Max: $1.20 / $6.00, long-context tiers above 32K and 128K, no cache or batch price.
    fn qwen3_max() -> PriceSchedule {
        PriceBuilder::list("1.2", "6").above(32_000, "2.4", "12", None).above(128_000, "3", "15", None).build()
    }

    fn cost(price: &PriceSchedule, req: &RequestProfile, billing: Billing) -> String {
        request_cost(price, &Limits::default(), req, billing).unwrap().total.to_string()
    }

    #[test]
    fn reference_pair_standard_sizes_match_hand_checked_values() {
        // GPT-4o mini $0.15/$0.60, GPT-4.1 mini $0.40/$1.60 per 1M tokens.
        let mini_4o = PriceBuilder::list("0.15", "0.6").cache_read("0.075").batch("0.075", "0.3").build();
        let mini_41 = PriceBuilder::list("0.4", "1.6").cache_read("0.1").batch("0.2", "0.8").build();
        let [small, medium, large] = STANDARD_PROFILES;
        let (standard, cached, batch) = (Billing::STANDARD, Billing::CACHED_INPUT, Billing::BATCH);
        for (case, price, request, billing, want) in [
            // 500*0.15 + 200*0.6 = 75 + 120 = 195 micro-dollars.
            ("4o mini, small", &mini_4o, small, standard, "$0.000195"),
            ("4.1 mini, small", &mini_41, small, standard, "$0.00052"),
            ("4o mini, medium", &mini_4o, medium, standard, "$0.00135"),
            ("4.1 mini, medium", &mini_41, medium, standard, "$0.0036"),
            ("4o mini, large", &mini_4o, large, standard, "$0.0099"),
            ("4.1 mini, large", &mini_41, large, standard, "$0.0264"),
            // All 5K input tokens from cache: 5000*0.075 + 1000*0.6 = 975 micro-dollars.
            ("4o mini, medium, cached", &mini_4o, medium, cached, "$0.000975"),
            ("4.1 mini, medium, cached", &mini_41, medium, cached, "$0.0021"),
            // Batch halves both: 5000*0.075 + 1000*0.3 = 675.
            ("4o mini, medium, batch", &mini_4o, medium, batch, "$0.000675"),
            ("4.1 mini, medium, batch", &mini_41, medium, batch, "$0.0018"),
        ] {
            assert_eq!(cost(price, &request, billing), want, "{case}");
        }
    }

    #[test]
    fn whole_request_bills_at_the_tier_once_input_crosses_the_threshold() {
        let price = PriceBuilder::list("3", "15")
            .cache_read("0.3")
            .batch("1.5", "7.5")
            .above(200_000, "6", "22.5", Some("0.6"))
            .build();
        let at = |input| RequestProfile { label: "x", input_tokens: input, output_tokens: 1_000 };
        // Exactly at the threshold: standard rates. 200000*3 + 1000*15 = 615000 micro-dollars.
        let r = request_cost(&price, &Limits::default(), &at(200_000), Billing::STANDARD).unwrap();
        assert_eq!((r.total.to_string(), r.tier_above), ("$0.615".into(), None));
        // One token over: every token at the tier rate. 200001*6 + 1000*22.5 = 1222506.
        let r = request_cost(&price, &Limits::default(), &at(200_001), Billing::STANDARD).unwrap();
        assert_eq!((r.total.to_string(), r.tier_above), ("$1.222506".into(), Some(200_000)));
        assert_eq!(r.total.picos(), 1_222_506_000_000);
        // Cached at the tier's cache rate: 250000*0.6 + 1000*22.5 = 172500.
        let r = request_cost(&price, &Limits::default(), &at(250_000), Billing::CACHED_INPUT).unwrap();
        assert_eq!(r.total.to_string(), "$0.1725");
        // Batch rates above a tier are not in our data: no guess.
        assert_eq!(
            request_cost(&price, &Limits::default(), &at(250_000), Billing::BATCH),
            Err(NoPrice::TierRateUnknown)
        );
    }

    #[test]
    fn highest_crossed_tier_wins() {
        let price = qwen3_max();
        let req = RequestProfile { label: "x", input_tokens: 150_000, output_tokens: 0 };
        let r = request_cost(&price, &Limits::default(), &req, Billing::STANDARD).unwrap();
        assert_eq!((r.total.to_string(), r.tier_above), ("$0.45".into(), Some(128_000)));
        let req = RequestProfile { label: "x", input_tokens: 50_000, output_tokens: 4_000 };
        // 50000*2.4 + 4000*12 = 168000.
        assert_eq!(cost(&price, &req, Billing::STANDARD), "$0.168");
    }

    fn workload(input: u64, output: u64, cached_percent: u8, batch: bool) -> Workload {
        let pay = if batch { PayAs::tier(ServiceTier::Batch) } else { PayAs::STANDARD };
        Workload { input_tokens: input, output_tokens: output, cached_percent, pay, ..Workload::TYPICAL }
    }

    fn priced(price: &PriceSchedule, w: &Workload) -> (i128, Vec<BillingNote>) {
        let c = workload_cost(price, &Limits::default(), w).unwrap();
        (c.total.picos() / 1_000_000, c.notes) // in micro-dollars
    }

    #[test]
    fn workload_costs_match_hand_checked_values() {
        let mini_4o = PriceBuilder::list("0.15", "0.6").cache_read("0.075").batch("0.075", "0.3").build();
        let mini_41 = PriceBuilder::list("0.4", "1.6").cache_read("0.1").batch("0.2", "0.8").build();
        // 100,000*0.15 + 2,000*0.6 = 16,200 micro-dollars = $0.0162; GPT-4.1 mini $0.0432.
        assert_eq!(priced(&mini_4o, &workload(100_000, 2_000, 0, false)), (16_200, vec![]));
        assert_eq!(priced(&mini_41, &workload(100_000, 2_000, 0, false)), (43_200, vec![]));
        // Half of 10,000 input cached: 5,000*0.15 + 5,000*0.075 + 1,000*0.6 = 1,725.
        assert_eq!(priced(&mini_4o, &workload(10_000, 1_000, 50, false)), (1_725, vec![]));
        // Batch: 10,000*0.075 + 1,000*0.3 = 1,050.
        assert_eq!(priced(&mini_4o, &workload(10_000, 1_000, 0, true)), (1_050, vec![]));
        // Batch and cache with no batch cache-read rate: never the standard cache rate; the
        // cached tokens bill as batch input, said in a note: 10,000*0.075 + 1,000*0.3 = 1,050.
        assert_eq!(priced(&mini_4o, &workload(10_000, 1_000, 50, true)), (1_050, vec![BillingNote::NoCachePrice]));
        // With a batch cache-read rate ($0.0375): 5,000*0.075 + 5,000*0.0375 + 1,000*0.3 = 862.5.
        let mut batch_cache = mini_4o.clone();
        batch_cache.rates.insert(RateKey::base(ServiceTier::Batch, Meter::CacheRead), usd("0.0375"));
        let c = workload_cost(&batch_cache, &Limits::default(), &workload(10_000, 1_000, 50, true)).unwrap();
        assert_eq!((c.total.to_string(), c.notes), ("$0.0008625".into(), vec![]));
    }

    #[test]
    fn workload_without_cache_price_bills_at_input_and_without_batch_is_not_offered() {
        let qwen = qwen3_max();
        // 10,000*1.2 + 1,000*6 = 18,000 even with half "cached".
        assert_eq!(priced(&qwen, &workload(10_000, 1_000, 50, false)), (18_000, vec![BillingNote::NoCachePrice]));
        assert_eq!(
            workload_cost(&qwen, &Limits::default(), &workload(10_000, 1_000, 0, true)),
            Err(NoPrice::NotOffered)
        );
        // 150,000 input is above 128K: 150,000*3 + 1,000*15 = 465,000.
        assert_eq!(priced(&qwen, &workload(150_000, 1_000, 0, false)).0, 465_000);
    }

    #[test]
    fn a_250k_request_bills_wholly_at_the_200k_tier() {
        // Gemini 2.5 Pro: $1.25 / $10, above 200K $2.50 / $15, cache $0.125 (above 200K $0.25).
        let gemini = PriceBuilder::list("1.25", "10")
            .cache_read("0.125")
            .batch("0.625", "5")
            .above(200_000, "2.5", "15", Some("0.25"))
            .build();
        // 250,000*2.5 + 1,000*15 = 640,000 micro-dollars = $0.64.
        let c = workload_cost(&gemini, &Limits::default(), &workload(250_000, 1_000, 0, false)).unwrap();
        assert_eq!((c.total.to_string(), c.tier_above), ("$0.64".into(), Some(200_000)));
        // With 40% cached: 150,000*2.5 + 100,000*0.25 + 1,000*15 = 415,000.
        assert_eq!(priced(&gemini, &workload(250_000, 1_000, 40, false)).0, 415_000);
        // Batch above the tier with no batch rate there: refused, never the standard tier rate.
        assert_eq!(
            workload_cost(&gemini, &Limits::default(), &workload(250_000, 1_000, 0, true)),
            Err(NoPrice::TierRateUnknown)
        );
        // Under the tier, batch applies: 100,000*0.625 + 1,000*5 = 67,500.
        assert_eq!(priced(&gemini, &workload(100_000, 1_000, 0, true)).0, 67_500);
    }

    #[test]
    fn a_request_beyond_the_context_window_is_impossible() {
        let price = PriceBuilder::list("0.15", "0.6").build();
        let limits = Limits { context_window: Some(128_000), max_output: Some(16_384), max_input: None };
        assert_eq!(workload_cost(&price, &limits, &workload(128_000, 1, 0, false)), Err(NoPrice::ExceedsLimits));
        assert!(workload_cost(&price, &limits, &workload(127_000, 1_000, 0, false)).is_ok());
    }

    /// A deterministic xorshift generator: property checks without a test-only crate.
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn property_cost_is_monotonic_in_tokens_and_caching_never_costs_more() {
        let gemini = PriceBuilder::list("1.25", "10")
            .cache_read("0.125")
            .batch("0.625", "5")
            .above(200_000, "2.5", "15", Some("0.25"))
            .build();
        let schedules = [
            PriceBuilder::list("0.15", "0.6").cache_read("0.075").batch("0.075", "0.3").build(),
            PriceBuilder::list("1.2", "6").build(),
            PriceBuilder::list("3", "15").cache_read("0.3").batch("1.5", "7.5").build(),
            gemini,
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5_000 {
            let input = xorshift(&mut seed) % 400_000 + 1;
            let output = xorshift(&mut seed) % 50_000;
            let cached = (xorshift(&mut seed) % 101) as u8;
            let batch = xorshift(&mut seed).is_multiple_of(2);
            let extra = xorshift(&mut seed) % 10_000 + 1;
            for price in &schedules {
                let cost = |w: Workload| workload_cost(price, &Limits::default(), &w).ok().map(|c| c.total);
                let base = workload(input, output, cached, batch);
                if cost(base).is_none() || cost(Workload { input_tokens: input + extra, ..base }).is_none() {
                    continue; // a tier not offered at this size has no cost to compare
                }
                let more_output = Workload { output_tokens: output + extra, ..base };
                assert!(cost(more_output) >= cost(base), "output monotonic at {base:?}");
                // More input never costs less within the same tier...
                let more_input = Workload { input_tokens: input + extra, ..base };
                let same_tier = price.rates.thresholds().iter().all(|t| (input > *t) == (input + extra > *t));
                if same_tier {
                    assert!(cost(more_input) >= cost(base), "input monotonic at {base:?}");
                } else {
                    // ...and crossing a threshold only raises rates.
                    assert!(cost(more_input) > cost(base), "tier crossing at {base:?}");
                }
                let uncached = Workload { cached_percent: 0, ..base };
                assert!(cost(base) <= cost(uncached), "cached <= uncached at {base:?}");
            }
        }
    }

    #[test]
    fn missing_cache_or_batch_price_is_not_offered_never_zero() {
        let price = PriceBuilder::list("1", "2").build();
        let req = STANDARD_PROFILES[1];
        assert_eq!(request_cost(&price, &Limits::default(), &req, Billing::CACHED_INPUT), Err(NoPrice::NotOffered));
        assert_eq!(request_cost(&price, &Limits::default(), &req, Billing::BATCH), Err(NoPrice::NotOffered));
    }

    #[test]
    fn requests_beyond_the_context_window_or_output_limit_are_refused() {
        let price = PriceBuilder::list("1", "2").build();
        let large = STANDARD_PROFILES[2];
        let small_window = Limits { context_window: Some(32_000), max_output: None, max_input: None };
        assert_eq!(request_cost(&price, &small_window, &large, Billing::STANDARD), Err(NoPrice::ExceedsLimits));
        let short_output = Limits { context_window: None, max_output: Some(2_048), max_input: None };
        assert_eq!(request_cost(&price, &short_output, &large, Billing::STANDARD), Err(NoPrice::ExceedsLimits));
        let exact_fit = Limits { context_window: Some(54_000), max_output: Some(4_000), max_input: None };
        assert!(request_cost(&price, &exact_fit, &large, Billing::STANDARD).is_ok());
        // GPT-5: a 400,000-token window but at most 272,000 input tokens.
        let capped_input =
            Limits { context_window: Some(400_000), max_output: Some(128_000), max_input: Some(272_000) };
        let req = |input| RequestProfile { label: "x", input_tokens: input, output_tokens: 1_000 };
        assert!(request_cost(&price, &capped_input, &req(272_000), Billing::STANDARD).is_ok());
        assert_eq!(request_cost(&price, &capped_input, &req(272_001), Billing::STANDARD), Err(NoPrice::ExceedsLimits));
    }
}
