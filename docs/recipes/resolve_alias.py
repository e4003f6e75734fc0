#!/usr/bin/env python3
"""resolve_alias.py MODEL ALIAS [REGISTRY_DIR]: what MODEL#ALIAS serves, with the standard library and git (no Pipeline).
Prints the version, then its record (artifact URI + sha256). Exit 1: alias empty or version deprecated; 2: never assigned."""
import re, subprocess, sys
m, a, folder = (sys.argv[1:] + ["registry"])[:3]
def tags(*patterns, points_at=()):  # annotated tags only: (name, commit)
    out = subprocess.run(["git", "for-each-ref", *points_at, "--format=%(objecttype) %(refname:strip=2) %(*objectname)", *patterns],
                         check=True, capture_output=True, text=True).stdout.split("\n")
    return [tuple(line.split(" ")[1:]) for line in out if line.startswith("tag ")]
events = [(int(n), name, commit) for name, commit in tags(f"refs/tags/{m}#{a}#*", f"refs/tags/{m}#{a}!#*")
          for n in [name.rsplit("#", 1)[1]] if re.fullmatch(r"[0-9]{1,18}", n)]
if not events: sys.exit(print(f"{m}#{a} was never assigned", file=sys.stderr) or 2)
_, top, commit = max(events)  # the highest counter wins, a tie goes to the greater name
if "!#" in top: sys.exit(print(f"{m}#{a} is empty ({top})", file=sys.stderr) or 1)
versions = [n[len(m) + 1:] for n, _ in tags(f"refs/tags/{m}@v*", points_at=["--points-at", commit]) if not n.endswith("!")]
if not versions: sys.exit(print(f"{top} points at {commit}, where no version of {m} is registered", file=sys.stderr) or 2)
if tags(f"refs/tags/{m}@{versions[0]}!", f"refs/tags/{m}@deprecated"): sys.exit(print(f"{m}@{versions[0]} is deprecated", file=sys.stderr) or 1)
print(versions[0], flush=True)
subprocess.run(["git", "show", f"{commit}:{folder}/{m}/{versions[0]}.json"], check=True)
