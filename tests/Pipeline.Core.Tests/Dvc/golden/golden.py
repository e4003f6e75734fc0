#!/usr/bin/env python3
"""Independent reference for data_version (docs/design.md §2): reads cases.json, writes golden.json.

Run from this folder: python3 golden.py. Uses PyYAML only to load the files (every hash in them is a quoted or
non-numeric string, so YAML 1.1 vs 1.2 typing does not matter here)."""
import hashlib, json, os, posixpath, yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = HERE
while not os.path.exists(os.path.join(ROOT, "Pipeline.sln")):
    ROOT = os.path.dirname(ROOT)
# The repository's own fixtures (tests/fixtures/PROVENANCE.md says where each came from).
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
KEYS = ["md5", "etag", "checksum", "hash", "version_id"]


def src(name):
    kind, rest = name.split("/", 1)
    return os.path.join(FIXTURES if kind == "fixtures" else HERE, rest)


def norm(p, base):
    if "://" in p:
        return p
    out = posixpath.normpath(posixpath.join(base, p))
    assert not out.startswith("..") and not out.startswith("/")
    return out


def entry(d, base):
    e = {"path": norm(d["path"], base)}
    for k in KEYS:
        if k in d:
            e[k] = str(d[k])
    return e


def under(p, folder):
    return p == folder or p.startswith(folder + "/")


def run(case):
    lock = yaml.safe_load(open(src(case["lock"]), encoding="utf-8"))
    stages = lock["stages"] if "schema" in lock else lock
    base = posixpath.dirname(case["lock_path"])
    deps = {n: [entry(d, base) for d in s.get("deps", [])] for n, s in stages.items()}
    outs = {n: [entry(o, base)["path"] for o in s.get("outs", [])] for n, s in stages.items()}
    chosen = set(case["stages"]) or set(stages)
    changed = True
    while changed:
        changed = False
        for n in stages:
            if n in chosen:
                continue
            if any(under(d["path"], o) or under(o, d["path"]) for c in chosen for d in deps[c] for o in outs[n]):
                chosen.add(n)
                changed = True
    tracked = case["tracked"]
    all_outs = [o for n in stages for o in outs[n]]
    data, produced, code = {}, set(), set()
    for n in stages:
        if n not in chosen:
            continue
        for d in deps[n]:
            if any(under(d["path"], o) for o in all_outs):
                produced.add(d["path"])
            elif "://" not in d["path"] and any(under(t, d["path"]) for t in tracked):
                code.add(d["path"])
            else:
                assert data.get(d["path"], d) == d
                data[d["path"]] = d
    for f in case["dvc_files"]:
        doc = yaml.safe_load(open(src(f["file"]), encoding="utf-8"))
        fbase = posixpath.normpath(posixpath.join(posixpath.dirname(f["path"]), doc.get("wdir", ".")))
        fbase = "" if fbase == "." else fbase
        for o in doc["outs"]:
            e = entry(o, fbase)
            assert data.get(e["path"], e) == e
            data[e["path"]] = e
    entries = sorted(data.values(), key=lambda e: e["path"])
    canonical = json.dumps(entries, sort_keys=True, separators=(",", ":"))
    return {
        "name": case["name"],
        "data_version": "dvc:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        "canonical": canonical,
        "stage_outputs": sorted(produced),
        "tracked_code": sorted(code),
    }


cases = json.load(open(os.path.join(HERE, "cases.json"), encoding="utf-8"))
with open(os.path.join(HERE, "golden.json"), "w", encoding="utf-8") as out:
    json.dump([run(c) for c in cases], out, indent=1, sort_keys=True)
    out.write("\n")
