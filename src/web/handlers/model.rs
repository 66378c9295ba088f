//! Model pages: every figure we hold on one model, with sources, and its comparisons.

use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::domain::cost::Workload;
use crate::domain::format;
use crate::domain::freshness::{Freshness, price_freshness};
use crate::domain::model::{Dataset, PriceSchedule};
use crate::domain::money::PricePerMTok;
use crate::domain::pricing::PayAs;
use crate::domain::rate_card::{Meter, RateKey};
use crate::domain::sitemap::model_lastmod;
use crate::domain::{Catalog, Model, ModelId, SourceId};
use crate::web::error::Link;
use crate::web::extract::PathSegment;
use crate::web::lookup::suggestions;
use crate::web::paths;
use crate::web::seo::Meta;
use crate::web::templates::{FactRow, HtmlTemplate, ModelPage, PriceHistoryRow};
use crate::web::validators::with_last_modified;
use crate::web::{AppError, AppState, Result, day_of};

fn source_title(dataset: &Dataset, id: &SourceId) -> String {
    dataset.source(id).map_or_else(|| id.to_string(), |s| s.title.clone())
}

fn source_date(dataset: &Dataset, id: &SourceId) -> String {
    dataset.source(id).map_or_else(String::new, |s| s.as_of.iso().to_owned())
}

fn rate_text(rate: Option<PricePerMTok>) -> String {
    rate.map_or_else(|| "not listed".to_owned(), |v| v.to_string())
}

/// The "possibly stale" badge text, when the prices are too old.
fn stale_badge(f: &Freshness) -> Option<String> {
    f.stale.then(|| format!("possibly stale: {} days old", f.age_days))
}

/// `GET /models/{slug}`.
pub async fn model(State(state): State<AppState>, PathSegment(slug): PathSegment) -> Result<Response> {
    let catalog = state.catalog();
    let catalog = catalog.as_ref();
    let Some(id) = ModelId::normalize(&slug) else {
        return Err(AppError::NotFound { what: "model with that id".into(), suggestions: Vec::new() });
    };
    let Some(model) = catalog.model(&id) else {
        return Err(AppError::NotFound {
            what: format!("model called “{id}”"),
            suggestions: suggestions(catalog, id.as_str()),
        });
    };
    if id.as_str() != slug {
        return Ok(paths::moved_permanently(&paths::model(&id), None));
    }
    let page = HtmlTemplate(page(catalog, model, state.base_url())).into_response();
    Ok(with_last_modified(page, model_lastmod(&catalog.dataset, model)))
}

fn page(catalog: &Catalog, m: &Model, base_url: &str) -> ModelPage {
    let dataset = &catalog.dataset;
    let provider = dataset.provider_name(&m.provider).to_owned();
    let mut facts = Vec::new();
    if let (Some(p), Some(f)) = (m.current_price(), price_freshness(dataset, m, &day_of(catalog))) {
        facts.push(FactRow {
            label: "Prices last checked".into(),
            value: f.checked.long(),
            source: source_title(dataset, &p.last_seen_in),
            as_of: f.checked.iso().to_owned(),
            stale: stale_badge(&f),
            missing: false,
        });
    }
    // `None` is a rate the source does not list: shown as such and marked missing.
    let mut fact = |label: &str, value: Option<String>, source: &SourceId, as_of: String| {
        facts.push(FactRow {
            label: label.into(),
            missing: value.is_none(),
            value: value.unwrap_or_else(|| "not listed".to_owned()),
            source: source_title(dataset, source),
            as_of,
            stale: None,
        });
    };
    if let Some(p) = m.current_price() {
        let seen = |p: &PriceSchedule| {
            format!("since {}, last checked {}", p.effective_from.iso(), source_date(dataset, &p.last_seen_in))
        };
        // The whole card, rate by rate: a rate the source does not give has no row.
        for (key, rate) in p.rates.rates() {
            fact(&format!("{} / 1M tokens", key.label()), Some(rate.to_string()), &p.last_seen_in, seen(p));
        }
        for (w, hours) in p.rates.windows() {
            fact(&format!("{} hours (UTC)", w.label()), Some(hours.to_string()), &p.last_seen_in, seen(p));
        }
        // Surcharges and per-query fees: listed with their figures, never priced into requests.
        // Each with its own source and first date: a fee can be listed later than the rates.
        for f in &p.rates.fees {
            let listed = format!("listed from {}", f.listed_from.iso());
            fact("Listed fee (not in request costs)", Some(f.fee.text()), &f.source, listed);
        }
        if let Some(c) = catalog.market.cost_of(&m.id) {
            fact(
                &format!("Typical request ({})", Workload::TYPICAL.short_label()),
                Some(c.to_string()),
                &p.last_seen_in,
                "computed".into(),
            );
        }
    }
    if let Some(c) = &m.context_window {
        fact(
            "Context window",
            Some(format!("{} tokens", format::count(c.value))),
            &c.source,
            source_date(dataset, &c.source),
        );
    }
    if let Some(c) = &m.max_input {
        fact(
            "Max input",
            Some(format!(
                "{} tokens (a request's input may not exceed it, whatever its output)",
                format::count(c.value)
            )),
            &c.source,
            source_date(dataset, &c.source),
        );
    }
    if let Some(c) = &m.max_output {
        fact(
            "Max output",
            Some(format!("{} tokens", format::count(c.value))),
            &c.source,
            source_date(dataset, &c.source),
        );
    }
    if let Some(k) = &m.knowledge_cutoff {
        fact("Knowledge cutoff", Some(k.value.clone()), &k.source, source_date(dataset, &k.source));
    }
    if let Some(d) = &m.release_date {
        fact("Released", Some(d.value.long()), &d.source, source_date(dataset, &d.source));
    }
    if let Some(o) = &m.open_weights {
        fact(
            "Open weights",
            Some(if o.value { "yes" } else { "no" }.into()),
            &o.source,
            source_date(dataset, &o.source),
        );
    }
    for s in m.speeds.iter() {
        if let Some(v) = s.output_tokens_per_s {
            fact("Output speed", Some(format!("{} tokens/s", format::number(v, 2))), &s.source, s.as_of.iso().into());
        }
        if let Some(v) = s.ttft_s {
            fact("Time to first token", Some(format!("{} s", format::number(v, 2))), &s.source, s.as_of.iso().into());
        }
    }

    // One row per period and way to pay (tier, window) its card offers, newest first.
    let history = m
        .prices
        .iter()
        .rev()
        .flat_map(|p| {
            p.rates.ways_to_pay().into_iter().map(move |(tier, window)| {
                let rate = |meter| rate_text(p.rates.get(&RateKey { tier, window, above_tokens: 0, meter }));
                PriceHistoryRow {
                    from: p.effective_from.iso().into(),
                    to: p.effective_to.as_ref().map_or("current".into(), |d| d.iso().into()),
                    tier: PayAs { tier, window }.label(),
                    input: rate(Meter::Input),
                    output: rate(Meter::Output),
                    cached: rate(Meter::CacheRead),
                    source: source_title(dataset, &p.source),
                }
            })
        })
        .collect();

    let scores = dataset
        .benchmarks
        .iter()
        .flat_map(|b| m.scores.iter().filter(move |s| s.benchmark == b.slug).map(move |s| (b, s)))
        .map(|(b, s)| FactRow {
            label: format!("{} ({})", b.name, crate::domain::model::provenance(s, dataset)),
            value: format::score(s.value, b.scale),
            source: source_title(dataset, &s.source),
            as_of: s.as_of.iso().into(),
            stale: None,
            missing: false,
        })
        .collect();

    let mut others: Vec<&Model> = catalog.neighbours(&m.id, usize::MAX);
    let unpriced = dataset.models.iter().filter(|o| o.id != m.id && !others.iter().any(|x| x.id == o.id));
    others.extend(unpriced.collect::<Vec<_>>());
    let comparisons = others
        .into_iter()
        .map(|o| Link { href: catalog.canonical_path(m, o), text: format!("{} vs {}", m.name, o.name) })
        .collect();

    let status_text = crate::domain::status::status_words(m);
    let summary = match (m.current_price().and_then(|p| p.rates.list_prices()), catalog.index_value(m)) {
        (Some((input, output)), Some(i)) => format!(
            "{} by {provider}: {} per 1M input tokens, {} per 1M output tokens, {} on the {}.",
            m.name,
            input,
            output,
            format::score(i, crate::domain::model::Scale::Index),
            catalog.index.as_ref().map_or("index", |x| x.name.as_str())
        ),
        (Some((input, output)), None) => {
            format!("{} by {provider}: {input} per 1M input tokens, {output} per 1M output tokens.", m.name)
        }
        _ => format!("{} by {provider}.", m.name),
    };
    ModelPage {
        meta: Meta::new(
            base_url,
            &paths::model(&m.id),
            format!("{}: price, limits and benchmarks", m.name),
            summary.clone(),
            &[("Models", paths::MODELS), (&m.name, &paths::model(&m.id))],
        ),
        name: m.name.clone(),
        provider,
        summary,
        status: m.status.as_str(),
        status_text,
        source_notes: crate::domain::source_notes::limit_notes(m, dataset),
        facts,
        history,
        scores,
        comparisons,
    }
}
