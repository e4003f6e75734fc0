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
  fingerprint|register|select|gate|promote|verify|doctor|show|history|list|assign|unassign|rollback|deprecate)
    verb=("$command") ;;
  runs-ingest|runs-list|runs-show|runs-compare|runs-prune)
    verb=(runs "${command#runs-}") ;;
  *)
    fail PIPE5032 "Unknown command" "command '${command//[$'\r\n']/ }' is not one of fingerprint, register, select, gate, promote, verify, doctor, show, history, list, assign, unassign, rollback, deprecate, runs-ingest, runs-list, runs-show, runs-compare, runs-prune." 2 ;;
esac

args=("${verb[@]}")

# Positional MODEL first for the verbs that take one.
case "$command" in
  register|show|history|gate|promote|assign|unassign|rollback|deprecate)
    [[ -n "${PIPELINE_MODEL:-}" ]] && args+=("$PIPELINE_MODEL") ;;
esac
[[ "$command" == runs-ingest && -n "${PIPELINE_SOURCE:-}" ]] && args+=("$PIPELINE_SOURCE")

# opt VAR --flag: add "--flag value" when the input is not empty.
opt() {
  local value="${!1:-}"
  if [[ -n "$value" ]]; then args+=("$2" "$value"); fi
}
# each VAR --flag: one "--flag line" per non-empty line (multi-line inputs such as eval files).
each() {
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    if [[ -n "$line" ]]; then args+=("$2" "$line"); fi
  done <<< "${!1:-}"
}

opt PIPELINE_LINEAGE --lineage
opt PIPELINE_CONFIG --config
opt PIPELINE_CONFIG_KEY --config-key
opt PIPELINE_DVC_LOCK --dvc-lock
opt PIPELINE_DATA_VERSION --data-version
opt PIPELINE_BASE_MODEL --base-model
opt PIPELINE_SEED --seed
opt PIPELINE_VERSION --version
opt PIPELINE_BUMP --bump
opt PIPELINE_ALIAS --alias
opt PIPELINE_TO --to
opt PIPELINE_ARTIFACT --artifact
each PIPELINE_EVAL --eval
opt PIPELINE_METRICS --metrics
opt PIPELINE_METRIC --metric
opt PIPELINE_COHORT --cohort
each PIPELINE_RUNS --runs
opt PIPELINE_FORMAT --format
opt PIPELINE_BASE --base
opt PIPELINE_HEAD --head
opt PIPELINE_REASON --reason
opt PIPELINE_REGISTRY_DIR --registry-dir
opt PIPELINE_GATE_REF --gate-ref
opt PIPELINE_GATE_FILE --gate
[[ "$command" == runs-show && -n "${PIPELINE_SOURCE:-}" ]] && args+=("$PIPELINE_SOURCE")

case "${PIPELINE_DIRECTION:-}" in
  "") ;;
  maximize|max) args+=(--maximize) ;;
  minimize|min) args+=(--minimize) ;;
  *) fail PIPE5033 "Invalid input" "direction must be maximize or minimize." 2 ;;
esac

case "${PIPELINE_PUSH:-false}" in
  ""|false|False|FALSE) ;;
  true|True|TRUE) args+=(--push) ;;
  *) args+=(--push "$PIPELINE_PUSH") ;;
esac

# extra-args: one argument per line, taken literally.
while IFS= read -r line || [[ -n "$line" ]]; do
  line="${line%$'\r'}"
  if [[ -n "$line" ]]; then args+=("$line"); fi
done <<< "${PIPELINE_EXTRA_ARGS:-}"

args+=(--json)

workdir="${PIPELINE_WORKING_DIRECTORY:-.}"
if ! cd -- "$workdir" 2>/dev/null; then
  fail PIPE5034 "Invalid input" "working-directory '$workdir' does not exist." 2
fi

report_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
report="$(mktemp "$report_dir/pipeline-$command-XXXXXX.json")"
errors="$(mktemp "$report_dir/pipeline-$command-XXXXXX.err")"
summary_before=0
if [[ -n "${GITHUB_STEP_SUMMARY:-}" && -f "$GITHUB_STEP_SUMMARY" ]]; then
  summary_before="$(wc -c < "$GITHUB_STEP_SUMMARY")"
fi

echo "pipeline ${args[*]}"
set +e
dotnet "$cli" "${args[@]}" > "$report" 2> "$errors"
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
