//! Every rule for writing numbers that are not money: ratios, percentages, token counts,
//! scores. Money lives in [`super::money`]. Rounding here never makes two different values
//! print the same, and a percentage of "cheaper" can never pass 100%.

use super::model::Scale;
use super::money::{Usd, group_thousands_u128};

/// `high / low` as `2.67x`. Two decimals, more when two decimals would print `1.00x` for
/// values that differ. `None` when `low` is zero (no ratio exists).
pub fn ratio(high: f64, low: f64) -> Option<String> {
    if low <= 0.0 || !high.is_finite() || !low.is_finite() {
        return None;
    }
    let r = high / low;
    let mut decimals = 2;
    let mut text = format!("{r:.decimals$}");
    while decimals < 6 && r != 1.0 && (text == "1.00" || text.trim_end_matches('0') == "1.") {
        decimals += 1;
        text = format!("{r:.decimals$}");
    }
    Some(format!("{text}x"))
}

/// How many times `b` costs `a`, from exact amounts: `2.67x`.
pub fn cost_ratio(high: Usd, low: Usd) -> Option<String> {
    if low.picos() <= 0 {
        return None;
    }
    ratio(high.picos() as f64, low.picos() as f64)
}

/// A share in percent, one decimal at most, trailing zeros dropped (`62.5%`, `28%`); more
/// decimals when one would show 0% or 100% for a share that is neither.
pub fn percent(share: f64) -> String {
    let pct = share * 100.0;
    let mut decimals = 1;
    loop {
        let text = format!("{pct:.decimals$}");
        let trimmed = trim_decimal(&text);
        let hides = (trimmed == "0" && pct != 0.0) || (trimmed == "100" && pct != 100.0);
        if !hides || decimals >= 6 {
            return format!("{trimmed}%");
        }
        decimals += 1;
    }
}

/// How much cheaper `low` is than `high`, as a share of `high`: (high - low) / high. Always
/// between 0 and 1 for non-negative amounts, so "cheaper" never passes 100%.
pub fn cheaper_share(high: Usd, low: Usd) -> Option<f64> {
    if high.picos() <= 0 || low > high || low.picos() < 0 {
        return None;
    }
    Some((high - low).picos() as f64 / high.picos() as f64)
}

/// `1047576` as `1,047,576`.
pub fn count(n: u64) -> String {
    group_thousands_u128(u128::from(n))
}

/// A token count in short form: `500`, `5K`, `50K`, `1.05M`.
pub fn tokens_short(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{}M", trim_decimal(&format!("{:.2}", n as f64 / 1e6)))
    } else if n >= 1_000 {
        format!("{}K", trim_decimal(&format!("{:.1}", n as f64 / 1e3)))
    } else {
        n.to_string()
    }
}

/// A score in its benchmark's scale: fractions as percentages (`40.2%`), percentages as
/// given (`3.6%`), index points to two decimals at most (`126.08`).
pub fn score(value: f64, scale: Scale) -> String {
    match scale {
        Scale::Fraction => format!("{}%", trim_decimal(&format!("{:.1}", value * 100.0))),
        Scale::Percent => format!("{}%", trim_decimal(&format!("{value:.1}"))),
        Scale::Index => trim_decimal(&format!("{value:.2}")),
    }
}

/// The gap between two scores, in the scale's own unit: percentage points for fractions and
/// percentages, points for indices.
pub fn score_gap(gap: f64, scale: Scale) -> String {
    let gap = gap.abs();
    match scale {
        Scale::Fraction => format!("{} percentage points", trim_decimal(&format!("{:.1}", gap * 100.0))),
        Scale::Percent => format!("{} percentage points", trim_decimal(&format!("{gap:.1}"))),
        Scale::Index => format!("{} points", trim_decimal(&format!("{gap:.2}"))),
    }
}

/// A plain number with at most `decimals` decimals, trailing zeros dropped.
pub fn number(value: f64, decimals: usize) -> String {
    trim_decimal(&format!("{value:.decimals$}"))
}

/// A derived dollar amount (a quotient such as dollars per index point) to three significant
/// digits, the precision its inputs carry: `$0.000263`, `$1.23`, `$1,230`.
pub fn usd_significant(usd: f64) -> String {
    if !usd.is_finite() {
        return "n/a".to_owned();
    }
    if usd == 0.0 {
        return "$0".to_owned();
    }
    let sign = if usd < 0.0 { "-" } else { "" };
    let v = usd.abs();
    let scale = 10f64.powi(v.log10().floor() as i32 - 2);
    let rounded = (v / scale).round() * scale;
    // Rounding can carry into the next power of ten (99.96 -> 100): count digits after it.
    let exponent = rounded.log10().floor() as i32;
    let decimals = (2 - exponent).max(0) as usize;
    if decimals == 0 {
        return format!("{sign}${}", group_thousands_u128(rounded.round() as u128));
    }
    format!("{sign}${rounded:.decimals$}")
}

/// The text with its first letter in upper case: "off-peak" -> "Off-peak".
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().collect::<String>() + chars.as_str())
}

fn trim_decimal(text: &str) -> String {
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_dollar_amounts_have_three_significant_digits() {
        assert_eq!(usd_significant(0.000262544), "$0.000263");
        assert_eq!(usd_significant(1.23456), "$1.23");
        assert_eq!(usd_significant(0.1), "$0.100");
        assert_eq!(usd_significant(1234.5), "$1,230");
        assert_eq!(usd_significant(99.96), "$100");
        assert_eq!(usd_significant(0.0), "$0");
    }

    #[test]
    fn ratios_have_two_decimals_and_never_hide_a_difference() {
        assert_eq!(ratio(3600.0, 1350.0).as_deref(), Some("2.67x"));
        assert_eq!(ratio(0.4, 0.15).as_deref(), Some("2.67x"));
        assert_eq!(ratio(2.0, 1.0).as_deref(), Some("2.00x"));
        assert_eq!(ratio(1.001, 1.0).as_deref(), Some("1.001x"));
        assert_eq!(ratio(1.0, 1.0).as_deref(), Some("1.00x"));
        assert_eq!(ratio(1.0, 0.0), None);
    }

    #[test]
    fn cheaper_is_a_share_of_the_higher_price_and_never_passes_100() {
        let (high, low) = (Usd::from_picos(3_600), Usd::from_picos(1_350));
        assert_eq!(percent(cheaper_share(high, low).unwrap()), "62.5%");
        assert_eq!(percent(cheaper_share(high, Usd::ZERO).unwrap()), "100%");
        assert_eq!(cheaper_share(low, high), None, "the higher amount comes first");
        // Caching saves 27.8% on GPT-4o mini's medium request: (1350 - 975) / 1350.
        assert_eq!(percent(cheaper_share(Usd::from_picos(1_350), Usd::from_picos(975)).unwrap()), "27.8%");
    }

    #[test]
    fn percentages_never_round_to_0_or_100_when_they_are_not() {
        assert_eq!(percent(0.0004), "0.04%");
        assert_eq!(percent(0.99996), "99.996%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.28), "28%");
    }

    #[test]
    fn capitalize_upper_cases_only_the_first_letter() {
        assert_eq!(capitalize("off-peak"), "Off-peak");
        assert_eq!(capitalize("éclair GPT"), "Éclair GPT");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn counts_and_token_sizes() {
        assert_eq!(count(1_047_576), "1,047,576");
        assert_eq!(count(500), "500");
        assert_eq!(tokens_short(5_000), "5K");
        assert_eq!(tokens_short(1_047_576), "1.05M");
        assert_eq!(tokens_short(500), "500");
        assert_eq!(tokens_short(131_072), "131.1K");
    }

    #[test]
    fn scores_follow_their_scale() {
        assert_eq!(score(0.402, Scale::Fraction), "40.2%");
        assert_eq!(score(0.65, Scale::Fraction), "65%");
        assert_eq!(score(3.6, Scale::Percent), "3.6%");
        assert_eq!(score(126.08, Scale::Index), "126.08");
        assert_eq!(score(150.0, Scale::Index), "150");
        assert_eq!(score_gap(0.78 - 0.65, Scale::Fraction), "13 percentage points");
        assert_eq!(score_gap(134.65 - 126.08, Scale::Index), "8.57 points");
    }
}
