"""Writes a JSONL run of N metric points (one point per line, 4 keys round-robin, Python's bare NaN included)."""
import json, math, random, sys

path, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
keys = ["loss", "reward", "kl", "entropy"]
with open(path, "w") as f:
    f.write(json.dumps({"name": "bench", "experiment": "bench", "method": "grpo", "params": {"lr": 1e-06, "kl_coef": 0.05}}) + "\n")
    t = 1732540000.0
    for i in range(n):
        step = i // 4
        key = keys[i % 4]
        v = rnd.random() * 3.0
        if i % 10007 == 0:
            v = math.nan
        f.write(json.dumps({"step": step, "time": round(t + step * 0.5, 3), key: v}) + "\n")
