#!/usr/bin/env bash
# Maps the action's inputs (PIPELINE_* variables set through `env:` in action.yml) to one `pipeline` command line.
# Every value becomes exactly one argument: bash arrays, no eval, no unquoted expansion, so a value containing
# spaces, quotes, `$(...)` or `;` reaches the CLI as text and is never run.
set -euo pipefail

fail() { # code title message exit
  printf '::error title=%s%%3A %s::%s\n' "$1" "$2" "$3"
  exit "$4"
}

cli="${PIPELINE_CLI_DLL:?PIPELINE_CLI_DLL is not set (the build step sets it)}"
command="${PIPELINE_COMMAND:-}"

# The verb is checked against a fixed list: it is the one input that chooses what runs.
case "$command" in
  fingerprint|register|publish|select|gate|promote|verify|doctor|show|history|list|assign|unassign|rollback|deprecate|report)
    verb=("$command") ;;
  runs-ingest|runs-list|runs-show|runs-compare|runs-prune)
    verb=(runs "${command#runs-}") ;;
  resolve|check-ref)
    verb=("$command") ;;
  artifact-verify)
    verb=(artifact verify) ;;
  *)
    fail PIPE5032 "Unknown command" "command '${command//[$'\r\n']/ }' is not one of fingerprint, register, publish, select, gate, promote, verify, doctor, show, history, list, assign, unassign, rollback, deprecate, runs-ingest, runs-list, runs-show, runs-compare, runs-prune, resolve, check-ref, artifact-verify, report." 2 ;;
esac

# What each verb takes, as `pipeline VERB --help` lists it. An input the chosen verb does not take is refused here,
# naming the input, instead of reaching the CLI as an option it does not know. Positional arguments:
#   MODEL  register show history gate promote assign unassign rollback deprecate   (model)
#   @VERSION #ALIAS  show's SPEC: model, model@version or model#alias                (model + version | alias)
#   RUNS…  select, runs-compare                                                    (runs, one per line)
#   SOURCE runs-ingest (file or folder), runs-show (run id), artifact-verify (the download, after the spec) (source)
#   @VERSION #ALIAS  resolve's and artifact-verify's SPEC too; REF check-ref's tag  (ref; resolve, artifact-verify: --rev)
#   MODEL@ verify: no positional; a bare vX.Y.Z line of version is prefixed with the model input (--version MODEL@vX.Y.Z)
# (A case, not an associative array: macOS runners may still run bash 3.2.)
case "$command" in
  fingerprint) takes="--lineage --config --dvc-lock --data-version --base-model --seed" ;;
  register) takes="MODEL --lineage --config --dvc-lock --data-version --base-model --seed --artifact --artifact-sha256 --artifact-manifest --artifact-dvc --eval --metrics --version --bump --run --propose --champion-alias --branch --push --registry-dir" ;;
  publish) takes="--branch --push --registry-dir" ;;
  select) takes="RUNS --metric --maximize --cohort" ;;
  gate) takes="MODEL --version --alias --eval --gate-file --gate-ref --run" ;;
  promote) takes="MODEL --version --alias --eval --gate-file --gate-ref --run --reason --push --registry-dir" ;;
  verify) takes="MODEL@ --version --base --head --registry-dir --gate-file" ;;
  doctor|list) takes="--registry-dir" ;;
  show) takes="MODEL @VERSION #ALIAS --registry-dir" ;;
  history) takes="MODEL --registry-dir" ;;
  assign) takes="MODEL --version --alias --reason --push --registry-dir" ;;
  unassign) takes="MODEL --alias --reason --push --registry-dir" ;;
  rollback) takes="MODEL --alias --to --reason --push --registry-dir" ;;
  deprecate) takes="MODEL --version --reason --push --registry-dir" ;;
  runs-ingest) takes="SOURCE --format --commit" ;;
  runs-show) takes="SOURCE" ;;
  runs-compare) takes="RUNS --metric --format" ;;
  resolve) takes="MODEL @VERSION #ALIAS --rev --format --registry-dir" ;;
  artifact-verify) takes="MODEL @VERSION #ALIAS SOURCE --rev --registry-dir" ;;
  check-ref) takes="REF --registry-dir" ;;
  *) takes="" ;; # runs-list, runs-prune, report: their options go through extra-args
esac

# check VAR WHAT: refuse a non-empty input (named after its variable: PIPELINE_DVC_LOCK → dvc-lock) the verb does not take.
check() {
  if [[ -z "${!1:-}" || " $takes " == *" $2 "* ]]; then return 0; fi
  local input
  input="$(printf '%s' "${1#PIPELINE_}" | tr 'A-Z_' 'a-z-')"
  fail PIPE5033 "Invalid input" "input '$input' does not apply to command '$command' (it takes: ${takes:-nothing but extra-args})." 2
}
# opt VAR --flag: add "--flag value" when the input is not empty.
opt() {
  check "$1" "$2"
  local value="${!1:-}"
  if [[ -n "$value" ]]; then args+=("$2" "$value"); fi
}
# lines VAR: the input's non-empty lines (multi-line inputs such as eval files or runs), CR stripped.
lines() {
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    if [[ -n "$line" ]]; then printf '%s\n' "$line"; fi
  done <<< "${!1:-}"
}
# each VAR --flag: one "--flag line" per non-empty line.
each() {
  check "$1" "$2"
  local line
  while IFS= read -r line; do args+=("$2" "$line"); done < <(lines "$1")
}

args=("${verb[@]}")

# Positional arguments first. (verify has none: its MODEL@ only prefixes a bare version.)
if [[ "$command" == verify ]]; then check PIPELINE_MODEL MODEL@; else check PIPELINE_MODEL MODEL; fi
check PIPELINE_SOURCE SOURCE
check PIPELINE_RUNS RUNS
case "$command" in
  show|resolve|artifact-verify)
    [[ -n "${PIPELINE_VERSION:-}" && -n "${PIPELINE_ALIAS:-}" ]] && fail PIPE5033 "Invalid input" "$command takes version or alias, not both." 2
    spec="${PIPELINE_MODEL:-}"
    [[ -n "${PIPELINE_VERSION:-}" ]] && spec+="@${PIPELINE_VERSION}"
    [[ -n "${PIPELINE_ALIAS:-}" ]] && spec+="#${PIPELINE_ALIAS}"
    [[ -n "$spec" ]] && args+=("$spec") ;;
  verify) ;;
  *)
    [[ -n "${PIPELINE_MODEL:-}" ]] && args+=("$PIPELINE_MODEL") ;;
esac
# check-ref's positional tag; resolve's and artifact-verify's --rev.
if [[ -n "${PIPELINE_REF:-}" ]]; then
  if [[ "$command" == check-ref ]]; then check PIPELINE_REF REF; args+=("$PIPELINE_REF"); else opt PIPELINE_REF --rev; fi
fi
[[ -n "${PIPELINE_SOURCE:-}" ]] && args+=("$PIPELINE_SOURCE")
while IFS= read -r run; do args+=("$run"); done < <(lines PIPELINE_RUNS)

opt PIPELINE_LINEAGE --lineage
# The CLI takes a sub-key as PATH#key; the action keeps it a separate input for readability.
if [[ -n "${PIPELINE_CONFIG_KEY:-}" ]]; then
  [[ -n "${PIPELINE_CONFIG:-}" ]] || fail PIPE5033 "Invalid input" "config-key needs config (the file the key is read from)." 2
  check PIPELINE_CONFIG_KEY --config
  args+=(--config "${PIPELINE_CONFIG}#${PIPELINE_CONFIG_KEY}")
else
  opt PIPELINE_CONFIG --config
fi
opt PIPELINE_DVC_LOCK --dvc-lock
opt PIPELINE_DATA_VERSION --data-version
opt PIPELINE_BASE_MODEL --base-model
opt PIPELINE_SEED --seed
case "$command" in
  show|resolve|artifact-verify) ;;
  verify)
    check PIPELINE_VERSION --version
    while IFS= read -r version; do
      if [[ "$version" != *@* && -n "${PIPELINE_MODEL:-}" ]]; then version="${PIPELINE_MODEL}@${version}"; fi
      args+=(--version "$version")
    done < <(lines PIPELINE_VERSION) ;;
  *)
    opt PIPELINE_VERSION --version
    opt PIPELINE_ALIAS --alias ;;
esac
opt PIPELINE_BUMP --bump
opt PIPELINE_TO --to
opt PIPELINE_ARTIFACT --artifact
opt PIPELINE_ARTIFACT_SHA256 --artifact-sha256
opt PIPELINE_ARTIFACT_MANIFEST --artifact-manifest
opt PIPELINE_ARTIFACT_DVC --artifact-dvc
each PIPELINE_EVAL --eval
opt PIPELINE_METRICS --metrics
opt PIPELINE_METRIC --metric
opt PIPELINE_COHORT --cohort
opt PIPELINE_FORMAT --format
opt PIPELINE_BASE --base
opt PIPELINE_HEAD --head
opt PIPELINE_REASON --reason
opt PIPELINE_RUN --run
opt PIPELINE_REGISTRY_DIR --registry-dir
opt PIPELINE_GATE_REF --gate-ref
opt PIPELINE_GATE_FILE --gate-file
opt PIPELINE_CHAMPION_ALIAS --champion-alias
opt PIPELINE_BRANCH --branch

# flag VAR --flag: 'true' adds the flag, 'false' or empty adds nothing, anything else is refused.
flag() {
  case "${!1:-false}" in
    ""|false|False|FALSE) ;;
    true|True|TRUE) check "$1" "$2"; args+=("$2") ;;
    *) fail PIPE5033 "Invalid input" "input '$(printf '%s' "${1#PIPELINE_}" | tr 'A-Z_' 'a-z-')' must be true or false." 2 ;;
  esac
}
flag PIPELINE_PROPOSE --propose
flag PIPELINE_COMMIT --commit

check PIPELINE_DIRECTION --maximize
case "${PIPELINE_DIRECTION:-}" in
  "") ;;
  maximize|max) args+=(--maximize) ;;
  minimize|min) args+=(--minimize) ;;
  *) fail PIPE5033 "Invalid input" "direction must be maximize or minimize." 2 ;;
esac

# --push takes an optional REMOTE: 'true' pushes to the default remote (origin), any other value names the remote.
case "${PIPELINE_PUSH:-false}" in
  ""|false|False|FALSE) ;;
  true|True|TRUE) check PIPELINE_PUSH --push; args+=(--push) ;;
  *) check PIPELINE_PUSH --push; args+=(--push "$PIPELINE_PUSH") ;;
esac

# extra-args: one argument per line, taken literally.
while IFS= read -r line || [[ -n "$line" ]]; do
  line="${line%$'\r'}"
  if [[ -n "$line" ]]; then args+=("$line"); fi
done <<< "${PIPELINE_EXTRA_ARGS:-}"

# resolve --format env|oci-labels prints lines instead of JSON: they go to the report file as they are.
if [[ "$command" != resolve || -z "${PIPELINE_FORMAT:-}" ]]; then args+=(--json); fi

workdir="${PIPELINE_WORKING_DIRECTORY:-.}"
if ! cd -- "$workdir" 2>/dev/null; then
  fail PIPE5034 "Invalid input" "working-directory '$workdir' does not exist." 2
fi

# A hosted runner has no git identity, and register, publish, promote and the alias verbs sign commits and tags:
# without one they would stop with PIPE1104. When neither GIT_COMMITTER_* nor user.name/user.email is set, sign as
# GitHub's Actions bot (a `git config` or GIT_COMMITTER_* set by an earlier step wins).
if [[ -z "${GIT_COMMITTER_NAME:-}" ]] && ! git config user.name >/dev/null 2>&1; then
  export GIT_COMMITTER_NAME="github-actions[bot]" GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-github-actions[bot]}"
fi
if [[ -z "${GIT_COMMITTER_EMAIL:-}" ]] && ! git config user.email >/dev/null 2>&1; then
  export GIT_COMMITTER_EMAIL="41898282+github-actions[bot]@users.noreply.github.com"
  export GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}"
fi

report_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
report="$(mktemp "$report_dir/pipeline-$command-XXXXXX.json")"
errors="$(mktemp "$report_dir/pipeline-$command-XXXXXX.err")"
output_before=0
if [[ -n "${GITHUB_OUTPUT:-}" && -f "$GITHUB_OUTPUT" ]]; then
  output_before="$(wc -c < "$GITHUB_OUTPUT")"
fi
summary_before=0
if [[ -n "${GITHUB_STEP_SUMMARY:-}" && -f "$GITHUB_STEP_SUMMARY" ]]; then
  summary_before="$(wc -c < "$GITHUB_STEP_SUMMARY")"
fi

# Each argument shell-quoted (%q): a value's newline prints as $'…\n…' and cannot start a workflow command line.
printf 'pipeline'; printf ' %q' "${args[@]}"; printf '\n'
set +e
if [[ "$cli" == *.dll ]]; then dotnet "$cli" "${args[@]}"; else "$cli" "${args[@]}"; fi > "$report" 2> "$errors" # else: a released executable (download.sh)
code=$?
set -e
cat "$report"
cat "$errors" >&2

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "report-path=$report"
    echo "exit-code=$code"
    if [[ $code -eq 0 ]]; then echo "ok=true"; else echo "ok=false"; fi
  } >> "$GITHUB_OUTPUT"
fi

# Every verb leaves a line on the run page. gate, promote and verify write their own summary; for the others (register,
# publish, runs-ingest, …) the step's outputs become a small table. Values are escaped for a Markdown table cell.
if [[ $code -eq 0 && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  summary_after=0
  [[ -f "$GITHUB_STEP_SUMMARY" ]] && summary_after="$(wc -c < "$GITHUB_STEP_SUMMARY")"
  if [[ "$summary_after" -eq "$summary_before" ]]; then
    {
      echo "### ✅ pipeline $command"
      echo
      rows=0
      if [[ -n "${GITHUB_OUTPUT:-}" && -f "$GITHUB_OUTPUT" ]]; then
        name="" delim="" value=""
        while IFS= read -r line; do
          line="${line%$'\r'}"
          if [[ -n "$delim" ]]; then
            if [[ "$line" == "$delim" ]]; then
              case "$name" in report-path|exit-code|ok) ;; *)
                [[ $rows -eq 0 ]] && { echo "| output | value |"; echo "|---|---|"; }
                value="${value//|/\\|}"; value="${value//\`/\'}"
                echo "| $name | \`${value}\` |"; rows=$((rows+1)) ;;
              esac
              delim="" value=""
            else
              value+="${value:+ }$line"
            fi
          elif [[ "$line" =~ ^([A-Za-z0-9_-]+)\<\<(.+)$ ]]; then
            name="${BASH_REMATCH[1]}" delim="${BASH_REMATCH[2]}" value=""
          elif [[ "$line" =~ ^([A-Za-z0-9_-]+)=(.*)$ ]]; then
            name="${BASH_REMATCH[1]}" value="${BASH_REMATCH[2]}"
            case "$name" in report-path|exit-code|ok) ;; *)
              [[ $rows -eq 0 ]] && { echo "| output | value |"; echo "|---|---|"; }
              value="${value//|/\\|}"; value="${value//\`/\'}"
              echo "| $name | \`${value}\` |"; rows=$((rows+1)) ;;
            esac
          fi
        done < <(tail -c +"$((output_before + 1))" "$GITHUB_OUTPUT")
      fi
      [[ $rows -eq 0 ]] && echo "Done (exit 0)."
      echo
    } >> "$GITHUB_STEP_SUMMARY"
  fi
fi

# The CLI writes its own summary; when it failed without one (bad input, crash), leave a trace on the run page.
if [[ $code -ne 0 && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  summary_after=0
  [[ -f "$GITHUB_STEP_SUMMARY" ]] && summary_after="$(wc -c < "$GITHUB_STEP_SUMMARY")"
  if [[ "$summary_after" -eq "$summary_before" ]]; then
    {
      echo "### ❌ pipeline $command failed (exit $code)"
      echo
      echo '```text'
      head -c 60000 "$errors" | sed 's/```/` ` `/g'
      echo '```'
    } >> "$GITHUB_STEP_SUMMARY"
  fi
fi

exit "$code"
