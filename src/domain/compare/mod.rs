//! Everything a comparison page (and later its JSON) shows for two models, computed in one
//! place from the catalog. Each figure carries a citation number into the page's source list.
//!
//! Read it in this order: [`side`] (the two models and who leads), [`tables`] and
//! [`performance`] (the figures), [`summary`] and [`chart`] (built from them), then the words:
//! [`verdict`], [`sections`], [`faq`] and [`notes`], all written from one `Facts`.

pub mod chart;
mod facts;
pub mod faq;
mod methodology;
mod notes;
mod performance;
pub mod sections;
pub mod side;
pub mod summary;
pub mod tables;
mod verdict;
mod words;

use self::facts::Facts;
use self::performance::performance_rows;
use self::tables::{
    Citations, Row, monthly_rows, price_rows, profile_label, request_row, tier_rows, ways_to_pay_rows, your_request_row,
};
use crate::domain::catalog::Catalog;
use crate::domain::cost::{Billing, STANDARD_PROFILES, TYPICAL_REQUEST, Workload, workload_cost};
use crate::domain::freshness::price_freshness;
use crate::domain::index::limits_of;
use crate::domain::market::Market;
use crate::domain::model::{Date, Model};

pub use self::chart::{ChartData, ChartPoint, ListedPoint, UnscoredPoint};
pub use self::faq::{Faq, TOKENS_PER_PAGE};
pub use self::methodology::{index_methodology, methodology};
pub use self::notes::{break_even, workload_notes};
pub use self::sections::{DEFAULT_MONTHLY_REQUESTS, Section};
pub use self::side::Side;
pub use self::tables::{Citation, Figure};
pub use self::verdict::BottomLine;
pub use self::words::request_words;

/// A related comparison link.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RelatedLink {
    /// Canonical path.
    pub path: String,
    /// Link text.
    pub title: String,
}

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
    /// The standard, prompt-caching and batch rows of `ways_to_pay` (the API's older
    /// `billing` table; the page shows them once, in ways to pay).
    pub billing_rows: Vec<Row>,
    /// The priced request at every service tier and window either model offers, and with
    /// every input token cached.
    pub ways_to_pay: Vec<Row>,
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
    let ways = ways_to_pay_rows(&sa, &sb, &profile);
    // The rows the API's older `billing` table had, now rows of the one ways-to-pay table.
    let billing_rows = [Billing::STANDARD, Billing::CACHED_INPUT, Billing::BATCH]
        .iter()
        .filter_map(|b| ways.iter().find(|(w, _)| w == b).map(|(_, r)| r.clone()))
        .collect();
    let ways_to_pay: Vec<Row> = ways.into_iter().map(|(_, r)| r).collect();

    // The request the page is priced for: the reader's own, or the typical one at standard billing.
    let typical = request_row(&sa, &sb, &profile, Billing::STANDARD, String::new(), None);
    let cost_row = if custom { request_rows.last() } else { Some(&typical) }.map(|r| Row {
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

    let text = write(catalog, &market, &sa, &sb);
    let chart = chart::chart_data(catalog, &market, &sa, &sb);
    let related = related(catalog, a, b);
    let citations = cites.into_list();
    let last_updated = citations.iter().map(|c| c.as_of.clone()).max();

    Comparison {
        index_label: catalog.index.as_ref().map(|i| {
            let source = catalog.dataset.source(&i.source).map_or(i.source.as_str(), |s| s.title.as_str());
            format!("{} ({})", i.name, source)
        }),
        monthly_rows: workload.requests_per_month.map(|n| monthly_rows(&sa, &sb, n)).unwrap_or_default(),
        workload_notes: if custom { workload_notes(&sa, &sb, workload) } else { Vec::new() },
        break_even: break_even(&sa, &sb, workload),
        a: sa,
        b: sb,
        summary,
        performance_rows,
        benchmark_rows,
        price_rows,
        tier_rows,
        request_rows,
        ways_to_pay,
        billing_rows,
        verdict: text.verdict,
        bottom_line: text.bottom_line,
        sections: text.sections,
        faq: text.faq,
        chart,
        related,
        citations,
        methodology: methodology(catalog),
        request_words: request_words(workload),
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

/// Other comparisons with either model: each one's nearest neighbours in cost.
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
mod tests;
