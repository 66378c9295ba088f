//! The seed against the shared data it was built from (`../shared/data`): the March and
//! November LiteLLM maps rebuild its price history, and the November map and models.dev change
//! nothing in it.

use crate::support::{TestDb, models_and_keys_only, options, prices, shared_data};
use llm_compare::db::import::{self, LitellmReport, Outcome};
use llm_compare::db::{self, DatasetFile};
use sqlx::SqlitePool;

/// The seed's models and keys with the March map and then the November map imported, as
/// scripts/build-seed.sh builds the seed: the database, and both imports' outcomes.
struct MarchThenNovember {
    _db: TestDb,
    pool: SqlitePool,
    march: Outcome<LitellmReport>,
    november: Outcome<LitellmReport>,
}

async fn march_then_november(test: &str) -> Option<MarchThenNovember> {
    let dir = shared_data(test, "litellm")?;
    let (db, pool) = models_and_keys_only().await;
    let march = dir.join("model_prices_2026-03_v1.82.6.json");
    let march = import::import_litellm(&pool, &march, &options(false, "2026-03-05")).await.expect("March imports");
    let november = dir.join("model_prices_2026-11_v1.110.2.json");
    let november =
        import::import_litellm(&pool, &november, &options(false, "2026-11-25")).await.expect("November imports");
    Some(MarchThenNovember { _db: db, pool, march, november })
}

#[tokio::test]
async fn march_gives_the_seeds_first_prices_and_november_closes_the_ones_that_changed() {
    let Some(run) =
        march_then_november("march_gives_the_seeds_first_prices_and_november_closes_the_ones_that_changed").await
    else {
        return;
    };
    let seed = DatasetFile::parse(db::SEED_JSON).unwrap();
    let in_march = seed.models.iter().filter(|m| m.prices.first().is_some_and(|p| p.effective_from == "2026-03-05"));
    assert_eq!(run.march.report.changes.len(), in_march.count(), "every model March prices gets its first price");
    let report = run.november.report.to_string();
    eprintln!("{report}");
    for needle in [
        "  llama-3-1-405b (meta.llama3-1-405b-instruct-v1:0): the price in force since 2026-03-05 closes on 2026-11-25",
        "    standard input: $5.32 → $2.40",
        "  grok-code-fast-1 (xai/grok-code-fast-1): the price in force since 2026-03-05 closes on 2026-11-25",
    ] {
        assert!(report.contains(needle), "November report lacks {needle:?}");
    }
    assert!(run.november.report.candidates > 1000, "the November map has thousands of unmapped chat keys");
    // The November changes are the two-period models and the models March did not price.
    let seed_changes = seed
        .models
        .iter()
        .filter(|m| m.prices.len() == 2 || m.prices.first().is_some_and(|p| p.effective_from == "2026-11-25"))
        .count();
    assert_eq!(run.november.report.changes.len(), seed_changes, "the changes are the seed's two-period models");
    run.pool.close().await;
}

/// A model's price periods as JSON, without the sources they cite (the seed cites its own, not
/// this test's import ids).
fn periods_without_sources(prices: &[db::dataset_file::PriceEntry]) -> Vec<String> {
    let strip = |p: &db::dataset_file::PriceEntry| {
        let mut p = p.clone();
        p.source = String::new();
        p.last_seen_in = String::new();
        // Fees cite their source too: the seed's, not this test's import ids.
        for f in &mut p.fees {
            f.source = None;
        }
        serde_json::to_string(&p).unwrap()
    };
    prices.iter().map(strip).collect()
}

#[tokio::test]
async fn march_then_november_litellm_maps_rebuild_the_seed_price_history() {
    let Some(run) = march_then_november("march_then_november_litellm_maps_rebuild_the_seed_price_history").await else {
        return;
    };
    // Both imports together rebuild exactly the seed's price periods (built by
    // scripts/build-seed.sh from the same two maps), only citing the imports' sources.
    let seed = DatasetFile::parse(db::SEED_JSON).unwrap();
    let exported = db::export_dataset(&run.pool).await.unwrap();
    for (ours, theirs) in exported.models.iter().zip(&seed.models) {
        assert_eq!(ours.slug, theirs.slug);
        if theirs.litellm_keys.is_empty() {
            continue;
        }
        assert_eq!(
            periods_without_sources(&ours.prices),
            periods_without_sources(&theirs.prices),
            "{}: imported history differs from the seed's",
            ours.slug
        );
    }
    let llama = prices(&run.pool, "llama-3-1-405b").await;
    assert_eq!(
        llama
            .iter()
            .map(|p| (p.effective_from.as_str(), p.effective_to.as_deref(), p.input, p.output))
            .collect::<Vec<_>>(),
        [("2026-03-05", Some("2026-11-25"), 5_320_000, 16_000_000), ("2026-11-25", None, 2_400_000, 2_400_000)],
        "the history holds both prices"
    );
    run.pool.close().await;
}

#[tokio::test]
async fn the_seed_matches_the_november_litellm_map_and_models_dev_field_for_field() {
    let Some(shared) = shared_data("the_seed_matches_the_november_litellm_map_and_models_dev_field_for_field", "")
    else {
        return;
    };
    // The seed is what the importers make of the shared data: importing the same files again
    // (dry run) changes no price, limit, status, name, date, open-weights flag or cutoff.
    let db = TestDb::seeded().await;
    let before = db.bytes();
    let pool = db.open().await;
    let november = shared.join("litellm/model_prices_2026-11_v1.110.2.json");
    let nov = import::import_litellm_citing(&pool, &november, &options(true, "2026-11-25"), Some("litellm-1.110.2"))
        .await
        .expect("the November map imports");
    assert!(nov.report.changes.is_empty(), "prices differ from the November map: {}", nov.report);
    assert!(nov.report.facts.is_empty(), "limits or statuses differ from the November map: {:?}", nov.report.facts);
    assert_eq!(nov.report.confirmed, 0, "every price was last seen in the November map");
    let api = shared.join("modelsdev/api_2026-07-02.json");
    let md = import::import_modelsdev(&pool, &api, &options(true, "2026-07-02"), Some("modelsdev-2026-07-02"))
        .await
        .expect("models.dev imports");
    assert!(md.report.changes.is_empty(), "figures differ from models.dev: {:?}", md.report.changes);
    assert!(md.report.missing.is_empty(), "mapped ids missing from models.dev: {:?}", md.report.missing);
    // Every mapped model that models.dev gives limits for shows exactly those limits.
    let file = llm_compare::db::import::modelsdev::api_file::parse_api(&std::fs::read(&api).unwrap()).unwrap();
    let seed = DatasetFile::parse(db::SEED_JSON).unwrap();
    let mut checked = 0;
    for m in seed.models.iter().filter(|m| !m.pinned.contains(&"limits".to_owned())) {
        let Some(record) = m.modelsdev_id.as_deref().and_then(|id| file.record(id).unwrap()) else { continue };
        if let (Some(context), Some(output)) = (record.context, record.output) {
            assert_eq!((m.context_window, m.max_output), (Some(context), Some(output)), "{}", m.slug);
            assert_eq!(m.max_input, record.input.filter(|i| *i < context), "{}", m.slug);
            checked += 1;
        }
    }
    assert!(checked >= 90, "{checked} models checked against models.dev's limits");
    pool.close().await;
    assert_eq!(db.bytes(), before, "dry runs write nothing");
}
