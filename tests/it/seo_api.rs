//! Search engines, link previews and programs: head tags, JSON-LD, the index pages and the API.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{between, content_type, count, faq_section, get, location, parse, site, text};

use crate::support::REFERENCE;
const BASE: &str = "http://127.0.0.1:3000";

/// Undoes askama's HTML escaping for comparisons with JSON strings.
fn unescape(html: &str) -> String {
    html.replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
}

fn json_ld(body: &str) -> Value {
    let raw = between(body, r#"<script type="application/ld+json">"#, "</script>").expect("a JSON-LD block");
    serde_json::from_str(raw).expect("JSON-LD parses")
}

/// One page of each type: every site page the pages sitemap lists (so a page added to the
/// sitemap is held to these checks without an edit here), then pages with a parameter.
async fn page_types() -> Vec<String> {
    let (_, _, xml) = get("/sitemaps/pages.xml").await;
    let doc = roxmltree::Document::parse(&xml).expect("the pages sitemap parses");
    let mut pages: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .map(|url| url.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned())).unwrap())
        .filter(|path| !path.starts_with("/models/"))
        .collect();
    for known in ["/", "/compare", "/models", "/methodology", "/api"] {
        assert!(pages.iter().any(|p| p == known), "the pages sitemap lacks {known}: {pages:?}");
    }
    pages.extend(
        [
            "/compare?page=2",
            REFERENCE,
            "/compare/qwen3-max-vs-claude-opus-4-6",
            "/models/gpt-4o-mini",
            "/models/claude-sonnet-4-5",
        ]
        .map(String::from),
    );
    pages
}

#[tokio::test]
async fn every_page_has_one_h1_a_unique_title_a_description_and_absolute_canonical_and_og_urls() {
    let mut titles = Vec::new();
    for path in page_types().await {
        let (status, _, body) = get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let page = parse(&body);
        assert_eq!(page.count("h1"), 1, "{path}: one h1");
        assert_eq!(page.count("head > title"), 1, "{path}: one title");
        let title = text(page.first("head > title").expect("title"));
        assert!(!titles.contains(&title), "{path}: title {title:?} is not unique");
        titles.push(title);
        let description = page.meta("description").expect("description");
        assert!(description.len() > 50, "{path}: description too short");
        let canonical = page.first(r#"head > link[rel="canonical"]"#).and_then(|l| l.value().attr("href"));
        let canonical = canonical.expect("canonical");
        assert!(canonical.starts_with(BASE), "{path}: canonical {canonical} is absolute");
        assert_eq!(page.meta("og:url").expect("og:url"), canonical, "{path}");
        for tag in ["og:title", "og:description", "twitter:card"] {
            assert!(page.meta(tag).is_some(), "{path}: {tag}");
        }
        // Every page has a breadcrumb trail that starts at home.
        let ld = json_ld(&body);
        let crumbs = &ld["@graph"][0];
        assert_eq!(crumbs["@type"], "BreadcrumbList", "{path}");
        assert_eq!(crumbs["itemListElement"][0]["item"], format!("{BASE}/"), "{path}");
    }
}

#[tokio::test]
async fn a_comparison_describes_who_is_cheaper_by_how_much_and_who_scores_higher() {
    let (_, _, body) = get(REFERENCE).await;
    let page = parse(&body);
    let description = page.meta("description").expect("description");
    assert!(description.contains("GPT-4o mini costs 62.5% less than GPT-4.1 mini"), "{description}");
    assert!(
        description.contains("GPT-4.1 mini scores higher on the Epoch Capabilities Index (ECI) (134.65 vs 126.08)")
    );
    assert_eq!(page.meta("og:image").expect("og:image"), format!("{BASE}{REFERENCE}/og.png"));
    assert_eq!(page.meta("twitter:card").as_deref(), Some("summary_large_image"));
}

#[tokio::test]
async fn json_ld_faq_equals_the_visible_faq() {
    for path in [REFERENCE, "/compare/qwen3-max-vs-claude-opus-4-6", "/compare/gpt-4-1-vs-gpt-5?output=3000"] {
        let (_, _, body) = get(path).await;
        let ld = json_ld(&body);
        let faq = ld["@graph"].as_array().unwrap().iter().find(|n| n["@type"] == "FAQPage").expect("FAQPage");
        let visible = faq_section(&body);
        let questions: Vec<String> =
            visible.split("<h3>").skip(1).map(|q| unescape(q.split("</h3>").next().unwrap())).collect();
        let answers: Vec<String> =
            visible.split("</h3>").skip(1).map(|a| unescape(between(a, "<p>", "</p>").unwrap())).collect();
        let entities = faq["mainEntity"].as_array().unwrap();
        assert!(entities.len() >= 9, "{path}");
        assert_eq!(entities.len(), questions.len(), "{path}");
        for (i, e) in entities.iter().enumerate() {
            assert_eq!(e["name"].as_str().unwrap(), questions[i], "{path} question {i}");
            assert_eq!(e["acceptedAnswer"]["text"].as_str().unwrap(), answers[i], "{path} answer {i}");
        }
    }
}

#[tokio::test]
async fn the_comparison_index_lists_every_pair_once_across_its_pages() {
    let site = site().await;
    let n = site.catalog.dataset.models.len();
    let mut seen = std::collections::HashSet::new();
    let mut page = 1;
    loop {
        let path = if page == 1 { "/compare".to_owned() } else { format!("/compare?page={page}") };
        let (status, _, body) = get(&path).await;
        if status == StatusCode::NOT_FOUND {
            break;
        }
        assert_eq!(status, StatusCode::OK, "{path}");
        let listing = between(&body, r#"<section aria-labelledby="all-pairs">"#, "</section>").unwrap();
        for link in listing.split(r#"<li><a href=""#).skip(1) {
            let href = link.split('"').next().unwrap().to_owned();
            assert!(href.starts_with("/compare/"), "{href}");
            assert!(seen.insert(href.clone()), "{href} listed twice");
        }
        page += 1;
        assert!(page < 100, "pagination does not end");
    }
    assert_eq!(seen.len(), n * (n - 1) / 2);
    // Every listed address is canonical: it answers 200, not a redirect.
    for href in seen.iter().take(40) {
        assert_eq!(get(href).await.0, StatusCode::OK, "{href}");
    }
    assert_eq!(get("/compare?page=abc").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get("/compare?page=0").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get("/compare?page=999").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn api_models_lists_every_model_with_sourced_figures() {
    let (status, headers, body) = get("/api/v1/models").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type(&headers).starts_with("application/json"));
    let json: Value = serde_json::from_str(&body).unwrap();
    let models = json["models"].as_array().unwrap();
    assert_eq!(models.len(), site().await.catalog.dataset.models.len());
    let mini = models.iter().find(|m| m["id"] == "gpt-4o-mini").unwrap();
    assert_eq!(mini["price"]["input_per_mtok"], "0.15");
    let rate = |tier: &str, meter: &str| {
        mini["price"]["rate_card"]["rates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["tier"] == tier && r["meter"] == meter && r["above_input_tokens"] == 0 && r["window"].is_null())
            .map(|r| r["usd_per_mtok"].clone())
    };
    assert_eq!(rate("standard", "cache_read"), Some(Value::from("0.075")));
    assert_eq!(rate("batch", "output"), Some(Value::from("0.3")));
    assert_eq!(rate("flex", "input"), None, "a tier the source does not give has no rate, never 0");
    assert_eq!(mini["typical_request_usd"], "0.00135");
    assert_eq!(mini["context_window"]["value"], 128_000);
    assert!(mini["context_window"]["source"].is_string());
    assert_eq!(json["headline_index"]["benchmark"], "eci");
    let sources: Vec<&str> = json["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    for m in models {
        for s in m["scores"].as_array().unwrap() {
            assert!(sources.contains(&s["source"].as_str().unwrap()), "{}: unknown source", m["id"]);
        }
    }
}

/// Every row of every API table equals the same row of the page's table: label, both
/// figures and the difference.
fn assert_api_matches_page(api: &Value, page: &str, context: &str) {
    let tables = [
        ("summary", "summary-table"),
        ("performance", "performance-table"),
        ("benchmarks", "benchmark-table"),
        ("prices_per_mtok", "price-table"),
        ("long_context", "tier-table"),
        ("requests", "request-table"),
        ("ways_to_pay", "ways-table"),
        ("monthly", "monthly-table"),
    ];
    for (key, id) in tables {
        let rows = api["tables"][key].as_array().unwrap();
        let Some(html) = between(page, &format!("id=\"{id}\">"), "</table>") else {
            assert!(rows.is_empty(), "{context}: {key} has rows but the page has no {id}");
            continue;
        };
        let body = html.split("<tbody>").nth(1).unwrap();
        let html_rows: Vec<String> = body.split("<tr>").skip(1).map(unescape).collect();
        assert_eq!(html_rows.len(), rows.len(), "{context}: {key} row count");
        for (row, html_row) in rows.iter().zip(&html_rows) {
            let label = row["label"].as_str().unwrap();
            assert!(html_row.contains(&format!("<th scope=\"row\">{label}")), "{context}: {key}: {label}");
            for side in ["a", "b"] {
                let text = row[side]["text"].as_str().unwrap();
                assert!(html_row.contains(&format!(">{text}<")), "{context}: {key}/{label}/{side}: {text:?}");
                // A figure of money carries its exact amount; a missing one or one in words none.
                let money = !row[side]["missing"].as_bool().unwrap() && text.starts_with('$');
                let usd = &row[side]["usd"];
                assert_eq!(usd.is_string(), money, "{context}: {key}/{label}/{side}: usd {usd} beside {text:?}");
            }
            if let Some(d) = row["difference"].as_str() {
                assert!(html_row.contains(&format!(">{d}<")), "{context}: {key}/{label}: difference {d:?}");
            }
        }
    }
}

#[tokio::test]
async fn api_comparison_figures_equal_the_page_for_several_pairs() {
    for (pair, query) in [
        ("gpt-4o-mini-vs-gpt-4-1-mini", ""),
        ("gpt-4o-mini-vs-gpt-4-1-mini", "?input=100000&output=2000&requests=1000000"),
        ("qwen3-max-vs-claude-opus-4-6", ""),
        ("gemini-2-5-pro-vs-qwen3-max", "?input=250000&output=1000&cached=40&batch=1"),
        ("gpt-4-1-vs-gpt-5", "?output=3000"),
    ] {
        let context = format!("{pair}{query}");
        let (status, _, page) = get(&format!("/compare/{pair}{query}")).await;
        assert_eq!(status, StatusCode::OK, "{context}");
        let (status, headers, body) = get(&format!("/api/v1/compare/{pair}{query}")).await;
        assert_eq!(status, StatusCode::OK, "{context}");
        assert!(content_type(&headers).starts_with("application/json"));
        let api: Value = serde_json::from_str(&body).unwrap();
        assert_api_matches_page(&api, &page, &context);
        assert!(unescape(&page).contains(api["verdict"].as_str().unwrap()), "{context}: verdict");
        assert_eq!(api["faq"].as_array().unwrap().len(), count(faq_section(&page), "<h3>"), "{context}");
    }
    // The issue's example in exact decimals.
    let (_, _, body) =
        get("/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini?input=100000&output=2000&requests=1000000").await;
    let api: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(api["models"][0]["request_cost_usd"], "0.0162");
    assert_eq!(api["models"][1]["request_cost_usd"], "0.0432");
    assert_eq!(api["workload"]["requests_per_month"], 1_000_000);
}

/// The figures of one API table as (label, a's usd, b's usd), null as "-".
fn amounts(api: &Value, table: &str) -> Vec<(String, String, String)> {
    let usd = |f: &Value| f["usd"].as_str().unwrap_or("-").to_owned();
    api["tables"][table]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["label"].as_str().unwrap().to_owned(), usd(&r["a"]), usd(&r["b"])))
        .collect()
}

#[tokio::test]
async fn api_figures_carry_the_exact_amount_the_page_shows() {
    // Hand-checked from the seed's list prices per 1M tokens: GPT-4o mini $0.15 in, $0.60 out,
    // $0.075 cached; GPT-4.1 mini $0.40, $1.60, $0.10. Small 500 in / 200 out: 75 + 120 = 195
    // vs 200 + 320 = 520 micro-dollars; Medium 5K / 1K: 750 + 600 = 1,350 vs 2,000 + 1,600 = 3,600;
    // Large 50K / 4K: 7,500 + 2,400 = 9,900 vs 20,000 + 6,400 = 26,400; the medium request with
    // every input token cached: 375 + 600 = 975 vs 500 + 1,600 = 2,100.
    let (status, _, body) = get("/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini?requests=1000").await;
    assert_eq!(status, StatusCode::OK);
    let api: Value = serde_json::from_str(&body).unwrap();
    let row = |l: &str, a: &str, b: &str| (l.to_owned(), a.to_owned(), b.to_owned());
    assert_eq!(
        amounts(&api, "requests"),
        [
            row("Small (500 in / 200 out)", "0.000195", "0.00052"),
            row("Medium (5K in / 1K out)", "0.00135", "0.0036"),
            row("Large (50K in / 4K out)", "0.0099", "0.0264"),
            row("Your request (5K in / 1K out)", "0.00135", "0.0036"),
        ]
    );
    let ways = amounts(&api, "ways_to_pay");
    assert!(ways.contains(&row("Prompt caching", "0.000975", "0.0021")), "{ways:?}");
    // The older `billing` table: the same rows of ways to pay.
    let billing = amounts(&api, "billing");
    assert_eq!(billing.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["Standard", "Prompt caching", "Batch API"]);
    assert!(billing.iter().all(|r| ways.contains(r)), "{billing:?}");
    // 1,000 requests a month, 12,000 a year.
    assert_eq!(
        amounts(&api, "monthly"),
        [
            row("Per request", "0.00135", "0.0036"),
            row("Per month (1,000 requests)", "1.35", "3.6"),
            row("Per year (12 months)", "16.2", "43.2"),
        ]
    );
    // The monthly difference is money too: 3,600 - 1,350 micro-dollars a request, x 1,000, x 12,000.
    let differences: Vec<(&str, &str)> = api["tables"]["monthly"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["difference"].as_str().unwrap(), r["difference_usd"].as_str().unwrap()))
        .collect();
    assert_eq!(
        differences,
        [
            ("GPT-4.1 mini costs $0.00225 more", "0.00225"),
            ("GPT-4.1 mini costs $2.25 more", "2.25"),
            ("GPT-4.1 mini costs $27.00 more", "27"),
        ]
    );
    assert!(api["tables"]["requests"][0].get("difference_usd").is_none(), "a ratio is not money");
    let prices = amounts(&api, "prices_per_mtok");
    assert_eq!(prices[0], row("Input / 1M tokens", "0.15", "0.4"));
    assert_eq!(prices[1], row("Output / 1M tokens", "0.6", "1.6"));
    assert_eq!(amounts(&api, "summary")[0], row("Your request", "0.00135", "0.0036"));
    // Figures that are not money carry none.
    assert!(amounts(&api, "performance").iter().all(|(_, a, b)| a == "-" && b == "-"));
}

#[tokio::test]
async fn api_errors_are_json_with_the_right_status() {
    for (path, status, parameter) in [
        ("/api/v1/compare/gpt-4o-mini-vs-nope", StatusCode::NOT_FOUND, None),
        ("/api/v1/compare/gpt-4o-mini", StatusCode::BAD_REQUEST, None),
        ("/api/v1/compare/o3-vs-o3", StatusCode::BAD_REQUEST, None),
        ("/api/v1/compare/%FF-vs-o3", StatusCode::BAD_REQUEST, None),
        ("/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini?input=-1", StatusCode::BAD_REQUEST, Some("input")),
        ("/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini?cached=101", StatusCode::BAD_REQUEST, Some("cached")),
        ("/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini?batch=yes", StatusCode::BAD_REQUEST, Some("batch")),
        ("/api/v1/nothing-here", StatusCode::NOT_FOUND, None),
        ("/api/v2/models", StatusCode::NOT_FOUND, None),
    ] {
        let (got, headers, body) = get(path).await;
        assert_eq!(got, status, "{path}");
        assert!(content_type(&headers).starts_with("application/json"), "{path}: {}", content_type(&headers));
        let json: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
        assert_eq!(json["error"]["status"], status.as_u16(), "{path}");
        assert!(json["error"]["title"].is_string() && json["error"]["detail"].is_string(), "{path}");
        if let Some(p) = parameter {
            assert_eq!(json["error"]["parameter"], p, "{path}");
        }
    }
    let (status, headers, _) = get("/api/v1/compare/gpt-4-1-mini-vs-gpt-4o-mini?input=5").await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(location(&headers), "/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini?input=5");
}

#[tokio::test]
async fn the_csv_holds_every_figure_one_per_row() {
    let (status, headers, body) = get("/api/v1/models.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type(&headers).starts_with("text/csv"));
    let mut lines = body.lines();
    assert_eq!(lines.next(), Some("model,kind,field,value,source,as_of"));
    let rows: Vec<&str> = lines.collect();
    let catalog = &site().await.catalog;
    for m in &catalog.dataset.models {
        let id = m.id.as_str();
        // A model without a price (Claude 3.5 Haiku: no LiteLLM key ever priced it) has no row.
        assert_eq!(
            rows.iter().any(|r| r.starts_with(&format!("{id},price,input_per_mtok"))),
            m.current_price().is_some(),
            "{id}: a current input price row exactly when the model has a price"
        );
        let scores = rows.iter().filter(|r| r.starts_with(&format!("{id},score_"))).count();
        assert_eq!(scores, m.scores.len(), "{id}: every score is a row");
    }
    // The exact price, never rounded: $0.075, not $0.08; every rate of the card, by tier,
    // threshold and window, the base rates under the names they had before the card.
    assert!(rows.iter().any(|r| r.starts_with("gpt-4o-mini,price,cache_read_per_mtok [2026-03-05..],0.075,")));
    assert!(rows.iter().any(|r| r.starts_with("gpt-5-4,price,batch_input_per_mtok_above_272000 [2026-11-25..],2.5,")));
    assert!(rows.iter().any(|r| r.starts_with("deepseek-v4-pro,price,input_per_mtok@off-peak [2026-11-25..],0.66,")));
}

#[tokio::test]
async fn methodology_names_the_headline_index_and_why_and_the_licenses() {
    let (_, _, body) = get("/methodology").await;
    let text = unescape(&body);
    assert!(text.contains("The headline index is the Epoch Capabilities Index (ECI)"));
    let coverage = site().await.catalog.index.as_ref().unwrap().coverage;
    assert!(coverage >= 28);
    assert!(text.contains(&format!("it covers the most ({coverage} models)")));
    assert!(text.contains("has no true zero"));
    for license in ["CC-BY 4.0", "MIT", "Apache-2.0"] {
        assert!(text.contains(license), "{license}");
    }
}
