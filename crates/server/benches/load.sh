#!/usr/bin/env bash
# Load test of `dossier serve` on a store of N generated documents (default
# 10,000), driven by wrk on loopback, bounded in time. Reports the start time
# (until the first answer) and resident memory, then throughput and latency
# percentiles (p50/p90/p99) of the store-backed answers (an entity's API
# record, an entity list page, search: one query repeated, which the server
# caches until the next write, and 1,600 different two-word queries, which it
# mostly does not), the memory after them, then the pages that still build
# the whole-corpus view (entity page, search page, home page) and the memory
# after those.
#
#   crates/server/benches/load.sh            # N=10000, 50 connections, 15 s each
#   N=2000 CONC=20 DUR=5s crates/server/benches/load.sh
#   BIN=/tmp/before/target/release/dossier DB=/tmp/b.db crates/server/benches/load.sh
#
# BIN picks the binary (default: built here, release). The store is brought
# up to date by `dossier reconcile` (timed) before the server starts, so that
# the start time is the server's own; SKIP_RECONCILE=1 skips that step (for a
# binary whose server does not read the stored results, before issue 13). Needs wrk (Debian: apt-get install wrk)
# and curl. The store is built once by `dossier bench --reconcile N
# --bench-db DB` and reused on later runs.
set -euo pipefail
cd "$(dirname "$0")/../../.."

N=${N:-10000}
CONC=${CONC:-50}
DUR=${DUR:-15s}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
DB=${DB:-target/bench/serve-$N.db}
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl not found: apt-get install curl" >&2; exit 2; }

BIN=${BIN:-}
if [ -z "$BIN" ]; then
  cargo build --release -q -p dossier-cli
  BIN=target/release/dossier
fi
mkdir -p "$(dirname "$DB")"
echo "== store: $DB ($N documents)"
if [ ! -f "$DB" ]; then
  "$BIN" bench --reconcile "$N" --bench-db "$DB" | sed 's/^/   /'
fi
if [ -z "${SKIP_RECONCILE:-}" ]; then
  T0=$(date +%s.%N)
  "$BIN" reconcile --db "$DB" | sed 's/^/   /'
  echo "== dossier reconcile: $(python3 -c "print(f'{$(date +%s.%N) - $T0:.1f} s')")"
fi

rss() { ps -o rss= -p "$PID" | awk '{printf "%.0f MiB", $1/1024}'; }

"$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" --token bench-token &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
START=$(date +%s.%N)
until curl -sf "$BASE/api/v1/stats" >/dev/null; do
  if ! kill -0 $PID 2>/dev/null; then echo "server died" >&2; exit 1; fi
  if python3 -c "import sys; sys.exit(0 if $(date +%s.%N) - $START > 1200 else 1)"; then
    echo "server not up in 1200 s" >&2; exit 1
  fi
  sleep 0.05
done
echo "== server up in $(python3 -c "print(f'{$(date +%s.%N) - $START:.2f} s')"); RSS $(rss)"
curl -s "$BASE/api/v1/stats"; echo

# The group with the most claims, and a word of its name to search for.
PICK='import json,sys; g=max(json.load(sys.stdin)["items"], key=lambda e: e["claims"])'
ENTITY=$(curl -s "$BASE/api/v1/entities?kind=group&limit=1000" | python3 -c "$PICK; print(g['id'])")
WORD=$(curl -s "$BASE/api/v1/entities?kind=group&limit=1000" | python3 -c "$PICK; print(g['name'].split()[0])")
ENC=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=":"))' "$ENTITY")
QW=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$WORD")
echo "== entity $ENTITY ($(curl -s "$BASE/api/v1/entities/$ENC" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(len(j["claims"]), "claims,", len(j["events"]), "events")')); search word: $WORD"

run() {
  local name=$1 url=$2 script=${3:-}
  local out
  out=$(wrk -t"$THREADS" -c"$CONC" -d"$DUR" --timeout 10s --latency ${script:+-s "$script"} "$url")
  local rps p50 p90 p99 errs
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p90=$(awk '$1=="90%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf '%-22s %10s req/s   p50 %8s   p90 %8s   p99 %8s   %s\n' "$name" "$rps" "$p50" "$p90" "$p99" "$errs"
}

echo "== wrk: $CONC connections, $THREADS threads, $DUR per endpoint"
run "entity (API)" "$BASE/api/v1/entities/$ENC"
run "entities (API, list)" "$BASE/api/v1/entities?kind=group&limit=50"
run "search (API, same)" "$BASE/api/v1/search?q=$QW"
run "search (API, varied)" "$BASE" crates/server/benches/search.lua
echo "== RSS after the API load: $(rss)"
FIRST=$(curl -s -o /dev/null -w '%{time_total}' --max-time 1200 "$BASE/entity/$ENC")
echo "== first HTML page: $FIRST s (a server that reads the stored results builds the whole-corpus view for it); RSS $(rss)"
run "entity page (HTML)" "$BASE/entity/$ENC"
run "search page (HTML)" "$BASE/search?q=$QW"
run "home page (HTML)" "$BASE/"
echo "== RSS after the HTML pages: $(rss)"
