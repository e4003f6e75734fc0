#!/usr/bin/env bash
# Decides where the CLI is built and the NuGet cache key. hashFiles() only sees the workspace, not the action's
# own folder, so the key is computed here from the action's package and project files.
set -euo pipefail
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: run this inside GitHub Actions}"
src="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"

if [[ -n "${PIPELINE_CLI_DLL:-}" ]]; then
  # Prebuilt CLI (tests, or a workflow that builds/installs it itself): no cache, no build.
  echo "prebuilt=true" >> "$GITHUB_OUTPUT"
  exit 0
fi

key="$(cd "$src" && cat Directory.Packages.props Directory.Build.props global.json src/*/*.csproj 2>/dev/null | sha256sum | cut -c1-32)"
tree="$(cd "$src" && git rev-parse HEAD 2>/dev/null || echo "$key")"
{
  echo "prebuilt=false"
  echo "nuget-key=$key"
  echo "cli-dir=${RUNNER_TEMP:-/tmp}/pipeline-cli/$tree"
} >> "$GITHUB_OUTPUT"
