#!/usr/bin/env bash
# Scale benchmark (issue 19): a registry built as `pipeline` writes it — one commit per registration, a run-ledger
# commit every 10 registrations, the tool's own record/message/tag templates (capture.sh, checked byte for byte),
# 1,000 models x 100 versions = 100,000 registry-only commits and 2,000 alias tags above the training code's commit —
# against a 100-version registry of the same shape, and `list` against `git for-each-ref refs/tags` on the same repo.
# Prints every figure as a ratio against its peer, measured in the same run (alternating, medians).
# Usage: [REUSE=1] bench/registry/run.sh [WORKDIR] [RUNS]   (the big repository takes a few minutes to build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"; runs="${2:-5}"
mkdir -p "$work"
dotnet build -c Release -v q -nologo "$root/src/Pipeline.Cli" >/dev/null
cli="$root/src/Pipeline.Cli/bin/Release/net10.0/pipeline.dll"
fix="$root/tests/fixtures"

# The training repository: code, DVC pipeline, params, pipeline.yaml (so fingerprint/register build from sources).
code="$work/code"
rm -rf "$code"; git init -q -b main "$code"
mkdir -p "$code/src" "$code/data"
for f in prepare featurization train evaluate; do echo "print('$f')" > "$code/src/$f.py"; done
cp "$fix/iterative__example-get-started__dvc.lock" "$code/dvc.lock"
cp "$fix/iterative__example-get-started__params.yaml" "$code/params.yaml"
cp "$fix/iterative__example-get-started__data__data.xml.dvc" "$code/data/data.xml.dvc"
printf 'lineage:\n  dvc_lock: dvc.lock\n  dvc_files: [data/data.xml.dvc]\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n  seed: 0\n' > "$code/pipeline.yaml"
git -C "$code" add -A; git -C "$code" -c user.name=Bench -c user.email=bench@example.com commit -qm "training code"

"$root/bench/registry/capture.sh" "$cli" "$code" "$work/templates"
python3 "$root/bench/registry/make_registry.py" check "$work/templates"

build() { # dir models versions
  rm -rf "$1"; git clone -q "$code" "$1"
  git -C "$1" config user.name Bench; git -C "$1" config user.email bench@example.com
  python3 "$root/bench/registry/make_registry.py" stream "$work/templates" "$2" "$3" 10 | git -C "$1" fast-import --quiet
  git -C "$1" pack-refs --all
  git -C "$1" reset -q --hard main
  git -C "$1" remote remove origin
  # A one-version pull request, registered by the tool from sources on a branch.
  git -C "$1" checkout -q -b pr
  dotnet "$cli" register pr-model --repo "$1" --artifact s3://bucket/pr-model/v0.0.1 --artifact-sha256 "$(printf 0%.0s {1..64})" >/dev/null
  git -C "$1" checkout -q main
}

# REUSE=1 keeps registries WORKDIR already holds from an earlier run (building the big one takes minutes). Timing
# registers new versions in them, so a reused registry has a few more versions than a fresh one.
t0=$(date +%s)
if [[ "${REUSE:-0}" == 1 && -d "$work/big/.git" && -d "$work/small/.git" ]]; then
  echo "reusing the registries in $work"
else
  build "$work/big" "${MODELS:-1000}" 100
  build "$work/small" 1 100
fi
t1=$(date +%s)
echo "built: big $(git -C "$work/big" rev-list --count main) commits, $(git -C "$work/big" tag -l | wc -l) tags in $((t1 - t0)) s;" \
  "small $(git -C "$work/small" rev-list --count main) commits, $(git -C "$work/small" tag -l | wc -l) tags"
python3 "$root/bench/registry/timing.py" "$cli" "$work/small" "$work/big" "$runs" "m$(printf %04d $(( ${MODELS:-1000} / 2 )))"
