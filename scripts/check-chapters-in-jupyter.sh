#!/usr/bin/env bash
# Runs chapters through real Jupyter with the kit's kernel: installs the kernelspec into a
# temporary prefix and executes each notebook with nbconvert (Debian's nbclient; see
# scripts/setup-test-deps.sh). nbconvert fails on the first cell with an error output.
# Usage: scripts/check-chapters-in-jupyter.sh [NOTEBOOK.ipynb...]   (default: notebooks/*.ipynb)
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  shopt -s nullglob
  files=(notebooks/*.ipynb)
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "no notebooks to check"
  exit 2
fi
dotnet build src/Tutorial.Cli -c Release --nologo -v quiet >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dotnet src/Tutorial.Cli/bin/Release/net10.0/tutorial.dll kernel install --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime" TUTORIAL_KERNEL_LOG="$tmp/kernel.log"
failed=0
for nb in "${files[@]}"; do
  start=$(date +%s)
  if /usr/bin/python3 -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
       --output-dir "$tmp/out" "$nb" >"$tmp/nbconvert.log" 2>&1; then
    echo "ok: $nb ($(( $(date +%s) - start )) s)"
  else
    echo "FAILED: $nb"
    tail -25 "$tmp/nbconvert.log"
    failed=$((failed + 1))
  fi
done
echo "$(( ${#files[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
