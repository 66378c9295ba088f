//! Every model placed by the cost of one workload and by the headline index: ranks, the
//! frontier, neighbours. Built once per dataset for the typical request, and per page for a
//! reader's own workload.

use super::cost::{Workload, workload_cost};
use super::index::{HeadlineIndex, frontier, limits_of};
use super::model::{Dataset, Model, ModelStatus};
use super::money::Usd;
use super::slug::ModelId;

/// One model placed by workload cost and headline index.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketPoint {
    /// The model.
    pub id: ModelId,
    /// Its name.
    pub name: String,
    /// Cost of one request of the workload.
    pub cost: Usd,
    /// Headline index value.
    pub index: f64,
    /// No other model is at most as expensive and at least as high, and better on one.
    /// Retired models are never on it and never count against others: a reader cannot buy them.
    pub on_frontier: bool,
    /// Its shutdown date has passed.
    pub retired: bool,
}

/// The market for one workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Market {
    /// The workload every cost is for.
    pub workload: Workload,
    /// Models with both a cost and an index value, with frontier flags.
    pub points: Vec<MarketPoint>,
    /// Every model that can serve the workload, cheapest first.
    pub costs: Vec<(ModelId, Usd)>,
}

/// What a model's request of this workload costs at current list prices.
pub fn cost_for(model: &Model, workload: &Workload) -> Option<Usd> {
    let price = model.current_price()?;
    workload_cost(price, &limits_of(model), workload).ok().map(|c| c.total)
}

impl Market {
    /// Prices every model for `workload` and places those with an index value.
    pub fn build(dataset: &Dataset, index: Option<&HeadlineIndex>, workload: Workload) -> Market {
        let mut costs: Vec<(ModelId, Usd)> =
            dataset.models.iter().filter_map(|m| Some((m.id.clone(), cost_for(m, &workload)?))).collect();
        costs.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        let mut points: Vec<MarketPoint> = match index {
            Some(index) => dataset
                .models
                .iter()
                .filter_map(|m| {
                    let cost = costs.iter().find(|(id, _)| id == &m.id)?.1;
                    Some(MarketPoint {
                        id: m.id.clone(),
                        name: m.name.clone(),
                        cost,
                        index: index.value_of(m)?,
                        on_frontier: false,
                        retired: m.status == ModelStatus::Retired,
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        let buyable: Vec<usize> = (0..points.len()).filter(|&i| !points[i].retired).collect();
        let flags = frontier(&buyable.iter().map(|&i| (points[i].cost, points[i].index)).collect::<Vec<_>>());
        for (&i, on_frontier) in buyable.iter().zip(flags) {
            points[i].on_frontier = on_frontier;
        }
        Market { workload, points, costs }
    }

    /// The model's cost for this workload.
    pub fn cost_of(&self, id: &ModelId) -> Option<Usd> {
        self.costs.iter().find(|(m, _)| m == id).map(|(_, c)| *c)
    }

    /// The model's place, if it has both figures.
    pub fn point(&self, id: &ModelId) -> Option<&MarketPoint> {
        self.points.iter().find(|p| &p.id == id)
    }

    /// Where the model's cost ranks: (models cheaper than it, models priced).
    pub fn cost_rank(&self, id: &ModelId) -> Option<(usize, usize)> {
        let cost = self.cost_of(id)?;
        let cheaper = self.costs.iter().filter(|(_, c)| *c < cost).count();
        Some((cheaper, self.costs.len()))
    }

    /// Where the model ranks on the headline index: (models scoring higher, models scored).
    pub fn index_rank(&self, id: &ModelId) -> Option<(usize, usize)> {
        let point = self.point(id)?;
        let higher = self.points.iter().filter(|p| p.index > point.index).count();
        Some((higher, self.points.len()))
    }

    /// Lowest and highest headline index values placed.
    pub fn index_range(&self) -> Option<(f64, f64)> {
        let mut values = self.points.iter().map(|p| p.index);
        let first = values.next()?;
        Some(values.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }

    /// The cheapest model that is no more expensive and no lower than every one of `models`
    /// and strictly better than each on at least one axis.
    pub fn dominator_of(&self, models: &[&ModelId]) -> Option<&MarketPoint> {
        let targets: Vec<&MarketPoint> = models.iter().filter_map(|id| self.point(id)).collect();
        if targets.len() != models.len() {
            return None;
        }
        self.points
            .iter()
            .filter(|q| {
                !q.retired
                    && targets.iter().all(|p| {
                        q.id != p.id && q.cost <= p.cost && q.index >= p.index && (q.cost < p.cost || q.index > p.index)
                    })
            })
            .min_by(|x, y| x.cost.cmp(&y.cost).then(x.id.cmp(&y.id)))
    }

    /// Up to `n` other models closest to `id` in cost (by ratio, so a $0.001 model's
    /// neighbours are near $0.001, not near $0).
    pub fn neighbours(&self, id: &ModelId, n: usize) -> Vec<&ModelId> {
        let Some(cost) = self.cost_of(id) else {
            return Vec::new();
        };
        let log = |c: Usd| (c.picos().max(1) as f64).ln();
        let mut others: Vec<(f64, &ModelId)> =
            self.costs.iter().filter(|(m, _)| m != id).map(|(m, c)| ((log(*c) - log(cost)).abs(), m)).collect();
        others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
        others.into_iter().take(n).map(|(_, m)| m).collect()
    }
}
