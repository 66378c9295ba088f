//! One module per page area.

pub mod api;
pub mod assets;
pub mod compare;
pub mod home;
pub mod images;
pub mod model;
pub mod pages;
pub mod sitemap;

use crate::domain::format;
use crate::domain::model::{ModelStatus, Scale};
use crate::domain::{Catalog, Model};

use super::paths;
use super::templates::{ModelRow, PickerOption};

/// A model's row in the model tables (home page and `/models`): the same figures in both.
pub fn model_row(catalog: &Catalog, m: &Model) -> ModelRow {
    let price = m.current_price();
    ModelRow {
        href: paths::model(&m.id),
        name: m.name.clone(),
        provider: catalog.dataset.provider_name(&m.provider).to_owned(),
        input: price.and_then(|p| p.rates.list_prices()).map_or("n/a".into(), |(i, _)| i.to_string()),
        output: price.and_then(|p| p.rates.list_prices()).map_or("n/a".into(), |(_, o)| o.to_string()),
        typical: catalog.market.cost_of(&m.id).map_or("n/a".into(), |c| c.to_string()),
        context: m.context_window.as_ref().map_or("n/a".into(), |c| format::count(c.value)),
        index: catalog.index_value(m).map_or("n/a".into(), |v| format::score(v, Scale::Index)),
        index_missing: catalog.index_value(m).is_none(),
        status: m.status,
    }
}

/// The picker's type-to-filter list: the models still offered, grouped by provider. A retired
/// model is left out of the list (the home page lists those apart) but its name or id still
/// works when typed.
pub fn picker_options(catalog: &Catalog) -> Vec<PickerOption> {
    let mut options: Vec<(String, PickerOption)> = catalog
        .dataset
        .models
        .iter()
        .filter(|m| m.status != ModelStatus::Retired)
        .map(|m| {
            let provider = catalog.dataset.provider_name(&m.provider);
            (provider.to_lowercase(), PickerOption { name: m.name.clone(), label: provider.to_owned() })
        })
        .collect();
    options.sort_by(|x, y| (&x.0, x.1.name.to_lowercase()).cmp(&(&y.0, y.1.name.to_lowercase())));
    options.into_iter().map(|(_, o)| o).collect()
}
