//! `import dataset` on any bytes into an empty database: no panic, and a file the dry run
//! accepts is accepted by the real run.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_compare::db::import::import_dataset;
use llm_compare_fuzz::{Start, dry_then_real};

fuzz_target!(|data: &[u8]| {
    dry_then_real(Start::Empty, "dataset.json", data, |pool, path, options| async move {
        let outcome = import_dataset(&pool, &path, options.dry_run).await?;
        Ok((outcome.revision.is_some() || options.dry_run, outcome))
    });
});
