#!/usr/bin/env bash
# A fingerprint of everything the site answers, to show that a refactor changed no byte:
# builds the release binary, starts it on a fresh database seeded from the embedded seed, fetches
# every page (home, lists, every model, every pair in the sitemap, some workloads, the API for
# every model and pair, CSV, sitemaps, robots.txt, images of a few pairs, 404s) uncompressed,
# exports the dataset, and writes one `sha256  path [status content-type]` line per response.
#
#   scripts/snapshot-site.sh OUT                  # then: diff before.txt OUT
#   SNAPSHOT_BIN=/tmp/other-build scripts/snapshot-site.sh OUT
#
# Pages depend on the day (freshness, "days ago", today's statuses), which the server reads from
# the system clock; there is no knob to pin it, so compare snapshots taken on the same UTC day.
# Port: a free loopback one (PORT=0 is not supported, so the first free from 3120 up).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:?usage: scripts/snapshot-site.sh OUT}
out=$(realpath -m "$out")
bin=${SNAPSHOT_BIN:-${CARGO_TARGET_DIR:-target}/release/llm-compare}
[ -n "${SNAPSHOT_BIN:-}" ] || cargo build --release --locked

port=3120
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
origin=http://127.0.0.1:$port

tmp=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$tmp/snapshot.db"
# No reload, no page cache: every response is rendered for this request from the seed.
PORT=$port HOST=127.0.0.1 RUST_LOG=warn RELOAD_INTERVAL_SECS=0 PAGE_CACHE_MB=0 "$bin" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 200); do
    curl -fsS -o /dev/null "$origin/robots.txt" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
    sleep 0.1
done

# The URL list: fixed pages, then what the sitemaps list, then the API and images for the same.
get() { curl -fsS -H 'Accept-Encoding: identity' "$origin$1"; }
locs() { grep -o '<loc>[^<]*</loc>' | sed -e 's#<loc>[^/]*//[^/]*##' -e 's#</loc>##' -e 's/&amp;/\&/g'; }
{
    get /sitemap.xml | locs
    for file in $(get /sitemap.xml | grep -o '/sitemaps/[^<]*'); do get "$file" | locs; done
} >"$tmp/listed"
grep '^/compare/.*-vs-' "$tmp/listed" >"$tmp/pairs"
pairs=$(wc -l <"$tmp/pairs")
first=$(sed -n 1p "$tmp/pairs")
first_model=$(grep -m1 '^/models/.' "$tmp/listed")
a=${first#/compare/}
{
    printf '%s\n' / /models /compare /methodology /api /api/v1/models /api/v1/models.csv \
        /sitemap.xml /robots.txt /favicon.ico \
        /no-such-page /models/no-such-model /compare/no-such-vs-model /api/v1/no-such \
        /api/v1/compare/no-such-vs-model '/compare?page=2' '/models/'
    cat "$tmp/listed"
    sed 's#^/compare/#/api/v1/compare/#' "$tmp/pairs"
    sed -n '1,5s#$#/chart.svg#p' "$tmp/pairs"
    sed -n '1,5s#$#/og.png#p' "$tmp/pairs"
    # Workloads: a long prompt, cache and batch, monthly volume, bad values, the reversed pair.
    for q in 'input=300000&output=2000' 'cached=50&batch=1' 'requests=100000' 'input=abc' 'batch=2' \
        'tier=flex' 'tier=x' 'window=off-peak' 'window=x' 'cache_write=1h' 'cache_write=x'; do
        echo "$first?$q"
        echo "/api/v1/compare/$a?$q"
    done
    echo "/models?input=20000&output=500"
    echo "/?input=20000&output=500&requests=1000"
    echo "$first_model?input=100000"
    echo "/compare/${a#*-vs-}-vs-${a%%-vs-*}"
    echo "/api/v1/compare/${a#*-vs-}-vs-${a%%-vs-*}"
    # Pair addresses that are wrong in each way the resolver knows, for the page, its image and the API.
    one=${a%%-vs-*}
    upper=$(echo "$a" | tr 'a-z' 'A-Z')
    for p in "$one-vs-no-such" "no-such-vs-$one" "$one-vs-$one" "$one" "$upper" "$one-vs-"; do
        echo "/compare/$p"
        echo "/compare/$p/chart.svg"
        echo "/api/v1/compare/$p"
    done
    echo "/compare?a=$one"
    echo "/compare?a=$one&b=${a#*-vs-}"
    get / | grep -o 'href="/static/[^"]*"' | sed -e 's/^href="//' -e 's/"$//'
} | awk '!seen[$0]++' >"$tmp/urls"

# One curl for all, in order over one connection: each body to its own numbered file, and per
# response a line with status, type and redirect target.
mkdir "$tmp/r"
n=$(wc -l <"$tmp/urls")
(cd "$tmp/r" && seq 1 "$n" | xargs touch) # curl writes no file for an empty body
awk -v o="$origin" -v d="$tmp/r" '{ printf "url = \"%s%s\"\noutput = \"%s/%d\"\n", o, $0, d, NR }' "$tmp/urls" >"$tmp/curl.cfg"
curl -sS -H 'Accept-Encoding: identity' -K "$tmp/curl.cfg" \
    -w '%{http_code} %{content_type} %{redirect_url}\n' >"$tmp/meta"
[ "$(wc -l <"$tmp/meta")" -eq "$n" ] || { echo "some requests got no answer" >&2; exit 1; }
(cd "$tmp/r" && seq 1 "$n" | xargs sha256sum | cut -d' ' -f1) >"$tmp/sums"
paste -d '\t' "$tmp/sums" "$tmp/urls" "$tmp/meta" | awk -F'\t' '{ sub(/ +$/, "", $3); print $1 "  " $2 " [" $3 "]" }' >"$out"

"$bin" export "$tmp/export.json" >/dev/null
echo "$(sha256sum "$tmp/export.json" | cut -d' ' -f1)  export" >>"$out"
echo "$(wc -l <"$out") responses ($pairs pairs) in $out" >&2
