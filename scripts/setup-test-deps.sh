#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when missing. Safe to run repeatedly.
# The packages are listed below, one a line (add yours on a line of its own); packages given as
# arguments are installed too. Usage: scripts/setup-test-deps.sh [extra-package...]
set -euo pipefail
packages=(
  # A real Jupyter client for the kernel tests (tests/Tutorial.Kernel.Tests/Jupyter):
  # jupyter_client starts and drives the kernel, nbclient/nbconvert execute a notebook through it.
  python3-jupyter-client
  python3-nbclient
  jupyter-nbconvert
)
need=()
for pkg in "${packages[@]}" "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages for the tests: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
