#!/usr/bin/env bash
# Rebuilds data/seed.json from data/catalog.toml and the licensed data in ../shared/data, with
# the binary's own importers (one parser per format): a fresh database, the catalog, models.dev,
# the March and November LiteLLM maps (so price history is kept), the scores, then `export`.
# Running it twice gives the same bytes. The importers' reports go to target/build-seed/.
#   scripts/build-seed.sh [SHARED_DATA_DIR]     (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared/data}
for f in modelsdev/api_2026-07-02.json litellm/model_prices_2026-03_v1.82.6.json \
         litellm/model_prices_2026-11_v1.110.2.json reference_models.csv; do
    [[ -f "$shared/$f" ]] || { echo "build-seed: $shared/$f is missing" >&2; exit 1; }
done
cargo build --quiet --bin llm-compare
bin="${CARGO_TARGET_DIR:-target}/debug/llm-compare"
out=target/build-seed
rm -rf "$out" && mkdir -p "$out"
export DATABASE_URL="sqlite://$out/seed.db" RUST_LOG=warn

step() { # name, command...: runs one import, keeping its report
    local name=$1; shift
    if ! "$@" >"$out/$name.txt"; then echo "build-seed: $name failed (report: $out/$name.txt)" >&2; exit 1; fi
    echo "  $name: $(head -n 1 "$out/$name.txt")"
}
step 1-catalog "$bin" import catalog data/catalog.toml --create-database
step 2-modelsdev "$bin" import modelsdev "$shared/modelsdev/api_2026-07-02.json" \
    --as-of 2026-07-02 --source-id modelsdev-2026-07-02
step 3-litellm-march "$bin" import litellm "$shared/litellm/model_prices_2026-03_v1.82.6.json" \
    --as-of 2026-03-05 --source-id litellm-1.82.6
step 4-litellm-november "$bin" import litellm "$shared/litellm/model_prices_2026-11_v1.110.2.json" \
    --as-of 2026-11-25 --source-id litellm-1.110.2
python3 tools/build_scores.py --shared "$shared" --out "$out/scores.csv" 2>"$out/5-scores-build.txt"
step 6-scores "$bin" import scores "$out/scores.csv"
"$bin" export data/seed.json
echo "build-seed: wrote data/seed.json (reports in $out/)"
