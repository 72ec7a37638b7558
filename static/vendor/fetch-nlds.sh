#!/usr/bin/env bash
# Fetches the NL Design System CSS the product uses, pinned, into version-named folders
# next to this script. Run it by hand when a version changes (needs npm and network);
# the result is committed, so a fresh clone, the server and CI need neither Node.js nor
# the network. tests/test_vendor.py checks that the folders match the versions below.
set -euo pipefail

UTRECHT_CSS_VERSION=9.0.4
ROTTERDAM_TOKENS_VERSION=1.0.0-alpha.125
VOORBEELD_TOKENS_VERSION=7.4.1

vendor_dir="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# fetch PACKAGE VERSION FOLDER FILE... : unpacks PACKAGE@VERSION and copies FILE...
# (paths inside the package) plus its LICENSE.md into FOLDER.
fetch() {
  local package="$1" version="$2" folder="$3"
  shift 3
  local unpack="$work/$folder"
  mkdir -p "$unpack"
  (cd "$work" && npm pack --silent "$package@$version" >"$work/$folder.name")
  tar -xzf "$work/$(cat "$work/$folder.name")" -C "$unpack"
  rm -rf "${vendor_dir:?}/$folder"
  mkdir -p "$vendor_dir/$folder"
  cp "$unpack/package/LICENSE.md" "$vendor_dir/$folder/LICENSE.md"
  for file in "$@"; do
    cp "$unpack/package/$file" "$vendor_dir/$folder/$(basename "$file")"
  done
  echo "$package@$version -> static/vendor/$folder"
}

# All components in one file: the package ships no per-component CSS.
fetch @utrecht/component-library-css "$UTRECHT_CSS_VERSION" \
  "utrecht-component-library-css-$UTRECHT_CSS_VERSION" dist/index.css
# The Rotterdam theme: tokens scoped under .rotterdam-theme. index.css only @imports
# design-tokens.css, so the tokens file is linked directly; font.css is left out (the
# Rotterdam font is licensed and not in the package; the token falls back to Arial).
fetch @nl-design-system-unstable/rotterdam-design-tokens "$ROTTERDAM_TOKENS_VERSION" \
  "rotterdam-design-tokens-$ROTTERDAM_TOKENS_VERSION" dist/design-tokens.css dist/custom.css
# Fallback for the component tokens Rotterdam does not set (alert, breadcrumb, page
# header and footer, skip link, status badge): the NL Design System's open example
# theme (EUPL-1.2), scoped under .voorbeeld-theme. @utrecht/design-tokens would fit too,
# but its licence reserves it to the municipality of Utrecht.
fetch @nl-design-system-unstable/voorbeeld-design-tokens "$VOORBEELD_TOKENS_VERSION" \
  "voorbeeld-design-tokens-$VOORBEELD_TOKENS_VERSION" dist/theme.css
