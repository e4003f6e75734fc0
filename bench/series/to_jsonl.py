"""Rewrites a compact series as the ledger's JSONL lines (the encoding runs were committed in before .series.bin),
using the reader printed in docs/tracking.md, so the old and new repositories hold the very same points."""
import json, math, re, sys

docs = open(__file__.rsplit("/bench/", 1)[0] + "/docs/tracking.md").read()
exec(re.search(r"<!-- series-reader:start -->\n```python\n(.*?)```", docs, re.S).group(1))
num = lambda v: v if math.isfinite(v) else ("NaN" if v != v else "Infinity" if v > 0 else "-Infinity")
with open(sys.argv[2], "w") as f:
    for k, s, w, v in read_series(sys.argv[1]):
        point = {"s": s, "t": w, "k": k, "v": num(v)} if w == w else {"s": s, "k": k, "v": num(v)}
        f.write(json.dumps(point, separators=(",", ":")) + "\n")
