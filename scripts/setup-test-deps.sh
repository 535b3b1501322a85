#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when missing. Safe to run repeatedly.
# The packages are listed below, one a line with what needs it (add yours on a line of its own);
# packages given as arguments are installed too. Usage: scripts/setup-test-deps.sh [extra-package...]
set -euo pipefail
packages=(
  chromium                # the book is opened in a real browser (tests/Tutorial.Notebooks.Tests/Book)
  python3-nbformat        # every notebook the kit writes is validated against the nbformat schema
  python3-jupyter-client  # a real Jupyter client starts and drives the kernel (tests/Tutorial.Kernel.Tests/Jupyter)
  python3-nbclient        # nbconvert --execute runs a notebook through the kernel
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
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
