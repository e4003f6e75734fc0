#!/usr/bin/env bash
# bench/report: `pipeline report` over a ledger of N runs × P points, next to a Python script that only reads the same
# files once (the floor any report pays). Prints the build time, the ratio, the page count and the largest page, for
# the ledger with JSONL series (older ledgers) and again after `runs commit` made them compact, with phase timings.
# Usage: bench/report/run.sh [runs=1000] [points=10000]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-1000}; points=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/src/Pipeline.Cli" -o "$work/cli" >/dev/null
repo="$work/repo"
git init -q -b main "$repo"
git -C "$repo" -c user.name=b -c user.email=b@b commit -q --allow-empty -m init
python3 "$here/make_ledger.py" "$repo/registry/runs" "$n" "$points"
echo "ledger: $n runs × $points points ($(du -sh "$repo/registry/runs" | cut -f1))"

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
py=$(ms python3 "$here/read_ledger.py" "$repo/registry/runs")
# PIPELINE_REPORT_TIMING=1 prints where the time goes (thread-summed phases) on stderr.
report() { # label: one report build over the ledger as it is now
  local start json ms
  start=$(date +%s%N)
  json=$(PIPELINE_REPORT_TIMING=1 dotnet "$work/cli/pipeline.dll" report --repo "$repo" --out "$work/site-$1" --json 2>"$work/timing-$1")
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  python3 "$here/summary.py" "$json" "$ms" "$py" "$1"
  sed 's/^/  /' "$work/timing-$1"
}
echo "python read-only floor (json.loads of every JSONL line): $py ms"
# The same ledger twice: as older ledgers hold it (JSONL series), then as the tool commits it (compact .series.bin).
report jsonl
ids=$(cd "$repo/registry/runs" && ls -- *.json | sed 's/\.json$//')
# shellcheck disable=SC2086
dotnet "$work/cli/pipeline.dll" runs commit $ids --repo "$repo" >/dev/null
echo "ledger compacted by runs commit: $(du -sh "$repo/registry/runs" | cut -f1)"
report compact
