#!/usr/bin/env bash
# Runs Concord's BenchmarkDotNet suite in Release (see bench/README.md). Not part of `dotnet test`.
#
#   bench/run.sh            # everything: prepare the cached stores, then the five classes
#   bench/run.sh outcome    # one class: outcome | append | asof | accession | rebuild | planner (no cached stores needed)
#   EXTRA="--exporters json" bench/run.sh   # extra BenchmarkDotNet arguments
#
# Outcome, Append, AsOf and AccessionAsOf run under `--job short` (1 launch, 3 warmups, 3 iterations). Rebuild takes
# minutes per operation, so it runs under its own job (Monitoring, 1 launch, 0 warmups, 3 iterations) and without --job.
# Results: bench/BenchmarkDotNet.Artifacts/results/*-report-github.md
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="$root/bench/BenchmarkDotNet.Artifacts"
read -r -a extra <<<"${EXTRA:-}"

dotnet build bench/Concord.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly
bench() { dotnet run -c Release --no-build --project bench/Concord.Benchmarks -- "$@"; }

# The cached stores (2,000-decision append store; 1,000,032-event store; the same plus a 32 x 6-stage accession,
# 1,000,266 events): generated once under ${CONCORD_BENCH_CACHE:-$TMPDIR/concord-bench}, reused by every later run.
[[ "${1:-all}" == planner ]] || bench prepare

case "${1:-all}" in
  outcome) bench --filter '*OutcomeBenchmarks*' --job short --artifacts "$artifacts" "${extra[@]}" ;;
  append)  bench --filter '*AppendBenchmarks*' --job short --artifacts "$artifacts" "${extra[@]}" ;;
  asof)    bench --filter '*.AsOfBenchmarks*' --job short --artifacts "$artifacts" "${extra[@]}" ;;
  accession) bench --filter '*AccessionAsOfBenchmarks*' --job short --artifacts "$artifacts" "${extra[@]}" ;;
  rebuild) bench --filter '*RebuildBenchmarks*' --artifacts "$artifacts" "${extra[@]}" ;;
  planner) bench --filter '*PlannerBenchmarks*' --job short --artifacts "$artifacts" "${extra[@]}" ;;
  all)
    bench --filter '*OutcomeBenchmarks*' '*AppendBenchmarks*' '*.AsOfBenchmarks*' '*AccessionAsOfBenchmarks*' --job short --artifacts "$artifacts" "${extra[@]}"
    bench --filter '*RebuildBenchmarks*' --artifacts "$artifacts" "${extra[@]}"
    ;;
  *) echo "usage: bench/run.sh [outcome|append|asof|accession|rebuild|planner|all]" >&2; exit 2 ;;
esac

echo
for report in "$artifacts"/results/*-report-github.md; do
  echo "== ${report#"$root"/}"
  sed -n '/^|/p' "$report"
done
