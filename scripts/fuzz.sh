#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (default 600) with libFuzzer via cargo-fuzz, on the stable
# toolchain (RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags; no sanitizer, debug
# assertions on). The corpus grows in fuzz/corpus/TARGET (not committed), seeded from
# fuzz/seeds/TARGET; a crash is saved in fuzz/artifacts/TARGET. Needs `cargo install cargo-fuzz`.
#   scripts/fuzz.sh pair 600      scripts/fuzz.sh litellm 5   (a smoke run)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-600}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none -a "$target"
mkdir -p "corpus/$target"
cp -n seeds/"$target"/* "corpus/$target/" 2>/dev/null || true
cargo fuzz run -s none -a "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
