#!/usr/bin/env bash
# Builds the `pipeline` CLI from the action's own source (no download from anywhere we do not control).
# PIPELINE_CLI_DLL, when set, names an already built pipeline.dll and skips the build: the test harness uses it,
# and so can a workflow that installed the CLI as a dotnet tool.
set -euo pipefail
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: run this inside GitHub Actions}"

if [[ -n "${PIPELINE_CLI_DLL:-}" ]]; then
  if [[ ! -f "$PIPELINE_CLI_DLL" ]]; then
    echo "::error title=PIPE5030%3A Pipeline CLI not found::PIPELINE_CLI_DLL names a file that does not exist."
    exit 3
  fi
  { echo "dll=$PIPELINE_CLI_DLL"; echo "built=false"; } >> "$GITHUB_OUTPUT"
  exit 0
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "::error title=PIPE5031%3A .NET SDK missing::dotnet is not on PATH. Keep the action's dotnet-version input (default 10.0.x) or run actions/setup-dotnet before this step."
  exit 3
fi

out="${PIPELINE_CLI_DIR:?PIPELINE_CLI_DIR is not set}"
# Built once per job and action version: a second use of the action in the same job, or a restored cache, reuses it.
# built=true tells the save step there is something new to cache (at most once per job).
built=false
if [[ ! -f "$out/pipeline.dll" ]]; then
  built=true
  # ReadyToRun for this runner (the cache key names OS and architecture, so the output never meets another runner):
  # every later CLI start in the job skips most JIT work (docs/install.md). Framework-dependent: the SDK's runtime runs it.
  case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
    Linux/X64|Linux/x86_64) rid=linux-x64 ;;
    Linux/ARM64|Linux/aarch64) rid=linux-arm64 ;;
    macOS/ARM64|Darwin/arm64) rid=osx-arm64 ;;
    macOS/X64|Darwin/x86_64) rid=osx-x64 ;;
    Windows/X64) rid=win-x64 ;;
    Windows/ARM64) rid=win-arm64 ;;
    *) rid="" ;;
  esac
  r2r=(); [[ -n "$rid" ]] && r2r=(-r "$rid" --self-contained false -p:PublishReadyToRun=true)
  echo "::group::Build the Pipeline CLI${rid:+ (ReadyToRun, $rid)}"
  # Warnings stay warnings here: a newer SDK on the runner must not turn a new warning into a failed step.
  dotnet publish "$GITHUB_ACTION_PATH/src/Pipeline.Cli/Pipeline.Cli.csproj" -c Release ${r2r[@]+"${r2r[@]}"} -o "$out" --nologo -v minimal -p:TreatWarningsAsErrors=false
  echo "::endgroup::"
fi
{ echo "dll=$out/pipeline.dll"; echo "built=$built"; } >> "$GITHUB_OUTPUT"
