//! What a LiteLLM import changes, as a value and as the text the command prints; the same
//! for a dry run and a real run.

use std::fmt;

use crate::domain::format;
use crate::domain::model::Date;
use crate::domain::money::PricePerMTok;
use crate::domain::rate_card::{RateCard, RateKey};

/// One field whose price changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Where on the card.
    pub key: RateKey,
    /// The rate: `standard input`, `batch output above 272,000 tokens`...
    pub field: String,
    /// The current value (`None`: not listed).
    pub old: Option<PricePerMTok>,
    /// The imported value.
    pub new: Option<PricePerMTok>,
}

/// A model whose prices change: its current period closes and a new one opens.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceChange {
    /// Model id.
    pub model: String,
    /// The LiteLLM key the new prices come from.
    pub key: String,
    /// Start of the period that closes; `None` when the model had no current price.
    pub closes_period_from: Option<Date>,
    /// The fields that differ.
    pub fields: Vec<FieldChange>,
    /// Windows and listed fees that differ, one line each (`off-peak hours: none → Mon-Fri ...`).
    pub listings: Vec<String>,
    /// The imported rate card in full.
    pub new: RateCard,
}

/// A model whose rates stay but whose listed fees change: no new period, the current card's
/// fees are replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeChange {
    /// Model id.
    pub model: String,
    /// The LiteLLM key the fees come from.
    pub key: String,
    /// One line per fee (`fee listed: ...`, `fee no longer listed: ...`).
    pub lines: Vec<String>,
}

/// A limit where LiteLLM disagrees with ours. Reported only: limits come from models.dev.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitDifference {
    /// Model id.
    pub model: String,
    /// `max input`, `context window` (when we hold no input cap) or `max output`.
    pub limit: &'static str,
    /// Ours, if we hold one.
    pub ours: Option<u64>,
    /// The LiteLLM field compared: `max_input_tokens` or `max_output_tokens`.
    pub litellm_field: &'static str,
    /// LiteLLM's value.
    pub litellm: u64,
}

/// What a LiteLLM import changes; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq)]
pub struct LitellmReport {
    /// The file's name.
    pub file: String,
    /// How many entries the file has.
    pub entries: usize,
    /// The import's date.
    pub as_of: Date,
    /// The source row the import cites.
    pub source_id: String,
    /// Models whose prices change, by id.
    pub changes: Vec<PriceChange>,
    /// Models whose rates stay and whose listed fees change (also counted as unchanged).
    pub fee_changes: Vec<FeeChange>,
    /// Models whose prices are identical.
    pub unchanged: usize,
    /// Of those, how many get a newer "last checked" date.
    pub confirmed: usize,
    /// Mapped keys the file does not have: (model, key).
    pub missing: Vec<(String, String)>,
    /// Limits LiteLLM gives differently.
    pub limits: Vec<LimitDifference>,
    /// How many chat-model keys no model maps.
    pub candidates: usize,
    /// The first of them, sorted.
    pub candidates_named: Vec<String>,
    /// Rate-like fields of mapped entries that fit no documented suffix, not read:
    /// (model, key, fields).
    pub unread: Vec<(String, String, Vec<String>)>,
    /// The unmapped chat keys of first-party providers, sorted, each with a catalog entry to
    /// paste after review.
    pub candidate_entries: Vec<(String, String)>,
    /// Shutdown dates, statuses and limits the import changes, one line each.
    pub facts: Vec<String>,
}

impl LitellmReport {
    /// Whether applying the import writes anything.
    pub fn changes_anything(&self) -> bool {
        !self.changes.is_empty() || !self.fee_changes.is_empty() || self.confirmed > 0 || !self.facts.is_empty()
    }
}

pub(super) fn price_text(p: Option<PricePerMTok>) -> String {
    p.map_or_else(|| "not listed".to_owned(), |p| p.to_string())
}

impl fmt::Display for LitellmReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "LiteLLM price map {}: {} entries, as of {}",
            self.file,
            format::count(self.entries as u64),
            self.as_of.iso()
        )?;
        writeln!(f, "Source cited: {}", self.source_id)?;
        writeln!(f, "Price changes: {}", self.changes.len())?;
        for c in &self.changes {
            match &c.closes_period_from {
                Some(from) => writeln!(
                    f,
                    "  {} ({}): the price in force since {} closes on {}",
                    c.model,
                    c.key,
                    from.iso(),
                    self.as_of.iso()
                )?,
                None => writeln!(f, "  {} ({}): first price, from {}", c.model, c.key, self.as_of.iso())?,
            }
            // Grouped by service tier: the card orders rates tier first.
            for fc in &c.fields {
                writeln!(f, "    {}: {} → {}", fc.field, price_text(fc.old), price_text(fc.new))?;
            }
            for line in &c.listings {
                writeln!(f, "    {line}")?;
            }
        }
        writeln!(f, "Listed fee changes (rates unchanged, no new period): {}", self.fee_changes.len())?;
        for c in &self.fee_changes {
            writeln!(f, "  {} ({}):", c.model, c.key)?;
            for line in &c.lines {
                writeln!(f, "    {line}")?;
            }
        }
        writeln!(
            f,
            "Unchanged prices: {} (last checked moves to {} for {})",
            self.unchanged,
            self.as_of.iso(),
            self.confirmed
        )?;
        writeln!(
            f,
            "Rate fields not read (no documented tier or meter suffix): {}",
            self.unread.iter().map(|(_, _, fields)| fields.len()).sum::<usize>()
        )?;
        for (model, key, fields) in &self.unread {
            writeln!(f, "  {model} ({key}): {}", fields.join(", "))?;
        }
        writeln!(f, "Mapped keys missing from the file: {}", self.missing.len())?;
        for (model, key) in &self.missing {
            writeln!(f, "  {model}: {key}")?;
        }
        writeln!(
            f,
            "Limits that differ from LiteLLM (reported, not applied: limits come from models.dev): {}",
            self.limits.len()
        )?;
        for l in &self.limits {
            let ours = l.ours.map_or_else(|| "none".to_owned(), format::count);
            writeln!(
                f,
                "  {}: {} {ours} here; LiteLLM {} {}",
                l.model,
                l.limit,
                l.litellm_field,
                format::count(l.litellm)
            )?;
        }
        write!(f, "Candidates for new models (chat keys no model maps): {}", format::count(self.candidates as u64))?;
        if self.candidates > self.candidates_named.len() {
            write!(f, ", the first {}", self.candidates_named.len())?;
        }
        writeln!(f)?;
        for key in &self.candidates_named {
            writeln!(f, "  {key}")?;
        }
        writeln!(f, "Statuses and limits: {}", self.facts.len())?;
        for line in &self.facts {
            writeln!(f, "  {line}")?;
        }
        writeln!(
            f,
            "First-party chat keys no model maps: {} (review, then paste into data/catalog.toml)",
            self.candidate_entries.len()
        )?;
        for (_, entry) in &self.candidate_entries {
            for line in entry.lines() {
                writeln!(f, "  {line}")?;
            }
        }
        if !self.changes_anything() {
            writeln!(f, "Nothing changes.")?;
        }
        Ok(())
    }
}
