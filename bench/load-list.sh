#!/usr/bin/env bash
# HTTP load: GET /api/v1/decisions as a reader who does not see everything (a German delegation cleared NATO
# RESTRICTED, with a personal access token), on a Concord server over the seeded store and over the 100k-event store,
# each server's RSS sampled while it is under load. The seeded store is the floor: the same endpoint, the same reader,
# on the store every installation starts with. Servers run one at a time, each on its own loopback port and its own
# copy of the store, and are stopped by their PID.
#
# A list on the 100k store takes over a second of CPU (before the rewrite), so with 32 connections on 2 cores a
# response takes tens of seconds: runs are 60 s long, wrk waits up to 60 s for a response (a slower one is counted as
# a timeout, and reported; one still running when the run ends is not counted at all), and the warm-up uses one
# connection, so no warm-up request is still running when the measured run starts. CONNECTIONS=1 gives the time of one
# request with nothing queued before it.
#
#   bench/load-list.sh                        # defaults: wrk -t2 -c32 -d60s --timeout 60s after a 3 s warm-up, 2 rounds
#   ROUNDS=3 DURATION=60s bench/load-list.sh  # THREADS, CONNECTIONS, WARMUP, TIMEOUT likewise
#   STORES="seeded 100k" bench/load-list.sh   # any `make-store` names (seeded, 100k, dashboard, probes, a number of events)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-60s}"
WARMUP="${WARMUP:-3s}"
TIMEOUT="${TIMEOUT:-60s}"
ROUNDS="${ROUNDS:-2}"
read -r -a stores <<<"${STORES:-seeded 100k}"
ROUTE="/api/v1/decisions"
USER_NAME="bench-deu"

if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing it (apt-get install -y wrk)..." >&2
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/concord-load-list.XXXXXX")"
server=""
sampler=""
cleanup() {
  # Only what this script started, by PID: the RSS sampler, then the server.
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; fi
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! ss -Hltn "sport = :$port" | grep -q .; then echo "$port"; return; fi
  done
}

wait_for() { # URL PID LOG
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then echo "server exited; log:" >&2; cat "$3" >&2; return 1; fi
    sleep 0.5
  done
  echo "timed out waiting for $1; log:" >&2; cat "$3" >&2; return 1
}

echo "== Building (Release): benchmarks (with the web host) and the command line"
dotnet build bench/Concord.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly
dotnet build src/Concord.Cli -c Release -nologo -v q -clp:ErrorsOnly
concord() { dotnet src/Concord.Cli/bin/Release/net10.0/concord.dll "$@"; }

# Each store: a copy of the cached store (made once by the benchmarks' make-store), with the reader's account and token.
declare -A token
for store in "${stores[@]}"; do
  dir="$work/$store"
  echo "== Store '$store' (a copy of the cached one) in $dir"
  dotnet run -c Release --no-build --project bench/Concord.Benchmarks -- make-store "$store" "$dir" | tail -1
  password="bench-$RANDOM-$RANDOM-$RANDOM"
  printf '%s\n' "$password" | concord --database "$dir/concord.db" users add "$USER_NAME" --role Delegation --nationality DEU \
    --clearance "NATO RESTRICTED" >/dev/null
  token[$store]="$(concord --database "$dir/concord.db" tokens issue "$USER_NAME" --name bench | head -1)"
  [[ "${token[$store]}" == concord_pat_* ]] || { echo "no token issued for $store" >&2; exit 1; }
done

# One server on one store: start (--urls as well, or appsettings.json's Urls would win over ASPNETCORE_URLS), check the answer, idle RSS, warm-up, then wrk while sampling RSS every 0.2 s.
run_round() { # STORE ROUND
  local store="$1" round="$2" dir="$work/$1" port log out rss_idle
  port="$(free_port)"
  log="$work/$store-$round.log"
  ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ConnectionStrings__Concord="Data Source=$dir/concord.db" Concord__SeedOnFirstRun=false \
    dotnet src/Concord.Web/bin/Release/net10.0/Concord.Web.dll --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
  server=$!
  wait_for "http://127.0.0.1:$port/health" "$server" "$log"
  local header="Authorization: Bearer ${token[$store]}"
  curl -fsS -H "$header" "http://127.0.0.1:$port$ROUTE" -o "$work/$store.json"
  local count withheld
  count="$({ grep -o '"id":' "$work/$store.json" || true; } | wc -l)"
  withheld="$({ grep -o '"positionsShown":false' "$work/$store.json" || true; } | wc -l)"
  rss_idle="$(ps -o rss= -p "$server" | tr -d ' ')"
  echo "== $store, round $round: port $port, PID $server; $ROUTE -> $(wc -c <"$work/$store.json") bytes, $count decisions ($withheld redacted); RSS idle $((rss_idle / 1024)) MiB"
  wrk -t1 -c1 -d"$WARMUP" --timeout "$TIMEOUT" -H "$header" "http://127.0.0.1:$port$ROUTE" >/dev/null
  out="$work/$store-$round.wrk"
  ( while kill -0 "$server" 2>/dev/null; do ps -o rss= -p "$server" 2>/dev/null || true; sleep 0.2; done ) >"$work/$store-$round.rss" &
  sampler=$!
  wrk -t"$(( THREADS < CONNECTIONS ? THREADS : CONNECTIONS ))" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency -H "$header" "http://127.0.0.1:$port$ROUTE" >"$out"
  local rss_end
  rss_end="$(ps -o rss= -p "$server" | tr -d ' ')"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""
  kill -TERM "$server"; wait "$server" 2>/dev/null || true; server=""
  if grep -q "Non-2xx" "$out"; then echo "$store answered errors:" >&2; cat "$out" >&2; exit 1; fi
  local rps p50 p99 rss_peak requests errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  requests="$(awk '/requests in/ {print $1}' "$out")"
  errors="$(grep -o 'Socket errors:.*' "$out" || echo "no socket errors")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  rss_peak="$(sort -n "$work/$store-$round.rss" | tail -1 | tr -d ' ')"
  echo "$store $round $rps $p50 $p99 $rss_idle $rss_peak $rss_end" >>"$work/results"
  printf '   %10s req/s (%s responses; %s)  p50 %-9s p99 %-9s RSS under load: peak %d MiB, at the end %d MiB\n' \
    "$rps" "$requests" "$errors" "$p50" "$p99" $((rss_peak / 1024)) $((rss_end / 1024))
}

for round in $(seq 1 "$ROUNDS"); do
  for store in "${stores[@]}"; do run_round "$store" "$round"; done
done

echo
echo "== Result ($(nproc) cores, wrk on the same machine; -t$(( THREADS < CONNECTIONS ? THREADS : CONNECTIONS )) -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT, $ROUNDS rounds; GET $ROUTE as a Delegation DEU cleared NATO RESTRICTED)"
awk -v floor="${stores[0]}" '
  { rps[$1] = rps[$1] " " $3; peak[$1] = peak[$1] " " int($7 / 1024); n[$1]++; sum[$1] += $3; psum[$1] += $7; order[NR] = $1 }
  END {
    printf "%-10s %-28s %-10s %-24s\n", "store", "req/s per round", "mean", "RSS peak MiB per round"
    for (i = 1; i <= NR; i++) { s = order[i]; if (seen[s]++) continue
      printf "%-10s %-28s %-10.1f %-24s\n", s, rps[s], sum[s] / n[s], peak[s] }
    for (s in n) if (s != floor) {
      printf "Ratio %s / %s: throughput %.4f", s, floor, (sum[s] / n[s]) / (sum[floor] / n[floor])
      if (sum[s] > 0) printf " (%s serves %.1fx as many)", floor, (sum[floor] / n[floor]) / (sum[s] / n[s])
      else printf " (no response from %s completed within the run)", s
      printf ", RSS peak %.2f\n", (psum[s] / n[s]) / (psum[floor] / n[floor])
    }
  }' "$work/results"
