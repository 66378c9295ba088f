//! The comparison's narrative sections: price tier, where each model fits, cost at volume and
//! what to test before switching.

use super::facts::Facts;
use super::side::Side;
use super::words::ordinal;
use crate::domain::format;
use crate::domain::format::capitalize;
use crate::domain::model::ModelStatus;
use crate::domain::money::{Usd, format_usd_pair};
use crate::domain::rate_card::{Meter, ServiceTier};

/// A narrative section.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Section {
    /// Heading.
    pub title: String,
    /// Paragraphs of plain text.
    pub paragraphs: Vec<String>,
    /// The paragraphs are separate items (the checks), shown as a list. Not in the API's
    /// JSON, which already gives them as an array.
    #[serde(skip)]
    pub list: bool,
}

/// Monthly volume the "cost at volume" section uses when the reader gave none.
pub const DEFAULT_MONTHLY_REQUESTS: u64 = 1_000_000;

impl Facts<'_, '_> {
    pub(super) fn tier_word(&self, s: &Side) -> Option<String> {
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

    pub(super) fn fit_paragraph(&self, s: &Side) -> String {
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

    pub(super) fn scale_paragraph(&self) -> Option<String> {
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

    pub(super) fn checks(&self) -> Vec<String> {
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
            let only = match (has(a), has(b)) {
                (true, false) => Some((a, b)),
                (false, true) => Some((b, a)),
                _ => None,
            };
            if let Some((with, without)) = only {
                checks.push(format!(
                    "{}: {} lists {what}, {} does not.",
                    capitalize(what),
                    with.name(),
                    without.name()
                ));
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

    pub(super) fn sections(&self) -> Vec<Section> {
        let mut sections = Vec::new();
        let tiers: Vec<String> = [self.a, self.b].iter().filter_map(|s| self.tier_word(s)).collect();
        if !tiers.is_empty() {
            sections.push(Section { title: "Price tier".into(), paragraphs: tiers, list: false });
        }
        sections.push(Section {
            title: "Where each model fits".into(),
            paragraphs: vec![self.fit_paragraph(self.a), self.fit_paragraph(self.b)],
            list: false,
        });
        if let Some(p) = self.scale_paragraph() {
            sections.push(Section { title: "Cost at volume".into(), paragraphs: vec![p], list: false });
        }
        sections.push(Section { title: "What to test before switching".into(), paragraphs: self.checks(), list: true });
        sections
    }
}
