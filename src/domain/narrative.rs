//! The words of a comparison: verdict, bottom line, narrative sections and FAQ, all written
//! from the numbers. Where a figure is missing the text says so instead of guessing.

use super::catalog::Catalog;
use super::comparison::{BottomLine, Side};
use super::cost::{
    Billing, BillingNote, LimitViolation, NoPrice, RequestProfile, STANDARD_PROFILES, TYPICAL_REQUEST, Workload,
    request_cost, workload_rates,
};
use super::format::{self, cheaper_share, cost_ratio, percent};
use super::freshness::{PRICE_STALE_AFTER_DAYS, SPEED_STALE_AFTER_DAYS};
use super::index::limits_of;
use super::market::Market;
use super::model::{ModelStatus, Scale};
use super::money::{PricePerMTok, Usd, format_usd_pair};
use super::rate_card::{Meter, RateKey, ServiceTier};

/// A card's standard input and output list prices, as the price-difference answer reads them.
#[derive(Clone, Copy)]
struct ListPrices {
    input: PricePerMTok,
    output: PricePerMTok,
}

/// A narrative section.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Section {
    /// Heading.
    pub title: String,
    /// Paragraphs of plain text.
    pub paragraphs: Vec<String>,
}

/// One question and its answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Faq {
    /// The question.
    pub question: String,
    /// The answer, plain text.
    pub answer: String,
}

/// Everything written for one pair.
#[derive(Debug, Clone)]
pub struct Text {
    /// One-sentence verdict.
    pub verdict: String,
    /// The bottom line.
    pub bottom_line: BottomLine,
    /// Narrative sections.
    pub sections: Vec<Section>,
    /// FAQ.
    pub faq: Vec<Faq>,
    /// One or two sentences for search results and link previews: who is cheaper by how
    /// much, who scores higher.
    pub description: String,
}

/// Tokens in a page of English prose, for "how many pages fit" answers.
pub const TOKENS_PER_PAGE: u64 = 750;

/// Writes all text for the pair, priced for the market's workload.
pub fn write(catalog: &Catalog, market: &Market, a: &Side, b: &Side) -> Text {
    let facts = Facts::new(catalog, market, a, b);
    Text {
        verdict: facts.verdict(),
        bottom_line: facts.bottom_line(),
        sections: facts.sections(),
        faq: facts.faq(),
        description: facts.description(),
    }
}

/// Which index is the headline and why, and what "value" means on that index.
pub fn index_methodology(catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(index) = &catalog.index {
        let source = catalog.dataset.source(&index.source).map_or(index.source.as_str(), |s| s.title.as_str());
        let others =
            index.alternatives.iter().map(|(name, _, n)| format!("{name} ({n})")).collect::<Vec<_>>().join(", ");
        let mut text = format!(
            "The headline index is the {} from {source}: of the indices an independent source publishes for the models we track, it covers the most ({} models).",
            index.name, index.coverage
        );
        if !others.is_empty() {
            text.push_str(&format!(" Others cover fewer: {others}."));
        }
        text.push_str(" Only values from that one source go on the chart's axis; two indices are never mixed.");
        out.push(text);
        out.push(format!(
            "The {} has no true zero, so price divided by index points is not a meaningful \"value\". Better value means: lower price and higher index together, or else the model on the price/index frontier (no other model both cheaper and higher); when both or neither are on it, we state what the extra points cost.",
            index.name
        ));
    }
    out
}

/// How a comparison's numbers are made: the headline index, value, the typical request and
/// staleness.
pub fn methodology(catalog: &Catalog) -> Vec<String> {
    let mut out = index_methodology(catalog);
    out.push(format!(
        "A typical request is {} input and {} output tokens at list price with no cache. Costs are computed exactly from the per-1M prices. A request whose input passes a long-context threshold bills wholly at the higher rate. \"X% less\" is always a share of the higher price, so it never passes 100%.",
        format::count(TYPICAL_REQUEST.input_tokens),
        format::count(TYPICAL_REQUEST.output_tokens)
    ));
    out.push(format!(
        "A price no source has confirmed for more than {PRICE_STALE_AFTER_DAYS} days, or a speed figure older than {SPEED_STALE_AFTER_DAYS} days, is marked possibly stale. Benchmark scores carry their date but do not go stale: a fixed model version's score does not change."
    ));
    out
}

/// Which side something favours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    A,
    B,
    Tie,
}

struct Facts<'c, 's> {
    catalog: &'c Catalog,
    market: &'s Market,
    workload: Workload,
    a: &'s Side<'c>,
    b: &'s Side<'c>,
    index_name: String,
}

impl<'c, 's> Facts<'c, 's> {
    fn new(catalog: &'c Catalog, market: &'s Market, a: &'s Side<'c>, b: &'s Side<'c>) -> Self {
        let index_name = catalog.index.as_ref().map_or("headline index".to_owned(), |i| i.name.clone());
        Self { catalog, market, workload: market.workload, a, b, index_name }
    }

    /// Whether the page is priced for the typical request (no reader parameters).
    fn is_typical(&self) -> bool {
        self.workload.is_typical_request()
    }

    /// The priced request in words: "a typical request of 5,000 input and 1,000 output tokens".
    fn request_words(&self) -> String {
        request_words(&self.workload)
    }

    /// "per typical request" or "per request" for a reader's own workload.
    fn per_request(&self) -> &'static str {
        if self.is_typical() { "per typical request" } else { "per request" }
    }

    /// "typical request" or "request as you set it".
    fn request_noun(&self) -> &'static str {
        if self.is_typical() { "typical request" } else { "request as you set it" }
    }

    fn side(&self, lead: Lead) -> &'s Side<'c> {
        if lead == Lead::B { self.b } else { self.a }
    }

    fn other(&self, lead: Lead) -> &'s Side<'c> {
        if lead == Lead::B { self.a } else { self.b }
    }

    /// Who is cheaper for the typical request, if both are priced.
    fn cheaper(&self) -> Option<Lead> {
        let (x, y) = (self.a.cost?, self.b.cost?);
        Some(match x.cmp(&y) {
            std::cmp::Ordering::Less => Lead::A,
            std::cmp::Ordering::Greater => Lead::B,
            std::cmp::Ordering::Equal => Lead::Tie,
        })
    }

    /// Who scores higher on the index, if both are scored.
    fn higher(&self) -> Option<Lead> {
        let (x, y) = (self.a.index?, self.b.index?);
        Some(if x > y {
            Lead::A
        } else if y > x {
            Lead::B
        } else {
            Lead::Tie
        })
    }

    fn index_value(&self, s: &Side) -> String {
        s.index.map_or_else(|| "no score".to_owned(), |v| format::score(v, Scale::Index))
    }

    fn cost_pair(&self) -> Option<(String, String)> {
        Some(format_usd_pair(self.a.cost?, self.b.cost?))
    }

    /// "X costs 62.5% less than Y per typical request ($a vs $b), Y is 2.67x the price."
    fn price_gap_sentence(&self) -> Option<String> {
        let lead = self.cheaper()?;
        let (ta, tb) = self.cost_pair()?;
        if lead == Lead::Tie {
            return Some(format!(
                "{} and {} cost the same for {} ({ta} each).",
                self.a.name(),
                self.b.name(),
                self.request_words()
            ));
        }
        let (cheap, dear) = (self.side(lead), self.other(lead));
        let (low, high) = (cheap.cost?, dear.cost?);
        let (t_cheap, t_dear) = if lead == Lead::A { (ta, tb) } else { (tb, ta) };
        let pct = cheaper_share(high, low).map(percent)?;
        let times = cost_ratio(high, low).map_or_else(String::new, |r| format!("; {} is {r} the price", dear.name()));
        Some(format!(
            "{} costs {pct} less than {} for {} ({t_cheap} vs {t_dear}){times}.",
            cheap.name(),
            dear.name(),
            self.request_words()
        ))
    }

    fn index_gap(&self) -> Option<(Lead, String)> {
        let lead = self.higher()?;
        let gap = format::score_gap(self.a.index? - self.b.index?, Scale::Index);
        Some((lead, gap))
    }

    /// The side that alone can serve the request, when the other exceeds its limits.
    fn sole_server(&self) -> Option<Lead> {
        let exceeds = |s: &Side| matches!(s.workload_cost, Some(Err(NoPrice::ExceedsLimits)));
        match (self.a.cost.is_some(), self.b.cost.is_some()) {
            (true, false) if exceeds(self.b) => Some(Lead::A),
            (false, true) if exceeds(self.a) => Some(Lead::B),
            _ => None,
        }
    }

    /// "Only X can serve ...: it is beyond Y's limits."
    fn sole_server_sentence(&self, lead: Lead) -> String {
        let (only, other) = (self.side(lead), self.other(lead));
        format!(
            "Only {} can serve {} ({} per request): it is beyond {}'s token limits.",
            only.name(),
            self.request_words(),
            only.cost.unwrap_or_default(),
            other.name()
        )
    }

    fn verdict(&self) -> String {
        let per = self.per_request();
        let a = self.a.name();
        let b = self.b.name();
        if let Some(lead) = self.sole_server() {
            return self.sole_server_sentence(lead);
        }
        match (self.cheaper(), self.higher()) {
            (Some(c), Some(h)) if c != Lead::Tie && (h == c || h == Lead::Tie) => {
                let winner = self.side(c);
                let loser = self.other(c);
                let pct = cheaper_share(loser.cost.unwrap_or_default(), winner.cost.unwrap_or_default())
                    .map(percent)
                    .unwrap_or_default();
                if h == Lead::Tie {
                    format!(
                        "{} costs {pct} less {per} than {} with the same {} score: on these numbers it is the better buy.",
                        winner.name(),
                        loser.name(),
                        self.index_name
                    )
                } else {
                    format!(
                        "{} is both cheaper ({pct} less {per}) and higher on the {} than {}: on these numbers it is the better buy.",
                        winner.name(),
                        self.index_name,
                        loser.name()
                    )
                }
            }
            (Some(c), Some(h)) if c != Lead::Tie && h != Lead::Tie => {
                let cheap = self.side(c);
                let smart = self.side(h);
                let times = cost_ratio(smart.cost.unwrap_or_default(), cheap.cost.unwrap_or_default())
                    .unwrap_or_else(|| "more than".into());
                let gap = self.index_gap().map(|g| g.1).unwrap_or_default();
                format!(
                    "{} is the cheaper choice; {} scores {gap} higher on the {} but costs {times} as much {per}.",
                    cheap.name(),
                    smart.name(),
                    self.index_name
                )
            }
            (Some(Lead::Tie), Some(h)) if h != Lead::Tie => format!(
                "{a} and {b} cost the same {per}, and {} scores higher on the {}.",
                self.side(h).name(),
                self.index_name
            ),
            (Some(c), _) if c != Lead::Tie => {
                let missing: Vec<&str> =
                    [self.a, self.b].iter().filter(|s| s.index.is_none()).map(|s| s.name()).collect();
                let pct = cheaper_share(self.other(c).cost.unwrap_or_default(), self.side(c).cost.unwrap_or_default())
                    .map(percent)
                    .unwrap_or_default();
                format!(
                    "{} costs {pct} less {per} than {}; we hold no {} score for {}, so quality cannot be compared on one scale here.",
                    self.side(c).name(),
                    self.other(c).name(),
                    self.index_name,
                    join_names(&missing)
                )
            }
            _ => format!(
                "{a} and {b} cannot be ranked on price and quality together from the figures we hold; the tables below show what we have."
            ),
        }
    }

    fn description(&self) -> String {
        let price = self.price_gap_sentence().unwrap_or_else(|| match self.sole_server() {
            Some(lead) => self.sole_server_sentence(lead),
            None => {
                format!("We cannot price {} on both {} and {}.", self.request_words(), self.a.name(), self.b.name())
            }
        });
        let score = match self.higher() {
            Some(Lead::Tie) => format!("Both score {} on the {}.", self.index_value(self.a), self.index_name),
            Some(lead) => format!(
                "{} scores higher on the {} ({} vs {}).",
                self.side(lead).name(),
                self.index_name,
                self.index_value(self.side(lead)),
                self.index_value(self.other(lead))
            ),
            None => format!("We hold no {} score for {}.", self.index_name, join_names(&missing_index(self.a, self.b))),
        };
        format!("{price} {score}")
    }

    fn better_value(&self) -> (String, String) {
        let per = self.per_request();
        let (Some(c), Some(h)) = (self.cheaper(), self.higher()) else {
            let unscored = missing_index(self.a, self.b);
            let reason = if unscored.is_empty() {
                "It needs a price for this request on both models.".to_owned()
            } else {
                format!(
                    "It needs {} score for both models; {} yet.",
                    with_article(&self.index_name),
                    lacks(&unscored, &format!("{} score", self.index_name))
                )
            };
            return ("Not determined".into(), reason);
        };
        if c == Lead::Tie && h == Lead::Tie {
            return ("Neither".into(), "Same cost per request and same index score.".into());
        }
        // One model at least as good on both axes and better on one: it dominates.
        if c == h || c == Lead::Tie || h == Lead::Tie {
            let w = if c == Lead::Tie { h } else { c };
            let reason = match (c == Lead::Tie, h == Lead::Tie) {
                (true, _) => "same price, higher index score",
                (_, true) => "lower price, same index score",
                _ => "lower price and higher index score",
            };
            return (self.side(w).name().to_owned(), format!("{reason}."));
        }
        let (cheap, smart) = (self.side(c), self.side(h));
        let extra_cost = smart.cost.unwrap_or_default() - cheap.cost.unwrap_or_default();
        let gap = (smart.index.unwrap_or_default() - cheap.index.unwrap_or_default()).abs();
        let per_point = marginal_cost_per_point(extra_cost, gap);
        // Why a model is off the frontier: retired, or beaten on both counts by another.
        let off = |s: &Side| {
            if s.model.status == ModelStatus::Retired {
                format!("{} is retired", s.name())
            } else {
                format!("{} is not (another model is cheaper and scores higher)", s.name())
            }
        };
        match (cheap.on_frontier, smart.on_frontier) {
            (Some(true), Some(false)) => {
                (cheap.name().to_owned(), format!("{} is on the price/index frontier; {}.", cheap.name(), off(smart)))
            }
            (Some(false), Some(true)) => {
                (smart.name().to_owned(), format!("{} is on the price/index frontier; {}.", smart.name(), off(cheap)))
            }
            _ => (
                "A trade-off".into(),
                format!(
                    "Neither beats the other on both counts: {} buys {} more {} points for {} more {per} ({per_point} per point).",
                    smart.name(),
                    format::number(gap, 2),
                    self.index_name,
                    extra_cost
                ),
            ),
        }
    }

    fn frontier_words(&self, s: &Side) -> String {
        if s.model.status == ModelStatus::Retired {
            return "Retired: left off the frontier, which only counts models you can still buy.".into();
        }
        match s.on_frontier {
            Some(true) => "On the frontier: no model we track is both cheaper and higher on the index.".into(),
            Some(false) => {
                let beaten_by =
                    self.market.dominator_of(&[s.id()]).map(|p| format!(" ({} is one)", p.name)).unwrap_or_default();
                format!("Off the frontier: another model is cheaper and scores at least as high{beaten_by}.")
            }
            None if s.index.is_none() => format!("Not placed: no {} score.", self.index_name),
            None => "Not placed: no price for this request.".to_owned(),
        }
    }

    fn bottom_line(&self) -> BottomLine {
        let name_of = |lead: Option<Lead>, tie: &str| match lead {
            Some(Lead::Tie) => tie.to_owned(),
            Some(l) => self.side(l).name().to_owned(),
            None => "Not known".to_owned(),
        };
        let (better_value, value_reason) = self.better_value();
        let cheaper = match self.sole_server() {
            Some(lead) => format!("{} (the only one that can serve it)", self.side(lead).name()),
            None => name_of(self.cheaper(), "Same price"),
        };
        BottomLine {
            cheaper,
            higher: name_of(self.higher(), "Same score"),
            better_value,
            value_reason,
            frontier_a: self.frontier_words(self.a),
            frontier_b: self.frontier_words(self.b),
        }
    }

    fn tier_word(&self, s: &Side) -> Option<String> {
        let noun = self.request_noun();
        let (cheaper_than, total) = self.market.cost_rank(s.id())?;
        let cost = s.cost?;
        // Models at exactly the same cost neither cost more nor less.
        let dearer = self.market.costs.iter().filter(|(_, c)| *c > cost).count();
        let same = total - cheaper_than - dearer - 1;
        let tier = match cheaper_than * 3 / total.max(1) {
            0 => "budget",
            1 => "mid-priced",
            _ => "premium",
        };
        let same = match same {
            0 => String::new(),
            1 => ", 1 other costs the same".to_owned(),
            n => format!(", {n} others cost the same"),
        };
        Some(format!(
            "{}'s {noun} ({cost}) puts it in the {tier} third of the {total} models we price: {dearer} cost more, {cheaper_than} cost less{same}.",
            s.name(),
        ))
    }

    fn fit_paragraph(&self, s: &Side) -> String {
        let m = s.model;
        let mut parts = vec![format!("{} is made by {} and priced here on {}", m.name, s.provider, m.api_host)];
        if let Some(d) = &m.release_date {
            parts.push(format!("released {}", d.value.long()));
        }
        if let Some(c) = &m.context_window {
            parts.push(format!("with a {}-token context window", format::count(c.value)));
        }
        let mut text = parts.join(", ") + ".";
        match m.open_weights.as_ref().map(|o| o.value) {
            Some(true) => text.push_str(" Its weights are published, so it can also be self-hosted."),
            Some(false) => text.push_str(" Its weights are not published."),
            None => {}
        }
        match (m.status, &m.deprecation_date) {
            (ModelStatus::Retired, Some(d)) => {
                text.push_str(&format!(" It was retired on {}: its provider no longer offers it.", d.long()))
            }
            (ModelStatus::Retired, None) => text.push_str(" It has been retired: its provider no longer offers it."),
            (ModelStatus::Deprecated, Some(d)) => {
                text.push_str(&format!(" It is deprecated, with shutdown announced for {}.", d.long()))
            }
            _ => {}
        }
        // Index ranks do not depend on the workload: rank among every model with a score.
        if let Some((higher, total)) = self.catalog.market.index_rank(s.id()) {
            text.push_str(&format!(
                " It ranks {} of {total} on the {} ({}).",
                ordinal(higher + 1),
                self.index_name,
                self.index_value(s)
            ));
        } else {
            text.push_str(&format!(" We hold no {} score for it.", self.index_name));
        }
        text
    }

    fn scale_paragraph(&self) -> Option<String> {
        let (x, y) = (self.a.cost?, self.b.cost?);
        let (requests, given) = match self.workload.requests_per_month {
            Some(n) => (n, true),
            None => (DEFAULT_MONTHLY_REQUESTS, false),
        };
        let monthly = |c: Usd| c.times(requests);
        let (ma, mb) = format_usd_pair(monthly(x), monthly(y));
        let diff = monthly((x - y).abs());
        let volume = if given {
            format!("At your {} requests a month", format::count(requests))
        } else {
            format!("At {} {}s a month", format::count(requests), self.request_noun())
        };
        let advice = if given {
            "Change the figures in the form above to see how the gap moves."
        } else {
            "Enter your own volume and request size in the form above to get your own numbers."
        };
        Some(format!(
            "{volume}, {} comes to {ma} and {} to {mb}: a difference of {diff} a month, or {} a year. {advice}",
            self.a.name(),
            self.b.name(),
            diff.times(12)
        ))
    }

    fn checks(&self) -> Vec<String> {
        let (a, b) = (self.a, self.b);
        let mut checks = Vec::new();
        let ctx = |s: &Side| s.model.context_window.as_ref().map(|c| c.value);
        if let (Some(x), Some(y)) = (ctx(a), ctx(b))
            && x != y
        {
            let (small, big) = if x < y { (a, b) } else { (b, a) };
            checks.push(format!(
                "Prompt length: {} accepts {} tokens, {} only {}. Measure your longest prompts before moving work to {}.",
                big.name(),
                format::count(ctx(big).unwrap_or_default()),
                small.name(),
                format::count(ctx(small).unwrap_or_default()),
                small.name()
            ));
        }
        for (what, has) in [
            (
                "a cache-hit price",
                (|s: &Side| s.price.is_some_and(|p| p.rates.standard(Meter::CacheRead).is_some())) as fn(&Side) -> bool,
            ),
            ("a batch price", |s| s.price.is_some_and(|p| p.rates.offers(ServiceTier::Batch, None))),
            ("long-context surcharges", |s| !s.model.reachable_thresholds().is_empty()),
        ] {
            match (has(a), has(b)) {
                (true, false) => {
                    checks.push(format!("{}: {} lists {what}, {} does not.", capitalize(what), a.name(), b.name()))
                }
                (false, true) => {
                    checks.push(format!("{}: {} lists {what}, {} does not.", capitalize(what), b.name(), a.name()))
                }
                _ => {}
            }
        }
        let vendor_only = |s: &Side| !s.model.scores.is_empty() && s.model.scores.iter().all(|x| !x.independent);
        for s in [a, b] {
            if vendor_only(s) {
                checks.push(format!(
                    "Evidence: every score we hold for {} is reported by its vendor; run your own evaluation before relying on it.",
                    s.name()
                ));
            }
            match (s.model.status, &s.model.deprecation_date) {
                (ModelStatus::Active, _) => {}
                (ModelStatus::Retired, Some(d)) => checks.push(format!(
                    "Availability: {} was retired on {}: it can no longer be called, so compare its successor instead.",
                    s.name(),
                    d.long()
                )),
                (ModelStatus::Retired, None) => checks.push(format!(
                    "Availability: {} has been retired: it can no longer be called, so compare its successor instead.",
                    s.name()
                )),
                (ModelStatus::Deprecated, Some(d)) => checks.push(format!(
                    "Availability: {} shuts down on {}; plan the move to its successor.",
                    s.name(),
                    d.long()
                )),
                (ModelStatus::Deprecated, None) => {
                    checks.push(format!("Availability: {} is deprecated; plan the move to its successor.", s.name()))
                }
            }
        }
        if a.model.speed().is_none() || b.model.speed().is_none() {
            checks.push("Latency: no open source publishes speed figures for both models, so time your own requests, tail latency included.".into());
        }
        if a.model.provider != b.model.provider {
            checks.push(format!(
                "Integration: {} and {} come from different providers ({} and {}), so prompts, tool calling and rate limits need re-testing, not just a model-name change.",
                a.name(),
                b.name(),
                a.provider,
                b.provider
            ));
        }
        checks.push("Quality on your task: run both on a few hundred of your real inputs and compare failure rates, not just averages.".into());
        checks
    }

    fn sections(&self) -> Vec<Section> {
        let mut sections = Vec::new();
        let tiers: Vec<String> = [self.a, self.b].iter().filter_map(|s| self.tier_word(s)).collect();
        if !tiers.is_empty() {
            sections.push(Section { title: "Price tier".into(), paragraphs: tiers });
        }
        sections.push(Section {
            title: "Where each model fits".into(),
            paragraphs: vec![self.fit_paragraph(self.a), self.fit_paragraph(self.b)],
        });
        if let Some(p) = self.scale_paragraph() {
            sections.push(Section { title: "Cost at volume".into(), paragraphs: vec![p] });
        }
        sections.push(Section { title: "What to test before switching".into(), paragraphs: self.checks() });
        sections
    }

    /// The benchmark rows both models have, as (benchmark name, leader or tie, text).
    fn shared_benchmarks(&self) -> Vec<(String, Lead, String)> {
        let mut out = Vec::new();
        for bench in &self.catalog.dataset.benchmarks {
            if self.catalog.index.as_ref().is_some_and(|i| i.benchmark == bench.slug) {
                continue;
            }
            for independent in [true, false] {
                let (Some(x), Some(y)) =
                    (self.a.model.score(&bench.slug, independent), self.b.model.score(&bench.slug, independent))
                else {
                    continue;
                };
                let lead = if x.value == y.value {
                    Lead::Tie
                } else if (x.value > y.value) == bench.higher_is_better {
                    Lead::A
                } else {
                    Lead::B
                };
                let kind = if independent { "" } else { ", vendor-reported" };
                let (fx, fy) = (format::score(x.value, bench.scale), format::score(y.value, bench.scale));
                // The leader's figure first, so "leads on X (high vs low)" reads right.
                let values = match lead {
                    Lead::A => format!("{fx} vs {fy}"),
                    Lead::B => format!("{fy} vs {fx}"),
                    Lead::Tie => format!("{fx} each"),
                };
                out.push((bench.name.clone(), lead, format!("{}{kind} ({values})", bench.name)));
            }
        }
        out
    }

    fn faq(&self) -> Vec<Faq> {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let mut faq = Vec::new();
        let shared = self.shared_benchmarks();
        let leads = |l: Lead| shared.iter().filter(|s| s.1 == l).count();

        // 1. Quality difference.
        let quality = match self.index_gap() {
            Some((Lead::Tie, _)) => {
                format!("They score the same on the {} ({}).", self.index_name, self.index_value(a))
            }
            Some((lead, gap)) => {
                let spread = self
                    .catalog
                    .market
                    .index_range()
                    .map(|(lo, hi)| {
                        format!(
                            " For scale: the {} models we track span {} to {}, so the gap is {} of that range.",
                            self.catalog.market.points.len(),
                            format::score(lo, Scale::Index),
                            format::score(hi, Scale::Index),
                            percent(
                                (a.index.unwrap_or_default() - b.index.unwrap_or_default()).abs()
                                    / (hi - lo).max(f64::EPSILON)
                            )
                        )
                    })
                    .unwrap_or_default();
                format!(
                    "{} scores {gap} higher on the {} ({} vs {}).{spread}",
                    self.side(lead).name(),
                    self.index_name,
                    self.index_value(self.side(lead)),
                    self.index_value(self.other(lead))
                )
            }
            None => format!(
                "We cannot say on one scale: {} in our data.",
                lacks(&missing_index(a, b), &format!("{} score", self.index_name))
            ),
        };
        let bench_summary = if shared.is_empty() {
            " No other benchmark has a score for both models in our data.".to_owned()
        } else {
            format!(
                " On the {} other benchmark rows where both have a score, {an} leads on {}, {bn} on {}{}.",
                shared.len(),
                leads(Lead::A),
                leads(Lead::B),
                if leads(Lead::Tie) > 0 { format!(", with {} tied", leads(Lead::Tie)) } else { String::new() }
            )
        };
        faq.push(Faq {
            question: format!("Is there a meaningful quality difference between {an} and {bn}?"),
            answer: format!(
                "{quality}{bench_summary} Whether the gap matters depends on your task: test both on your own inputs."
            ),
        });

        // 2. Classification and extraction.
        let small = STANDARD_PROFILES[0];
        let small_cost = |s: &Side| {
            s.price.and_then(|p| request_cost(p, &limits_of(s.model), &small, Billing::STANDARD).ok()).map(|c| c.total)
        };
        let classification = match (small_cost(a), small_cost(b)) {
            (Some(x), Some(y)) => {
                let (tx, ty) = format_usd_pair(x, y);
                let cheaper = match x.cmp(&y) {
                    std::cmp::Ordering::Less => format!("{an} is cheaper per label"),
                    std::cmp::Ordering::Greater => format!("{bn} is cheaper per label"),
                    std::cmp::Ordering::Equal => "they cost the same per label".to_owned(),
                };
                format!(
                    "We hold no classification benchmark, so this answer is about cost. Classification and extraction calls are short: a {}-token prompt with a {}-token answer costs {tx} on {an} and {ty} on {bn}, so {cheaper}. Which one labels your data more accurately, and returns valid structured output more often, is something to measure on a sample of your own inputs.",
                    format::count(small.input_tokens),
                    format::count(small.output_tokens)
                )
            }
            _ => "We hold no classification benchmark, and we cannot price a short request on both models.".to_owned(),
        };
        faq.push(Faq {
            question: format!("Which is better for classification and extraction, {an} or {bn}?"),
            answer: classification,
        });

        // 3. Batch.
        let batch = |s: &Side| {
            let p = s.price?;
            let rate = |meter| p.rates.get(&RateKey::base(ServiceTier::Batch, meter));
            let (bi, bo) = (rate(Meter::Input)?, rate(Meter::Output)?);
            // A batch tier without a rate at this request's size has no cost to compare here.
            let cost = request_cost(p, &limits_of(s.model), &self.workload.profile(), Billing::BATCH).ok()?.total;
            let standard = standard_cost(s, &self.workload.profile())?;
            Some((bi, bo, cost, cheaper_share(standard, cost)))
        };
        let batch_answer = match (batch(a), batch(b)) {
            (Some(x), Some(y)) => {
                let (tx, ty) = format_usd_pair(x.2, y.2);
                let save = |s: Option<f64>| s.map_or("n/a".to_owned(), percent);
                format!(
                    "Both list batch prices. {an}: {} in / {} out per 1M tokens, {tx} for {}, {} below its standard price. {bn}: {} in / {} out, {ty}, {} below standard.",
                    x.0,
                    x.1,
                    self.request_words(),
                    save(x.3),
                    y.0,
                    y.1,
                    save(y.3)
                )
            }
            (Some(x), None) => format!(
                "Only {an} lists batch prices in our data ({} in / {} out per 1M tokens, {} for {}). We hold no batch price for {bn}; it may not offer one on {}.",
                x.0,
                x.1,
                x.2,
                self.request_words(),
                b.model.api_host
            ),
            (None, Some(y)) => format!(
                "Only {bn} lists batch prices in our data ({} in / {} out per 1M tokens, {} for {}). We hold no batch price for {an}; it may not offer one on {}.",
                y.0,
                y.1,
                y.2,
                self.request_words(),
                a.model.api_host
            ),
            (None, None) => {
                format!("Neither {an} nor {bn} lists a batch price in our data, so we cannot compare batch costs.")
            }
        };
        faq.push(Faq {
            question: format!("How do batch processing costs compare between {an} and {bn}?"),
            answer: batch_answer,
        });

        // 4. Price difference.
        let list = |s: &Side| s.price.and_then(|p| p.rates.list_prices());
        let price_answer = match (self.price_gap_sentence(), list(a), list(b)) {
            (Some(gap), Some(pa), Some(pb)) => {
                let (pa, pb) = (ListPrices { input: pa.0, output: pa.1 }, ListPrices { input: pb.0, output: pb.1 });
                let part = |label: &str, x: super::money::PricePerMTok, y: super::money::PricePerMTok| {
                    if x == y {
                        format!("{label} costs the same ({x})")
                    } else {
                        let (who, lo, hi) = if x < y { (an, x, y) } else { (bn, y, x) };
                        format!("{who} is cheaper on {label} ({lo} vs {hi} per 1M tokens)")
                    }
                };
                let both_cheaper = |x: &str| {
                    format!(
                        "{x} is cheaper on both input ({} vs {}) and output ({} vs {}) per 1M tokens",
                        pa.input.min(pb.input),
                        pa.input.max(pb.input),
                        pa.output.min(pb.output),
                        pa.output.max(pb.output)
                    )
                };
                let detail = if pa.input < pb.input && pa.output < pb.output {
                    both_cheaper(an)
                } else if pb.input < pa.input && pb.output < pa.output {
                    both_cheaper(bn)
                } else {
                    format!(
                        "{}; {}",
                        capitalize(&part("input", pa.input, pb.input)),
                        part("output", pa.output, pb.output)
                    )
                };
                format!(
                    "{gap} {detail}. The gap shifts with your input/output mix: output-heavy work such as generation weighs the output price, long prompts such as document analysis weigh the input price."
                )
            }
            _ => match self.sole_server() {
                Some(lead) => self.sole_server_sentence(lead),
                None => "We cannot price this request on both models from the figures we hold.".to_owned(),
            },
        };
        faq.push(Faq { question: format!("What's the price difference between {an} and {bn}?"), answer: price_answer });

        // 5. Benchmark lead.
        let lead_answer = match self.index_gap() {
            Some((lead, gap)) if lead != Lead::Tie => {
                let leader = self.side(lead);
                let wins: Vec<&str> = shared.iter().filter(|s| s.1 == lead).map(|s| s.2.as_str()).collect();
                let losses: Vec<&str> =
                    shared.iter().filter(|s| s.1 != lead && s.1 != Lead::Tie).map(|s| s.2.as_str()).collect();
                let mut text = format!("{} leads the {} by {gap}.", leader.name(), self.index_name);
                if !wins.is_empty() {
                    text.push_str(&format!(" It also leads on {}.", wins.join(", ")));
                }
                if !losses.is_empty() {
                    text.push_str(&format!(" {} leads on {}.", self.other(lead).name(), losses.join(", ")));
                }
                text
            }
            Some(_) => format!("Neither: they tie on the {}.", self.index_name),
            None => {
                if shared.is_empty() {
                    format!("We cannot say: no benchmark in our data has a score for both {an} and {bn}.")
                } else {
                    format!(
                        "Without {} score for both we compare benchmark by benchmark: {}.",
                        with_article(&self.index_name),
                        shared.iter().map(|s| s.2.as_str()).collect::<Vec<_>>().join(", ")
                    )
                }
            }
        };
        // The question names a leader only when one is known: without scores it implies none.
        let question = match self.higher() {
            Some(Lead::A) => format!("How much does {an} outperform {bn} on benchmarks?"),
            Some(Lead::B) => format!("How much does {bn} outperform {an} on benchmarks?"),
            Some(Lead::Tie) | None => format!("How do {an} and {bn} compare on benchmarks?"),
        };
        faq.push(Faq { question, answer: lead_answer });

        // 6. Speed.
        let (spa, spb) = (a.model.speed(), b.model.speed());
        let speed_answer = match (spa.and_then(|s| s.output_tokens_per_s), spb.and_then(|s| s.output_tokens_per_s)) {
            (Some(x), Some(y)) => {
                let (fast, fx, slow, sy) = if x >= y { (an, x, bn, y) } else { (bn, y, an, x) };
                let mut text = if x == y {
                    format!("They generate at the same measured speed, {} tokens per second.", format::number(x, 1))
                } else {
                    format!(
                        "{fast} is faster: {} tokens per second against {} for {slow}, {} the output speed.",
                        format::number(fx, 1),
                        format::number(sy, 1),
                        format::ratio(fx, sy).unwrap_or_default()
                    )
                };
                if let (Some(tx), Some(ty)) = (spa.and_then(|s| s.ttft_s), spb.and_then(|s| s.ttft_s)) {
                    let (quick, qt, late, lt) = if tx <= ty { (an, tx, bn, ty) } else { (bn, ty, an, tx) };
                    if tx == ty {
                        text.push_str(&format!(" Both take {} s to the first token.", format::number(tx, 2)));
                    } else {
                        text.push_str(&format!(
                            " {quick} also starts sooner: {} s to the first token against {} s for {late}.",
                            format::number(qt, 2),
                            format::number(lt, 2)
                        ));
                    }
                }
                let dates: Vec<String> = [spa, spb].iter().flatten().map(|s| s.as_of.long()).collect();
                text.push_str(&format!(
                    " These figures are as of {}; speed varies with host, load and prompt length.",
                    dates.first().cloned().unwrap_or_default()
                ));
                text
            }
            _ => {
                let missing: Vec<&str> = [a, b]
                    .iter()
                    .filter(|s| s.model.speed().and_then(|x| x.output_tokens_per_s).is_none())
                    .map(|s| s.name())
                    .collect();
                format!(
                    "We do not know: no open source we use publishes output speed or time to first token for {}. Time both on your own prompts from the region you serve.",
                    join_names(&missing)
                )
            }
        };
        faq.push(Faq { question: format!("Which generates output faster, {an} or {bn}?"), answer: speed_answer });

        // 7. Context window.
        let ctx = |s: &Side| s.model.context_window.as_ref().map(|c| c.value);
        let context_answer = match (ctx(a), ctx(b)) {
            (Some(x), Some(y)) => {
                let pages = |t: u64| format::count(t / TOKENS_PER_PAGE);
                if x == y {
                    format!(
                        "Neither: both accept {} tokens, about {} pages of text at {TOKENS_PER_PAGE} tokens a page.",
                        format::count(x),
                        pages(x)
                    )
                } else {
                    let (big, bt, small, st) = if x > y { (an, x, bn, y) } else { (bn, y, an, x) };
                    format!(
                        "{big} accepts {} tokens against {} for {small}: {} the context, or about {} pages against {} at {TOKENS_PER_PAGE} tokens a page. Output is capped separately; see the max output row.",
                        format::count(bt),
                        format::count(st),
                        format::ratio(bt as f64, st as f64).unwrap_or_default(),
                        pages(bt),
                        pages(st)
                    )
                }
            }
            _ => {
                let missing: Vec<&Side> = [a, b].into_iter().filter(|s| ctx(s).is_none()).collect();
                let mut text = format!(
                    "We hold no context window for {}.",
                    join_names(&missing.iter().map(|s| s.name()).collect::<Vec<_>>())
                );
                // What a request may send is still known where a source caps the input.
                for s in missing {
                    if let Some(cap) = &s.model.max_input {
                        text.push_str(&format!(
                            " {} takes at most {} input tokens per request.",
                            s.name(),
                            format::count(cap.value)
                        ));
                    }
                }
                text
            }
        };
        let question = match (ctx(a), ctx(b)) {
            (Some(x), Some(y)) if x > y => format!("How much more context can {an} handle than {bn}?"),
            (Some(x), Some(y)) if y > x => format!("How much more context can {bn} handle than {an}?"),
            _ => format!("How do the context windows of {an} and {bn} compare?"),
        };
        faq.push(Faq { question, answer: context_answer });

        // 8. Value per index point.
        let (value_winner, value_reason) = self.better_value();
        // Without a score for both, the index's zero point is beside the point: say what is missing.
        let value_answer = if self.a.index.is_some() && self.b.index.is_some() {
            format!(
                "{}. {} The {} has no true zero, so dividing price by points (\"dollars per IQ point\") would mislead; we compare what the extra points cost instead, and whether another model is both cheaper and better.",
                value_winner, value_reason, self.index_name
            )
        } else {
            format!(
                "We cannot say yet: {}, so only the price side of value is known here (see the price difference above).",
                lacks(&missing_index(self.a, self.b), &format!("{} score", self.index_name))
            )
        };
        faq.push(Faq {
            question: format!("Which model is better value for money, {an} or {bn}?"),
            answer: value_answer,
        });

        // 9. Prompt caching.
        let cached = |s: &Side| {
            let p = s.price?;
            let profile = self.workload.profile();
            let c = request_cost(p, &limits_of(s.model), &profile, Billing::CACHED_INPUT).ok()?.total;
            Some((c, cheaper_share(standard_cost(s, &profile)?, c)))
        };
        let cache_answer = match (cached(a), cached(b)) {
            (Some((ca, sa)), Some((cb, sb))) => {
                let (tx, ty) = format_usd_pair(ca, cb);
                let save = |s: Option<f64>| s.map_or("n/a".to_owned(), percent);
                let more = match (sa, sb) {
                    (Some(x), Some(y)) if x > y => format!("{an} gains more from caching."),
                    (Some(x), Some(y)) if y > x => format!("{bn} gains more from caching."),
                    _ => "Caching saves both the same share.".to_owned(),
                };
                // "Still" only when the cheaper model with caching was the cheaper one without.
                let profile = self.workload.profile();
                let uncached = standard_cost(a, &profile).zip(standard_cost(b, &profile)).map(|(x, y)| x.cmp(&y));
                let cheaper = match ca.cmp(&cb) {
                    std::cmp::Ordering::Equal => " With caching they cost the same.".to_owned(),
                    order => {
                        let (win, lose, cw, cl) =
                            if order == std::cmp::Ordering::Less { (an, bn, ca, cb) } else { (bn, an, cb, ca) };
                        let verb = if uncached == Some(order) { "is still" } else { "becomes" };
                        format!(
                            " With caching, {win} {verb} the cheaper of the two, at {} of {lose}'s cost.",
                            percent(cw.picos() as f64 / cl.picos().max(1) as f64)
                        )
                    }
                };
                format!(
                    "If every input token of {} is a cache hit, {an} costs {tx} ({} less than uncached) and {bn} {ty} ({} less). {more}{cheaper} Cache writes may cost extra; see the pricing table.",
                    self.request_words(),
                    save(sa),
                    save(sb)
                )
            }
            (Some((c, s)), None) => format!(
                "Only {an} lists a cache-hit price in our data: with every input token cached, {} costs {c}, {} less than uncached. We hold no cache price for {bn}, so its cached requests are billed at the full input price as far as we know.",
                self.request_words(),
                s.map_or("n/a".to_owned(), percent)
            ),
            (None, Some((c, s))) => format!(
                "Only {bn} lists a cache-hit price in our data: with every input token cached, {} costs {c}, {} less than uncached. We hold no cache price for {an}, so its cached requests are billed at the full input price as far as we know.",
                self.request_words(),
                s.map_or("n/a".to_owned(), percent)
            ),
            (None, None) => format!(
                "Neither {an} nor {bn} lists a cache-hit price in our data, so we cannot say what caching saves."
            ),
        };
        faq.push(Faq {
            question: format!("Which model benefits more from prompt caching, {an} or {bn}?"),
            answer: cache_answer,
        });

        // 10. Long prompts.
        let large = STANDARD_PROFILES[2];
        let large_cost = |s: &Side| {
            s.price.and_then(|p| request_cost(p, &limits_of(s.model), &large, Billing::STANDARD).ok()).map(|c| c.total)
        };
        let tiers = |s: &Side| {
            s.model
                .reachable_thresholds()
                .iter()
                .map(|t| format!("above {} input tokens", format::count(*t)))
                .collect::<Vec<_>>()
        };
        let mut long_answer = match (large_cost(a), large_cost(b)) {
            (Some(x), Some(y)) => {
                let (tx, ty) = format_usd_pair(x, y);
                format!(
                    "For a {}-token prompt with a {}-token answer, {an} costs {tx} and {bn} {ty}.",
                    format::count(large.input_tokens),
                    format::count(large.output_tokens)
                )
            }
            _ => format!("We cannot price a {}-token request on both models.", format::count(large.input_tokens)),
        };
        for s in [a, b] {
            let t = tiers(s);
            if t.is_empty() {
                long_answer.push_str(&format!(" {} lists no long-context surcharge.", s.name()));
            } else {
                long_answer.push_str(&format!(
                    " {} bills the whole request at a higher rate {}.",
                    s.name(),
                    t.join(", then ")
                ));
            }
        }
        faq.push(Faq { question: format!("Which is cheaper for long prompts, {an} or {bn}?"), answer: long_answer });
        faq
    }
}

/// What pricing the reader's workload had to assume on each model, in words.
pub fn workload_notes(a: &Side, b: &Side, workload: &Workload) -> Vec<String> {
    let mut notes = Vec::new();
    for s in [a, b] {
        let name = s.name();
        match &s.workload_cost {
            None => notes.push(format!("{name} has no price in our data.")),
            Some(Err(NoPrice::NotOffered)) => notes.push(format!(
                "{name} offers no {} prices in our data, so this workload is not priced on it (never at another tier's rates).",
                workload.pay.words()
            )),
            Some(Err(NoPrice::TierRateUnknown)) => notes.push(format!(
                "{name} publishes no {} rate above its long-context threshold in our data, so this request is not priced on it (never at another tier's rates).",
                workload.pay.tier.as_str()
            )),
            Some(Err(NoPrice::ExceedsLimits)) => {
                let why: Vec<String> = crate::domain::index::limits_of(s.model)
                    .violations(&workload.profile())
                    .into_iter()
                    .map(|v| match v {
                        LimitViolation::ContextWindow(total, c) => format!(
                            "{} tokens in and out exceed its {}-token context window",
                            format::count(total),
                            format::count(c)
                        ),
                        LimitViolation::MaxInput(input, cap) => format!(
                            "{} input tokens exceed its {}-token input cap",
                            format::count(input),
                            format::count(cap)
                        ),
                        LimitViolation::MaxOutput(output, m) => format!(
                            "{} output tokens exceed its {}-token output limit",
                            format::count(output),
                            format::count(m)
                        ),
                    })
                    .collect();
                if !why.is_empty() {
                    notes.push(format!("Impossible on {name}: {}.", why.join("; ")));
                }
            }
            Some(Ok(cost)) => {
                if let Some(t) = cost.tier_above {
                    notes.push(format!(
                        "{name} bills this whole request at its long-context rate: the input is above {} tokens.",
                        format::count(t)
                    ));
                }
                for note in &cost.notes {
                    notes.push(match note {
                        BillingNote::NoCachePrice => match workload.pay.tier {
                            ServiceTier::Standard => format!(
                                "{name} lists no cache-hit price in our data, so its cached tokens are billed at the full input price."
                            ),
                            tier => format!(
                                "{name} lists no {} cache-hit price in our data, so its cached tokens are billed at the full {} input price (never at another tier's cache price).",
                                tier.as_str(),
                                tier.as_str()
                            ),
                        },
                        BillingNote::NoCacheWritePrice(ttl) => format!(
                            "{name} lists no {} cache-write price in our data, so the input it would write is billed at the full input price.",
                            ttl.label()
                        ),
                        BillingNote::SamePriceAtAllHours(w) => format!(
                            "{name} publishes no {} prices: its list price holds at every hour.",
                            w.label()
                        ),
                    });
                }
            }
        }
    }
    notes
}

/// Where the cheaper model stops being cheaper as the output length changes at the reader's
/// input size, in one sentence. `None` when either model cannot be priced or they cost the same.
pub fn break_even(a: &Side, b: &Side, workload: &Workload) -> Option<String> {
    let (ca, cb) = (a.cost?, b.cost?);
    if ca == cb {
        return None;
    }
    let (cheap, dear) = if ca < cb { (a, b) } else { (b, a) };
    let (rc, rd) = (workload_rates(cheap.price?, workload).ok()?, workload_rates(dear.price?, workload).ok()?);
    // Costs in hundredths of a micro-dollar per 1M tokens, so every term is an integer.
    let d_in = rd.blended_input_x100(workload.cached_percent) - rc.blended_input_x100(workload.cached_percent);
    let d_out = 100 * (i128::from(rc.output.micros()) - i128::from(rd.output.micros()));
    let input = i128::from(workload.input_tokens);
    let size = format::count(workload.input_tokens);
    let limit = [cheap, dear]
        .iter()
        .filter_map(|s| s.model.max_output.as_ref().map(|m| m.value))
        .max()
        .map_or(i128::MAX, i128::from);
    if d_out > 0 {
        // The cheaper model pays more per output token: longer answers erode its lead.
        let at = input * d_in / d_out;
        if at > limit {
            return Some(format!(
                "At {size} input tokens, {} stays cheaper at any output length either model allows.",
                cheap.name()
            ));
        }
        Some(format!(
            "At {size} input tokens, {} stays cheaper up to about {} output tokens per request (an output/input ratio of {}); past that {} is cheaper.",
            cheap.name(),
            format::count(at.max(0) as u64),
            format::number(at as f64 / input.max(1) as f64, 2),
            dear.name()
        ))
    } else if d_out < 0 && d_in < 0 {
        // The cheaper model pays more per input token but wins on output: short answers lose it.
        let at = input * d_in / d_out;
        Some(format!(
            "At {size} input tokens, {} is cheaper only while answers run above about {} output tokens (an output/input ratio of {}); with shorter answers {} is cheaper.",
            cheap.name(),
            format::count(at.max(0) as u64),
            format::number(at as f64 / input.max(1) as f64, 2),
            dear.name()
        ))
    } else {
        Some(format!(
            "{} is cheaper at every output length for {size}-token inputs{}: it costs no more per input token and no more per output token.",
            cheap.name(),
            if workload.cached_percent > 0 { " at this cache share" } else { "" }
        ))
    }
}

/// Monthly volume the "cost at volume" section uses when the reader gave none.
pub const DEFAULT_MONTHLY_REQUESTS: u64 = 1_000_000;

/// The workload's request in words: "a typical request of 5,000 input and 1,000 output
/// tokens", or the reader's own with its cache share and batch use.
pub fn request_words(workload: &Workload) -> String {
    let same = workload.is_typical_request();
    let mut text = format!(
        "{} of {} input and {} output tokens",
        if same { "a typical request" } else { "your request" },
        format::count(workload.input_tokens),
        format::count(workload.output_tokens)
    );
    if workload.cached_percent > 0 {
        text.push_str(&format!(" with {}% of the input cached", workload.cached_percent));
    }
    if let Some(ttl) = workload.cache_write {
        text.push_str(&format!(", the rest written to the {} cache", ttl.label()));
    }
    match workload.pay.tier {
        ServiceTier::Standard => {}
        ServiceTier::Batch => text.push_str(" through the batch API"),
        tier => text.push_str(&format!(" at the {} tier", tier.as_str())),
    }
    if let Some(w) = workload.pay.window {
        text.push_str(&format!(", sent {}", w.label()));
    }
    text
}

/// The standard (no cache, no batch) cost of a request size on one side.
fn standard_cost(s: &Side, profile: &RequestProfile) -> Option<Usd> {
    request_cost(s.price?, &limits_of(s.model), profile, Billing::STANDARD).ok().map(|c| c.total)
}

/// What each extra index point costs per request.
fn marginal_cost_per_point(extra: Usd, points: f64) -> String {
    if points <= 0.0 {
        return "n/a".into();
    }
    // A quotient of a four-figure cost and a two-decimal score gap: three significant digits.
    format::usd_significant(extra.picos() as f64 / 1e12 / points)
}

fn missing_index<'a>(a: &'a Side, b: &'a Side) -> Vec<&'a str> {
    [a, b].iter().filter(|s| s.index.is_none()).map(|s| s.name()).collect()
}

/// "X has no ECI score" / "neither X nor Y has an ECI score", for a missing figure.
fn lacks(names: &[&str], noun: &str) -> String {
    match names {
        [one] => format!("{one} has no {noun}"),
        [one, two] => format!("neither {one} nor {two} has {}", with_article(noun)),
        _ => format!("no model has {}", with_article(noun)),
    }
}

/// "a GPQA score", "an Epoch Capabilities Index score".
fn with_article(noun: &str) -> String {
    let vowel = noun.chars().next().is_some_and(|c| "AEIOUaeiou".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => "either model".into(),
        [one] => (*one).to_owned(),
        [one, two] => format!("{one} or {two}"),
        _ => names.join(", "),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().collect::<String>() + chars.as_str())
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal),
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]
        );
    }

    #[test]
    fn marginal_cost_divides_the_extra_cost_by_the_extra_points() {
        // $0.00225 more for 8.57 more points: $0.000262544... per point, stated as $0.000263.
        assert_eq!(marginal_cost_per_point(Usd::from_picos(2_250_000_000), 8.57), "$0.000263");
        assert_eq!(marginal_cost_per_point(Usd::from_picos(1), 0.0), "n/a");
    }
}
