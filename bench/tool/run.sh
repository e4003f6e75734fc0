#!/usr/bin/env bash
# Start-up of the installed dotnet tool: the portable package (IL, JIT at every start) against the RID-specific
# ReadyToRun package release.yml packs (-p:PipelineToolRids, docs/install.md), both installed with `dotnet tool install`
# from a folder feed, timed side by side on the same commands, alternating runs so both see the same machine load.
# Usage: bench/tool/run.sh [RUNS]   (default 15). Prints the median ms of each command for each build and the ratio
# ReadyToRun / portable (lower is better).
set -euo pipefail
runs="${1:-15}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rid="$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')"
version="0.0.0-bench.$(date +%s)"

echo "packing the portable tool and the $rid ReadyToRun tool ($version)..." >&2
dotnet pack "$root/src/Pipeline.Cli" -c Release -o "$work/portable-feed" -p:PackageVersion="$version" \
  --artifacts-path "$work/portable-artifacts" -nologo -v quiet -nodeReuse:false >&2
dotnet pack "$root/src/Pipeline.Cli" -c Release -o "$work/rid-feed" -p:PackageVersion="$version" -p:PipelineToolRids="$rid" \
  --artifacts-path "$work/rid-artifacts" -nologo -v quiet -nodeReuse:false >&2
for kind in portable rid; do
  dotnet tool install Pipeline.Cli --version "$version" --tool-path "$work/$kind" --add-source "$work/$kind-feed" > /dev/null
done

printf '%s\n' '{"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16},' \
  '"base_model": "Qwen/Qwen3-8B", "seed": 0}' > "$work/lineage.json"
"$work/portable/pipeline" quickstart --dir "$work/demo" > /dev/null

python3 - "$runs" "$work" <<'PY'
import statistics, subprocess, sys, time
runs, work = int(sys.argv[1]), sys.argv[2]
commands = {
    "--version": ["--version"],
    "fingerprint --lineage": ["fingerprint", "--lineage", f"{work}/lineage.json"],
    "explain PIPE2003": ["explain", "PIPE2003"],
    "list (demo registry)": ["list", "--repo", f"{work}/demo"],
    "history (demo registry)": ["history", "demo", "--repo", f"{work}/demo"],
}
times = {(c, k): [] for c in commands for k in ("portable", "rid")}
for c, args in commands.items():
    outputs = {}
    for k in ("portable", "rid"):
        outputs[k] = subprocess.run([f"{work}/{k}/pipeline", *args], capture_output=True, text=True)
    if outputs["portable"].returncode != outputs["rid"].returncode or outputs["portable"].stdout != outputs["rid"].stdout:
        sys.exit(f"the two builds disagree on `{c}`:\n{outputs['portable']}\n{outputs['rid']}")
    for _ in range(runs):
        for k in ("portable", "rid"):
            start = time.perf_counter()
            subprocess.run([f"{work}/{k}/pipeline", *args], capture_output=True)
            times[(c, k)].append((time.perf_counter() - start) * 1000)
print(f"{'command':<26}{'portable ms':>12}{'ReadyToRun ms':>15}{'ratio':>8}")
for c in commands:
    p, r = statistics.median(times[(c, "portable")]), statistics.median(times[(c, "rid")])
    print(f"{c:<26}{p:>12.0f}{r:>15.0f}{r / p:>8.2f}")
PY
