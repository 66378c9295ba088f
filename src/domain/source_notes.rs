//! Where two sources disagree on a figure we show, the page names the other source's value
//! instead of hiding it. Limits: models.dev's where its record gives them (the methodology's
//! rule), LiteLLM's only where models.dev gives none; LiteLLM's own values are kept beside.

use super::format;
use super::model::{Dataset, Model};

/// One sentence per limit on which LiteLLM's mapped entry disagrees with the limits shown.
pub fn limit_notes(model: &Model, dataset: &Dataset) -> Vec<String> {
    let Some(other) = &model.litellm_limits else { return Vec::new() };
    let source = dataset.source(&other.source).map_or(other.source.as_str(), |s| s.title.as_str());
    // What a request may send, as we hold it: the input cap, else the context window.
    let (ours_label, ours_input) = match (&model.max_input, &model.context_window) {
        (Some(cap), _) => ("input cap", Some(cap)),
        (None, window) => ("context window", window.as_ref()),
    };
    let limits = [
        ("max_input_tokens", ours_label, other.max_input, ours_input),
        ("max_output_tokens", "max output", other.max_output, model.max_output.as_ref()),
    ];
    limits
        .into_iter()
        .filter_map(|(field, label, theirs, ours)| {
            let (theirs, ours) = (theirs?, ours?);
            (theirs != ours.value && ours.source != other.source).then(|| {
                format!(
                    "{source} gives {field} {}; the {label} shown ({}) is from {}.",
                    format::count(theirs),
                    format::count(ours.value),
                    dataset.source(&ours.source).map_or(ours.source.as_str(), |s| s.title.as_str())
                )
            })
        })
        .collect()
}
