#!/usr/bin/env bash
# Captures what the tool writes (the templates make_registry.py substitutes into): in a copy of the training repository,
# two `pipeline register`s, one `pipeline assign` and one `pipeline runs ingest --commit`.
# Usage: capture.sh CLI_DLL CODE_REPO TEMPLATES
set -euo pipefail
cli=$1; code=$2; out=$3
tpl="$out.repo"
rm -rf "$tpl" "$out"; mkdir -p "$out"
git clone -q "$code" "$tpl"
git -C "$tpl" config user.name Bench; git -C "$tpl" config user.email bench@example.com
sha=$(git -C "$tpl" rev-parse HEAD)
lineage() { printf '{"data_version": "dvc:bench", "code_commit": "%s", "config": {"lora_r": 16, "steps": 1000}, "base_model": "Qwen/Qwen3-8B", "seed": %d}\n' "$sha" "$1" > "$out/lineage$1.json"; }
lineage 0; lineage 1
dotnet "$cli" register tplmodel --lineage "$out/lineage0.json" --repo "$tpl" >/dev/null
git -C "$tpl" cat-file commit HEAD | sed '1,/^$/d' > "$out/message"
cp "$tpl/registry/tplmodel/v0.0.1.json" "$out/record"; cp "$tpl/registry/tplmodel/model.json" "$out/model.json"
git -C "$tpl" cat-file tag tplmodel@v0.0.1 | sed '1,/^$/d' > "$out/tag"
fp=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fingerprint"])' "$out/record")
created=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["created_at"])' "$out/record")
dotnet "$cli" assign tplmodel --version v0.0.1 --alias production --repo "$tpl" >/dev/null
git -C "$tpl" cat-file tag 'tplmodel#production#1' | sed '1,/^$/d' > "$out/assign.tag"
dotnet "$cli" register tplmodel --lineage "$out/lineage1.json" --repo "$tpl" >/dev/null
git -C "$tpl" cat-file commit HEAD | sed '1,/^$/d' > "$out/second.message"
git -C "$tpl" cat-file tag tplmodel@v0.0.2 | sed '1,/^$/d' > "$out/second.tag"
# The tool stamps its own clock: the second registration's times are set to the first's, the check compares the rest.
python3 - "$out" "$created" "$tpl/registry/tplmodel/v0.0.2.json" <<'PY'
import re, sys
out, created, record = sys.argv[1:4]
tag = open(f"{out}/second.tag").read()
open(f"{out}/second.tag", "w").write(re.sub(r'"time":"[^"]*"', f'"time":"{created}"', tag))
rec = open(record).read()
open(f"{out}/second.record", "w").write(re.sub(r'"created_at": "[^"]*"', f'"created_at": "{created}"', rec))
PY
printf '{"step": 1, "loss": 0.5}\n{"step": 2, "loss": 0.4}\n{"step": 3, "loss": 0.3}\n' > "$out/run.jsonl"
dotnet "$cli" runs ingest "$out/run.jsonl" --name bench-run --commit --repo "$tpl" >/dev/null
run=$(basename "$(ls "$tpl"/registry/runs/*.series.jsonl)" .series.jsonl)
git -C "$tpl" cat-file commit HEAD | sed '1,/^$/d' > "$out/ledger.message"
cp "$tpl/registry/runs/$run.json" "$out/ledger.record"; cp "$tpl/registry/runs/$run.series.jsonl" "$out/ledger.series"
python3 - "$out" "$sha" "$fp" "$run" "$(git -C "$tpl" log -1 --format='%an <%ae>')" <<'PY'
import json, sys
out, sha, fp, run, who = sys.argv[1:6]
lineage = json.load(open(f"{out}/lineage0.json"))
meta = {"model": "tplmodel", "version": "v0.0.1", "seed": 0, "fingerprint": fp, "assign_fingerprint": fp, "code_commit": sha,
        "lineage": lineage, "registry": "registry", "run_id": run, "who": who, "second": {"version": "v0.0.2", "seed": 1}}
json.dump(meta, open(f"{out}/meta.json", "w"))
PY
