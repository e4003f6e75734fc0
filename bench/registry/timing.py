#!/usr/bin/env python3
"""Times CLI commands (median of N runs, wall clock of the whole process) on two registries and prints ratios."""
import json
import statistics
import subprocess
import sys
import time

cli, small, big = sys.argv[1], sys.argv[2], sys.argv[3]
RUNS = 5


def timed(cmd, cwd):
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def register_times(repo, model):
    samples = []
    for i in range(RUNS):
        lineage = f"{repo}/../lineage-{i}.json"
        with open(lineage, "w") as f:
            json.dump({"data_version": "bench", "code_commit": "1" * 40, "config": {"run": i}, "base_model": "qwen", "seed": 99}, f)
        start = time.perf_counter()
        subprocess.run(["dotnet", cli, "register", model, "--lineage", lineage, "--repo", repo, "--json"], check=True, stdout=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


rows = []
for label, args in [
    ("show MODEL#production", ["show", "{m}#production", "--json"]),
    ("history MODEL", ["history", "{m}", "--json"]),
    ("show MODEL@v0.0.50", ["show", "{m}@v0.0.50", "--json"]),
    ("list", ["list", "--json"]),
]:
    s = timed(["dotnet", cli] + [a.format(m="m0000") for a in args] + ["--repo", small], small)
    b = timed(["dotnet", cli] + [a.format(m="m0500") for a in args] + ["--repo", big], big)
    rows.append((label, s, b))
rows.append(("register MODEL", register_times(small, "m0000"), register_times(big, "m0500")))
for label, pattern_s, pattern_b in [
    ("git for-each-ref MODEL tags", ["refs/tags/m0000@*", "refs/tags/m0000#*"], ["refs/tags/m0500@*", "refs/tags/m0500#*"]),
    ("git for-each-ref all tags", ["refs/tags/"], ["refs/tags/"]),
]:
    fmt = "--format=%(refname) %(objectname) %(*objectname) %(taggerdate:unix)"
    s = timed(["git", "for-each-ref", fmt] + pattern_s, small)
    b = timed(["git", "for-each-ref", fmt] + pattern_b, big)
    rows.append((label, s, b))
noop = timed(["dotnet", cli, "--help"], small)
print(f"{'command':32} {'100 versions':>13} {'100k versions':>14} {'ratio':>6}")
for label, s, b in rows:
    print(f"{label:32} {s:10.0f} ms {b:11.0f} ms {b / s:6.2f}")
print(f"{'(dotnet pipeline.dll --help)':32} {noop:10.0f} ms   (process start-up, included above)")
