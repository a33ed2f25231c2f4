#!/usr/bin/env bash
# Fetch the dashboard's front-end libraries from the npm registry into
# src/heron/server/static/vendor/<package>/, pinned by version and checked file by file with
# SHA-256, together with their licence files. The dashboard needs no build step: it loads the
# files as they are. Re-run after changing a pin (and update the hashes it then reports).
#   chart.js        (MIT)        - the dashboard's charts
#   swagger-ui-dist (Apache-2.0) - the OpenAPI page at /docs, served locally instead of from a CDN
#   d3              (ISC)        - map projection and zoom, the network's force layout
#   topojson-client (ISC)        - turns the world-atlas TopoJSON into shapes for d3
#   world-atlas     (ISC; Natural Earth data, public domain) - the map's offline basemap (1:110m countries)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/src/heron/server/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# name version file=sha256 ...   (licence files are copied whatever their hash)
PACKAGES=(
  "chart.js 4.6.1 dist/chart.umd.min.js=87364cc2b2a76a6684929e7d6b80b18a897794db38400caff1fcf1791c6925d2"
  "d3 7.9.0 dist/d3.min.js=f2094bbf6141b359722c4fe454eb6c4b0f0e42cc10cc7af921fc158fceb86539"
  "topojson-client 3.1.0 dist/topojson-client.min.js=25cd02ae486cc5063e0215a4e4cfb15de83700c87ac48bac4d57dc6aaf3ebb89"
  "world-atlas 2.0.2 countries-110m.json=2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"
  "swagger-ui-dist 5.35.0 swagger-ui-bundle.js=e6a898692f2d768e807c3ba4626068a69a2c5dd960dd6c76f3e4d3a3de180af2 swagger-ui.css=5ed08757e53da3e026d6cbecc61fe5d43585c9560b302d534ad56692519a273d favicon-32x32.png=3ed612f41e050ca5e7000cad6f1cbe7e7da39f65fca99c02e99e6591056e5837"
)
LICENCE_FILES=(LICENSE LICENSE.md LICENSE.txt NOTICE swagger-ui-bundle.js.LICENSE.txt)

status=0
for entry in "${PACKAGES[@]}"; do
  read -r name version files <<<"$entry"
  pkg="$WORK/$name"
  mkdir -p "$pkg"
  # npm verifies the tarball against the registry's integrity hash.
  (cd "$WORK" && npm pack --silent "$name@$version" >/dev/null)
  tar -xzf "$WORK/${name//\//-}-$version.tgz" -C "$pkg"
  dest="$VENDOR/$name"
  rm -rf "$dest"
  mkdir -p "$dest"
  : > "$dest/VERSION"
  for item in $files; do
    file="${item%%=*}" want="${item#*=}"
    got="$(sha256sum "$pkg/package/$file" | cut -d' ' -f1)"
    if [[ "$got" != "$want" ]]; then
      echo "error: $name@$version $file: sha256 $got, expected $want" >&2
      status=1
      continue
    fi
    # Drop the source-map comment: the map is not shipped, so nothing should ask for it.
    sed '/^\/\/# sourceMappingURL=/d; s#/\*\# sourceMappingURL=[^*]*\*/##' "$pkg/package/$file" > "$dest/$(basename "$file")"
    echo "$name $version $file sha256:$got" >> "$dest/VERSION"
  done
  for lic in "${LICENCE_FILES[@]}"; do
    if [[ -f "$pkg/package/$lic" ]]; then cp "$pkg/package/$lic" "$dest/"; fi
  done
  echo "vendored $name@$version -> ${dest#"$ROOT/"}"
done
exit $status
