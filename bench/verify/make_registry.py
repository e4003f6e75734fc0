"""Writes a git fast-import stream: a registry of N version records over M models on `main`, then a `pr` branch
that adds one record whose lineage is honest (built by `pipeline fingerprint`), so verify does its full work on it."""
import hashlib
import json
import sys

versions, models, training_commit_file, honest_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
out = sys.stdout.buffer


def blob(mark: int, data: bytes) -> None:
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
    out.write(data + b"\n")


def record(model: str, version: str, commit: str, seed: int) -> bytes:
    lineage = {"data_version": "dvc:" + hashlib.sha256(model.encode()).hexdigest(), "code_commit": commit,
               "config": {"lr": 2e-5, "lora_r": 16}, "base_model": "Qwen/Qwen3-8B", "seed": seed}
    canonical = json.dumps(lineage, sort_keys=True, separators=(",", ":"))
    rec = {"model": model, "version": version, "fingerprint": hashlib.sha256(canonical.encode()).hexdigest(),
           "scheme": "lineage-v1", "lineage": lineage, "lineage_sources": {"dirty": False},
           "artifact": {"uri": "s3://bucket/%s/%s" % (model, version), "sha256": "0" * 64, "size": 1}}
    return (json.dumps(rec, indent=2) + "\n").encode()


with open(training_commit_file) as f:
    base = f.read().strip()

per_model = versions // models
mark = 1
paths = []
for m in range(models):
    model = "model-%04d" % m
    for v in range(per_model):
        blob(mark, record(model, "v0.%d.0" % v, base, v))
        paths.append(("registry/%s/v0.%d.0.json" % (model, v), mark))
        mark += 1

out.write(b"commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.invalid> 1767225600 +0000\n" % mark)
msg = b"registry of %d versions" % versions
out.write(b"data %d\n%s\nfrom %s\n" % (len(msg), msg, base.encode()))
for path, m in paths:
    out.write(b"M 100644 :%d %s\n" % (m, path.encode()))
main_mark = mark
mark += 1
with open(honest_file) as f:
    honest = json.load(f)  # `pipeline fingerprint --json` at the training commit: verify recomputes all of it
pr = {"model": "model-new", "version": "v0.0.1", "scheme": "lineage-v1", "fingerprint": honest["fingerprint"],
      "lineage": honest["lineage"], "lineage_sources": honest["lineage_sources"],
      "artifact": {"uri": "s3://bucket/model-new/v0.0.1", "sha256": "0" * 64, "size": 1}}
blob(mark, (json.dumps(pr, indent=2) + "\n").encode())
out.write(b"commit refs/heads/pr\nmark :%d\ncommitter Bench <bench@example.invalid> 1767225601 +0000\n" % (mark + 1))
msg = b"register model-new v0.0.1"
out.write(b"data %d\n%s\nfrom :%d\nM 100644 :%d registry/model-new/v0.0.1.json\n" % (len(msg), msg, main_mark, mark))
