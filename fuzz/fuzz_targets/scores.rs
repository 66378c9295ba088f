//! `import scores` on any bytes against the seed database: no panic, and a file the dry run
//! accepts is accepted by the real run.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_compare::db::import::import_scores;
use llm_compare_fuzz::{Start, dry_then_real};

fuzz_target!(|data: &[u8]| {
    dry_then_real(Start::Seeded, "scores.csv", data, |pool, path, options| async move {
        let outcome = import_scores(&pool, &path, &options, None).await?;
        Ok((outcome.report.changes_anything(), outcome))
    });
});
