//! How old a figure is, and when it counts as possibly stale. Prices and speeds change under
//! a model's name; a benchmark score of a fixed model version does not, so scores are dated
//! but never marked stale.

use super::model::{Dataset, Date, Model};

/// A price not confirmed by any source for this many days is marked possibly stale: providers
/// change list prices every few months.
pub const PRICE_STALE_AFTER_DAYS: i64 = 90;

/// Speed depends on the host's hardware and load, which change within months.
pub const SPEED_STALE_AFTER_DAYS: i64 = 180;

/// When a figure was last confirmed and whether that is too long ago.
#[derive(Debug, Clone, PartialEq)]
pub struct Freshness {
    /// The newest date a source confirmed the figure.
    pub checked: Date,
    /// Days from `checked` to today.
    pub age_days: i64,
    /// Older than the threshold for its kind.
    pub stale: bool,
}

impl Freshness {
    fn new(checked: Date, today: &Date, threshold: i64) -> Self {
        let age_days = checked.days_until(today).max(0);
        Self { checked, age_days, stale: age_days > threshold }
    }
}

/// When the model's current prices were last confirmed: the snapshot date of the newest source
/// that still showed them.
pub fn price_freshness(dataset: &Dataset, model: &Model, today: &Date) -> Option<Freshness> {
    let price = model.current_price()?;
    let checked = dataset.source(&price.last_seen_in)?.as_of.clone();
    Some(Freshness::new(checked, today, PRICE_STALE_AFTER_DAYS))
}

/// When the model's speed figures were measured.
pub fn speed_freshness(model: &Model, today: &Date) -> Option<Freshness> {
    let speed = model.speed()?;
    Some(Freshness::new(speed.as_of.clone(), today, SPEED_STALE_AFTER_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_stale_only_past_its_threshold() {
        let today = Date::parse("2026-11-25").unwrap();
        let f = Freshness::new(Date::parse("2026-08-27").unwrap(), &today, PRICE_STALE_AFTER_DAYS);
        assert_eq!((f.age_days, f.stale), (90, false));
        let f = Freshness::new(Date::parse("2026-08-26").unwrap(), &today, PRICE_STALE_AFTER_DAYS);
        assert_eq!((f.age_days, f.stale), (91, true));
        // A date in the future (clock skew) is simply fresh.
        let f = Freshness::new(Date::parse("2026-12-01").unwrap(), &today, PRICE_STALE_AFTER_DAYS);
        assert_eq!((f.age_days, f.stale), (0, false));
    }
}
