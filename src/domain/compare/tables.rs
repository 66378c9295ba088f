//! The comparison's tables: figures with their citations, price rows, long-context tiers,
//! request sizes under each billing, and the reader's monthly bill.

use super::side::Side;
use crate::domain::catalog::Catalog;
use std::collections::BTreeSet;

use crate::domain::cost::{Billing, LimitViolation, NoPrice, RequestCost, RequestProfile, Workload, request_cost};
use crate::domain::format;
use crate::domain::ids::SourceId;
use crate::domain::index::limits_of;
use crate::domain::model::Date;
use crate::domain::money::{Usd, format_usd_pair};
use crate::domain::pricing::{PayAs, threshold_for};
use crate::domain::rate_card::{CacheTtl, Meter, RateCard, RateKey, ServiceTier};

/// A numbered reference to a source, as listed at the foot of the page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Citation {
    /// The number shown next to figures, from 1.
    pub number: usize,
    /// Source id.
    pub id: SourceId,
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
    pub fn cite(&mut self, catalog: &Catalog, id: &SourceId) -> Option<usize> {
        if let Some(c) = self.list.iter().find(|c| c.id == *id) {
            return Some(c.number);
        }
        let source = catalog.dataset.source(id)?;
        let number = self.list.len() + 1;
        self.list.push(Citation {
            number,
            id: source.id.clone(),
            title: source.title.clone(),
            url: crate::domain::plausible::href(&source.url).to_owned(),
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
    /// The exact amount of money the text shows: a cost, or dollars per 1M tokens on a price
    /// row; `None` for a missing figure or one that is not money. The API writes it as an exact
    /// decimal string so a program never parses `text`.
    #[serde(serialize_with = "usd_decimal")]
    pub usd: Option<Usd>,
    /// The rates per 1M tokens the text shows, where it shows several (a long-context row).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<ShownRate>,
}

/// One rate a figure's text shows, as numbers.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ShownRate {
    /// Service tier (`standard`, `batch`, ...).
    pub tier: &'static str,
    /// Meter (`input`, `output`, ...).
    pub meter: &'static str,
    /// The long-context threshold the rate applies above.
    pub above_input_tokens: u64,
    /// Exact decimal string of dollars per 1M tokens.
    pub usd_per_mtok: String,
}

fn usd_decimal<S: serde::Serializer>(usd: &Option<Usd>, s: S) -> Result<S::Ok, S::Error> {
    match usd {
        Some(u) => s.serialize_str(&u.to_decimal()),
        None => s.serialize_none(),
    }
}

impl Figure {
    pub(super) fn known(text: String, cite: Option<usize>) -> Self {
        Self { text, cite, ..Self::default() }
    }

    /// A figure of money: `text` is how the page writes `usd`.
    pub(super) fn amount(text: String, usd: Usd, cite: Option<usize>) -> Self {
        Self { usd: Some(usd), ..Self::known(text, cite) }
    }

    pub(super) fn missing(reason: &str) -> Self {
        Self { text: reason.to_owned(), missing: true, ..Self::default() }
    }

    pub(super) fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// A table row comparing the two models.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
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
    /// The amount `difference` names where it is money (the monthly bill's "costs $2.25
    /// more"), as an exact decimal string in the API; absent elsewhere.
    #[serde(serialize_with = "usd_decimal", skip_serializing_if = "Option::is_none")]
    pub difference_usd: Option<Usd>,
}

/// The reader's own request as a row of the request-size table.
pub(super) fn your_request_row(a: &Side, b: &Side, workload: &Workload) -> Row {
    let show = |s: &Side| match &s.workload_cost {
        Some(Ok(c)) => {
            let mut f = Figure::amount(c.total.to_string(), c.total, None);
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
    Row { label, hint: Some("as set in the form".into()), a: fa, b: fb, difference, difference_usd: None }
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
pub(super) fn monthly_rows(a: &Side, b: &Side, requests: u64) -> Vec<Row> {
    let periods: [(String, u64); 3] = [
        ("Per request".into(), 1),
        (format!("Per month ({} requests)", format::count(requests)), requests),
        ("Per year (12 months)".into(), requests.saturating_mul(12)),
    ];
    periods
        .into_iter()
        .map(|(label, n)| {
            let (fa, fb, difference, difference_usd) = match (a.cost, b.cost) {
                (Some(x), Some(y)) => {
                    let (x, y) = (x.times(n), y.times(n));
                    let (tx, ty) = format_usd_pair(x, y);
                    let diff = match x.cmp(&y) {
                        std::cmp::Ordering::Equal => "same".to_owned(),
                        std::cmp::Ordering::Less => format!("{} costs {} more", b.name(), y - x),
                        std::cmp::Ordering::Greater => format!("{} costs {} more", a.name(), x - y),
                    };
                    (Figure::amount(tx, x, None), Figure::amount(ty, y, None), Some(diff), Some((x - y).abs()))
                }
                (x, y) => {
                    let show = |c: Option<Usd>| {
                        c.map(|c| c.times(n))
                            .map_or_else(|| Figure::missing("n/a"), |c| Figure::amount(c.to_string(), c, None))
                    };
                    (show(x), show(y), None, None)
                }
            };
            Row { label, hint: None, a: fa, b: fb, difference, difference_usd }
        })
        .collect()
}

/// A request size as a row label: "Medium (5K in / 1K out)".
pub(super) fn profile_label(p: &RequestProfile) -> String {
    format!("{} ({} in / {} out)", p.label, format::tokens_short(p.input_tokens), format::tokens_short(p.output_tokens))
}

/// Which of two values is larger, named, with the ratio: `GPT-4.1 mini 2.67x`.
pub(super) fn ratio_difference(a: f64, b: f64, name_a: &str, name_b: &str) -> Option<String> {
    if a == b {
        return Some("same".into());
    }
    let (high, low, name) = if a > b { (a, b, name_a) } else { (b, a, name_b) };
    format::ratio(high, low).map(|r| format!("{name} {r}"))
}

/// One rate of one side, cited, with the date it took effect and whether it may be stale.
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
            // A price per 1M tokens is what 1M tokens cost: the same exact amount as money.
            Figure::amount(p.to_string(), p.cost_of(1_000_000), cites.cite(catalog, &price.last_seen_in))
                .with_detail(detail)
        }
        None => Figure::missing("not listed"),
    }
}

/// One row per base rate either card lists (every tier, meter and window; long-context rates
/// are in [`tier_rows`]), in card order: a rate neither lists has no row.
pub(super) fn price_rows(catalog: &Catalog, cites: &mut Citations, a: &Side, b: &Side) -> Vec<Row> {
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
                difference_usd: None,
                difference: match (rate(a), rate(b)) {
                    (Some(x), Some(y)) => ratio_difference(x.as_f64(), y.as_f64(), a.name(), b.name()),
                    _ => None,
                },
            }
        })
        .collect()
}

/// One row per service tier either card lists a long-context rate for: each model's rates of
/// that tier above every threshold a request to it can reach. A tier a model does not offer,
/// or offers without a rate above the threshold, says so; no tier borrows another's rates.
pub(super) fn tier_rows(catalog: &Catalog, cites: &mut Citations, a: &Side, b: &Side) -> Vec<Row> {
    fn card<'s>(s: &Side<'s>) -> Option<&'s RateCard> {
        s.price.map(|p| &p.rates)
    }
    let has_tier_rate =
        |s: &Side, tier| card(s).is_some_and(|c| c.rates().any(|(k, _)| k.tier == tier && k.above_tokens > 0));
    let tiers: Vec<ServiceTier> =
        ServiceTier::ALL.into_iter().filter(|&t| has_tier_rate(a, t) || has_tier_rate(b, t)).collect();
    let describe = |s: &Side, tier: ServiceTier, cites: &mut Citations| {
        let Some(card) = card(s) else { return Figure::missing("n/a") };
        let reachable = s.model.reachable_thresholds();
        if card.thresholds().is_empty() {
            return Figure::missing("none listed");
        }
        if reachable.is_empty() {
            // Listed by the source, but no request the model accepts can reach it.
            return Figure::missing("listed, but beyond its context window: never applies");
        }
        if !card.offers(tier, None) {
            return Figure::missing("not offered");
        }
        let rate = |above_tokens, meter| card.get(&RateKey { above_tokens, ..RateKey::base(tier, meter) });
        let listed: Vec<u64> = reachable
            .iter()
            .copied()
            .filter(|&t| rate(t, Meter::Input).is_some() || rate(t, Meter::Output).is_some())
            .collect();
        if listed.is_empty() {
            let above = reachable.iter().map(|t| format::count(*t)).collect::<Vec<_>>().join(" or ");
            return Figure::missing(&format!("no {} rate above {above} input tokens", tier.as_str()));
        }
        let mut rates = Vec::new();
        let mut shown = |t: u64, meter: Meter| match rate(t, meter) {
            Some(r) => {
                rates.push(ShownRate {
                    tier: tier.as_str(),
                    meter: meter.as_str(),
                    above_input_tokens: t,
                    usd_per_mtok: r.to_decimal(),
                });
                r.to_string()
            }
            None => "not listed".to_owned(),
        };
        let text = listed
            .iter()
            .map(|&t| {
                let (input, output) = (shown(t, Meter::Input), shown(t, Meter::Output));
                format!("above {} input tokens: {input} in / {output} out", format::count(t))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let cite = s.price.and_then(|p| cites.cite(catalog, &p.last_seen_in));
        Figure { rates, ..Figure::known(text, cite) }
    };
    tiers
        .into_iter()
        .enumerate()
        .map(|(i, tier)| Row {
            label: format!("Long-context pricing: {}", tier.label()),
            hint: (i == 0)
                .then(|| "the whole request bills at the higher rate once its input passes the threshold".into()),
            a: describe(a, tier, cites),
            b: describe(b, tier, cites),
            difference_usd: None,
            difference: None,
        })
        .collect()
}

/// A row pricing one request size under one billing, through the same [`request_cost`] every
/// table uses, so the tables can never price the same request two ways. A rate the card
/// lacks shows why ("no batch price", "no cache price"), never a fallback.
pub(super) fn request_row(
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
        let figure = Figure::amount(text, c.total, None);
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
    Row { label, hint: hint.map(str::to_owned), a: fa, b: fb, difference, difference_usd: None }
}

/// The "ways to pay" table: for every service tier and window either model offers, and
/// prompt caching (every input token a cache hit) after standard, what the request costs and
/// its ratio to that model's standard cost; "not offered" where a model has no such tier,
/// never its price at another tier. Each row comes with the billing it prices.
pub(super) fn ways_to_pay_rows(a: &Side, b: &Side, profile: &RequestProfile) -> Vec<(Billing, Row)> {
    let mut ways: Vec<PayAs> = [a, b]
        .iter()
        .filter_map(|s| s.price)
        .flat_map(|p| p.rates.ways_to_pay())
        .map(|(tier, window)| PayAs { tier, window })
        .collect();
    ways.sort();
    ways.dedup();
    let mut billings: Vec<Billing> = Vec::new();
    for pay in ways {
        billings.push(Billing { pay, all_cached: false });
        if pay == PayAs::STANDARD {
            billings.push(Billing::CACHED_INPUT);
        }
    }
    let cost = |s: &Side, billing: Billing| {
        let price = s.price.ok_or(NoPrice::NotOffered)?;
        request_cost(price, &limits_of(s.model), profile, billing).map(|c| c.total)
    };
    billings
        .into_iter()
        .map(|billing| {
            let pay = billing.pay;
            let show = |s: &Side, c: &Result<Usd, NoPrice>, text: String| match c {
                Ok(total) => {
                    let standard = cost(s, Billing::STANDARD).ok().filter(|_| billing != Billing::STANDARD);
                    let figure = Figure::amount(text, *total, None);
                    match standard.filter(|s| s.picos() > 0) {
                        Some(st) => {
                            figure.with_detail(format!("{}x standard", format::number(total.as_f64() / st.as_f64(), 2)))
                        }
                        None => figure,
                    }
                }
                // The tier is offered but lists no cache-hit rate.
                Err(NoPrice::NotOffered) if billing.all_cached && s.price.is_some() => {
                    Figure::missing("no cache price")
                }
                Err(NoPrice::NotOffered) => Figure::missing("not offered"),
                Err(NoPrice::TierRateUnknown) => Figure::missing(&format!(
                    "no {} rate above {} input tokens",
                    pay.tier.as_str(),
                    format::count(s.price.map_or(0, |p| threshold_for(&p.rates, profile.input_tokens)))
                )),
                Err(NoPrice::ExceedsLimits) => Figure::missing("exceeds limits"),
            };
            let (ca, cb) = (cost(a, billing), cost(b, billing));
            let (ta, tb, difference) = match (ca, cb) {
                (Ok(x), Ok(y)) => {
                    let (tx, ty) = format_usd_pair(x, y);
                    (tx, ty, cost_difference(x, y, a.name(), b.name()))
                }
                (x, y) => {
                    (x.map(|c| c.to_string()).unwrap_or_default(), y.map(|c| c.to_string()).unwrap_or_default(), None)
                }
            };
            let (label, hint) = if billing.all_cached {
                ("Prompt caching".to_owned(), Some("every input token a cache hit".to_owned()))
            } else {
                let hours = pay.window.and_then(|w| {
                    [a, b].iter().find_map(|s| s.price?.rates.window_hours(w)).map(|h| format!("{h} UTC"))
                });
                (pay.label(), hours)
            };
            (billing, Row { label, hint, a: show(a, &ca, ta), b: show(b, &cb, tb), difference, difference_usd: None })
        })
        .collect()
}
