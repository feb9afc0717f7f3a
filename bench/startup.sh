#!/usr/bin/env bash
# Startup: how long the published Concord web host takes from launch to its first 200 on /health,
#   1. first run on an empty store (migrations and loading the data pack),
#   2. a second cold start on the store run 1 seeded,
# against the stack's limit: 3. a plain Kestrel hello world (`dotnet new web`), published the same way, to its first
# 200 on /. Each server is measured by /usr/bin/time (CPU, peak memory) and listens on its own loopback port; each run
# writes to its own folder under a temp dir, deleted on exit. Only the processes this script starts are stopped, by
# their PID.
#
#   bench/startup.sh                 # publish both (Release), run each once, print the table
#   KEEP=1 bench/startup.sh          # keep the temp dir (logs, published output)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ ! -x /usr/bin/time ]]; then
  [[ $(id -u) -eq 0 ]] || { echo "bench/startup.sh: /usr/bin/time is missing (apt-get install -y time, as root)" >&2; exit 1; }
  echo "/usr/bin/time is missing; installing the Debian package time..." >&2
  apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/concord-startup.XXXXXX")"
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill -TERM "$server_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  if [[ -n ${KEEP:-} ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
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

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Both are published for this machine's runtime identifier, which makes them ReadyToRun (precompiled; Concord.Web.csproj
# turns it on for any publish with a runtime identifier, as the README's production build is): the JIT is most of a
# cold start otherwise.
rid="$(dotnet --info | awk '$1 == "RID:" {print $2; exit}')"
echo "== Publishing Concord.Web (Release, $rid, ReadyToRun) to $work/concord"
dotnet publish src/Concord.Web -c Release -r "$rid" --self-contained false -o "$work/concord" -nologo -v q -clp:ErrorsOnly >/dev/null

echo "== Generating and publishing a Kestrel hello world (dotnet new web) to $work/hello"
mkdir -p "$work/hello-src"
# Outside the repository, so neither its global.json nor its Directory.*.props apply: the stock template as is.
(cd "$work/hello-src" && dotnet new web -n Hello -o . >/dev/null \
  && dotnet publish -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$work/hello" -nologo -v q -clp:ErrorsOnly >/dev/null)

# run NAME URL-PATH EXECUTABLE [ENV=VALUE...]: starts the server under /usr/bin/time, polls URL-PATH every 20 ms until
# it answers 200, stops the server by its PID and appends one row (name, ms to 200, wall, CPU, peak RSS) to the table.
rows=()
run() {
  local name=$1 path=$2 exe=$3; shift 3
  local dir="$work/$name" port pidfile started answered
  mkdir -p "$dir"
  port="$(free_port)"
  pidfile="$dir/server.pid"
  started=$(now_ms)
  # The port goes on the command line: Concord's appsettings.json sets Urls, which overrides ASPNETCORE_URLS (set as
  # well, for the hello world). sh records its own PID and execs the server in its place, so that PID is the server's.
  env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production "$@" \
    /usr/bin/time -f '%e %U %S %M' -o "$dir/time" \
    sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$exe" --urls "http://127.0.0.1:$port" >"$dir/server.log" 2>&1 &
  local time_pid=$!
  answered=
  for _ in $(seq 1 6000); do
    [[ -z $server_pid && -s $pidfile ]] && server_pid=$(cat "$pidfile")
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path" 2>/dev/null) == 200 ]]; then
      answered=$(now_ms)
      break
    fi
    if ! kill -0 "$time_pid" 2>/dev/null; then echo "$name exited before answering; log:" >&2; cat "$dir/server.log" >&2; exit 1; fi
    sleep 0.02
  done
  [[ -n $answered ]] || { echo "$name did not answer within 120 s; log:" >&2; cat "$dir/server.log" >&2; exit 1; }
  [[ -n $server_pid ]] || server_pid=$(cat "$pidfile")
  kill -TERM "$server_pid"
  wait "$time_pid" || true
  server_pid=
  local wall user sys rss
  read -r wall user sys rss <"$dir/time"
  rows+=("$(printf '%-44s %10s %9s %9s %9s' "$name" "$(( answered - started ))" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$(( rss / 1024 ))")")
}

store="$work/store"
mkdir -p "$store"
echo "== 1. Concord, first run on an empty store ($store/concord.db)"
run concord-first-run /health "$work/concord/Concord.Web" ConnectionStrings__Concord="Data Source=$store/concord.db"
echo "== 2. Concord, second cold start on the store run 1 seeded"
run concord-second-start /health "$work/concord/Concord.Web" ConnectionStrings__Concord="Data Source=$store/concord.db"
echo "== 3. Kestrel hello world"
run kestrel-hello-world / "$work/hello/Hello"

echo
echo "== Concord's own startup log"
for name in concord-first-run concord-second-start; do
  echo "-- $name"
  grep -E 'Startup: ' "$work/$name/server.log" | sed 's/^ */   /' || true
done

echo
echo "== Result ($(nproc) cores, shared; one run each, so expect noise)"
printf '%-44s %10s %9s %9s %9s\n' "server" "ms to 200" "wall s" "CPU s" "RSS MiB"
printf '%s\n' "${rows[@]}"
echo "(ms to 200: launch to first 200; wall, CPU (user+sys) and peak RSS from /usr/bin/time, over the whole"
echo " process, which is stopped right after its first 200.)"
