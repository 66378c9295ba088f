//! The comparison's performance tables: the headline index, every other benchmark, speed and
//! limits, each figure cited.

use super::side::Side;
use super::summary::{CONTEXT_LABEL, SPEED_LABEL};
use super::tables::{Citations, Figure, Row, ratio_difference};
use crate::domain::catalog::Catalog;
use crate::domain::format;
use crate::domain::freshness::speed_freshness;
use crate::domain::model::{Date, Model, Scale, Score};

/// One score, cited, with its date and note.
fn score_figure(catalog: &Catalog, cites: &mut Citations, score: Option<&Score>, scale: Scale) -> Figure {
    match score {
        Some(s) => {
            let mut detail = format!("as of {}", s.as_of.iso());
            if let Some(note) = &s.note {
                detail = format!("{detail}; {note}");
            }
            Figure::known(format::score(s.value, scale), cites.cite(catalog, &s.source)).with_detail(detail)
        }
        None => Figure::missing("n/a"),
    }
}

/// Who leads on a benchmark and by how much: `GPT-4.1 mini +8.57`, or "tie".
fn score_difference(a: f64, b: f64, scale: Scale, higher_is_better: bool, name_a: &str, name_b: &str) -> String {
    if a == b {
        return "tie".into();
    }
    let a_better = (a > b) == higher_is_better;
    let leader = if a_better { name_a } else { name_b };
    format!("{leader} +{}", format::score_gap(a - b, scale))
}

/// The key performance rows (index, speed, limits) and the other benchmarks' rows.
pub(super) fn performance_rows<'a>(
    catalog: &Catalog,
    cites: &mut Citations,
    a: &Side<'a>,
    b: &Side<'a>,
    today: &Date,
) -> (Vec<Row>, Vec<Row>) {
    let mut rows = Vec::new();
    let mut benchmarks = Vec::new();
    // Headline index first, from its one source only.
    if let Some(index) = &catalog.index {
        let pick = |m: &'a Model| m.scores.iter().find(|s| s.benchmark == index.benchmark && s.source == index.source);
        let (sa, sb) = (pick(a.model), pick(b.model));
        rows.push(Row {
            label: index.name.clone(),
            hint: Some("headline index; independent".into()),
            a: score_figure(catalog, cites, sa, Scale::Index),
            b: score_figure(catalog, cites, sb, Scale::Index),
            difference_usd: None,
            difference: match (sa, sb) {
                (Some(x), Some(y)) => Some(score_difference(x.value, y.value, Scale::Index, true, a.name(), b.name())),
                _ => None,
            },
        });
    }
    // Then every other benchmark either model has, independent runs before vendor claims,
    // each provenance on its own row so a row never compares a claim with a measurement.
    for independent in [true, false] {
        for bench in &catalog.dataset.benchmarks {
            if catalog.index.as_ref().is_some_and(|i| i.benchmark == bench.slug) && independent {
                continue;
            }
            let (sa, sb) = (a.model.score(&bench.slug, independent), b.model.score(&bench.slug, independent));
            if sa.is_none() && sb.is_none() {
                continue;
            }
            // Each figure's provenance: a figure quoted from a page says so, not "independent".
            let (pa, pb) = (
                sa.map(|x| crate::domain::model::provenance(x, &catalog.dataset)),
                sb.map(|x| crate::domain::model::provenance(x, &catalog.dataset)),
            );
            let hint = match (sa, sb, pa, pb) {
                (Some(x), Some(y), Some(pa), Some(pb)) if x.source != y.source && pa != pb => {
                    format!("{}: {pa}; {}: {pb}", a.name(), b.name())
                }
                (Some(x), Some(y), Some(p), _) if x.source != y.source => {
                    format!("{p}; the two figures come from different sources")
                }
                (_, _, Some(p), _) | (_, _, None, Some(p)) => p,
                _ => String::new(),
            };
            benchmarks.push(Row {
                label: bench.name.clone(),
                hint: Some(hint),
                a: score_figure(catalog, cites, sa, bench.scale),
                b: score_figure(catalog, cites, sb, bench.scale),
                difference_usd: None,
                difference: match (sa, sb) {
                    (Some(x), Some(y)) => Some(score_difference(
                        x.value,
                        y.value,
                        bench.scale,
                        bench.higher_is_better,
                        a.name(),
                        b.name(),
                    )),
                    _ => None,
                },
            });
        }
    }
    // Speed: only where a source measured it.
    let speed =
        |s: &Side, pick: fn(&crate::domain::model::Speed) -> Option<f64>, unit: &str, cites: &mut Citations| match s
            .model
            .speed()
            .and_then(|sp| pick(sp).map(|v| (v, sp)))
        {
            Some((v, sp)) => Figure::known(format!("{}{unit}", format::number(v, 2)), cites.cite(catalog, &sp.source))
                .with_detail(match speed_freshness(s.model, today) {
                    Some(f) if f.stale => format!("as of {}, possibly stale", sp.as_of.iso()),
                    _ => format!("as of {}", sp.as_of.iso()),
                }),
            None => Figure::missing("n/a"),
        };
    let tps =
        (a.model.speed().and_then(|s| s.output_tokens_per_s), b.model.speed().and_then(|s| s.output_tokens_per_s));
    rows.push(Row {
        label: SPEED_LABEL.into(),
        hint: Some("tokens per second; depends on host and time measured".into()),
        a: speed(a, |s| s.output_tokens_per_s, " tok/s", cites),
        b: speed(b, |s| s.output_tokens_per_s, " tok/s", cites),
        difference_usd: None,
        difference: match tps {
            (Some(x), Some(y)) => ratio_difference(x, y, a.name(), b.name()),
            _ => None,
        },
    });
    let ttft = (a.model.speed().and_then(|s| s.ttft_s), b.model.speed().and_then(|s| s.ttft_s));
    rows.push(Row {
        label: "Time to first token".into(),
        hint: Some("seconds; lower is better".into()),
        a: speed(a, |s| s.ttft_s, " s", cites),
        b: speed(b, |s| s.ttft_s, " s", cites),
        difference_usd: None,
        difference: match ttft {
            (Some(x), Some(y)) if x == y => Some("same".into()),
            (Some(x), Some(y)) => {
                let leader = if x < y { a.name() } else { b.name() };
                Some(format!("{leader} {} s sooner", format::number((x - y).abs(), 2)))
            }
            _ => None,
        },
    });
    // Limits.
    let limit = |v: &Option<crate::domain::model::Sourced<u64>>, cites: &mut Citations| match v {
        Some(s) => Figure::known(format::count(s.value), cites.cite(catalog, &s.source)),
        None => Figure::missing("n/a"),
    };
    for (label, pick) in [
        (CONTEXT_LABEL, (|m: &Model| m.context_window.clone()) as fn(&Model) -> _),
        ("Max input (tokens)", |m: &Model| m.max_input.clone()),
        ("Max output (tokens)", |m: &Model| m.max_output.clone()),
    ] {
        let (va, vb) = (pick(a.model), pick(b.model));
        // An input cap is shown where either model has one (GPT-5: 272,000 of its 400,000).
        if label.starts_with("Max input") && va.is_none() && vb.is_none() {
            continue;
        }
        rows.push(Row {
            label: label.into(),
            hint: None,
            a: limit(&va, cites),
            b: limit(&vb, cites),
            difference_usd: None,
            difference: match (&va, &vb) {
                (Some(x), Some(y)) => ratio_difference(x.value as f64, y.value as f64, a.name(), b.name()),
                _ => None,
            },
        });
    }
    (rows, benchmarks)
}
