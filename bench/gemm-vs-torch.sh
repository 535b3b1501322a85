#!/usr/bin/env bash
# Engine GEMM vs PyTorch torch.mm (float32), measured in ONE run with alternating rounds.
#
#   bench/gemm-vs-torch.sh                      # sizes 64..1024, 1 and 2 threads, 7 rounds
#   ROUNDS=11 SIZES=256,512 THREADS=1 bench/gemm-vs-torch.sh
#
# Installs Debian's python3-torch (and OpenBLAS, which Debian's torch multiplies through) when
# missing. OpenBLAS ignores torch.set_num_threads, so each torch worker process also gets
# OPENBLAS_NUM_THREADS / OMP_NUM_THREADS equal to its thread count.
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/torch-setup.sh   # PY, python3-torch, OpenBLAS, the bench build
ENGINE="dotnet bench/Tutorial.Bench/bin/Release/net10.0/Tutorial.Bench.dll gemm-serve"

exec "$PY" bench/gemm_vs_torch.py --engine "$ENGINE" \
  --sizes "${SIZES:-64,128,256,512,1024}" --threads "${THREADS:-1,2}" \
  --rounds "${ROUNDS:-7}" --reps "${REPS:-5}"
