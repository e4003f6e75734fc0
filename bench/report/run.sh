#!/usr/bin/env bash
# bench/report: `pipeline report` over a ledger of N runs × P points, next to a Python script that only reads the same
# files once (the floor any report pays). Prints runs, points, wall and CPU seconds (user+sys: the figure a shared
# machine's load does not inflate), the ratio to the floor, the largest page and PASS/FAIL for the goal (< 10 s wall,
# no page > 2 MiB), for the ledger with JSONL series (older ledgers) and again after `runs commit` made them compact,
# with phase timings. The load average is printed beside the figures: wall time is only meaningful on an idle machine.
# Usage: bench/report/run.sh [runs=1000] [points=10000]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-1000}; points=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# PIPELINE_BENCH_CLI=DIR reuses a Release build of src/Pipeline.Cli (its output folder) instead of building one.
if [ -n "${PIPELINE_BENCH_CLI:-}" ]; then
  cp -r "$PIPELINE_BENCH_CLI" "$work/cli"
else
  dotnet build -c Release "$root/src/Pipeline.Cli" -o "$work/cli" >/dev/null
fi
repo="$work/repo"
git init -q -b main "$repo"
git -C "$repo" -c user.name=b -c user.email=b@b commit -q --allow-empty -m init
python3 "$here/make_ledger.py" "$repo/registry/runs" "$n" "$points"
echo "ledger: $n runs × $points points ($(du -sh "$repo/registry/runs" | cut -f1))"

# cpu FILE CMD...: runs CMD, writes "wall_ms cpu_ms" (user+sys of CMD and its children) to FILE.
cpu() {
  local out=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$out.time" "$@"
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$out.time" > "$out"
}
cpu "$work/py" python3 "$here/read_ledger.py" "$repo/registry/runs" >/dev/null
read -r py py_cpu < "$work/py"
# PIPELINE_REPORT_TIMING=1 prints where the time goes (thread-summed phases) on stderr.
report() { # label: one report build over the ledger as it is now
  local json ms ms_cpu
  json=$(PIPELINE_REPORT_TIMING=1 cpu "$work/t-$1" dotnet "$work/cli/pipeline.dll" report --repo "$repo" --out "$work/site-$1" --json 2>"$work/timing-$1")
  read -r ms ms_cpu < "$work/t-$1"
  python3 "$here/summary.py" "$json" "$ms" "$ms_cpu" "$py" "$py_cpu" "$1" "$n" "$points" "$(cut -d' ' -f1-3 /proc/loadavg)"
  sed 's/^/  /' "$work/timing-$1"
}
echo "python read-only floor (json.loads of every JSONL line): $py ms wall, $py_cpu ms CPU"
# The same ledger twice: as older ledgers hold it (JSONL series), then as the tool commits it (compact .series.bin).
report jsonl
ids=$(cd "$repo/registry/runs" && ls -- *.json | sed 's/\.json$//')
# shellcheck disable=SC2086
dotnet "$work/cli/pipeline.dll" runs commit $ids --repo "$repo" >/dev/null
echo "ledger compacted by runs commit: $(du -sh "$repo/registry/runs" | cut -f1)"
report compact
