#!/usr/bin/env bash
# cli-version: downloads the released single-file `pipeline` executable for this runner's OS and architecture,
# checks it against the release's SHA256SUMS and hands it to the later steps instead of a build from source.
# Empty cli-version (the default) does nothing: the action builds the CLI from its own checkout.
#
# The release is the one of the repository the action comes from (GITHUB_ACTION_REPOSITORY) at tag v<cli-version>.
# PIPELINE_RELEASE_URL (a URL prefix ending before the file name; file:// works) overrides where the files are
# fetched from: mirrors, air-gapped runners, and the tests.
set -euo pipefail

fail() { # code title message exit
  printf '::error title=%s%%3A %s::%s\n' "$1" "$2" "$3"
  exit "$4"
}

version="${PIPELINE_CLI_VERSION:-}"
[[ -z "$version" ]] && exit 0
: "${GITHUB_ENV:?GITHUB_ENV is not set: run this inside GitHub Actions}"
version="${version#v}"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  printf '::error title=PIPE5033%%3A Invalid input::cli-version %q is not a release version such as 0.2.0.\n' "$version"
  exit 2
fi

case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
  Linux/X64|Linux/x86_64) asset="pipeline-linux-x64" ;;
  Linux/ARM64|Linux/aarch64) asset="pipeline-linux-arm64" ;;
  macOS/ARM64|Darwin/arm64) asset="pipeline-osx-arm64" ;;
  Windows/X64) asset="pipeline-win-x64.exe" ;;
  *) fail PIPE5047 "No released executable for this runner" \
       "the releases carry linux-x64, linux-arm64, osx-arm64 and win-x64; this runner is ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}. Leave cli-version empty to build the CLI from source." 3 ;;
esac

base="${PIPELINE_RELEASE_URL:-${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_ACTION_REPOSITORY:?GITHUB_ACTION_REPOSITORY is not set}/releases/download/v$version}"
dir="${RUNNER_TEMP:-/tmp}/pipeline-cli/release-$version"
mkdir -p "$dir"

fetch() { # url file
  if ! curl --fail --silent --show-error --location --retry 3 --output "$2" "$1" 2> "$2.err"; then
    fail PIPE5045 "Pipeline CLI download failed" "could not download $1 ($(tr '\r\n' '  ' < "$2.err")). Check that release v$version exists and has $asset, or leave cli-version empty to build from source." 3
  fi
}

echo "::group::Download the Pipeline CLI v$version ($asset)"
fetch "$base/SHA256SUMS" "$dir/SHA256SUMS"
fetch "$base/$asset" "$dir/$asset.part"

# SHA256SUMS lines are `<64 hex>  <name>` (sha256sum's format; `*name` for binary mode is accepted too).
expected="$(awk -v name="$asset" '($2 == name || $2 == "*" name) && length($1) == 64 && $1 ~ /^[0-9a-fA-F]+$/ { print tolower($1); exit }' "$dir/SHA256SUMS")"
if [[ -z "$expected" ]]; then
  fail PIPE5046 "Pipeline CLI checksum mismatch" "SHA256SUMS of release v$version has no line for $asset: the download is not used." 3
fi
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum "$dir/$asset.part" | cut -d' ' -f1)"
else
  actual="$(shasum -a 256 "$dir/$asset.part" | cut -d' ' -f1)" # macOS runners
fi
if [[ "$actual" != "$expected" ]]; then
  rm -f "$dir/$asset.part"
  fail PIPE5046 "Pipeline CLI checksum mismatch" "$asset of release v$version has sha256 $actual but SHA256SUMS says $expected: the download is not used. Retry; if it persists, report it." 3
fi
mv -f "$dir/$asset.part" "$dir/$asset"
chmod +x "$dir/$asset"
echo "sha256 $actual  $asset (matches SHA256SUMS)"
echo "::endgroup::"

# The later steps (prepare, build, run) take a prebuilt CLI from PIPELINE_CLI_DLL: no .NET setup, cache or build.
echo "PIPELINE_CLI_DLL=$dir/$asset" >> "$GITHUB_ENV"
echo "cli=$dir/$asset" >> "${GITHUB_OUTPUT:-/dev/null}"
