//! How a comparison's numbers are made, in words: the headline index, value, the typical
//! request and staleness.

use crate::domain::catalog::Catalog;
use crate::domain::cost::TYPICAL_REQUEST;
use crate::domain::format;
use crate::domain::freshness::{PRICE_STALE_AFTER_DAYS, SPEED_STALE_AFTER_DAYS};

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
