#!/usr/bin/env bash
# Times `pipeline fingerprint --lineage F` against the Python reference (reference.py, DESIGN §2) on the same files.
# Usage: bench/fingerprint/run.sh [RUNS_PER_FILE]      (default 10; env CLI_DLL=... to time another build)
# Runs alternate CLI / Python so both see the same machine load; prints the median and total wall time of each,
# and the ratio CLI / Python (target: <= 0.6). Exits 1 if any output differs from the reference's.
set -euo pipefail

runs="${1:-10}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "${CLI_DLL:-}" ]]; then
  echo "building src/Pipeline.Cli (Release)..." >&2
  dotnet build "$root/src/Pipeline.Cli" -c Release -nologo -v quiet >&2
  CLI_DLL="$root/src/Pipeline.Cli/bin/Release/net10.0/pipeline.dll"
fi

# A few lineages: the seed example, a realistic config, unicode and big numbers, and a pretty-printed record.
cat > "$work/seed.json" <<'JSON'
{"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16}, "base_model": "Qwen/Qwen3-8B", "seed": 0}
JSON
cat > "$work/optimizer.json" <<'JSON'
{"data_version": "dvc:2f1c0e8d6b4a29173c5e0f9a8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c", "code_commit": "0123456789abcdef0123456789abcdef01234567",
 "config": {"optimizer": {"name": "adamw", "betas": [0.9, 0.999], "eps": 1e-08, "weight_decay": 0.01},
            "schedule": {"type": "cosine", "warmup_ratio": 0.03}, "lora": {"r": 16, "alpha": 32, "dropout": 0.05, "targets": ["q_proj", "k_proj", "v_proj", "o_proj"]},
            "max_steps": 10000, "lr": 2e-05, "bf16": true, "grad_clip": null},
 "base_model": "meta-llama/Llama-3.1-8B", "seed": 1234, "dirty": false, "notes": "extra fields are ignored"}
JSON
cat > "$work/unicode.json" <<'JSON'
{"seed": 18446744073709551617, "base_model": {"name": "模型-7b", "rev": "\ud83d\ude00"}, "config": {"é": 1e+16, "\ue000": 5e-324, "😀": -0.0, "a": 2.9802322387695312e-08},
 "code_commit": "c", "data_version": "d"}
JSON
python3 -c 'import json,sys; print(json.dumps({"data_version": "v", "code_commit": "c", "base_model": "m", "seed": 7,
  "config": {"layer_%03d" % i: {"lr": 1e-4 * i, "frozen": i % 3 == 0, "dims": list(range(i % 7))} for i in range(200)}}, indent=2))' > "$work/large.json"

files=("$work"/*.json)
for f in "${files[@]}"; do
  a="$(dotnet "$CLI_DLL" fingerprint --lineage "$f")"
  b="$(python3 "$here/reference.py" "$f")"
  if [[ "$a" != "$b" ]]; then
    echo "MISMATCH on $(basename "$f"): cli $a, python $b" >&2
    exit 1
  fi
  echo "ok  $(basename "$f")  $a"
done

ms() { echo $(( ($2 - $1) / 1000000 )); }
cli_times=()
py_times=()
for ((i = 0; i < runs; i++)); do
  for f in "${files[@]}"; do
    s=$(date +%s%N); dotnet "$CLI_DLL" fingerprint --lineage "$f" > /dev/null; e=$(date +%s%N)
    cli_times+=("$(ms "$s" "$e")")
    s=$(date +%s%N); python3 "$here/reference.py" "$f" > /dev/null; e=$(date +%s%N)
    py_times+=("$(ms "$s" "$e")")
  done
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
sum() { printf '%s\n' "$@" | awk '{s+=$1} END {print s}'; }
cli_med=$(median "${cli_times[@]}"); py_med=$(median "${py_times[@]}")
cli_sum=$(sum "${cli_times[@]}"); py_sum=$(sum "${py_times[@]}")
echo "runs: ${#cli_times[@]} per tool (${#files[@]} files x $runs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "python3 reference: median ${py_med} ms, total ${py_sum} ms"
echo "pipeline CLI:      median ${cli_med} ms, total ${cli_sum} ms"
awk -v c="$cli_sum" -v p="$py_sum" -v cm="$cli_med" -v pm="$py_med" \
  'BEGIN {printf "ratio CLI/python:  total %.2f, median %.2f (target <= 0.60)\n", c / p, cm / pm}'
