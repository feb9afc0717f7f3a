#!/usr/bin/env bash
# HTTP load: GET /api/v1/decisions/invite-ukraine-washington-2024 on a locally started Concord (Release, fresh seeded
# SQLite file) against its floor, Kestrel serving the same JSON bytes statically (Concord.Benchmarks static-json).
# Loopback only, bounded: wrk -t2 -c32 -d10s per server, after a 10 s warm-up each (the runtime's tiered compilation
# keeps recompiling hot methods for several seconds under load; a shorter warm-up measures the JIT, not the server).
# Both servers are stopped on exit.
#
#   bench/load.sh                 # defaults
#   DURATION=30s bench/load.sh    # longer runs (THREADS, CONNECTIONS, WARMUP likewise)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
DECISION="invite-ukraine-washington-2024"
# Another read may be measured the same way: ROUTE="/api/v1/search?q=Leopard" bench/load.sh (a public GET; the decision's
# outcome is checked only for the default route).
ROUTE="${ROUTE:-/api/v1/decisions/$DECISION}"

if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing it (apt-get install -y wrk)..." >&2
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/concord-load.XXXXXX")"
pids=()
cleanup() {
  # Each server runs in its own process group (setsid): stop the group, so `dotnet run`'s child goes too.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
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

echo "== Building (Release)"
dotnet build bench/Concord.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly

concord_port="$(free_port)"
echo "== Starting Concord on http://127.0.0.1:$concord_port (store $work/concord.db)"
ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 ConnectionStrings__Concord="Data Source=$work/concord.db" \
  setsid dotnet run -c Release --no-build --no-launch-profile --project src/Concord.Web -- \
  --urls "http://127.0.0.1:$concord_port" >"$work/concord.log" 2>&1 &
pids+=("$!")
wait_for "http://127.0.0.1:$concord_port/health" "${pids[-1]}" "$work/concord.log"

curl -fsS "http://127.0.0.1:$concord_port$ROUTE" -o "$work/decision.json"
if [ "$ROUTE" = "/api/v1/decisions/$DECISION" ]; then
  grep -q '"outcome":"lapsed"' "$work/decision.json" || { echo "unexpected response:" >&2; cat "$work/decision.json" >&2; exit 1; }
  echo "   $ROUTE -> $(wc -c <"$work/decision.json") bytes of JSON (outcome lapsed: concluded at Washington on 2024-07-11)"
else
  echo "   $ROUTE -> $(wc -c <"$work/decision.json") bytes"
fi

static_port="$(free_port)"
while [ "$static_port" = "$concord_port" ]; do static_port="$(free_port)"; done
echo "== Starting the static floor on http://127.0.0.1:$static_port (Kestrel, the same bytes)"
ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 \
  setsid dotnet run -c Release --no-build --no-launch-profile --project bench/Concord.Benchmarks -- \
  static-json "$work/decision.json" "$static_port" >"$work/static.log" 2>&1 &
pids+=("$!")
wait_for "http://127.0.0.1:$static_port$ROUTE" "${pids[-1]}" "$work/static.log"
curl -fsS "http://127.0.0.1:$static_port$ROUTE" -o "$work/static.json"
cmp -s "$work/decision.json" "$work/static.json" || { echo "the static server does not serve the same bytes" >&2; exit 1; }

run_wrk() { # NAME PORT
  echo "== $1: warm-up $WARMUP"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$2$ROUTE" >/dev/null
  echo "== $1: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency http://127.0.0.1:$2$ROUTE"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2$ROUTE" | tee "$work/$1.wrk"
  if grep -q "Non-2xx" "$work/$1.wrk"; then echo "$1 answered errors" >&2; exit 1; fi
}

run_wrk concord "$concord_port"
run_wrk static "$static_port"

concord_rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/concord.wrk")"
static_rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/static.wrk")"
concord_p50="$(awk '$1 == "50%" {print $2}' "$work/concord.wrk")"
static_p50="$(awk '$1 == "50%" {print $2}' "$work/static.wrk")"
concord_p99="$(awk '$1 == "99%" {print $2}' "$work/concord.wrk")"
static_p99="$(awk '$1 == "99%" {print $2}' "$work/static.wrk")"
echo
echo "== Result ($(nproc) cores, wrk on the same machine; -t$THREADS -c$CONNECTIONS -d$DURATION)"
printf '%-34s %12s req/s   p50 %s   p99 %s\n' "Concord GET $ROUTE" "$concord_rps" "$concord_p50" "$concord_p99"
printf '%-34s %12s req/s   p50 %s   p99 %s\n' "Kestrel static, same bytes" "$static_rps" "$static_p50" "$static_p99"
awk -v c="$concord_rps" -v s="$static_rps" \
  'BEGIN { printf "Ratio Concord / static floor: %.3f (the floor is %.1fx faster)\n", c / s, s / c }'
