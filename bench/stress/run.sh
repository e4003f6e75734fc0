#!/usr/bin/env bash
# Stress of the registry write path (issue 15): 32 writers from 32 clones register and then move aliases against one
# bare remote (--push), N local writers in one clone, and a kill -9 loop. Prints figures; exits non-zero when an
# invariant breaks (a failed writer, a duplicate version, a counter gap, an fsck error, a wedged re-run).
# Usage: bench/stress/run.sh [WRITERS=32] [KILLS=30] [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
writers="${1:-32}"
kills="${2:-30}"
work="${3:-$(mktemp -d)}"
dotnet build -c Release -v q "$root/src/Pipeline.Cli" >/dev/null
cli="$root/src/Pipeline.Cli/bin/Release/net10.0/pipeline.dll"
exec python3 "$root/bench/stress/stress.py" "$cli" "$work" "$writers" "$kills"
