"""The figures of bench/stress/run.sh. Every writer is a real `dotnet pipeline.dll` process; git is the real git."""
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

cli, work, writers, kills = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
env = dict(os.environ, GIT_AUTHOR_NAME="Stress", GIT_AUTHOR_EMAIL="s@example.com", GIT_COMMITTER_NAME="Stress",
           GIT_COMMITTER_EMAIL="s@example.com")
env.pop("GITHUB_ACTIONS", None)
failures = []


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def pipeline(*args):
    started = time.monotonic()
    p = subprocess.run(["dotnet", cli, *args], capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - started


def lineage(seed):
    path = os.path.join(work, f"lineage-{seed}.json")
    with open(path, "w") as f:
        json.dump({"data_version": "d", "code_commit": "0" * 40, "config": {"lr": 0.1}, "base_model": "b", "seed": seed}, f)
    return path


DVC_LOCK = """schema: '2.0'
stages:
  train:
    cmd: python src/train.py data/sft.jsonl models/adapter
    deps:
    - path: data/sft.jsonl
      hash: md5
      md5: 5c1b5e3d2f0a4b8c9d7e6f5a4b3c2d1e
      size: 1024
    outs:
    - path: models/adapter
      hash: md5
      md5: 3c4d5e6f708192a3b4c5d6e7f8091a2b.dir
      size: 7
      nfiles: 1
"""


def sources(seed):
    """Register from the repository's own sources with an artifact digest: only such a version re-verifies, and
    assign/promote take only versions that re-verify (issue 14), so the assign phase needs them."""
    return ["--config", "params.yaml#train", "--dvc-lock", "dvc.lock", "--base-model", "Qwen/Qwen3-8B", "--seed", str(seed),
            "--artifact", f"s3://bucket/m-{seed}.bin", "--artifact-sha256", "ab" * 32]


def new_repo(path):
    os.makedirs(path)
    git(path, "init", "-q", "-b", "main")
    os.makedirs(os.path.join(path, "src"))
    for name, text in (("src/train.py", "print(1)\n"), ("params.yaml", "train:\n  lr: 2.0e-5\n"), ("dvc.lock", DVC_LOCK)):
        with open(os.path.join(path, name), "w") as f:
            f.write(text)
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "code")
    return path


def check(name, ok, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail else ''}")
    if not ok:
        failures.append(name)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] if values else 0.0


# Baseline: one uncontended register --push from one clone (what a lone CI job pays).
remote = os.path.join(work, "remote.git")
os.makedirs(remote)
git(remote, "init", "-q", "--bare", "-b", "main")
seed = new_repo(os.path.join(work, "seed"))
git(seed, "push", "-q", remote, "main")
clones = []
for i in range(writers + 1):
    d = os.path.join(work, f"w{i}")
    git(work, "clone", "-q", remote, d)
    clones.append(d)
code, _, err, baseline = pipeline("register", "base", *sources(10_000), "--repo", clones[-1], "--push")
check("baseline register --push", code == 0, err.strip())

print(f"{writers} writers, one remote: register --push")
start = time.monotonic()
with ThreadPoolExecutor(writers) as pool:
    regs = list(pool.map(lambda i: pipeline("register", "m", *sources(i), "--repo", clones[i], "--push", "--json"), range(writers)))
reg_wall = time.monotonic() - start
ok = [json.loads(r[1])["version"] for r in regs if r[0] == 0]
check("every register succeeded", len(ok) == writers, f"{len(ok)}/{writers}; " + "; ".join({r[2].strip()[:200] for r in regs if r[0] != 0}))
check("versions unique", len(set(ok)) == len(ok))
tags = git(remote, "tag", "-l").split()
check("one tag per version on the remote", sorted(t for t in tags if t.startswith("m@")) == sorted(f"m@{v}" for v in ok))

print(f"{writers} writers, one remote: assign --push to 4 aliases")
start = time.monotonic()
with ThreadPoolExecutor(writers) as pool:
    moves = list(pool.map(lambda i: pipeline("assign", "m", "--version", ok[i % len(ok)] if ok else "v0.0.1", "--alias", f"a{i % 4}",
                                             "--repo", clones[i], "--push", "--json"), range(writers)))
move_wall = time.monotonic() - start
check("every assign succeeded", all(m[0] == 0 for m in moves), "; ".join({m[2].strip()[:200] for m in moves if m[0] != 0}))
tags = git(remote, "tag", "-l").split()
counters = sorted(int(m.group(1)) for t in tags if (m := re.match(r"^m#a\d!?#(\d+)$", t)))
created = sum(1 for m in moves if m[0] == 0 and json.loads(m[1]).get("created"))
check("counters unique and gapless across aliases", counters == list(range(1, len(counters) + 1)), str(counters[:40]))
check("one counter per created event", len(counters) == created, f"{len(counters)} tags, {created} created")
check("remote fsck clean", subprocess.run(["git", "fsck", "--no-dangling"], cwd=remote, capture_output=True).returncode == 0)

print(f"{min(writers, 16)} writers in one clone, 3 rounds")
local = new_repo(os.path.join(work, "local"))
local_times = []
for round_ in range(3):
    with ThreadPoolExecutor(min(writers, 16)) as pool:
        rs = list(pool.map(lambda i: pipeline("register", "m", "--lineage", lineage(1000 + round_ * 100 + i), "--repo", local), range(min(writers, 16))))
    local_times += [r[3] for r in rs]
    check(f"round {round_ + 1}: every local register succeeded", all(r[0] == 0 for r in rs), "; ".join({r[2].strip()[:200] for r in rs if r[0] != 0}))
status = git(local, "status", "--porcelain")
check("working tree and index clean", status == "", status[:200])
mismatch = [t for t in git(local, "tag", "-l", "m@v*").split()
            if git(local, "rev-parse", f"{t}^{{commit}}:registry/m/{t[2:]}.json") != git(local, "rev-parse", f"main:registry/m/{t[2:]}.json")]
check("every branch record is its tagged record", not mismatch, ", ".join(mismatch[:10]))

print(f"kill -9 loop: {kills} registers killed at random moments, each followed by a normal register")
killed_repo = new_repo(os.path.join(work, "killed"))
wedged = 0
rng = random.Random(15)
for i in range(kills):
    p = subprocess.Popen(["dotnet", cli, "register", "m", "--lineage", lineage(5000 + i), "--repo", killed_repo],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(rng.uniform(0.1, 1.2))
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
    p.wait()
    code, _, err, _ = pipeline("register", "m", "--lineage", lineage(9000 + i), "--repo", killed_repo)
    if code != 0:
        wedged += 1
        print(f"    re-run {i} failed: {err.strip()[:200]}")
check("no re-run wedged after a kill", wedged == 0, f"{wedged}/{kills}")
status = git(killed_repo, "status", "--porcelain")
check("clean after the loop", status == "", status[:200])
doctor = pipeline("doctor", "--repo", killed_repo)
print(f"  doctor after the loop: exit {doctor[0]} ({doctor[2].strip().splitlines()[0] if doctor[2].strip() else 'registry ok'})")

regs_t = [r[3] for r in regs]
moves_t = [m[3] for m in moves]
print()
print(f"baseline (one uncontended register --push): {baseline:.2f} s")
print(f"{writers}-way register --push: wall {reg_wall:.1f} s, p50 {percentile(regs_t, .5):.2f} s ({percentile(regs_t, .5) / baseline:.1f}x baseline), "
      f"p95 {percentile(regs_t, .95):.2f} s ({percentile(regs_t, .95) / baseline:.1f}x)")
print(f"{writers}-way assign --push:   wall {move_wall:.1f} s, p50 {percentile(moves_t, .5):.2f} s ({percentile(moves_t, .5) / baseline:.1f}x baseline), "
      f"p95 {percentile(moves_t, .95):.2f} s ({percentile(moves_t, .95) / baseline:.1f}x)")
print(f"local one-clone register: p50 {percentile(local_times, .5):.2f} s, p95 {percentile(local_times, .95):.2f} s")
print(f"kill -9 loop: {kills} kills, {wedged} wedged re-runs")
print("STRESS " + ("FAILED: " + ", ".join(failures) if failures else "passed"))
sys.exit(1 if failures else 0)
