//! The one pricing path: what one request costs on a rate card, paid at one service tier in
//! one time window. Every table, the reader's workload, the FAQ, the chart, the API and the
//! CSV reach prices through [`price_on_card`]. It never borrows a rate from another tier,
//! window or threshold: a rate the card lacks is an error that says which.

use super::money::{PricePerMTok, Usd};
use super::rate_card::{CacheTtl, Meter, RateCard, RateKey, ServiceTier, TimeWindow};

/// What one request consumes, meter by meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Input tokens, cached ones included.
    pub input_tokens: u64,
    /// Of those, the tokens served from the prompt cache.
    pub cache_read_tokens: u64,
    /// Whether the input not served from the cache is written to it, and for how long.
    pub cache_write: Option<CacheTtl>,
    /// Output tokens.
    pub output_tokens: u64,
}

/// How a request is paid: a service tier, in a time window or outside every window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PayAs {
    /// The service tier.
    pub tier: ServiceTier,
    /// The window the request is sent in, `None` outside every window.
    pub window: Option<TimeWindow>,
}

impl PayAs {
    /// The standard tier at any hour.
    pub const STANDARD: PayAs = PayAs { tier: ServiceTier::Standard, window: None };

    /// `tier` outside every window.
    pub const fn tier(tier: ServiceTier) -> Self {
        Self { tier, window: None }
    }

    /// In running text: `batch`, `flex`, `standard off-peak`.
    pub fn words(self) -> String {
        match self.window {
            None => self.tier.as_str().to_owned(),
            Some(w) => format!("{} {}", self.tier.as_str(), w.label()),
        }
    }

    /// `Batch API`, `Standard, off-peak`.
    pub fn label(self) -> String {
        match self.window {
            None => self.tier.label().to_owned(),
            Some(w) => format!("{}, {}", self.tier.label(), w.label()),
        }
    }
}

/// Why the card cannot price a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpriced {
    /// The card has no input and output rates for this tier in this window.
    NotOffered,
    /// The tier is offered, but not at the long-context threshold the request crosses.
    TierRateUnknown(u64),
    /// A rate this request needs is not listed (a cache read, a cache write of this duration).
    RateNotListed(Meter),
}

/// A priced request, with the rates it paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Priced {
    /// The exact total.
    pub total: Usd,
    /// The long-context threshold whose rates applied, if any.
    pub tier_above: Option<u64>,
    /// Rate of the input neither read from nor written to the cache.
    pub input: PricePerMTok,
    /// Rate of the cache reads, when there were any.
    pub cache_read: Option<PricePerMTok>,
    /// Rate of the cache writes, when there were any.
    pub cache_write: Option<PricePerMTok>,
    /// Rate of the output.
    pub output: PricePerMTok,
}

/// The long-context threshold a request of `input_tokens` crosses on this card: the highest
/// one below its input, the whole request then billing at that threshold's rates.
pub fn threshold_for(card: &RateCard, input_tokens: u64) -> u64 {
    card.thresholds().into_iter().rev().find(|t| input_tokens > *t).unwrap_or(0)
}

/// Prices `usage` on `card` paid as `pay`. The rates all come from one (tier, window,
/// threshold) cell of the card; a rate that cell lacks refuses the request.
pub fn price_on_card(card: &RateCard, usage: &Usage, pay: PayAs) -> Result<Priced, Unpriced> {
    if !card.offers(pay.tier, pay.window) {
        return Err(Unpriced::NotOffered);
    }
    let above_tokens = threshold_for(card, usage.input_tokens);
    let rate = |meter| card.get(&RateKey { tier: pay.tier, window: pay.window, above_tokens, meter });
    let (Some(input), Some(output)) = (rate(Meter::Input), rate(Meter::Output)) else {
        return Err(Unpriced::TierRateUnknown(above_tokens));
    };
    let read_tokens = usage.cache_read_tokens.min(usage.input_tokens);
    let cache_read = match read_tokens {
        0 => None,
        _ => Some(rate(Meter::CacheRead).ok_or(Unpriced::RateNotListed(Meter::CacheRead))?),
    };
    let fresh_tokens = usage.input_tokens - read_tokens;
    let cache_write = match usage.cache_write.filter(|_| fresh_tokens > 0) {
        None => None,
        Some(ttl) => {
            let meter = Meter::CacheWrite(ttl);
            Some(rate(meter).ok_or(Unpriced::RateNotListed(meter))?)
        }
    };
    let total = cache_write.unwrap_or(input).cost_of(fresh_tokens)
        + cache_read.map_or(Usd::ZERO, |r| r.cost_of(read_tokens))
        + output.cost_of(usage.output_tokens);
    Ok(Priced { total, tier_above: (above_tokens > 0).then_some(above_tokens), input, cache_read, cache_write, output })
}

/// The window a request sent at `hour` UTC on `weekday` (0 = Monday) falls in, if the card
/// has one covering that hour.
pub fn window_at(card: &RateCard, weekday: usize, hour: u32) -> Option<TimeWindow> {
    card.windows().find(|(_, hours)| hours.contains(weekday, hour)).map(|(w, _)| w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::deepseek_off_peak_hours;

    fn card(rates: &[(ServiceTier, Option<TimeWindow>, u64, Meter, &str)]) -> RateCard {
        let mut card = RateCard::default();
        for &(tier, window, above_tokens, meter, usd) in rates {
            card.insert(RateKey { tier, window, above_tokens, meter }, PricePerMTok::parse(usd).unwrap());
        }
        card
    }

    fn usage(input: u64, cached: u64, output: u64) -> Usage {
        Usage { input_tokens: input, cache_read_tokens: cached, cache_write: None, output_tokens: output }
    }

    use Meter::{CacheRead, Input, Output};
    use ServiceTier::{Batch, Flex, Priority, Standard};

    /// GPT-5.4 in LiteLLM 1.110.2 (November 2026): `input_cost_per_token` 2.5e-06,
    /// `output_cost_per_token` 1.5e-05, `*_batches` 1.25e-06 / 7.5e-06,
    /// `input_cost_per_token_above_272k_tokens` 5e-06, `output_..._above_272k_tokens` 2.25e-05,
    /// `input_cost_per_token_above_272k_tokens_batches` 2.5e-06,
    /// `output_cost_per_token_above_272k_tokens_batches` 1.125e-05.
    fn gpt_5_4() -> RateCard {
        card(&[
            (Standard, None, 0, Input, "2.5"),
            (Standard, None, 0, Output, "15"),
            (Batch, None, 0, Input, "1.25"),
            (Batch, None, 0, Output, "7.5"),
            (Standard, None, 272_000, Input, "5"),
            (Standard, None, 272_000, Output, "22.5"),
            (Batch, None, 272_000, Input, "2.5"),
            (Batch, None, 272_000, Output, "11.25"),
        ])
    }

    #[test]
    fn gpt_5_4_batch_above_272k_bills_at_the_batch_long_context_rates() {
        // 300,000 * $2.50 + 1,000 * $11.25 per 1M = 750,000 + 11,250 micro-dollars = $0.76125
        // (we showed $1.5225, standard long-context rates: 300,000 * 5 + 1,000 * 22.5).
        let r = price_on_card(&gpt_5_4(), &usage(300_000, 0, 1_000), PayAs::tier(Batch)).unwrap();
        assert_eq!((r.total.to_string(), r.tier_above), ("$0.76125".to_owned(), Some(272_000)));
        let r = price_on_card(&gpt_5_4(), &usage(300_000, 0, 1_000), PayAs::STANDARD).unwrap();
        assert_eq!(r.total.to_string(), "$1.5225");
    }

    #[test]
    fn claude_batch_with_half_the_input_cached_pays_the_batch_cache_read_rate() {
        // Claude Sonnet 4.5 in LiteLLM 1.110.2: `input_cost_per_token_batches` 1.5e-06,
        // `cache_read_input_token_cost_batches` 1.5e-07, `output_cost_per_token_batches` 7.5e-06
        // (standard cache read 3e-07). 10,000 in, 5,000 of them cached, 1,000 out:
        // 5,000 * 1.5 + 5,000 * 0.15 + 1,000 * 7.5 = 7,500 + 750 + 7,500 = 15,750 micro-dollars.
        // We billed cache reads at min(0.3, 1.5) = 0.3: 16,500, 1.048x too much.
        let sonnet = card(&[
            (Standard, None, 0, Input, "3"),
            (Standard, None, 0, Output, "15"),
            (Standard, None, 0, CacheRead, "0.3"),
            (Batch, None, 0, Input, "1.5"),
            (Batch, None, 0, Output, "7.5"),
            (Batch, None, 0, CacheRead, "0.15"),
        ]);
        let r = price_on_card(&sonnet, &usage(10_000, 5_000, 1_000), PayAs::tier(Batch)).unwrap();
        assert_eq!((r.total.to_string(), r.cache_read), ("$0.01575".to_owned(), PricePerMTok::parse("0.15").ok()));
        // Without a batch cache-read rate the card refuses: it never takes the standard one.
        let no_batch_cache = card(&[
            (Standard, None, 0, Input, "3"),
            (Standard, None, 0, Output, "15"),
            (Standard, None, 0, CacheRead, "0.3"),
            (Batch, None, 0, Input, "1.5"),
            (Batch, None, 0, Output, "7.5"),
        ]);
        assert_eq!(
            price_on_card(&no_batch_cache, &usage(10_000, 5_000, 1_000), PayAs::tier(Batch)),
            Err(Unpriced::RateNotListed(CacheRead))
        );
        // A model with no flex tier asked for flex: not offered, never priced at another tier.
        assert_eq!(price_on_card(&sonnet, &usage(5_000, 0, 1_000), PayAs::tier(Flex)), Err(Unpriced::NotOffered));
    }

    #[test]
    fn gpt_5_5_flex_halves_and_priority_is_two_and_a_half_times_standard() {
        // GPT-5.5 in LiteLLM 1.110.2: `input_cost_per_token` 5e-06, `output_cost_per_token`
        // 3e-05; `_flex` 2.5e-06 / 1.5e-05; `_priority` 1.25e-05 / 7.5e-05.
        let gpt_5_5 = card(&[
            (Standard, None, 0, Input, "5"),
            (Standard, None, 0, Output, "30"),
            (Flex, None, 0, Input, "2.5"),
            (Flex, None, 0, Output, "15"),
            (Priority, None, 0, Input, "12.5"),
            (Priority, None, 0, Output, "75"),
        ]);
        let typical = usage(5_000, 0, 1_000);
        let cost = |pay| price_on_card(&gpt_5_5, &typical, pay).unwrap().total.to_string();
        // 5,000 * 5 + 1,000 * 30 = 55,000; flex 12,500 + 15,000; priority 62,500 + 75,000.
        assert_eq!(cost(PayAs::STANDARD), "$0.055");
        assert_eq!(cost(PayAs::tier(Flex)), "$0.0275");
        assert_eq!(cost(PayAs::tier(Priority)), "$0.1375");
        assert_eq!(price_on_card(&gpt_5_5, &typical, PayAs::tier(Batch)), Err(Unpriced::NotOffered));
    }

    #[test]
    fn deepseek_v4_is_cheaper_inside_its_off_peak_window_and_list_price_outside() {
        // DeepSeek V4 Pro in LiteLLM 1.110.2: `input_cost_per_token` 1.32e-06,
        // `output_cost_per_token` 3.96e-06; `off_peak_pricing` 6.6e-07 / 1.98e-06 in windows
        // weekdays 00:00-01:00, 04:00-06:00, 10:00-00:00 and all weekend, UTC.
        let off_peak = Some(TimeWindow::OffPeak);
        let mut v4 = card(&[
            (Standard, None, 0, Input, "1.32"),
            (Standard, None, 0, Output, "3.96"),
            (Standard, off_peak, 0, Input, "0.66"),
            (Standard, off_peak, 0, Output, "1.98"),
        ]);
        v4.set_window(TimeWindow::OffPeak, deepseek_off_peak_hours());
        let typical = usage(5_000, 0, 1_000);
        // Wednesday 12:00 UTC is off-peak: 5,000 * 0.66 + 1,000 * 1.98 = 5,280 micro-dollars.
        let inside = PayAs { tier: Standard, window: window_at(&v4, 2, 12) };
        assert_eq!(price_on_card(&v4, &typical, inside).unwrap().total.to_string(), "$0.00528");
        // Wednesday 02:00 UTC is not: 5,000 * 1.32 + 1,000 * 3.96 = 10,560.
        let outside = PayAs { tier: Standard, window: window_at(&v4, 2, 2) };
        assert_eq!(outside.window, None);
        assert_eq!(price_on_card(&v4, &typical, outside).unwrap().total.to_string(), "$0.01056");
        // Batch has no off-peak rates (nor any): not offered.
        assert_eq!(price_on_card(&v4, &typical, PayAs { tier: Batch, window: off_peak }), Err(Unpriced::NotOffered));
    }

    #[test]
    fn a_tier_without_rates_above_a_threshold_is_not_priced_there() {
        // GPT-5.4 priority in LiteLLM 1.110.2 has base rates but none above 272K.
        let mut c = gpt_5_4();
        c.insert(RateKey::base(Priority, Input), PricePerMTok::parse("5").unwrap());
        c.insert(RateKey::base(Priority, Output), PricePerMTok::parse("30").unwrap());
        assert_eq!(
            price_on_card(&c, &usage(300_000, 0, 1_000), PayAs::tier(Priority)),
            Err(Unpriced::TierRateUnknown(272_000))
        );
        // Exactly at the threshold the base rates apply: 272,000 * 5 + 1,000 * 30.
        let r = price_on_card(&c, &usage(272_000, 0, 1_000), PayAs::tier(Priority)).unwrap();
        assert_eq!((r.total.to_string(), r.tier_above), ("$1.39".to_owned(), None));
    }

    #[test]
    fn cache_writes_bill_the_fresh_input_at_the_duration_asked() {
        // Claude Opus 4.7 in LiteLLM 1.110.2: input 5e-06, `cache_creation_input_token_cost`
        // 6.25e-06 (5 minutes), `..._above_1hr` 1e-05, cache read 5e-07, output 2.5e-05.
        let opus = card(&[
            (Standard, None, 0, Input, "5"),
            (Standard, None, 0, Output, "25"),
            (Standard, None, 0, CacheRead, "0.5"),
            (Standard, None, 0, Meter::CacheWrite(CacheTtl::FiveMinutes), "6.25"),
            (Standard, None, 0, Meter::CacheWrite(CacheTtl::OneHour), "10"),
        ]);
        let with = |ttl| Usage { cache_write: Some(ttl), ..usage(10_000, 6_000, 1_000) };
        // 4,000 written * 10 + 6,000 read * 0.5 + 1,000 * 25 = 40,000 + 3,000 + 25,000.
        let r = price_on_card(&opus, &with(CacheTtl::OneHour), PayAs::STANDARD).unwrap();
        assert_eq!(r.total.to_string(), "$0.068");
        // 4,000 * 6.25 + 3,000 + 25,000 = 53,000.
        let r = price_on_card(&opus, &with(CacheTtl::FiveMinutes), PayAs::STANDARD).unwrap();
        assert_eq!(r.total.to_string(), "$0.053");
        assert_eq!(
            price_on_card(&opus, &with(CacheTtl::TwelveHours), PayAs::STANDARD),
            Err(Unpriced::RateNotListed(Meter::CacheWrite(CacheTtl::TwelveHours)))
        );
    }
}
