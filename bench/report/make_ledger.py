"""Inputs for bench/report: a ledger of N runs (the tool's record and series formats), P points each over 4 series."""
import json, math, os, sys

ledger, n, points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(ledger, exist_ok=True)
keys = ["loss", "reward", "kl", "entropy"]
for i in range(n):
    rid = f"20261101-{i // 3600:02d}{(i // 60) % 60:02d}{i % 60:02d}000-{i:08x}"
    steps = points // len(keys)
    with open(os.path.join(ledger, rid + ".series.jsonl"), "w") as f:
        for s in range(steps):
            t = 1.7e9 + s
            loss = 2.0 / (1 + s / 500) + (i % 7) / 100 + (0.3 if s % 997 == 0 else 0)
            f.write('{"s":%d,"t":%d,"k":"loss","v":%r}\n' % (s, t, loss))
            f.write('{"s":%d,"t":%d,"k":"reward","v":%r}\n' % (s, t, min(1.0, s / steps + i / 1e4)))
            f.write('{"s":%d,"t":%d,"k":"kl","v":%r}\n' % (s, t, 0.05 + (s % 100) / 1000))
            f.write('{"s":%d,"t":%d,"k":"entropy","v":%r}\n' % (s, t, 1.0 - (s % 10) / 100))
    last = 2.0 / (1 + (steps - 1) / 500) + (i % 7) / 100
    summary = lambda v: {"last": v, "last_step": steps - 1, "min": v, "max": v, "count": steps, "nan": 0, "inf": 0}
    rec = {"schema": "pipeline.run/v1", "id": rid, "name": f"sweep-{i}", "experiment": f"exp-{i // 25}", "method": "grpo",
           "status": "finished", "start": f"2026-11-01T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}.000Z",
           "end": None, "params": {"lr": 1e-6 * (1 + i % 10), "kl_coef": 0.01 * (1 + i % 5), "seed": i}, "tags": {"team": "rl"},
           "metrics": {k: summary(last) for k in keys}, "series": {"path": rid + ".series.jsonl", "points": steps * len(keys)},
           "artifacts": [], "evals": []}
    with open(os.path.join(ledger, rid + ".json"), "w") as f:
        json.dump(rec, f, indent=2)
