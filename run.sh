#!/usr/bin/env bash
# The kit's main job: build everything, run every chapter in notebooks/ (their outputs are written
# back into the .ipynb files) and render the static HTML book into book/ (open book/index.html;
# it works offline). Any arguments are passed to the `tutorial` command instead, e.g.
#   ./run.sh train cnn-mnist --epochs 3     train a model on real data and print its metrics
#   ./run.sh run notebooks/99-display-gallery.ipynb --check
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Tutorial.sln -c Release --nologo -v quiet
if [ $# -eq 0 ]; then
  set -- book --notebooks notebooks --output book
fi
exec dotnet src/Tutorial.Cli/bin/Release/net10.0/tutorial.dll "$@"
