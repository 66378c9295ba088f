//! One module per page area.

pub mod assets;
pub mod compare;
pub mod home;
pub mod images;
pub mod model;
pub mod pages;
pub mod sitemap;

use crate::domain::model::ModelStatus;
use crate::domain::{Catalog, Model};

use super::templates::{Link, PickerOption};

/// The path of a model's page.
pub fn model_href(model: &Model) -> String {
    format!("/models/{}", model.id)
}

/// The picker's type-to-filter list: every model, labelled with its provider.
pub fn picker_options(catalog: &Catalog) -> Vec<PickerOption> {
    let mut options: Vec<(bool, String, PickerOption)> = catalog
        .dataset
        .models
        .iter()
        .map(|m| {
            let provider = catalog.dataset.provider_name(&m.provider);
            let retired = m.status == ModelStatus::Retired;
            let label = if retired { format!("{provider}, retired") } else { provider.to_owned() };
            (retired, provider.to_lowercase(), PickerOption { name: m.name.clone(), label })
        })
        .collect();
    // Current models grouped by provider, then the retired ones apart at the end.
    options.sort_by(|x, y| (x.0, &x.1, x.2.name.to_lowercase()).cmp(&(y.0, &y.1, y.2.name.to_lowercase())));
    options.into_iter().map(|(_, _, o)| o).collect()
}

/// Links to the models whose ids are closest to `wanted`.
pub fn suggestions(catalog: &Catalog, wanted: &str) -> Vec<Link> {
    catalog.closest(wanted, 5).into_iter().map(|m| Link { href: model_href(m), text: m.name.clone() }).collect()
}
