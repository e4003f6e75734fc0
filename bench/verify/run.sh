#!/usr/bin/env bash
# verify cost follows the change, not the registry: the same one-version PR on a 100- and a 100,000-version registry.
# Usage: bench/verify/run.sh [runs]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/src/Pipeline.Cli" -o "$work/cli" >/dev/null
cli="$work/cli/pipeline.dll"

make_repo() { # size models
  local dir="$work/r$1"
  git init -q -b main "$dir"
  printf 'train:\n  lr: 2.0e-5\n  lora_r: 16\n' > "$dir/params.yaml"
  printf "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n    - path: data/sft.jsonl\n      md5: 5c1b5e3d2f0a4b8c9d7e6f5a4b3c2d1e\n      size: 1024\n" > "$dir/dvc.lock"
  git -C "$dir" add -A
  git -C "$dir" -c user.name=b -c user.email=b@b commit -q -m "training code"
  git -C "$dir" rev-parse HEAD > "$dir.base"
  dotnet "$cli" fingerprint --repo "$dir" --config 'params.yaml#train' --dvc-lock dvc.lock --base-model Qwen/Qwen3-8B --seed 7 --json > "$dir.honest"
  python3 "$here/make_registry.py" "$1" "$2" "$dir.base" "$dir.honest" | git -C "$dir" fast-import --quiet
  echo "$dir"
}

time_verify() { # dir -> median ms
  local dir=$1 times=()
  for _ in $(seq "$runs"); do
    local t0=$(date +%s%N)
    dotnet "$cli" verify --repo "$dir" --base main --head pr --no-fetch --json > "$work/out.json" 2>/dev/null || true
    times+=($(( ($(date +%s%N) - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

small=$(make_repo 100 10)
large=$(make_repo 100000 1000)
echo "registry sizes: $(git -C "$small" ls-tree -r main --name-only | wc -l) and $(git -C "$large" ls-tree -r main --name-only | wc -l) records"
s=$(time_verify "$small"); l=$(time_verify "$large")
grep -q '"versions"' "$work/out.json"
checked=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["versions"]), "ok" if d["ok"] else "NOT OK")' "$work/out.json")
t0=$(date +%s%N); git -C "$large" diff --name-only main pr >/dev/null; g=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "verify one-version PR, median of $runs: 100 versions ${s} ms | 100,000 versions ${l} ms | ratio $(python3 -c "print(round($l/$s,2))")x | versions checked: $checked"
echo "baseline: git diff --name-only main pr on the large registry: ${g} ms"
