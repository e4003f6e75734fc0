"""Inputs for bench/gate: a folder of N run records (ledger format) and one run with a P-point series."""
import json, math, os, random, sys

runs_dir, n, series_dir, points = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rng = random.Random(7)
os.makedirs(runs_dir, exist_ok=True)
for i in range(n):
    rid = f"run-{i:06d}"
    fp = f"fp-{i:06d}"
    score = round(rng.random(), 3) if i % 50 else float("nan")
    rec = {"schema": "pipeline.run/v1", "id": rid, "name": rid, "status": "finished",
           "start": f"2026-11-01T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}.000Z", "end": None,
           "params": {"lr": 2e-5, "seed": i}, "tags": {}, "metrics": {"mmlu": {"last": 0.99, "last_step": 1, "min": 0.99, "max": 0.99, "count": 1}},
           "artifacts": [], "fingerprint": fp,
           "evals": [{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": fp,
                      "scores": {"mmlu": "NaN" if math.isnan(score) else score}}]}
    with open(os.path.join(runs_dir, rid + ".json"), "w") as f:
        json.dump(rec, f, indent=2)

os.makedirs(series_dir, exist_ok=True)
rec = {"schema": "pipeline.run/v1", "id": "run-long", "name": "run-long", "status": "finished", "start": "2026-11-01T09:00:00.000Z",
       "end": None, "params": {}, "tags": {}, "metrics": {}, "artifacts": [], "fingerprint": "fp-candidate", "evals": []}
with open(os.path.join(series_dir, "run-long.json"), "w") as f:
    json.dump(rec, f, indent=2)
with open(os.path.join(series_dir, "run-long.series.jsonl"), "w") as f:
    for s in range(points // 4):
        t = 1.7e9 + s
        f.write(json.dumps({"s": s, "t": t, "k": "loss", "v": 2.0 / (1 + s / 1000)}) + "\n")
        f.write(json.dumps({"s": s, "t": t, "k": "kl", "v": 0.05 + (s % 100) / 1000}) + "\n")
        f.write(json.dumps({"s": s, "t": t, "k": "entropy", "v": 1.0 - (s % 10) / 100}) + "\n")
        f.write(json.dumps({"s": s, "t": t, "k": "reward", "v": min(1.0, s / 50000)}) + "\n")
