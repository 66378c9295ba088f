#!/usr/bin/env bash
# HTTP benchmark against nginx, in one run: Debian's nginx serves the very bytes our server
# returns (saved from it), our release binary serves the seed, and wrk drives both with the same
# settings. Prints req/s, p50/p99 and our/nginx ratios, then a cold pass over every pair and the
# server's RSS after every pair's page was asked for in every encoding.
#
#   scripts/bench-http.sh                 # DURATION=8 CONNECTIONS=64 PAGE_CACHE_MB=64 by default
#   BENCH_BIN=/tmp/other-build scripts/bench-http.sh
#
# Both servers get the same one core (SERVER_CPU, default 1; nginx with one worker, ours with one
# tokio worker) and wrk the other (CLIENT_CPU, default 0), one thread. The cold pass gives our
# server both cores and two workers. Ports 3101 (ours) and 3102 (nginx). Installs wrk and nginx
# with apt-get when missing. Traffic goes to 127.0.0.1 only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-8}
CONNECTIONS=${CONNECTIONS:-64}
PAGE_CACHE_MB=${PAGE_CACHE_MB:-64}
# The warm tests' cache: room for every pair's page (about 12,000 at 10 KB gzipped), so the
# every-pair mix is served from memory as nginx serves it from its file cache.
WARM_CACHE_MB=${WARM_CACHE_MB:-512}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
OUR_PORT=3101
NGINX_PORT=3102
PAIR=/compare/gpt-4o-mini-vs-gpt-4-1-mini
MODEL=/models/gpt-4o-mini

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    apt-get update && apt-get install -y nginx wrk
fi
# BENCH_BIN=path benchmarks another build of the server instead of building this one.
bin=${BENCH_BIN:-${CARGO_TARGET_DIR:-target}/release/llm-compare}
[ -n "${BENCH_BIN:-}" ] || cargo build --release --locked

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

ours=http://127.0.0.1:$OUR_PORT
theirs=http://127.0.0.1:$NGINX_PORT

# start_server CPUS WORKERS [PAGE_CACHE_MB]: our server on the bench's database (seeded on the first start).
start_server() {
    PORT=$OUR_PORT HOST=127.0.0.1 DATABASE_URL="sqlite://$tmp/bench.db" RUST_LOG=warn RELOAD_INTERVAL_SECS=0 \
        PAGE_CACHE_MB=${3:-$PAGE_CACHE_MB} TOKIO_WORKER_THREADS=$2 taskset -c "$1" "$bin" >>"$tmp/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "$ours/robots.txt" 2>/dev/null && return 0
        kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "our server did not answer" >&2
    exit 1
}
stop_server() {
    kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
    server_pid=
}
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"; }

# Lua for wrk: every path of $BENCH_PATHS in turn, with Accept-Encoding $BENCH_AE.
cat >"$tmp/paths.lua" <<'EOF'
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local ae = os.getenv("BENCH_AE") or ""
local headers = {}
if ae ~= "" then headers["Accept-Encoding"] = ae end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[((i - 1) % #paths) + 1], headers)
end
EOF

# wrk_run CPUS CONNECTIONS URL [wrk options]: prints "req/s p50_ms p99_ms".
wrk_run() {
    local cpus=$1 conns=$2 url=$3
    shift 3
    taskset -c "$cpus" wrk -t1 -c"$conns" -d"${DURATION}s" --latency "$@" "$url" >"$tmp/wrk.txt" 2>&1 || { cat "$tmp/wrk.txt" >&2; exit 1; }
    if grep -q "Non-2xx or 3xx" "$tmp/wrk.txt"; then
        echo "wrk saw error responses:" >&2
        cat "$tmp/wrk.txt" >&2
        exit 1
    fi
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }' "$tmp/wrk.txt"
}

# 1. The seed, and the pair list read from the running site's sitemap.
start_server "$SERVER_CPU" 1
curl -fsS "$ours/sitemap.xml" | grep -o '<loc>[^<]*compare-[0-9]*\.xml</loc>' | sed 's#<loc>[^/]*//[^/]*##; s#</loc>##' >"$tmp/files.txt"
while read -r file; do curl -fsS "$ours$file"; done <"$tmp/files.txt" |
    grep -o '<loc>[^<]*</loc>' | sed 's#<loc>[^/]*//[^/]*##; s#</loc>##' >"$tmp/pairs.txt"
pairs=$(wc -l <"$tmp/pairs.txt")
stop_server

# pass ACCEPT_ENCODING: every pair once, 16 at a time over kept-alive connections.
sed "s#.*#url = \"$ours&\"\noutput = \"/dev/null\"#" "$tmp/pairs.txt" >"$tmp/pass.cfg"
pass() {
    local ae=$1
    shift
    curl -fsS --no-progress-meter --parallel --parallel-max 16 -H "Accept-Encoding: $ae" "$@" -K "$tmp/pass.cfg"
}

# 2. Cold: with the page cache off, every request renders and compresses (what a first pass
# over the site costs), so wrk can run its full duration over every pair: 2 cores, 2 workers.
start_server 0,1 2 0
cold=$(BENCH_PATHS=$tmp/pairs.txt BENCH_AE="gzip, deflate, br" wrk_run 0,1 16 "$ours" -s "$tmp/paths.lua")
cold_identity=$(BENCH_PATHS=$tmp/pairs.txt BENCH_AE=identity wrk_run 0,1 16 "$ours" -s "$tmp/paths.lua")
stop_server
# RSS: a fresh server asked for every pair in every encoding, then once more as a browser
# (which recompresses to br).
start_server 0,1 2
rss_start=$(rss_mb)
for ae in "gzip, deflate, br" identity gzip br "gzip, deflate, br"; do pass "$ae"; done
sleep 3
rss=$(rss_mb)
stop_server

# 3. Warm: our server on one core, with a cache that holds every pair; warm every page in gzip
# and save what it serves for nginx. A page read again is recompressed to its final level on a
# background thread (a bounded queue: a page it had no room for is queued on a later read), so
# read every page until each one answers with its final ETag ("...-gz"), at most 10 rounds.
start_server "$SERVER_CPU" 1 "$WARM_CACHE_MB"
for round in $(seq 1 10); do
    for path in $PAIR $MODEL; do
        for ae in identity gzip; do curl -fsS -o /dev/null -H "Accept-Encoding: $ae" "$ours$path"; done
    done
    fast=$(pass gzip -w '%header{etag}\n' | grep -vc -- '-gz"$' || true)
    echo "warm round $round: $fast of $pairs pairs not yet at the final compression"
    [ "$fast" -eq 0 ] && break
    sleep 5
done
www=$tmp/www
mkdir -p "$www/compare" "$www/models"
{
    while read -r path; do
        printf 'url = "%s%s"\noutput = "%s%s.gz"\n' "$ours" "$path" "$www" "$path"
    done <"$tmp/pairs.txt"
    for path in $PAIR $MODEL; do printf 'url = "%s%s"\noutput = "%s%s"\n' "$ours" "$path" "$www" "$path"; done
} >"$tmp/curl.cfg"
curl -fsS -H "Accept-Encoding: gzip" -K "$tmp/curl.cfg"
# The identity files were fetched without Accept-Encoding above; curl -K applies -H to all, so
# fetch those two again plainly.
for path in $PAIR $MODEL; do curl -fsS -o "$www$path" "$ours$path"; done
cmp <(curl -fsS -H "Accept-Encoding: gzip" "$ours$PAIR") "$www$PAIR.gz"

cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 100000000;
    open_file_cache max=50000 inactive=300s;
    open_file_cache_valid 300s;
    types { }
    default_type "text/html; charset=utf-8";
    gzip off;
    gzip_static on;
    gzip_vary on;
    etag on;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $www;
    }
}
EOF
taskset -c "$SERVER_CPU" nginx -p "$tmp" -c "$tmp/nginx.conf"
nginx_started=1
sleep 0.5
cmp <(curl -fsS "$theirs$PAIR") <(curl -fsS "$ours$PAIR")
cmp <(curl -fsS -H "Accept-Encoding: gzip" "$theirs$PAIR") <(curl -fsS -H "Accept-Encoding: gzip" "$ours$PAIR")

etag_of() { curl -fsS -o /dev/null -D - "$1" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }'; }
our_tag=$(etag_of "$ours$PAIR")
their_tag=$(etag_of "$theirs$PAIR")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $our_tag" "$ours$PAIR")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $their_tag" "$theirs$PAIR")" = 304 ]

printf '\n%s, %s, %s pairs; wrk -t1 -c%s -d%ss; both servers on CPU %s, wrk on CPU %s; PAGE_CACHE_MB=%s (warm tests)\n' \
    "$(date -u +%FT%TZ)" "$(nproc) cores" "$pairs" "$CONNECTIONS" "$DURATION" "$SERVER_CPU" "$CLIENT_CPU" "$WARM_CACHE_MB"
printf '%-28s %10s %8s %8s   %10s %8s %8s   %6s\n' test "nginx r/s" p50ms p99ms "ours r/s" p50ms p99ms ratio
row() {
    local name=$1
    shift
    local n o
    n=$(wrk_run "$CLIENT_CPU" "$CONNECTIONS" "$theirs$1" "${@:2}")
    o=$(wrk_run "$CLIENT_CPU" "$CONNECTIONS" "$ours$1" "${@:2}")
    read -r nr n50 n99 <<<"$n"
    read -r or o50 o99 <<<"$o"
    printf '%-28s %10s %8s %8s   %10s %8s %8s   %6.2f\n' "$name" "$nr" "$n50" "$n99" "$or" "$o50" "$o99" "$(awk -v a="$or" -v b="$nr" 'BEGIN { print a / b }')"
}
row "comparison, identity" "$PAIR"
row "comparison, gzip" "$PAIR" -H "Accept-Encoding: gzip"
# Each server is asked with its own tag (nginx tags files by mtime and size).
n=$(wrk_run "$CLIENT_CPU" "$CONNECTIONS" "$theirs$PAIR" -H "If-None-Match: $their_tag")
o=$(wrk_run "$CLIENT_CPU" "$CONNECTIONS" "$ours$PAIR" -H "If-None-Match: $our_tag")
read -r nr n50 n99 <<<"$n"
read -r or o50 o99 <<<"$o"
printf '%-28s %10s %8s %8s   %10s %8s %8s   %6.2f\n' "304 revalidation" "$nr" "$n50" "$n99" "$or" "$o50" "$o99" "$(awk -v a="$or" -v b="$nr" 'BEGIN { print a / b }')"
row "model page, gzip" "$MODEL" -H "Accept-Encoding: gzip"
export BENCH_PATHS=$tmp/pairs.txt BENCH_AE=gzip
row "every pair in turn, gzip" "/" -s "$tmp/paths.lua"

read -r c_rps c50 c99 <<<"$cold"
read -r ci_rps ci50 ci99 <<<"$cold_identity"
printf '\ncold (page cache off, every pair in turn, wrk -c16, 2 cores): %s pages/s as a browser asks (gzip level 1; p50 %s ms, p99 %s ms), %s pages/s identity\n' \
    "$c_rps" "$c50" "$c99" "$ci_rps"
printf 'RSS at start %s MB; after every pair in identity, gzip, br and browser encodings: %s MB (PAGE_CACHE_MB=%s + 40 = %s MB allowed)\n' \
    "$rss_start" "$rss" "$PAGE_CACHE_MB" "$((PAGE_CACHE_MB + 40))"
printf 'load average during the run: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
