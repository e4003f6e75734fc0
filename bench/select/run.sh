#!/usr/bin/env bash
# bench/select (issue 19.3): `pipeline select` over N run records against the same selection scripted in Python
# (select.py: json.load, bind, argmax, the same text out), in one run: alternating pairs, medians of R, and both
# outputs checked byte for byte every time. Python is the interpreter itself (not a version-manager shim).
# With PIPELINE_R2R=/path/to/pipeline.dll (a ReadyToRun publish) and PIPELINE_AOT=/path/to/native/pipeline (a Native AOT
# publish) those builds are measured in the same pairs too.
# With strace installed, the system calls of one run of each are counted.
# Usage: bench/select/run.sh [runs=5000] [repeats=7]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-5000}; repeats=${2:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -v q -nologo "$root/src/Pipeline.Cli" -o "$work/cli" >/dev/null
python3 "$root/bench/gate/make_inputs.py" "$work/runs" "$n" "$work/series" 4
py=$(python3 -c 'import sys; print(sys.executable)')
cd "$work"
python3 - "$py" "$here/select.py" "$work/cli/pipeline.dll" "${PIPELINE_AOT:-}" "$repeats" "$n" "${PIPELINE_R2R:-}" <<'PY'
import os, resource, statistics, subprocess, sys, time
py, script, dll, aot, repeats, n, r2r = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6], sys.argv[7]
args = ["runs", "--metric", "mmlu", "--maximize"]
cmds = {"python": [py, script, "runs", "mmlu"], "pipeline": ["dotnet", dll, "select", *args]}
if r2r:
    cmds["pipeline (R2R)"] = ["dotnet", r2r, "select", *args]
if aot:
    cmds["pipeline (AOT)"] = [aot, "select", *args]

def once(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True)
    wall = (time.perf_counter() - t) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu, done

wall = {k: [] for k in cmds}; cpu = {k: [] for k in cmds}
for k, c in cmds.items():
    once(c)  # warm the file cache and the JIT's disk caches
for _ in range(repeats):
    outs = {}
    for k, c in cmds.items():
        w, u, done = once(c)
        wall[k].append(w); cpu[k].append(u); outs[k] = (done.returncode, done.stdout, done.stderr)
    ref = outs["python"]
    for k, o in outs.items():
        if o != ref:
            sys.exit(f"{k} printed something else than select.py (exit {o[0]} vs {ref[0]})")
base = statistics.median(wall["python"])
print(f"select over {n} run records, {repeats} alternating runs, medians (stdout and stderr identical to select.py every run)")
print(f"{'':16} {'wall ms':>8} {'cpu ms':>8} {'python / it':>12}")
for k in cmds:
    w = statistics.median(wall[k])
    print(f"{k:16} {w:8.0f} {statistics.median(cpu[k]):8.0f} {base / w:11.2f}x")
print("target: pipeline at least 3x faster than python (wall)")
PY
if command -v strace >/dev/null; then
  for who in python pipeline; do
    if [ $who = python ]; then cmd=("$py" "$here/select.py" runs mmlu); else cmd=(dotnet "$work/cli/pipeline.dll" select runs --metric mmlu --maximize); fi
    strace -f -c -o "$work/strace.txt" "${cmd[@]}" >/dev/null 2>&1 || true
    total=$(awk '/^100.00/ {print $4}' "$work/strace.txt")
    top=$(awk 'NR>2 && $1 ~ /^[0-9.]+$/ && $NF != "total" {print $4, $NF}' "$work/strace.txt" | sort -rn | head -6 | awk '{printf "%s %s, ", $2, $1}')
    echo "system calls, $who: $total ($top...)"
  done
fi
