//! One module per page area.

pub mod assets;
pub mod compare;
pub mod home;
pub mod images;
pub mod model;
pub mod pages;
pub mod sitemap;

use crate::domain::{Catalog, Model};

use super::templates::{Link, PickerOption};

/// The path of a model's page.
pub fn model_href(model: &Model) -> String {
    format!("/models/{}", model.id)
}

/// Picker options for every model, with the given ids preselected.
pub fn picker_options(catalog: &Catalog, a: Option<&str>, b: Option<&str>) -> Vec<PickerOption> {
    // The default list holds the models still offered; a retired one only when it is chosen.
    let chosen = |m: &crate::domain::Model| a == Some(m.id.as_str()) || b == Some(m.id.as_str());
    let mut options: Vec<PickerOption> = catalog
        .dataset
        .models
        .iter()
        .filter(|m| m.status != crate::domain::model::ModelStatus::Retired || chosen(m))
        .map(|m| PickerOption {
            id: m.id.to_string(),
            label: format!("{} ({})", m.name, catalog.dataset.provider_name(&m.provider)),
            selected_a: a == Some(m.id.as_str()),
            selected_b: b == Some(m.id.as_str()),
        })
        .collect();
    options.sort_by_key(|o| o.label.to_lowercase());
    options
}

/// Links to the models whose ids are closest to `wanted`.
pub fn suggestions(catalog: &Catalog, wanted: &str) -> Vec<Link> {
    catalog.closest(wanted, 5).into_iter().map(|m| Link { href: model_href(m), text: m.name.clone() }).collect()
}
