//! Validators: the strong `ETag` of a representation, `If-None-Match`, and `Last-Modified`
//! from the data's dates.

use axum::http::{HeaderMap, HeaderValue, header};

use crate::domain::model::Date;

use super::encoding::{Encoding, Level};

/// A hash of the rendered (identity) bytes: equal bytes give equal tags, across restarts,
/// reloads and replicas of one build, so a page whose numbers did not change keeps its tag.
/// xxh3 is stable by specification (std's hasher is not) and hashes a 50 KB page in microseconds.
pub fn content_hash(body: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(body)
}

/// The strong ETag of the representation of content `hash` in `encoding` at `level`: each has
/// different bytes, so a different tag (`"…"`, `"…-gz"`, `"…-br"`, `"…-gz1"`, `"…-br1"`).
pub fn etag(hash: u64, encoding: Encoding, level: Level) -> HeaderValue {
    let suffix = encoding.etag_suffix(level);
    HeaderValue::from_str(&format!("\"{hash:016x}{suffix}\"")).expect("hex is a valid header value")
}

/// Whether `If-None-Match` names `etag` (or is `*`). Weak tags match too: a 304 only says the
/// client's copy is current, for which the weak comparison is the rule (RFC 9110 13.1.2).
pub fn none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else { return false };
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |tag| {
            let tag = tag.trim();
            tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag
        },
    )
}

/// A data date as an HTTP date (midnight UTC), for `Last-Modified`.
///
/// Only informational: a page can change within a day (a second import, the clock making a
/// price stale), so `If-Modified-Since` is never answered with a 304; the ETag decides.
pub fn http_date(date: &Date) -> HeaderValue {
    let secs = u64::try_from(date.days_since_epoch()).unwrap_or(0) * 86_400;
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    HeaderValue::from_str(&httpdate::fmt_http_date(time)).expect("an HTTP date is a valid header value")
}

/// `response` with `Last-Modified` from `date`, when there is one. The serving layer sets the
/// dataset's newest date where a handler knows no closer one.
pub fn with_last_modified(mut response: axum::response::Response, date: Option<&Date>) -> axum::response::Response {
    if let Some(date) = date {
        response.headers_mut().insert(header::LAST_MODIFIED, http_date(date));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_are_quoted_hashes_distinct_per_encoding() {
        let h = content_hash(b"abc");
        assert_eq!(h, content_hash(b"abc"));
        assert_ne!(h, content_hash(b"abd"));
        let plain = etag(h, Encoding::Identity, Level::Final);
        let tag = plain.to_str().unwrap();
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() == 18, "{tag}");
        assert_eq!(etag(h, Encoding::Br, Level::Final).to_str().unwrap(), format!("{}-br\"", &tag[..17]));
        assert_ne!(etag(h, Encoding::Gzip, Level::Final), etag(h, Encoding::Br, Level::Final));
        assert_ne!(etag(h, Encoding::Gzip, Level::Fast), etag(h, Encoding::Gzip, Level::Final));
    }

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let etag = HeaderValue::from_static("\"0123456789abcdef\"");
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::IF_NONE_MATCH, HeaderValue::from_static(v));
            none_match(&h, &etag)
        };
        assert!(with("\"0123456789abcdef\""));
        assert!(with("\"other\", W/\"0123456789abcdef\""));
        assert!(with("*"));
        assert!(!with("\"0123456789abcdee\""));
        assert!(!with("\"0123456789abcdef-br\""), "another representation's tag");
        assert!(!with("0123456789abcdef"), "an unquoted tag is not the same tag");
        assert!(!none_match(&HeaderMap::new(), &etag));
    }

    #[test]
    fn last_modified_is_the_dates_midnight_in_http_format() {
        let date = Date::parse("2026-12-01").unwrap();
        assert_eq!(http_date(&date), "Tue, 01 Dec 2026 00:00:00 GMT");
    }
}
