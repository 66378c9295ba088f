#!/usr/bin/env bash
# A real HTTP cache in front: nginx with proxy_cache (deploy/nginx-proxy-cache.conf, as
# documented) before our release binary. Shows that
#   1. the second request for a page is a cache HIT;
#   2. our 304 carries the same validators as our 200;
#   3. after `import` changes a price and the server reloads, the cache serves the new price
#      within the documented time (RELOAD_INTERVAL_SECS + s-maxage + stale-while-revalidate,
#      read from the page's own Cache-Control), while a page whose bytes did not change is
#      revalidated with a 304 from us.
# Installs nginx with apt-get when missing. Ports 3110 (ours) and 3111 (nginx), 127.0.0.1 only;
# bounded by the documented time plus 15 s. Cleans up on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

OUR_PORT=3110
NGINX_PORT=3111
RELOAD=1
CHANGED=/compare/gpt-4o-mini-vs-gpt-4-1-mini # gpt-4o-mini's input price goes $0.15 -> $0.12; "$0.12" followed by a non-digit, as the page also lists $0.125 (GPT-4.1 mini priority cache reads)
UNCHANGED=/api                               # shows no figure the import changes

if ! command -v nginx >/dev/null; then
    apt-get update && apt-get install -y nginx
fi
cargo build --release --locked
bin=${CARGO_TARGET_DIR:-target}/release/llm-compare

tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx's workers run as nobody
server_pid=
nginx_started=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    [ -n "$nginx_started" ] && [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    echo "--- server log (tail)" >&2
    tail -20 "$tmp/server.log" >&2
    exit 1
}

origin=http://127.0.0.1:$OUR_PORT
proxy=http://127.0.0.1:$NGINX_PORT
export DATABASE_URL="sqlite://$tmp/proxy.db"

PORT=$OUR_PORT HOST=127.0.0.1 RUST_LOG=info RELOAD_INTERVAL_SECS=$RELOAD "$bin" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$origin/robots.txt" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited"
    sleep 0.1
done

mkdir "$tmp/cache"
{
    echo "worker_processes 1; pid $tmp/nginx.pid; error_log $tmp/nginx-error.log warn;"
    echo "events { worker_connections 256; }"
    echo "http { access_log off;"
    sed -e "s#@CACHE_DIR@#$tmp/cache#" -e "s#@UPSTREAM@#127.0.0.1:$OUR_PORT#" -e "s#@LISTEN@#127.0.0.1:$NGINX_PORT#" \
        deploy/nginx-proxy-cache.conf
    echo "}"
} >"$tmp/nginx.conf"
nginx -p "$tmp" -c "$tmp/nginx.conf"
nginx_started=1
sleep 0.3

# fetch URL [curl options]: headers to $tmp/h (lower-case names), body to $tmp/b.
fetch() {
    local url=$1
    shift
    curl -fsS --compressed -D "$tmp/h.raw" -o "$tmp/b" "$@" "$url" || fail "GET $url"
    tr -d '\r' <"$tmp/h.raw" | awk 'NR > 1 && /:/ { i = index($0, ":"); print tolower(substr($0, 1, i - 1)) ":" substr($0, i + 1) }' >"$tmp/h"
}
header() { awk -v n="$1" 'index($0, n ":") == 1 { sub(/^[^:]*: */, ""); print; exit }' "$tmp/h"; }

# 1. MISS, then HIT, for both pages.
for page in $CHANGED $UNCHANGED; do
    fetch "$proxy$page"
    [ "$(header x-cache-status)" = MISS ] || fail "$page: first request was $(header x-cache-status), not MISS"
    fetch "$proxy$page"
    [ "$(header x-cache-status)" = HIT ] || fail "$page: second request was $(header x-cache-status), not HIT"
    echo "ok: $page: MISS, then HIT"
done
fetch "$proxy$CHANGED"
grep -q '\$0\.12[^0-9]' "$tmp/b" && fail "the page shows the new price before the import"
cache_control=$(header cache-control)
old_tag=$(header etag)

# 2. Our 304 carries the validators of our 200.
fetch "$origin$CHANGED" -H "Accept-Encoding: gzip"
for name in etag cache-control last-modified vary; do
    [ -n "$(header $name)" ] || fail "our 200 has no $name"
    echo "$name: $(header $name)"
done >"$tmp/validators-200"
tag=$(header etag)
status=$(curl -sS -o /dev/null -D "$tmp/h.raw" -w '%{http_code}' -H "Accept-Encoding: gzip" -H "If-None-Match: $tag" "$origin$CHANGED")
[ "$status" = 304 ] || fail "If-None-Match $tag answered $status"
tr -d '\r' <"$tmp/h.raw" | awk 'NR > 1 && /:/ { i = index($0, ":"); print tolower(substr($0, 1, i - 1)) ":" substr($0, i + 1) }' >"$tmp/h"
for name in etag cache-control last-modified vary; do echo "$name: $(header $name)"; done >"$tmp/validators-304"
diff "$tmp/validators-200" "$tmp/validators-304" || fail "our 304 does not carry the 200's validators"
echo "ok: our 304 carries the same ETag, Cache-Control, Last-Modified and Vary as our 200"

# 3. An import changes a price; the server reloads; the cache catches up in the documented time.
s_maxage=$(sed -n 's/.*s-maxage=\([0-9]*\).*/\1/p' <<<"$cache_control")
swr=$(sed -n 's/.*stale-while-revalidate=\([0-9]*\).*/\1/p' <<<"$cache_control")
[ -n "$s_maxage" ] && [ -n "$swr" ] || fail "no s-maxage or stale-while-revalidate in \"$cache_control\""
bound=$((RELOAD + s_maxage + swr))
RUST_LOG=warn "$bin" import litellm tests/fixtures/litellm/december.json --as-of 2026-12-01 >"$tmp/import.txt" ||
    fail "import: $(cat "$tmp/import.txt")"
imported=$(date +%s)
echo "imported; the documented bound is ${RELOAD} + ${s_maxage} + ${swr} = ${bound} s"
new_at=
revalidated=
statuses=
while [ $(($(date +%s) - imported)) -le $((bound + 15)) ]; do
    fetch "$proxy$CHANGED"
    statuses="$statuses $(header x-cache-status)"
    if [ -z "$new_at" ] && grep -q '\$0\.12[^0-9]' "$tmp/b"; then
        new_at=$(($(date +%s) - imported))
        [ "$(header etag)" != "$old_tag" ] || fail "the new price came with the old ETag"
    fi
    fetch "$proxy$UNCHANGED"
    # Our log line per request, without its colours: `request{method=GET path=/api}: ... status=304`.
    if [ -z "$revalidated" ] && sed 's/\x1b\[[0-9;]*m//g' "$tmp/server.log" | grep -q "path=$UNCHANGED}.*status=304"; then
        revalidated=$(($(date +%s) - imported))
    fi
    [ -n "$new_at" ] && [ -n "$revalidated" ] && break
    sleep 1
done
echo "cache status of $CHANGED, once a second:$statuses"
[ -n "$new_at" ] || fail "the new price did not arrive within $((bound + 15)) s"
[ "$new_at" -le "$bound" ] || fail "the new price took $new_at s, over the documented $bound s"
echo "ok: the new price reached the cache's readers after $new_at s (documented bound $bound s)"
[ -n "$revalidated" ] || fail "$UNCHANGED was never revalidated with a 304 from us"
echo "ok: $UNCHANGED (bytes unchanged) was revalidated with a 304 from us after $revalidated s"
echo "proxy cache test passed"
