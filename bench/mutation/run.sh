#!/usr/bin/env bash
# Mutation check (issue 20): breaks each rule in mutations.txt, one at a time, in a temp copy of the repository, runs
# the tests that should notice, and reports the survivors. Exit 0 only when every mutant is killed.
# Usage: bench/mutation/run.sh [mutations.txt]   (build the solution first: the copy reuses its bin/ and obj/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
list=${1:-$here/mutations.txt}
work=$(mktemp -d "${TMPDIR:-/tmp}/pipeline-mutation-XXXXXX")
trap 'rm -rf "$work"' EXIT
# A copy, outputs included, so each mutant rebuilds only the mutated project and the test project.
tar -C "$repo" --exclude=.git -cf - . | tar -C "$work" -xf -

killed=0; survived=0; n=0
while IFS='|' read -r file from to project filter; do
  file=$(echo "$file" | xargs); [[ -z "$file" || "$file" == \#* ]] && continue
  from=$(echo "$from" | sed 's/^ *//; s/ *$//'); to=$(echo "$to" | sed 's/^ *//; s/ *$//')
  project=$(echo "$project" | xargs); filter=$(echo "$filter" | xargs)
  n=$((n + 1))
  original="$work/$file.orig"; cp "$work/$file" "$original"
  count=$(grep -cF -- "$from" "$original" || true)
  if [[ "$count" != "1" ]]; then
    echo "[$n] STALE   $file: the text to mutate occurs $count times (update mutations.txt): $from"; survived=$((survived + 1)); rm "$original"; continue
  fi
  FROM="$from" TO="$to" python3 -c 'import os,sys; p=sys.argv[1]; s=open(p).read(); open(p,"w").write(s.replace(os.environ["FROM"], os.environ["TO"], 1))' "$work/$file"
  srcproj=$(dirname "$file"); while [[ ! -f $(ls "$work/$srcproj"/*.csproj 2>/dev/null | head -1) ]]; do srcproj=$(dirname "$srcproj"); done
  log="$work/mutant-$n.log"
  if dotnet build "$work/$srcproj" --no-dependencies -nologo -v:q >"$log" 2>&1 \
     && dotnet build "$work/tests/$project" --no-dependencies -nologo -v:q >>"$log" 2>&1; then
    if dotnet test "$work/tests/$project" --no-build -nologo --filter "$filter" >>"$log" 2>&1; then
      echo "[$n] SURVIVED $file: $from -> $to"; survived=$((survived + 1))
    else
      echo "[$n] killed  $file: $from -> $to ($(grep -oE 'Failed: +[0-9]+' "$log" | tail -1))"; killed=$((killed + 1))
    fi
  else
    echo "[$n] killed  $file: $from -> $to (does not compile)"; killed=$((killed + 1))
  fi
  cp "$original" "$work/$file"; rm "$original"
  # Restore the unmutated build so the next mutant starts from the real code.
  dotnet build "$work/$srcproj" --no-dependencies -nologo -v:q >/dev/null 2>&1 || true
done < "$list"
echo "mutants: $n, killed: $killed, survived: $survived"
[[ $survived -eq 0 ]]
