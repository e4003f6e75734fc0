#!/usr/bin/env bash
# Times `pipeline fingerprint --lineage F` against the Python reference (reference.py, docs/design.md §2) on the same files.
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
  c="$(dotnet "$CLI_DLL" fingerprint --lineage="$f")"
  if [[ "$a" != "$b" || "$c" != "$b" ]]; then
    echo "MISMATCH on $(basename "$f"): cli $a, cli (full parser) $c, python $b" >&2
    exit 1
  fi
  echo "ok  $(basename "$f")  $a"
done

# The series timed side by side:
#   python           `python3 reference.py F`, the command the issue names (here possibly a pyenv shim script)
#   python_exe       the interpreter python3 resolves to, run directly (no shim): the stricter baseline
#   cli              `dotnet pipeline.dll fingerprint --lineage F`: the start-up fast path (FingerprintFastPath)
#   cli_full_parser  the same through System.CommandLine (`--lineage=F` is not the fast path's shape)
#   cli_r2r          with R2R=1: a ReadyToRun publish of the CLI
#   cli_aot          with AOT=1: the Native AOT publish of the CLI (the pipeline-aot-<rid> release executable)
python_exe="$(python3 -c 'import sys; print(sys.executable)')"
names=(python python_exe cli cli_full_parser)
cmds=("python3 $here/reference.py" "$python_exe $here/reference.py" "dotnet $CLI_DLL fingerprint --lineage"
      "dotnet $CLI_DLL fingerprint --lineage=")
# R2R_DLL=/path/pipeline.dll and AOT_EXE=/path/pipeline reuse builds made earlier (publishing takes minutes).
if [[ "${R2R:-0}" == 1 || -n "${R2R_DLL:-}" ]]; then
  if [[ -z "${R2R_DLL:-}" ]]; then
    echo "publishing ReadyToRun..." >&2
    dotnet publish "$root/src/Pipeline.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -o "$work/r2r" -nologo -v quiet >&2
    R2R_DLL="$work/r2r/pipeline.dll"
  fi
  names+=(cli_r2r)
  cmds+=("dotnet $R2R_DLL fingerprint --lineage")
fi
if [[ "${AOT:-0}" == 1 || -n "${AOT_EXE:-}" ]]; then
  if [[ -z "${AOT_EXE:-}" ]]; then
    # The release build (Pipeline.Cli.csproj: gcc links where clang is missing; warnings stay errors).
    echo "publishing Native AOT (minutes)..." >&2
    dotnet publish "$root/src/Pipeline.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" -nologo -v quiet >&2
    AOT_EXE="$work/aot/pipeline"
  fi
  names+=(cli_aot)
  cmds+=("$AOT_EXE fingerprint --lineage")
fi
for k in "${!names[@]}"; do
  [[ "${names[$k]}" == cli* ]] || continue
  cmd="${cmds[$k]}"
  for f in "${files[@]}"; do
    if [[ "$cmd" == *= ]]; then out="$(${cmd}"$f")"; else out="$(${cmd} "$f")"; fi
    [[ "$out" == "$(python3 "$here/reference.py" "$f")" ]] || { echo "MISMATCH: ${names[$k]} on $f" >&2; exit 1; }
  done
done

declare -A times
for ((i = 0; i < runs; i++)); do
  for f in "${files[@]}"; do
    for k in "${!names[@]}"; do
      cmd="${cmds[$k]}"
      if [[ "$cmd" == *= ]]; then set -- ${cmd}"$f"; else set -- ${cmd} "$f"; fi
      s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N)
      times[${names[$k]}]+="$(( (e - s) / 1000000 )) "
    done
  done
done

median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
sum() { printf '%s\n' $1 | awk '{s+=$1} END {print s}'; }
echo "runs: $((runs * ${#files[@]})) per series (${#files[@]} files x $runs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
py_med=$(median "${times[python]}"); py_sum=$(sum "${times[python]}")
px_med=$(median "${times[python_exe]}"); px_sum=$(sum "${times[python_exe]}")
for name in "${names[@]}"; do
  med=$(median "${times[$name]}"); tot=$(sum "${times[$name]}")
  awk -v n="$name" -v m="$med" -v t="$tot" -v pm="$py_med" -v pt="$py_sum" -v xm="$px_med" -v xt="$px_sum" \
    'BEGIN {printf "%-16s median %5d ms  total %6d ms | ratio to python: median %.2f total %.2f | to python_exe: median %.2f total %.2f\n", n, m, t, m / pm, t / pt, m / xm, t / xt}'
done
echo "target: cli ratio <= 0.60"
