#!/usr/bin/env bash
# Fetch the dashboard's front-end libraries from the npm registry into
# src/heron/server/static/vendor/, pinned by version and checked by SHA-256, with their licences.
# The dashboard needs no build step: it loads these files as they are. Re-run after changing a pin.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/src/heron/server/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# name  version  file-in-package  sha256-of-that-file
PACKAGES=(
  "chart.js 4.6.1 dist/chart.umd.min.js 87364cc2b2a76a6684929e7d6b80b18a897794db38400caff1fcf1791c6925d2"
)

for entry in "${PACKAGES[@]}"; do
  read -r name version file sha <<<"$entry"
  (cd "$WORK" && npm pack --silent "$name@$version" >/dev/null)   # npm checks the registry's integrity hash
  tarball="$WORK/${name//\//-}-$version.tgz"
  mkdir -p "$WORK/$name"
  tar -xzf "$tarball" -C "$WORK/$name"
  got="$(sha256sum "$WORK/$name/package/$file" | cut -d' ' -f1)"
  if [[ "$sha" != "$got" ]]; then
    echo "error: $name@$version $file has sha256 $got, expected $sha" >&2
    exit 1
  fi
  dest="$VENDOR/$name"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$WORK/$name/package/$file" "$dest/"
  for lic in LICENSE LICENSE.md LICENSE.txt; do
    [[ -f "$WORK/$name/package/$lic" ]] && cp "$WORK/$name/package/$lic" "$dest/"
  done
  echo "$name $version $file sha256:$got" > "$dest/VERSION"
  echo "vendored $name@$version -> ${dest#"$ROOT/"}"
done
