#!/usr/bin/env bash
# The kit's main job: build everything, then train the LeNet-style CNN on the shipped MNIST digits
# with `tutorial train` and print its test metrics (accuracy, per-class precision/recall/F1,
# confusion matrix). The model file and a metrics JSON go to ./artifacts/.
# Usage: ./run.sh                 cnn-mnist, 3 epochs
#        ./run.sh MODEL [OPTIONS]  any `tutorial train` arguments, e.g. ./run.sh lstm-text --epochs 2
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Tutorial.sln -c Release --nologo -v quiet
if [ $# -eq 0 ]; then
  set -- cnn-mnist --epochs 3
fi
exec dotnet src/Tutorial.Cli/bin/Release/net10.0/tutorial.dll train "$@"
