//! Notes on the reader's workload: what its pricing had to assume on each model, and where the
//! cheaper model stops being cheaper.

use super::side::Side;
use crate::domain::cost::{BillingNote, LimitViolation, NoPrice, Workload, workload_rates};
use crate::domain::format;
use crate::domain::rate_card::ServiceTier;

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
    // Where the two costs cross, and which side of it the cheaper model keeps.
    let crossing = |holds: &str, unit: &str, beyond: &str| {
        let at = input * d_in / d_out;
        format!(
            "At {size} input tokens, {} {holds} about {} output tokens{unit} (an output/input ratio of {}); {beyond} {} is cheaper.",
            cheap.name(),
            format::count(at.max(0) as u64),
            format::number(at as f64 / input.max(1) as f64, 2),
            dear.name()
        )
    };
    if d_out > 0 {
        // The cheaper model pays more per output token: longer answers erode its lead.
        if input * d_in / d_out > limit {
            return Some(format!(
                "At {size} input tokens, {} stays cheaper at any output length either model allows.",
                cheap.name()
            ));
        }
        Some(crossing("stays cheaper up to", " per request", "past that"))
    } else if d_out < 0 && d_in < 0 {
        // The cheaper model pays more per input token but wins on output: short answers lose it.
        Some(crossing("is cheaper only while answers run above", "", "with shorter answers"))
    } else {
        Some(format!(
            "{} is cheaper at every output length for {size}-token inputs{}: it costs no more per input token and no more per output token.",
            cheap.name(),
            if workload.cached_percent > 0 { " at this cache share" } else { "" }
        ))
    }
}
