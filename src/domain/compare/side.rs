//! The two sides of a comparison and which one leads: the facts every table and sentence
//! reads, so the words never decide who is cheaper or higher on their own.

use crate::domain::cost::{NoPrice, WorkloadCost};
use crate::domain::freshness::Freshness;
use crate::domain::model::{Model, PriceSchedule};
use crate::domain::money::Usd;
use crate::domain::slug::ModelId;

/// The two models' main figures, in canonical order.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its provider's name.
    pub provider: String,
    /// Current prices.
    pub price: Option<&'a PriceSchedule>,
    /// Cost of one request of the page's workload (the typical request by default).
    pub cost: Option<Usd>,
    /// The workload's pricing on this model, or why it cannot run.
    pub workload_cost: Option<Result<WorkloadCost, NoPrice>>,
    /// Headline index value.
    pub index: Option<f64>,
    /// On the price/index frontier; `None` if not placed.
    pub on_frontier: Option<bool>,
    /// When the current prices were last confirmed.
    pub prices_checked: Option<Freshness>,
}

impl Side<'_> {
    /// The model's display name.
    pub fn name(&self) -> &str {
        &self.model.name
    }

    /// The model's id.
    pub fn id(&self) -> &ModelId {
        &self.model.id
    }
}

/// Which side something favours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// The first model.
    A,
    /// The second model.
    B,
    /// Neither.
    Tie,
}

/// Who is cheaper for the priced request, if both are priced.
pub(super) fn cheaper(a: &Side, b: &Side) -> Option<Lead> {
    let (x, y) = (a.cost?, b.cost?);
    Some(match x.cmp(&y) {
        std::cmp::Ordering::Less => Lead::A,
        std::cmp::Ordering::Greater => Lead::B,
        std::cmp::Ordering::Equal => Lead::Tie,
    })
}

/// Who scores higher on the index, if both are scored.
pub(super) fn higher(a: &Side, b: &Side) -> Option<Lead> {
    let (x, y) = (a.index?, b.index?);
    Some(if x > y {
        Lead::A
    } else if y > x {
        Lead::B
    } else {
        Lead::Tie
    })
}

/// The side that alone can serve the request, when the other exceeds its limits.
pub(super) fn sole_server(a: &Side, b: &Side) -> Option<Lead> {
    let exceeds = |s: &Side| matches!(s.workload_cost, Some(Err(NoPrice::ExceedsLimits)));
    match (a.cost.is_some(), b.cost.is_some()) {
        (true, false) if exceeds(b) => Some(Lead::A),
        (false, true) if exceeds(a) => Some(Lead::B),
        _ => None,
    }
}

/// The names of the sides without a headline index score.
pub(super) fn missing_index<'a>(a: &'a Side, b: &'a Side) -> Vec<&'a str> {
    [a, b].iter().filter(|s| s.index.is_none()).map(|s| s.name()).collect()
}
