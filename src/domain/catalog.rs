//! The dataset plus everything derived from it once per load: the headline index and the
//! market for the typical request. Pages read it; nothing in it changes per request.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::cost::Workload;
use super::index::HeadlineIndex;
use super::market::Market;
use super::model::{Dataset, Date, Model, ModelStatus};
use super::slug::{ModelId, compare_path, edit_distance};
use super::status::status_on;

/// The dataset with its derived figures.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The raw figures.
    pub dataset: Dataset,
    /// The headline index, if any index scores exist.
    pub index: Option<HeadlineIndex>,
    /// Every model priced for the typical request and placed on the index.
    pub market: Market,
    /// The day the models' statuses hold for; `None`: the labels as stored.
    pub statuses_on: Option<Date>,
    /// Per model (by position in `dataset.models`), the models still offered, closest in
    /// typical-request cost first: every comparison page lists some, so they are ranked once.
    neighbour_order: Vec<Vec<usize>>,
}

impl Catalog {
    /// Derives everything from a dataset, with statuses as stored.
    pub fn new(dataset: Dataset) -> Self {
        let index = HeadlineIndex::choose(&dataset);
        let market = Market::build(&dataset, index.as_ref(), Workload::TYPICAL);
        let neighbour_order = dataset
            .models
            .iter()
            .map(|m| {
                let ranked = market.neighbours(&m.id, usize::MAX).into_iter().filter_map(|id| dataset.position(id));
                ranked.filter(|&i| dataset.models[i].status != ModelStatus::Retired).collect()
            })
            .collect();
        Self { dataset, index, market, statuses_on: None, neighbour_order }
    }

    /// Derives everything with every status as it is on `today`: a model whose shutdown date
    /// has passed is retired (off the frontier, out of related comparisons and default lists).
    pub fn on(mut dataset: Dataset, today: &Date) -> Self {
        for m in &mut dataset.models {
            m.status = status_on(m.stored_status, m.deprecation_date.as_ref(), today);
        }
        Self { statuses_on: Some(today.clone()), ..Self::new(dataset) }
    }

    /// The same dataset with statuses as they are on `today` (itself when already so).
    pub fn as_of(&self, today: &Date) -> Option<Self> {
        (self.statuses_on.as_ref() != Some(today)).then(|| Self::on(self.dataset.clone(), today))
    }

    /// The models still offered and the retired ones, each in display order: the home page
    /// lists them apart, and the picker's default list holds only the first.
    pub fn current_and_retired(&self) -> (Vec<&Model>, Vec<&Model>) {
        self.dataset.models.iter().partition(|m| m.status != ModelStatus::Retired)
    }

    /// The market for a workload: the precomputed one when only the monthly volume differs
    /// from the typical request, a fresh one otherwise.
    pub fn market_for(&self, workload: &Workload) -> Cow<'_, Market> {
        if workload.is_typical_request() {
            Cow::Borrowed(&self.market)
        } else {
            Cow::Owned(Market::build(&self.dataset, self.index.as_ref(), *workload))
        }
    }

    /// A model by id.
    pub fn model(&self, id: &ModelId) -> Option<&Model> {
        self.dataset.model(id)
    }

    /// The headline index value of a model.
    pub fn index_value(&self, model: &Model) -> Option<f64> {
        self.index.as_ref()?.value_of(model)
    }

    /// The two models in canonical order: older release first, undated last, then by id.
    pub fn canonical_order<'a>(&self, a: &'a Model, b: &'a Model) -> (&'a Model, &'a Model) {
        match a.canonical_key().cmp(&b.canonical_key()) {
            Ordering::Greater => (b, a),
            _ => (a, b),
        }
    }

    /// The canonical comparison path for two models.
    pub fn canonical_path(&self, a: &Model, b: &Model) -> String {
        let (first, second) = self.canonical_order(a, b);
        compare_path(&first.id, &second.id)
    }

    /// Up to `n` models whose ids are closest to `wanted`, for a "did you mean" list.
    pub fn closest(&self, wanted: &str, n: usize) -> Vec<&Model> {
        let wanted = wanted.to_ascii_lowercase();
        let mut ranked: Vec<(usize, &Model)> = self
            .dataset
            .models
            .iter()
            .map(|m| {
                let id = m.id.as_str();
                // A prefix or substring match is a strong hint even when the edit distance is long.
                let bonus = if !wanted.is_empty() && (id.contains(&wanted) || wanted.contains(id)) { 0 } else { 1 };
                (bonus * 100 + edit_distance(&wanted, id), m)
            })
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        ranked.into_iter().take(n).map(|(_, m)| m).collect()
    }

    /// Other models to compare `id` with: the closest in typical-request cost among those
    /// still offered (a retired model is never suggested as an alternative).
    pub fn neighbours(&self, id: &ModelId, n: usize) -> Vec<&Model> {
        let Some(order) = self.dataset.position(id).map(|i| &self.neighbour_order[i]) else {
            return Vec::new();
        };
        order.iter().take(n).map(|&i| &self.dataset.models[i]).collect()
    }

    /// The largest context window in the dataset: the ceiling for a reader's input size.
    pub fn largest_context_window(&self) -> Option<u64> {
        self.dataset.models.iter().filter_map(|m| m.context_window.as_ref().map(|c| c.value)).max()
    }

    /// The largest output limit in the dataset: the ceiling for a reader's output size.
    pub fn largest_max_output(&self) -> Option<u64> {
        self.dataset.models.iter().filter_map(|m| m.max_output.as_ref().map(|c| c.value)).max()
    }
}
