#!/usr/bin/env bash
# What the serving build adds to a no-op `dotnet build` (issue 19 point 5, goal: under 50 ms), on the packed
# Pipeline.Tasks from this checkout, restored from a folder feed into an isolated NuGet cache.
# Three copies of samples/msbuild, each built in one mode only (switching modes would recompile), alternating runs:
#   skip        -p:PipelineSkip=true                                    the baseline: no Pipeline target runs
#   no-op       the serving build, nothing changed since the last build  the stamp is read, the CLI is not started
#   resolve     the serving build with its kept resolution deleted       the CLI starts every build (as before the stamp)
# Every timed build counts its CLI starts (PIPELINE_TASKS_CLI_LOG): the no-op column must show 0.
# Usage: bench/msbuild/run.sh [RUNS]   (default 10). Prints medians in ms, the overhead over skip and the ratio, then
# the time MSBuild itself accounts to the Pipeline targets in one no-op build.
set -euo pipefail
runs="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
version="0.0.0-bench.$(date +%s)"

echo "packing Pipeline.Tasks $version..." >&2
dotnet pack "$root/src/Pipeline.Tasks" -c Release -o "$work/feed" -p:PackageVersion="$version" -nologo -v quiet -nodeReuse:false >&2

# A registry as the tool writes it, with plain git: a record, its version tag and the production alias tag.
repo="$work/registry"
mkdir -p "$repo/registry/sentiment"
git -C "$repo" init -q -b main
cat > "$repo/registry/sentiment/v0.0.1.json" <<'JSON'
{"model": "sentiment", "version": "v0.0.1", "fingerprint": "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988", "scheme": "lineage-v1",
 "lineage": {"data_version": "d", "code_commit": "a1b2c3d", "config": {"lr": 2e-05}, "base_model": "b", "seed": 0},
 "artifact": {"uri": "s3://models/sentiment/v0.0.1"}}
JSON
git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m "register sentiment v0.0.1"
git -C "$repo" -c user.name=bench -c user.email=bench@example.com tag -a "sentiment@v0.0.1" -m "Register sentiment v0.0.1"
git -C "$repo" -c user.name=bench -c user.email=bench@example.com tag -a "sentiment#production#1" -m "Assign production"

cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML

modes=(skip no-op resolve)
for mode in "${modes[@]}"; do
  mkdir -p "$work/$mode"
  cp "$root/samples/msbuild/"{Program.cs,Serving.Sample.csproj,Directory.Build.props,Directory.Packages.props} "$work/$mode/"
done
props() {
  case "$1" in
    skip) echo "-p:PipelineSkip=true" ;;
    *) echo "-p:PipelineRepo=$repo" ;;
  esac
}
build() { # mode -> one `dotnet build`, output discarded; fails the script when the build fails
  # shellcheck disable=SC2046 # props is a word list on purpose
  dotnet build "$work/$1" -nodeReuse:false -p:PipelineTasksVersion="$version" $(props "$1") > "$work/$1.out" 2>&1 \
    || { cat "$work/$1.out" >&2; exit 1; }
}

echo "first builds (restore, compile)..." >&2
for mode in "${modes[@]}"; do build "$mode"; build "$mode"; done

ms() { local s e; s=$(date +%s%N); "$@"; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for mode in "${modes[@]}"; do : > "$work/t-$mode"; : > "$work/starts-$mode"; done
for ((r = 0; r < runs; r++)); do
  for mode in "${modes[@]}"; do
    [[ "$mode" == resolve ]] && rm -f "$work/resolve/obj/pipeline-serving.json"
    export PIPELINE_TASKS_CLI_LOG="$work/starts-$mode"
    ms build "$mode" >> "$work/t-$mode"
  done
done
unset PIPELINE_TASKS_CLI_LOG

base="$(median < "$work/t-skip")"
echo "no-op dotnet build of samples/msbuild (median of $runs, alternating):"
for mode in "${modes[@]}"; do
  m="$(median < "$work/t-$mode")"
  printf '  %-8s %6d ms   overhead %+5d ms   ratio %.3f   CLI starts %d\n' "$mode" "$m" "$((m - base))" \
    "$(echo "$m / $base" | bc -l)" "$(wc -l < "$work/starts-$mode")"
done
grep -q "sentiment#production is v0.0.1" "$work/no-op.out" || { echo "the no-op build did not say what it serves" >&2; exit 1; }

# The same no-op build's own account of the Pipeline targets (MSBuild's performance summary): less noisy than wall time
# on a loaded machine, and all of it is the serving build's doing.
dotnet build "$work/no-op" -nodeReuse:false -p:PipelineTasksVersion="$version" "$(props no-op)" -clp:PerformanceSummary > "$work/perf.out" 2>&1
targets="$(awk '$3 ~ /^(_PipelineServingStamp|_PipelineServingResolve|PipelineResolveModel)$/ && $4 == "1" {sum += $1} END {print sum + 0}' "$work/perf.out")"
echo "  Pipeline targets in the no-op build (MSBuild performance summary): $targets ms"
