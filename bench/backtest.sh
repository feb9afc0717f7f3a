#!/usr/bin/env bash
# The forecast backtest's speed: `concord forecast backtest` (origins every 30 days; goal under 60 s) and its fast mode
# `--fast` (every 90 days; goal under 20 s), each in a fresh process on a freshly seeded temporary store, so no fit is
# kept from a run before. Prints the seconds the command reports (the backtest alone) and the process's wall time (with
# start-up and seeding). The reports are written to the temp dir, deleted on exit (KEEP=1 keeps it).
#
#   bench/backtest.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d "${TMPDIR:-/tmp}/concord-backtest.XXXXXX")"
cleanup() { if [[ -n ${KEEP:-} ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT

dotnet build src/Concord.Cli -c Release -nologo -v q -clp:ErrorsOnly
cli=(dotnet "$root/src/Concord.Cli/bin/Release/net10.0/concord.dll")
# Seed the store once, so that neither timed run pays for it.
"${cli[@]}" accession list --database "$work/concord.db" >/dev/null

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in full fast; do
  args=(forecast backtest --database "$work/concord.db" --out "$work/$mode.md")
  [[ $mode == fast ]] && args+=(--fast)
  start=$(date +%s.%N)
  line=$("${cli[@]}" "${args[@]}" | grep '^Backtest of the accession forecast')
  end=$(date +%s.%N)
  printf '%s: %s (wall %.1f s)\n' "$mode" "$(grep -o '[0-9.]* s\.$' <<<"$line")" "$(echo "$end - $start" | bc)"
done
