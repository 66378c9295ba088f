#!/usr/bin/env bash
# The site in a real browser: installs Debian's chromium (and the suite's npm packages from
# tests/browser/package-lock.json), builds and serves the release binary on a free loopback
# port with a fresh database, then runs tests/browser/suite.test.mjs (layout at 390x844 and
# 1280x900, summary in the first screen, picker and workload form by keyboard, axe-core; pages
# load with JavaScript off) and tests/browser/lighthouse.mjs (mobile and desktop: 100 in
# Accessibility, Best Practices and SEO, 95 in Performance). Prints how long each part took.
#
#   scripts/browser-suite.sh            # from anywhere; SKIP_LIGHTHOUSE=1 runs the suite alone
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
(cd tests/browser && npm ci --no-audit --no-fund --silent)

tmp=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

cargo build --release --locked
bin=${CARGO_TARGET_DIR:-target}/release/llm-compare

port=
for candidate in $(seq 38500 38599); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
[ -n "$port" ] || { echo "no free port in 38500-38599" >&2; exit 1; }
export BASE_URL=http://127.0.0.1:$port
PORT=$port HOST=127.0.0.1 BASE_URL=$BASE_URL DATABASE_URL="sqlite://$tmp/b.db" RUST_LOG=warn "$bin" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$BASE_URL/" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited:" >&2; cat "$tmp/server.log" >&2; exit 1; }
    sleep 0.2
done
curl -fsS -o /dev/null "$BASE_URL/" || { echo "the server did not answer on $BASE_URL" >&2; exit 1; }
echo "setup took $((SECONDS - started)) s"

suite_start=$SECONDS
(cd tests/browser && node --test --test-reporter=spec suite.test.mjs)
echo "browser suite took $((SECONDS - suite_start)) s"

if [ -z "${SKIP_LIGHTHOUSE:-}" ]; then
    lh_start=$SECONDS
    (cd tests/browser && node lighthouse.mjs)
    echo "lighthouse took $((SECONDS - lh_start)) s"
fi
echo "browser checks took $((SECONDS - started)) s in all"
