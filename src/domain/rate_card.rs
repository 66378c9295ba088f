//! A price period's rate card: every rate a provider publishes, keyed by service tier, meter,
//! long-context threshold and time window. A rate the source does not give is absent from the
//! card, never 0 and never copied from another tier, so a price that cannot be computed from
//! the card is "not offered", not a guess.
//!
//! Adding a tier or a meter is a variant here (with its spelling and label) and a line in the
//! LiteLLM importer's field table; storage, the dataset file, pricing, tables and the API all
//! iterate over the card.

use std::collections::BTreeMap;
use std::fmt;

use super::ids::SourceId;
use super::model::Date;
use super::money::PricePerMTok;

/// How a request is served: the synchronous API at list price, the batch API, or the cheaper
/// slower (flex) and dearer faster (priority) tiers OpenAI and Google sell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServiceTier {
    /// The synchronous API at list price.
    Standard,
    /// The asynchronous batch API.
    Batch,
    /// Slower, cheaper synchronous processing.
    Flex,
    /// Faster, dearer synchronous processing.
    Priority,
}

impl ServiceTier {
    /// Every tier, in display order.
    pub const ALL: [ServiceTier; 4] = [Self::Standard, Self::Batch, Self::Flex, Self::Priority];

    /// The spelling in URLs, the database, the dataset file and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Batch => "batch",
            Self::Flex => "flex",
            Self::Priority => "priority",
        }
    }

    /// Parses [`Self::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The name a page shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard",
            Self::Batch => "Batch API",
            Self::Flex => "Flex",
            Self::Priority => "Priority",
        }
    }
}

/// How long a cache write keeps the prefix: Anthropic sells 5 minutes and 1 hour, OpenAI 12
/// hours. LiteLLM's unsuffixed cache-write field is the 5-minute (default) cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CacheTtl {
    /// The default cache (5 minutes where a provider sells several).
    FiveMinutes,
    /// The 1-hour cache.
    OneHour,
    /// The 12-hour cache.
    TwelveHours,
}

impl CacheTtl {
    /// Every duration, shortest first.
    pub const ALL: [CacheTtl; 3] = [Self::FiveMinutes, Self::OneHour, Self::TwelveHours];

    /// The spelling in URLs (`cache_write=1h`) and in meter names.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FiveMinutes => "5m",
            Self::OneHour => "1h",
            Self::TwelveHours => "12h",
        }
    }

    /// Parses [`Self::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The duration in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::FiveMinutes => "5-minute",
            Self::OneHour => "1-hour",
            Self::TwelveHours => "12-hour",
        }
    }
}

/// What a rate is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Meter {
    /// Input tokens not served from the cache.
    Input,
    /// Output tokens (reasoning tokens included).
    Output,
    /// Input tokens served from the prompt cache.
    CacheRead,
    /// Input tokens written to the prompt cache for this long.
    CacheWrite(CacheTtl),
}

impl Meter {
    /// Every meter, in display order.
    pub const ALL: [Meter; 6] = [
        Self::Input,
        Self::Output,
        Self::CacheRead,
        Self::CacheWrite(CacheTtl::FiveMinutes),
        Self::CacheWrite(CacheTtl::OneHour),
        Self::CacheWrite(CacheTtl::TwelveHours),
    ];

    /// The spelling in the database, the dataset file and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Input => "input",
            Self::CacheRead => "cache_read",
            Self::CacheWrite(CacheTtl::FiveMinutes) => "cache_write_5m",
            Self::CacheWrite(CacheTtl::OneHour) => "cache_write_1h",
            Self::CacheWrite(CacheTtl::TwelveHours) => "cache_write_12h",
            Self::Output => "output",
        }
    }

    /// Parses [`Self::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// The name a page shows.
    pub fn label(self) -> String {
        match self {
            Self::Input => "Input".to_owned(),
            Self::CacheRead => "Cached input (cache hit)".to_owned(),
            Self::CacheWrite(ttl) => format!("Cache write, {}", ttl.label()),
            Self::Output => "Output".to_owned(),
        }
    }
}

/// A published time window with its own prices (DeepSeek's off-peak hours).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeWindow {
    /// The provider's off-peak hours.
    OffPeak,
}

impl TimeWindow {
    /// Every window.
    pub const ALL: [TimeWindow; 1] = [Self::OffPeak];

    /// The spelling in URLs (`window=off-peak`), the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OffPeak => "off-peak",
        }
    }

    /// Parses [`Self::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.as_str() == text)
    }

    /// The name a page shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::OffPeak => "off-peak",
        }
    }
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The UTC hours of the week a window covers, to the hour (the only granularity providers
/// publish): bit `h` of day `d` (0 = Monday) covers `h:00` to `h+1:00` UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WeeklyHours([u32; 7]);

impl WeeklyHours {
    /// Adds hours `from` to `to` (0 to 24, `to` > `from`) of `weekday` (0 = Monday).
    pub fn add(&mut self, weekday: usize, from: u32, to: u32) {
        if weekday < 7 && from < to && to <= 24 {
            self.0[weekday] |= ((1u64 << to) - (1u64 << from)) as u32;
        }
    }

    /// Whether the hour starting at `hour` UTC on `weekday` (0 = Monday) is in the window.
    pub fn contains(&self, weekday: usize, hour: u32) -> bool {
        weekday < 7 && hour < 24 && self.0[weekday] & (1 << hour) != 0
    }

    /// Whether no hour is covered.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|d| *d == 0)
    }

    /// The hour ranges of one day's mask, as `(from, to)`.
    fn spans(mask: u32) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let mut h = 0;
        while h < 24 {
            if mask & (1 << h) == 0 {
                h += 1;
                continue;
            }
            let from = h;
            while h < 24 && mask & (1 << h) != 0 {
                h += 1;
            }
            out.push((from, h));
        }
        out
    }

    /// Parses [`fmt::Display`]'s form: `Mon-Fri 00:00-01:00, 10:00-24:00; Sat-Sun 00:00-24:00`.
    pub fn parse(text: &str) -> Option<WeeklyHours> {
        let mut hours = WeeklyHours::default();
        for group in text.split("; ") {
            let (days, spans) = group.split_once(' ')?;
            let day = |d: &str| DAYS.iter().position(|n| *n == d);
            let (first, last) = match days.split_once('-') {
                Some((a, b)) => (day(a)?, day(b)?),
                None => (day(days)?, day(days)?),
            };
            for span in spans.split(", ") {
                let (from, to) = span.split_once('-')?;
                let hour = |t: &str| t.strip_suffix(":00").filter(|h| h.len() == 2)?.parse::<u32>().ok();
                let (from, to) = (hour(from)?, hour(to)?);
                if from >= to || to > 24 {
                    return None;
                }
                for d in first..=last {
                    hours.add(d, from, to);
                }
            }
        }
        (!hours.is_empty() && hours.to_string() == text).then_some(hours)
    }
}

impl fmt::Display for WeeklyHours {
    /// Consecutive days with the same hours are grouped: `Mon-Fri 00:00-01:00; Sat-Sun 00:00-24:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut groups: Vec<String> = Vec::new();
        let mut d = 0;
        while d < 7 {
            if self.0[d] == 0 {
                d += 1;
                continue;
            }
            let first = d;
            while d + 1 < 7 && self.0[d + 1] == self.0[first] {
                d += 1;
            }
            let days = if first == d { DAYS[d].to_owned() } else { format!("{}-{}", DAYS[first], DAYS[d]) };
            let spans: Vec<String> =
                Self::spans(self.0[first]).iter().map(|(a, b)| format!("{a:02}:00-{b:02}:00")).collect();
            groups.push(format!("{days} {}", spans.join(", ")));
            d += 1;
        }
        f.write_str(&groups.join("; "))
    }
}

/// Where one rate applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RateKey {
    /// The service tier.
    pub tier: ServiceTier,
    /// The time window, `None` for all hours outside any window.
    pub window: Option<TimeWindow>,
    /// The long-context threshold: 0 for the base rate, else the rate a request whose input
    /// exceeds this many tokens pays on every token.
    pub above_tokens: u64,
    /// What the rate is charged on.
    pub meter: Meter,
}

impl RateKey {
    /// The base (no threshold, no window) rate of `meter` in `tier`.
    pub const fn base(tier: ServiceTier, meter: Meter) -> Self {
        Self { tier, window: None, above_tokens: 0, meter }
    }
}

impl RateKey {
    /// How a page names the rate: `Input`, `Batch API · Output · above 272,000 input tokens`,
    /// `Input · off-peak`.
    pub fn label(&self) -> String {
        let mut parts = Vec::new();
        if self.tier != ServiceTier::Standard {
            parts.push(self.tier.label().to_owned());
        }
        parts.push(self.meter.label());
        if self.above_tokens > 0 {
            parts.push(format!("above {} input tokens", super::format::count(self.above_tokens)));
        }
        if let Some(w) = self.window {
            parts.push(w.label().to_owned());
        }
        parts.join(" · ")
    }
}

impl fmt::Display for RateKey {
    /// `standard input`, `batch cache_write_1h above 200,000 tokens`, `standard output off-peak`:
    /// how an import report names a rate.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.tier.as_str(), self.meter.as_str())?;
        if self.above_tokens > 0 {
            write!(f, " above {} tokens", super::format::count(self.above_tokens))?;
        }
        if let Some(w) = self.window {
            write!(f, " {}", w.as_str())?;
        }
        Ok(())
    }
}

/// How a listed fee is written: a multiplier on the token bill, or dollars per query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeeUnit {
    /// A factor on every rate (`1.1` is 10% more).
    Multiplier,
    /// US dollars per request or query.
    UsdPerQuery,
}

impl FeeUnit {
    /// Every unit.
    pub const ALL: [FeeUnit; 2] = [Self::Multiplier, Self::UsdPerQuery];

    /// The spelling in the database, the dataset file and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Multiplier => "multiplier",
            Self::UsdPerQuery => "usd_per_query",
        }
    }

    /// Parses [`Self::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.as_str() == text)
    }
}

/// A surcharge or per-request fee the source lists (data residency, government cloud, web
/// search per query): shown as a note with its figure, never priced into a request.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ListedFee {
    /// What it is, in words (`web search, per query (medium context)`).
    pub what: String,
    /// How the figure is written.
    pub unit: FeeUnit,
    /// The figure as an exact decimal (`1.1`, `0.01`).
    pub figure: String,
}

impl ListedFee {
    /// `EU data residency: 1.1x`, `web search, per query: $0.01`.
    pub fn text(&self) -> String {
        match self.unit {
            FeeUnit::Multiplier => format!("{}: {}x the token rates", self.what, self.figure),
            FeeUnit::UsdPerQuery => format!("{}: ${}", self.what, self.figure),
        }
    }
}

/// A listed fee with its own provenance: fees come and go between sources while the rates
/// stay, so a fee cannot borrow its period's source and start date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcedFee {
    /// The fee and its figure.
    pub fee: ListedFee,
    /// The source that listed it.
    pub source: SourceId,
    /// The date it was first listed.
    pub listed_from: Date,
}

/// Every rate of one price period, plus the windows its windowed rates apply in and the fees
/// it lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RateCard {
    rates: BTreeMap<RateKey, PricePerMTok>,
    windows: BTreeMap<TimeWindow, WeeklyHours>,
    /// Surcharges and per-query fees, shown as notes, sorted by fee.
    pub fees: Vec<SourcedFee>,
}

impl RateCard {
    /// Whether the rates and window hours are the same: what decides a new price period.
    /// Fees are left out on purpose: a newly listed fee is not a price change.
    pub fn same_rates(&self, other: &RateCard) -> bool {
        self.rates == other.rates && self.windows == other.windows
    }

    /// Sets a rate; returns the one it replaces, if any.
    pub fn insert(&mut self, key: RateKey, price: PricePerMTok) -> Option<PricePerMTok> {
        self.rates.insert(key, price)
    }

    /// Sets the hours a window covers.
    pub fn set_window(&mut self, window: TimeWindow, hours: WeeklyHours) {
        self.windows.insert(window, hours);
    }

    /// The rate at `key`, if published.
    pub fn get(&self, key: &RateKey) -> Option<PricePerMTok> {
        self.rates.get(key).copied()
    }

    /// The standard input and output list prices, which every stored card has (the dataset
    /// file and the importers refuse a card without them).
    pub fn list_prices(&self) -> Option<(PricePerMTok, PricePerMTok)> {
        Some((self.standard(Meter::Input)?, self.standard(Meter::Output)?))
    }

    /// The base standard rate of `meter`: the list price a reader first looks for.
    pub fn standard(&self, meter: Meter) -> Option<PricePerMTok> {
        self.get(&RateKey::base(ServiceTier::Standard, meter))
    }

    /// Every rate, ordered by tier, window, threshold and meter.
    pub fn rates(&self) -> impl Iterator<Item = (&RateKey, PricePerMTok)> {
        self.rates.iter().map(|(k, v)| (k, *v))
    }

    /// The windows and the hours they cover.
    pub fn windows(&self) -> impl Iterator<Item = (TimeWindow, &WeeklyHours)> {
        self.windows.iter().map(|(w, h)| (*w, h))
    }

    /// The hours `window` covers, if the card has it.
    pub fn window_hours(&self, window: TimeWindow) -> Option<&WeeklyHours> {
        self.windows.get(&window)
    }

    /// The long-context thresholds any rate is listed at, rising (0, the base, left out).
    pub fn thresholds(&self) -> Vec<u64> {
        let mut out: Vec<u64> = self.rates.keys().map(|k| k.above_tokens).filter(|a| *a > 0).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the card lists input and output rates for `tier` in `window` at base size.
    pub fn offers(&self, tier: ServiceTier, window: Option<TimeWindow>) -> bool {
        [Meter::Input, Meter::Output]
            .iter()
            .all(|&meter| self.get(&RateKey { tier, window, above_tokens: 0, meter }).is_some())
    }

    /// The (tier, window) pairs the card offers, in display order.
    pub fn ways_to_pay(&self) -> Vec<(ServiceTier, Option<TimeWindow>)> {
        let mut out: Vec<_> = self.rates.keys().map(|k| (k.tier, k.window)).collect();
        out.dedup();
        out.retain(|(t, w)| self.offers(*t, *w));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ALL` is what parsing, storage tests and the pages iterate over, so a variant missing
    /// from it would be silently unreadable. Each match below stops compiling when a variant is
    /// added; add it to the list beside the match, and the assertion then checks `ALL`.
    #[test]
    fn every_all_lists_every_variant() {
        use CacheTtl::*;
        let tiers = [ServiceTier::Standard, ServiceTier::Batch, ServiceTier::Flex, ServiceTier::Priority];
        for t in tiers {
            match t {
                ServiceTier::Standard | ServiceTier::Batch | ServiceTier::Flex | ServiceTier::Priority => {}
            }
        }
        assert_eq!(ServiceTier::ALL, tiers);
        let ttls = [FiveMinutes, OneHour, TwelveHours];
        for c in ttls {
            match c {
                FiveMinutes | OneHour | TwelveHours => {}
            }
        }
        assert_eq!(CacheTtl::ALL, ttls);
        let meters = [Meter::Input, Meter::Output, Meter::CacheRead].into_iter().chain(ttls.map(Meter::CacheWrite));
        for m in meters.clone() {
            match m {
                Meter::Input | Meter::Output | Meter::CacheRead | Meter::CacheWrite(_) => {}
            }
        }
        assert_eq!(Meter::ALL.to_vec(), meters.collect::<Vec<_>>());
        let windows = [TimeWindow::OffPeak];
        for w in windows {
            match w {
                TimeWindow::OffPeak => {}
            }
        }
        assert_eq!(TimeWindow::ALL, windows);
        let units = [FeeUnit::Multiplier, FeeUnit::UsdPerQuery];
        for u in units {
            match u {
                FeeUnit::Multiplier | FeeUnit::UsdPerQuery => {}
            }
        }
        assert_eq!(FeeUnit::ALL, units);
    }

    #[test]
    fn every_spelling_reads_back_as_itself() {
        for t in ServiceTier::ALL {
            assert_eq!(ServiceTier::parse(t.as_str()), Some(t));
        }
        for m in Meter::ALL {
            assert_eq!(Meter::parse(m.as_str()), Some(m));
        }
        for c in CacheTtl::ALL {
            assert_eq!(CacheTtl::parse(c.as_str()), Some(c));
        }
        for w in TimeWindow::ALL {
            assert_eq!(TimeWindow::parse(w.as_str()), Some(w));
        }
        for u in FeeUnit::ALL {
            assert_eq!(FeeUnit::parse(u.as_str()), Some(u));
        }
        assert_eq!(ServiceTier::parse("Batch"), None);
    }

    #[test]
    fn weekly_hours_group_days_and_read_back() {
        // DeepSeek's off-peak: weekdays 00-01, 04-06 and 10-24 UTC, all of the weekend.
        let h = crate::domain::testing::deepseek_off_peak_hours();
        let text = "Mon-Fri 00:00-01:00, 04:00-06:00, 10:00-24:00; Sat-Sun 00:00-24:00";
        assert_eq!(h.to_string(), text);
        assert_eq!(WeeklyHours::parse(text), Some(h));
        assert!(h.contains(2, 12) && !h.contains(2, 3) && h.contains(6, 3));
        for bad in ["", "Mon 00:30-01:00", "Mon 02:00-01:00", "Xyz 00:00-01:00", "Mon 00:00-01:00; Tue 00:00-01:00"] {
            assert_eq!(WeeklyHours::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ways_to_pay_are_the_tiers_with_input_and_output_rates() {
        let p = |m| PricePerMTok::from_micros(m);
        let mut card = RateCard::default();
        card.insert(RateKey::base(ServiceTier::Standard, Meter::Input), p(1));
        card.insert(RateKey::base(ServiceTier::Standard, Meter::Output), p(2));
        card.insert(RateKey::base(ServiceTier::Batch, Meter::CacheRead), p(1));
        card.insert(RateKey { above_tokens: 200_000, ..RateKey::base(ServiceTier::Standard, Meter::Input) }, p(2));
        assert_eq!(card.ways_to_pay(), [(ServiceTier::Standard, None)]);
        assert_eq!(card.thresholds(), [200_000]);
    }
}
