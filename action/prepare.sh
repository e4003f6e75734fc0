#!/usr/bin/env bash
# Decides, once per use of the action: whether an SDK must be installed, where the CLI is built, and the cache key of
# the built CLI. hashFiles() only sees the workspace, not the action's own folder, so the key is computed here.
set -euo pipefail
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: run this inside GitHub Actions}"
src="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"

if [[ -n "${PIPELINE_CLI_DLL:-}" ]]; then
  # Prebuilt CLI (a released executable from download.sh, the tests, or a workflow that installed it): no SDK, no
  # cache, no build.
  { echo "prebuilt=true"; echo "sdk-needed=false"; echo "restore=false"; } >> "$GITHUB_OUTPUT"
  exit 0
fi

# sdk_satisfies WANTED: true when `dotnet --list-sdks` shows an SDK matching the dotnet-version input. For the default
# 10.0.x any SDK 10 or newer builds the CLI (net10.0); 10.x and 10.0.x match by prefix; an exact version must be there.
sdk_satisfies() {
  local wanted="$1" sdks line version major
  command -v dotnet >/dev/null 2>&1 || return 1
  sdks="$(dotnet --list-sdks 2>/dev/null || true)"
  while IFS= read -r line; do
    version="${line%% *}"
    [[ -z "$version" ]] && continue
    major="${version%%.*}"
    case "$wanted" in
      10.0.x|10.x) [[ "$major" =~ ^[0-9]+$ && "$major" -ge 10 ]] && return 0 ;;
      *.x) [[ "$version" == "${wanted%x}"* ]] && return 0 ;;
      *) [[ "$version" == "$wanted" ]] && return 0 ;;
    esac
  done <<< "$sdks"
  return 1
}

wanted="${PIPELINE_DOTNET_VERSION:-}"
if [[ -z "$wanted" ]] || sdk_satisfies "$wanted"; then
  sdk_needed=false
  [[ -n "$wanted" ]] && echo "An installed .NET SDK satisfies dotnet-version $wanted: nothing to download."
else
  sdk_needed=true
fi

# The action's commit when the action folder is a git checkout (uses: ./), else the ref it was pinned to when that is
# a full commit SHA, else a digest of the sources (a tag's tarball): the same sources always give the same key.
commit="$(cd "$src" && git rev-parse HEAD 2>/dev/null || true)"
if [[ ! "$commit" =~ ^[0-9a-f]{40}$ ]]; then
  if [[ "${GITHUB_ACTION_REF:-}" =~ ^[0-9a-f]{40}$ ]]; then
    commit="$GITHUB_ACTION_REF"
  else
    commit="src-$(cd "$src" && find src Directory.Build.props Directory.Packages.props global.json -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' \) 2>/dev/null | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-40)"
  fi
fi

dir="${RUNNER_TEMP:-/tmp}/pipeline-cli/$commit"
# Restore only into an empty folder: a second use of the action in the same job already has the CLI.
restore=true
[[ -f "$dir/pipeline.dll" ]] && restore=false
{
  echo "prebuilt=false"
  echo "sdk-needed=$sdk_needed"
  echo "restore=$restore"
  echo "cli-key=pipeline-cli-${RUNNER_OS:-Linux}-${RUNNER_ARCH:-X64}-$commit"
  echo "cli-dir=$dir"
} >> "$GITHUB_OUTPUT"
