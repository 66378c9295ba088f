//! Edge cases of the data: retired models, requests only one model can serve, tiers no request
//! can reach, and odd query strings.

use axum::http::{Method, StatusCode};
use llm_compare::domain::ModelId;
use serde_json::Value;

use crate::support::{content_type, get, parse, request, site};

/// The markup of the table row labelled `label`, found by the parser (so a moved attribute
/// or a row in another table does not fool it); its markup, so that what the row must not
/// say is looked for in attributes too, as before.
fn row_html(body: &str, label: &str) -> Option<String> {
    parse(body).row(label).map(|r| r.element.html())
}

/// The canonical path of two seed models.
async fn pair(a: &str, b: &str) -> String {
    let catalog = &site().await.catalog;
    let model = |id: &str| catalog.model(&ModelId::parse(id).unwrap()).unwrap();
    catalog.canonical_path(model(a), model(b))
}

#[tokio::test]
async fn retired_models_are_never_on_the_frontier_nor_named_as_beating_another() {
    let catalog = &site().await.catalog;
    for point in &catalog.market.points {
        let model = catalog.model(&point.id).unwrap();
        if model.status == llm_compare::domain::model::ModelStatus::Retired {
            assert!(!point.on_frontier, "{} is retired but on the frontier", point.id);
        }
    }
    // Grok 3 mini was retired on 2026-02-28: the home page's frontier links leave it out...
    let (_, _, home) = get("/").await;
    let featured =
        home.split("Trade-offs along the price/index frontier").nth(1).unwrap().split("</p>").next().unwrap();
    assert!(!featured.contains("Grok 3 mini"), "{featured}");
    // ...and no comparison offers it as the model that beats another.
    let (_, _, body) = get(&pair("deepseek-r1-0528", "grok-4").await).await;
    assert!(!body.contains("(Grok 3 mini is one)"));
    let (_, _, body) = get(&pair("grok-3-mini", "grok-4").await).await;
    assert!(body.contains("Retired: left off the frontier"));
}

#[tokio::test]
async fn when_only_one_model_can_serve_the_request_the_page_says_so() {
    // Command R (08-2024) caps output at 4,000 tokens; GPT-4o mini allows 16,384.
    let path = format!("{}?output=10000", pair("gpt-4o-mini", "command-r-08-2024").await);
    let (status, _, body) = get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Only GPT-4o mini can serve your request of 5,000 input and 10,000 output tokens"),
        "verdict"
    );
    assert!(body.contains("GPT-4o mini (the only one that can serve it)"), "bottom line");
    assert!(!body.contains("cannot be ranked"), "no 'missing data' wording");
}

#[tokio::test]
async fn a_long_context_tier_beyond_the_context_window_is_marked_as_never_applying() {
    // Claude Sonnet 4: a 200,000-token window and a tier listed above 200,000 input tokens.
    let (_, _, body) = get(&pair("claude-sonnet-4", "gemini-2-5-pro").await).await;
    let tiers = row_html(&body, "Long-context pricing").expect("tier row");
    assert!(tiers.contains("listed, but beyond its context window: never applies"), "{tiers}");
    assert!(tiers.contains("above 200,000 input tokens: $2.50 in / $15.00 out"), "Gemini's tier applies");
    assert!(!body.contains("Claude Sonnet 4 bills the whole request at a higher rate"));
}

#[tokio::test]
async fn batch_above_a_tier_without_a_batch_rate_there_is_not_priced_in_any_table() {
    // Gemini 3 Pro Preview lists batch rates but none above 200K (LiteLLM 1.110.2): no table
    // prices batch at 250K, since the standard long-context rate would be another tier's price.
    let path = format!("{}?input=250000&output=1000&batch=1", pair("claude-sonnet-4", "gemini-3-pro-preview").await);
    let (_, _, body) = get(&path).await;
    let batch = row_html(&body, "Batch API").expect("batch row");
    assert!(batch.contains("no batch rate above 200,000 input tokens"), "{batch}");
    let your = row_html(&body, "Your request").expect("your row");
    assert!(your.contains("no batch rate above 200,000 input tokens"), "{your}");
    // Gemini 2.5 Pro publishes its batch rates above 200K: 250,000 x $1.25 + 1,000 x $7.50.
    let path = format!("{}?input=250000&output=1000&batch=1", pair("claude-sonnet-4", "gemini-2-5-pro").await);
    let (_, _, body) = get(&path).await;
    let your = row_html(&body, "Your request").expect("your row");
    assert!(your.contains("$0.32") && !your.contains("$0.64"), "{your}");
}

#[tokio::test]
async fn costs_of_a_dollar_or_more_keep_every_digit() {
    // GPT-5.4 above 272K: 300,000 x $5 + 1,000 x $22.50 = $1.5225 exactly.
    let path = format!("{}?input=300000&output=1000", pair("grok-4", "gpt-5-4").await);
    let (_, _, body) = get(&path).await;
    let row = row_html(&body, "Your request (").expect("your row");
    assert!(row.contains("$1.5225"), "{row}");
}

#[tokio::test]
async fn a_parameter_given_twice_is_a_400_that_names_it() {
    let (status, _, body) = get("/compare/gpt-4o-mini-vs-gpt-4-1-mini?input=1&input=2").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("The “input” parameter is given more than once"));
    let (status, _, body) = get("/api/v1/compare/gpt-4o-mini-vs-gpt-4-1-mini?cached=1&cached=2").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"]["parameter"], "cached");
}

#[tokio::test]
async fn the_api_answers_a_wrong_method_in_json() {
    let (status, headers, body) = request(Method::POST, "/api/v1/models").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(content_type(&headers).starts_with("application/json"));
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"]["status"], 405);
}
