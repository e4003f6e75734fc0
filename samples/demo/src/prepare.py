"""Demo data preparation: dedupe and split the SFT mix (illustrative; the demo never runs it)."""
import json
import sys


def main(src: str, out: str) -> None:
    seen = set()
    with open(src, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line not in seen and not seen.add(line)]
    print(f"{len(rows)} unique rows -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
