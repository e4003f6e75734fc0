#!/usr/bin/env bash
# Ingest benchmark (issue 4, point 7): `pipeline runs ingest` (Release) on a 1,000,000-point JSONL (~60 MB) against a Python
# loop (json.loads per line + the same summaries), side by side: wall time, peak RSS, ratio. Run once; not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

dotnet build -c Release src/Pipeline.Cli -v q -nologo >/dev/null
CLI="$PWD/src/Pipeline.Cli/bin/Release/net10.0/pipeline.dll"
python3 bench/ingest/gen.py "$WORK/run.jsonl" "$N"
SIZE_MB=$(python3 -c "import os,sys; print(round(os.path.getsize(sys.argv[1])/1e6,1))" "$WORK/run.jsonl")
mkdir -p "$WORK/repo"

# Wall time AND cpu time (user+sys): on a shared machine the wall clock mostly measures the neighbours' load.
measure() { # label, command...: prints "<wall_s> <cpu_s> <peak_kb>"
  local label="$1"; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/$label.time" "$@" >"$WORK/$label.out"
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/$label.time"
  else
    local start end; start=$(date +%s.%N); "$@" >"$WORK/$label.out"; end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) 0 0"
  fi
}

read -r PY_S PY_CPU PY_KB < <(measure python python3 bench/ingest/baseline.py "$WORK/run.jsonl")
read -r NET_S NET_CPU NET_KB < <(measure pipeline dotnet "$CLI" runs ingest "$WORK/run.jsonl" --repo "$WORK/repo" --json)

# Same summaries from both (points and per-key counts/NaN; last/min/max to 1e-12).
python3 - "$WORK/python.out" "$WORK/pipeline.out" <<'PY'
import json, sys
py = json.load(open(sys.argv[1])); net = json.load(open(sys.argv[2]))
assert py["points"] == net["series"]["points"], (py["points"], net["series"]["points"])
for k, s in py["metrics"].items():
    n = net["metrics"][k]
    for f in ("count", "nan", "inf", "last_step"):
        assert s[f] == n[f], (k, f, s[f], n[f])
    for f in ("min", "max", "last"):
        a, b = s[f], n[f]
        assert (a != a and b == "NaN") or abs(a - b) <= 1e-12 * max(1, abs(a)), (k, f, a, b)
print("summaries agree: points=%d keys=%d" % (py["points"], len(py["metrics"])))
PY

python3 - "$N" "$SIZE_MB" "$PY_S" "$PY_CPU" "$PY_KB" "$NET_S" "$NET_CPU" "$NET_KB" <<'PY'
import os, sys
n, mb, py_s, py_cpu, py_kb, net_s, net_cpu, net_kb = sys.argv[1:]
py_s, py_cpu, net_s, net_cpu, py_kb, net_kb = float(py_s), float(py_cpu), float(net_s), float(net_cpu), int(py_kb), int(net_kb)
print(f"ingest {int(n):,} points ({mb} MB JSONL); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print(f"{'':28}{'wall s':>10}{'cpu s':>10}{'peak MB':>10}")
print(f"{'python3 json.loads loop':28}{py_s:>10.2f}{py_cpu:>10.2f}{py_kb/1024:>10.1f}")
print(f"{'pipeline runs ingest':28}{net_s:>10.2f}{net_cpu:>10.2f}{net_kb/1024:>10.1f}")
print(f"speed-up wall x{py_s/net_s:.2f}, cpu x{py_cpu/max(net_cpu, 0.01):.2f} (target >= 3); pipeline peak {net_kb/1024:.0f} MB (target < 200)")
PY
