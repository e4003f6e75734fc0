"""Demo LoRA SFT training entry point (illustrative; the demo never runs it).

A real trainer logs its metrics as JSONL (`pipeline runs ingest`) and prints its lineage fingerprint with
src/lineage.py so the run and the registry agree on what was trained.
"""
import sys

from lineage import fingerprint


def main(data: str, out: str) -> None:
    lineage = {
        "data_version": sys.argv[3] if len(sys.argv) > 3 else "unknown",
        "code_commit": "HEAD",
        "config": {"lr": 2e-5, "lora_r": 16},
        "base_model": "Qwen/Qwen3-8B",
        "seed": 0,
    }
    print("training", data, "->", out, "lineage", fingerprint(lineage))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
