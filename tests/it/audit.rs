//! The figures and sentences the audit of 2026-12-01 (issue 8) found wrong, each pinned to
//! its corrected value, checked by hand against the sources named in the comments.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{between, get, parse, select_in, site, text};

async fn model_json(id: &str) -> Value {
    let (status, _, body) = get("/api/v1/models").await;
    assert_eq!(status, StatusCode::OK);
    let all: Value = serde_json::from_str(&body).unwrap();
    all["models"].as_array().unwrap().iter().find(|m| m["id"] == id).unwrap_or_else(|| panic!("{id}")).clone()
}

#[tokio::test]
async fn release_dates_are_the_general_availability_dates() {
    // Gemini 2.5 Flash: GA 2025-06-17 (models.dev's Google Vertex record), not the preview;
    // Grok 4 Fast: 2025-09-19 (Epoch model_versions.csv); Nova Lite and Micro: 2024-12-03.
    for (id, date) in [
        ("gemini-2-5-flash", "2025-06-17"),
        ("grok-4-fast", "2025-09-19"),
        ("nova-lite", "2024-12-03"),
        ("nova-micro", "2024-12-03"),
    ] {
        assert_eq!(model_json(id).await["release_date"]["value"], date, "{id}");
    }
}

#[tokio::test]
async fn nova_2_lite_has_a_1m_window_and_64k_output() {
    let m = model_json("nova-2-lite").await;
    assert_eq!(
        (m["context_window"]["value"].as_u64(), m["max_output"]["value"].as_u64()),
        (Some(1_000_000), Some(64_000))
    );
}

#[tokio::test]
async fn qwen_plus_pairs_its_flat_price_with_the_input_cap_that_price_is_for() {
    // LiteLLM's dashscope/qwen-plus: $0.40/$1.20 flat, max_input_tokens 129,024. No 1M window.
    let m = model_json("qwen-plus").await;
    assert_eq!(m["context_window"], Value::Null);
    assert_eq!(m["max_input"]["value"].as_u64(), Some(129_024));
    let (status, _, body) = get("/compare/qwen-plus-vs-gpt-4o-mini?input=200000&output=1000").await;
    assert_eq!(status, StatusCode::OK, "the canonical order");
    assert!(body.contains("impossible: over its 129,024-token input cap"), "the row says why");
    assert!(body.contains("200,000 input tokens exceed its 129,024-token input cap"), "the note says why");
}

#[tokio::test]
async fn the_reference_pages_own_figures_are_labelled_as_quoted_from_it() {
    let (_, _, body) = get("/compare/gpt-4o-mini-vs-gpt-4-1-mini").await;
    let page = parse(&body);
    for bench in ["GPQA (variant as reported)", "MMLU-Pro", "AIME (edition not stated by the source)"] {
        let row = page.row(bench).unwrap_or_else(|| panic!("a {bench} row"));
        // The row's header says where its figures come from, under the benchmark's name.
        let hint: Vec<String> =
            select_in(row.element, r#"th[scope="row"] > span.hint"#).into_iter().map(text).collect();
        assert!(hint.iter().any(|h| h.contains("as quoted from margindash.com")), "{bench}: {hint:?}");
        assert!(!row.element.html().contains("independent (third-party)"), "{bench}: {:?}", row.cells);
    }
    let (_, _, page) = get("/models/gpt-4o-mini").await;
    assert!(page.contains("MMLU-Pro (as quoted from margindash.com)"), "the model page says so too");
}

/// One score of a model as the API gives it.
#[derive(Debug)]
struct ApiScore {
    value: f64,
    independent: bool,
    note: String,
}

#[tokio::test]
async fn scores_are_attributed_to_the_snapshot_and_setting_they_were_measured_on() {
    let score = |m: &Value, bench: &str| -> Vec<ApiScore> {
        let scores = m["scores"].as_array().unwrap().iter().filter(|s| s["benchmark"] == bench);
        scores
            .map(|s| ApiScore {
                value: s["value"].as_f64().unwrap(),
                independent: s["independent"].as_bool().unwrap(),
                note: s["note"].as_str().unwrap_or("").to_owned(),
            })
            .collect()
    };
    let old = model_json("gpt-4o-2024-08-06").await;
    assert!(score(&old, "aime-2024").is_empty(), "0.131 is not the 2024-08-06 snapshot's");
    let new = model_json("gpt-4o-2024-11-20").await;
    assert_eq!(score(&new, "aime-2024").iter().map(|s| s.value).collect::<Vec<_>>(), [0.131]);
    let mmlu_pro = score(&old, "mmlu-pro");
    assert_eq!(mmlu_pro.len(), 1);
    assert!(
        mmlu_pro[0].independent && mmlu_pro[0].note.contains("TIGER-Lab"),
        "a TIGER-Lab run, not vendor-reported: {mmlu_pro:?}"
    );
    let o3_mini = score(&model_json("o3-mini").await, "aime-2024");
    assert!(o3_mini.iter().any(|s| s.value == 0.873 && s.note.contains("high reasoning effort")), "{o3_mini:?}");
    let grok = model_json("grok-3").await;
    for bench in ["gpqa", "aime-2024", "aime-2025"] {
        let s = score(&grok, bench);
        assert!(
            !s.is_empty() && s.iter().all(|s| !s.independent && s.note.contains("Grok 3 (Think)")),
            "{bench}: {s:?}"
        );
    }
}

#[tokio::test]
async fn the_gpt_5_input_cap_is_shown_everywhere_and_explains_an_impossible_request() {
    let (_, _, page) = get("/models/gpt-5").await;
    assert!(page.contains("Max input") && page.contains("272,000 tokens"), "the model page shows the cap");
    let (_, _, cmp) = get("/compare/gpt-5-vs-gpt-5-mini").await;
    let page = parse(&cmp);
    let row = page.row("Max input (tokens)").expect("a limits row for the input cap");
    assert_eq!(row.element.html().matches("272,000").count(), 2, "{:?}", row.cells);
    assert!(row.cells.len() >= 2 && row.cells[..2].iter().all(|c| c.starts_with("272,000")), "{:?}", row.cells);
    assert_eq!(model_json("gpt-5").await["max_input"]["value"].as_u64(), Some(272_000));
    let (_, _, csv) = get("/api/v1/models.csv").await;
    assert!(csv.lines().any(|l| l.starts_with("gpt-5,limit,max_input,272000,")), "the CSV has the cap");
    // 300,000 in + 1,000 out fits the 400,000 window but not the 272,000 input cap.
    let (status, _, body) = get("/compare/gpt-5-vs-gpt-5-mini?input=300000&output=1000").await;
    assert_eq!(status, StatusCode::OK, "the canonical order");
    assert!(body.contains("impossible: over its 272,000-token input cap"), "the row says why");
    assert!(body.contains("Impossible on GPT-5: 300,000 input tokens exceed its 272,000-token input cap."));
}

#[tokio::test]
async fn a_price_tier_counts_models_at_the_same_cost_as_neither_dearer_nor_cheaper() {
    // GPT-5 and GPT-5.1 both list $1.25 / $10 per 1M: the same typical request cost.
    let catalog = &site().await.catalog;
    let cost = |id: &str| catalog.market.cost_of(&llm_compare::domain::ModelId::parse(id).unwrap()).unwrap();
    assert_eq!(cost("gpt-5"), cost("gpt-5-1"));
    let c = cost("gpt-5");
    let more = catalog.market.costs.iter().filter(|(_, x)| *x > c).count();
    let less = catalog.market.costs.iter().filter(|(_, x)| *x < c).count();
    let same = catalog.market.costs.iter().filter(|(_, x)| *x == c).count() - 1;
    assert!(same >= 1);
    let (_, _, body) = get("/compare/gpt-5-vs-gpt-5-mini").await;
    let others = if same == 1 { "1 other costs the same".to_owned() } else { format!("{same} others cost the same") };
    let expected = format!("{more} cost more, {less} cost less, {others}.");
    assert!(body.contains(&expected), "expected {expected:?}");
}

#[tokio::test]
async fn with_caching_the_cheaper_model_is_still_the_cheaper_only_when_it_was() {
    // Typical request 5,000 in / 1,000 out. Uncached: GPT-4.1 $0.018 ($2, $8), GPT-5 $0.01625
    // ($1.25, $10): GPT-5 is cheaper. All cached: GPT-4.1 $0.0105 (cache $0.50), GPT-5
    // $0.010625 (cache $0.125): GPT-4.1 becomes the cheaper one, it is not "still" so.
    let (_, _, body) = get("/compare/gpt-4-1-vs-gpt-5").await;
    assert!(body.contains("With caching, GPT-4.1 becomes the cheaper of the two"), "GPT-4.1 vs GPT-5");
    assert!(!body.contains("With caching, GPT-4.1 is still the cheaper"));
}

#[tokio::test]
async fn a_cost_per_index_point_has_three_significant_digits() {
    // The reference pair: $0.00225 more for 8.57 more ECI points is $0.000262544... a point.
    let (_, _, body) = get("/compare/gpt-4o-mini-vs-gpt-4-1-mini").await;
    assert!(!body.contains("0.000262544"), "no nine-digit quotient");
    assert!(body.contains("$0.000263 per point"), "three significant digits");
}

#[tokio::test]
async fn where_litellm_and_models_dev_disagree_on_a_limit_the_model_page_shows_both() {
    // GPT-5.4: models.dev's record caps input at 922,000 of a 1,050,000 window; LiteLLM's
    // gpt-5.4 entry gives max_input_tokens 1,050,000.
    let (_, _, page) = get("/models/gpt-5-4").await;
    let notes = between(&page, "Where the sources disagree", "</ul>").expect("a source notes list");
    assert!(
        notes.contains("gives max_input_tokens 1,050,000; the input cap shown (922,000) is from models.dev"),
        "{notes}"
    );
    let (_, _, method) = get("/methodology").await;
    assert!(method.contains("Which source a limit comes from"), "the rule is documented");
    // Where the limits themselves come from LiteLLM there is nothing to disagree with.
    let (_, _, page) = get("/models/deepseek-chat").await;
    assert!(!page.contains("Where the sources disagree"));
}
