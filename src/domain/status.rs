//! A model's status is a dated fact: a shutdown date on or before the day a page is served
//! means retired, whatever label was stored when the data was imported; a shutdown date still
//! ahead means deprecated (shutdown announced). Nothing here reads a clock: the day is passed in.

use super::model::{Date, Model, ModelStatus};

/// The status on `today` of a model stored as `stored` with shutdown date `shutdown`.
pub fn status_on(stored: ModelStatus, shutdown: Option<&Date>, today: &Date) -> ModelStatus {
    match shutdown {
        Some(d) if d <= today => ModelStatus::Retired,
        // A label of retired stands even before its date: a provider may shut a model early.
        Some(_) if stored == ModelStatus::Retired => ModelStatus::Retired,
        Some(_) => ModelStatus::Deprecated,
        None => stored,
    }
}

/// The status in words for the top of a model's page. A past date is never "announced".
pub fn status_words(model: &Model) -> String {
    match (model.status, &model.deprecation_date) {
        (ModelStatus::Active, _) => "Active".to_owned(),
        (ModelStatus::Deprecated, Some(d)) => format!("Deprecated: shutdown announced for {}", d.long()),
        (ModelStatus::Deprecated, None) => "Deprecated: no shutdown date announced".to_owned(),
        (ModelStatus::Retired, Some(d)) => {
            format!("Retired on {}: no longer offered; its figures are kept for reference", d.long())
        }
        (ModelStatus::Retired, None) => {
            "Retired: no longer offered (our sources give no date); its figures are kept for reference".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(iso: &str) -> Date {
        Date::parse(iso).unwrap()
    }

    #[test]
    fn a_shutdown_date_decides_the_status_on_the_day() {
        let shutdown = day("2026-12-11");
        for (today, stored, expected) in [
            ("2026-12-10", ModelStatus::Deprecated, ModelStatus::Deprecated),
            ("2026-12-10", ModelStatus::Active, ModelStatus::Deprecated),
            ("2026-12-11", ModelStatus::Deprecated, ModelStatus::Retired),
            ("2027-01-01", ModelStatus::Active, ModelStatus::Retired),
            ("2026-01-01", ModelStatus::Retired, ModelStatus::Retired),
        ] {
            assert_eq!(status_on(stored, Some(&shutdown), &day(today)), expected, "{today} {stored:?}");
        }
        assert_eq!(status_on(ModelStatus::Retired, None, &day("2026-01-01")), ModelStatus::Retired);
        assert_eq!(status_on(ModelStatus::Active, None, &day("2030-01-01")), ModelStatus::Active);
    }
}
