//! What search engines and link previews read: canonical URLs, OpenGraph and Twitter tags,
//! and JSON-LD (a breadcrumb trail on every page, the FAQ on comparisons).

use serde_json::{Value, json};

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
    faq: Option<Value>,
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
            faq: None,
        };
        meta.render_json_ld();
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
            faq: None,
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
        self.faq = Some(json!({
            "@type": "FAQPage",
            "mainEntity": faq.iter().map(|q| json!({
                "@type": "Question",
                "name": q.question,
                "acceptedAnswer": { "@type": "Answer", "text": q.answer },
            })).collect::<Vec<_>>(),
        }));
        self.render_json_ld();
        self
    }

    fn render_json_ld(&mut self) {
        let base = &self.base_url;
        let crumbs: Vec<Value> = self
            .crumbs
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({ "@type": "ListItem", "position": i + 1, "name": c.name, "item": format!("{base}{}", c.path) })
            })
            .collect();
        let mut graph = vec![json!({ "@type": "BreadcrumbList", "itemListElement": crumbs })];
        graph.extend(self.faq.clone());
        let doc = json!({ "@context": "https://schema.org", "@graph": graph });
        self.json_ld = script_safe(&doc.to_string());
    }
}

/// JSON made safe inside `<script>`: `<` becomes `\u003c`, so no `</script>` or `<!--` can
/// close the element early. The JSON value is unchanged.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

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
