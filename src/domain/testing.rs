//! Fixtures for tests: a [`Model`] and its [`PriceSchedule`] from defaults plus the few
//! figures a test is about, so a new field of either is added here once, not in every test.
//! Compiled for unit tests and, through the `test-support` feature, for the integration tests.

use super::model::{Date, Model, ModelStatus, PriceSchedule, Score, Source, Sourced};
use super::money::PricePerMTok;
use super::rate_card::{Meter, RateCard, RateKey, ServiceTier, WeeklyHours};
use super::slug::ModelId;

/// A date from its ISO form; panics on a bad one, which in a fixture is a typo.
pub fn date(iso: &str) -> Date {
    Date::parse(iso).unwrap_or_else(|| panic!("not a date: {iso}"))
}

/// A price in dollars per million tokens (`"0.15"`); panics on a bad one.
pub fn usd(text: &str) -> PricePerMTok {
    PricePerMTok::parse(text).unwrap_or_else(|e| panic!("not a price: {text}: {e:?}"))
}

/// A source titled by its id, MIT-licensed, as of `as_of` (ISO).
pub fn source(id: &str, as_of: &str) -> Source {
    Source {
        id: id.into(),
        title: id.into(),
        url: "https://example.com".into(),
        license: "MIT".into(),
        as_of: date(as_of),
    }
}

/// DeepSeek's off-peak hours in LiteLLM 1.110.2's `off_peak_pricing`: weekdays 00-01, 04-06 and
/// 10-24 UTC, and all of the weekend.
pub fn deepseek_off_peak_hours() -> WeeklyHours {
    let mut hours = WeeklyHours::default();
    for day in 0..5 {
        hours.add(day, 0, 1);
        hours.add(day, 4, 6);
        hours.add(day, 10, 24);
    }
    hours.add(5, 0, 24);
    hours.add(6, 0, 24);
    hours
}

/// Builds a [`Model`]: active, provider `p`, no dates, limits, prices, scores or speeds until set.
#[derive(Debug, Clone)]
pub struct ModelBuilder {
    model: Model,
}

impl ModelBuilder {
    /// A model with this id, named after it.
    pub fn new(id: &str) -> Self {
        let id = ModelId::parse(id).unwrap_or_else(|| panic!("not a model id: {id}"));
        Self {
            model: Model {
                name: id.as_str().to_owned(),
                id,
                provider: "p".into(),
                api_host: "p".into(),
                release_date: None,
                context_window: None,
                max_output: None,
                max_input: None,
                open_weights: None,
                status: ModelStatus::Active,
                stored_status: ModelStatus::Active,
                deprecation_date: None,
                status_source: None,
                knowledge_cutoff: None,
                litellm_limits: None,
                modelsdev_id: None,
                epoch_version: None,
                litellm_keys: vec![],
                prices: vec![],
                scores: vec![],
                speeds: vec![],
            },
        }
    }

    /// The display name.
    pub fn name(mut self, name: &str) -> Self {
        self.model.name = name.into();
        self
    }

    /// The provider's slug; the API host is set to the same unless [`Self::api_host`] follows.
    pub fn provider(mut self, slug: &str) -> Self {
        self.model.provider = slug.into();
        self.model.api_host = slug.into();
        self
    }

    /// The API host whose prices are listed.
    pub fn api_host(mut self, host: &str) -> Self {
        self.model.api_host = host.into();
        self
    }

    /// The release date and the source it comes from.
    pub fn released(mut self, on: Date, source: &str) -> Self {
        self.model.release_date = Some(Sourced { value: on, source: source.into() });
        self
    }

    /// The context window in tokens and its source.
    pub fn context_window(mut self, tokens: u64, source: &str) -> Self {
        self.model.context_window = Some(Sourced { value: tokens, source: source.into() });
        self
    }

    /// The most output tokens per request and its source.
    pub fn max_output(mut self, tokens: u64, source: &str) -> Self {
        self.model.max_output = Some(Sourced { value: tokens, source: source.into() });
        self
    }

    /// Adds a price period (give them oldest first).
    pub fn price(mut self, schedule: PriceSchedule) -> Self {
        self.model.prices.push(schedule);
        self
    }

    /// Adds a third party's own score on `benchmark`, with no note.
    pub fn independent_score(mut self, benchmark: &str, value: f64, source: &str, as_of: Date) -> Self {
        self.model.scores.push(Score {
            benchmark: benchmark.into(),
            value,
            independent: true,
            source: source.into(),
            as_of,
            note: None,
        });
        self
    }

    /// The model.
    pub fn build(self) -> Model {
        self.model
    }
}

/// Builds a current [`PriceSchedule`] from 2026-03-05, sourced and last seen in `test`.
#[derive(Debug, Clone)]
pub struct PriceBuilder {
    schedule: PriceSchedule,
}

impl PriceBuilder {
    /// A schedule with standard input and output rates in dollars per million tokens.
    pub fn list(input: &str, output: &str) -> Self {
        Self::empty().rate(ServiceTier::Standard, Meter::Input, usd(input)).rate(
            ServiceTier::Standard,
            Meter::Output,
            usd(output),
        )
    }

    /// A schedule with an empty rate card.
    pub fn empty() -> Self {
        Self {
            schedule: PriceSchedule {
                effective_from: date("2026-03-05"),
                effective_to: None,
                rates: RateCard::default(),
                source: "test".into(),
                last_seen_in: "test".into(),
            },
        }
    }

    /// Sets one base rate (no threshold, no time window).
    pub fn rate(mut self, tier: ServiceTier, meter: Meter, price: PricePerMTok) -> Self {
        self.schedule.rates.insert(RateKey::base(tier, meter), price);
        self
    }

    /// The standard cache-read rate.
    pub fn cache_read(self, price: &str) -> Self {
        self.rate(ServiceTier::Standard, Meter::CacheRead, usd(price))
    }

    /// The batch input and output rates.
    pub fn batch(self, input: &str, output: &str) -> Self {
        self.rate(ServiceTier::Batch, Meter::Input, usd(input)).rate(ServiceTier::Batch, Meter::Output, usd(output))
    }

    /// Standard long-context rates above `threshold` input tokens, with a cache-read rate if given.
    pub fn above(mut self, threshold: u64, input: &str, output: &str, cache_read: Option<&str>) -> Self {
        let key = |meter| RateKey { above_tokens: threshold, ..RateKey::base(ServiceTier::Standard, meter) };
        self.schedule.rates.insert(key(Meter::Input), usd(input));
        self.schedule.rates.insert(key(Meter::Output), usd(output));
        if let Some(c) = cache_read {
            self.schedule.rates.insert(key(Meter::CacheRead), usd(c));
        }
        self
    }

    /// The first date these prices were seen.
    pub fn effective_from(mut self, on: Date) -> Self {
        self.schedule.effective_from = on;
        self
    }

    /// The snapshot that first showed these prices, also the newest to show them.
    pub fn source(mut self, source: &str) -> Self {
        self.schedule.source = source.into();
        self.schedule.last_seen_in = source.into();
        self
    }

    /// The newest snapshot that still showed these prices.
    pub fn last_seen_in(mut self, source: &str) -> Self {
        self.schedule.last_seen_in = source.into();
        self
    }

    /// The schedule.
    pub fn build(self) -> PriceSchedule {
        self.schedule
    }
}
