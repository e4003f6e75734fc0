"""What `pipeline select RUNS --metric M --maximize` does, as a user would script it in Python: json.load every run
record, bind each eval result to what the run produced (its fingerprint or an artifact digest), one suite only, argmax
(ties to the earliest start, then the id; NaN never wins), and the same text on stdout and warnings on stderr, so the
bench can check both print the same bytes. Usage: select.py FOLDER METRIC"""
import json, math, os, sys
from datetime import datetime, timezone

folder, metric = sys.argv[1], sys.argv[2]


def score_of(v):
    if isinstance(v, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v]
    return float(v)


def fmt(x):
    if math.isnan(x):
        return "NaN"
    return str(int(x)) if x == int(x) and abs(x) < 1e15 else repr(x)


ranked, unranked, suites = [], [], {}
for name in sorted(n for n in os.listdir(folder) if n.endswith(".json") and not n.endswith(".series.jsonl")):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        rec = json.load(f)
    subjects = {s for s in [rec.get("fingerprint")] + [a.get("sha256") for a in rec.get("artifacts") or []] if s}
    bound = [e for e in rec.get("evals") or [] if e.get("evaluated") in subjects and metric in e.get("scores", {})]
    if not bound:
        unranked.append((rec["id"], f"no eval result for '{metric}' evaluating what this run produced"))
        continue
    e = bound[0]
    suites[e["suite"]["fingerprint"]] = e["suite"]["name"]
    s = score_of(e["scores"][metric])
    if not math.isfinite(s):
        unranked.append((rec["id"], f"score '{metric}' is {fmt(s)}; a non-finite score never wins"))
        continue
    start = datetime.fromisoformat(rec["start"].replace("Z", "+00:00")).astimezone(timezone.utc)
    ranked.append((-s, start, rec["id"], s))

if len(suites) != 1:
    sys.exit(f"incomparable runs: {sorted(suites)}")
ranked.sort()
(fp, suite), = suites.items()
for run, reason in unranked:
    print(f"warning PIPE4025: run '{run}' not ranked: {reason}", file=sys.stderr)
width = max(3, max(len(r[2]) for r in ranked))
out = [f"winner: {ranked[0][2]}  {metric} = {fmt(ranked[0][3])}  (suite {suite}, {fp}; maximize)",
       f"rank  {'run'.ljust(width)}  {metric:<12}  started"]
for i, (_, start, run, s) in enumerate(ranked, start=1):
    out.append(f"{i:4}  {run.ljust(width)}  {fmt(s):<12}  {start:%Y-%m-%dT%H:%M:%SZ}")
for run, reason in unranked:
    out.append(f"   -  {run.ljust(width)}  not ranked: {reason}")
sys.stdout.write("\n".join(out) + "\n")
