"""The lineage-v1 fingerprint, exactly as Pipeline computes it (standard library only)."""
import hashlib
import json

REQUIRED = ("data_version", "code_commit", "config", "base_model", "seed")


def fingerprint(lineage: dict) -> str:
    missing = [k for k in REQUIRED if k not in lineage]
    if missing:
        raise KeyError("broken lineage, missing: " + ", ".join(missing))
    canonical = json.dumps({k: lineage[k] for k in REQUIRED}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


if __name__ == "__main__":
    import sys

    with open(sys.argv[1], encoding="utf-8") as f:
        print(fingerprint(json.load(f)))
