//! Reading the pages: substrings of the HTML, the error page's markers, the inline SVGs.

use axum::http::{HeaderMap, StatusCode};

use super::{content_type, get};

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

/// `GET uri`, checked to answer `status` with the site's error page; its headers and body.
pub async fn get_error_page(uri: &str, status: StatusCode) -> (HeaderMap, String) {
    let (got, headers, body) = get(uri).await;
    assert_eq!(got, status, "{uri}: {body}");
    assert_error_page(uri, got, &headers, &body);
    (headers, body)
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

/// A page parsed as HTML, for assertions on its structure (which row, which table, which tag)
/// that a substring of the markup gets wrong when an attribute moves or a section nests.
pub struct Page(scraper::Html);

/// Parses a page; the parser never fails, it repairs as a browser would.
pub fn parse(body: &str) -> Page {
    Page(scraper::Html::parse_document(body))
}

fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

/// The text of an element, with runs of whitespace written as one space.
pub fn text(element: scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The elements under `element` that match `css`.
pub fn select_in<'a>(element: scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    element.select(&selector(css)).collect()
}

/// The `href` of each element under `element` that matches `css`, in order.
pub fn hrefs_in(element: scraper::ElementRef<'_>, css: &str) -> Vec<String> {
    select_in(element, css).into_iter().filter_map(|a| a.value().attr("href").map(str::to_owned)).collect()
}

impl Page {
    /// Every element that matches `css`, in document order.
    pub fn select(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        self.0.select(&selector(css)).collect()
    }

    /// The first element that matches `css`.
    pub fn first(&self, css: &str) -> Option<scraper::ElementRef<'_>> {
        self.0.select(&selector(css)).next()
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.0.select(&selector(css)).count()
    }

    /// The `content` of the `<meta>` whose `name` or `property` is `key` (`description`, `og:url`).
    pub fn meta(&self, key: &str) -> Option<String> {
        self.select("meta")
            .into_iter()
            .find(|m| m.value().attr("name") == Some(key) || m.value().attr("property") == Some(key))
            .and_then(|m| m.value().attr("content").map(str::to_owned))
    }

    /// The table row whose row header's text starts with `label`: the header, then each data cell.
    pub fn row(&self, label: &str) -> Option<TableRow<'_>> {
        table_row(self.0.root_element(), label)
    }
}

/// One table row found by its label.
pub struct TableRow<'a> {
    /// The `<tr>` element.
    pub element: scraper::ElementRef<'a>,
    /// The text of each `<td>`, in order.
    pub cells: Vec<String>,
}

/// The row under `scope` whose `<th scope="row">` text starts with `label`.
pub fn table_row<'a>(scope: scraper::ElementRef<'a>, label: &str) -> Option<TableRow<'a>> {
    let header = select_in(scope, r#"tr > th[scope="row"]"#).into_iter().find(|th| text(*th).starts_with(label))?;
    let element = scraper::ElementRef::wrap(header.parent()?)?;
    let cells = element
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|cell| cell.value().name() == "td")
        .map(text)
        .collect();
    Some(TableRow { element, cells })
}
