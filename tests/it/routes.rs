//! Every route answered in process: statuses, redirects, the figures on the reference
//! comparison, error pages and hostile input.

use axum::http::{Method, StatusCode, header};
use llm_compare::domain::slug::{PairSpec, parse_pair};
use llm_compare::domain::{Catalog, ModelId};

use crate::support::{
    assert_error_page, between, broken_number_marks, cited_sources, content_type, count, faq_section, foreign_scripts,
    get, get_error_page, hrefs_in, location, parse, request, select_in, site, text,
};

use crate::support::REFERENCE;

#[tokio::test]
async fn home_page_lists_every_seed_model_once() {
    let (status, headers, body) = get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type(&headers).starts_with("text/html"));
    // Current models in the first table, retired ones in their own: each model once in all.
    let (current, retired) = site().await.catalog.current_and_retired();
    assert!(!retired.is_empty(), "the seed has retired models (Grok 3 among them)");
    let page = parse(&body);
    let all = page.first(r#"section[aria-labelledby="all"]"#).expect("the models section");
    let past = page.first(r#"section[aria-labelledby="retired"]"#).expect("the retired section");
    for (table, models) in [(all, &current), (past, &retired)] {
        assert_eq!(select_in(table, r#"tr[class^="status-"]"#).len(), models.len(), "one row per model");
        assert_eq!(select_in(table, r#"[href^="/models/"]"#).len(), models.len(), "one model link per row");
    }
    for m in current.iter().chain(&retired) {
        let link = format!(r#"[href="/models/{}"]"#, m.id);
        assert_eq!(select_in(all, &link).len() + select_in(past, &link).len(), 1, "model {} linked once", m.id);
    }
}

#[tokio::test]
async fn home_page_has_the_two_model_picker_form() {
    let (_, _, body) = get("/").await;
    // The default list holds the models still offered.
    let n = site().await.catalog.current_and_retired().0.len();
    let page = parse(&body);
    let form = page.first("form").expect("a form");
    let markup = form.html();
    assert_eq!(form.value().attr("action"), Some("/compare"), "{markup}");
    assert_eq!(form.value().attr("method"), Some("get"), "{markup}");
    for field in ["a", "b"] {
        let input = format!(r#"input[name="{field}"][list="model-list"][required]"#);
        assert_eq!(select_in(form, &input).len(), 1, "{field}: {markup}");
    }
    // One type-to-filter list for both fields, one option per current model, grouped by provider.
    let options = select_in(form, "option");
    assert_eq!(options.len(), n);
    let labels: Vec<&str> = options.iter().filter_map(|o| o.value().attr("label")).collect();
    assert_eq!(labels.len(), n, "every option has a label");
    assert!(labels.iter().all(|l| !l.contains("retired")), "{labels:?}");
    let mut providers: Vec<&str> = labels.clone();
    providers.dedup();
    let mut sorted = providers.clone();
    sorted.sort_by_key(|p| p.to_lowercase());
    sorted.dedup();
    assert_eq!(providers, sorted, "each provider's models sit together");
}

#[tokio::test]
async fn compare_page_serves_the_canonical_order_older_release_first() {
    let (status, headers, body) = get(REFERENCE).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(content_type(&headers).starts_with("text/html"));
    let s = site().await;
    let a = s.catalog.model(&ModelId::parse("gpt-4o-mini").unwrap()).unwrap();
    let b = s.catalog.model(&ModelId::parse("gpt-4-1-mini").unwrap()).unwrap();
    let (released_a, released_b) = (&a.release_date.as_ref().unwrap().value, &b.release_date.as_ref().unwrap().value);
    assert!(released_a.iso() < released_b.iso(), "GPT-4o mini ({}) is the older release", released_a.iso());
    assert_eq!(s.catalog.canonical_path(b, a), REFERENCE);
    assert_eq!(s.catalog.canonical_path(a, b), REFERENCE);
}

#[tokio::test]
async fn compare_page_shows_the_hand_checked_prices_and_request_costs() {
    let (_, _, body) = get(REFERENCE).await;
    let page = parse(&body);
    // Row label, then GPT-4o mini's figure and GPT-4.1 mini's, each at the start of its own cell.
    for (label, a, b) in [
        ("Input / 1M tokens", "$0.15", "$0.40"),
        ("Output / 1M tokens", "$0.60", "$1.60"),
        ("Cached input", "$0.075", "$0.10"),
        ("Small (500 in / 200 out)", "$0.000195", "$0.00052"),
        ("Medium (5K in / 1K out)", "$0.00135", "$0.0036"),
        ("Large (50K in / 4K out)", "$0.0099", "$0.0264"),
        ("Prompt caching", "$0.000975", "$0.0021"),
    ] {
        let row = page.row(label).unwrap_or_else(|| panic!("no {label} row"));
        let cells = &row.cells;
        assert!(cells.len() >= 2, "{label}: {cells:?}");
        assert!(cells[0].starts_with(a) && cells[1].starts_with(b), "{label}: want {a} and {b}, got {cells:?}");
    }
}

#[tokio::test]
async fn compare_page_states_the_ratio_the_saving_and_the_verdict() {
    let (_, _, body) = get(REFERENCE).await;
    assert!(body.contains("2.67x"), "price ratio");
    assert!(body.contains("62.5%"), "GPT-4o mini costs 62.5% less per typical request");
    let verdict = text(parse(&body).first("p.verdict").expect("a verdict paragraph"));
    assert!(verdict.contains("GPT-4o mini"), "{verdict}");
    assert!(verdict.contains("cheaper"), "{verdict}");
    assert!(verdict.contains("2.67x"), "{verdict}");
}

/// Every sentence the reference page writes from its numbers, one block per line in page
/// order, in tests/it/snapshots/: what a reader of the verdict, the bottom line and the FAQ
/// sees, reviewable as prose when a rule of the words changes.
#[tokio::test]
async fn the_reference_pairs_verdict_bottom_line_and_faq_read_as_written() {
    let (_, _, body) = get(REFERENCE).await;
    let page = parse(&body);
    let blocks = ["p.verdict", ".bottom-line p, .bottom-line dt, .bottom-line dd, .bottom-line li", ".faq h3, .faq p"];
    let words: Vec<String> = blocks.iter().flat_map(|css| page.select(css).into_iter().map(text)).collect();
    assert!(words.len() > 10, "the verdict, the bottom line and the FAQ: {words:?}");
    insta::assert_snapshot!("reference_pair_words", words.join("\n"));
}

#[tokio::test]
async fn compare_page_attributes_the_reference_index_and_speeds_to_margindash() {
    let (_, _, body) = get(REFERENCE).await;
    let page = parse(&body);
    for (label, values) in
        [("Artificial Analysis Intelligence Index", ["12.6", "22.9"]), ("Output speed", ["49.9", "70.6"])]
    {
        let r = page.row(label).unwrap_or_else(|| panic!("no {label} row"));
        assert!(r.cells.len() >= 2, "{label}: {:?}", r.cells);
        for (cell, v) in r.cells.iter().zip(values) {
            assert!(cell.starts_with(v), "{label} row lacks {v}: {:?}", r.cells);
        }
        let cites = cited_sources(&r.element.html());
        assert_eq!(cites.len(), 2, "{label}: one citation per model: {:?}", r.cells);
        for n in cites {
            let entry = page.first(&format!("li#src-{n}")).unwrap_or_else(|| panic!("source {n} is not listed"));
            assert!(entry.inner_html().contains("margindash"), "{label} cites source {n}, which is {}", text(entry));
        }
    }
}

#[tokio::test]
async fn compare_page_has_one_chart_with_title_and_description() {
    let (_, _, body) = get(REFERENCE).await;
    let svgs = crate::support::the_svgs(&body);
    assert_eq!(svgs.len(), 2, "one chart, drawn wide and narrow");
    for svg in svgs {
        assert!(svg.contains("<title id="), "chart has no <title>");
        assert!(svg.contains("<desc"), "chart has no <desc>");
        assert!(!svg.contains("width=\"600\"") && !svg.contains("style="), "scales by viewBox, no inline style");
        crate::support::check_xml(svg).expect("chart SVG is well-formed");
    }
    // Every charted model is also listed with its figures.
    assert_eq!(parse(&body).count("table.chart-list#chart-models"), 1);
}

#[tokio::test]
async fn compare_page_answers_at_least_nine_questions() {
    let (_, _, body) = get(REFERENCE).await;
    let page = parse(&body);
    let faq = page.first(r#"section[aria-labelledby="faq"]"#).expect("a FAQ section");
    let questions = select_in(faq, "h3").len();
    assert!(questions >= 9, "{questions} FAQ questions");
    assert_eq!(select_in(faq, "details").len(), questions, "each answer folds under its question");
    assert_eq!(select_in(faq, "details h3").len(), questions, "each question heads its answer");
    // The parser closes what the markup leaves open; the markup itself must close every question.
    let markup = faq_section(&body);
    assert_eq!(count(markup, "<h3>"), count(markup, "</h3>"));
}

#[tokio::test]
async fn compare_page_dates_its_data_by_its_newest_cited_source() {
    let (_, _, body) = get(REFERENCE).await;
    let dataset = &site().await.catalog.dataset;
    let updated = between(&body, "Data last updated", "</p>").expect("a 'Data last updated' line");
    // The page's date is its newest cited source's: the November price map for this pair, not
    // a vendor page about another model read later.
    let cited_dates: Vec<&str> = dataset
        .sources
        .values()
        .filter(|s| body.contains(&s.title.replace('&', "&#38;")) || body.contains(&s.title))
        .map(|s| s.as_of.iso())
        .collect();
    let last = cited_dates.iter().max().expect("the page cites dated sources");
    assert_eq!(*last, "2026-11-25");
    assert!(updated.contains(last), "updated line {updated:?} lacks {last}");
}

#[tokio::test]
async fn compare_page_lists_every_cited_source() {
    let (_, _, body) = get(REFERENCE).await;
    let page = parse(&body);
    let sources = page.first(r#"section[aria-labelledby="sources"]"#).expect("a Sources section");
    assert_eq!(select_in(sources, "ol").len(), 1, "one numbered list of sources");
    let cites = cited_sources(&body);
    assert!(!cites.is_empty(), "the page cites nothing");
    for n in cites {
        assert_eq!(select_in(sources, &format!("ol > li#src-{n}")).len(), 1, "citation [{n}] has no entry in Sources");
    }
}

#[tokio::test]
async fn compare_page_never_shows_rounded_or_broken_figures() {
    let (_, _, body) = get(REFERENCE).await;
    assert_eq!(broken_number_marks(&body), Vec::<&str>::new());
    // 167% would be "GPT-4.1 mini costs 167% more" read the wrong way round; $0.08 is
    // $0.075 rounded; 0.009899 is $0.0099 computed in floating point.
    for wrong in ["167%", "$0.08", "0.009899"] {
        assert!(!body.contains(wrong), "page contains {wrong:?}");
    }
}

#[tokio::test]
async fn compare_page_redirects_reversed_pair_to_canonical_order() {
    let (status, headers, body) = get("/compare/gpt-4-1-mini-vs-gpt-4o-mini").await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(location(&headers), REFERENCE);
    assert!(body.is_empty());
}

#[tokio::test]
async fn compare_redirect_keeps_the_query_string() {
    let (status, headers, _) = get("/compare/gpt-4-1-mini-vs-gpt-4o-mini?utm_source=x&ref=a%20b").await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(location(&headers), format!("{REFERENCE}?utm_source=x&ref=a%20b"));
}

#[tokio::test]
async fn compare_page_redirects_loosely_written_ids_in_one_hop() {
    for uri in [
        "/compare/GPT-4o-mini-vs-gpt-4.1-mini",
        "/compare/GPT-4.1-mini-vs-gpt-4o-mini",
        "/compare/gpt-4o-mini-VS-gpt-4-1-mini",
        "/compare/gpt_4o_mini-vs-gpt%204.1%20mini",
        "/compare/gpt-4o-mini-vs-gpt%2D4-1-mini",
    ] {
        let (status, headers, _) = get(uri).await;
        assert_eq!(status, StatusCode::MOVED_PERMANENTLY, "{uri}");
        assert_eq!(location(&headers), REFERENCE, "{uri}");
    }
}

/// Checks one suggestion link: a known model's page, or the canonical comparison of two
/// known models. Returns the model ids it names.
fn suggested_models(catalog: &Catalog, href: &str) -> Result<Vec<String>, String> {
    let known = |id: &ModelId| catalog.model(id).ok_or_else(|| format!("{href} names unknown model {id}"));
    if let Some(id) = href.strip_prefix("/models/") {
        let id = ModelId::parse(id).ok_or_else(|| format!("{href}: not a canonical id"))?;
        known(&id)?;
        return Ok(vec![id.to_string()]);
    }
    if let Some(pair) = href.strip_prefix("/compare/") {
        let Ok(PairSpec::Exact(a, b)) = parse_pair(pair) else { return Err(format!("{href}: not an exact pair")) };
        let (ma, mb) = (known(&a)?, known(&b)?);
        if catalog.canonical_path(ma, mb) != href {
            return Err(format!("{href} is not the canonical order"));
        }
        return Ok(vec![a.to_string(), b.to_string()]);
    }
    Err(format!("{href} is neither a model nor a comparison"))
}

#[tokio::test]
async fn compare_page_with_unknown_model_is_404_with_close_suggestions() {
    let catalog = &site().await.catalog;
    for uri in ["/compare/gpt-4o-mini-vs-gpt-9-ultra", "/compare/gpt-9-ultra-vs-gpt-4o-mini"] {
        let (_, body) = get_error_page(uri, StatusCode::NOT_FOUND).await;
        let page = parse(&body);
        let suggestions = page.first("ul.suggestions").unwrap_or_else(|| panic!("{uri}: no suggestions list:\n{body}"));
        let hrefs = hrefs_in(suggestions, "[href]");
        assert!(!hrefs.is_empty(), "{uri}: no suggestions");
        let mut named = Vec::new();
        for href in &hrefs {
            named.extend(suggested_models(catalog, href).unwrap_or_else(|e| panic!("{uri}: {e}")));
        }
        assert!(
            named.iter().any(|id| id.starts_with("gpt-") && id != "gpt-4o-mini"),
            "{uri}: nothing close to gpt-9-ultra: {hrefs:?}"
        );
        assert!(body.contains("gpt-9-ultra"), "{uri}: the page does not say what was not found");
    }
}

#[tokio::test]
async fn script_in_a_path_is_refused_and_never_echoed() {
    for uri in [
        "/compare/gpt-4o-mini-vs-%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/compare/%3Cscript%3Ealert(1)%3C%2Fscript%3E-vs-gpt-4o-mini",
        "/models/%3Cscript%3E",
        "/models/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/compare?a=%3Cscript%3Ealert(1)%3C%2Fscript%3E&b=o3",
        "/compare?a=o3&b=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let (status, headers, body) = get(uri).await;
        assert!(status.is_client_error(), "{uri}: {status}");
        assert_error_page(uri, status, &headers, &body);
        assert!(!body.contains("<script>alert"), "{uri} echoed the script");
        assert_eq!(foreign_scripts(&body), 0, "{uri} has a script tag");
    }
}

#[tokio::test]
async fn compare_page_with_the_same_model_twice_is_400() {
    for uri in ["/compare/o3-vs-o3", "/compare/O3-vs-o3"] {
        let (_, body) = get_error_page(uri, StatusCode::BAD_REQUEST).await;
        assert!(parse(&body).count(r#"[href="/models/o3"]"#) >= 1, "{uri}: no link to the model's own page");
    }
}

#[tokio::test]
async fn malformed_pairs_get_a_400_error_page_not_a_500() {
    for uri in [
        "/compare/gpt-4o-mini",
        "/compare/a-vs-b-vs-c",
        "/compare/-vs-",
        "/compare/-vs-o3",
        "/compare/o3-vs-",
        "/compare/%FF%FE-vs-o3",
        "/compare/o3-vs-%C3%28",
        "/compare/gpt-4o-mini-vs-o3%00",
    ] {
        get_error_page(uri, StatusCode::BAD_REQUEST).await;
    }
}

#[tokio::test]
async fn model_page_shows_one_price_history_row_per_period_and_tier() {
    let (status, _, body) = get("/models/gpt-4o-mini").await;
    assert_eq!(status, StatusCode::OK);
    let catalog = &site().await.catalog;
    let me = catalog.model(&ModelId::parse("gpt-4o-mini").unwrap()).unwrap();
    let page = parse(&body);
    let history = page.first(r#"section[aria-labelledby="history"]"#).expect("price history");
    let rows: Vec<String> = select_in(history, "tbody tr").into_iter().map(text).collect();
    let ways: usize = me.prices.iter().map(|p| p.rates.ways_to_pay().len()).sum();
    assert_eq!(rows.len(), ways, "one row per price period and tier");
    let all = rows.join("\n");
    assert!(all.contains("$0.15") && all.contains("$0.60"), "{all}");
    assert!(all.contains("current"), "the open price period says current: {all}");
}

#[tokio::test]
async fn model_page_links_every_comparison_once() {
    let (status, _, body) = get("/models/gpt-4o-mini").await;
    assert_eq!(status, StatusCode::OK);
    let catalog = &site().await.catalog;
    let me = catalog.model(&ModelId::parse("gpt-4o-mini").unwrap()).unwrap();
    let page = parse(&body);
    let comparisons = page.first(r#"section[aria-labelledby="comparisons"]"#).expect("comparisons");
    for other in catalog.dataset.models.iter().filter(|m| m.id != me.id) {
        let href = catalog.canonical_path(me, other);
        let links = select_in(comparisons, &format!(r#"[href="{href}"]"#)).len();
        assert_eq!(links, 1, "comparison with {} linked once at {href}", other.id);
    }
    assert_eq!(select_in(comparisons, r#"[href^="/compare/"]"#).len(), catalog.dataset.models.len() - 1);
}

#[tokio::test]
async fn model_page_redirects_a_loosely_written_id() {
    for uri in ["/models/GPT-4o-mini", "/models/gpt-4o-mini.", "/models/gpt_4o_mini"] {
        let (status, headers, _) = get(uri).await;
        assert_eq!(status, StatusCode::MOVED_PERMANENTLY, "{uri}");
        assert_eq!(location(&headers), "/models/gpt-4o-mini", "{uri}");
    }
}

#[tokio::test]
async fn model_page_of_an_unknown_id_is_a_404_error_page() {
    get_error_page("/models/nope", StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn picker_sends_a_choice_to_the_canonical_pair_with_303() {
    for uri in [
        "/compare?a=gpt-4-1-mini&b=gpt-4o-mini",
        "/compare?a=gpt-4o-mini&b=gpt-4-1-mini",
        "/compare?a=GPT-4.1-mini&b=+gpt-4o-mini+",
        // The type-to-filter list fills in display names.
        "/compare?a=GPT-4.1+mini&b=GPT-4o+mini",
        "/compare?a=gpt-4.1+MINI&b=gpt-4o-mini",
    ] {
        let (status, headers, _) = get(uri).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(location(&headers), REFERENCE, "{uri}");
    }
}

#[tokio::test]
async fn picker_refuses_incomplete_or_impossible_choices() {
    for (uri, expected) in [
        ("/compare?a=o3&b=o3", StatusCode::BAD_REQUEST),
        ("/compare?a=o3", StatusCode::BAD_REQUEST),
        ("/compare?b=o3", StatusCode::BAD_REQUEST),
        ("/compare?a=o3&b=", StatusCode::BAD_REQUEST),
        ("/compare?a=o3&b=o3&a=gpt-4o-mini", StatusCode::BAD_REQUEST),
        ("/compare?a=%FF&b=o3", StatusCode::BAD_REQUEST),
        ("/compare?a=o3&b=zzz", StatusCode::NOT_FOUND),
    ] {
        get_error_page(uri, expected).await;
    }
}

#[tokio::test]
async fn picker_without_a_choice_shows_the_picker_page() {
    let (status, _, body) = get("/compare").await;
    assert_eq!(status, StatusCode::OK);
    let page = parse(&body);
    let form = page.first("form").expect("a form");
    assert_eq!(form.value().attr("action"), Some("/compare"));
    assert!(select_in(form, r#"input[name="a"]"#).len() == 1 && select_in(form, r#"input[name="b"]"#).len() == 1);
    assert_eq!(select_in(form, "datalist#model-list").len(), 1);
}

#[tokio::test]
async fn unknown_path_is_a_404_error_page() {
    get_error_page("/nope", StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn post_to_a_page_is_405_with_allow_header() {
    for uri in ["/", REFERENCE, "/models/gpt-4o-mini", "/compare"] {
        let (status, headers, body) = request(Method::POST, uri).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{uri}");
        assert_error_page(uri, status, &headers, &body);
        let allow = headers.get(header::ALLOW).and_then(|v| v.to_str().ok()).unwrap_or("");
        assert!(allow.contains("GET"), "{uri}: Allow is {allow:?}");
    }
}

#[tokio::test]
async fn stylesheet_is_served_as_css() {
    let (status, headers, body) = get("/static/site.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type(&headers).starts_with("text/css"), "{:?}", content_type(&headers));
    assert!(body.contains('{'), "an empty stylesheet");
}

#[tokio::test]
async fn every_response_says_nosniff() {
    for uri in ["/", REFERENCE, "/nope", "/static/site.css"] {
        let (_, headers, _) = get(uri).await;
        assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{uri}");
    }
}

/// Odd and hostile paths a crawler or attacker sends.
fn hostile_paths() -> Vec<String> {
    let long = "a".repeat(5_000);
    let mut paths: Vec<String> = [
        "/compare/%00",
        "/compare/%00-vs-o3",
        "/models/%00",
        "/compare/..%2F..%2Fetc%2Fpasswd",
        "/compare/..%2F-vs-o3",
        "/models/..%2F..%2Fetc%2Fpasswd",
        "/static/..%2Fsrc%2Fmain.rs",
        "/static/../Cargo.toml",
        "/compare/-vs-",
        "/compare/-vs--vs-",
        "/compare/vs",
        "/compare/-vs-vs-vs-",
        "/compare/gpt-4o-mini-vs-o3/",
        "/compare/gpt-4o-mini-vs-gpt-4-1-mini/",
        "/models/gpt-4o-mini/",
        "//compare/gpt-4o-mini-vs-o3",
        "/compare//gpt-4o-mini-vs-o3",
        "//",
        "/compare/",
        "/models/",
        "/compare/%E2%80%AEo3-vs-gpt-4o-mini",
        "/compare/%C3%BC-vs-o3",
        "/models/%F0%9F%A6%80",
        "/compare/gpt%E2%80%914o-mini-vs-o3",
        "/compare/%FF",
        "/models/%FF%FE",
        "/compare/%25-vs-%25",
        "/compare/%3Cscript%3E-vs-%3Cscript%3E",
        "/compare/o3-vs-%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/models/%22%3E%3Cscript%3E",
        "/compare?a=%3Cscript%3E&b=%3Cscript%3E",
        "/compare?a[]=o3&b=o3",
        "/compare?a=o3&b=gpt-4o-mini%00",
        "/compare?%FF=%FF",
        "/compare/o3-vs-gpt-4o-mini?%3Cscript%3E",
        "/compare/O3-VS-GPT-4O-MINI",
        "/compare/o3-vs-o3.",
        "/compare/gpt-4o-mini-vs-gpt-4o-mini-",
        "/compare/gpt-4o-mini--vs--o3",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    paths.push(format!("/compare/{long}"));
    paths.push(format!("/compare/{long}-vs-o3"));
    paths.push(format!("/compare/o3-vs-{long}"));
    paths.push(format!("/models/{long}"));
    paths.push(format!("/{long}"));
    paths.push(format!("/compare/{}", "-vs-".repeat(1_250)));
    paths
}

#[tokio::test]
async fn hostile_paths_never_get_a_5xx_or_an_unescaped_script() {
    let paths = hostile_paths();
    assert!(paths.len() >= 40);
    for uri in &paths {
        let (status, headers, body) = get(uri).await;
        let short = &uri[..uri.len().min(80)];
        assert!(!status.is_server_error(), "{short}: {status}");
        assert_eq!(foreign_scripts(&body), 0, "{short}: unescaped <script in the body");
        if status.is_client_error() {
            assert_error_page(short, status, &headers, &body);
        }
        if status.is_redirection() {
            let to = location(&headers);
            assert!(to.starts_with('/') && !to.starts_with("//"), "{short}: redirect off site to {to}");
        }
    }
}

#[tokio::test]
async fn trailing_slash_redirects_to_the_page_without_it() {
    let (status, headers, _) = get("/compare/gpt-4o-mini-vs-gpt-4-1-mini/?x=1").await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(location(&headers), "/compare/gpt-4o-mini-vs-gpt-4-1-mini?x=1");
    // A path of slashes never turns into an off-site (protocol-relative) Location.
    let (status, headers, _) = get("//evil.example/").await;
    assert_ne!(status, StatusCode::MOVED_PERMANENTLY, "{:?}", headers.get("location"));
}
