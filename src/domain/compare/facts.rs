//! What the words of a comparison are written from: the two sides, the market they sit in and
//! the workload, with the small judgements (who is cheaper, by how much) every text reuses.

use super::side::{self, Lead, Side};
use super::words::request_words;
use crate::domain::catalog::Catalog;
use crate::domain::cost::Workload;
use crate::domain::format::{self, cheaper_share, cost_ratio, percent};
use crate::domain::market::Market;
use crate::domain::model::Scale;
use crate::domain::money::format_usd_pair;
use crate::domain::pricing::PayAs;

/// The facts behind one pair's text: both sides, the market priced for the page's workload
/// (for ranks and the frontier), and the headline index's name as sentences use it.
pub(super) struct Facts<'c, 's> {
    pub(super) catalog: &'c Catalog,
    pub(super) market: &'s Market,
    pub(super) workload: Workload,
    pub(super) a: &'s Side<'c>,
    pub(super) b: &'s Side<'c>,
    pub(super) index_name: String,
}

impl<'c, 's> Facts<'c, 's> {
    pub(super) fn new(catalog: &'c Catalog, market: &'s Market, a: &'s Side<'c>, b: &'s Side<'c>) -> Self {
        let index_name = catalog.index.as_ref().map_or("headline index".to_owned(), |i| i.name.clone());
        Self { catalog, market, workload: market.workload, a, b, index_name }
    }

    /// Whether the page is priced for the typical request (no reader parameters).
    pub(super) fn is_typical(&self) -> bool {
        self.workload.is_typical_request()
    }

    /// The priced request in words: "a typical request of 5,000 input and 1,000 output tokens".
    pub(super) fn request_words(&self) -> String {
        request_words(&self.workload)
    }

    /// The request in words without the reader's tier or window, for the answers that price
    /// it at list price (standard, cached, batch API) whatever tier the form chose.
    pub(super) fn request_words_at_list(&self) -> String {
        request_words(&Workload { pay: PayAs::STANDARD, ..self.workload })
    }

    /// "per typical request" or "per request" for a reader's own workload.
    pub(super) fn per_request(&self) -> &'static str {
        if self.is_typical() { "per typical request" } else { "per request" }
    }

    /// "typical request" or "request as you set it".
    pub(super) fn request_noun(&self) -> &'static str {
        if self.is_typical() { "typical request" } else { "request as you set it" }
    }

    pub(super) fn side(&self, lead: Lead) -> &'s Side<'c> {
        if lead == Lead::B { self.b } else { self.a }
    }

    pub(super) fn other(&self, lead: Lead) -> &'s Side<'c> {
        if lead == Lead::B { self.a } else { self.b }
    }

    /// Who is cheaper for the priced request, if both are priced.
    pub(super) fn cheaper(&self) -> Option<Lead> {
        side::cheaper(self.a, self.b)
    }

    /// Who scores higher on the index, if both are scored.
    pub(super) fn higher(&self) -> Option<Lead> {
        side::higher(self.a, self.b)
    }

    pub(super) fn index_value(&self, s: &Side) -> String {
        s.index.map_or_else(|| "no score".to_owned(), |v| format::score(v, Scale::Index))
    }

    pub(super) fn cost_pair(&self) -> Option<(String, String)> {
        Some(format_usd_pair(self.a.cost?, self.b.cost?))
    }

    /// "X costs 62.5% less than Y per typical request ($a vs $b), Y is 2.67x the price."
    pub(super) fn price_gap_sentence(&self) -> Option<String> {
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

    pub(super) fn index_gap(&self) -> Option<(Lead, String)> {
        let lead = self.higher()?;
        let gap = format::score_gap(self.a.index? - self.b.index?, Scale::Index);
        Some((lead, gap))
    }
    pub(super) fn sole_server(&self) -> Option<Lead> {
        side::sole_server(self.a, self.b)
    }

    /// "Only X can serve ...: it is beyond Y's limits."
    pub(super) fn sole_server_sentence(&self, lead: Lead) -> String {
        let (only, other) = (self.side(lead), self.other(lead));
        format!(
            "Only {} can serve {} ({} per request): it is beyond {}'s token limits.",
            only.name(),
            self.request_words(),
            only.cost.unwrap_or_default(),
            other.name()
        )
    }

    /// The benchmark rows both models have, as (benchmark name, leader or tie, text).
    pub(super) fn shared_benchmarks(&self) -> Vec<(String, Lead, String)> {
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
}
