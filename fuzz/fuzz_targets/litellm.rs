//! `import litellm` on any bytes against the seed database: no panic, and a file the dry run
//! accepts is accepted by the real run.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_compare::db::import::import_litellm;
use llm_compare_fuzz::{Start, dry_then_real};

fuzz_target!(|data: &[u8]| {
    dry_then_real(Start::Seeded, "prices.json", data, |pool, path, options| async move {
        let outcome = import_litellm(&pool, &path, &options).await?;
        Ok((outcome.report.changes_anything(), outcome))
    });
});
