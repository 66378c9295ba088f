//! The pure plan of a LiteLLM import: from the parsed entries and the database's state, the
//! report and the writes. No database: testable with plain values.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::super::{ImportError, ImportOptions, litellm_facts, rejected};
use super::price_map::{litellm_field, parse_entry};
use super::read::{Current, OurLimits};
use super::report::{FeeChange, FieldChange, LimitDifference, LitellmReport, PriceChange, price_text};
use crate::domain::model::Date;
use crate::domain::plausible;
use crate::domain::rate_card::{ListedFee, Meter, RateCard, RateKey, SourcedFee, TimeWindow, WeeklyHours};

/// How many unmapped chat keys the report names (it always gives the total).
const CANDIDATES_NAMED: usize = 20;

/// The report plus what applying it writes.
pub(super) struct Plan {
    pub(super) report: LitellmReport,
    pub(super) source_title: String,
    pub(super) source_exists: bool,
    /// (current price id to close, model, new prices) for each change, in report order.
    pub(super) writes: Vec<(Option<i64>, String, RateCard)>,
    /// Current price rows whose `last_seen_in` moves to the import's source.
    pub(super) confirms: Vec<i64>,
    /// Current price rows whose rates stay and whose listed fees are replaced.
    pub(super) fee_writes: Vec<(i64, Vec<SourcedFee>)>,
    /// Models whose status or limit figures change.
    pub(super) fact_writes: Vec<litellm_facts::StoredFacts>,
}

pub(super) fn plan(
    label: &str,
    file_name: &str,
    entries: &Map<String, Value>,
    current: &Current,
    options: &ImportOptions,
    cite: Option<&str>,
    (stored, dates): &litellm_facts::Stored,
) -> Result<Plan, ImportError> {
    let (as_of, allow_price_jump) = (&options.as_of, options.allow_price_jump);
    let (source_id, source_title, source_exists) = match cite {
        Some(id) => (id.to_owned(), String::new(), true),
        None => source_for(file_name, as_of, &current.sources),
    };

    // Group the mapped keys by model, keeping each model's keys sorted.
    let mut by_model: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (model, key) in &current.keys {
        by_model.entry(model).or_default().push(key);
    }

    let mut report = LitellmReport {
        file: file_name.to_owned(),
        entries: entries.len(),
        as_of: as_of.clone(),
        source_id: source_id.clone(),
        changes: Vec::new(),
        fee_changes: Vec::new(),
        unchanged: 0,
        confirmed: 0,
        missing: Vec::new(),
        limits: Vec::new(),
        candidates: 0,
        candidates_named: Vec::new(),
        unread: Vec::new(),
        candidate_entries: Vec::new(),
        facts: Vec::new(),
    };
    let mut writes = Vec::new();
    let mut confirms = Vec::new();
    let mut fee_writes = Vec::new();
    let mut fact_writes = Vec::new();

    for (model, keys) in by_model {
        let existing = current.prices.get(model);
        let mut found: Option<(&str, RateCard, Vec<ListedFee>)> = None;
        for key in keys {
            let Some(entry) = entries.get(key).and_then(Value::as_object) else {
                report.missing.push((model.to_owned(), key.to_owned()));
                continue;
            };
            let had_output = existing.and_then(|c| c.prices.standard(Meter::Output));
            let parsed = parse_entry(label, key, entry, had_output)?;
            if !parsed.unread.is_empty() && found.is_none() {
                report.unread.push((model.to_owned(), key.to_owned(), parsed.unread));
            }
            let (set, listed) = (parsed.card, parsed.fees);
            match &found {
                Some((first, prices, fees)) if *prices != set || *fees != listed => {
                    return Err(rejected(
                        label,
                        key,
                        "(prices)",
                        format!("differs from `{first}`, which is mapped to the same model {model}"),
                    ));
                }
                Some(_) => {}
                None => {
                    report.limits.extend(limit_differences(model, entry, current.models.get(model)));
                    let facts = litellm_facts::entry_facts(label, key, entry)?;
                    if let Some(before) = stored.get(model) {
                        let newest = litellm_facts::newest_cited(&before.0, dates);
                        let (after, lines) = litellm_facts::updated(before, &facts, &source_id, as_of, newest);
                        if after != before.0 {
                            report.facts.extend(lines);
                            fact_writes.push(after);
                        }
                    }
                    found = Some((key, set, listed));
                }
            }
        }
        let Some((key, mut set, listed)) = found else { continue };
        let old_fees = existing.map_or(&[][..], |c| c.prices.fees.as_slice());
        set.fees = sourced_fees(old_fees, listed, &source_id, as_of);
        match existing {
            // Rates and windows alone decide a new period: a fee listed or dropped is not a price change.
            Some(c) if c.prices.same_rates(&set) => {
                report.unchanged += 1;
                let seen = current.sources.get(&c.last_seen_in).map(|(_, d)| d.as_str());
                if c.last_seen_in != source_id && seen.is_none_or(|d| d < as_of.iso()) {
                    report.confirmed += 1;
                    confirms.push(c.id);
                }
                // An older map imported late does not undo a newer one's listing.
                let lines = fee_changes(old_fees, &set.fees);
                if !lines.is_empty() && seen.is_none_or(|d| d <= as_of.iso()) {
                    report.fee_changes.push(FeeChange { model: model.to_owned(), key: key.to_owned(), lines });
                    fee_writes.push((c.id, set.fees));
                }
            }
            _ => {
                if let Some(c) = existing
                    && c.effective_from.as_str() > as_of.iso()
                {
                    return Err(rejected(
                        label,
                        key,
                        "(as of)",
                        format!(
                            "the current price of {model} starts on {}, after this import's date {}: import price maps in date order (--as-of sets the date)",
                            c.effective_from,
                            as_of.iso()
                        ),
                    ));
                }
                let fields = field_changes(existing.map(|c| &c.prices), &set);
                if !allow_price_jump
                    && let Some(jump) = fields
                        .iter()
                        .find(|f| matches!((f.old, f.new), (Some(o), Some(n)) if plausible::is_price_jump(o, n)))
                {
                    return Err(rejected(
                        label,
                        key,
                        litellm_field(&jump.key),
                        format!(
                            "{} -> {} moves {}x or more: a unit slip? (--allow-price-jump if it is meant)",
                            price_text(jump.old),
                            price_text(jump.new),
                            plausible::PRICE_JUMP_FACTOR
                        ),
                    ));
                }
                report.changes.push(PriceChange {
                    model: model.to_owned(),
                    key: key.to_owned(),
                    closes_period_from: existing.and_then(|c| Date::parse(&c.effective_from)),
                    fields,
                    listings: listing_changes(existing.map(|c| &c.prices), &set),
                    new: set.clone(),
                });
                writes.push((existing.map(|c| c.id), model.to_owned(), set));
            }
        }
    }

    let mapped: std::collections::HashSet<&str> = current.keys.iter().map(|(_, k)| k.as_str()).collect();
    let mut candidates: Vec<&String> = entries
        .iter()
        .filter(|(key, e)| !mapped.contains(key.as_str()) && e.get("mode").and_then(Value::as_str) == Some("chat"))
        .map(|(key, _)| key)
        .collect();
    candidates.sort();
    report.candidates = candidates.len();
    report.candidates_named = candidates.into_iter().take(CANDIDATES_NAMED).cloned().collect();
    report.candidate_entries = litellm_facts::candidate_entries(entries.iter(), &|k| mapped.contains(k));
    Ok(Plan { report, source_title, source_exists, writes, confirms, fee_writes, fact_writes })
}

/// The source row this import cites: `litellm-import-{date}`, or `-2`, `-3`... when another
/// file was imported the same day. Re-importing the same file on the same day reuses its row.
fn source_for(file_name: &str, as_of: &Date, sources: &HashMap<String, (String, String)>) -> (String, String, bool) {
    let title = format!("LiteLLM price map {file_name}, imported {}", as_of.iso());
    let base = format!("litellm-import-{}", as_of.iso());
    for n in 1.. {
        let id = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        match sources.get(&id) {
            None => return (id, title, false),
            Some((t, _)) if *t == title => return (id, title, true),
            Some(_) => {}
        }
    }
    unreachable!("an unbounded search finds a free id")
}

/// The rates that differ between the current card and the imported one, in card order.
fn field_changes(old: Option<&RateCard>, new: &RateCard) -> Vec<FieldChange> {
    let mut merged: BTreeMap<RateKey, FieldChange> = BTreeMap::new();
    for (key, old) in old.into_iter().flat_map(RateCard::rates) {
        merged.insert(*key, FieldChange { key: *key, field: key.to_string(), old: Some(old), new: None });
    }
    for (key, new) in new.rates() {
        merged
            .entry(*key)
            .or_insert_with(|| FieldChange { key: *key, field: key.to_string(), old: None, new: None })
            .new = Some(new);
    }
    merged.into_values().filter(|c| c.old != c.new).collect()
}

/// The windows and listed fees that differ between the current card and the imported one.
fn listing_changes(old: Option<&RateCard>, new: &RateCard) -> Vec<String> {
    let empty = RateCard::default();
    let old = old.unwrap_or(&empty);
    let mut out = Vec::new();
    for w in TimeWindow::ALL {
        let (a, b) = (old.window_hours(w), new.window_hours(w));
        if a != b {
            let text = |h: Option<&WeeklyHours>| h.map_or_else(|| "none".to_owned(), |h| format!("{h} UTC"));
            out.push(format!("{} hours: {} → {}", w.label(), text(a), text(b)));
        }
    }
    out.extend(fee_changes(&old.fees, &new.fees));
    out
}

/// The imported fees with their provenance: a fee the current card already lists with the
/// same figure keeps its source and first date; any other is listed by this import, today.
fn sourced_fees(old: &[SourcedFee], listed: Vec<ListedFee>, source_id: &str, as_of: &Date) -> Vec<SourcedFee> {
    listed
        .into_iter()
        .map(|fee| match old.iter().find(|s| s.fee == fee) {
            Some(kept) => kept.clone(),
            None => SourcedFee { fee, source: source_id.into(), listed_from: as_of.clone() },
        })
        .collect()
}

/// The fees that leave the card and those that join it, one line each, with their sources.
fn fee_changes(old: &[SourcedFee], new: &[SourcedFee]) -> Vec<String> {
    let listed = |list: &[SourcedFee], f: &SourcedFee| list.iter().any(|s| s.fee == f.fee);
    let gone = old.iter().filter(|f| !listed(new, f)).map(|f| {
        format!("fee no longer listed: {} (listed by {} from {})", f.fee.text(), f.source, f.listed_from.iso())
    });
    let added = new.iter().filter(|f| !listed(old, f)).map(|f| format!("fee listed: {}", f.fee.text()));
    gone.chain(added).collect()
}

fn limit_differences(model: &str, entry: &Map<String, Value>, ours: Option<&OurLimits>) -> Vec<LimitDifference> {
    let ours = ours.copied().unwrap_or_default();
    // LiteLLM's max_input_tokens is what a request may send: our input cap where we hold one
    // (GPT-5: 272,000 of a 400,000 context), else the context window.
    let input = match ours.max_input {
        Some(cap) => ("max input", Some(cap)),
        None => ("context window", ours.context_window),
    };
    [(input.0, input.1, "max_input_tokens"), ("max output", ours.max_output, "max_output_tokens")]
        .into_iter()
        .filter_map(|(limit, ours, field)| {
            let litellm = entry.get(field).and_then(Value::as_u64).filter(|v| *v > 0)?;
            (ours != Some(litellm)).then(|| LimitDifference {
                model: model.to_owned(),
                limit,
                ours,
                litellm_field: field,
                litellm,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn litellm_max_input_tokens_is_compared_with_our_input_cap_else_the_context_window() {
        let entry = serde_json::json!({"max_input_tokens": 272_000, "max_output_tokens": 128_000});
        let entry = entry.as_object().unwrap();
        let capped = OurLimits { context_window: Some(400_000), max_output: Some(128_000), max_input: Some(272_000) };
        assert_eq!(limit_differences("gpt-5", entry, Some(&capped)), []);

        let uncapped = OurLimits { max_input: None, ..capped };
        let found = limit_differences("gpt-5", entry, Some(&uncapped));
        assert_eq!(
            found,
            [LimitDifference {
                model: "gpt-5".into(),
                limit: "context window",
                ours: Some(400_000),
                litellm_field: "max_input_tokens",
                litellm: 272_000,
            }]
        );

        let other_cap = OurLimits { max_input: Some(922_000), ..capped };
        let found = limit_differences("gpt-5", entry, Some(&other_cap));
        assert_eq!(found.iter().map(|d| (d.limit, d.ours)).collect::<Vec<_>>(), [("max input", Some(922_000))]);
    }
}
