//! The home page: every model in one table, and the two-model picker.

use axum::extract::State;

use crate::web::AppState;
use crate::web::error::Link;
use crate::web::seo::Meta;
use crate::web::templates::{HomePage, HtmlTemplate};

use super::{model_row, picker_options};

/// `GET /`.
pub async fn home(State(state): State<AppState>) -> HtmlTemplate<HomePage> {
    let catalog = state.catalog();
    let catalog = catalog.as_ref();
    let dataset = &catalog.dataset;
    // Retired models are listed apart, after the models a reader can still buy.
    let (current, retired) = catalog.current_and_retired();
    let row = |m: &crate::domain::Model| model_row(catalog, m);
    let rows = current.into_iter().map(row).collect();
    let retired_rows = retired.into_iter().map(row).collect();
    let (index_name, index_source) = catalog.index.as_ref().map_or(("Index".into(), String::new()), |i| {
        (i.name.clone(), dataset.source(&i.source).map_or(i.source.to_string(), |s| s.title.clone()))
    });
    // Neighbours along the price/index frontier: each pair is a real trade-off worth reading.
    let mut frontier: Vec<_> = catalog.market.points.iter().filter(|p| p.on_frontier).collect();
    frontier.sort_by_key(|p| p.cost);
    let featured = frontier
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (catalog.model(&w[0].id)?, catalog.model(&w[1].id)?);
            let (a, b) = catalog.canonical_order(a, b);
            Some(Link { href: catalog.canonical_path(a, b), text: format!("{} vs {}", a.name, b.name) })
        })
        .collect();
    HtmlTemplate(HomePage {
        meta: Meta::new(
            state.base_url(),
            "/",
            "Compare LLM API prices, benchmarks and value".into(),
            format!(
                "Prices per 1M tokens, request costs and independent benchmark scores for {} language models from {} providers, with a side-by-side page for every pair.",
                dataset.models.len(),
                dataset.providers.len()
            ),
            &[],
        ),
        rows,
        retired_rows,
        options: picker_options(catalog),
        typical: crate::domain::compare::request_words(&crate::domain::cost::Workload::TYPICAL),
        index_name,
        index_source,
        last_updated: dataset.last_updated().map_or("n/a".into(), |d| d.long()),
        featured,
    })
}
