# Sourced by the bench scripts (from the repository root): sets PY to Debian's python with python3-torch and
# installs python3-torch, and OpenBLAS (which Debian's torch multiplies through), when missing.
PY=/usr/bin/python3   # Debian's python with python3-torch (the python3 on PATH may be another one)
if ! "$PY" -c "import torch" 2>/dev/null; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch
fi
# Without OpenBLAS, libblas.so.3 is the reference BLAS and torch.mm runs at a few GFLOP/s.
if ! ls /usr/lib/x86_64-linux-gnu/libopenblas.so.0 >/dev/null 2>&1 && ! ldconfig -p | grep -q libopenblas; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y libopenblas0
fi
dotnet build bench/Tutorial.Bench -c Release -v q --nologo >/dev/null
