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
use crate::domain::slug::{PairError, PairSpec, compare_path, parse_pair};
use crate::domain::{Catalog, Model, ModelId, compare as build_comparison};
use crate::web::chart::scatter_svg;
use crate::web::error::{Link, Refill};
use crate::web::extract::PathSegment;
use crate::web::seo::Meta;
use crate::web::templates::{ComparePage, HtmlTemplate, IndexGroup, PickerPage};
use crate::web::validators::with_last_modified;
use crate::web::workload_query::{WorkloadForm, WorkloadQuery, unreadable};
use crate::web::{AppError, AppState, Result, day_of};

use super::{model_href, picker_options, suggestions};

/// A 301 to `path`, keeping the query string so shared links with parameters survive.
fn permanent_redirect(path: &str, uri: &Uri) -> Response {
    let target = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    };
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, target)]).into_response()
}

fn find<'a>(catalog: &'a Catalog, id: &ModelId) -> Result<&'a Model> {
    catalog.model(id).ok_or_else(|| AppError::NotFound {
        what: format!("model called “{id}”"),
        suggestions: suggestions(catalog, id.as_str()),
    })
}

/// A `{a}-vs-{b}` path segment read against the catalog.
pub struct ResolvedPair<'a> {
    /// The first model in canonical order.
    pub a: &'a Model,
    /// The second model in canonical order.
    pub b: &'a Model,
    /// The pair's canonical page path, `/compare/{a}-vs-{b}`.
    pub canonical: String,
    /// The segment had to be normalized (`GPT-4.1-mini`): answer with a redirect whatever
    /// the path looks like.
    pub loose: bool,
}

/// Reads a pair segment and finds both models: the shared rules of every `/compare/{pair}`
/// address (the page and its images). Malformed is a 400, an unknown model a 404 with
/// suggestions. The caller redirects when `loose` or when its path is not the canonical one.
pub fn resolve_pair<'a>(catalog: &'a Catalog, segment: &str) -> Result<ResolvedPair<'a>> {
    let spec = parse_pair(segment).map_err(|e| pair_error(catalog, e))?;
    let (ida, idb, loose) = match spec {
        PairSpec::Exact(a, b) => (a, b, false),
        PairSpec::Loose(a, b) => (a, b, true),
    };
    let (a, b) = match (catalog.model(&ida), catalog.model(&idb)) {
        (Some(a), Some(b)) => catalog.canonical_order(a, b),
        // One side known: suggest comparisons of it with the models closest to the other.
        (Some(known), None) | (None, Some(known)) => {
            let missing = if catalog.model(&ida).is_none() { &ida } else { &idb };
            let suggestions = catalog
                .closest(missing.as_str(), 5)
                .into_iter()
                .filter(|m| m.id != known.id)
                .map(|m| Link { href: catalog.canonical_path(known, m), text: format!("{} vs {}", known.name, m.name) })
                .collect();
            return Err(AppError::NotFound { what: format!("model called “{missing}”"), suggestions });
        }
        (None, None) => {
            return Err(AppError::NotFound {
                what: format!("models called “{ida}” or “{idb}”"),
                suggestions: suggestions(catalog, ida.as_str()),
            });
        }
    };
    Ok(ResolvedPair { a, b, canonical: catalog.canonical_path(a, b), loose })
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
    let ResolvedPair { a, b, canonical, loose } = resolve_pair(catalog, &segment)?;
    if loose || uri.path() != canonical {
        return Ok(permanent_redirect(&canonical, &uri));
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
    let path = compare_path(&a.id, &b.id);
    let name = format!("{} vs {}", a.name, b.name);
    let meta = Meta::new(
        base_url,
        &path,
        format!("{name}: price, benchmarks and value"),
        cmp.description.clone(),
        &[("Compare", "/compare"), (&name, &path)],
    )
    .with_faq(&cmp.faq)
    .with_image(format!("{base_url}{path}/og.png"))
    .with_noindex(noindex);
    HtmlTemplate(ComparePage { meta, form, href_a: model_href(a), href_b: model_href(b), chart_svg, cmp })
}

fn pair_error(catalog: &Catalog, error: PairError) -> AppError {
    match error {
        PairError::NoSeparator => AppError::BadRequest {
            title: "Not a comparison address".into(),
            detail: "A comparison address names two models joined by “-vs-”, for example /compare/gpt-4o-mini-vs-gpt-4-1-mini.".into(),
            suggestions: Vec::new(),
        },
        PairError::BadId => AppError::BadRequest {
            title: "Not a model id".into(),
            detail: "Model ids use lowercase letters, digits and hyphens, for example gpt-4-1-mini.".into(),
            suggestions: Vec::new(),
        },
        PairError::SameModel(id) => {
            let links = catalog
                .model(&id)
                .map(|m| vec![Link { href: model_href(m), text: format!("{} on its own", m.name) }])
                .unwrap_or_default();
            AppError::BadRequest {
                title: "The same model twice".into(),
                detail: "A comparison needs two different models. The model's own page lists every comparison with it.".into(),
                suggestions: links,
            }
        }
    }
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
            suggestions: vec![Link { href: "/compare".into(), text: "Back to the picker".into() }],
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
                    suggestions: vec![Link { href: "/compare".into(), text: "The first page".into() }],
                })?,
            };
            let listing = pair_page(catalog, page, PAIRS_PER_PAGE).ok_or_else(|| AppError::NotFound {
                what: format!("page {page} of the comparison index"),
                suggestions: vec![Link { href: "/compare".into(), text: "The first page".into() }],
            })?;
            let path = if page == 1 { "/compare".to_owned() } else { format!("/compare?page={page}") };
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
                &[("Compare", "/compare")],
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
                            href: compare_path(&x.id, &y.id),
                            text: format!("{} vs {}", x.name, y.name),
                        })
                        .collect(),
                })
                .collect();
            let pages = (1..=listing.pages)
                .map(|n| Link {
                    href: if n == 1 { "/compare".into() } else { format!("/compare?page={n}") },
                    text: n.to_string(),
                })
                .collect();
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
            suggestions: vec![Link { href: "/compare".into(), text: "Back to the picker".into() }],
        }),
    }
}
