//! Plausible ranges for every figure an import accepts: a value outside them is a mistake in
//! the file (a unit mix-up, a typo, an attack), refused before anything is written. The same
//! bounds keep stored figures safe to compute with (`i64` columns, chart axes).

use super::model::Scale;
use super::money::PricePerMTok;

/// Highest price per 1M tokens accepted: $1,000. The dearest real price today is $600 per 1M
/// output tokens (o1-pro); a thousand dollars leaves room while a per-token figure typed as
/// per-1M (1,000,000x too high) is refused.
pub const MAX_PRICE_PER_MTOK_USD: u64 = 1_000;

/// A price moving this many times up or down against the stored one is refused unless the
/// import is told it is meant (`--allow-price-jump`): $0.15 -> $150.00 is a unit slip.
pub const PRICE_JUMP_FACTOR: u64 = 1_000;

/// Most tokens any limit (context window, output or input cap) or tier threshold can be:
/// 100 million, ten times today's largest context window (10M).
pub const MAX_TOKENS: u64 = 100_000_000;

/// Index benchmarks (ECI, Artificial Analysis) take values from 0 to this: ECI is about 100-160
/// today and the Artificial Analysis index 0-100.
pub const MAX_INDEX_POINTS: f64 = 1_000.0;

/// Fastest output speed accepted, tokens per second.
pub const MAX_TOKENS_PER_SECOND: f64 = 100_000.0;

/// Slowest time to first token accepted, seconds.
pub const MAX_TTFT_SECONDS: f64 = 600.0;

/// Longest text field (names, titles, notes, licenses, URLs), in bytes: a note is a sentence,
/// and a page shows many of them.
pub const MAX_TEXT_BYTES: usize = 2_000;

/// The values a benchmark on `scale` can take, and the rule in words.
pub fn score_range(scale: Scale) -> (f64, f64, &'static str) {
    match scale {
        Scale::Fraction => (0.0, 1.0, "a fraction benchmark takes values from 0 to 1 (write 45% as 0.45)"),
        Scale::Percent => (0.0, 100.0, "a percent benchmark takes values from 0 to 100"),
        Scale::Index => (0.0, MAX_INDEX_POINTS, "an index benchmark takes values from 0 to 1,000"),
    }
}

/// Why a price per 1M tokens is implausible, if it is.
pub fn price_problem(price: PricePerMTok) -> Option<String> {
    (price.micros() > MAX_PRICE_PER_MTOK_USD * 1_000_000)
        .then(|| format!("{price} per 1M tokens is above the ${MAX_PRICE_PER_MTOK_USD} ceiling (a unit mix-up?)"))
}

/// Whether `new` is [`PRICE_JUMP_FACTOR`] times `old` or more, either way. A price of 0 (free)
/// on either side is not a jump: there is no ratio.
pub fn is_price_jump(old: PricePerMTok, new: PricePerMTok) -> bool {
    let (old, new) = (u128::from(old.micros()), u128::from(new.micros()));
    old > 0 && new > 0 && (new >= old * u128::from(PRICE_JUMP_FACTOR) || old >= new * u128::from(PRICE_JUMP_FACTOR))
}

/// Why a token count (a limit or a tier threshold) is implausible, if it is.
pub fn tokens_problem(tokens: u64) -> Option<String> {
    (tokens > MAX_TOKENS).then(|| format!("{tokens} tokens is more than the {MAX_TOKENS} any model takes"))
}

/// Why a text field is unusable, if it is: too long, or holding control characters.
pub fn text_problem(text: &str) -> Option<String> {
    if text.len() > MAX_TEXT_BYTES {
        return Some(format!("is {} bytes long; text fields take at most {MAX_TEXT_BYTES}", text.len()));
    }
    text.chars().any(|c| c.is_control() && c != '\n').then(|| "holds control characters".to_owned())
}

/// Whether `url` is an absolute http or https address, the only links a page may show
/// (`javascript:`, `data:` and relative links are refused).
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && url.len() <= MAX_TEXT_BYTES
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
}

/// A stored source URL as a page may link it: itself if it is a web address, else `#` (a
/// link to nowhere), so a `javascript:` URL that predates the import check never reaches an
/// `href`.
pub fn href(url: &str) -> &str {
    if is_web_url(url) { url } else { "#" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(text: &str) -> PricePerMTok {
        PricePerMTok::parse(text).unwrap()
    }

    #[test]
    fn only_http_and_https_links_are_web_urls() {
        for good in ["https://github.com/BerriAI/litellm", "http://example.com", "HTTPS://Example.com/a?b#c"] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "javascript:alert(document.domain)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "//evil.example",
            "/relative",
            "https://",
            "https:///path",
            "ftp://example.com",
            "https://exa mple.com",
            "https://example.com/\"onmouseover=",
            " https://example.com",
        ] {
            assert!(!is_web_url(bad), "{bad}");
            assert_eq!(href(bad), "#");
        }
        assert_eq!(href("https://github.com/BerriAI/litellm"), "https://github.com/BerriAI/litellm");
    }

    #[test]
    fn a_thousandfold_move_either_way_is_a_jump() {
        assert!(is_price_jump(price("0.15"), price("150")));
        assert!(is_price_jump(price("150"), price("0.15")));
        assert!(!is_price_jump(price("0.15"), price("149.99")));
        assert!(!is_price_jump(price("0"), price("150")), "from free there is no ratio");
        assert!(!is_price_jump(price("2.5"), price("10")));
    }

    #[test]
    fn ceilings_are_inclusive() {
        assert_eq!(price_problem(price("1000")), None);
        assert!(price_problem(price("1000.000001")).is_some());
        assert_eq!(tokens_problem(MAX_TOKENS), None);
        assert!(tokens_problem(u64::MAX).is_some());
        assert!(text_problem(&"x".repeat(MAX_TEXT_BYTES + 1)).is_some());
        assert!(text_problem("a\u{1b}[31m").is_some());
        assert_eq!(text_problem("GPT-4o mini, line one\nline two"), None);
    }
}
