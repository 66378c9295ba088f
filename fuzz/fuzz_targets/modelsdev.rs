//! `import modelsdev` on any bytes against the seed database: no panic, and a file the dry run
//! accepts is accepted by the real run.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_compare::db::import::import_modelsdev;
use llm_compare_fuzz::{Start, dry_then_real};

fuzz_target!(|data: &[u8]| {
    dry_then_real(Start::Seeded, "api.json", data, |pool, path, options| async move {
        let outcome = import_modelsdev(&pool, &path, &options, None).await?;
        let changed = !outcome.report.changes.is_empty();
        Ok((changed, outcome))
    });
});
