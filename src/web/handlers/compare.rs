//! Comparison pages and the picker that leads to them.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::domain::cost::Workload;
use crate::domain::directory::pair_page;
use crate::domain::format;
use crate::domain::sitemap::{model_lastmod, pair_lastmod};
use crate::domain::slug::PairError;
use crate::domain::{Catalog, Model, ModelId, compare as build_comparison};
use crate::web::chart::scatter_svg;
use crate::web::error::{Link, Refill};
use crate::web::extract::PathSegment;
use crate::web::lookup::{ResolvedPair, pair_error, resolve_pair, suggestions};
use crate::web::paths;
use crate::web::seo::Meta;
use crate::web::templates::{ComparePage, HtmlTemplate, IndexGroup, PickerPage};
use crate::web::validators::with_last_modified;
use crate::web::workload_query::{WorkloadForm, WorkloadQuery, unreadable};
use crate::web::{AppError, AppState, Result, day_of};

use super::picker_options;

fn find<'a>(catalog: &'a Catalog, id: &ModelId) -> Result<&'a Model> {
    catalog.model(id).ok_or_else(|| AppError::NotFound {
        what: format!("model called “{id}”"),
        suggestions: suggestions(catalog, id.as_str()),
    })
}

/// `GET /compare/{a}-vs-{b}`: the comparison, or a redirect to the pair's canonical address.
/// The query may set the reader's workload (see `WorkloadQuery`); the page is then recomputed
/// for it, marked `noindex`, and its canonical link still names the bare pair.
pub async fn compare(
    State(state): State<AppState>,
    PathSegment(segment): PathSegment,
    query: std::result::Result<Query<WorkloadQuery>, QueryRejection>,
    uri: Uri,
) -> Result<Response> {
    let catalog = state.catalog();
    let catalog = catalog.as_ref();
    let ResolvedPair { a, b, canonical, loose } = resolve_pair(catalog, &segment).map_err(|e| e.for_page(catalog))?;
    if loose || uri.path() != canonical {
        return Ok(paths::moved_permanently(&canonical, uri.query()));
    }
    let query = match query {
        Ok(Query(query)) => query,
        Err(rejection) => {
            return Err(AppError::BadParameter {
                bad: Box::new(unreadable(&rejection.body_text())),
                refill: Some(Box::new(Refill { action: canonical, query: WorkloadQuery::default() })),
            });
        }
    };
    let workload = query.parse(catalog).map_err(|bad| AppError::BadParameter {
        bad: Box::new(bad),
        refill: Some(Box::new(Refill { action: canonical.clone(), query: query.clone() })),
    })?;
    let mut form = WorkloadForm::new(canonical.clone(), &query);
    // The window field only where either model publishes time windows (DeepSeek's off-peak).
    if [a, b].iter().any(|m| m.current_price().is_some_and(|p| p.rates.windows().next().is_some())) {
        form = form.offering_window(crate::web::workload_query::given(&query.window));
    }
    let page = render(catalog, a, b, &workload, form, state.base_url(), !query.is_empty()).into_response();
    let dataset = &catalog.dataset;
    Ok(with_last_modified(page, pair_lastmod(model_lastmod(dataset, a), model_lastmod(dataset, b))))
}

fn render<'a>(
    catalog: &'a Catalog,
    a: &'a Model,
    b: &'a Model,
    workload: &Workload,
    form: WorkloadForm,
    base_url: &str,
    noindex: bool,
) -> HtmlTemplate<ComparePage<'a>> {
    let cmp = build_comparison(catalog, a, b, workload, &day_of(catalog));
    let chart_svg = scatter_svg(&cmp.chart);
    let path = paths::pair(&a.id, &b.id);
    let name = format!("{} vs {}", a.name, b.name);
    let meta = Meta::new(
        base_url,
        &path,
        format!("{name}: price, benchmarks and value"),
        cmp.description.clone(),
        &[("Compare", paths::COMPARE), (&name, &path)],
    )
    .with_faq(&cmp.faq)
    .with_image(format!("{base_url}{}", paths::pair_image(&path, "og.png")))
    .with_noindex(noindex);
    HtmlTemplate(ComparePage { meta, form, href_a: paths::model(&a.id), href_b: paths::model(&b.id), chart_svg, cmp })
}

/// The model a picker field names: its display name as the type-to-filter list offers it
/// (any case), or its id, loosely written.
fn chosen<'a>(catalog: &'a Catalog, text: &str) -> Result<&'a Model> {
    if let Some(m) = catalog.dataset.models.iter().find(|m| m.name.eq_ignore_ascii_case(text)) {
        return Ok(m);
    }
    let id = ModelId::normalize(text).ok_or_else(|| pair_error(catalog, PairError::BadId))?;
    find(catalog, &id)
}

/// The picker's query: `?a=..&b=..`.
#[derive(Debug, Deserialize)]
pub struct PickerQuery {
    a: Option<String>,
    b: Option<String>,
    page: Option<String>,
}

/// Pairs listed on one page of the comparison index.
pub const PAIRS_PER_PAGE: usize = 250;

/// `GET /compare?a=..&b=..`: sends the picker's choice to the pair's canonical page; without
/// a choice, shows the picker and the index of every comparison (`?page=N`). Works without
/// JavaScript.
pub async fn picker(
    State(state): State<AppState>,
    query: std::result::Result<Query<PickerQuery>, QueryRejection>,
) -> Result<Response> {
    let catalog = state.catalog();
    let catalog = catalog.as_ref();
    let Ok(Query(query)) = query else {
        return Err(AppError::BadRequest {
            title: "Unreadable choice".into(),
            detail: "The picker's query could not be read; choose two models again.".into(),
            suggestions: vec![Link { href: paths::COMPARE.into(), text: "Back to the picker".into() }],
        });
    };
    let a = query.a.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let b = query.b.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match (a, b) {
        (Some(a), Some(b)) => {
            let (ma, mb) = (chosen(catalog, a)?, chosen(catalog, b)?);
            if ma.id == mb.id {
                return Err(pair_error(catalog, PairError::SameModel(ma.id.clone())));
            }
            // A form submission, not a moved page: 303 so the browser GETs the pair.
            Ok((StatusCode::SEE_OTHER, [(header::LOCATION, catalog.canonical_path(ma, mb))]).into_response())
        }
        (None, None) => {
            let page = match query.page.as_deref().map(str::trim) {
                None => 1,
                Some(p) => p.parse::<usize>().ok().filter(|&n| n >= 1).ok_or_else(|| AppError::BadRequest {
                    title: "Not a page number".into(),
                    detail: "“page” must be a whole number from 1.".into(),
                    suggestions: vec![Link { href: paths::COMPARE.into(), text: "The first page".into() }],
                })?,
            };
            let listing = pair_page(catalog, page, PAIRS_PER_PAGE).ok_or_else(|| AppError::NotFound {
                what: format!("page {page} of the comparison index"),
                suggestions: vec![Link { href: paths::COMPARE.into(), text: "The first page".into() }],
            })?;
            let path = paths::compare_index(page);
            let title = if page == 1 {
                "All LLM comparisons: pick two models".to_owned()
            } else {
                format!("All LLM comparisons, page {page} of {}", listing.pages)
            };
            let meta = Meta::new(
                state.base_url(),
                &path,
                title,
                format!(
                    "Every one of the {} side-by-side comparisons of our {} models, grouped by provider: prices, request costs, benchmarks and a verdict for each pair.",
                    format::count(listing.total as u64),
                    catalog.dataset.models.len()
                ),
                &[("Compare", paths::COMPARE)],
            );
            let groups = listing
                .groups
                .iter()
                .map(|g| IndexGroup {
                    title: g.title.clone(),
                    size: g.size,
                    links: g
                        .pairs
                        .iter()
                        .map(|(x, y)| Link {
                            href: paths::pair(&x.id, &y.id),
                            text: format!("{} vs {}", x.name, y.name),
                        })
                        .collect(),
                })
                .collect();
            let pages =
                (1..=listing.pages).map(|n| Link { href: paths::compare_index(n), text: n.to_string() }).collect();
            Ok(HtmlTemplate(PickerPage {
                meta,
                options: picker_options(catalog),
                groups,
                page,
                pages,
                total: listing.total,
            })
            .into_response())
        }
        _ => Err(AppError::BadRequest {
            title: "Pick two models".into(),
            detail: "Choose a model in both lists to compare them.".into(),
            suggestions: vec![Link { href: paths::COMPARE.into(), text: "Back to the picker".into() }],
        }),
    }
}
