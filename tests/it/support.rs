//! Building the app in process and calling it without binding a port.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use llm_compare::domain::Catalog;
use tempfile::TempDir;
use tokio::sync::OnceCell;
use tower::ServiceExt;

/// The catalog and router built once per test binary from a fresh seeded database.
pub struct Site {
    /// The catalog the router serves.
    pub catalog: Catalog,
    /// The router; call it with `.clone().oneshot(..)`.
    pub router: Router,
    /// Keeps the database directory alive as long as the site.
    _dir: TempDir,
}

static SITE: OnceCell<Site> = OnceCell::const_new();

/// Opens a fresh database in a temporary directory and builds the catalog from it.
pub async fn fresh_catalog() -> (Catalog, TempDir) {
    let dir = TempDir::new().expect("temp dir");
    let url = format!("sqlite://{}/t.db", dir.path().display());
    let pool = llm_compare::db::open(&url).await.expect("open seeded database");
    let dataset = llm_compare::db::load_dataset(&pool).await.expect("load dataset");
    pool.close().await;
    (Catalog::new(dataset), dir)
}

/// The day the shared site serves its pages for: the day this dataset was reviewed.
pub fn test_day() -> llm_compare::domain::model::Date {
    llm_compare::domain::model::Date::parse("2026-12-01").expect("a date")
}

/// The shared site. Every `#[tokio::test]` has its own runtime, so nothing runtime-bound
/// (the pool) is kept: the catalog is plain data once loaded.
pub async fn site() -> &'static Site {
    SITE.get_or_init(|| async {
        let (catalog, dir) = fresh_catalog().await;
        // Statuses as they are on the day the site serves, as the pages show them.
        let catalog = catalog.as_of(&test_day()).unwrap_or(catalog);
        // The pages are for a fixed day, so what is retired does not move with the machine's clock.
        let state = llm_compare::AppState::new(catalog.clone()).with_clock(test_day);
        let router = llm_compare::app(state);
        Site { catalog, router, _dir: dir }
    })
    .await
}

/// Sends one request with `method` to the shared router.
pub async fn request(method: Method, uri: &str) -> (StatusCode, HeaderMap, String) {
    let router = site().await.router.clone();
    call(router, method, uri).await
}

/// Sends one request to `router`.
pub async fn call(router: Router, method: Method, uri: &str) -> (StatusCode, HeaderMap, String) {
    let req = Request::builder().method(method).uri(uri).body(Body::empty()).expect("request");
    let res = router.oneshot(req).await.expect("router is infallible");
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

/// `GET uri` on the shared router.
pub async fn get(uri: &str) -> (StatusCode, HeaderMap, String) {
    request(Method::GET, uri).await
}

/// The `Location` header, or a panic naming the request.
pub fn location(headers: &HeaderMap) -> &str {
    headers.get(axum::http::header::LOCATION).expect("a Location header").to_str().expect("ASCII Location")
}

/// The `Content-Type` header, or "".
pub fn content_type(headers: &HeaderMap) -> &str {
    headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The text between the first `start` and the next `end` after it.
pub fn between<'a>(haystack: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = haystack.find(start)? + start.len();
    let len = haystack[from..].find(end)?;
    Some(&haystack[from..from + len])
}

/// The FAQ section of a comparison page.
pub fn faq_section(body: &str) -> &str {
    between(body, "<section aria-labelledby=\"faq\"", "</section>").unwrap_or("")
}

/// The table row whose header cell starts with `label`, up to its `</tr>`.
pub fn row<'a>(body: &'a str, label: &str) -> Option<&'a str> {
    between(body, &format!("<th scope=\"row\">{label}"), "</tr>")
}

/// The source numbers cited (`href="#src-N"`) in `html`, in order.
pub fn cited_sources(html: &str) -> Vec<u32> {
    html.split("href=\"#src-").skip(1).filter_map(|rest| rest.split('"').next()?.parse().ok()).collect()
}

/// The Sources list entry `<li id="src-N">`, up to its `</li>`.
pub fn source_entry(body: &str, n: u32) -> Option<&str> {
    between(body, &format!("<li id=\"src-{n}\">"), "</li>")
}

/// Whether `word` occurs in `text` with no ASCII letter or digit right before or after it,
/// so `inf` is found in "costs inf" but not in "information".
pub fn contains_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(word).any(|(i, w)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + w.len()).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|b| b.is_ascii_alphanumeric())
    })
}

/// Marks of a number that went wrong on its way to the page: `NaN`, `inf`, a negative price.
pub fn broken_number_marks(body: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    if body.contains("NaN") {
        found.push("NaN");
    }
    if contains_word(body, "inf") {
        found.push("inf");
    }
    if body.contains("$-") {
        found.push("$-");
    }
    found
}

/// The error page's markers: the `error-page` main element and its `Error <status>` line.
pub fn assert_error_page(uri: &str, status: StatusCode, headers: &HeaderMap, body: &str) {
    assert!(content_type(headers).starts_with("text/html"), "{uri}: content-type {:?}", content_type(headers));
    assert!(
        body.contains("<main id=\"main\" tabindex=\"-1\" class=\"error-page\">"),
        "{uri}: not the site's error page:\n{body}"
    );
    assert!(body.contains("<footer class=\"site-footer\">"), "{uri}: the error page lost the footer");
    assert!(
        body.contains(&format!("<p class=\"status\">Error {}</p>", status.as_u16())),
        "{uri}: error page does not show status {status}:\n{body}"
    );
}

/// Every `<svg ...>...</svg>` element of a page, in order.
pub fn the_svgs(body: &str) -> Vec<&str> {
    body.match_indices("<svg")
        .filter_map(|(start, _)| body[start..].find("</svg>").map(|end| &body[start..start + end + "</svg>".len()]))
        .collect()
}

/// The `<svg ...>...</svg>` element of a page, if there is exactly one.
pub fn the_svg(body: &str) -> Result<&str, String> {
    let (opens, closes) = (count(body, "<svg"), count(body, "</svg>"));
    if opens != 1 || closes != 1 {
        return Err(format!("{opens} `<svg` and {closes} `</svg>`"));
    }
    let start = body.find("<svg").unwrap_or_default();
    let end = body.find("</svg>").unwrap_or_default() + "</svg>".len();
    if end <= start {
        return Err("`</svg>` comes before `<svg`".into());
    }
    Ok(&body[start..end])
}

/// A minimal XML well-formedness check, enough for the SVG we generate: every tag is closed
/// in order, attribute values are quoted, text holds no raw `<`, and every `&` starts an
/// entity. Returns the first problem found.
pub fn check_xml(xml: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    let mut roots = 0;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            check_text(rest)?;
            break;
        };
        check_text(&rest[..lt])?;
        if stack.is_empty() && !rest[..lt].trim().is_empty() {
            return Err(format!("text outside the root element: {:?}", &rest[..lt]));
        }
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<!--") {
            let end = r.find("-->").ok_or("unclosed comment")?;
            rest = &r[end + 3..];
            continue;
        }
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").ok_or("unclosed CDATA")?;
            rest = &r[end + 3..];
            continue;
        }
        let end = tag_end(rest).ok_or_else(|| format!("unterminated tag at {:?}", snippet(rest)))?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim_end();
            check_name(name)?;
            match stack.pop() {
                Some(open) if open == name => {}
                Some(open) => return Err(format!("</{name}> closes <{open}>")),
                None => return Err(format!("</{name}> with nothing open")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let inner = tag.strip_suffix('/').unwrap_or(tag);
        let name_len = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
        let name = &inner[..name_len];
        check_name(name)?;
        check_attributes(name, &inner[name_len..])?;
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("<{open}> is never closed"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

fn snippet(s: &str) -> &str {
    let mut end = s.len().min(60);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Index of the `>` that ends the tag starting at `s[0] == '<'`, skipping quoted values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn check_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')) {
        Ok(())
    } else {
        Err(format!("bad tag or attribute name {name:?}"))
    }
}

fn check_attributes(tag: &str, mut attrs: &str) -> Result<(), String> {
    let mut seen = Vec::new();
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            return Ok(());
        }
        let eq = attrs.find('=').ok_or_else(|| format!("<{tag}>: attribute without value in {attrs:?}"))?;
        let name = attrs[..eq].trim_end();
        check_name(name)?;
        if seen.contains(&name) {
            return Err(format!("<{tag}>: attribute {name} twice"));
        }
        seen.push(name);
        let value = attrs[eq + 1..].trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
        let quote = quote.ok_or_else(|| format!("<{tag}>: unquoted value for {name}"))?;
        let close = value[1..].find(quote).ok_or_else(|| format!("<{tag}>: unclosed value for {name}"))?;
        let text = &value[1..1 + close];
        if text.contains('<') {
            return Err(format!("<{tag}>: raw `<` in {name}"));
        }
        check_text(text)?;
        attrs = &value[close + 2..];
    }
}

fn check_text(text: &str) -> Result<(), String> {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i + 1..];
        let end = entity.find(';').ok_or_else(|| format!("bare `&` in {:?}", snippet(&text[i..])))?;
        let name = &entity[..end];
        let ok = match name.strip_prefix('#') {
            Some(n) => match n.strip_prefix('x') {
                Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
                None => !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()),
            },
            None => matches!(name, "amp" | "lt" | "gt" | "quot" | "apos"),
        };
        if !ok {
            return Err(format!("bad entity &{name};"));
        }
    }
    Ok(())
}

#[test]
fn the_xml_checker_refuses_what_a_parser_would() {
    assert_eq!(check_xml("<svg a=\"1\"><g><text x='2'>a &amp; b</text></g><path d=\"M0\"/></svg>"), Ok(()));
    for bad in [
        "<svg><g></svg>",
        "<svg></g></svg>",
        "<svg><text>a < b</text></svg>",
        "<svg><text>a & b</text></svg>",
        "<svg a=1></svg>",
        "<svg a=\"1\" a=\"2\"></svg>",
        "<svg></svg><svg></svg>",
        "<svg><text>x</text>",
        "<svg><1></1></svg>",
        "<svg a=\"&bogus;\"></svg>",
    ] {
        assert!(check_xml(bad).is_err(), "accepted {bad:?}");
    }
}

#[test]
fn contains_word_ignores_longer_words() {
    assert!(contains_word("costs inf per", "inf"));
    assert!(contains_word("inf", "inf"));
    assert!(contains_word("$-inf", "inf"));
    assert!(!contains_word("more information", "inf"));
    assert!(!contains_word("Infinite", "inf"));
}

/// Script elements other than our own JSON-LD block: any is a sign of echoed input.
pub fn foreign_scripts(body: &str) -> usize {
    body.matches("<script").count() - body.matches(r#"<script type="application/ld+json">"#).count()
}
