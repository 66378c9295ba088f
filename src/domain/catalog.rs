//! The dataset plus everything derived from it once per load: the headline index, the
//! market (typical cost and index of every model) and the frontier. Pages read it; nothing in
//! it changes per request.

use std::cmp::Ordering;

use super::index::{HeadlineIndex, MarketPoint, market, typical_cost};
use super::model::{Dataset, Model};
use super::money::Usd;
use super::slug::{ModelId, compare_path, edit_distance};

/// The dataset with its derived figures.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The raw figures.
    pub dataset: Dataset,
    /// The headline index, if any index scores exist.
    pub index: Option<HeadlineIndex>,
    /// Models placed by typical cost and index.
    pub market: Vec<MarketPoint>,
    /// Typical-request cost of each priced model, cheapest first.
    pub typical_costs: Vec<(ModelId, Usd)>,
}

impl Catalog {
    /// Derives everything from a dataset.
    pub fn new(dataset: Dataset) -> Self {
        let index = HeadlineIndex::choose(&dataset);
        let market = index.as_ref().map(|i| market(&dataset, i)).unwrap_or_default();
        let mut typical_costs: Vec<(ModelId, Usd)> =
            dataset.models.iter().filter_map(|m| Some((m.id.clone(), typical_cost(m)?))).collect();
        typical_costs.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        Self { dataset, index, market, typical_costs }
    }

    /// A model by id.
    pub fn model(&self, id: &ModelId) -> Option<&Model> {
        self.dataset.model(id)
    }

    /// The model's place in the market, if it has both figures.
    pub fn market_point(&self, id: &ModelId) -> Option<&MarketPoint> {
        self.market.iter().find(|p| &p.id == id)
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

    /// Where the model's typical cost ranks: (models cheaper than it, models priced).
    pub fn cost_rank(&self, id: &ModelId) -> Option<(usize, usize)> {
        let cost = self.typical_costs.iter().find(|(m, _)| m == id)?.1;
        let cheaper = self.typical_costs.iter().filter(|(_, c)| *c < cost).count();
        Some((cheaper, self.typical_costs.len()))
    }

    /// Where the model ranks on the headline index: (models scoring higher, models scored).
    pub fn index_rank(&self, id: &ModelId) -> Option<(usize, usize)> {
        let point = self.market_point(id)?;
        let higher = self.market.iter().filter(|p| p.index > point.index).count();
        Some((higher, self.market.len()))
    }

    /// Lowest and highest headline index values in the market.
    pub fn index_range(&self) -> Option<(f64, f64)> {
        let mut values = self.market.iter().map(|p| p.index);
        let first = values.next()?;
        Some(values.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }

    /// A model in the market that is no more expensive and no lower than every one of
    /// `models` and strictly better than each on at least one axis, preferring the cheapest.
    pub fn dominator_of(&self, models: &[&ModelId]) -> Option<&MarketPoint> {
        let targets: Vec<&MarketPoint> = models.iter().filter_map(|id| self.market_point(id)).collect();
        if targets.len() != models.len() {
            return None;
        }
        self.market
            .iter()
            .filter(|q| {
                targets.iter().all(|p| {
                    q.id != p.id && q.cost <= p.cost && q.index >= p.index && (q.cost < p.cost || q.index > p.index)
                })
            })
            .min_by(|x, y| x.cost.cmp(&y.cost).then(x.id.cmp(&y.id)))
    }

    /// Other models to compare `id` with: the ones closest to it in typical cost.
    pub fn neighbours(&self, id: &ModelId, n: usize) -> Vec<&Model> {
        let Some(&(_, cost)) = self.typical_costs.iter().find(|(m, _)| m == id) else {
            return Vec::new();
        };
        let mut others: Vec<(i128, &ModelId)> = self
            .typical_costs
            .iter()
            .filter(|(m, _)| m != id)
            .map(|(m, c)| ((c.picos() - cost.picos()).abs(), m))
            .collect();
        others.sort();
        others.into_iter().take(n).filter_map(|(_, m)| self.model(m)).collect()
    }
}
