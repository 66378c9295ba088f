//! What `import catalog` changes, worked out without I/O: the catalog file against the
//! database's state, section by section (sources, providers, benchmarks, then each model's
//! fields, LiteLLM keys, pinned fields and quoted speed). The result is the report and the
//! ordered list of writes [`apply`](super::apply) makes.

use std::collections::HashMap;
use std::fmt;

use super::super::{ImportError, rejected};
use super::read::{Current, StoredModel};
use super::report::CatalogReport;
use super::toml_file::{CatalogFile, CatalogModel};

/// One SQL write the plan makes, in order.
pub(super) enum Write {
    Source(usize, bool),
    Provider(usize, bool),
    Benchmark(usize, bool),
    Model(usize, bool),
    Keys(usize),
    Pins(usize, Vec<&'static str>),
    Speed(usize),
}

fn differs<T: PartialEq + fmt::Debug>(out: &mut Vec<String>, what: &str, field: &str, old: &T, new: &T) -> bool {
    if old == new {
        return false;
    }
    out.push(format!("{what}: {field} {old:?} → {new:?}"));
    true
}

pub(super) fn api_host(file: &CatalogFile, m: &CatalogModel) -> String {
    m.api_host.clone().or_else(|| file.provider_of(m).map(|p| p.api_host.clone())).unwrap_or_default()
}

fn pins_of(m: &CatalogModel) -> Vec<&'static str> {
    let mut pins = Vec::new();
    if m.name.is_some() {
        pins.push("name");
    }
    if m.release.is_some() || m.release_unknown.is_some() {
        pins.push("release_date");
    }
    if m.status.is_some() {
        pins.push("status");
    }
    if m.limits_from_litellm {
        pins.push("limits");
    }
    pins
}

/// The report and the writes that bring the database's state `current` in line with `file`.
/// A LiteLLM key that would move from a model the catalog no longer lists is refused.
pub(super) fn plan(
    current: &Current,
    file: &CatalogFile,
    file_name: &str,
) -> Result<(CatalogReport, Vec<Write>), ImportError> {
    let mut report = CatalogReport { file: file_name.to_owned(), models: file.model.len(), ..Default::default() };
    let mut writes = Vec::new();
    let out = &mut report.changes;
    let Current { sources, providers, benchmarks, models: stored, keys, pins, speeds } = current;

    for (i, s) in file.source.iter().enumerate() {
        let new = (s.title.clone(), s.url.clone(), s.license.clone(), s.as_of.clone());
        match sources.get(&s.id) {
            None => {
                out.push(format!("source {} added ({}, {})", s.id, s.title, s.as_of));
                writes.push(Write::Source(i, true));
            }
            Some(old) if *old != new => {
                out.push(format!("source {}: {:?} → {:?}", s.id, old, new));
                writes.push(Write::Source(i, false));
            }
            Some(_) => {}
        }
    }

    for (i, p) in file.provider.iter().enumerate() {
        match providers.get(&p.slug) {
            None => {
                out.push(format!("provider {} added ({})", p.slug, p.name));
                writes.push(Write::Provider(i, true));
            }
            Some(old) if differs(out, &format!("provider {}", p.slug), "name", old, &p.name) => {
                writes.push(Write::Provider(i, false));
            }
            Some(_) => {}
        }
    }

    for (i, b) in file.benchmark.iter().enumerate() {
        let new = (b.name.clone(), b.measures.clone(), b.scale.clone(), b.higher_is_better);
        match benchmarks.get(&b.slug) {
            None => {
                out.push(format!("benchmark {} added ({})", b.slug, b.name));
                writes.push(Write::Benchmark(i, true));
            }
            Some(old) if *old != new => {
                out.push(format!("benchmark {}: {:?} → {:?}", b.slug, old, new));
                writes.push(Write::Benchmark(i, false));
            }
            Some(_) => {}
        }
    }

    let by_slug: HashMap<&str, &StoredModel> = stored.iter().map(|m| (m.slug.as_str(), m)).collect();
    let key_owner: HashMap<&str, &str> =
        keys.iter().flat_map(|(m, ks)| ks.iter().map(move |k| (k.as_str(), m.as_str()))).collect();
    for (i, m) in file.model.iter().enumerate() {
        let what = format!("model {}", m.id);
        let host = api_host(file, m);
        let (release, release_source) = match &m.release {
            Some(r) => (Some(r.date.clone()), Some(r.source.clone())),
            None => (None, None),
        };
        match by_slug.get(m.id.as_str()) {
            None => {
                let name = m.name.clone().unwrap_or_else(|| m.id.clone());
                out.push(format!("{what} added: {name} ({}), keys {}", m.provider, m.litellm.join(", ")));
                writes.push(Write::Model(i, true));
            }
            Some(old) => {
                let mut changed = false;
                if let Some(name) = &m.name {
                    changed |= differs(out, &what, "name", &old.name, name);
                }
                changed |= differs(out, &what, "provider", &old.provider, &m.provider);
                changed |= differs(out, &what, "api_host", &old.api_host, &host);
                changed |= differs(out, &what, "modelsdev", &old.modelsdev_id, &m.modelsdev);
                changed |= differs(out, &what, "epoch", &old.epoch_version, &m.epoch);
                if m.release.is_some() || m.release_unknown.is_some() {
                    changed |= differs(out, &what, "release_date", &old.release_date, &release);
                    changed |= differs(out, &what, "release_date_source", &old.release_date_source, &release_source);
                }
                if let Some(s) = &m.status {
                    changed |= differs(out, &what, "status", &old.status, &s.status);
                    changed |= differs(out, &what, "deprecation_date", &old.deprecation_date, &s.date);
                    changed |= differs(out, &what, "status_source", &old.status_source, &Some(s.source.clone()));
                }
                if changed {
                    writes.push(Write::Model(i, false));
                }
            }
        }
        let mut wanted = m.litellm.clone();
        wanted.sort();
        let had = keys.get(&m.id).cloned().unwrap_or_default();
        if wanted != had {
            for key in &wanted {
                // A key may move from a model the catalog still lists (its keys are rewritten
                // in the same import), not from one it no longer lists.
                if let Some(owner) = key_owner.get(key.as_str())
                    && *owner != m.id
                    && !file.model.iter().any(|o| o.id == *owner)
                {
                    return Err(rejected(
                        file_name,
                        format!("model[{}]", m.id),
                        "litellm",
                        format!(
                            "key `{key}` belongs to {owner}, which the catalog no longer lists: list {owner} with its other keys"
                        ),
                    ));
                }
            }
            out.push(format!("{what}: LiteLLM keys [{}] → [{}]", had.join(", "), wanted.join(", ")));
            writes.push(Write::Keys(i));
        }
        let want_pins = pins_of(m);
        let had_pins = pins.get(&m.id).cloned().unwrap_or_default();
        let mut sorted_pins: Vec<&str> = want_pins.clone();
        sorted_pins.sort();
        if sorted_pins != had_pins.iter().map(String::as_str).collect::<Vec<_>>() {
            out.push(format!("{what}: set by hand [{}] → [{}]", had_pins.join(", "), sorted_pins.join(", ")));
            writes.push(Write::Pins(i, want_pins));
        }
        if let Some(s) = &m.speed {
            let new = (s.output_tokens_per_s, s.ttft_s, s.as_of.clone());
            if speeds.get(&(m.id.clone(), s.source.clone())) != Some(&new) {
                out.push(format!(
                    "{what}: speed from {} {:?} → {:?}",
                    s.source,
                    speeds.get(&(m.id.clone(), s.source.clone())),
                    new
                ));
                writes.push(Write::Speed(i));
            }
        }
    }
    report.unlisted =
        stored.iter().filter(|s| !file.model.iter().any(|m| m.id == s.slug)).map(|s| s.slug.clone()).collect();
    Ok((report, writes))
}
