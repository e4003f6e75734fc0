#!/usr/bin/env python3
"""A registry history as `pipeline` writes it, for git fast-import: one commit per registration, a run-ledger commit
every LEDGER_EVERY registrations, one annotated version tag per registration and two alias tags per model.

Nothing here is invented: every record, commit message and tag message is a template captured from the tool itself
(capture.sh writes TEMPLATES), with only the model, version, seed, fingerprint, run id and times substituted;
`check TEMPLATES` re-renders the tool's SECOND registration from the first and fails unless it is byte-identical.

Usage: make_registry.py stream TEMPLATES MODELS VERSIONS LEDGER_EVERY  > fast-import stream (on top of the code commit)
       make_registry.py check TEMPLATES
"""
import hashlib
import json
import os
import sys

T0 = 1735689600  # 2025-01-01, after the code commit


def load(folder):
    def read(name):
        with open(os.path.join(folder, name), "rb") as f:
            return f.read()
    meta = json.loads(read("meta.json"))
    return {k: read(k) for k in ["record", "message", "tag", "model.json", "assign.tag", "ledger.message", "ledger.record", "ledger.series"]}, meta


def fingerprint(meta, seed):
    lineage = dict(meta["lineage"], seed=seed)
    return hashlib.sha256(json.dumps(lineage, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def render(t, meta, model, version, seed):
    """(record, commit message, tag message) of registering MODEL VERSION with the template lineage at SEED."""
    fp = fingerprint(meta, seed)

    def sub(b):
        b = b.replace(meta["fingerprint"].encode(), fp.encode())
        b = b.replace(b'"seed": %d\n' % meta["seed"], b'"seed": %d\n' % seed)
        b = b.replace(meta["model"].encode(), model.encode())
        return b.replace(meta["version"].encode(), version.encode())
    return sub(t["record"]), sub(t["message"]), sub(t["tag"])


def check(folder):
    t, meta = load(folder)
    second = meta["second"]
    got = render(t, meta, meta["model"], second["version"], second["seed"])
    for name, mine in zip(["record", "message", "tag"], got):
        with open(os.path.join(folder, "second." + name), "rb") as f:
            theirs = f.read()
        if mine != theirs:
            sys.exit(f"template drift: the tool's second {name} differs from the one rendered from its first\n--- tool\n{theirs.decode()}\n--- rendered\n{mine.decode()}")
    print("templates ok: the tool's second registration re-renders byte for byte")


def stream(folder, models, versions, ledger_every):
    t, meta = load(folder)
    out = sys.stdout.buffer
    who = meta["who"].encode()
    mark = 0

    def data(b):
        out.write(b"data %d\n" % len(b))
        out.write(b)
        out.write(b"\n")

    def blob(b):
        nonlocal mark
        mark += 1
        out.write(b"blob\nmark :%d\n" % mark)
        data(b)
        return mark

    series = blob(t["ledger.series"])
    model_file = {}
    commit_of = {}
    when = T0
    first = True
    n = 0
    for k in range(1, versions + 1):
        for m in range(models):
            model = "m%04d" % m
            version = "v0.0.%d" % k
            record, message, _ = render(t, meta, model, version, k * models + m)
            rec = blob(record)
            files = [(b"%s/%s/%s.json" % (meta["registry"].encode(), model.encode(), version.encode()), rec)]
            if model not in model_file:
                model_file[model] = blob(t["model.json"].replace(meta["model"].encode(), model.encode()))
                files.append((b"%s/%s/model.json" % (meta["registry"].encode(), model.encode()), model_file[model]))
            mark += 1
            commit_of[(model, k)] = mark
            when += 1
            out.write(b"commit refs/heads/main\nmark :%d\nauthor %s %d +0000\ncommitter %s %d +0000\n" % (mark, who, when, who, when))
            data(message)
            if first:
                out.write(b"from %s\n" % meta["code_commit"].encode())
                first = False
            for path, b in files:
                out.write(b"M 100644 :%d %s\n" % (b, path))
            n += 1
            if ledger_every and n % ledger_every == 0:
                run_id = "20250101-000000000-%08x" % n
                rec = blob(t["ledger.record"].replace(meta["run_id"].encode(), run_id.encode()))
                mark += 1
                when += 1
                out.write(b"commit refs/heads/main\nmark :%d\nauthor %s %d +0000\ncommitter %s %d +0000\n" % (mark, who, when, who, when))
                data(t["ledger.message"].replace(meta["run_id"].encode(), run_id.encode()))
                folder_b = meta["registry"].encode() + b"/runs/"
                out.write(b"M 100644 :%d %s%s.json\n" % (rec, folder_b, run_id.encode()))
                out.write(b"M 100644 :%d %s%s.series.jsonl\n" % (series, folder_b, run_id.encode()))
    for m in range(models):
        model = "m%04d" % m
        for k in range(1, versions + 1):
            version = "v0.0.%d" % k
            _, _, tag = render(t, meta, model, version, k * models + m)
            out.write(b"tag %s@%s\nfrom :%d\ntagger %s %d +0000\n" % (model.encode(), version.encode(), commit_of[(model, k)], who, T0 + k))
            data(tag)
        for counter, (alias, k) in enumerate([("production", versions), ("staging", max(1, versions - 1))], start=1):
            version = "v0.0.%d" % k
            fp = fingerprint(meta, k * models + m)
            tag = (t["assign.tag"].replace(meta["assign_fingerprint"].encode(), fp.encode())
                   .replace(meta["model"].encode(), model.encode()).replace(meta["version"].encode(), version.encode())
                   .replace(b"production", alias.encode()).replace(b'"counter":1', b'"counter":%d' % counter))
            out.write(b"tag %s#%s#%d\nfrom :%d\ntagger %s %d +0000\n" % (model.encode(), alias.encode(), counter, commit_of[(model, k)], who, when + counter))
            data(tag)


if __name__ == "__main__":
    if sys.argv[1] == "check":
        check(sys.argv[2])
    else:
        stream(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
