//! Content codings: which one a request accepts (`Accept-Encoding`) and compressing a body
//! into it. Bodies are compressed whole, once, and the bytes kept in the page cache, so a hit
//! does no compression work (tower-http's `CompressionLayer` would compress every response
//! again as it streams).
//!
//! Two levels. A page's first request is compressed fast (gzip level 1 takes 0.1 ms for the
//! 49 KB comparison page, brotli even at quality 1 about 0.45 ms), so a crawler's pass over
//! every page costs little more than rendering; a page asked for again is recompressed at the
//! final level in the background (brotli 5: 7.8 KB instead of gzip-1's 13.3 KB, about 1 ms).
//! Measured on the 2-core development machine, 2026-12-01.

use std::io::Write as _;

use axum::http::{HeaderMap, HeaderValue, header};

/// Brotli quality of the final level; above 5 the comparison page shrinks by under 1%.
const BROTLI_FINAL: i32 = 5;
/// Brotli quality of the fast level, used only when a client takes br but not gzip.
const BROTLI_FAST: i32 = 1;

/// Brotli window (log2 bytes): 256 KB, several times a page; a larger window costs more to
/// set up than it saves.
const BROTLI_WINDOW: i32 = 18;

/// gzip levels: 6 is zlib's own default, 1 its fastest.
const GZIP_FINAL: u32 = 6;
const GZIP_FAST: u32 = 1;

/// How hard to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// A page's first request: cheap.
    Fast,
    /// A page read again: small.
    Final,
}

/// What a request's `Accept-Encoding` allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    /// The coding it prefers, which its final representation uses (and the cache key).
    pub preferred: Encoding,
    /// Whether gzip is acceptable too.
    pub gzip: bool,
}

impl Accepted {
    /// Reads `Accept-Encoding`.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let (preferred, gzip) = Encoding::negotiate(headers);
        Self { preferred, gzip }
    }

    /// The coding of the representation at `level`: a fast first answer to a client that
    /// prefers br is gzip when it takes gzip, which is several times cheaper to produce.
    pub fn coding(self, level: Level) -> Encoding {
        match (level, self.preferred) {
            (Level::Fast, Encoding::Br) if self.gzip => Encoding::Gzip,
            (_, preferred) => preferred,
        }
    }
}

/// Bodies shorter than this are sent as they are: the saving does not pay for the coding.
pub const MIN_COMPRESS_BYTES: usize = 512;

/// A representation's content coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Encoding {
    /// The bytes as rendered.
    Identity,
    /// gzip (RFC 1952).
    Gzip,
    /// Brotli (RFC 7932).
    Br,
}

impl Encoding {
    /// The best coding `Accept-Encoding` allows (the highest `q`, ties going to br, then gzip;
    /// no header, or nothing we know with `q > 0`, means identity) and whether gzip is
    /// acceptable.
    fn negotiate(headers: &HeaderMap) -> (Encoding, bool) {
        let (mut br, mut gzip, mut star) = (None::<f32>, None::<f32>, None::<f32>);
        for value in headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()) {
            for item in value.split(',') {
                let mut parts = item.split(';');
                let name = parts.next().unwrap_or("").trim();
                let q = parts
                    .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                let slot = if name.eq_ignore_ascii_case("br") {
                    &mut br
                } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                    &mut gzip
                } else if name == "*" {
                    &mut star
                } else {
                    continue;
                };
                *slot = Some(slot.map_or(q, |old: f32| old.max(q)));
            }
        }
        // `*` stands for any coding not named.
        let (br, gzip) = (br.or(star).unwrap_or(0.0), gzip.or(star).unwrap_or(0.0));
        let preferred = if br > 0.0 && br >= gzip {
            Encoding::Br
        } else if gzip > 0.0 {
            Encoding::Gzip
        } else {
            Encoding::Identity
        };
        (preferred, gzip > 0.0)
    }

    /// The `Content-Encoding` value, or `None` for identity (sent without the header).
    pub fn header_value(self) -> Option<HeaderValue> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some(HeaderValue::from_static("gzip")),
            Encoding::Br => Some(HeaderValue::from_static("br")),
        }
    }

    /// What this coding at `level` adds to a representation's ETag: each representation (the
    /// bytes differ between levels too) has its own strong validator.
    pub fn etag_suffix(self, level: Level) -> &'static str {
        match (self, level) {
            (Encoding::Identity, _) => "",
            (Encoding::Gzip, Level::Final) => "-gz",
            (Encoding::Gzip, Level::Fast) => "-gz1",
            (Encoding::Br, Level::Final) => "-br",
            (Encoding::Br, Level::Fast) => "-br1",
        }
    }

    /// `body` in this coding at `level`.
    pub fn compress(self, body: &[u8], level: Level) -> Vec<u8> {
        match self {
            Encoding::Identity => body.to_vec(),
            Encoding::Gzip => {
                let gzip = if level == Level::Fast { GZIP_FAST } else { GZIP_FINAL };
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 4), flate2::Compression::new(gzip));
                encoder.write_all(body).expect("writing to a Vec cannot fail");
                encoder.finish().expect("writing to a Vec cannot fail")
            }
            Encoding::Br => {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: if level == Level::Fast { BROTLI_FAST } else { BROTLI_FINAL },
                    lgwin: BROTLI_WINDOW,
                    size_hint: body.len(),
                    mode: brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
                    ..Default::default()
                };
                let mut out = Vec::with_capacity(body.len() / 5);
                brotli::BrotliCompress(&mut &body[..], &mut out, &params).expect("writing to a Vec cannot fail");
                out
            }
        }
    }

    /// The identity bytes of `body` in this coding.
    pub fn decompress(self, body: &[u8]) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(body.len() * 4);
        match self {
            Encoding::Identity => out.extend_from_slice(body),
            Encoding::Gzip => {
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(body), &mut out)?;
            }
            Encoding::Br => brotli::BrotliDecompress(&mut &body[..], &mut out)?,
        }
        Ok(out)
    }
}

/// Whether a response of this `Content-Type` is text worth compressing (not PNG, which is
/// compressed already).
pub fn compressible(content_type: Option<&HeaderValue>) -> bool {
    let Some(ct) = content_type.and_then(|v| v.to_str().ok()) else { return false };
    let ct = ct.split(';').next().unwrap_or("").trim();
    ct.starts_with("text/") || matches!(ct, "application/json" | "application/xml" | "image/svg+xml")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn accepting(value: &'static str) -> Encoding {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        Accepted::from_headers(&h).preferred
    }

    #[test]
    fn accept_encoding_picks_br_then_gzip_by_quality() {
        assert_eq!(Accepted::from_headers(&HeaderMap::new()).preferred, Encoding::Identity);
        assert_eq!(accepting("gzip, deflate, br, zstd"), Encoding::Br);
        assert_eq!(accepting("gzip"), Encoding::Gzip);
        assert_eq!(accepting("x-gzip"), Encoding::Gzip);
        assert_eq!(accepting("br;q=0.5, gzip;q=0.8"), Encoding::Gzip);
        assert_eq!(accepting("br;q=0, gzip;q=0"), Encoding::Identity);
        assert_eq!(accepting("identity"), Encoding::Identity);
        assert_eq!(accepting("*"), Encoding::Br);
        assert_eq!(accepting("gzip;q=1, *;q=0"), Encoding::Gzip);
        assert_eq!(accepting("deflate, zstd"), Encoding::Identity);
        assert_eq!(accepting("BR"), Encoding::Br);
    }

    #[test]
    fn compressed_bodies_decode_to_the_original_at_both_levels() {
        let body = "<p>The same row of figures, again and again.</p>\n".repeat(200);
        for level in [Level::Fast, Level::Final] {
            let gz = Encoding::Gzip.compress(body.as_bytes(), level);
            let mut back = String::new();
            flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut back).unwrap();
            assert_eq!(back, body);
            assert_eq!(Encoding::Gzip.decompress(&gz).unwrap(), body.as_bytes());
            let br = Encoding::Br.compress(body.as_bytes(), level);
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
            assert_eq!(back, body.as_bytes());
            assert_eq!(Encoding::Br.decompress(&br).unwrap(), body.as_bytes());
            assert!(br.len() < body.len() / 10 && gz.len() < body.len() / 10, "{} {}", br.len(), gz.len());
        }
    }

    #[test]
    fn a_fast_answer_to_a_br_client_is_gzip_when_it_takes_gzip() {
        let with = |value: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
            Accepted::from_headers(&h)
        };
        let browser = with("gzip, deflate, br, zstd");
        assert_eq!((browser.coding(Level::Fast), browser.coding(Level::Final)), (Encoding::Gzip, Encoding::Br));
        let br_only = with("br");
        assert_eq!((br_only.coding(Level::Fast), br_only.coding(Level::Final)), (Encoding::Br, Encoding::Br));
        let gzip = with("gzip");
        assert_eq!((gzip.coding(Level::Fast), gzip.coding(Level::Final)), (Encoding::Gzip, Encoding::Gzip));
        assert_eq!(Accepted::from_headers(&HeaderMap::new()).coding(Level::Fast), Encoding::Identity);
    }

    #[test]
    fn only_text_types_are_compressed() {
        let yes =
            ["text/html; charset=utf-8", "application/json", "text/csv; charset=utf-8", "image/svg+xml; charset=utf-8"];
        for ct in yes {
            assert!(compressible(Some(&HeaderValue::from_static(ct))), "{ct}");
        }
        assert!(!compressible(Some(&HeaderValue::from_static("image/png"))));
        assert!(!compressible(None));
    }
}
