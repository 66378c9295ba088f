#!/usr/bin/env bash
# CI step: 2,000 slow connections from one client against the debug binary on loopback
# (bounded: about 15 s); a normal request must still answer 200 in under a second and the slow
# connections must be closed by the header timeout. See scripts/slow-clients.py.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v python3 >/dev/null; then
  apt-get update && apt-get install -y python3
fi
cargo build --locked
exec python3 scripts/slow-clients.py --binary target/debug/llm-compare --connections 2000 --port "${SLOW_CLIENTS_PORT:-3201}" "$@"
