//! What a models.dev import changes, worked out without I/O: the source it cites (a declared
//! one, or a new `modelsdev-import-{date}`), then for each model that names a models.dev id the
//! figures its record gives, minus the fields the catalog pins and a status a dated shutdown
//! already settles. Only the models whose figures differ are written.

use std::collections::HashMap;

use super::super::{ImportError, rejected};
use super::api_file::{ModelRecord, ModelsDevFile};
use super::read::{Current, Stored};
use super::report::ModelsDevReport;
use crate::domain::model::Date;

/// What the import writes, and its report.
pub(super) struct Plan {
    /// What the command prints.
    pub(super) report: ModelsDevReport,
    /// The title of the source to create under `report.source_id`, when it does not exist yet.
    pub(super) new_source_title: Option<String>,
    /// The models whose figures change, each with all its figures.
    pub(super) updates: Vec<Update>,
}

/// The values one model gets, whole; written only when they differ from what is stored. Each
/// pair is a figure and the source it cites.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Update {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) release: (Option<String>, Option<String>),
    pub(super) limits: Limits,
    pub(super) open_weights: (Option<bool>, Option<String>),
    pub(super) status: (String, Option<String>),
    pub(super) knowledge: (Option<String>, Option<String>),
}

/// A model's three limits and the one source they all come from.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Limits {
    pub(super) context_window: Option<i64>,
    pub(super) max_output: Option<i64>,
    pub(super) max_input: Option<i64>,
    pub(super) source: Option<String>,
}

/// The plan for `file` against `current`, citing `cite` (a source the database holds) or a
/// new `modelsdev-import-{as_of}` source titled after `file_name`.
pub(super) fn plan(
    label: &str,
    file_name: String,
    file: &ModelsDevFile,
    current: &Current,
    cite: Option<&str>,
    as_of: &Date,
) -> Result<Plan, ImportError> {
    let sources = &current.sources;
    let title = format!("models.dev api.json {file_name}, imported {}", as_of.iso());
    let (source_id, create) = match cite {
        Some(id) if sources.contains_key(id) => (id.to_owned(), false),
        Some(id) => {
            return Err(ImportError::Refused(format!(
                "{label}: --source-id {id} is not a source in the database: declare it in the catalog first"
            )));
        }
        None => {
            let id = format!("modelsdev-import-{}", as_of.iso());
            let exists = sources.get(&id).is_some_and(|t| *t == title);
            if sources.contains_key(&id) && !exists {
                return Err(ImportError::Refused(format!(
                    "{label}: source {id} exists with another title: pass --source-id"
                )));
            }
            (id, !exists)
        }
    };

    let pins: &HashMap<String, Vec<String>> = &current.pins;
    let mut report =
        ModelsDevReport { file: file_name, records: file.models, source_id: source_id.clone(), ..Default::default() };
    let mut updates = Vec::new();
    for m in &current.models {
        let id = m.modelsdev_id.as_deref().unwrap_or_default();
        let record = file.record(id).map_err(|p| rejected(label, p.entry, p.field, p.problem))?;
        let Some(record) = record else {
            report.missing.push((m.slug.clone(), id.to_owned()));
            continue;
        };
        if let Some(base) = &record.unresolved_base {
            report.stubs.push((m.slug.clone(), base.clone()));
        }
        let pinned = |field: &str| pins.get(&m.slug).is_some_and(|p| p.iter().any(|f| f == field));
        let (old, new) = update_for(m, &record, &source_id, &pinned);
        if old != new {
            describe(&mut report.changes, &old, &new);
            updates.push(new);
        }
    }
    Ok(Plan { report, new_source_title: create.then_some(title), updates })
}

/// What is stored, and what it becomes with `r`'s figures.
fn update_for(m: &Stored, r: &ModelRecord, source: &str, pinned: &dyn Fn(&str) -> bool) -> (Update, Update) {
    let old = Update {
        slug: m.slug.clone(),
        name: m.name.clone(),
        release: (m.release_date.clone(), m.release_date_source.clone()),
        limits: Limits {
            context_window: m.context_window,
            max_output: m.max_output,
            max_input: m.max_input,
            source: m.limits_source.clone(),
        },
        open_weights: (m.open_weights, m.open_weights_source.clone()),
        status: (m.status.clone(), m.status_source.clone()),
        knowledge: (m.knowledge_cutoff.clone(), m.knowledge_cutoff_source.clone()),
    };
    let mut new = old.clone();
    let src = Some(source.to_owned());
    if let Some(name) = r.name.as_ref().filter(|_| !pinned("name")) {
        new.name = name.clone();
    }
    if let Some(d) = r.release_date.as_ref().filter(|_| !pinned("release_date")) {
        new.release = (Some(d.iso().to_owned()), src.clone());
    }
    // All three limits come from one record, or none: a window from here and an output limit
    // from elsewhere would cite one source for two.
    if let (Some(context), Some(output), false) = (r.context, r.output, pinned("limits")) {
        let input = r.input.filter(|i| *i < context);
        new.limits = Limits {
            context_window: Some(context as i64),
            max_output: Some(output as i64),
            max_input: input.map(|i| i as i64),
            source: src.clone(),
        };
    }
    if let Some(w) = r.open_weights {
        new.open_weights = (Some(w), src.clone());
    }
    if let Some(k) = &r.knowledge {
        new.knowledge = (Some(k.clone()), src.clone());
    }
    // A dated shutdown (LiteLLM, a provider's page) says more than models.dev's undated label.
    if !pinned("status") && m.deprecation_date.is_none() {
        let status = if r.status.as_deref() == Some("deprecated") { "deprecated" } else { "active" };
        // An undated "retired" from elsewhere is not undone by a record that still lists the model.
        if m.status != "retired" {
            new.status = (status.to_owned(), src);
        }
    }
    (old, new)
}

fn describe(out: &mut Vec<String>, old: &Update, new: &Update) {
    let mut line = |field: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{}: {field} {a} → {b}", old.slug));
        }
    };
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_owned());
    let count = |v: Option<i64>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
    line("name", old.name.clone(), new.name.clone());
    line("release_date", opt(&old.release.0), opt(&new.release.0));
    let (was, now) = (&old.limits, &new.limits);
    line("context_window", count(was.context_window), count(now.context_window));
    line("max_output", count(was.max_output), count(now.max_output));
    line("max_input", count(was.max_input), count(now.max_input));
    line("limits_source", opt(&was.source), opt(&now.source));
    line(
        "open_weights",
        old.open_weights.0.map_or("none".into(), |b| b.to_string()),
        new.open_weights.0.map_or("none".into(), |b| b.to_string()),
    );
    line("knowledge_cutoff", opt(&old.knowledge.0), opt(&new.knowledge.0));
    line("status", old.status.0.clone(), new.status.0.clone());
    if old.release.0 == new.release.0 {
        line("release_date_source", opt(&old.release.1), opt(&new.release.1));
    }
    if old.status.0 == new.status.0 {
        line("status_source", opt(&old.status.1), opt(&new.status.1));
    }
}
