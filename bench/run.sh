#!/usr/bin/env bash
# Runs Concord's BenchmarkDotNet suite in Release (see bench/README.md). Not part of `dotnet test`.
#
#   bench/run.sh            # everything: prepare the cached stores, then every class but the planner
#   bench/run.sh outcome    # one class: outcome | append | asof | accession | rebuild | list | dashboard | positions | planner | sampler
#   bench/run.sh make-store 100k [DIR]   # one cached store (seeded, probes, 100k, dashboard, append, 1m, accession, or a
#                                        # number of events for a realistic store), copied to DIR/concord.db with DIR
#   EXTRA="--exporters json" bench/run.sh   # extra BenchmarkDotNet arguments
#
# Outcome, Append, AsOf, AccessionAsOf, DecisionList and Dashboard run under `--job short` (1 launch, 3 warmups,
# 3 iterations). Rebuild (minutes per operation) and PositionAppend (a fixed 32 operations per iteration, so the
# decisions it records on barely grow) have their own jobs and run without --job.
# Results: bench/BenchmarkDotNet.Artifacts/results/*-report-github.md
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="$root/bench/BenchmarkDotNet.Artifacts"
read -r -a extra <<<"${EXTRA:-}"

dotnet build bench/Concord.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly
# The stores are imported by Concord's own command line, built from the same sources.
dotnet build src/Concord.Cli -c Release -nologo -v q -clp:ErrorsOnly
bench() { dotnet run -c Release --no-build --project bench/Concord.Benchmarks -- "$@"; }

if [[ "${1:-}" == make-store ]]; then shift; bench make-store "$@"; exit; fi

# The cached stores, made once under ${CONCORD_BENCH_CACHE:-$TMPDIR/concord-bench} and reused by every later run (and
# imported again when the sources under src/ change): see bench/README.md, "The stores".
[[ "${1:-all}" == planner || "${1:-all}" == outcome || "${1:-all}" == sampler ]] || bench prepare

short() { bench --filter "$@" --job short --artifacts "$artifacts" "${extra[@]}"; }
own() { bench --filter "$@" --artifacts "$artifacts" "${extra[@]}"; }

case "${1:-all}" in
  outcome)   short '*OutcomeBenchmarks*' ;;
  append)    short '*.AppendBenchmarks*' ;;
  asof)      short '*.AsOfBenchmarks*' ;;
  accession) short '*AccessionAsOfBenchmarks*' ;;
  list)      short '*DecisionListBenchmarks*' ;;
  dashboard) short '*DashboardBenchmarks*' ;;
  rebuild)   own '*RebuildBenchmarks*' ;;
  positions) own '*PositionAppendBenchmarks*' ;;
  planner)   short '*PlannerBenchmarks*' ;;
  sampler)   short '*SamplerBenchmarks*' ;;
  all)
    short '*OutcomeBenchmarks*' '*.AppendBenchmarks*' '*.AsOfBenchmarks*' '*AccessionAsOfBenchmarks*' '*DecisionListBenchmarks*' '*DashboardBenchmarks*'
    own '*RebuildBenchmarks*' '*PositionAppendBenchmarks*'
    ;;
  *) echo "usage: bench/run.sh [outcome|append|asof|accession|list|dashboard|rebuild|positions|planner|sampler|all] | make-store NAME [DIR]" >&2; exit 2 ;;
esac

echo
for report in "$artifacts"/results/*-report-github.md; do
  echo "== ${report#"$root"/}"
  sed -n '/^|/p' "$report"
done
