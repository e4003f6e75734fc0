#!/usr/bin/env python3
"""The lineage-v1 fingerprint as docs/design.md §2 defines it, standard library only (the baseline of run.sh)."""
import hashlib
import json
import sys

REQUIRED = ["data_version", "code_commit", "config", "base_model", "seed"]

with open(sys.argv[1], "rb") as f:
    lineage = json.loads(f.read())
canonical = json.dumps({k: lineage[k] for k in REQUIRED}, sort_keys=True, separators=(",", ":"))
print(hashlib.sha256(canonical.encode()).hexdigest())
