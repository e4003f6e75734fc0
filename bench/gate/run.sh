#!/usr/bin/env bash
# bench/gate: `pipeline select` over N run records and `pipeline gate` with health rules over a P-point series,
# each next to the naive Python script over the same files (baseline.py), medians of R runs.
# Usage: bench/gate/run.sh [runs=5000] [points=1000000] [repeats=3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-5000}; points=${2:-1000000}; repeats=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/src/Pipeline.Cli" -o "$work/cli" >/dev/null
cli="$work/cli/pipeline.dll"

repo="$work/repo"
git init -q -b main "$repo"
python3 "$here/make_inputs.py" "$work/runs" "$n" "$repo/registry/runs" "$points"
cat > "$repo/gate.yaml" <<'YAML'
suite: {name: mmlu, fingerprint: "mmlu@abcd"}
metric: mmlu
direction: maximize
threshold: 0.5
health:
  - {series: kl, stat: last, max: 0.2}
  - {series: entropy, stat: min, min: 0.5}
  - {series: loss, nan: forbid}
  - {series: reward, collapse: {window: 50, min_fraction_of_peak: 0.5}}
YAML
mkdir -p "$repo/registry/demo"
cat > "$repo/registry/demo/v1.0.0.json" <<'JSON'
{"model": "demo", "version": "v1.0.0", "scheme": "lineage-v1", "fingerprint": "fp-candidate",
 "lineage": {"data_version": "d", "code_commit": "c", "config": {}, "base_model": "b", "seed": 0}, "lineage_sources": null,
 "artifact": null, "evals": [{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "fp-candidate", "scores": {"mmlu": 0.7}}],
 "metrics": null, "description": null, "created_at": "2026-11-01T09:00:00Z", "created_by": "bench"}
JSON
git -C "$repo" add -A
git -C "$repo" -c user.name=b -c user.email=b@b commit -q -m "gate, run, record"
git -C "$repo" -c user.name=b -c user.email=b@b tag -a demo@v1.0.0 -m "register"

median() { # command... -> median ms
  local times=()
  for _ in $(seq "$repeats"); do
    local t0=$(date +%s%N)
    "$@" > "$work/out.txt" 2>/dev/null || true
    times+=($(( ($(date +%s%N) - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (repeats + 1) / 2 ))p"
}

s=$(median dotnet "$cli" select "$work/runs" --metric mmlu --maximize --json)
grep -q '"winner"' "$work/out.txt"
sp=$(median python3 "$here/baseline.py" select "$work/runs")
g=$(median dotnet "$cli" gate demo --version v1.0.0 --alias production --repo "$repo" --json)
grep -q '"decision": "promote"' "$work/out.txt"
gp=$(median python3 "$here/baseline.py" series "$repo/registry/runs/run-long.series.jsonl")
echo "select over $n run records: pipeline ${s} ms | python baseline ${sp} ms | ratio $(python3 -c "print(round($sp/$s,2))")x faster"
echo "gate with 4 health rules over a $points-point series: pipeline ${g} ms | python baseline ${gp} ms | ratio $(python3 -c "print(round($gp/$g,2))")x faster"
