//! The `{a}-vs-{b}` pair parser: never panics, and a pair it reads back from its own canonical
//! path is the same pair, exactly written.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_compare::domain::slug::{PairSpec, compare_path, parse_pair};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(PairSpec::Exact(a, b) | PairSpec::Loose(a, b)) = parse_pair(text) {
        let path = compare_path(&a, &b);
        let segment = path.strip_prefix("/compare/").expect("compare_path starts with /compare/");
        assert_eq!(parse_pair(segment), Ok(PairSpec::Exact(a, b)), "{text:?}");
    }
});
