"""The Python baseline: read the JSONL line by line with json.loads and compute the same per-key summaries."""
import json, math, sys

summ = {}
points = 0
with open(sys.argv[1]) as f:
    for line in f:
        if not line.strip():
            continue
        obj = json.loads(line)
        if "step" not in obj:
            continue  # header
        step = obj["step"]
        for k, v in obj.items():
            if k in ("step", "time"):
                continue
            s = summ.get(k)
            if s is None:
                s = summ[k] = {"last": None, "last_step": None, "min": None, "max": None, "count": 0, "nan": 0, "inf": 0}
            s["count"] += 1
            points += 1
            if s["last_step"] is None or step >= s["last_step"]:
                s["last_step"], s["last"] = step, v
            if math.isnan(v):
                s["nan"] += 1
            elif math.isinf(v):
                s["inf"] += 1
            else:
                if s["min"] is None or v < s["min"]:
                    s["min"] = v
                if s["max"] is None or v > s["max"]:
                    s["max"] = v
print(json.dumps({"points": points, "metrics": summ}, sort_keys=True))
