#!/usr/bin/env bash
# The kit's main job. Usage: ./run.sh
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Tutorial.sln -c Release --nologo -v quiet
