//! The JSON and CSV API. A comparison's JSON is built from the same `Comparison` value the
//! page renders, with the same figure texts, so the two cannot disagree; raw numbers sit
//! beside them as exact decimal strings (dollars) or plain numbers (tokens, scores).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::domain::compare::{Comparison, Side};
use crate::domain::cost::{Billing, NoPrice, RequestProfile, TYPICAL_REQUEST, request_cost};
use crate::domain::index::limits_of;
use crate::domain::model::{Model, PriceSchedule};
use crate::domain::pricing::PayAs;
use crate::domain::rate_card::{RateCard, RateKey, ServiceTier, TimeWindow};
use crate::domain::{Catalog, SourceId, compare as build_comparison};

use crate::web::error::AppError;
use crate::web::error::Link;
use crate::web::extract::PathSegment;
use crate::web::lookup::resolve_pair;
use crate::web::paths;
use crate::web::workload_query::{WorkloadQuery, unreadable};
use crate::web::{AppState, day_of};

/// An [`AppError`] answered as JSON: `{"error": {"status", "title", "detail", "parameter"?,
/// "suggestions"}}` with the same status the HTML page would have.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

fn links(links: &[Link]) -> Value {
    Value::Array(links.iter().map(|l| json!({ "href": l.href, "text": l.text })).collect())
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self.0 {
            AppError::NotFound { what, suggestions } => (
                StatusCode::NOT_FOUND,
                json!({ "title": "Not found", "detail": format!("We have no {what}."), "suggestions": links(&suggestions) }),
            ),
            AppError::BadRequest { title, detail, suggestions } => (
                StatusCode::BAD_REQUEST,
                json!({ "title": title, "detail": detail, "suggestions": links(&suggestions) }),
            ),
            AppError::BadParameter { bad, .. } => (
                StatusCode::BAD_REQUEST,
                json!({
                    "title": format!("The “{}” parameter {}", bad.param, bad.problem),
                    "detail": format!("“{}” must be {}.", bad.param, bad.allowed),
                    "parameter": bad.param,
                    "allowed": bad.allowed,
                    "suggestions": [],
                }),
            ),
            AppError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                json!({ "title": "Method not allowed", "detail": "The API answers GET requests only.", "suggestions": [] }),
            ),
            AppError::Internal(message) => {
                tracing::error!(%message, "internal error in the API");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({ "title": "Something went wrong", "detail": "The error has been logged.", "suggestions": [] }),
                )
            }
        };
        let mut error = body;
        error["status"] = json!(status.as_u16());
        (status, Json(json!({ "error": error }))).into_response()
    }
}

/// A rate card as numbers: every rate with its tier, meter, threshold and window, as an exact
/// decimal string of dollars per 1M tokens; the windows' UTC hours; the listed fees, each with
/// the source that listed it and the date it was first listed.
pub fn card_json(card: &RateCard) -> Value {
    json!({
        "rates": card.rates().map(|(k, v)| json!({
            "tier": k.tier.as_str(),
            "meter": k.meter.as_str(),
            "above_input_tokens": k.above_tokens,
            "window": k.window.map(TimeWindow::as_str),
            "usd_per_mtok": v.to_decimal(),
        })).collect::<Vec<_>>(),
        "windows": card.windows().map(|(w, h)| json!({ "window": w.as_str(), "hours_utc": h.to_string() })).collect::<Vec<_>>(),
        "fees": card.fees.iter().map(|f| json!({
            "what": f.fee.what,
            "unit": f.fee.unit.as_str(),
            "figure": f.fee.figure,
            "source": f.source,
            "listed_from": f.listed_from,
        })).collect::<Vec<_>>(),
    })
}

fn price_json(p: &PriceSchedule) -> Value {
    let list = p.rates.list_prices();
    json!({
        "effective_from": p.effective_from,
        "effective_to": p.effective_to,
        // The standard list prices, also in `rate_card`, for readers that want only those.
        "input_per_mtok": list.map(|(i, _)| i.to_decimal()),
        "output_per_mtok": list.map(|(_, o)| o.to_decimal()),
        "rate_card": card_json(&p.rates),
        "source": p.source,
        "last_seen_in": p.last_seen_in,
    })
}

fn sourced<T: serde::Serialize>(v: &Option<crate::domain::model::Sourced<T>>) -> Value {
    match v {
        Some(s) => json!({ "value": s.value, "source": s.source }),
        None => Value::Null,
    }
}

fn model_json(catalog: &Catalog, m: &Model) -> Value {
    let dataset = &catalog.dataset;
    json!({
        "id": m.id.as_str(),
        "name": m.name,
        "provider": m.provider,
        "provider_name": dataset.provider_name(&m.provider),
        "api_host": m.api_host,
        "status": m.status.as_str(),
        "deprecation_date": m.deprecation_date,
        "status_source": m.status_source,
        "release_date": sourced(&m.release_date),
        "context_window": sourced(&m.context_window),
        "max_output": sourced(&m.max_output),
        "max_input": sourced(&m.max_input),
        "knowledge_cutoff": sourced(&m.knowledge_cutoff),
        "open_weights": sourced(&m.open_weights),
        "litellm_keys": m.litellm_keys,
        "price": m.current_price().map(price_json),
        "price_history": m.prices.iter().map(price_json).collect::<Vec<_>>(),
        "typical_request_usd": catalog.market.cost_of(&m.id).map(|c| c.to_decimal()),
        "headline_index": catalog.index_value(m),
        "scores": m.scores.iter().map(|s| json!({
            "benchmark": s.benchmark,
            "value": s.value,
            "independent": s.independent,
            "source": s.source,
            "as_of": s.as_of,
            "note": s.note,
        })).collect::<Vec<_>>(),
        "speeds": m.speeds.iter().map(|s| json!({
            "output_tokens_per_s": s.output_tokens_per_s,
            "ttft_s": s.ttft_s,
            "source": s.source,
            "as_of": s.as_of,
        })).collect::<Vec<_>>(),
    })
}

fn index_json(catalog: &Catalog) -> Value {
    match &catalog.index {
        Some(i) => {
            json!({ "benchmark": i.benchmark, "name": i.name, "source": i.source, "models_covered": i.coverage })
        }
        None => Value::Null,
    }
}

fn sources_json(catalog: &Catalog) -> Value {
    let mut sources: Vec<_> = catalog.dataset.sources.values().collect();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    Value::Array(
        sources
            .iter()
            .map(|s| json!({ "id": s.id, "title": s.title, "url": s.url, "license": s.license, "as_of": s.as_of }))
            .collect(),
    )
}

/// `GET /api/v1/models`: every model with every figure and its source.
pub async fn models(State(state): State<AppState>) -> Response {
    let catalog = state.catalog();
    let body = json!({
        "last_updated": catalog.dataset.last_updated(),
        "typical_request": { "input_tokens": catalog.market.workload.input_tokens, "output_tokens": catalog.market.workload.output_tokens },
        "headline_index": index_json(&catalog),
        "models": catalog.dataset.models.iter().map(|m| model_json(&catalog, m)).collect::<Vec<_>>(),
        "sources": sources_json(&catalog),
    });
    Json(body).into_response()
}

/// The priced request at every tier and window, as exact decimals: `usd` is null with a
/// `not_priced` reason where the model does not offer that way to pay (at this size).
fn ways_to_pay_json(s: &Side, request: &RequestProfile) -> Value {
    let Some(price) = s.price else { return json!([]) };
    let mut ways: Vec<PayAs> = ServiceTier::ALL.iter().map(|t| PayAs::tier(*t)).collect();
    ways.extend(price.rates.windows().flat_map(|(w, _)| ServiceTier::ALL.map(|tier| PayAs { tier, window: Some(w) })));
    let rows: Vec<Value> = ways
        .into_iter()
        .map(|pay| {
            let cost = request_cost(price, &limits_of(s.model), request, Billing { pay, all_cached: false });
            let not_priced = match cost {
                Ok(_) => None,
                Err(NoPrice::NotOffered) => Some("not_offered"),
                Err(NoPrice::TierRateUnknown) => Some("no_rate_above_threshold"),
                Err(NoPrice::ExceedsLimits) => Some("exceeds_limits"),
            };
            json!({
                "tier": pay.tier.as_str(),
                "window": pay.window.map(TimeWindow::as_str),
                "usd": cost.ok().map(|c| c.total.to_decimal()),
                "above_input_tokens": cost.ok().and_then(|c| c.tier_above),
                "not_priced": not_priced,
            })
        })
        .collect();
    Value::Array(rows)
}

fn side_json(s: &Side, request: &RequestProfile) -> Value {
    json!({
        "rate_card": s.price.map(|p| card_json(&p.rates)),
        "request_cost_by_way_to_pay": ways_to_pay_json(s, request),
        "id": s.id().as_str(),
        "name": s.name(),
        "provider": s.provider,
        "api_host": s.model.api_host,
        "status": s.model.status.as_str(),
        "request_cost_usd": s.cost.map(|c| c.to_decimal()),
        "headline_index": s.index,
        "on_frontier": s.on_frontier,
        "prices_last_checked": s.prices_checked.as_ref().map(|f| &f.checked),
        "prices_possibly_stale": s.prices_checked.as_ref().map(|f| f.stale),
    })
}

/// The JSON of a comparison: what the page shows, from the same value.
pub fn comparison_json(base_url: &str, cmp: &Comparison) -> Value {
    let request = if cmp.custom { cmp.workload.profile() } else { TYPICAL_REQUEST };
    let path = paths::pair(cmp.a.id(), cmp.b.id());
    let w = &cmp.workload;
    json!({
        "pair": {
            "a": cmp.a.id().as_str(),
            "b": cmp.b.id().as_str(),
            "url": format!("{base_url}{path}"),
        },
        "workload": {
            "input_tokens": w.input_tokens,
            "output_tokens": w.output_tokens,
            "cached_percent": w.cached_percent,
            "tier": w.pay.tier.as_str(),
            "window": w.pay.window.map(TimeWindow::as_str),
            "cache_write": w.cache_write.map(|c| c.as_str()),
            "requests_per_month": w.requests_per_month,
            "custom": cmp.custom,
            "description": cmp.request_words,
        },
        "models": [side_json(&cmp.a, &request), side_json(&cmp.b, &request)],
        "headline_index": cmp.index_label,
        "verdict": cmp.verdict,
        "description": cmp.description,
        "bottom_line": cmp.bottom_line,
        "tables": {
            "summary": cmp.summary,
            "performance": cmp.performance_rows,
            "benchmarks": cmp.benchmark_rows,
            "prices_per_mtok": cmp.price_rows,
            "long_context": cmp.tier_rows,
            "requests": cmp.request_rows,
            "billing": cmp.billing_rows,
            "ways_to_pay": cmp.ways_to_pay,
            "monthly": cmp.monthly_rows,
        },
        "workload_notes": cmp.workload_notes,
        "break_even": cmp.break_even,
        "sections": cmp.sections,
        "faq": cmp.faq,
        "related": cmp.related,
        "status_notes": cmp.status_notes,
        "sources": cmp.citations,
        "methodology": cmp.methodology,
        "last_updated": cmp.last_updated,
    })
}

/// `GET /api/v1/compare/{a}-vs-{b}`: the comparison as JSON, with the page's workload
/// parameters. Reversed or loosely written pairs redirect (301) to the canonical API path.
pub async fn compare(
    State(state): State<AppState>,
    segment: Result<PathSegment, AppError>,
    query: Result<Query<WorkloadQuery>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let PathSegment(segment) = segment?;
    let catalog = state.catalog();
    let catalog = catalog.as_ref();
    let pair = resolve_pair(catalog, &segment).map_err(|e| ApiError(e.for_api(catalog)))?;
    let (a, b) = (pair.a, pair.b);
    let canonical = paths::api_pair(&pair.canonical);
    if pair.loose || uri.path() != canonical {
        return Ok(paths::moved_permanently(&canonical, uri.query()));
    }
    let query = match query {
        Ok(Query(query)) => query,
        Err(rejection) => {
            return Err(ApiError(AppError::BadParameter {
                bad: Box::new(unreadable(&rejection.body_text())),
                refill: None,
            }));
        }
    };
    let workload = query.parse(catalog).map_err(|bad| AppError::BadParameter { bad: Box::new(bad), refill: None })?;
    let cmp = build_comparison(catalog, a, b, &workload, &day_of(catalog));
    Ok(Json(comparison_json(state.base_url(), &cmp)).into_response())
}

/// Unknown paths under `/api/`: a JSON 404.
pub async fn not_found() -> ApiError {
    ApiError(AppError::NotFound { what: "API endpoint at this address".into(), suggestions: Vec::new() })
}

/// A rate's CSV field: `input_per_mtok`, `batch_output_per_mtok`,
/// `cache_read_per_mtok_above_272000`, `input_per_mtok@off-peak` (the base standard rates keep
/// the names they had before the rate card).
fn csv_rate_field(key: &RateKey) -> String {
    let tier = match key.tier {
        ServiceTier::Standard => String::new(),
        other => format!("{}_", other.as_str()),
    };
    let mut field = format!("{tier}{}_per_mtok", key.meter.as_str());
    if key.above_tokens > 0 {
        field.push_str(&format!("_above_{}", key.above_tokens));
    }
    if let Some(w) = key.window {
        field.push_str(&format!("@{}", w.as_str()));
    }
    field
}

/// `GET /api/v1/models.csv`: the whole dataset in long form, one figure a row:
/// `model,kind,field,value,source,as_of` (source is a source id, as_of that figure's date).
pub async fn models_csv(State(state): State<AppState>) -> Response {
    let catalog = state.catalog();
    let dataset = &catalog.dataset;
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory fails only on a bug; such a row is logged and left out.
    let mut row = |model: &str, kind: &str, field: &str, value: &str, source: &str, as_of: &str| {
        if let Err(e) = out.write_record([model, kind, field, value, source, as_of]) {
            tracing::error!(error = %e, "models.csv row");
        }
    };
    row("model", "kind", "field", "value", "source", "as_of");
    let date_of = |source: &SourceId| dataset.source(source).map_or(String::new(), |s| s.as_of.iso().to_owned());
    for m in &dataset.models {
        let id = m.id.as_str();
        row(id, "model", "name", &m.name, "", "");
        row(id, "model", "provider", dataset.provider_name(&m.provider), "", "");
        row(id, "model", "api_host", &m.api_host, "", "");
        row(id, "model", "status", m.status.as_str(), m.status_source.as_ref().map_or("", SourceId::as_str), "");
        if let Some(d) = &m.deprecation_date {
            row(id, "model", "deprecation_date", d.iso(), m.status_source.as_ref().map_or("", SourceId::as_str), "");
        }
        if let Some(d) = &m.release_date {
            row(id, "model", "release_date", d.value.iso(), d.source.as_str(), &date_of(&d.source));
        }
        if let Some(c) = &m.context_window {
            row(id, "limit", "context_window", &c.value.to_string(), c.source.as_str(), &date_of(&c.source));
        }
        if let Some(c) = &m.max_input {
            row(id, "limit", "max_input", &c.value.to_string(), c.source.as_str(), &date_of(&c.source));
        }
        if let Some(c) = &m.max_output {
            row(id, "limit", "max_output", &c.value.to_string(), c.source.as_str(), &date_of(&c.source));
        }
        if let Some(o) = &m.open_weights {
            row(
                id,
                "model",
                "open_weights",
                if o.value { "true" } else { "false" },
                o.source.as_str(),
                &date_of(&o.source),
            );
        }
        for p in &m.prices {
            let kind = if p.effective_to.is_none() { "price" } else { "price_history" };
            let period = match &p.effective_to {
                Some(to) => format!("{}..{}", p.effective_from.iso(), to.iso()),
                None => format!("{}..", p.effective_from.iso()),
            };
            let seen = date_of(&p.last_seen_in);
            for (key, rate) in p.rates.rates() {
                let field = format!("{} [{period}]", csv_rate_field(key));
                row(id, kind, &field, &rate.to_decimal(), p.last_seen_in.as_str(), &seen);
            }
            for (w, hours) in p.rates.windows() {
                row(
                    id,
                    kind,
                    &format!("{}_hours_utc [{period}]", w.as_str()),
                    &hours.to_string(),
                    p.last_seen_in.as_str(),
                    &seen,
                );
            }
        }
        for s in &m.scores {
            let kind = if s.independent { "score_independent" } else { "score_vendor" };
            row(id, kind, s.benchmark.as_str(), &s.value.to_string(), s.source.as_str(), s.as_of.iso());
        }
        for s in &m.speeds {
            if let Some(v) = s.output_tokens_per_s {
                row(id, "speed", "output_tokens_per_s", &v.to_string(), s.source.as_str(), s.as_of.iso());
            }
            if let Some(v) = s.ttft_s {
                row(id, "speed", "ttft_s", &v.to_string(), s.source.as_str(), s.as_of.iso());
            }
        }
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"llm-compare-models.csv\""),
        ],
        out.into_inner().unwrap_or_default(),
    )
        .into_response()
}
