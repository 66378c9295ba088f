//! The intelligence-vs-price chart's data: every model with a request cost and a headline index
//! score, and the compared models that have a cost but no score (drawn on a rail below the
//! plot). The web layer draws it; nothing here knows about pixels.

use super::side::Side;
use super::summary::NO_INDEX;
use crate::domain::catalog::Catalog;
use crate::domain::format;
use crate::domain::market::Market;
use crate::domain::model::Scale;

/// One point of the intelligence-vs-price chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    /// Model name.
    pub name: String,
    /// Request cost in dollars (log axis).
    pub cost: f64,
    /// The cost as the page writes it, `$0.0036`.
    pub cost_text: String,
    /// Headline index value.
    pub index: f64,
    /// The index value as the page writes it.
    pub index_text: String,
    /// 0 for other models, 1 for the first compared model, 2 for the second.
    pub highlight: u8,
    /// On the price/index frontier.
    pub on_frontier: bool,
}

/// A compared model with a request cost but no headline index score: it sits on a labelled
/// rail under the plot, at its price, so the reader still sees where it stands on cost.
#[derive(Debug, Clone, PartialEq)]
pub struct UnscoredPoint {
    /// Model name.
    pub name: String,
    /// Request cost in dollars (log axis).
    pub cost: f64,
    /// The cost as the page writes it.
    pub cost_text: String,
    /// 1 for the first compared model, 2 for the second.
    pub highlight: u8,
}

/// The chart's data, drawn by the web layer.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Every model with both figures.
    pub points: Vec<ChartPoint>,
    /// Compared models with a cost but no index score.
    pub unscored: Vec<UnscoredPoint>,
    /// Axis title for x.
    pub x_label: String,
    /// Short name of the x figure, for the list of charted models ("Typical request").
    pub x_short: String,
    /// Axis title for y.
    pub y_label: String,
    /// Title for screen readers.
    pub title: String,
    /// Description for screen readers.
    pub description: String,
}

/// One charted model as the list under the chart shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedPoint<'a> {
    /// Model name.
    pub name: &'a str,
    /// Request cost as written.
    pub cost_text: &'a str,
    /// Index value, `None` for a model on the rail.
    pub index: Option<f64>,
    /// Index as written, or "no index score yet".
    pub index_text: &'a str,
    /// 0 for other models, 1 and 2 for the compared ones.
    pub highlight: u8,
    /// On the price/index frontier.
    pub on_frontier: bool,
}

impl ChartData {
    /// Every charted model, plotted or on the rail, cheapest first.
    pub fn listed(&self) -> Vec<ListedPoint<'_>> {
        let mut list: Vec<(f64, ListedPoint)> = self
            .points
            .iter()
            .map(|p| {
                let listed = ListedPoint {
                    name: &p.name,
                    cost_text: &p.cost_text,
                    index: Some(p.index),
                    index_text: &p.index_text,
                    highlight: p.highlight,
                    on_frontier: p.on_frontier,
                };
                (p.cost, listed)
            })
            .chain(self.unscored.iter().map(|p| {
                let listed = ListedPoint {
                    name: &p.name,
                    cost_text: &p.cost_text,
                    index: None,
                    index_text: NO_INDEX,
                    highlight: p.highlight,
                    on_frontier: false,
                };
                (p.cost, listed)
            }))
            .collect();
        list.sort_by(|x, y| x.0.total_cmp(&y.0).then_with(|| x.1.name.cmp(y.1.name)));
        list.into_iter().map(|(_, p)| p).collect()
    }

    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty() && self.unscored.is_empty()
    }
}

/// The chart for the pair `a`, `b` on `market`'s workload.
pub(crate) fn chart_data(catalog: &Catalog, market: &Market, a: &Side, b: &Side) -> ChartData {
    let index_name = catalog.index.as_ref().map_or("Index".to_owned(), |i| i.name.clone());
    let highlight = |id| {
        if id == a.id() {
            1
        } else if id == b.id() {
            2
        } else {
            0
        }
    };
    let points: Vec<ChartPoint> = market
        .points
        .iter()
        .map(|p| ChartPoint {
            name: p.name.clone(),
            cost: p.cost.as_f64(),
            cost_text: p.cost.to_string(),
            index: p.index,
            index_text: format::score(p.index, Scale::Index),
            on_frontier: p.on_frontier,
            highlight: highlight(&p.id),
        })
        .collect();
    let unscored: Vec<UnscoredPoint> = [a, b]
        .into_iter()
        .filter(|s| s.index.is_none())
        .filter_map(|s| {
            s.cost.map(|c| UnscoredPoint {
                name: s.name().to_owned(),
                cost: c.as_f64(),
                cost_text: c.to_string(),
                highlight: highlight(s.id()),
            })
        })
        .collect();
    let placed = |s: &Side| match (s.cost, s.index) {
        (Some(c), Some(i)) => format!("{} at {} and {}", s.name(), c, format::score(i, Scale::Index)),
        (None, _) => format!("{} is not plotted (it cannot serve this request)", s.name()),
        (Some(c), None) => {
            format!("{} has no {} score yet and sits on the rail below the plot at {}", s.name(), index_name, c)
        }
    };
    let w = &market.workload;
    let request = w.short_label();
    let noun = if w.is_typical_request() { "a typical request" } else { "your request" };
    ChartData {
        x_label: format!("Cost of {noun} ({request}), log scale"),
        x_short: if w.is_typical_request() { "Typical request" } else { "Your request" }.to_owned(),
        y_label: index_name.clone(),
        title: format!("{index_name} against the cost of {noun}"),
        description: format!("Scatter chart of {} models. {}. {}.", points.len(), placed(a), placed(b)),
        points,
        unscored,
    }
}
