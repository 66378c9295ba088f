//! The dataset as the domain sees it: models, their prices, scores and speeds, each figure
//! with the source it came from and the date it holds for.

use std::collections::HashMap;

use super::ids::{BenchmarkSlug, ProviderSlug, SourceId};
use super::rate_card::RateCard;
use super::slug::ModelId;

/// A calendar date as `YYYY-MM-DD`; ISO order is chronological order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(String);

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl Date {
    /// Accepts `YYYY-MM-DD` naming a day that exists (no `2025-02-30`, February 29 only in
    /// leap years).
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return None;
        }
        let year: u32 = text[0..4].parse().ok()?;
        let month: u32 = text[5..7].parse().ok()?;
        let day: u32 = text[8..10].parse().ok()?;
        let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then(|| Date(text.to_owned()))
    }

    /// The date `days` days after 1970-01-01 (proleptic Gregorian calendar).
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date(format!("{year:04}-{month:02}-{day:02}"))
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil; `parse` guarantees the digits.
        let year: i64 = self.0[0..4].parse().unwrap_or(1970);
        let month: i64 = self.0[5..7].parse().unwrap_or(1);
        let day: i64 = self.0[8..10].parse().unwrap_or(1);
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(&self, later: &Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The ISO form, `2026-03-05`.
    pub fn iso(&self) -> &str {
        &self.0
    }

    /// The long English form, `March 5, 2026`.
    pub fn long(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month: usize = self.0[5..7].parse().unwrap_or(1);
        let day: u32 = self.0[8..10].parse().unwrap_or(1);
        format!("{} {}, {}", MONTHS[month - 1], day, &self.0[0..4])
    }
}

/// Where figures come from: one snapshot of one public dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Short stable id such as `litellm-1.110.2`.
    pub id: SourceId,
    /// Human title, shown in citations.
    pub title: String,
    /// Where a reader can check it.
    pub url: String,
    /// The license the figures are used under.
    pub license: String,
    /// The date of the snapshot.
    pub as_of: Date,
}

/// The license a source carries when its figures are facts quoted from a page (a comparison
/// site, a vendor's announcement) rather than a dataset or a run that can be traced.
pub const QUOTED_LICENSE: &str = "facts quoted with attribution";

impl Source {
    /// Whether the source is a page whose figures are quoted, not a dataset or a traceable run.
    pub fn is_quoted_page(&self) -> bool {
        self.license == QUOTED_LICENSE
    }
}

/// How a score was obtained, in the words its row and the model page use.
pub fn provenance(score: &Score, dataset: &Dataset) -> String {
    match dataset.source(&score.source) {
        Some(s) if s.is_quoted_page() => format!("as quoted from {}", s.url.trim_start_matches("https://")),
        _ if score.independent => "independent (third-party)".to_owned(),
        _ => "vendor-reported".to_owned(),
    }
}

/// A company that makes models.
#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    /// Lowercase ASCII id.
    pub slug: ProviderSlug,
    /// Display name.
    pub name: String,
}

/// Whether a model can still be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelStatus {
    /// Offered with no announced shutdown.
    Active,
    /// Shutdown announced for a future date.
    Deprecated,
    /// Shutdown date has passed.
    Retired,
}

impl ModelStatus {
    /// Parses the database spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "active" => Some(Self::Active),
            "deprecated" => Some(Self::Deprecated),
            "retired" => Some(Self::Retired),
            _ => None,
        }
    }

    /// The database spelling, also used as a CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Deprecated => "deprecated",
            Self::Retired => "retired",
        }
    }
}

/// A value together with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    /// The figure.
    pub value: T,
    /// Id of the [`Source`].
    pub source: SourceId,
}

/// One period of a model's list prices: its rate card and the dates it held for.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceSchedule {
    /// First date these prices were seen.
    pub effective_from: Date,
    /// Date they were replaced; `None` for the current prices.
    pub effective_to: Option<Date>,
    /// Every rate of the period.
    pub rates: RateCard,
    /// The snapshot that first showed these prices.
    pub source: SourceId,
    /// The newest snapshot that still showed them.
    pub last_seen_in: SourceId,
}

/// A benchmark or index a score can be on.
#[derive(Debug, Clone, PartialEq)]
pub struct Benchmark {
    /// Id such as `gpqa-diamond`.
    pub slug: BenchmarkSlug,
    /// Display name.
    pub name: String,
    /// One sentence on what it measures.
    pub measures: String,
    /// How values are written.
    pub scale: Scale,
    /// Whether a higher value is better.
    pub higher_is_better: bool,
}

/// How a benchmark's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// 0 to 1, shown as a percentage.
    Fraction,
    /// 0 to 100.
    Percent,
    /// Index points with no fixed range.
    Index,
}

impl Scale {
    /// Parses the database spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "fraction" => Some(Self::Fraction),
            "percent" => Some(Self::Percent),
            "index" => Some(Self::Index),
            _ => None,
        }
    }

    /// The database spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fraction => "fraction",
            Self::Percent => "percent",
            Self::Index => "index",
        }
    }
}

/// One model's result on one benchmark from one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Benchmark slug.
    pub benchmark: BenchmarkSlug,
    /// Value in the benchmark's scale.
    pub value: f64,
    /// `true` for a third party's own run, `false` for a vendor's claim.
    pub independent: bool,
    /// Source id.
    pub source: SourceId,
    /// Date the figure holds for.
    pub as_of: Date,
    /// Method or version details, if any.
    pub note: Option<String>,
}

/// Measured serving speed.
#[derive(Debug, Clone, PartialEq)]
pub struct Speed {
    /// Output tokens per second.
    pub output_tokens_per_s: Option<f64>,
    /// Seconds to the first token.
    pub ttft_s: Option<f64>,
    /// Source id.
    pub source: SourceId,
    /// Date measured or published.
    pub as_of: Date,
}

/// Limits as a second source gives them, kept to show a reader where the sources disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherLimits {
    /// Most input tokens per request.
    pub max_input: Option<u64>,
    /// Most output tokens per request.
    pub max_output: Option<u64>,
    /// Source id.
    pub source: SourceId,
}

/// A model with every figure we hold on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// URL id.
    pub id: ModelId,
    /// Display name.
    pub name: String,
    /// Provider slug.
    pub provider: ProviderSlug,
    /// The API host whose prices we list.
    pub api_host: String,
    /// Release date.
    pub release_date: Option<Sourced<Date>>,
    /// Maximum tokens in (input plus output).
    pub context_window: Option<Sourced<u64>>,
    /// Maximum output tokens per request.
    pub max_output: Option<Sourced<u64>>,
    /// Maximum input tokens per request, where the provider caps input below the context
    /// window (GPT-5: 272,000 of 400,000).
    pub max_input: Option<Sourced<u64>>,
    /// Whether the weights are published.
    pub open_weights: Option<Sourced<bool>>,
    /// Availability on the day the catalog is for (see [`crate::domain::status::status_on`]).
    pub status: ModelStatus,
    /// The status label as stored by the last import; [`Self::status`] is what it means today.
    pub stored_status: ModelStatus,
    /// Announced or past shutdown date.
    pub deprecation_date: Option<Date>,
    /// Where the status comes from.
    pub status_source: Option<SourceId>,
    /// Training-data cutoff as the source writes it (`2024-09-30`, `2023-09`).
    pub knowledge_cutoff: Option<Sourced<String>>,
    /// The limits the mapped LiteLLM entry gives, shown beside ours where they disagree.
    pub litellm_limits: Option<OtherLimits>,
    /// The models.dev record (`provider/model`) names, dates and limits come from.
    pub modelsdev_id: Option<String>,
    /// The Epoch AI model version the Epoch scores come from.
    pub epoch_version: Option<String>,
    /// LiteLLM keys the prices are taken from.
    pub litellm_keys: Vec<String>,
    /// Price periods, oldest first; the last one with no end date is current.
    pub prices: Vec<PriceSchedule>,
    /// Benchmark results.
    pub scores: Vec<Score>,
    /// Speed measurements.
    pub speeds: Vec<Speed>,
}

impl Model {
    /// The prices in force now, if we have any.
    pub fn current_price(&self) -> Option<&PriceSchedule> {
        self.prices.iter().rev().find(|p| p.effective_to.is_none())
    }

    /// The current long-context thresholds a request can actually cross: one at or beyond the
    /// most input the model accepts (its input cap, or its context window less one output
    /// token) never applies, however it is listed.
    pub fn reachable_thresholds(&self) -> Vec<u64> {
        let most_input = match (&self.max_input, &self.context_window) {
            (Some(i), Some(c)) => Some(i.value.min(c.value.saturating_sub(1))),
            (Some(i), None) => Some(i.value),
            (None, Some(c)) => Some(c.value.saturating_sub(1)),
            (None, None) => None,
        };
        self.current_price()
            .map(|p| p.rates.thresholds().into_iter().filter(|t| most_input.is_none_or(|m| *t < m)).collect())
            .unwrap_or_default()
    }

    /// The score on `benchmark` of the given provenance; the newest if several.
    pub fn score(&self, benchmark: &BenchmarkSlug, independent: bool) -> Option<&Score> {
        self.scores
            .iter()
            .filter(|s| s.benchmark == *benchmark && s.independent == independent)
            .max_by(|a, b| a.as_of.cmp(&b.as_of))
    }

    /// The newest speed figures.
    pub fn speed(&self) -> Option<&Speed> {
        self.speeds.iter().max_by(|a, b| a.as_of.cmp(&b.as_of))
    }

    /// The sort key that decides a pair's canonical order: older release first, undated last.
    pub fn canonical_key(&self) -> (bool, Option<&Date>, &str) {
        let date = self.release_date.as_ref().map(|d| &d.value);
        (date.is_none(), date, self.id.as_str())
    }
}

/// Everything the site shows, loaded once and shared read-only.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Models in display order (provider, then name).
    pub models: Vec<Model>,
    /// Providers by slug.
    pub providers: HashMap<ProviderSlug, Provider>,
    /// Benchmarks in display order.
    pub benchmarks: Vec<Benchmark>,
    /// Sources by id.
    pub sources: HashMap<SourceId, Source>,
    index_by_id: HashMap<ModelId, usize>,
}

impl Dataset {
    /// Builds the lookup tables. Models are sorted by provider name, then model name.
    pub fn new(
        mut models: Vec<Model>,
        providers: Vec<Provider>,
        benchmarks: Vec<Benchmark>,
        sources: Vec<Source>,
    ) -> Self {
        let providers: HashMap<ProviderSlug, Provider> = providers.into_iter().map(|p| (p.slug.clone(), p)).collect();
        models.sort_by(|a, b| {
            let pa = providers.get(&a.provider).map_or(a.provider.as_str(), |p| p.name.as_str());
            let pb = providers.get(&b.provider).map_or(b.provider.as_str(), |p| p.name.as_str());
            (pa, &a.name).cmp(&(pb, &b.name))
        });
        let index_by_id = models.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        Self {
            models,
            providers,
            benchmarks,
            sources: sources.into_iter().map(|s| (s.id.clone(), s)).collect(),
            index_by_id,
        }
    }

    /// The model with this id.
    pub fn model(&self, id: &ModelId) -> Option<&Model> {
        self.index_by_id.get(id).map(|&i| &self.models[i])
    }

    /// Where a model sits in `models`.
    pub fn position(&self, id: &ModelId) -> Option<usize> {
        self.index_by_id.get(id).copied()
    }

    /// The provider's display name (its slug if unknown).
    pub fn provider_name<'a>(&'a self, slug: &'a ProviderSlug) -> &'a str {
        self.providers.get(slug).map_or(slug.as_str(), |p| p.name.as_str())
    }

    /// A benchmark by slug.
    pub fn benchmark(&self, slug: &BenchmarkSlug) -> Option<&Benchmark> {
        self.benchmarks.iter().find(|b| b.slug == *slug)
    }

    /// A source by id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.get(id)
    }

    /// The newest date any figure holds for: the dataset's "last updated".
    pub fn last_updated(&self) -> Option<&Date> {
        self.sources.values().map(|s| &s.as_of).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_to_and_from_days_since_epoch() {
        for (iso, days) in [("1970-01-01", 0), ("2000-03-01", 11_017), ("2026-11-25", 20_782), ("2024-02-29", 19_782)] {
            let d = Date::parse(iso).unwrap();
            assert_eq!(d.days_since_epoch(), days, "{iso}");
            assert_eq!(Date::from_days_since_epoch(days), d);
        }
        let from = Date::parse("2026-03-05").unwrap();
        assert_eq!(from.days_until(&Date::parse("2026-11-25").unwrap()), 265);
    }

    #[test]
    fn dates_parse_only_iso_calendar_dates() {
        assert_eq!(Date::parse("2026-03-05").unwrap().long(), "March 5, 2026");
        for bad in ["2026-3-05", "2026-13-01", "2026-00-10", "20260305", "2026-03-5x", ""] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        for bad in ["2025-02-30", "2025-02-29", "2100-02-29", "2026-04-31", "2026-06-31", "2026-01-32", "2026-01-00"] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
        for good in ["2024-02-29", "2000-02-29", "2026-01-31", "2026-04-30", "2026-12-31"] {
            assert!(Date::parse(good).is_some(), "{good}");
        }
    }
}
