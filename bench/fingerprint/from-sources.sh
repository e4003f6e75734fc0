#!/usr/bin/env bash
# Times `pipeline fingerprint` built from sources (git + dvc.lock + params.yaml + pipeline.yaml) on a demo repository,
# beside two baselines run in the same session: the --lineage FILE path (no git/YAML loaded) and `git rev-parse HEAD`.
# Target (issue 2): from sources < 250 ms on a 2-core machine. Usage: bench/fingerprint/from-sources.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-15}"
dotnet build -c Release src/Pipeline.Cli -v q -nologo >/dev/null
CLI="$PWD/src/Pipeline.Cli/bin/Release/net10.0/pipeline.dll"
FIX="$PWD/tests/fixtures"

DEMO="$(mktemp -d)"; trap 'rm -rf "$DEMO"' EXIT
(
  cd "$DEMO"
  git init -q -b main
  mkdir -p src data
  for f in prepare featurization train evaluate; do echo "print('$f')" > "src/$f.py"; done
  cp "$FIX/iterative__example-get-started__dvc.lock" dvc.lock
  cp "$FIX/iterative__example-get-started__params.yaml" params.yaml
  cp "$FIX/iterative__example-get-started__data__data.xml.dvc" data/data.xml.dvc
  printf 'lineage:\n  dvc_lock: dvc.lock\n  dvc_files: [data/data.xml.dvc]\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n  seed: 0\n' > pipeline.yaml
  git add -A && git -c user.name=b -c user.email=b@x commit -qm demo
  for i in 1 2 3; do mkdir -p registry/demo; echo '{}' > "registry/demo/v0.0.$i.json"; git add -A; git -c user.name=b -c user.email=b@x commit -qm "register $i"; done
)
dotnet "$CLI" fingerprint --repo "$DEMO" --json > "$DEMO/lineage.json"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Prints "<median wall ms> <median cpu ms>" over RUNS runs of "$@". CPU (user+sys, from /usr/bin/time) is reported
# beside wall time because a shared machine's load stretches wall time but barely changes the CPU a run needs.
timeit() {
  "$@" >/dev/null 2>&1 # warm the file cache
  local out; out="$(mktemp)"
  for _ in $(seq "$RUNS"); do
    s=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$out.t" "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    echo "$(( (e - s) / 1000000 )) $(awk '{printf "%d", ($1 + $2) * 1000}' "$out.t")" >> "$out"
  done
  echo "$(cut -d' ' -f1 "$out" | median) $(cut -d' ' -f2 "$out" | median)"
  rm -f "$out" "$out.t"
}

read -r src srccpu < <(timeit dotnet "$CLI" fingerprint --repo "$DEMO")
read -r lin lincpu < <(timeit dotnet "$CLI" fingerprint --lineage "$DEMO/lineage.json")
read -r git gitcpu < <(timeit git -C "$DEMO" rev-parse HEAD)
echo "runs=$RUNS cores=$(nproc) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "                                        median wall   median cpu (user+sys)"
echo "fingerprint from sources                ${src} ms        ${srccpu} ms    (target: wall < 250 ms on 2 idle cores)"
echo "fingerprint --lineage FILE (baseline)   ${lin} ms        ${lincpu} ms"
echo "git rev-parse HEAD (baseline)           ${git} ms        ${gitcpu} ms"
echo "ratio from-sources / --lineage: wall $(awk -v a="$src" -v b="$lin" 'BEGIN{printf "%.2f", a/b}'), cpu $(awk -v a="$srccpu" -v b="$lincpu" 'BEGIN{printf "%.2f", a/(b>0?b:1)}')"
