#!/usr/bin/env python3
"""Times CLI verbs on the 100-version and the 100,000-version registry, alternating so both see the same load, and
prints each median with its ratio to its peer (the small registry; for `list`, `git for-each-ref` on the same repo)."""
import json
import statistics
import subprocess
import sys
import time

cli, small, big, runs, big_model = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]


def once(cmd, cwd, check=True):
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - start) * 1000
    if check and done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)} in {cwd}\n{done.stderr.decode()}")
    return ms, done.stdout


def paired(make_a, make_b, cwd_a, cwd_b):
    a, b = [], []
    once(make_a(0), cwd_a); once(make_b(0), cwd_b)  # warm the file cache
    for i in range(1, runs + 1):
        a.append(once(make_a(i), cwd_a)[0])
        b.append(once(make_b(i), cwd_b)[0])
    return statistics.median(a), statistics.median(b)


p = ["dotnet", cli]
verify = p + ["verify", "--base", "main", "--head", "pr", "--no-fetch", "--json"]
for repo in (small, big):
    report = json.loads(once(verify, repo)[1])
    assert report["ok"] and len(report["versions"]) == 1, report
    lineage = json.loads(once(p + ["fingerprint", "--json"], repo)[1])
    code = subprocess.run(["git", "rev-list", "--max-parents=0", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.split()[0]
    assert lineage["lineage"]["code_commit"] == code, (repo, lineage["lineage"]["code_commit"], code)

rows = []
for label, args in [
    ("fingerprint (from sources, HEAD)", ["fingerprint", "--json"]),
    ("verify one-version PR", verify[2:]),
    ("show MODEL#production", ["show", "{m}#production", "--json"]),
    ("history MODEL", ["history", "{m}", "--json"]),
    ("list", ["list", "--json"]),
]:
    s, b = paired(lambda i: p + [a.format(m="m0000") for a in args], lambda i: p + [a.format(m=big_model) for a in args], small, big)
    rows.append((label, s, b, "100 versions"))
# register from sources writes a new version each time (--force-new: the same lineage would be a no-op).
s, b = paired(lambda i: p + ["register", "m0000", "--force-new"], lambda i: p + ["register", big_model, "--force-new"], small, big)
rows.append(("register (lineage from sources)", s, b, "100 versions"))
g, l = paired(lambda i: ["git", "for-each-ref", "refs/tags"], lambda i: p + ["list", "--json"], big, big)
rows.append(("list vs git for-each-ref refs/tags", g, l, "git, same repo"))

print(f"{'verb (100,000 versions)':36} {'peer':>15} {'ms':>8} {'peer ms':>8} {'ratio':>6}")
for label, peer_ms, ms, peer in rows:
    print(f"{label:36} {peer:>15} {ms:8.0f} {peer_ms:8.0f} {ms / peer_ms:6.2f}")
print(f"runs: {runs} paired, medians; target: every ratio <= 2")
