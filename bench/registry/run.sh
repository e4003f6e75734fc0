#!/usr/bin/env bash
# Scale benchmark of the registry (issue 3): per-model commands on 100,000 versions / 1,000 models / 200,000 tags
# against the same commands on a 100-version registry, and against plain `git for-each-ref` over the same refs.
# Usage: bench/registry/run.sh [WORKDIR]   (builds the CLI in Release; the big repository takes a minute to build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
dotnet build -c Release -v q "$root/src/Pipeline.Cli" >/dev/null
cli="$root/src/Pipeline.Cli/bin/Release/net10.0/pipeline.dll"

build() { # dir models versions
  rm -rf "$1"; git init -q -b main "$1"
  git -C "$1" config user.name Bench; git -C "$1" config user.email bench@example.com
  python3 "$root/bench/registry/make_registry.py" "$2" "$3" | git -C "$1" fast-import --quiet
  git -C "$1" pack-refs --all
  git -C "$1" checkout -q main
}

t0=$(date +%s); build "$work/big" 1000 100; t1=$(date +%s)
build "$work/small" 1 100
echo "built: big $(git -C "$work/big" tag -l | wc -l) tags in $((t1 - t0)) s; small $(git -C "$work/small" tag -l | wc -l) tags"
python3 "$root/bench/registry/timing.py" "$cli" "$work/small" "$work/big"
