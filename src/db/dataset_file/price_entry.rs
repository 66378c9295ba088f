//! A price period in the dataset file: its dates, sources and whole rate card, and the one
//! conversion between that form and the domain's [`PriceSchedule`] (export writes with
//! [`PriceEntry::from_schedule`], import and validation read with [`PriceEntry::schedule`]).

use serde::{Deserialize, Serialize};

use super::{Invalid, check_price, check_texts, check_tokens, invalid};
use crate::domain::model::{Date, PriceSchedule};
use crate::domain::money::PricePerMTok;
use crate::domain::rate_card::{
    FeeUnit, ListedFee, Meter, RateCard, RateKey, ServiceTier, SourcedFee, TimeWindow, WeeklyHours,
};

/// One price period: its dates, sources and whole rate card.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceEntry {
    /// First date seen.
    pub effective_from: String,
    /// Replaced on.
    pub effective_to: Option<String>,
    /// Every published rate, in the card's order (tier, window, threshold, meter).
    pub rates: Vec<RateEntry>,
    /// The UTC hours of each time window the rates name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<WindowEntry>,
    /// Surcharges and per-query fees the source lists, shown as notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<FeeEntry>,
    /// First snapshot showing it.
    pub source: String,
    /// Newest snapshot showing it.
    pub last_seen_in: String,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One rate of a card.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateEntry {
    /// `standard`, `batch`, `flex` or `priority`.
    pub tier: String,
    /// `off-peak`; absent for all hours outside any window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    /// Long-context threshold in input tokens; absent (0) for the base rate.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub above_tokens: u64,
    /// `input`, `output`, `cache_read`, `cache_write_5m`, `cache_write_1h`, `cache_write_12h`.
    pub meter: String,
    /// $/1M tokens as an exact decimal.
    pub usd: String,
}

/// The hours of one time window.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowEntry {
    /// `off-peak`.
    pub window: String,
    /// `Mon-Fri 00:00-01:00, 10:00-24:00; Sat-Sun 00:00-24:00` (UTC).
    pub hours_utc: String,
}

/// A listed fee.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeEntry {
    /// What it is, in words.
    pub what: String,
    /// `multiplier` or `usd_per_query`.
    pub unit: String,
    /// The figure as an exact decimal.
    pub figure: String,
    /// The source that listed it; absent in files written before fees had their own
    /// provenance, which then take the period's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The date it was first listed; absent as above, then the period's effective_from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_from: Option<String>,
}

impl PriceEntry {
    /// The period as the export writes it.
    pub fn from_schedule(p: &PriceSchedule) -> Self {
        PriceEntry {
            effective_from: p.effective_from.iso().to_owned(),
            effective_to: p.effective_to.as_ref().map(|d| d.iso().to_owned()),
            rates: p
                .rates
                .rates()
                .map(|(k, v)| RateEntry {
                    tier: k.tier.as_str().to_owned(),
                    window: k.window.map(|w| w.as_str().to_owned()),
                    above_tokens: k.above_tokens,
                    meter: k.meter.as_str().to_owned(),
                    usd: v.to_decimal(),
                })
                .collect(),
            windows: p
                .rates
                .windows()
                .map(|(w, h)| WindowEntry { window: w.as_str().to_owned(), hours_utc: h.to_string() })
                .collect(),
            fees: p
                .rates
                .fees
                .iter()
                .map(|f| FeeEntry {
                    what: f.fee.what.clone(),
                    unit: f.fee.unit.as_str().to_owned(),
                    figure: f.fee.figure.clone(),
                    source: Some(f.source.to_string()),
                    listed_from: Some(f.listed_from.iso().to_owned()),
                })
                .collect(),
            source: p.source.to_string(),
            last_seen_in: p.last_seen_in.to_string(),
        }
    }

    /// The period as the domain holds it, every field checked; the error names the entry
    /// (`models[gpt-4o-mini].prices[0]`) and field.
    pub fn schedule(&self, entry: &str) -> Result<PriceSchedule, Invalid> {
        let date = |field: &str, text: &str| {
            Date::parse(text).ok_or_else(|| invalid(entry, field, format!("`{text}` is not a YYYY-MM-DD date")))
        };
        let effective_from = date("effective_from", &self.effective_from)?;
        let effective_to = self.effective_to.as_deref().map(|t| date("effective_to", t)).transpose()?;
        if effective_to.as_ref().is_some_and(|to| *to < effective_from) {
            return Err(invalid(entry, "effective_to", "ends before it starts"));
        }
        let mut rates = RateCard::default();
        for (i, w) in self.windows.iter().enumerate() {
            let field = format!("windows[{i}]");
            let window = TimeWindow::parse(&w.window)
                .ok_or_else(|| invalid(entry, &field, format!("unknown window `{}`", w.window)))?;
            let hours = WeeklyHours::parse(&w.hours_utc).ok_or_else(|| {
                invalid(entry, &field, format!("`{}` is not hours like `Mon-Fri 00:00-08:00`", w.hours_utc))
            })?;
            if rates.window_hours(window).is_some() {
                return Err(invalid(entry, &field, format!("window `{}` is given twice", w.window)));
            }
            rates.set_window(window, hours);
        }
        for (i, r) in self.rates.iter().enumerate() {
            let field = format!("rates[{i}]");
            let tier = ServiceTier::parse(&r.tier)
                .ok_or_else(|| invalid(entry, &field, format!("unknown tier `{}`", r.tier)))?;
            let meter =
                Meter::parse(&r.meter).ok_or_else(|| invalid(entry, &field, format!("unknown meter `{}`", r.meter)))?;
            let window = match &r.window {
                None => None,
                Some(w) => {
                    let window =
                        TimeWindow::parse(w).ok_or_else(|| invalid(entry, &field, format!("unknown window `{w}`")))?;
                    if rates.window_hours(window).is_none() {
                        return Err(invalid(entry, &field, format!("window `{w}` has no hours in `windows`")));
                    }
                    Some(window)
                }
            };
            check_tokens(entry, &field, r.above_tokens)?;
            let price = check_price(entry, &field, &r.usd)?;
            if rates.insert(RateKey { tier, window, above_tokens: r.above_tokens, meter }, price).is_some() {
                return Err(invalid(entry, &field, "this rate is given twice"));
            }
        }
        let (input, output) = (rates.standard(Meter::Input), rates.standard(Meter::Output));
        match (input, output) {
            (Some(i), Some(o)) if i.micros() == 0 && o.micros() == 0 => {
                return Err(invalid(entry, "rates", "input and output both 0: a missing price, not a free model"));
            }
            (Some(_), Some(_)) => {}
            _ => return Err(invalid(entry, "rates", "needs the standard input and output rates")),
        }
        for (i, f) in self.fees.iter().enumerate() {
            let field = format!("fees[{i}]");
            check_texts(entry, [(field.as_str(), f.what.as_str())])?;
            let unit = FeeUnit::parse(&f.unit)
                .ok_or_else(|| invalid(entry, &field, format!("unknown fee unit `{}`", f.unit)))?;
            PricePerMTok::parse(&f.figure).map_err(|e| invalid(entry, &field, e.to_string()))?;
            let listed_from = match &f.listed_from {
                Some(text) => date(&format!("{field}.listed_from"), text)?,
                None => effective_from.clone(),
            };
            let fee = ListedFee { what: f.what.clone(), unit, figure: f.figure.clone() };
            if rates.fees.iter().any(|s| s.fee.what == fee.what) {
                return Err(invalid(entry, &field, format!("fee `{}` is given twice", fee.what)));
            }
            let source = f.source.as_deref().unwrap_or(&self.source).into();
            rates.fees.push(SourcedFee { fee, source, listed_from });
        }
        rates.fees.sort();
        Ok(PriceSchedule {
            effective_from,
            effective_to,
            rates,
            source: self.source.as_str().into(),
            last_seen_in: self.last_seen_in.as_str().into(),
        })
    }
}
