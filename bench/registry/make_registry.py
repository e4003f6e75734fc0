#!/usr/bin/env python3
"""Writes a git fast-import stream for a registry of MODELS models x VERSIONS versions.

Commit k adds version v0.0.k of every model (one version per model per commit, as GTO requires), so the history has
VERSIONS commits; each model gets VERSIONS registration tags and VERSIONS alias tags (production/staging alternating,
counter 1..VERSIONS), all annotated, with the messages `pipeline register/assign` write.
"""
import hashlib
import json
import sys

models, versions = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout.buffer
T0 = 1700000000


def data(text: bytes):
    out.write(b"data %d\n" % len(text))
    out.write(text)
    out.write(b"\n")


def name(m):
    return "m%04d" % m


for k in range(1, versions + 1):
    out.write(b"commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\n" % (k, T0 + k))
    data(b"registry: version v0.0.%d of every model" % k)
    for m in range(models):
        lineage = {"data_version": "dvc:%d" % m, "code_commit": "0" * 40, "config": {"lr": 2e-5, "k": k}, "base_model": "qwen", "seed": m}
        canonical = json.dumps(lineage, sort_keys=True, separators=(",", ":"))
        record = {
            "model": name(m), "version": "v0.0.%d" % k, "scheme": "lineage-v1",
            "fingerprint": hashlib.sha256(canonical.encode()).hexdigest(), "lineage": lineage, "lineage_sources": None,
            "artifact": None, "evals": [], "metrics": None, "description": None,
            "created_at": "2023-11-14T22:13:20Z", "created_by": "Bench <bench@example.com>",
        }
        body = json.dumps(record, indent=2).encode() + b"\n"
        out.write(b"M 644 inline registry/%s/v0.0.%d.json\n" % (name(m).encode(), k))
        data(body)

for m in range(models):
    for k in range(1, versions + 1):
        out.write(b"tag %s@v0.0.%d\nfrom :%d\ntagger Bench <bench@example.com> %d +0000\n" % (name(m).encode(), k, k, T0 + k))
        data(b"Registering artifact %s version v0.0.%d\n\n{\"action\":\"register\"}\n" % (name(m).encode(), k))
    for k in range(1, versions + 1):
        alias = b"production" if k % 2 else b"staging"
        out.write(b"tag %s#%s#%d\nfrom :%d\ntagger Bench <bench@example.com> %d +0000\n" % (name(m).encode(), alias, k, k, T0 + versions + k))
        data(b"Assigning stage %s to artifact %s version v0.0.%d\n\n{\"action\":\"assign\"}\n" % (alias, name(m).encode(), k))
