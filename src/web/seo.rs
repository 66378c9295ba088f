//! What search engines and link previews read: canonical URLs, OpenGraph and Twitter tags,
//! and JSON-LD (a breadcrumb trail on every page, the FAQ on comparisons).

use crate::domain::compare::Faq;

/// Head fields every page has.
#[derive(Debug, Clone)]
pub struct Meta {
    /// `<title>`, also `og:title`.
    pub title: String,
    /// Meta description, also `og:description`.
    pub description: String,
    /// Absolute canonical URL, also `og:url`.
    pub canonical: String,
    /// Absolute URL of the share image, if the page has one.
    pub image: Option<String>,
    /// Keep the page out of search indexes.
    pub noindex: bool,
    /// JSON-LD graph, already safe to place inside a `<script>` element; empty for none.
    pub json_ld: String,
    /// The trail from the home page to this page: the visible breadcrumbs and the JSON-LD
    /// list are both drawn from it, so they cannot disagree.
    pub crumbs: Vec<Crumb>,
    base_url: String,
}

/// One step of a page's breadcrumb trail.
#[derive(Debug, Clone, PartialEq)]
pub struct Crumb {
    /// Visible name.
    pub name: String,
    /// Site path, `/models`.
    pub path: String,
}

impl Meta {
    /// Head fields for the page at `path`. `crumbs` is the trail after the home page, as
    /// (name, path) pairs ending with this page.
    pub fn new(base_url: &str, path: &str, title: String, description: String, crumbs: &[(&str, &str)]) -> Self {
        let mut trail = vec![Crumb { name: "Home".to_owned(), path: "/".to_owned() }];
        trail.extend(crumbs.iter().map(|(name, p)| Crumb { name: (*name).to_owned(), path: (*p).to_owned() }));
        let mut meta = Self {
            title,
            description,
            canonical: format!("{base_url}{path}"),
            image: None,
            noindex: false,
            json_ld: String::new(),
            crumbs: trail,
            base_url: base_url.to_owned(),
        };
        meta.json_ld = json_ld(base_url, &meta.crumbs, None);
        meta
    }

    /// Head fields for an error page: no canonical link, no structured data, never indexed.
    pub fn error(title: String, description: String) -> Self {
        Self {
            title,
            description,
            canonical: String::new(),
            image: None,
            noindex: true,
            json_ld: String::new(),
            crumbs: Vec::new(),
            base_url: String::new(),
        }
    }

    /// The trail to show above the page's title: nothing on the home page itself.
    pub fn visible_crumbs(&self) -> &[Crumb] {
        if self.crumbs.len() > 1 { &self.crumbs } else { &[] }
    }

    /// Adds a share image (absolute URL).
    pub fn with_image(mut self, url: String) -> Self {
        self.image = Some(url);
        self
    }

    /// Marks the page `noindex` (pages with reader parameters).
    pub fn with_noindex(mut self, noindex: bool) -> Self {
        self.noindex = noindex;
        self
    }

    /// Adds an FAQPage with exactly the questions and answers the page shows.
    pub fn with_faq(mut self, faq: &[Faq]) -> Self {
        self.json_ld = json_ld(&self.base_url, &self.crumbs, Some(faq));
        self
    }
}

// The JSON-LD graph as typed values, serialized straight into the page: building a
// `serde_json::Value` tree first cost about a tenth of a comparison page's render. Fields are
// declared in the order a `Value` map sorts them, so the bytes are what they were.
#[derive(serde::Serialize)]
struct Document<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Breadcrumbs(BreadcrumbList<'a>),
    Faq(FaqPage<'a>),
}

#[derive(serde::Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

#[derive(serde::Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: String,
    name: &'a str,
    position: usize,
}

#[derive(serde::Serialize)]
struct FaqPage<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "mainEntity")]
    questions: Vec<Question<'a>>,
}

#[derive(serde::Serialize)]
struct Question<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "acceptedAnswer")]
    answer: Answer<'a>,
    name: &'a str,
}

#[derive(serde::Serialize)]
struct Answer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
}

/// The page's JSON-LD: its breadcrumb trail, and the FAQ when it has one, safe to place
/// inside `<script>`.
fn json_ld(base: &str, crumbs: &[Crumb], faq: Option<&[Faq]>) -> String {
    let items = crumbs
        .iter()
        .enumerate()
        .map(|(i, c)| ListItem { kind: "ListItem", item: format!("{base}{}", c.path), name: &c.name, position: i + 1 })
        .collect();
    let faq = faq.map(|faq| FaqPage {
        kind: "FAQPage",
        questions: faq
            .iter()
            .map(|q| Question {
                kind: "Question",
                answer: Answer { kind: "Answer", text: &q.answer },
                name: &q.question,
            })
            .collect(),
    });
    let mut graph = vec![Node::Breadcrumbs(BreadcrumbList { kind: "BreadcrumbList", items })];
    graph.extend(faq.map(Node::Faq));
    let doc = Document { context: "https://schema.org", graph };
    let mut out = ScriptSafe(Vec::with_capacity(4096));
    serde_json::to_writer(&mut out, &doc).expect("JSON-LD of strings and numbers always serializes");
    String::from_utf8(out.0).expect("serde_json writes UTF-8 and the escapes are ASCII")
}

/// JSON made safe inside `<script>`: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so
/// no `</script>` or `<!--` can close the element early. They only occur inside JSON strings,
/// where the escape means the same character, so the JSON value is unchanged.
struct ScriptSafe(Vec<u8>);

impl std::io::Write for ScriptSafe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|b| matches!(b, b'<' | b'>' | b'&')) {
            self.0.extend_from_slice(&rest[..i]);
            self.0.extend_from_slice(match rest[i] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            });
            rest = &rest[i + 1..];
        }
        self.0.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn json_ld_has_breadcrumbs_and_the_faq_and_cannot_close_its_script() {
        let faq = vec![Faq { question: "Is A < B?".into(), answer: "</script><b>yes</b>".into() }];
        let meta =
            Meta::new("https://x.example", "/compare/a-vs-b", "t".into(), "d".into(), &[("A vs B", "/compare/a-vs-b")])
                .with_faq(&faq);
        assert!(!meta.json_ld.contains('<') && !meta.json_ld.contains('>'));
        let parsed: Value = serde_json::from_str(&meta.json_ld).unwrap();
        let graph = parsed["@graph"].as_array().unwrap();
        assert_eq!(graph[0]["itemListElement"][1]["item"], "https://x.example/compare/a-vs-b");
        assert_eq!(graph[1]["mainEntity"][0]["acceptedAnswer"]["text"], "</script><b>yes</b>");
        assert_eq!(meta.canonical, "https://x.example/compare/a-vs-b");
        assert_eq!(meta.visible_crumbs()[1], Crumb { name: "A vs B".into(), path: "/compare/a-vs-b".into() });
    }

    #[test]
    fn the_home_page_shows_no_trail_and_error_pages_carry_no_canonical() {
        let home = Meta::new("https://x.example", "/", "t".into(), "d".into(), &[]);
        assert!(home.visible_crumbs().is_empty());
        let error = Meta::error("Not found (404)".into(), "We have no such page.".into());
        assert!(error.noindex && error.canonical.is_empty() && error.json_ld.is_empty());
    }
}
