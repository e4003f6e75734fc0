"""Writes a JSONL run of N metric points, 4 keys per step, in one of three shapes:
curve    the shape bench/report's ledger uses (smooth curves, 17-digit doubles, whole-second wall clock);
trainer  what a PyTorch trainer logs: float32 tensor values (.item()), a rounded loss, time.time() wall clock;
random   bench/ingest's worst case: uniform random 17-digit doubles (no encoding can shrink those)."""
import json, math, random, struct, sys

path, n, shape = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(42)
f32 = lambda x: struct.unpack("<f", struct.pack("<f", x))[0]
steps = n // 4
with open(path, "w") as f:
    f.write(json.dumps({"name": shape, "experiment": "bench", "method": "grpo"}) + "\n")
    t = 1732540000.0
    for s in range(steps):
        if shape == "curve":
            row = {"loss": 2.0 / (1 + s / 500) + (0.3 if s % 997 == 0 else 0), "reward": min(1.0, s / steps),
                   "kl": 0.05 + (s % 100) / 1000, "entropy": 1.0 - (s % 10) / 100}
            wall = 1.7e9 + s
        elif shape == "trainer":
            t += 0.4 + rnd.random() * 0.2
            row = {"loss": round(2.0 / (1 + s / 500) + rnd.gauss(0, 0.05), 4), "reward": f32(min(1.0, s / steps + rnd.gauss(0, 0.1))),
                   "kl": f32(abs(rnd.gauss(0.05, 0.01))), "grad_norm": f32(abs(rnd.gauss(1.0, 0.3)))}
            wall = t
        else:
            row = {k: rnd.random() * 3.0 for k in ("loss", "reward", "kl", "entropy")}
            wall = round(t + s * 0.5, 3)
        for k, v in row.items():
            f.write(json.dumps({"step": s, "time": wall, k: v}) + "\n")
