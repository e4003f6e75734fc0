#!/usr/bin/env bash
# bench/report: `pipeline report` over a ledger of N runs × P points, next to a Python script that only reads the same
# files once (the floor any report pays). Prints the build time, the ratio, the page count and the largest page.
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
out="$work/site"
start=$(date +%s%N)
json=$(dotnet "$work/cli/pipeline.dll" report --repo "$repo" --out "$out" --json)
report=$(( ($(date +%s%N) - start) / 1000000 ))
python3 - "$json" "$report" "$py" <<'PY'
import json, sys
r, report, py = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print(f"pipeline report: {report} ms wall ({r['pages']} pages, {r['bytes'] / 2**20:.1f} MiB; largest {r['largest_page']} {r['largest_page_bytes'] / 2**20:.2f} MiB)")
print(f"python read-only floor: {py} ms; ratio report/floor = {report / py:.2f}")
print(f"goal: < 10 s and no page > 2 MiB: {'met' if report < 10000 and r['largest_page_bytes'] <= 2 * 2**20 else 'NOT met'}")
PY
