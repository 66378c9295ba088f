//! Pure domain logic: no I/O. Costs, ratios, the headline index, verdicts, FAQ text and
//! chart data are computed here from a [`Catalog`] and nothing else.

pub mod catalog;
pub mod compare;
pub mod cost;
pub mod directory;
pub mod format;
pub mod freshness;
pub mod ids;
pub mod index;
pub mod market;
pub mod model;
pub mod money;
pub mod plausible;
pub mod pricing;
pub mod rate_card;
pub mod sitemap;
pub mod slug;
pub mod source_notes;
pub mod status;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;

pub use catalog::Catalog;
pub use compare::{Comparison, compare};
pub use ids::{BenchmarkSlug, ProviderSlug, SourceId};
pub use model::{Dataset, Model};
pub use slug::ModelId;
