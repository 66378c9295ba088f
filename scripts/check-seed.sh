#!/usr/bin/env bash
# CI: data/seed.json is what scripts/build-seed.sh makes of data/catalog.toml and ../shared/data
# (the importers are deterministic), so a hand edit of the seed or a catalog change without a
# rebuild fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
# tools/build_scores.py needs Python 3.11 or newer (tomllib); a fresh CI machine may lack it.
if ! python3 -c 'import tomllib' 2>/dev/null; then
    apt-get update && apt-get install -y python3
fi
cp data/seed.json target/seed.committed.json 2>/dev/null || { mkdir -p target && cp data/seed.json target/seed.committed.json; }
scripts/build-seed.sh >/dev/null
if ! cmp -s data/seed.json target/seed.committed.json; then
    diff <(head -c 100000 target/seed.committed.json) <(head -c 100000 data/seed.json) | head -20 >&2 || true
    cp target/seed.committed.json data/seed.json
    echo "check-seed: data/seed.json differs from what scripts/build-seed.sh builds; run it and commit" >&2
    exit 1
fi
echo "check-seed: data/seed.json is what scripts/build-seed.sh builds"
