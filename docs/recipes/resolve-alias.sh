#!/usr/bin/env bash
# resolve-alias.sh MODEL ALIAS [REGISTRY_DIR]: what MODEL#ALIAS serves, with git alone (no Pipeline).
# Prints the version, then its record (artifact URI + sha256). Exit 1: alias empty or version deprecated; 2: never assigned.
set -euo pipefail; export LC_ALL=C; m=$1 a=$2 dir=${3:-registry} best=-1 top=
while read -r type name; do   # annotated tags only; the highest counter wins, a tie goes to the greater name
  n=${name##*#}; [[ $type == tag && $n =~ ^[0-9]{1,18}$ ]] || continue
  if (( 10#$n > best )) || { (( 10#$n == best )) && [[ $name > $top ]]; }; then best=$((10#$n)) top=$name; fi
done < <(git for-each-ref --format='%(objecttype) %(refname:strip=2)' "refs/tags/$m#$a#*" "refs/tags/$m#$a!#*")
[[ -n $top ]] || { echo "$m#$a was never assigned" >&2; exit 2; }
[[ $top != *'!#'* ]] || { echo "$m#$a is empty ($top)" >&2; exit 1; }
commit=$(git rev-parse "refs/tags/$top^{commit}") version=
while read -r type name; do   # the version registered on that commit (one per commit)
  v=${name#"$m@"}; [[ $type == tag && $v == v[0-9]* && $v != *'!' ]] && version=$v
done < <(git for-each-ref --points-at "$commit" --format='%(objecttype) %(refname:strip=2)' "refs/tags/$m@v*")
[[ -n $version ]] || { echo "$top points at $commit, where no version of $m is registered" >&2; exit 2; }
if [[ $(git for-each-ref --format='%(objecttype)' "refs/tags/$m@$version!" "refs/tags/$m@deprecated") == *tag* ]]; then
  echo "$m@$version is deprecated" >&2; exit 1; fi
echo "$version"; git show "$commit:$dir/$m/$version.json"
