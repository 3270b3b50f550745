#!/usr/bin/env bash
# Load test of `dossier serve` on a store of N generated documents (default
# 10,000), driven by wrk on loopback, bounded in time. Reports the start time
# (until the first answer) and resident memory, then throughput and latency
# percentiles (p50/p90/p99) of the store-backed answers (an entity's API
# record, an entity list page and a name filter, search: one query repeated,
# which the server caches until the next write, and 1,600 different two-word
# queries, which it mostly does not), the memory after them; then the lists
# and pages issue 13 moved to the store last (claims, events, an event,
# findings and documents APIs; home, search, document, claims, findings,
# events and documents pages), timing the first (a server that builds the
# whole-corpus view builds it there) and the memory after them; then the
# entity and event pages (read from the store since they moved; before,
# the first of them built that view), the first request of each timed, and
# the memory after them. PAGES_ONLY=1 skips everything between the start
# and those two pages.
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

EVENT=$(curl -s "$BASE/api/v1/events?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
echo "== wrk: $CONC connections, $THREADS threads, $DUR per endpoint"
if [ -z "${PAGES_ONLY:-}" ]; then
run "entity (API)" "$BASE/api/v1/entities/$ENC"
run "entities (API, list)" "$BASE/api/v1/entities?kind=group&limit=50"
run "entities (API, name)" "$BASE/api/v1/entities?q=$QW&limit=50"
run "search (API, same)" "$BASE/api/v1/search?q=$QW"
run "search (API, varied)" "$BASE" crates/server/benches/search.lua
echo "== RSS after the API load: $(rss)"
# The lists and pages issue 13 moved to the store last: before, the first
# of them built the whole-corpus view.
FIRST=$(curl -s -o /dev/null -w '%{time_total}' --max-time 1200 "$BASE/api/v1/claims?limit=50")
echo "== first list answer (claims): $FIRST s; RSS $(rss)"
DOC=$(curl -s "$BASE/api/v1/documents?limit=1&relevant=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
run "claims (API)" "$BASE/api/v1/claims?limit=50"
run "claims (API, subject)" "$BASE/api/v1/claims?subject=$ENC&limit=50"
run "events (API)" "$BASE/api/v1/events?limit=50"
run "events (API, group)" "$BASE/api/v1/events?group=$ENC&min_killed=1&limit=50"
run "event (API)" "$BASE/api/v1/events/$EVENT"
run "findings (API)" "$BASE/api/v1/findings?verdict=conflict&limit=50"
run "documents (API)" "$BASE/api/v1/documents?limit=50"
run "documents (API, rel.)" "$BASE/api/v1/documents?relevant=1&limit=50"
run "home page (HTML)" "$BASE/"
run "search page (HTML)" "$BASE/search?q=$QW"
run "document page (HTML)" "$BASE/doc/$DOC"
run "claims page (HTML)" "$BASE/claims"
run "findings page (HTML)" "$BASE/findings?verdict=conflict"
run "events page (HTML)" "$BASE/events"
run "documents page (HTML)" "$BASE/documents"
echo "== RSS after the lists and pages: $(rss)"
fi
FIRST=$(curl -s -o /dev/null -w '%{time_total}' --max-time 1200 "$BASE/entity/$ENC")
echo "== entity page, first: $FIRST s; RSS $(rss)"
run "entity page (HTML)" "$BASE/entity/$ENC"
echo "== RSS after the entity page: $(rss)"
# The pages of the VARIED entities listed first (default 1,000, at most
# the API's page limit), in turn: on the first pass every request misses.
export PATHS=${TMPDIR:-/tmp}/dossier-load-paths.$$
curl -s "$BASE/api/v1/entities?limit=${VARIED:-1000}" \
  | python3 -c 'import json,sys,urllib.parse; [print("/entity/" + urllib.parse.quote(e["id"], safe=":")) for e in json.load(sys.stdin)["items"]]' >"$PATHS"
run "entity pages (varied)" "$BASE" crates/server/benches/paths.lua
echo "== RSS after the varied entity pages: $(rss) ($(wc -l <"$PATHS") pages)"
rm -f "$PATHS"
# The event of that group with the most reports.
BIG=$(curl -s "$BASE/api/v1/events?group=$ENC&limit=1000" | python3 -c 'import json,sys; e=max(json.load(sys.stdin)["items"], key=lambda v: len(v["reports"])); print(e["id"], len(e["reports"]))')
echo "== event $BIG reports"
BIG=${BIG%% *}
FIRST=$(curl -s -o /dev/null -w '%{time_total}' --max-time 1200 "$BASE/events/$BIG")
echo "== event page, first: $FIRST s; RSS $(rss)"
run "event page (HTML)" "$BASE/events/$BIG"
echo "== RSS after the event page: $(rss)"
