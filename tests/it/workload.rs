//! The comparison recomputed for the reader's workload: hand-checked figures for each
//! parameter on three pairs, and a 400 naming the parameter for every bad value.

use axum::http::StatusCode;

use crate::support::{Page, get, get_error_page, location, parse};

const REFERENCE: &str = "/compare/gpt-4o-mini-vs-gpt-4-1-mini";

/// A table row found by the parser: its markup, where what it says is looked for (attributes
/// included, as before), and the text of its cells, for which figure is in which column.
struct Row {
    html: String,
    cells: Vec<String>,
}

impl Row {
    fn contains(&self, needle: &str) -> bool {
        self.html.contains(needle)
    }

    /// Whether model A's cell starts with `a` and model B's with `b`.
    fn shows(&self, a: &str, b: &str) -> bool {
        self.cells.len() >= 2 && self.cells[0].starts_with(a) && self.cells[1].starts_with(b)
    }
}

impl std::fmt::Display for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.cells)
    }
}

/// The row whose header starts with `label`.
fn row(body: &str, label: &str) -> Option<Row> {
    parse(body).row(label).map(|r| Row { html: r.element.html(), cells: r.cells })
}

/// The "Your request" row.
fn your_row(body: &str) -> Row {
    row(body, "Your request (").unwrap_or_else(|| panic!("no 'Your request' row"))
}

#[tokio::test]
async fn issue_example_shows_per_request_and_monthly_costs() {
    // 100,000 x $0.15 + 2,000 x $0.60 = $0.0162; 100,000 x $0.40 + 2,000 x $1.60 = $0.0432.
    let (status, _, body) = get(&format!("{REFERENCE}?input=100000&output=2000&requests=1000000")).await;
    assert_eq!(status, StatusCode::OK);
    let your = your_row(&body);
    assert!(your.shows("$0.0162", "$0.0432"), "{your}");
    let month = row(&body, "Per month (1,000,000 requests)").expect("monthly row");
    assert!(month.shows("$16,200.00", "$43,200.00"), "{month}");
    assert!(month.contains("GPT-4.1 mini costs $27,000.00 more"), "{month}");
    let year = row(&body, "Per year (12 months)").expect("yearly row");
    assert!(year.shows("$194,400.00", "$518,400.00"), "{year}");
    // The chart is priced for the reader's request too.
    assert!(body.contains("Cost of your request (100K in / 2K out), log scale"));
}

#[tokio::test]
async fn pages_with_parameters_are_noindex_and_point_canonical_at_the_bare_pair() {
    let canonical = format!("http://127.0.0.1:3000{REFERENCE}");
    let canonical_of = |page: &Page| {
        let links = page.select(r#"head > link[rel="canonical"]"#);
        assert_eq!(links.len(), 1, "one canonical link");
        links[0].value().attr("href").map(str::to_owned)
    };
    let (_, _, body) = get(&format!("{REFERENCE}?input=100000")).await;
    let page = parse(&body);
    assert_eq!(page.meta("robots").as_deref(), Some("noindex"));
    assert_eq!(canonical_of(&page).as_deref(), Some(canonical.as_str()));
    let (_, _, bare) = get(REFERENCE).await;
    assert!(!bare.contains("noindex"), "the bare pair is indexable");
    assert_eq!(canonical_of(&parse(&bare)).as_deref(), Some(canonical.as_str()));
    assert!(row(&bare, "Your request (").is_none(), "defaults add no 'your request' row");
    assert!(row(&bare, "Per month (").is_none(), "defaults add no monthly bill");
}

#[tokio::test]
async fn unknown_parameters_are_ignored() {
    let (status, _, body) = get(&format!("{REFERENCE}?utm_source=x&ref=y")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("noindex"));
}

#[tokio::test]
async fn batch_parameter_uses_batch_prices_where_offered() {
    // 10,000 x $0.075 + 1,000 x $0.30 = $0.00105; 10,000 x $0.20 + 1,000 x $0.80 = $0.0028.
    let (_, _, body) = get(&format!("{REFERENCE}?input=10000&output=1000&batch=1")).await;
    let your = your_row(&body);
    assert!(your.contains("batch") && your.shows("$0.00105", "$0.0028"), "{your}");
    // Without batch=1 the same request is at standard prices: $0.0021 and $0.0056.
    let (_, _, body) = get(&format!("{REFERENCE}?input=10000&output=1000&batch=0")).await;
    let your = your_row(&body);
    assert!(your.shows("$0.0021", "$0.0056"), "{your}");
}

#[tokio::test]
async fn cached_share_bills_at_cache_price_and_says_so_where_there_is_none() {
    // GPT-4o mini, half of 10,000 input cached: 5,000 x 0.15 + 5,000 x 0.075 + 1,000 x 0.6 = $0.001725.
    // Qwen3 Max has no cache price: 10,000 x 1.2 + 1,000 x 6 = $0.018, and the page says why.
    let (status, _, body) = get("/compare/gpt-4o-mini-vs-qwen3-max?input=10000&output=1000&cached=50").await;
    assert_eq!(status, StatusCode::OK);
    let your = your_row(&body);
    assert!(your.contains("50% cached") && your.shows("$0.001725", "$0.018"), "{your}");
    assert!(body.contains(
        "Qwen3 Max lists no cache-hit price in our data, so its cached tokens are billed at the full input price."
    ));
}

#[tokio::test]
async fn long_context_request_bills_wholly_at_the_tier_and_says_so() {
    // Gemini 2.5 Pro above 200K: 250,000 x $2.50 + 1,000 x $15 = $0.64.
    // Qwen3 Max above 128K: 250,000 x $3 + 1,000 x $15 = $0.765.
    let (_, _, body) = get("/compare/gemini-2-5-pro-vs-qwen3-max?input=250000&output=1000").await;
    let your = your_row(&body);
    assert!(your.shows("$0.64", "$0.765"), "{your}");
    assert!(your.contains("long-context rate (input above 200,000)"), "{your}");
    assert!(body.contains(
        "Gemini 2.5 Pro bills this whole request at its long-context rate: the input is above 200,000 tokens."
    ));
    // 40% cached and batch: Gemini publishes batch rates above 200K (LiteLLM 1.110.2), cache
    // reads included: 150,000 x 1.25 + 100,000 x 0.25 + 1,000 x 7.5 = $0.22, $2,200.00 a month
    // at 10,000 requests. Qwen3 Max has no batch tier: not priced, never at its standard rates.
    let (_, _, body) =
        get("/compare/gemini-2-5-pro-vs-qwen3-max?input=250000&output=1000&cached=40&batch=1&requests=10000").await;
    let your = your_row(&body);
    assert!(your.contains("$0.22") && your.contains("no batch price") && !your.contains("$0.765"), "{your}");
    assert!(row(&body, "Per month (10,000 requests)").is_some_and(|r| r.contains("$2,200.00")));
    assert!(body.contains("Qwen3 Max offers no batch prices in our data"));
}

#[tokio::test]
async fn a_request_beyond_a_context_window_is_flagged_impossible() {
    // GPT-4o mini takes 128,000 tokens; GPT-4.1 mini 1,047,576.
    let (status, _, body) = get(&format!("{REFERENCE}?input=200000&output=1000")).await;
    assert_eq!(status, StatusCode::OK);
    let your = your_row(&body);
    assert!(your.contains("impossible: over its 128,000-token context window"), "{your}");
    // 200,000 x 0.4 + 1,000 x 1.6 = $0.0816 on GPT-4.1 mini.
    assert!(your.contains("$0.0816"), "{your}");
    assert!(
        body.contains("Impossible on GPT-4o mini: 201,000 tokens in and out exceed its 128,000-token context window.")
    );
}

#[tokio::test]
async fn the_break_even_sentence_follows_the_mix() {
    // GPT-4.1 ($2 / $8) vs GPT-5 ($1.25 / $10) at 5,000 input tokens: equal when
    // 5,000 x 0.75 = o x 2, i.e. at 1,875 output tokens (ratio 0.375).
    let (_, _, body) = get("/compare/gpt-4-1-vs-gpt-5").await;
    assert!(
        body.contains("At 5,000 input tokens, GPT-5 stays cheaper up to about 1,875 output tokens per request (an output/input ratio of 0.38); past that GPT-4.1 is cheaper."),
        "typical request: GPT-5 is cheaper"
    );
    let (_, _, body) = get("/compare/gpt-4-1-vs-gpt-5?output=3000").await;
    assert!(
        body.contains(
            "At 5,000 input tokens, GPT-4.1 is cheaper only while answers run above about 1,875 output tokens"
        ),
        "long answers: GPT-4.1 is cheaper"
    );
    // One model cheaper on both rates: no crossing, said plainly.
    let (_, _, body) = get(REFERENCE).await;
    assert!(body.contains("GPT-4o mini is cheaper at every output length for 5,000-token inputs"));
}

#[tokio::test]
async fn a_reversed_pair_with_parameters_redirects_keeping_them() {
    let (status, headers, _) = get("/compare/gpt-4-1-mini-vs-gpt-4o-mini?input=100000&requests=5").await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(location(&headers), format!("{REFERENCE}?input=100000&requests=5"));
}

#[tokio::test]
async fn every_bad_value_is_a_400_naming_the_parameter_with_the_form_prefilled() {
    let cases = [
        ("input=-5", "input"),
        ("input=abc", "input"),
        ("input=NaN", "input"),
        ("input=1.5", "input"),
        ("input=1e5", "input"),
        ("input=0", "input"),
        ("input=99999999999", "input"),
        ("input=99999999999999999999999999", "input"),
        ("output=-1", "output"),
        ("output=inf", "output"),
        ("output=999999999", "output"),
        ("cached=101", "cached"),
        ("cached=-1", "cached"),
        ("cached=12.5", "cached"),
        ("requests=0", "requests"),
        ("requests=1e9", "requests"),
        ("requests=999999999999999", "requests"),
        ("batch=yes", "batch"),
        ("batch=2", "batch"),
        ("tier=turbo", "tier"),
        ("window=night", "window"),
        ("cache_write=2h", "cache_write"),
        ("input=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "input"),
    ];
    for (query, param) in cases {
        let uri = format!("{REFERENCE}?{query}");
        let (_, body) = get_error_page(&uri, StatusCode::BAD_REQUEST).await;
        assert!(body.contains(&format!("The “{param}” parameter")), "{uri}: parameter not named");
        assert!(body.contains("must be "), "{uri}: no allowed range");
        assert!(body.contains(r#"<form class="workload""#), "{uri}: no form to fix it");
        assert!(!body.contains("<script>alert"), "{uri}: raw value echoed");
    }
    // The form keeps what the reader typed (escaped) so they can correct it.
    let (_, _, body) = get(&format!("{REFERENCE}?input=12x&output=777")).await;
    assert!(body.contains(r#"name="input" inputmode="numeric" value="12x""#));
    assert!(body.contains(r#"name="output" inputmode="numeric" value="777""#));
    // The refused field is marked, with its message next to it; the others are not.
    assert!(body.contains(r#"id="w-input" size="9" aria-invalid="true" aria-describedby="w-input-error""#), "{body}");
    assert!(body.contains(r#"<span class="field-error" id="w-input-error">This value is not a whole number: enter a whole number of input tokens per request from 1 to "#));
    assert_eq!(body.matches("aria-invalid").count(), 1);
    // `batch` is the older spelling of the tier: its error marks the tier field.
    let (_, _, body) = get(&format!("{REFERENCE}?batch=yes")).await;
    assert!(body.contains(r#"aria-invalid="true" aria-describedby="w-tier-error""#));
    let (_, _, body) = get(&format!("{REFERENCE}?tier=turbo")).await;
    assert!(body.contains(r#"aria-invalid="true" aria-describedby="w-tier-error""#));
}

#[tokio::test]
async fn fields_left_empty_mean_not_set_on_the_page_and_in_the_api() {
    // What a browser sends when the reader fills only the first two fields.
    let query = "input=100000&output=2000&cached=&requests=";
    let (status, _, body) = get(&format!("{REFERENCE}?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(your_row(&body).contains("$0.0162"), "priced as set");
    assert!(!body.contains("id=\"monthly-table\""), "no monthly bill without a volume");
    assert!(body.contains(r#"name="requests" inputmode="numeric" value="" id="w-requests""#));
    let (status, _, json) = get(&format!("/api/v1{REFERENCE}?{query}&batch=")).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["workload"]["requests_per_month"], serde_json::Value::Null);
    assert_eq!(json["workload"]["input_tokens"], 100_000);
    // Every field empty is the typical request.
    let (status, _, body) = get(&format!("{REFERENCE}?input=&output=&cached=&requests=")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Cost of a typical request"), "blank fields fall back to the defaults");
}

#[tokio::test]
async fn recalculate_lands_on_the_results() {
    let (_, _, body) = get(REFERENCE).await;
    assert!(body.contains(&format!(r#"<form class="workload" method="get" action="{REFERENCE}#results">"#)));
    assert!(body.contains(r#"<div id="results""#));
}
