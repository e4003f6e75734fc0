"""What a user would script without Pipeline: argmax over run files, and the health stats over a series file."""
import json, math, os, sys

if sys.argv[1] == "select":
    best = None
    for name in sorted(os.listdir(sys.argv[2])):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(sys.argv[2], name)) as f:
            rec = json.load(f)
        for e in rec["evals"]:
            s = e["scores"].get("mmlu")
            s = float(s) if s is not None else None
            if s is not None and not math.isnan(s) and (best is None or s > best[0]):
                best = (s, rec["id"])
    print(best)
else:
    series = {}
    with open(sys.argv[2]) as f:
        for line in f:
            p = json.loads(line)
            series.setdefault(p["k"], []).append((p["s"], p["v"]))
    kl = sorted(series["kl"])[-1][1]
    ent = min(v for _, v in series["entropy"])
    nan = any(math.isnan(v) for _, v in series["loss"])
    r = [v for _, v in sorted(series["reward"])]
    collapsed = sum(r[-50:]) / 50 < 0.5 * max(r)
    print(kl <= 0.2, ent >= 0.5, not nan, not collapsed)
