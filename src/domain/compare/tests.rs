//! The comparison of a small hand-made catalog, checked figure by figure.

use super::*;
use crate::domain::ModelId;
use crate::domain::model::{Benchmark, Dataset, Model, Provider, Scale};
use crate::domain::testing::{ModelBuilder, PriceBuilder, date, source};

fn model(id: &str, name: &str, released: &str, prices: (&str, &str, Option<&str>), eci: Option<f64>) -> Model {
    let mut price = PriceBuilder::list(prices.0, prices.1).source("prices");
    if let Some(c) = prices.2 {
        price = price.cache_read(c);
    }
    let mut model = ModelBuilder::new(id)
        .name(name)
        .provider("openai")
        .api_host("OpenAI API")
        .released(date(released), "prices")
        .context_window(128_000, "prices")
        .max_output(16_384, "prices")
        .price(price.build());
    if let Some(v) = eci {
        model = model.independent_score("eci", v, "epoch", date("2025-11-07"));
    }
    model.build()
}

fn catalog(models: Vec<Model>) -> Catalog {
    Catalog::new(Dataset::new(
        models,
        vec![Provider { slug: "openai".into(), name: "OpenAI".into() }],
        vec![Benchmark {
            slug: "eci".into(),
            name: "ECI".into(),
            measures: "capability".into(),
            scale: Scale::Index,
            higher_is_better: true,
        }],
        vec![source("prices", "2026-11-25"), source("epoch", "2025-11-07")],
    ))
}

fn pair<'c>(c: &'c Catalog, a: &str, b: &str) -> Comparison<'c> {
    let a = c.model(&ModelId::parse(a).unwrap()).unwrap();
    let b = c.model(&ModelId::parse(b).unwrap()).unwrap();
    let (a, b) = c.canonical_order(a, b);
    compare(c, a, b, &Workload::TYPICAL, &date("2026-11-25"))
}

fn reference_catalog(eci_41: Option<f64>) -> Catalog {
    catalog(vec![
        model("gpt-4o-mini", "GPT-4o mini", "2024-07-18", ("0.15", "0.6", Some("0.075")), Some(126.08)),
        model("gpt-4-1-mini", "GPT-4.1 mini", "2025-04-14", ("0.4", "1.6", Some("0.1")), eci_41),
        model("cheap-smart", "Cheap Smart", "2025-08-01", ("0.05", "0.4", None), Some(139.23)),
    ])
}

#[test]
fn reference_pair_is_priced_and_worded_in_the_right_direction() {
    let c = reference_catalog(Some(134.65));
    let cmp = pair(&c, "gpt-4-1-mini", "gpt-4o-mini");
    assert_eq!(cmp.a.name(), "GPT-4o mini", "older release comes first");
    let medium = &cmp.request_rows[1];
    assert_eq!((medium.a.text.as_str(), medium.b.text.as_str()), ("$0.00135", "$0.0036"));
    assert_eq!(medium.difference.as_deref(), Some("GPT-4.1 mini 2.67x"));
    let cached = cmp.ways_to_pay.iter().find(|r| r.label == "Prompt caching").expect("caching row");
    assert_eq!((cached.a.text.as_str(), cached.b.text.as_str()), ("$0.000975", "$0.0021"));
    // 975 / 1,350 and 2,100 / 3,600 of the standard request.
    assert_eq!(
        (cached.a.detail.as_deref(), cached.b.detail.as_deref()),
        (Some("0.72x standard"), Some("0.58x standard"))
    );
    assert_eq!(
        cmp.verdict,
        "GPT-4o mini is the cheaper choice; GPT-4.1 mini scores 8.57 points higher on the ECI but costs 2.67x as much per typical request."
    );
    let price_faq = &cmp.faq.iter().find(|f| f.question.starts_with("What's the price difference")).unwrap().answer;
    assert!(price_faq.contains("GPT-4o mini costs 62.5% less than GPT-4.1 mini"), "{price_faq}");
    assert!(price_faq.contains("GPT-4.1 mini is 2.67x the price"), "{price_faq}");
    assert_eq!(cmp.bottom_line.cheaper, "GPT-4o mini");
    assert_eq!(cmp.bottom_line.higher, "GPT-4.1 mini");
    // Cheap Smart beats both on price and index, so neither is on the frontier.
    assert!(cmp.bottom_line.frontier_a.contains("Cheap Smart is one"), "{}", cmp.bottom_line.frontier_a);
    assert!(cmp.faq.len() >= 9);
}

#[test]
fn a_model_that_is_cheaper_and_higher_is_the_better_value() {
    let c = reference_catalog(Some(134.65));
    let cmp = pair(&c, "gpt-4o-mini", "cheap-smart");
    assert_eq!(cmp.bottom_line.better_value, "Cheap Smart");
    assert!(cmp.verdict.starts_with("Cheap Smart is both cheaper"), "{}", cmp.verdict);
    // No cache price on Cheap Smart: said plainly, never $0.
    let cache = &cmp.faq.iter().find(|f| f.question.contains("prompt caching")).unwrap().answer;
    assert!(cache.starts_with("Only GPT-4o mini lists a cache-hit price"), "{cache}");
    let cached = cmp.ways_to_pay.iter().find(|r| r.label == "Prompt caching").expect("caching row");
    assert_eq!(cached.b.text, "no cache price");
    assert!(cached.b.missing && cached.b.usd.is_none());
}

#[test]
fn missing_index_is_said_plainly_and_answers_follow_the_numbers() {
    let c = reference_catalog(None);
    let cmp = pair(&c, "gpt-4o-mini", "gpt-4-1-mini");
    assert!(cmp.verdict.contains("we hold no ECI score for GPT-4.1 mini"), "{}", cmp.verdict);
    assert_eq!(cmp.bottom_line.higher, "Not known");
    assert_eq!(cmp.bottom_line.better_value, "Not determined");
    let quality = &cmp.faq[0].answer;
    assert!(quality.contains("GPT-4.1 mini has no ECI score"), "{quality}");
    let speed = &cmp.faq.iter().find(|f| f.question.contains("faster")).unwrap().answer;
    assert!(speed.starts_with("We do not know"), "{speed}");
    assert_eq!(cmp.performance_rows[0].b.text, "n/a");
    assert!(cmp.chart.description.contains("GPT-4.1 mini has no ECI score"), "{}", cmp.chart.description);
    let rail: Vec<(&str, &str, u8)> =
        cmp.chart.unscored.iter().map(|p| (p.name.as_str(), p.cost_text.as_str(), p.highlight)).collect();
    assert_eq!(rail, [("GPT-4.1 mini", "$0.0036", 2)], "the unscored compared model sits on the rail at its price");
    let listed = cmp.chart.listed();
    assert!(listed.iter().any(|p| p.name == "GPT-4.1 mini" && p.index_text == "no index score yet"));
}

#[test]
fn the_summary_repeats_the_tables_figures_with_their_differences() {
    let c = reference_catalog(None);
    let cmp = pair(&c, "gpt-4o-mini", "gpt-4-1-mini");
    let labels: Vec<&str> = cmp.summary.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Typical request", "Input / 1M tokens", "Output / 1M tokens", "ECI", "Context window", "Status"],
        "no speed row: neither model has a measured speed"
    );
    let cost = &cmp.summary[0];
    assert_eq!(cost.hint.as_deref(), Some("5K in / 1K out"));
    assert_eq!((cost.a.text.as_str(), cost.b.text.as_str()), ("$0.00135", "$0.0036"));
    assert_eq!(cost.difference.as_deref(), Some("GPT-4.1 mini 2.67x"));
    assert_eq!(cmp.summary[1].a.text, cmp.price_rows[0].a.text);
    assert_eq!((cmp.summary[3].a.text.as_str(), cmp.summary[3].b.text.as_str()), ("126.08", summary::NO_INDEX));
    assert!(cmp.summary[3].b.missing);
    assert_eq!(cmp.summary[4].a.text, "128,000");
    assert_eq!(cmp.summary[5].difference.as_deref(), Some("both available"));
    assert!(cmp.summary.iter().all(|r| r.a.detail.is_none() && r.b.detail.is_none()));
}

#[test]
fn every_cited_figure_points_at_a_listed_source() {
    let c = reference_catalog(Some(134.65));
    let cmp = pair(&c, "gpt-4o-mini", "gpt-4-1-mini");
    let max = cmp.citations.len();
    let rows = cmp.performance_rows.iter().chain(&cmp.benchmark_rows).chain(&cmp.price_rows);
    for row in rows {
        for f in [&row.a, &row.b] {
            if !f.missing {
                let n = f.cite.unwrap_or_else(|| panic!("{} has no citation", row.label));
                assert!((1..=max).contains(&n));
            }
        }
    }
    assert_eq!(cmp.last_updated.as_ref().map(Date::iso), Some("2026-11-25"));
}
