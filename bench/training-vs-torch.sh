#!/usr/bin/env bash
# Engine vs PyTorch training steps (float32), measured in ONE run with alternating rounds.
#
#   bench/training-vs-torch.sh                           # mlp, cnn, lstm; 1 and 2 threads; 5 rounds
#   ROUNDS=7 WORKLOADS=mlp,cnn THREADS=1 REPS=3 bench/training-vs-torch.sh
#
# Workloads and the table: bench/README.md. Installs Debian's python3-torch (and OpenBLAS, which Debian's
# torch multiplies through) when missing. Each torch worker gets OPENBLAS_NUM_THREADS / OMP_NUM_THREADS
# equal to its thread count besides torch.set_num_threads; the engine sets Gemm.MaxThreads.
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/torch-setup.sh   # PY, python3-torch, OpenBLAS, the bench build
ENGINE="dotnet bench/Tutorial.Bench/bin/Release/net10.0/Tutorial.Bench.dll train-serve"

exec "$PY" bench/training_vs_torch.py --engine "$ENGINE" \
  --workloads "${WORKLOADS:-mlp,cnn,lstm}" --threads "${THREADS:-1,2}" \
  --rounds "${ROUNDS:-5}" --reps "${REPS:-3}"
