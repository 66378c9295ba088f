//! Exact money. Prices are integer millionths of a dollar per 1M tokens, so the cost of one
//! token is an integer number of picodollars and every request cost is exact: no float
//! artefact such as 0.009899999 can reach a page.

use std::fmt;
use std::ops::{Add, Sub};

/// A list price in US dollars per 1M tokens, held as integer millionths of a dollar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PricePerMTok(u64);

/// Why a decimal price string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceParseError {
    /// Not a plain non-negative decimal such as `0.075`.
    #[error("`{0}` is not a plain decimal number of dollars (like 0.075)")]
    NotDecimal(String),
    /// More precision than a millionth of a dollar per 1M tokens.
    #[error("`{0}` has more than 6 decimal places")]
    TooPrecise(String),
    /// Larger than any plausible price (guards unit mix-ups).
    #[error("`{0}` is above $1,000,000 per 1M tokens")]
    TooLarge(String),
}

impl PricePerMTok {
    /// A price from integer millionths of a dollar per 1M tokens.
    pub const fn from_micros(micros: u64) -> Self {
        Self(micros)
    }

    /// Millionths of a dollar per 1M tokens (what the database stores).
    pub const fn micros(self) -> u64 {
        self.0
    }

    /// Parses a decimal dollar amount per 1M tokens such as `"0.075"` exactly.
    pub fn parse(text: &str) -> Result<Self, PriceParseError> {
        let bad = || PriceParseError::NotDecimal(text.to_owned());
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) || (text.contains('.') && frac.is_empty()) {
            return Err(bad());
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 6 {
            return Err(PriceParseError::TooPrecise(text.to_owned()));
        }
        let whole: u64 = whole.parse().map_err(|_| bad())?;
        if whole >= 1_000_000 {
            return Err(PriceParseError::TooLarge(text.to_owned()));
        }
        let frac_micros: u64 = if frac.is_empty() {
            0
        } else {
            frac.parse::<u64>().map_err(|_| bad())? * 10u64.pow(6 - frac.len() as u32)
        };
        Ok(Self(whole * 1_000_000 + frac_micros))
    }

    /// What `tokens` tokens cost at this price.
    pub fn cost_of(self, tokens: u64) -> Usd {
        // micro-dollars per 1M tokens == picodollars per token.
        Usd::from_picos(i128::from(self.0) * i128::from(tokens))
    }

    /// The exact price as a plain decimal string of dollars per 1M tokens (`0.075`, `15`).
    pub fn to_decimal(self) -> String {
        Usd::from_picos(i128::from(self.0) * 1_000_000).to_decimal()
    }

    /// The price as dollars, for chart axes only (never for arithmetic that reaches a page).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1e6
    }
}

impl fmt::Display for PricePerMTok {
    /// `$0.15`, `$0.075`, `$15.00`, `$0.00875`: at least cents, every significant digit kept.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 1_000_000;
        let frac = format!("{:06}", self.0 % 1_000_000);
        let mut frac = frac.trim_end_matches('0').to_owned();
        while frac.len() < 2 {
            frac.push('0');
        }
        write!(f, "${}.{}", group_thousands(whole), frac)
    }
}

/// An exact amount of US dollars, in picodollars (1e-12 USD); signed so differences work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Usd(i128);

const PICOS_PER_DOLLAR: i128 = 1_000_000_000_000;

impl Usd {
    /// Zero dollars.
    pub const ZERO: Usd = Usd(0);

    /// An amount from picodollars.
    pub const fn from_picos(picos: i128) -> Self {
        Self(picos)
    }

    /// The amount in picodollars.
    pub const fn picos(self) -> i128 {
        self.0
    }

    /// Whole dollars, for building test values and monthly figures.
    pub const fn from_dollars(dollars: i128) -> Self {
        Self(dollars * PICOS_PER_DOLLAR)
    }

    /// The amount multiplied by a count (requests per month, say).
    pub fn times(self, count: u64) -> Self {
        Self(self.0.saturating_mul(i128::from(count)))
    }

    /// The absolute value.
    pub fn abs(self) -> Self {
        Self(self.0.abs())
    }

    /// The exact amount as a plain decimal string of dollars (`0.00135`, `16200`, `-0.00225`),
    /// for data formats where a float would lose digits.
    pub fn to_decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let picos = self.0.unsigned_abs();
        let whole = picos / PICOS_PER_DOLLAR as u128;
        let frac = format!("{:012}", picos % PICOS_PER_DOLLAR as u128);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{frac}") }
    }

    /// The amount as dollars, for chart positions and ratios (never shown as money).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / PICOS_PER_DOLLAR as f64
    }

    /// The amount as a decimal string with at most `sig` significant digits below $1 and
    /// cents from $1 up; rounding is half away from zero.
    fn render(self, sig: u32) -> String {
        let negative = self.0 < 0;
        let picos = self.0.unsigned_abs();
        let sign = if negative { "-" } else { "" };
        if picos == 0 {
            return "$0".to_owned();
        }
        if picos >= PICOS_PER_DOLLAR as u128 {
            // Every digit down to a millionth of a dollar (more when a pair needs it), trailing
            // zeros dropped but never fewer than cents: $1.5225, $16,200.00, $1.360005.
            let decimals = (6 + sig.saturating_sub(DEFAULT_SIGNIFICANT_DIGITS)).min(12);
            let unit = 10u128.pow(decimals);
            let scaled = round_div(picos, 10u128.pow(12 - decimals));
            let frac = format!("{:0width$}", scaled % unit, width = decimals as usize);
            let frac = frac.trim_end_matches('0');
            let frac = if frac.len() < 2 { format!("{frac:0<2}") } else { frac.to_owned() };
            return format!("{sign}${}.{frac}", group_thousands_u128(scaled / unit));
        }
        // Below a dollar: keep `sig` significant digits of the 12 decimal places.
        let digits = picos.to_string(); // at most 12 digits here
        let leading_zeros = 12 - digits.len() as u32;
        let keep = (leading_zeros + sig).min(12);
        let scale = 10u128.pow(12 - keep);
        let rounded = round_div(picos, scale);
        if rounded >= 10u128.pow(keep) {
            // Rounded up to a whole dollar.
            return format!("{sign}$1.00");
        }
        let frac = format!("{:0width$}", rounded, width = keep as usize);
        let frac = frac.trim_end_matches('0');
        let frac = if frac.len() < 2 { format!("{frac:0<2}") } else { frac.to_owned() };
        format!("{sign}$0.{frac}")
    }
}

/// Significant digits shown for amounts under a dollar: enough to keep every real difference
/// between the request costs of our dataset visible.
const DEFAULT_SIGNIFICANT_DIGITS: u32 = 6;

impl fmt::Display for Usd {
    /// `$0.000195`, `$0.0036`, `$16,200.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(DEFAULT_SIGNIFICANT_DIGITS))
    }
}

/// Formats two amounts shown side by side so that different amounts never print the same:
/// precision grows until they differ (or both print exactly).
pub fn format_usd_pair(a: Usd, b: Usd) -> (String, String) {
    let mut sig = DEFAULT_SIGNIFICANT_DIGITS;
    loop {
        let (x, y) = (a.render(sig), b.render(sig));
        if a == b || x != y || sig >= 12 {
            return (x, y);
        }
        sig += 1;
    }
}

impl Add for Usd {
    type Output = Usd;
    fn add(self, other: Usd) -> Usd {
        Usd(self.0 + other.0)
    }
}

impl Sub for Usd {
    type Output = Usd;
    fn sub(self, other: Usd) -> Usd {
        Usd(self.0 - other.0)
    }
}

fn round_div(n: u128, d: u128) -> u128 {
    (n + d / 2) / d
}

fn group_thousands(n: u64) -> String {
    group_thousands_u128(u128::from(n))
}

/// `1234567` as `1,234,567`.
pub(crate) fn group_thousands_u128(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PricePerMTok {
        PricePerMTok::parse(s).unwrap()
    }

    #[test]
    fn parses_decimal_prices_exactly() {
        assert_eq!(p("0.15").micros(), 150_000);
        assert_eq!(p("0.075").micros(), 75_000);
        assert_eq!(p("15").micros(), 15_000_000);
        assert_eq!(p("0.00875").micros(), 8_750);
        assert_eq!(p("1.250000").micros(), 1_250_000);
    }

    #[test]
    fn refuses_prices_that_are_not_plain_decimals() {
        for bad in ["", "-1", "1e-6", "0.", ".5", "abc", "1,5", " 1", "NaN"] {
            assert!(PricePerMTok::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(PricePerMTok::parse("0.0000001"), Err(PriceParseError::TooPrecise("0.0000001".into())));
        assert!(matches!(PricePerMTok::parse("1500000"), Err(PriceParseError::TooLarge(_))));
    }

    #[test]
    fn prices_show_every_significant_digit_and_at_least_cents() {
        assert_eq!(p("0.15").to_string(), "$0.15");
        assert_eq!(p("0.4").to_string(), "$0.40");
        assert_eq!(p("0.075").to_string(), "$0.075");
        assert_eq!(p("15").to_string(), "$15.00");
        assert_eq!(p("0.00875").to_string(), "$0.00875");
        assert_eq!(p("1250").to_string(), "$1,250.00");
    }

    #[test]
    fn token_costs_are_exact() {
        // 50,000 tokens at $0.15/M + 4,000 at $0.60/M = $0.0075 + $0.0024 = $0.0099 exactly.
        let cost = p("0.15").cost_of(50_000) + p("0.6").cost_of(4_000);
        assert_eq!(cost.picos(), 9_900_000_000);
        assert_eq!(cost.to_string(), "$0.0099");
    }

    #[test]
    fn costs_keep_small_differences_visible() {
        assert_eq!(Usd::from_picos(195_000_000).to_string(), "$0.000195");
        assert_eq!(Usd::from_picos(520_000_000).to_string(), "$0.00052");
        assert_eq!(Usd::from_picos(43_750_000).to_string(), "$0.00004375");
        assert_eq!(Usd::ZERO.to_string(), "$0");
        assert_eq!(Usd::from_dollars(16_200).to_string(), "$16,200.00");
        assert_eq!(Usd::from_picos(1_234_567_890_123_456).to_string(), "$1,234.56789");
        assert_eq!(Usd::from_picos(1_522_500_000_000).to_string(), "$1.5225");
        assert_eq!(Usd::from_picos(1_360_005_000_000).to_string(), "$1.360005");
        assert_eq!(Usd::from_picos(-2_250_000_000).to_string(), "-$0.00225");
        // 7 significant digits round at the 6th.
        assert_eq!(Usd::from_picos(123_456_789).to_string(), "$0.000123457");
        // Just under a dollar rounds up to a dollar.
        assert_eq!(Usd::from_picos(999_999_999_999).to_string(), "$1.00");
    }

    #[test]
    fn decimal_strings_are_exact() {
        assert_eq!(Usd::from_picos(1_350_000_000).to_decimal(), "0.00135");
        assert_eq!(Usd::from_dollars(16_200).to_decimal(), "16200");
        assert_eq!(Usd::from_picos(-2_250_000_000).to_decimal(), "-0.00225");
        assert_eq!(Usd::from_picos(1).to_decimal(), "0.000000000001");
        assert_eq!(Usd::ZERO.to_decimal(), "0");
    }

    #[test]
    fn a_pair_of_different_amounts_never_prints_the_same() {
        let a = Usd::from_picos(100_000_000_001);
        let b = Usd::from_picos(100_000_000_002);
        assert_eq!(a.to_string(), b.to_string(), "precondition: default rounding ties them");
        let (x, y) = format_usd_pair(a, b);
        assert_ne!(x, y);
        assert_eq!((x.as_str(), y.as_str()), ("$0.100000000001", "$0.100000000002"));
        let (x, y) = format_usd_pair(a, a);
        assert_eq!(x, y);
        let (x, y) = format_usd_pair(Usd::from_picos(5_000_000_000_000), Usd::from_picos(5_001_000_000_000));
        assert_eq!((x.as_str(), y.as_str()), ("$5.00", "$5.001"));
        let (x, y) = format_usd_pair(Usd::from_picos(5_000_000_100_000), Usd::from_picos(5_000_000_200_000));
        assert_eq!((x.as_str(), y.as_str()), ("$5.0000001", "$5.0000002"));
    }
}
