//! Everything a comparison page (and later its JSON) shows for two models, computed in one
//! place from the catalog. Each figure carries a citation number into the page's source list.

use super::catalog::Catalog;
use std::collections::BTreeSet;

use super::cost::{
    Billing, LimitViolation, NoPrice, RequestCost, RequestProfile, STANDARD_PROFILES, TYPICAL_REQUEST, Workload,
    WorkloadCost, request_cost, workload_cost,
};
use super::format;
use super::freshness::{Freshness, price_freshness, speed_freshness};
use super::index::limits_of;
use super::model::{Date, Model, PriceSchedule, Scale, Score};
use super::money::{Usd, format_usd_pair};
use super::narrative::{self, Faq, Section};
use super::pricing::threshold_for;
use super::rate_card::{CacheTtl, Meter, RateKey, ServiceTier};
use super::slug::ModelId;
use super::summary::{self, CONTEXT_LABEL, SPEED_LABEL};

/// A numbered reference to a source, as listed at the foot of the page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Citation {
    /// The number shown next to figures, from 1.
    pub number: usize,
    /// Source id.
    pub id: String,
    /// Source title.
    pub title: String,
    /// Source URL.
    pub url: String,
    /// License of the figures.
    pub license: String,
    /// Snapshot date.
    pub as_of: Date,
}

/// Hands out citation numbers in order of first use.
#[derive(Debug, Default)]
pub struct Citations {
    list: Vec<Citation>,
}

impl Citations {
    /// The number for a source id; unknown ids get no number.
    pub fn cite(&mut self, catalog: &Catalog, id: &str) -> Option<usize> {
        if let Some(c) = self.list.iter().find(|c| c.id == id) {
            return Some(c.number);
        }
        let source = catalog.dataset.source(id)?;
        let number = self.list.len() + 1;
        self.list.push(Citation {
            number,
            id: source.id.clone(),
            title: source.title.clone(),
            url: super::plausible::href(&source.url).to_owned(),
            license: source.license.clone(),
            as_of: source.as_of.clone(),
        });
        Some(number)
    }

    /// The citations handed out.
    pub fn into_list(self) -> Vec<Citation> {
        self.list
    }
}

/// One figure as shown in a table cell.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Figure {
    /// The figure, formatted; `n/a` or a reason when missing.
    pub text: String,
    /// Citation number.
    pub cite: Option<usize>,
    /// Extra detail such as the date the figure holds for.
    pub detail: Option<String>,
    /// Whether the figure is missing.
    pub missing: bool,
}

impl Figure {
    fn known(text: String, cite: Option<usize>) -> Self {
        Self { text, cite, detail: None, missing: false }
    }

    fn missing(reason: &str) -> Self {
        Self { text: reason.to_owned(), cite: None, detail: None, missing: true }
    }

    fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// A table row comparing the two models.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    /// What the row shows.
    pub label: String,
    /// A short explanation under the label.
    pub hint: Option<String>,
    /// First model's figure.
    pub a: Figure,
    /// Second model's figure.
    pub b: Figure,
    /// How they differ, in words (`GPT-4.1 mini 2.67x`), when both are known.
    pub difference: Option<String>,
}

/// The two models' main figures, in canonical order.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its provider's name.
    pub provider: String,
    /// Current prices.
    pub price: Option<&'a PriceSchedule>,
    /// Cost of one request of the page's workload (the typical request by default).
    pub cost: Option<Usd>,
    /// The workload's pricing on this model, or why it cannot run.
    pub workload_cost: Option<Result<WorkloadCost, NoPrice>>,
    /// Headline index value.
    pub index: Option<f64>,
    /// On the price/index frontier; `None` if not placed.
    pub on_frontier: Option<bool>,
    /// When the current prices were last confirmed.
    pub prices_checked: Option<Freshness>,
}

impl Side<'_> {
    /// The model's display name.
    pub fn name(&self) -> &str {
        &self.model.name
    }

    /// The model's id.
    pub fn id(&self) -> &ModelId {
        &self.model.id
    }
}

/// What the reader sees at the foot: the verdict facts in one glance.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BottomLine {
    /// Who is cheaper at list price for the typical request.
    pub cheaper: String,
    /// Who scores higher on the headline index.
    pub higher: String,
    /// Who is better value, and why.
    pub better_value: String,
    /// The reason behind `better_value`.
    pub value_reason: String,
    /// Frontier status of each model, in words.
    pub frontier_a: String,
    /// See `frontier_a`.
    pub frontier_b: String,
}

/// A related comparison link.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RelatedLink {
    /// Canonical path.
    pub path: String,
    /// Link text.
    pub title: String,
}

pub use super::chart::{ChartData, ChartPoint, ListedPoint, UnscoredPoint};

/// The full comparison of two models.
#[derive(Debug, Clone)]
pub struct Comparison<'a> {
    /// First model in canonical order.
    pub a: Side<'a>,
    /// Second model.
    pub b: Side<'a>,
    /// Headline index name with its source, e.g. "Epoch Capabilities Index (ECI), Epoch AI".
    pub index_label: Option<String>,
    /// The figures a reader decides on first, with the differences (see `summary`).
    pub summary: Vec<Row>,
    /// Benchmarks, speed and limits.
    pub performance_rows: Vec<Row>,
    /// Every benchmark beyond the headline index, independent runs before vendor claims.
    pub benchmark_rows: Vec<Row>,
    /// List prices per 1M tokens.
    pub price_rows: Vec<Row>,
    /// Long-context tiers, if either model has one.
    pub tier_rows: Vec<Row>,
    /// Cost of the three standard request sizes.
    pub request_rows: Vec<Row>,
    /// Typical request under cache and batch billing.
    pub billing_rows: Vec<Row>,
    /// One-sentence verdict.
    pub verdict: String,
    /// Verdict facts.
    pub bottom_line: BottomLine,
    /// Narrative sections.
    pub sections: Vec<Section>,
    /// Questions and answers.
    pub faq: Vec<Faq>,
    /// Scatter chart data.
    pub chart: ChartData,
    /// Other comparisons with either model.
    pub related: Vec<RelatedLink>,
    /// Sources of every figure on the page.
    pub citations: Vec<Citation>,
    /// How the numbers are made.
    pub methodology: Vec<String>,
    /// The workload every "per request" figure is for.
    pub workload: Workload,
    /// Whether the reader set the workload (the page then is not the canonical one).
    pub custom: bool,
    /// The reader's monthly bill: per request, per month, per year; empty without a volume.
    pub monthly_rows: Vec<Row>,
    /// What the workload's pricing had to assume, per model, in words.
    pub workload_notes: Vec<String>,
    /// Where the cheaper model stops being cheaper, in one sentence, when it does.
    pub break_even: Option<String>,
    /// The priced request in words ("a typical request of 5,000 input and 1,000 output tokens").
    pub request_words: String,
    /// Search-result summary: who is cheaper by how much, who scores higher.
    pub description: String,
    /// Newest date among the page's figures.
    pub last_updated: Option<Date>,
    /// What the top of the page says about a retired model, with the date. An announced
    /// shutdown is in the summary's status row instead, so the answer stays in the first screen.
    pub status_notes: Vec<String>,
}

/// Builds the comparison of `a` and `b`, which must already be in canonical order, priced for
/// `workload` (`Workload::TYPICAL` for the page without parameters). `today` decides which
/// figures are old enough to be marked possibly stale.
pub fn compare<'a>(
    catalog: &'a Catalog,
    a: &'a Model,
    b: &'a Model,
    workload: &Workload,
    today: &Date,
) -> Comparison<'a> {
    let market = catalog.market_for(workload);
    let mut cites = Citations::default();
    let side = |m: &'a Model| Side {
        model: m,
        provider: catalog.dataset.provider_name(&m.provider).to_owned(),
        price: m.current_price(),
        cost: market.cost_of(&m.id),
        workload_cost: m.current_price().map(|p| workload_cost(p, &limits_of(m), workload)),
        index: catalog.index_value(m),
        on_frontier: market.point(&m.id).map(|p| p.on_frontier),
        prices_checked: price_freshness(&catalog.dataset, m, today),
    };
    let (sa, sb) = (side(a), side(b));
    let custom = *workload != Workload::TYPICAL;

    let (performance_rows, benchmark_rows) = performance_rows(catalog, &mut cites, &sa, &sb, today);
    let price_rows = price_rows(catalog, &mut cites, &sa, &sb);
    let tier_rows = tier_rows(catalog, &mut cites, &sa, &sb);
    let mut request_rows: Vec<Row> =
        STANDARD_PROFILES.iter().map(|p| request_row(&sa, &sb, p, Billing::STANDARD, profile_label(p), None)).collect();
    if custom {
        request_rows.push(your_request_row(&sa, &sb, workload));
    }
    let profile = if custom { workload.profile() } else { TYPICAL_REQUEST };
    let billing_rows = vec![
        request_row(&sa, &sb, &profile, Billing::STANDARD, "Standard".into(), Some("no cache, synchronous API")),
        request_row(
            &sa,
            &sb,
            &profile,
            Billing::CACHED_INPUT,
            "Prompt caching".into(),
            Some("every input token a cache hit"),
        ),
        request_row(&sa, &sb, &profile, Billing::BATCH, "Batch API".into(), Some("asynchronous, no cache")),
    ];

    // The request the page is priced for: the reader's own, or the typical one at standard billing.
    let cost_row = if custom { request_rows.last() } else { billing_rows.first() }.map(|r| Row {
        label: if custom { "Your request" } else { "Typical request" }.to_owned(),
        hint: Some(workload.short_label()),
        ..r.clone()
    });
    let summary = cost_row.map_or_else(Vec::new, |cost| {
        let parts = summary::Parts {
            cost: &cost,
            prices: &price_rows,
            index: catalog.index.as_ref().and(performance_rows.first()),
            performance: &performance_rows,
        };
        summary::rows(catalog, &mut cites, &sa, &sb, parts, today)
    });

    let text = narrative::write(catalog, &market, &sa, &sb);
    let chart = super::chart::chart_data(catalog, &market, &sa, &sb);
    let related = related(catalog, a, b);
    let citations = cites.into_list();
    let last_updated = citations.iter().map(|c| c.as_of.clone()).max();

    Comparison {
        index_label: catalog.index.as_ref().map(|i| {
            let source = catalog.dataset.source(&i.source).map_or(i.source.as_str(), |s| s.title.as_str());
            format!("{} ({})", i.name, source)
        }),
        monthly_rows: workload.requests_per_month.map(|n| monthly_rows(&sa, &sb, n)).unwrap_or_default(),
        workload_notes: if custom { narrative::workload_notes(&sa, &sb, workload) } else { Vec::new() },
        break_even: narrative::break_even(&sa, &sb, workload),
        a: sa,
        b: sb,
        summary,
        performance_rows,
        benchmark_rows,
        price_rows,
        tier_rows,
        request_rows,
        billing_rows,
        verdict: text.verdict,
        bottom_line: text.bottom_line,
        sections: text.sections,
        faq: text.faq,
        chart,
        related,
        citations,
        methodology: narrative::methodology(catalog),
        request_words: narrative::request_words(workload),
        description: text.description,
        workload: *workload,
        custom,
        last_updated,
        status_notes: [a, b]
            .into_iter()
            .filter(|m| m.status == crate::domain::model::ModelStatus::Retired)
            .map(|m| format!("{}: {}.", m.name, crate::domain::status::status_words(m)))
            .collect(),
    }
}

/// The reader's own request as a row of the request-size table.
fn your_request_row(a: &Side, b: &Side, workload: &Workload) -> Row {
    let show = |s: &Side| match &s.workload_cost {
        Some(Ok(c)) => {
            let mut f = Figure::known(c.total.to_string(), None);
            if let Some(t) = c.tier_above {
                f = f.with_detail(format!("long-context rate (input above {})", format::count(t)));
            }
            f
        }
        Some(Err(NoPrice::ExceedsLimits)) => {
            // Say which limit: the input cap is the one a reader cannot see from the window.
            let why = limits_of(s.model).violations(&workload.profile()).first().map(|v| match *v {
                LimitViolation::ContextWindow(_, c) => format!("over its {}-token context window", format::count(c)),
                LimitViolation::MaxInput(_, c) => format!("over its {}-token input cap", format::count(c)),
                LimitViolation::MaxOutput(_, c) => format!("over its {}-token output limit", format::count(c)),
            });
            Figure::missing(&format!("impossible: {}", why.unwrap_or_else(|| "exceeds its limits".into())))
        }
        Some(Err(NoPrice::NotOffered)) => Figure::missing(&format!("no {} price", workload.pay.words())),
        Some(Err(NoPrice::TierRateUnknown)) => Figure::missing(&format!(
            "no {} rate above {} input tokens",
            workload.pay.tier.as_str(),
            format::count(s.price.map_or(0, |p| threshold_for(&p.rates, workload.input_tokens)))
        )),
        None => Figure::missing("n/a"),
    };
    let (mut fa, mut fb) = (show(a), show(b));
    let difference = match (a.cost, b.cost) {
        (Some(x), Some(y)) => {
            let (tx, ty) = format_usd_pair(x, y);
            fa.text = tx;
            fb.text = ty;
            cost_difference(x, y, a.name(), b.name())
        }
        _ => None,
    };
    let label = format!("Your request ({})", workload.short_label());
    Row { label, hint: Some("as set in the form".into()), a: fa, b: fb, difference }
}

/// "GPT-4.1 mini 2.67x" for two costs, or "same".
fn cost_difference(x: Usd, y: Usd, name_a: &str, name_b: &str) -> Option<String> {
    match x.cmp(&y) {
        std::cmp::Ordering::Equal => Some("same".to_owned()),
        std::cmp::Ordering::Less => format::cost_ratio(y, x).map(|r| format!("{name_b} {r}")),
        std::cmp::Ordering::Greater => format::cost_ratio(x, y).map(|r| format!("{name_a} {r}")),
    }
}

/// The bill per request, per month and per year at the reader's volume.
fn monthly_rows(a: &Side, b: &Side, requests: u64) -> Vec<Row> {
    let periods: [(String, u64); 3] = [
        ("Per request".into(), 1),
        (format!("Per month ({} requests)", format::count(requests)), requests),
        ("Per year (12 months)".into(), requests.saturating_mul(12)),
    ];
    periods
        .into_iter()
        .map(|(label, n)| {
            let (fa, fb, difference) = match (a.cost, b.cost) {
                (Some(x), Some(y)) => {
                    let (x, y) = (x.times(n), y.times(n));
                    let (tx, ty) = format_usd_pair(x, y);
                    let diff = match x.cmp(&y) {
                        std::cmp::Ordering::Equal => "same".to_owned(),
                        std::cmp::Ordering::Less => format!("{} costs {} more", b.name(), y - x),
                        std::cmp::Ordering::Greater => format!("{} costs {} more", a.name(), x - y),
                    };
                    (Figure::known(tx, None), Figure::known(ty, None), Some(diff))
                }
                (x, y) => {
                    let show = |c: Option<Usd>| {
                        c.map_or_else(|| Figure::missing("n/a"), |c| Figure::known(c.times(n).to_string(), None))
                    };
                    (show(x), show(y), None)
                }
            };
            Row { label, hint: None, a: fa, b: fb, difference }
        })
        .collect()
}

fn profile_label(p: &RequestProfile) -> String {
    format!("{} ({} in / {} out)", p.label, format::tokens_short(p.input_tokens), format::tokens_short(p.output_tokens))
}

/// Which of two values is larger, named, with the ratio: `GPT-4.1 mini 2.67x`.
fn ratio_difference(a: f64, b: f64, name_a: &str, name_b: &str) -> Option<String> {
    if a == b {
        return Some("same".into());
    }
    let (high, low, name) = if a > b { (a, b, name_a) } else { (b, a, name_b) };
    format::ratio(high, low).map(|r| format!("{name} {r}"))
}

fn price_figure(catalog: &Catalog, cites: &mut Citations, side: &Side, key: &RateKey) -> Figure {
    let Some(price) = side.price else {
        return Figure::missing("n/a");
    };
    match price.rates.get(key) {
        Some(p) => {
            let mut detail = format!("in effect since {}", price.effective_from.iso());
            if let Some(f) = side.prices_checked.as_ref().filter(|f| f.stale) {
                detail.push_str(&format!("; last checked {}, possibly stale", f.checked.iso()));
            }
            Figure::known(p.to_string(), cites.cite(catalog, &price.last_seen_in)).with_detail(detail)
        }
        None => Figure::missing("not listed"),
    }
}

/// One row per base rate either card lists (every tier, meter and window; long-context rates
/// are in [`tier_rows`]), in card order: a rate neither lists has no row.
fn price_rows(catalog: &Catalog, cites: &mut Citations, a: &Side, b: &Side) -> Vec<Row> {
    let keys: BTreeSet<RateKey> = [a, b]
        .iter()
        .filter_map(|s| s.price)
        .flat_map(|p| p.rates.rates().map(|(k, _)| *k))
        .filter(|k| k.above_tokens == 0)
        .collect();
    keys.iter()
        .map(|key| {
            let rate = |s: &Side| s.price.and_then(|p| p.rates.get(key));
            let hint = match key.meter {
                Meter::Output => Some("reasoning tokens bill as output"),
                Meter::CacheWrite(CacheTtl::FiveMinutes) => {
                    Some("the default cache, 5 minutes where there are several")
                }
                _ => None,
            };
            Row {
                label: format!("{} / 1M tokens", key.label()),
                hint: hint.map(str::to_owned),
                a: price_figure(catalog, cites, a, key),
                b: price_figure(catalog, cites, b, key),
                difference: match (rate(a), rate(b)) {
                    (Some(x), Some(y)) => ratio_difference(x.as_f64(), y.as_f64(), a.name(), b.name()),
                    _ => None,
                },
            }
        })
        .collect()
}

fn tier_rows(catalog: &Catalog, cites: &mut Citations, a: &Side, b: &Side) -> Vec<Row> {
    let listed = |s: &Side| s.price.map_or(0, |p| p.rates.thresholds().len());
    if listed(a) == 0 && listed(b) == 0 {
        return Vec::new();
    }
    let describe = |s: &Side, cites: &mut Citations| {
        let reachable = s.model.reachable_thresholds();
        if listed(s) == 0 {
            return Figure::missing("none listed");
        }
        if reachable.is_empty() {
            // Listed by the source, but no request the model accepts can reach it.
            return Figure::missing("listed, but beyond its context window: never applies");
        }
        let card = s.price.map(|p| &p.rates);
        let rate = |above_tokens, meter| {
            card.and_then(|c| c.get(&RateKey { above_tokens, ..RateKey::base(ServiceTier::Standard, meter) }))
                .map_or_else(|| "not listed".to_owned(), |r| r.to_string())
        };
        let text = reachable
            .iter()
            .map(|&t| {
                format!(
                    "above {} input tokens: {} in / {} out",
                    format::count(t),
                    rate(t, Meter::Input),
                    rate(t, Meter::Output)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        Figure::known(text, s.price.and_then(|p| cites.cite(catalog, &p.last_seen_in)))
    };
    vec![Row {
        label: "Long-context pricing".into(),
        hint: Some("the whole request bills at the higher rate once its input passes the threshold".into()),
        a: describe(a, cites),
        b: describe(b, cites),
        difference: None,
    }]
}

/// A row pricing one request size under one billing, through the same [`request_cost`] every
/// table uses, so the tables can never price the same request two ways. A rate the card
/// lacks shows why ("no batch price", "no cache price"), never a fallback.
fn request_row(
    a: &Side,
    b: &Side,
    profile: &RequestProfile,
    billing: Billing,
    label: String,
    hint: Option<&str>,
) -> Row {
    let cost = |s: &Side| -> Result<RequestCost, String> {
        let price = s.price.ok_or("no price")?;
        request_cost(price, &limits_of(s.model), profile, billing).map_err(|e| match e {
            NoPrice::ExceedsLimits => "exceeds limits".to_owned(),
            NoPrice::TierRateUnknown => format!(
                "no {} rate above {} input tokens",
                billing.pay.tier.as_str(),
                format::count(threshold_for(&price.rates, profile.input_tokens))
            ),
            NoPrice::NotOffered if billing.all_cached => "no cache price".to_owned(),
            NoPrice::NotOffered => format!("no {} price", billing.pay.words()),
        })
    };
    // Say when a long-context rate applied, so a jump in the table explains itself.
    let known = |text: String, c: &RequestCost| {
        let figure = Figure::known(text, None);
        match c.tier_above {
            Some(t) => figure.with_detail(format!("long-context rate (input above {})", format::count(t))),
            None => figure,
        }
    };
    let (ca, cb) = (cost(a), cost(b));
    let (fa, fb, difference) = match (&ca, &cb) {
        (Ok(x), Ok(y)) => {
            let (tx, ty) = format_usd_pair(x.total, y.total);
            let diff = cost_difference(x.total, y.total, a.name(), b.name());
            (known(tx, x), known(ty, y), diff)
        }
        _ => {
            let show = |c: &Result<RequestCost, String>| match c {
                Ok(v) => known(v.total.to_string(), v),
                Err(reason) => Figure::missing(reason),
            };
            (show(&ca), show(&cb), None)
        }
    };
    Row { label, hint: hint.map(str::to_owned), a: fa, b: fb, difference }
}

fn score_figure(catalog: &Catalog, cites: &mut Citations, score: Option<&Score>, scale: Scale) -> Figure {
    match score {
        Some(s) => {
            let mut detail = format!("as of {}", s.as_of.iso());
            if let Some(note) = &s.note {
                detail = format!("{detail}; {note}");
            }
            Figure::known(format::score(s.value, scale), cites.cite(catalog, &s.source)).with_detail(detail)
        }
        None => Figure::missing("n/a"),
    }
}

fn score_difference(a: f64, b: f64, scale: Scale, higher_is_better: bool, name_a: &str, name_b: &str) -> String {
    if a == b {
        return "tie".into();
    }
    let a_better = (a > b) == higher_is_better;
    let leader = if a_better { name_a } else { name_b };
    format!("{leader} +{}", format::score_gap(a - b, scale))
}

fn performance_rows<'a>(
    catalog: &Catalog,
    cites: &mut Citations,
    a: &Side<'a>,
    b: &Side<'a>,
    today: &Date,
) -> (Vec<Row>, Vec<Row>) {
    let mut rows = Vec::new();
    let mut benchmarks = Vec::new();
    // Headline index first, from its one source only.
    if let Some(index) = &catalog.index {
        let pick = |m: &'a Model| m.scores.iter().find(|s| s.benchmark == index.benchmark && s.source == index.source);
        let (sa, sb) = (pick(a.model), pick(b.model));
        rows.push(Row {
            label: index.name.clone(),
            hint: Some("headline index; independent".into()),
            a: score_figure(catalog, cites, sa, Scale::Index),
            b: score_figure(catalog, cites, sb, Scale::Index),
            difference: match (sa, sb) {
                (Some(x), Some(y)) => Some(score_difference(x.value, y.value, Scale::Index, true, a.name(), b.name())),
                _ => None,
            },
        });
    }
    // Then every other benchmark either model has, independent runs before vendor claims,
    // each provenance on its own row so a row never compares a claim with a measurement.
    for independent in [true, false] {
        for bench in &catalog.dataset.benchmarks {
            if catalog.index.as_ref().is_some_and(|i| i.benchmark == bench.slug) && independent {
                continue;
            }
            let (sa, sb) = (a.model.score(&bench.slug, independent), b.model.score(&bench.slug, independent));
            if sa.is_none() && sb.is_none() {
                continue;
            }
            // Each figure's provenance: a figure quoted from a page says so, not "independent".
            let (pa, pb) = (
                sa.map(|x| super::model::provenance(x, &catalog.dataset)),
                sb.map(|x| super::model::provenance(x, &catalog.dataset)),
            );
            let hint = match (sa, sb, pa, pb) {
                (Some(x), Some(y), Some(pa), Some(pb)) if x.source != y.source && pa != pb => {
                    format!("{}: {pa}; {}: {pb}", a.name(), b.name())
                }
                (Some(x), Some(y), Some(p), _) if x.source != y.source => {
                    format!("{p}; the two figures come from different sources")
                }
                (_, _, Some(p), _) | (_, _, None, Some(p)) => p,
                _ => String::new(),
            };
            benchmarks.push(Row {
                label: bench.name.clone(),
                hint: Some(hint),
                a: score_figure(catalog, cites, sa, bench.scale),
                b: score_figure(catalog, cites, sb, bench.scale),
                difference: match (sa, sb) {
                    (Some(x), Some(y)) => Some(score_difference(
                        x.value,
                        y.value,
                        bench.scale,
                        bench.higher_is_better,
                        a.name(),
                        b.name(),
                    )),
                    _ => None,
                },
            });
        }
    }
    // Speed: only where a source measured it.
    let speed = |s: &Side, pick: fn(&super::model::Speed) -> Option<f64>, unit: &str, cites: &mut Citations| match s
        .model
        .speed()
        .and_then(|sp| pick(sp).map(|v| (v, sp)))
    {
        Some((v, sp)) => Figure::known(format!("{}{unit}", format::number(v, 2)), cites.cite(catalog, &sp.source))
            .with_detail(match speed_freshness(s.model, today) {
                Some(f) if f.stale => format!("as of {}, possibly stale", sp.as_of.iso()),
                _ => format!("as of {}", sp.as_of.iso()),
            }),
        None => Figure::missing("n/a"),
    };
    let tps =
        (a.model.speed().and_then(|s| s.output_tokens_per_s), b.model.speed().and_then(|s| s.output_tokens_per_s));
    rows.push(Row {
        label: SPEED_LABEL.into(),
        hint: Some("tokens per second; depends on host and time measured".into()),
        a: speed(a, |s| s.output_tokens_per_s, " tok/s", cites),
        b: speed(b, |s| s.output_tokens_per_s, " tok/s", cites),
        difference: match tps {
            (Some(x), Some(y)) => ratio_difference(x, y, a.name(), b.name()),
            _ => None,
        },
    });
    let ttft = (a.model.speed().and_then(|s| s.ttft_s), b.model.speed().and_then(|s| s.ttft_s));
    rows.push(Row {
        label: "Time to first token".into(),
        hint: Some("seconds; lower is better".into()),
        a: speed(a, |s| s.ttft_s, " s", cites),
        b: speed(b, |s| s.ttft_s, " s", cites),
        difference: match ttft {
            (Some(x), Some(y)) if x == y => Some("same".into()),
            (Some(x), Some(y)) => {
                let leader = if x < y { a.name() } else { b.name() };
                Some(format!("{leader} {} s sooner", format::number((x - y).abs(), 2)))
            }
            _ => None,
        },
    });
    // Limits.
    let limit = |v: &Option<super::model::Sourced<u64>>, cites: &mut Citations| match v {
        Some(s) => Figure::known(format::count(s.value), cites.cite(catalog, &s.source)),
        None => Figure::missing("n/a"),
    };
    for (label, pick) in [
        (CONTEXT_LABEL, (|m: &Model| m.context_window.clone()) as fn(&Model) -> _),
        ("Max input (tokens)", |m: &Model| m.max_input.clone()),
        ("Max output (tokens)", |m: &Model| m.max_output.clone()),
    ] {
        let (va, vb) = (pick(a.model), pick(b.model));
        // An input cap is shown where either model has one (GPT-5: 272,000 of its 400,000).
        if label.starts_with("Max input") && va.is_none() && vb.is_none() {
            continue;
        }
        rows.push(Row {
            label: label.into(),
            hint: None,
            a: limit(&va, cites),
            b: limit(&vb, cites),
            difference: match (&va, &vb) {
                (Some(x), Some(y)) => ratio_difference(x.value as f64, y.value as f64, a.name(), b.name()),
                _ => None,
            },
        });
    }
    (rows, benchmarks)
}

fn related(catalog: &Catalog, a: &Model, b: &Model) -> Vec<RelatedLink> {
    let mut links: Vec<RelatedLink> = Vec::new();
    for (this, other) in [(a, b), (b, a)] {
        // A retired model is in no suggested pair: only models a reader can still buy.
        if this.status == crate::domain::model::ModelStatus::Retired {
            continue;
        }
        for n in catalog.neighbours(&this.id, 5) {
            if n.id == other.id {
                continue;
            }
            let (x, y) = catalog.canonical_order(this, n);
            let path = catalog.canonical_path(x, y);
            if !links.iter().any(|l| l.path == path) {
                links.push(RelatedLink { path, title: format!("{} vs {}", x.name, y.name) });
            }
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Benchmark, Dataset, Model, ModelStatus, Provider, Score, Source, Sourced};
    use crate::domain::money::PricePerMTok;
    use crate::domain::rate_card::RateCard;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn model(id: &str, name: &str, released: &str, prices: (&str, &str, Option<&str>), eci: Option<f64>) -> Model {
        let p = |s: &str| PricePerMTok::parse(s).unwrap();
        Model {
            id: ModelId::parse(id).unwrap(),
            name: name.into(),
            provider: "openai".into(),
            api_host: "OpenAI API".into(),
            release_date: Some(Sourced { value: date(released), source: "prices".into() }),
            context_window: Some(Sourced { value: 128_000, source: "prices".into() }),
            max_output: Some(Sourced { value: 16_384, source: "prices".into() }),
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
            prices: vec![PriceSchedule {
                effective_from: date("2026-03-05"),
                effective_to: None,
                rates: {
                    let mut card = RateCard::default();
                    card.insert(RateKey::base(ServiceTier::Standard, Meter::Input), p(prices.0));
                    card.insert(RateKey::base(ServiceTier::Standard, Meter::Output), p(prices.1));
                    if let Some(c) = prices.2 {
                        card.insert(RateKey::base(ServiceTier::Standard, Meter::CacheRead), p(c));
                    }
                    card
                },
                source: "prices".into(),
                last_seen_in: "prices".into(),
            }],
            scores: eci
                .map(|v| Score {
                    benchmark: "eci".into(),
                    value: v,
                    independent: true,
                    source: "epoch".into(),
                    as_of: date("2025-11-07"),
                    note: None,
                })
                .into_iter()
                .collect(),
            speeds: vec![],
        }
    }

    fn catalog(models: Vec<Model>) -> Catalog {
        let source = |id: &str, d: &str| Source {
            id: id.into(),
            title: id.into(),
            url: "https://example.com".into(),
            license: "MIT".into(),
            as_of: date(d),
        };
        Catalog::new(Dataset::new(
            models,
            vec![Provider { slug: "openai".into(), name: "OpenAI".into() }],
            vec![Benchmark {
                slug: "eci".into(),
                name: "ECI".into(),
                measures: "capability".into(),
                scale: Scale::Index,
                higher_is_better: true,
            }],
            vec![source("prices", "2026-11-25"), source("epoch", "2025-11-07")],
        ))
    }

    fn pair<'c>(c: &'c Catalog, a: &str, b: &str) -> Comparison<'c> {
        let a = c.model(&ModelId::parse(a).unwrap()).unwrap();
        let b = c.model(&ModelId::parse(b).unwrap()).unwrap();
        let (a, b) = c.canonical_order(a, b);
        compare(c, a, b, &Workload::TYPICAL, &date("2026-11-25"))
    }

    fn reference_catalog(eci_41: Option<f64>) -> Catalog {
        catalog(vec![
            model("gpt-4o-mini", "GPT-4o mini", "2024-07-18", ("0.15", "0.6", Some("0.075")), Some(126.08)),
            model("gpt-4-1-mini", "GPT-4.1 mini", "2025-04-14", ("0.4", "1.6", Some("0.1")), eci_41),
            model("cheap-smart", "Cheap Smart", "2025-08-01", ("0.05", "0.4", None), Some(139.23)),
        ])
    }

    #[test]
    fn reference_pair_is_priced_and_worded_in_the_right_direction() {
        let c = reference_catalog(Some(134.65));
        let cmp = pair(&c, "gpt-4-1-mini", "gpt-4o-mini");
        assert_eq!(cmp.a.name(), "GPT-4o mini", "older release comes first");
        let medium = &cmp.request_rows[1];
        assert_eq!((medium.a.text.as_str(), medium.b.text.as_str()), ("$0.00135", "$0.0036"));
        assert_eq!(medium.difference.as_deref(), Some("GPT-4.1 mini 2.67x"));
        let cached = &cmp.billing_rows[1];
        assert_eq!((cached.a.text.as_str(), cached.b.text.as_str()), ("$0.000975", "$0.0021"));
        assert_eq!(
            cmp.verdict,
            "GPT-4o mini is the cheaper choice; GPT-4.1 mini scores 8.57 points higher on the ECI but costs 2.67x as much per typical request."
        );
        let price_faq = &cmp.faq.iter().find(|f| f.question.starts_with("What's the price difference")).unwrap().answer;
        assert!(price_faq.contains("GPT-4o mini costs 62.5% less than GPT-4.1 mini"), "{price_faq}");
        assert!(price_faq.contains("GPT-4.1 mini is 2.67x the price"), "{price_faq}");
        assert_eq!(cmp.bottom_line.cheaper, "GPT-4o mini");
        assert_eq!(cmp.bottom_line.higher, "GPT-4.1 mini");
        // Cheap Smart beats both on price and index, so neither is on the frontier.
        assert!(cmp.bottom_line.frontier_a.contains("Cheap Smart is one"), "{}", cmp.bottom_line.frontier_a);
        assert!(cmp.faq.len() >= 9);
    }

    #[test]
    fn a_model_that_is_cheaper_and_higher_is_the_better_value() {
        let c = reference_catalog(Some(134.65));
        let cmp = pair(&c, "gpt-4o-mini", "cheap-smart");
        assert_eq!(cmp.bottom_line.better_value, "Cheap Smart");
        assert!(cmp.verdict.starts_with("Cheap Smart is both cheaper"), "{}", cmp.verdict);
        // No cache price on Cheap Smart: said plainly, never $0.
        let cache = &cmp.faq.iter().find(|f| f.question.contains("prompt caching")).unwrap().answer;
        assert!(cache.starts_with("Only GPT-4o mini lists a cache-hit price"), "{cache}");
        assert_eq!(cmp.billing_rows[1].b.text, "no cache price");
        assert!(cmp.billing_rows[1].b.missing);
    }

    #[test]
    fn missing_index_is_said_plainly_and_answers_follow_the_numbers() {
        let c = reference_catalog(None);
        let cmp = pair(&c, "gpt-4o-mini", "gpt-4-1-mini");
        assert!(cmp.verdict.contains("we hold no ECI score for GPT-4.1 mini"), "{}", cmp.verdict);
        assert_eq!(cmp.bottom_line.higher, "Not known");
        assert_eq!(cmp.bottom_line.better_value, "Not determined");
        let quality = &cmp.faq[0].answer;
        assert!(quality.contains("GPT-4.1 mini has no ECI score"), "{quality}");
        let speed = &cmp.faq.iter().find(|f| f.question.contains("faster")).unwrap().answer;
        assert!(speed.starts_with("We do not know"), "{speed}");
        assert_eq!(cmp.performance_rows[0].b.text, "n/a");
        assert!(cmp.chart.description.contains("GPT-4.1 mini has no ECI score"), "{}", cmp.chart.description);
        let rail: Vec<(&str, &str, u8)> =
            cmp.chart.unscored.iter().map(|p| (p.name.as_str(), p.cost_text.as_str(), p.highlight)).collect();
        assert_eq!(rail, [("GPT-4.1 mini", "$0.0036", 2)], "the unscored compared model sits on the rail at its price");
        let listed = cmp.chart.listed();
        assert!(listed.iter().any(|p| p.name == "GPT-4.1 mini" && p.index_text == "no index score yet"));
    }

    #[test]
    fn the_summary_repeats_the_tables_figures_with_their_differences() {
        let c = reference_catalog(None);
        let cmp = pair(&c, "gpt-4o-mini", "gpt-4-1-mini");
        let labels: Vec<&str> = cmp.summary.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Typical request", "Input / 1M tokens", "Output / 1M tokens", "ECI", "Context window", "Status"],
            "no speed row: neither model has a measured speed"
        );
        let cost = &cmp.summary[0];
        assert_eq!(cost.hint.as_deref(), Some("5K in / 1K out"));
        assert_eq!((cost.a.text.as_str(), cost.b.text.as_str()), ("$0.00135", "$0.0036"));
        assert_eq!(cost.difference.as_deref(), Some("GPT-4.1 mini 2.67x"));
        assert_eq!(cmp.summary[1].a.text, cmp.price_rows[0].a.text);
        assert_eq!((cmp.summary[3].a.text.as_str(), cmp.summary[3].b.text.as_str()), ("126.08", summary::NO_INDEX));
        assert!(cmp.summary[3].b.missing);
        assert_eq!(cmp.summary[4].a.text, "128,000");
        assert_eq!(cmp.summary[5].difference.as_deref(), Some("both available"));
        assert!(cmp.summary.iter().all(|r| r.a.detail.is_none() && r.b.detail.is_none()));
    }

    #[test]
    fn every_cited_figure_points_at_a_listed_source() {
        let c = reference_catalog(Some(134.65));
        let cmp = pair(&c, "gpt-4o-mini", "gpt-4-1-mini");
        let max = cmp.citations.len();
        let rows = cmp.performance_rows.iter().chain(&cmp.benchmark_rows).chain(&cmp.price_rows);
        for row in rows {
            for f in [&row.a, &row.b] {
                if !f.missing {
                    let n = f.cite.unwrap_or_else(|| panic!("{} has no citation", row.label));
                    assert!((1..=max).contains(&n));
                }
            }
        }
        assert_eq!(cmp.last_updated.as_ref().map(Date::iso), Some("2026-11-25"));
    }
}
