//! What a request costs at a model's list prices.

use super::model::PriceSchedule;
use super::money::{PricePerMTok, Usd};

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

/// How the request is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Billing {
    /// Standard synchronous API, no cache.
    Standard,
    /// Every input token is a cache hit (a repeated prompt prefix).
    CachedInput,
    /// The batch API.
    Batch,
}

/// Why a request cannot be priced or served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoPrice {
    /// The model publishes no price for this kind of billing.
    NotOffered,
    /// The request crosses a long-context tier whose rate for this billing we do not hold.
    TierRateUnknown,
    /// Input plus output exceed the context window, or output exceeds the output limit.
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
}

impl Limits {
    /// Whether a request of this size can run; unknown limits do not forbid it.
    pub fn allows(&self, request: &RequestProfile) -> bool {
        let total = request.input_tokens + request.output_tokens;
        self.context_window.is_none_or(|c| total <= c) && self.max_output.is_none_or(|m| request.output_tokens <= m)
    }
}

/// Prices a request. A request whose input exceeds a long-context threshold bills wholly at
/// that tier's rates, as providers bill it.
pub fn request_cost(
    price: &PriceSchedule,
    limits: &Limits,
    request: &RequestProfile,
    billing: Billing,
) -> Result<RequestCost, NoPrice> {
    if !limits.allows(request) {
        return Err(NoPrice::ExceedsLimits);
    }
    let tier = price.long_context.iter().rev().find(|t| request.input_tokens > t.above_tokens);
    let (input, output, cache_read) = match tier {
        Some(t) => (t.input, t.output, t.cache_read),
        None => (price.input, price.output, price.cache_read),
    };
    let (input_rate, output_rate): (PricePerMTok, PricePerMTok) = match billing {
        Billing::Standard => (input, output),
        Billing::CachedInput => (cache_read.ok_or(NoPrice::NotOffered)?, output),
        Billing::Batch => {
            let (Some(bi), Some(bo)) = (price.batch_input, price.batch_output) else {
                return Err(NoPrice::NotOffered);
            };
            if tier.is_some() {
                return Err(NoPrice::TierRateUnknown);
            }
            (bi, bo)
        }
    };
    Ok(RequestCost {
        total: input_rate.cost_of(request.input_tokens) + output_rate.cost_of(request.output_tokens),
        tier_above: tier.map(|t| t.above_tokens),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Date, LongContextTier};

    fn p(s: &str) -> PricePerMTok {
        PricePerMTok::parse(s).unwrap()
    }

    /// A schedule with the given standard, cache-read and batch prices.
    pub(crate) fn schedule(
        input: &str,
        output: &str,
        cache: Option<&str>,
        batch: Option<(&str, &str)>,
    ) -> PriceSchedule {
        PriceSchedule {
            effective_from: Date::parse("2026-03-05").unwrap(),
            effective_to: None,
            input: p(input),
            output: p(output),
            cache_read: cache.map(p),
            cache_write: None,
            cache_write_1h: None,
            batch_input: batch.map(|b| p(b.0)),
            batch_output: batch.map(|b| p(b.1)),
            long_context: vec![],
            source: "test".into(),
            last_seen_in: "test".into(),
        }
    }

    fn cost(price: &PriceSchedule, req: &RequestProfile, billing: Billing) -> String {
        request_cost(price, &Limits::default(), req, billing).unwrap().total.to_string()
    }

    #[test]
    fn reference_pair_standard_sizes_match_hand_checked_values() {
        // GPT-4o mini $0.15/$0.60, GPT-4.1 mini $0.40/$1.60 per 1M tokens.
        let mini_4o = schedule("0.15", "0.6", Some("0.075"), Some(("0.075", "0.3")));
        let mini_41 = schedule("0.4", "1.6", Some("0.1"), Some(("0.2", "0.8")));
        let [small, medium, large] = STANDARD_PROFILES;
        // 500*0.15 + 200*0.6 = 75 + 120 = 195 micro-dollars.
        assert_eq!(cost(&mini_4o, &small, Billing::Standard), "$0.000195");
        assert_eq!(cost(&mini_41, &small, Billing::Standard), "$0.00052");
        assert_eq!(cost(&mini_4o, &medium, Billing::Standard), "$0.00135");
        assert_eq!(cost(&mini_41, &medium, Billing::Standard), "$0.0036");
        assert_eq!(cost(&mini_4o, &large, Billing::Standard), "$0.0099");
        assert_eq!(cost(&mini_41, &large, Billing::Standard), "$0.0264");
        // All 5K input tokens from cache: 5000*0.075 + 1000*0.6 = 975 micro-dollars.
        assert_eq!(cost(&mini_4o, &medium, Billing::CachedInput), "$0.000975");
        assert_eq!(cost(&mini_41, &medium, Billing::CachedInput), "$0.0021");
        // Batch halves both: 5000*0.075 + 1000*0.3 = 675.
        assert_eq!(cost(&mini_4o, &medium, Billing::Batch), "$0.000675");
        assert_eq!(cost(&mini_41, &medium, Billing::Batch), "$0.0018");
    }

    #[test]
    fn whole_request_bills_at_the_tier_once_input_crosses_the_threshold() {
        let mut price = schedule("3", "15", Some("0.3"), Some(("1.5", "7.5")));
        price.long_context.push(LongContextTier {
            above_tokens: 200_000,
            input: p("6"),
            output: p("22.5"),
            cache_read: Some(p("0.6")),
        });
        let at = |input| RequestProfile { label: "x", input_tokens: input, output_tokens: 1_000 };
        // Exactly at the threshold: standard rates. 200000*3 + 1000*15 = 615000 micro-dollars.
        let r = request_cost(&price, &Limits::default(), &at(200_000), Billing::Standard).unwrap();
        assert_eq!((r.total.to_string(), r.tier_above), ("$0.615".into(), None));
        // One token over: every token at the tier rate. 200001*6 + 1000*22.5 = 1222506.
        let r = request_cost(&price, &Limits::default(), &at(200_001), Billing::Standard).unwrap();
        assert_eq!((r.total.to_string(), r.tier_above), ("$1.22".into(), Some(200_000)));
        assert_eq!(r.total.picos(), 1_222_506_000_000);
        // Cached at the tier's cache rate: 250000*0.6 + 1000*22.5 = 172500.
        let r = request_cost(&price, &Limits::default(), &at(250_000), Billing::CachedInput).unwrap();
        assert_eq!(r.total.to_string(), "$0.1725");
        // Batch rates above a tier are not in our data: no guess.
        assert_eq!(
            request_cost(&price, &Limits::default(), &at(250_000), Billing::Batch),
            Err(NoPrice::TierRateUnknown)
        );
    }

    #[test]
    fn highest_crossed_tier_wins() {
        let mut price = schedule("1.2", "6", None, None);
        for (above, i, o) in [(32_000, "2.4", "12"), (128_000, "3", "15")] {
            price.long_context.push(LongContextTier {
                above_tokens: above,
                input: p(i),
                output: p(o),
                cache_read: None,
            });
        }
        let req = RequestProfile { label: "x", input_tokens: 150_000, output_tokens: 0 };
        let r = request_cost(&price, &Limits::default(), &req, Billing::Standard).unwrap();
        assert_eq!((r.total.to_string(), r.tier_above), ("$0.45".into(), Some(128_000)));
        let req = RequestProfile { label: "x", input_tokens: 50_000, output_tokens: 4_000 };
        // 50000*2.4 + 4000*12 = 168000.
        assert_eq!(cost(&price, &req, Billing::Standard), "$0.168");
    }

    #[test]
    fn missing_cache_or_batch_price_is_not_offered_never_zero() {
        let price = schedule("1", "2", None, None);
        let req = STANDARD_PROFILES[1];
        assert_eq!(request_cost(&price, &Limits::default(), &req, Billing::CachedInput), Err(NoPrice::NotOffered));
        assert_eq!(request_cost(&price, &Limits::default(), &req, Billing::Batch), Err(NoPrice::NotOffered));
    }

    #[test]
    fn requests_beyond_the_context_window_or_output_limit_are_refused() {
        let price = schedule("1", "2", None, None);
        let large = STANDARD_PROFILES[2];
        let small_window = Limits { context_window: Some(32_000), max_output: None };
        assert_eq!(request_cost(&price, &small_window, &large, Billing::Standard), Err(NoPrice::ExceedsLimits));
        let short_output = Limits { context_window: None, max_output: Some(2_048) };
        assert_eq!(request_cost(&price, &short_output, &large, Billing::Standard), Err(NoPrice::ExceedsLimits));
        let exact_fit = Limits { context_window: Some(54_000), max_output: Some(4_000) };
        assert!(request_cost(&price, &exact_fit, &large, Billing::Standard).is_ok());
    }
}
