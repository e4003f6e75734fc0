#!/usr/bin/env bash
# Start-up time of the ways the CLI ships, on the same machine in the same run (alternating, so all see the same load):
#   dotnet pipeline.dll         framework-dependent (the dotnet tool, the copy inside Pipeline.Tasks) — the baseline
#   single-file                 self-contained single file, as release.yml publishes it minus ReadyToRun
#   single-file + ReadyToRun    exactly the release executable
# Each is timed on `--version` and on `fingerprint --lineage FILE` (a verb that parses JSON and hashes).
# Usage: bench/startup/run.sh [RUNS]   (default 15). Prints medians in ms and the ratio to the baseline.
set -euo pipefail
runs="${1:-15}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"

echo "publishing (framework-dependent, single-file, single-file+R2R for $rid)..." >&2
dotnet publish "$root/src/Pipeline.Cli" -c Release -o "$work/fd" -p:UseAppHost=false -nologo -v quiet >&2
dotnet publish "$root/src/Pipeline.Cli" -c Release -r "$rid" --self-contained -p:PublishSingleFile=true -o "$work/sf" -nologo -v quiet >&2
dotnet publish "$root/src/Pipeline.Cli" -c Release -r "$rid" --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true -o "$work/r2r" -nologo -v quiet >&2

cat > "$work/lineage.json" <<'JSON'
{"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16}, "base_model": "Qwen/Qwen3-8B", "seed": 0}
JSON

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

names=(framework-dependent single-file single-file+r2r)
cmds=("dotnet $work/fd/pipeline.dll" "$work/sf/pipeline" "$work/r2r/pipeline")
for verb in "--version" "fingerprint --lineage $work/lineage.json"; do
  for i in 0 1 2; do : > "$work/t$i"; done
  for ((r = 0; r < runs; r++)); do
    for i in 0 1 2; do
      # shellcheck disable=SC2086 # the command and the verb are word lists on purpose
      ms ${cmds[$i]} $verb >> "$work/t$i"
    done
  done
  base="$(median < "$work/t0")"
  echo "pipeline $verb (median of $runs):"
  for i in 0 1 2; do
    m="$(median < "$work/t$i")"
    printf '  %-22s %5d ms   ratio %.2f\n' "${names[$i]}" "$m" "$(echo "$m / $base" | bc -l)"
  done
done
printf 'sizes: single-file %s MB, single-file+r2r %s MB, framework-dependent folder %s MB\n' \
  "$(( $(stat -c %s "$work/sf/pipeline") / 1048576 ))" "$(( $(stat -c %s "$work/r2r/pipeline") / 1048576 ))" \
  "$(( $(du -sb "$work/fd" | cut -f1) / 1048576 ))"
