#!/usr/bin/env bash
# Validates a rendered sample of every page type with the Nu Html Checker (npm package vnu-jar,
# run with Java 17+). Builds the debug binary, serves the seed on a free loopback port, fetches
# one page of each type, and exits non-zero if the checker reports any error.
#
#   scripts/validate-html.sh            # from anywhere; VNU_DIR overrides the checker's cache
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned so a new checker release cannot turn CI red on its own.
VNU_VERSION=26.9.27
VNU_DIR=${VNU_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/llm-compare/vnu-$VNU_VERSION}
VNU_JAR=$VNU_DIR/node_modules/vnu-jar/build/dist/vnu.jar

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

if [ ! -f "$VNU_JAR" ]; then
    echo "installing vnu-jar@$VNU_VERSION into $VNU_DIR"
    mkdir -p "$VNU_DIR"
    npm install --prefix "$VNU_DIR" --no-audit --no-fund --silent "vnu-jar@$VNU_VERSION"
fi

cargo build --locked
bin=${CARGO_TARGET_DIR:-target}/debug/llm-compare

# A port nobody answers on; the server would fail to bind (and we would say so) if one is taken
# between this check and its start.
port=
for candidate in $(seq 38400 38499); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
[ -n "$port" ] || { echo "no free port in 38400-38499" >&2; exit 1; }
base=http://127.0.0.1:$port

PORT=$port HOST=127.0.0.1 DATABASE_URL="sqlite://$tmp/v.db" RUST_LOG=warn "$bin" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$base/" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "the server exited before answering:" >&2
        cat "$tmp/server.log" >&2
        exit 1
    fi
    sleep 0.2
done
curl -fsS -o /dev/null "$base/" || { echo "the server did not answer on $base" >&2; cat "$tmp/server.log" >&2; exit 1; }

mkdir "$tmp/html"
failed=0
# fetch NAME PATH STATUS: saves the page as NAME.html if it answers STATUS, else fails.
fetch() {
    local name=$1 path=$2 want=$3
    local got
    got=$(curl -sS -o "$tmp/html/$name.html" -w '%{http_code}' "$base$path")
    if [ "$got" = "$want" ]; then
        echo "fetched $path ($got) as $name.html"
    else
        echo "ERROR: $path answered $got, expected $want" >&2
        rm -f "$tmp/html/$name.html"
        failed=1
    fi
}
# Every site page the pages sitemap lists (home, picker, models, methodology, API docs, and
# any page added to it later), then one of each page with a parameter, and the error pages.
site_pages=$(curl -fsS "$base/sitemaps/pages.xml" | grep -o '<loc>[^<]*</loc>' |
    sed -e 's#<loc>[^/]*//[^/]*##' -e 's#</loc>##' | grep -v '^/models/.')
[ "$(echo "$site_pages" | wc -l)" -ge 5 ] || { echo "the pages sitemap lists too few pages: $site_pages" >&2; exit 1; }
for path in $site_pages; do
    name=site$(echo "$path" | tr '/' '-')
    fetch "${name%-}" "$path" 200
done
fetch compare /compare/gpt-4o-mini-vs-gpt-4-1-mini 200
fetch compare-workload '/compare/gpt-4o-mini-vs-gpt-4-1-mini?input=100000&output=2000&requests=1000000' 200
fetch error-400 '/compare/gpt-4o-mini-vs-gpt-4-1-mini?input=-5' 400
fetch error-404 /compare/gpt-4o-mini-vs-nope 404
fetch model /models/gpt-4o-mini 200

echo "validating $(ls "$tmp/html" | wc -l) pages with vnu-jar $VNU_VERSION"
set +e
java -jar "$VNU_JAR" --errors-only --format text "$tmp"/html/*.html >"$tmp/vnu.txt" 2>&1
vnu_status=$?
set -e
# Name each page by its file (compare.html), not the temp dir's URL.
sed "s#file:$tmp/html/##" "$tmp/vnu.txt"
if [ "$vnu_status" -ne 0 ]; then
    echo "HTML validation FAILED: $(grep -c '^Error:' "$tmp/vnu.txt" || true) error(s)" >&2
    exit 1
fi
if [ "$failed" -ne 0 ]; then
    echo "HTML validation FAILED: a page answered the wrong status" >&2
    exit 1
fi
echo "HTML validation passed"
