//! Most new models have no headline index score yet: the verdict, bottom line and FAQ read
//! naturally when one or both lack one, and never imply a score.

use serde_json::Value;

use crate::support::get;

async fn compare(pair: &str) -> Value {
    let (status, _, body) = get(&format!("/api/v1/compare/{pair}")).await;
    assert_eq!(status, axum::http::StatusCode::OK, "{pair} in canonical order");
    serde_json::from_str(&body).unwrap()
}

fn questions(cmp: &Value) -> Vec<String> {
    cmp["faq"].as_array().unwrap().iter().map(|f| f["question"].as_str().unwrap().to_owned()).collect()
}

fn answer<'a>(cmp: &'a Value, starts: &str) -> &'a str {
    let faq = cmp["faq"].as_array().unwrap();
    let f =
        faq.iter().find(|f| f["question"].as_str().unwrap().starts_with(starts)).unwrap_or_else(|| panic!("{starts}"));
    f["answer"].as_str().unwrap()
}

#[tokio::test]
async fn a_pair_where_neither_has_a_score_implies_no_leader() {
    // Claude Opus 5 (2026-07-24) and GPT-6 Sol: no ECI score for either, no context window.
    let cmp = compare("claude-opus-5-vs-gpt-6-sol").await;
    let verdict = cmp["verdict"].as_str().unwrap();
    assert!(
        verdict.contains("we hold no Epoch Capabilities Index (ECI) score for Claude Opus 5 or GPT-6 Sol"),
        "{verdict}"
    );
    let q = questions(&cmp);
    assert!(q.contains(&"How do Claude Opus 5 and GPT-6 Sol compare on benchmarks?".to_owned()), "{q:?}");
    assert!(q.iter().all(|q| !q.contains("outperform") && !q.contains("more context")), "{q:?}");
    assert!(
        answer(&cmp, "Is there a meaningful")
            .contains("neither Claude Opus 5 nor GPT-6 Sol has an Epoch Capabilities Index (ECI) score in our data")
    );
    let value = answer(&cmp, "Which model is better value");
    assert!(value.starts_with("We cannot say yet") && !value.contains("IQ point"), "{value}");
    assert_eq!(cmp["bottom_line"]["higher"], "Not known");
    assert_eq!(cmp["bottom_line"]["better_value"], "Not determined");
    let context = answer(&cmp, "How do the context windows");
    assert!(context.contains("input tokens per request"), "the input caps LiteLLM gives: {context}");
}

#[tokio::test]
async fn a_pair_where_one_has_a_score_names_only_the_missing_one() {
    let cmp = compare("gpt-4-1-mini-vs-gpt-6-sol").await;
    let verdict = cmp["verdict"].as_str().unwrap();
    assert!(verdict.contains("we hold no Epoch Capabilities Index (ECI) score for GPT-6 Sol,"), "{verdict}");
    assert!(!verdict.contains("GPT-4.1 mini scores"), "{verdict}");
    let reason = cmp["bottom_line"]["value_reason"].as_str().unwrap();
    assert_eq!(
        reason,
        "It needs an Epoch Capabilities Index (ECI) score for both models; GPT-6 Sol has no Epoch Capabilities Index (ECI) score yet."
    );
    let q = questions(&cmp);
    assert!(q.contains(&"How do GPT-4.1 mini and GPT-6 Sol compare on benchmarks?".to_owned()), "{q:?}");
}
