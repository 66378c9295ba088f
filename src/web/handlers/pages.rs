//! The reference pages: all models by provider, the methodology, and the API documentation.

use axum::extract::State;

use super::api::comparison_json;
use crate::domain::compare;
use crate::domain::cost::{STANDARD_PROFILES, Workload};
use crate::domain::format;
use crate::domain::freshness::{PRICE_STALE_AFTER_DAYS, SPEED_STALE_AFTER_DAYS};
use crate::domain::slug::ModelId;
use crate::web::paths;
use crate::web::seo::Meta;
use crate::web::templates::{ApiPage, HtmlTemplate, MethodologyPage, ModelsPage, ProviderGroup, SourceRow};
use crate::web::{AppState, day_of};

use super::model_row;

/// `GET /models`: every model, grouped by provider.
pub async fn models(State(state): State<AppState>) -> HtmlTemplate<ModelsPage> {
    let catalog = state.catalog();
    let dataset = &catalog.dataset;
    let mut groups: Vec<ProviderGroup> = Vec::new();
    for m in &dataset.models {
        let provider = dataset.provider_name(&m.provider).to_owned();
        let row = model_row(&catalog, m);
        match groups.iter_mut().find(|g| g.provider == provider) {
            Some(g) => g.rows.push(row),
            None => groups.push(ProviderGroup { provider, rows: vec![row] }),
        }
    }
    let index_name = catalog.index.as_ref().map_or("Index".to_owned(), |i| i.name.clone());
    HtmlTemplate(ModelsPage {
        typical: compare::request_words(&Workload::TYPICAL),
        meta: Meta::new(
            state.base_url(),
            paths::MODELS,
            format!("All {} models by provider: LLM API prices and limits", dataset.models.len()),
            format!(
                "List prices per 1M tokens, typical request cost, context window and {} for {} models from {} providers.",
                index_name,
                dataset.models.len(),
                groups.len()
            ),
            &[("Models", paths::MODELS)],
        ),
        index_name,
        groups,
    })
}

/// `GET /methodology`: how every figure is sourced and computed.
pub async fn methodology(State(state): State<AppState>) -> HtmlTemplate<MethodologyPage> {
    let catalog = state.catalog();
    let dataset = &catalog.dataset;
    let mut sources: Vec<SourceRow> = dataset
        .sources
        .values()
        .map(|s| SourceRow {
            title: s.title.clone(),
            url: crate::domain::plausible::href(&s.url).to_owned(),
            license: s.license.clone(),
            as_of: s.as_of.iso().to_owned(),
            figures: dataset
                .models
                .iter()
                .map(|m| {
                    m.scores.iter().filter(|x| x.source == s.id).count()
                        + m.prices.iter().filter(|p| p.source == s.id || p.last_seen_in == s.id).count()
                        + usize::from(m.context_window.as_ref().is_some_and(|c| c.source == s.id))
                        + m.speeds.iter().filter(|x| x.source == s.id).count()
                })
                .sum(),
        })
        .collect();
    sources.sort_by(|a, b| b.as_of.cmp(&a.as_of).then(a.title.cmp(&b.title)));
    let index_paragraphs = compare::index_methodology(&catalog);
    HtmlTemplate(MethodologyPage {
        meta: Meta::new(
            state.base_url(),
            paths::METHODOLOGY,
            "Methodology: how our LLM prices, costs and scores are sourced".into(),
            "Where every price, limit and benchmark score comes from, how request costs and the headline index are computed, what value means and its limits, and the data licenses.".into(),
            &[("Methodology", paths::METHODOLOGY)],
        ),
        index_paragraphs,
        typical: compare::request_words(&Workload::TYPICAL),
        sizes: STANDARD_PROFILES
            .iter()
            .map(|p| format!("{} in / {} out", format::count(p.input_tokens), format::count(p.output_tokens)))
            .collect::<Vec<_>>()
            .join(", "),
        price_stale_days: PRICE_STALE_AFTER_DAYS,
        speed_stale_days: SPEED_STALE_AFTER_DAYS,
        models: dataset.models.len(),
        sources,
    })
}

/// `GET /api`: the API's documentation with a live example.
pub async fn api_docs(State(state): State<AppState>) -> HtmlTemplate<ApiPage> {
    let catalog = state.catalog();
    // The example is the first pair of the index, computed live: it can never drift from the API.
    let example = catalog.dataset.models.first().zip(catalog.dataset.models.get(1)).map(|(a, b)| {
        let (a, b) = catalog.canonical_order(a, b);
        let cmp = crate::domain::compare(&catalog, a, b, &Workload::TYPICAL, &day_of(&catalog));
        let mut json = comparison_json(state.base_url(), &cmp);
        // Keep the example short: the first rows of each table and the first FAQ entry.
        for table in ["performance", "prices_per_mtok", "requests", "billing", "ways_to_pay"] {
            if let Some(rows) = json["tables"][table].as_array_mut() {
                rows.truncate(2);
            }
        }
        for list in ["faq", "sections", "related", "sources", "methodology"] {
            if let Some(items) = json[list].as_array_mut() {
                items.truncate(1);
            }
        }
        (catalog.canonical_path(a, b), serde_json::to_string_pretty(&json).unwrap_or_default())
    });
    let reference = ModelId::parse("gpt-4o-mini").zip(ModelId::parse("gpt-4-1-mini"));
    let sample_pair = reference
        .and_then(|(x, y)| Some(catalog.canonical_path(catalog.model(&x)?, catalog.model(&y)?)))
        .or_else(|| example.as_ref().map(|e| e.0.clone()))
        .unwrap_or_else(|| "/compare/a-vs-b".into());
    HtmlTemplate(ApiPage {
        meta: Meta::new(
            state.base_url(),
            paths::API,
            "API: LLM prices, request costs and comparisons as JSON and CSV".into(),
            "Free JSON and CSV endpoints with every figure on our pages: prices per 1M tokens, request costs, ratios, benchmark scores with sources and dates, and verdicts.".into(),
            &[("API", paths::API)],
        ),
        base_url: state.base_url().to_owned(),
        sample_pair,
        example_path: example.as_ref().map(|e| e.0.clone()).unwrap_or_default(),
        example_json: example.map(|e| e.1).unwrap_or_default(),
    })
}
