//! Every unordered pair of the seed, rendered at its canonical address, and its reversed
//! address redirecting there.

use axum::http::{Method, StatusCode, header};

use crate::support::{
    broken_number_marks, call, check_xml, cited_sources, count, faq_section, site, source_entry, the_svgs,
};

/// The problems found on one comparison page, empty if none.
fn page_problems(body: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let svgs = the_svgs(body);
    if svgs.len() != 2 {
        problems.push(format!("{} chart drawings, expected a wide and a narrow one", svgs.len()));
    }
    for svg in svgs {
        if let Err(e) = check_xml(svg) {
            problems.push(format!("SVG not well-formed: {e}"));
        }
        if !svg.contains("<title") || !svg.contains("<desc") {
            problems.push("SVG lacks <title> or <desc>".into());
        }
        if count(svg, "<circle") != count(svg, "<title>") {
            problems.push("a chart point has no <title>".into());
        }
    }
    if !body.contains("<table class=\"compare summary\" id=\"summary-table\">") {
        problems.push("no summary at the top".into());
    }
    for mark in broken_number_marks(body) {
        problems.push(format!("contains {mark:?}"));
    }
    let questions = count(faq_section(body), "<h3>");
    if questions < 9 {
        problems.push(format!("{questions} FAQ questions"));
    }
    for n in cited_sources(body) {
        if source_entry(body, n).is_none() {
            problems.push(format!("citation [{n}] not in Sources"));
        }
    }
    problems
}

/// Renders the pairs `pairs` (canonical path, reversed path) and returns every problem.
async fn check_pairs(router: axum::Router, pairs: Vec<(String, String)>) -> Vec<String> {
    let mut failures = Vec::new();
    for (canonical, reversed) in pairs {
        let (status, _, body) = call(router.clone(), Method::GET, &canonical).await;
        if status != StatusCode::OK {
            failures.push(format!("{canonical}: {status}"));
        } else {
            for p in page_problems(&body) {
                failures.push(format!("{canonical}: {p}"));
            }
        }
        let (status, headers, _) = call(router.clone(), Method::GET, &reversed).await;
        let to = headers.get(header::LOCATION).and_then(|v| v.to_str().ok());
        if status != StatusCode::MOVED_PERMANENTLY || to != Some(canonical.as_str()) {
            failures.push(format!("{reversed}: {status} to {to:?}, expected 301 to {canonical}"));
        }
    }
    failures
}

// About 12,000 pairs at 155 models: two workers share them, so a debug build takes about half
// the time it would on one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_pair_renders_at_its_canonical_address_and_its_reverse_redirects_there() {
    let site = site().await;
    let models = &site.catalog.dataset.models;
    let n = models.len();
    assert!(n >= 140, "the seed has only {n} models");

    let mut pairs = Vec::new();
    for (i, a) in models.iter().enumerate() {
        for b in &models[i + 1..] {
            let canonical = site.catalog.canonical_path(a, b);
            assert_eq!(canonical, site.catalog.canonical_path(b, a), "canonical order depends on argument order");
            let (first, second) = site.catalog.canonical_order(a, b);
            pairs.push((canonical, format!("/compare/{}-vs-{}", second.id, first.id)));
        }
    }
    assert_eq!(pairs.len(), n * (n - 1) / 2);
    let half = pairs.split_off(pairs.len() / 2);
    let workers = [pairs, half].map(|chunk| tokio::spawn(check_pairs(site.router.clone(), chunk)));
    let mut failures = Vec::new();
    for w in workers {
        failures.extend(w.await.expect("a worker finished"));
    }
    assert!(
        failures.is_empty(),
        "{} problems, first 20:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
