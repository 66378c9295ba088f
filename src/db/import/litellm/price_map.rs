//! Pure parsing of one price-map entry into a rate card: no database. Every rate field is
//! read by name through one grammar, `{meter}{_above_1hr|_above_12hr}{_above_Nk_tokens}
//! {_batches|_flex|_priority}`, plus DeepSeek's `input_cost_per_token_cache_hit` and
//! `off_peak_pricing`, Qwen's `tiered_pricing`, and the listed fees ([`FEE_FIELDS`]). A field
//! that starts like a rate but fits no documented suffix (`_ultrafast`, `_decisions`) is not
//! guessed at: it is named in the report as not read.

use serde_json::{Map, Value};

use super::super::{ImportError, json, rejected};
use crate::domain::money::{PriceParseError, PricePerMTok};
use crate::domain::plausible;
use crate::domain::rate_card::{
    CacheTtl, FeeUnit, ListedFee, Meter, RateCard, RateKey, ServiceTier, TimeWindow, WeeklyHours,
};

/// A per-token cost at or above this ($1,000 per 1M tokens) is almost certainly a per-1M price
/// written into a per-token field.
const PER_TOKEN_CEILING_USD: f64 = 0.001;

/// LiteLLM's rate fields, by meter. The cache-write durations are suffixes of the last one.
const METER_FIELDS: [(&str, Meter); 4] = [
    ("input_cost_per_token", Meter::Input),
    ("output_cost_per_token", Meter::Output),
    ("cache_read_input_token_cost", Meter::CacheRead),
    ("cache_creation_input_token_cost", Meter::CacheWrite(CacheTtl::FiveMinutes)),
];

/// Cache-write duration suffixes (the unsuffixed field is the 5-minute cache).
const DURATION_SUFFIXES: [(&str, CacheTtl); 2] =
    [("_above_1hr", CacheTtl::OneHour), ("_above_12hr", CacheTtl::TwelveHours)];

/// Service-tier suffixes (the unsuffixed field is the standard tier).
const TIER_SUFFIXES: [(&str, ServiceTier); 3] =
    [("_batches", ServiceTier::Batch), ("_flex", ServiceTier::Flex), ("_priority", ServiceTier::Priority)];

/// Fees LiteLLM lists beside the rates, shown as notes: (field, what it is, unit).
const FEE_FIELDS: [(&str, &str, FeeUnit); 4] = [
    ("regional_processing_uplift_multiplier_eu", "EU regional processing (data residency)", FeeUnit::Multiplier),
    ("regional_processing_uplift_multiplier_us", "US regional processing (data residency)", FeeUnit::Multiplier),
    ("fedramp_uplift_multiplier", "FedRAMP (US government) processing", FeeUnit::Multiplier),
    ("google_maps_grounding_cost_per_query", "Google Maps grounding, per query", FeeUnit::UsdPerQuery),
];

/// Web search per query, by search context size (`search_context_cost_per_query`).
const SEARCH_SIZES: [(&str, &str); 3] = [
    ("search_context_size_low", "low"),
    ("search_context_size_medium", "medium"),
    ("search_context_size_high", "high"),
];

/// The LiteLLM field a rate comes from: `input_cost_per_token`,
/// `cache_read_input_token_cost_above_272k_tokens_batches`, `off_peak_pricing.input_cost_per_token`.
pub(super) fn litellm_field(key: &RateKey) -> String {
    let meter = match key.meter {
        Meter::CacheWrite(_) => Meter::CacheWrite(CacheTtl::FiveMinutes),
        m => m,
    };
    let mut field = METER_FIELDS.iter().find(|(_, m)| *m == meter).map_or("", |(f, _)| *f).to_owned();
    if let Meter::CacheWrite(ttl) = key.meter {
        field.push_str(DURATION_SUFFIXES.iter().find(|(_, t)| *t == ttl).map_or("", |(s, _)| *s));
    }
    if key.above_tokens > 0 {
        field.push_str(&format!("_above_{}k_tokens", key.above_tokens / 1000));
    }
    field.push_str(TIER_SUFFIXES.iter().find(|(_, t)| *t == key.tier).map_or("", |(s, _)| *s));
    match key.window {
        Some(_) => format!("off_peak_pricing.{field}"),
        None => field,
    }
}

/// What a field name means under the grammar: its rate key (threshold in thousands, not yet
/// checked), or `None` when it is not a rate field we read.
fn rate_key(name: &str) -> Option<(ServiceTier, Meter, Option<&str>)> {
    let &(base, mut meter) = METER_FIELDS.iter().find(|(f, _)| name.starts_with(f))?;
    let mut rest = &name[base.len()..];
    if meter == Meter::CacheWrite(CacheTtl::FiveMinutes) {
        for (suffix, ttl) in DURATION_SUFFIXES {
            if let Some(r) = rest.strip_prefix(suffix) {
                meter = Meter::CacheWrite(ttl);
                rest = r;
                break;
            }
        }
    }
    let mut thousands = None;
    if let Some(r) = rest.strip_prefix("_above_")
        && let Some(k_end) = r.find("k_tokens")
    {
        thousands = Some(&r[..k_end]);
        rest = &r[k_end + "k_tokens".len()..];
    }
    let tier = match rest {
        "" => ServiceTier::Standard,
        other => TIER_SUFFIXES.iter().find(|(s, _)| *s == other)?.1,
    };
    Some((tier, meter, thousands))
}

/// Whether a field looks like a rate (starts like one) whatever its suffix.
fn looks_like_rate(name: &str) -> bool {
    METER_FIELDS.iter().any(|(f, _)| name.starts_with(f))
}

/// One entry's rate card, and the rate-like fields it does not read.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Parsed {
    /// Every rate and window of the entry, checked; its fees are in `fees`.
    pub(super) card: RateCard,
    /// The fees the entry lists, sorted: the plan gives each its source and date.
    pub(super) fees: Vec<ListedFee>,
    /// Fields that start like a rate but fit no documented suffix, sorted.
    pub(super) unread: Vec<String>,
}

/// The rates of one mapped entry, checked. `had_output` is the model's current output price.
pub(super) fn parse_entry(
    label: &str,
    key: &str,
    entry: &Map<String, Value>,
    had_output: Option<PricePerMTok>,
) -> Result<Parsed, ImportError> {
    let mut card = RateCard::default();
    let mut unread = Vec::new();
    let zero = PricePerMTok::from_micros(0);
    for (name, value) in entry {
        // DeepSeek's cache-hit price, read below as the standard cache-read fallback.
        if name == "input_cost_per_token_cache_hit" {
            continue;
        }
        let Some((tier, meter, thousands)) = rate_key(name) else {
            if looks_like_rate(name) {
                unread.push(name.clone());
            }
            continue;
        };
        let above_tokens = match thousands {
            None => 0,
            Some(k) => {
                let above = (!k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| k.parse::<u64>().ok().and_then(|k| k.checked_mul(1000)))
                    .flatten()
                    .filter(|a| *a > 0)
                    .ok_or_else(|| {
                        rejected(label, key, name, "the tier threshold is not a positive number of thousands")
                    })?;
                if let Some(problem) = plausible::tokens_problem(above) {
                    return Err(rejected(label, key, name, format!("tier threshold: {problem}")));
                }
                above
            }
        };
        let Some(rate) = cost(label, key, name, Some(value))? else { continue };
        if rate == zero {
            // LiteLLM writes 0 as a placeholder cache-write price (DeepSeek bills a cache miss
            // at the input price); a missing rate is not a free one, so leave it unlisted.
            if matches!(meter, Meter::CacheWrite(_)) {
                continue;
            }
            let problem = if (tier, meter, above_tokens) == (ServiceTier::Standard, Meter::Output, 0) {
                let was = had_output
                    .filter(|p| *p != zero)
                    .map_or_else(String::new, |p| format!(" where the current price is {p}"));
                format!("0{was}: a 0 is a missing price, not a free model")
            } else {
                "0: a 0 is a missing price, not a free one".to_owned()
            };
            return Err(rejected(label, key, name, problem));
        }
        card.insert(RateKey { tier, window: None, above_tokens, meter }, rate);
    }
    let standard = |meter| RateKey::base(ServiceTier::Standard, meter);
    if card.get(&standard(Meter::CacheRead)).is_none()
        && let Some(hit) =
            cost(label, key, "input_cost_per_token_cache_hit", entry.get("input_cost_per_token_cache_hit"))?
    {
        card.insert(standard(Meter::CacheRead), hit);
    }
    if let Some(tp) = entry.get("tiered_pricing").filter(|v| !v.is_null()) {
        tiered_pricing(label, key, tp, &mut card)?;
    }
    if let Some(op) = entry.get("off_peak_pricing").filter(|v| !v.is_null()) {
        off_peak(label, key, op, &mut card)?;
    }
    if card.standard(Meter::Input).is_none() {
        return Err(rejected(label, key, "input_cost_per_token", "missing: a mapped model needs an input price"));
    }
    if card.standard(Meter::Output).is_none() {
        return Err(rejected(label, key, "output_cost_per_token", "missing: a mapped model needs an output price"));
    }
    // A standard long-context tier needs both its input and output rates (as before the card);
    // another tier's partial rates are kept as given and simply do not make it offered.
    for above in card.thresholds() {
        for meter in [Meter::Input, Meter::Output] {
            let k = RateKey { above_tokens: above, ..standard(meter) };
            let tier_listed = card.rates().any(|(r, _)| r.tier == ServiceTier::Standard && r.above_tokens == above);
            if tier_listed && card.get(&k).is_none() {
                return Err(rejected(
                    label,
                    key,
                    litellm_field(&k),
                    format!("the tier above {above} tokens lacks this price"),
                ));
            }
        }
    }
    let fees = fees(label, key, entry)?;
    unread.sort();
    Ok(Parsed { card, fees, unread })
}

/// Qwen's `tiered_pricing`: a list of input-token ranges, each with standard rates; the first
/// range is the base price (the top-level fields win where both exist).
fn tiered_pricing(label: &str, key: &str, tp: &Value, card: &mut RateCard) -> Result<(), ImportError> {
    let Some(list) = tp.as_array() else {
        return Err(rejected(label, key, "tiered_pricing", format!("is {}, not a list of tiers", json::kind(tp))));
    };
    let mut ranked = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let field = format!("tiered_pricing[{i}]");
        let obj = t.as_object().ok_or_else(|| rejected(label, key, &field, "a tier is not an object"))?;
        let start = obj
            .get("range")
            .and_then(Value::as_array)
            .and_then(|r| r.first())
            .and_then(Value::as_f64)
            .filter(|s| s.is_finite() && *s >= 0.0 && s.fract() == 0.0)
            .ok_or_else(|| {
                rejected(label, key, format!("{field}.range"), "needs a start of 0 or a whole number of tokens")
            })?;
        ranked.push((start as u64, field, obj));
    }
    ranked.sort_by_key(|(start, _, _)| *start);
    let listed_before = card.thresholds();
    for (n, (start, field, obj)) in ranked.into_iter().enumerate() {
        if n == 0 && start != 0 {
            return Err(rejected(label, key, format!("{field}.range"), "the first tier does not start at 0"));
        }
        if n > 0 && listed_before.contains(&start) {
            return Err(rejected(
                label,
                key,
                format!("{field}.range"),
                format!("a tier above {start} tokens is given twice"),
            ));
        }
        if let Some(problem) = plausible::tokens_problem(start) {
            return Err(rejected(label, key, format!("{field}.range"), format!("tier threshold: {problem}")));
        }
        for (name, meter) in METER_FIELDS.iter().take(3) {
            let Some(rate) = cost(label, key, &format!("{field}.{name}"), obj.get(*name))? else { continue };
            let k = RateKey { above_tokens: start, ..RateKey::base(ServiceTier::Standard, *meter) };
            if n == 0 && card.get(&k).is_some() {
                continue;
            }
            if rate.micros() == 0 {
                return Err(rejected(
                    label,
                    key,
                    format!("{field}.{name}"),
                    "0: a 0 is a missing price, not a free one",
                ));
            }
            card.insert(k, rate);
        }
    }
    Ok(())
}

/// DeepSeek's `off_peak_pricing`: standard rates that apply in UTC windows of the week.
fn off_peak(label: &str, key: &str, op: &Value, card: &mut RateCard) -> Result<(), ImportError> {
    let field = "off_peak_pricing";
    let obj =
        op.as_object().ok_or_else(|| rejected(label, key, field, format!("is {}, not an object", json::kind(op))))?;
    let mut hours = WeeklyHours::default();
    for (name, value) in obj {
        let at = format!("{field}.{name}");
        match name.as_str() {
            "windows" => windows(label, key, value, &mut hours)?,
            // Windows given in another time zone's days (Tencent's listing): not UTC, not read.
            "weekday_timezone" => {
                return Err(rejected(label, key, at, "windows in a local time zone: we read UTC windows only"));
            }
            other => {
                let Some((_, meter)) = METER_FIELDS.iter().take(3).find(|(f, _)| *f == other) else {
                    return Err(rejected(label, key, at, "not a field of off_peak_pricing we know"));
                };
                let Some(rate) = cost(label, key, &at, Some(value))? else { continue };
                if rate.micros() == 0 {
                    return Err(rejected(label, key, at, "0: a 0 is a missing price, not a free one"));
                }
                let window = Some(TimeWindow::OffPeak);
                card.insert(RateKey { window, ..RateKey::base(ServiceTier::Standard, *meter) }, rate);
            }
        }
    }
    if hours.is_empty() {
        return Err(rejected(label, key, format!("{field}.windows"), "no hours: off-peak prices need their windows"));
    }
    if !card.offers(ServiceTier::Standard, Some(TimeWindow::OffPeak)) {
        return Err(rejected(label, key, field, "needs input_cost_per_token and output_cost_per_token"));
    }
    card.set_window(TimeWindow::OffPeak, hours);
    Ok(())
}

/// `[{"hours_utc": ["00:00-01:00", ...] or "00:00-00:00", "weekdays": [1, ..., 5]}]`, ISO
/// weekdays (1 is Monday); an end of `00:00` is midnight, and a span past it runs into the
/// next day.
fn windows(label: &str, key: &str, value: &Value, hours: &mut WeeklyHours) -> Result<(), ImportError> {
    let list = value.as_array().ok_or_else(|| rejected(label, key, "off_peak_pricing.windows", "is not a list"))?;
    for (i, w) in list.iter().enumerate() {
        let at = format!("off_peak_pricing.windows[{i}]");
        let bad = |what: &str| rejected(label, key, &at, what.to_owned());
        let days: Vec<usize> = w
            .get("weekdays")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("needs weekdays, a list of 1 (Monday) to 7"))?
            .iter()
            .map(|d| d.as_u64().filter(|d| (1..=7).contains(d)).map(|d| d as usize - 1))
            .collect::<Option<_>>()
            .ok_or_else(|| bad("weekdays run from 1 (Monday) to 7"))?;
        let spans: Vec<&str> = match w.get("hours_utc") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a
                .iter()
                .map(Value::as_str)
                .collect::<Option<_>>()
                .ok_or_else(|| bad("hours_utc holds a non-text span"))?,
            _ => return Err(bad("needs hours_utc, spans like \"10:00-00:00\"")),
        };
        for span in spans {
            let hour =
                |t: &str| t.strip_suffix(":00").filter(|h| h.len() == 2)?.parse::<u32>().ok().filter(|h| *h < 24);
            let (from, to) = span
                .split_once('-')
                .and_then(|(a, b)| Some((hour(a)?, hour(b)?)))
                .ok_or_else(|| bad(&format!("`{span}` is not a span of whole UTC hours like 10:00-00:00")))?;
            for &d in &days {
                if to > from {
                    hours.add(d, from, to);
                } else {
                    hours.add(d, from, 24);
                    hours.add((d + 1) % 7, 0, to);
                }
            }
        }
    }
    Ok(())
}

/// A fee figure as an exact decimal (`1.1`, `0.025`): the float's shortest form, checked.
fn fee_figure(label: &str, key: &str, field: &str, value: &Value, unit: FeeUnit) -> Result<String, ImportError> {
    let n = value
        .as_f64()
        .filter(|n| n.is_finite() && *n > 0.0)
        .ok_or_else(|| rejected(label, key, field, "is not a positive number"))?;
    let plausible = match unit {
        FeeUnit::Multiplier => (1.0..=10.0).contains(&n),
        FeeUnit::UsdPerQuery => n <= 10.0,
    };
    if !plausible {
        return Err(rejected(label, key, field, format!("{n} is out of range for a {}", unit.as_str())));
    }
    let text = format!("{n}");
    PricePerMTok::parse(&text).map_err(|e| rejected(label, key, field, e.to_string()))?;
    Ok(text)
}

/// The surcharges and per-query fees an entry lists, sorted by what they are.
fn fees(label: &str, key: &str, entry: &Map<String, Value>) -> Result<Vec<ListedFee>, ImportError> {
    let mut out = Vec::new();
    for (field, what, unit) in FEE_FIELDS {
        if let Some(v) = entry.get(field).filter(|v| !v.is_null()) {
            out.push(ListedFee { what: what.to_owned(), unit, figure: fee_figure(label, key, field, v, unit)? });
        }
    }
    if let Some(v) = entry.get("search_context_cost_per_query").filter(|v| !v.is_null()) {
        let field = "search_context_cost_per_query";
        let obj = v.as_object().ok_or_else(|| rejected(label, key, field, "is not an object of context sizes"))?;
        let mut sized = Vec::new();
        for (name, size) in SEARCH_SIZES {
            if let Some(v) = obj.get(name) {
                sized.push((size, fee_figure(label, key, &format!("{field}.{name}"), v, FeeUnit::UsdPerQuery)?));
            }
        }
        // One figure when every context size costs the same, as most entries list it.
        if sized.windows(2).all(|w| w[0].1 == w[1].1) {
            if let Some((_, figure)) = sized.into_iter().next() {
                out.push(ListedFee { what: "web search, per query".into(), unit: FeeUnit::UsdPerQuery, figure });
            }
        } else {
            for (size, figure) in sized {
                out.push(ListedFee {
                    what: format!("web search, per query ({size} context)"),
                    unit: FeeUnit::UsdPerQuery,
                    figure,
                });
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The exact decimal, in dollars per 1M tokens, of a per-token cost: the shortest decimal that
/// reads back as the same float (Python's `repr`) with the point
/// moved six places, so 1.5e-07 becomes `0.15` and never 0.15000000000000002.
fn per_mtok_decimal(per_token: f64) -> String {
    if per_token == 0.0 {
        return "0".to_owned();
    }
    let sci = format!("{per_token:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{frac}");
    let point = whole.len() as i64 + exponent + 6;
    if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    }
}

/// A per-token cost field as an exact price per 1M tokens; `None` when absent or null.
fn cost(label: &str, key: &str, field: &str, value: Option<&Value>) -> Result<Option<PricePerMTok>, ImportError> {
    let n = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
        Some(other) => {
            return Err(rejected(label, key, field, format!("is {}, not a number", json::kind(other))));
        }
    };
    if !n.is_finite() || n < 0.0 {
        return Err(rejected(label, key, field, format!("{n} is not a cost: costs are finite numbers of 0 or more")));
    }
    if n >= PER_TOKEN_CEILING_USD {
        return Err(rejected(
            label,
            key,
            field,
            format!(
                "{n} USD per token is ${} per 1M tokens: this looks like a per-1M price in a per-token field (unit mix-up)",
                per_mtok_decimal(n)
            ),
        ));
    }
    let decimal = per_mtok_decimal(n.abs());
    PricePerMTok::parse(&decimal).map(Some).map_err(|e| {
        let problem = match e {
            PriceParseError::TooPrecise(_) => format!(
                "{n} USD per token is {decimal} per 1M tokens, finer than a millionth of a dollar: the figure is probably off by a factor of 1e6 (unit mix-up)"
            ),
            other => other.to_string(),
        };
        rejected(label, key, field, problem)
    })
}

#[cfg(test)]
#[path = "price_map_tests.rs"]
mod tests;
