//! The headline "intelligence" index and the price/index frontier.

use std::collections::HashMap;

use super::cost::Limits;
use super::ids::{BenchmarkSlug, SourceId};
use super::model::{Dataset, Model, Scale};
use super::money::Usd;

/// The one index on the chart's y axis: a single benchmark from a single source.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineIndex {
    /// Benchmark slug.
    pub benchmark: BenchmarkSlug,
    /// Benchmark display name.
    pub name: String,
    /// The one source all plotted values come from.
    pub source: SourceId,
    /// Models with a value from that source.
    pub coverage: usize,
    /// Every other index considered, as (name, source id, coverage), for the methodology text.
    pub alternatives: Vec<(String, SourceId, usize)>,
}

impl HeadlineIndex {
    /// Picks the index (benchmark with scale `index`) from one independent source that covers
    /// the most models: wider coverage means more pages compare two real values rather than
    /// one value and a gap. Ties go to the benchmark slug that sorts first, so the choice is
    /// stable. `None` if the dataset holds no index scores.
    pub fn choose(dataset: &Dataset) -> Option<HeadlineIndex> {
        let mut coverage: HashMap<(&BenchmarkSlug, &SourceId), usize> = HashMap::new();
        for model in &dataset.models {
            for score in model.scores.iter().filter(|s| s.independent) {
                let is_index = dataset.benchmark(&score.benchmark).is_some_and(|b| b.scale == Scale::Index);
                if is_index {
                    *coverage.entry((&score.benchmark, &score.source)).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<((&BenchmarkSlug, &SourceId), usize)> = coverage.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let (&((benchmark, source), count), rest) = ranked.split_first()?;
        let name_of = |slug: &BenchmarkSlug| dataset.benchmark(slug).map_or(slug.to_string(), |b| b.name.clone());
        Some(HeadlineIndex {
            benchmark: benchmark.clone(),
            name: name_of(benchmark),
            source: source.clone(),
            coverage: count,
            alternatives: rest.iter().map(|((b, s), n)| (name_of(b), (*s).clone(), *n)).collect(),
        })
    }

    /// The model's value on this index from this index's source only.
    pub fn value_of(&self, model: &Model) -> Option<f64> {
        model
            .scores
            .iter()
            .find(|s| s.benchmark == self.benchmark && s.source == self.source && s.independent)
            .map(|s| s.value)
    }
}

/// The limits of a model as the cost functions want them.
pub fn limits_of(model: &Model) -> Limits {
    Limits {
        context_window: model.context_window.as_ref().map(|c| c.value),
        max_output: model.max_output.as_ref().map(|m| m.value),
        max_input: model.max_input.as_ref().map(|m| m.value),
    }
}

/// For each (cost, index) point, whether it is on the frontier: no other point costs at most
/// as much and scores at least as high while being strictly better on one of the two.
pub fn frontier(points: &[(Usd, f64)]) -> Vec<bool> {
    points
        .iter()
        .map(|&(cost, index)| !points.iter().any(|&(c, i)| c <= cost && i >= index && (c < cost || i > index)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frontier_keeps_models_no_other_beats_on_both_price_and_index() {
        let usd = Usd::from_picos;
        let points = [(usd(1), 10.0), (usd(2), 20.0), (usd(3), 15.0), (usd(2), 20.0), (usd(1), 5.0)];
        // c costs more than b and scores lower; e ties a on price and scores lower. b and d tie
        // exactly, so neither beats the other.
        assert_eq!(frontier(&points), [true, true, false, true, false]);
    }
}
