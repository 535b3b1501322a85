#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when missing. Safe to run repeatedly.
set -euo pipefail
need=()
# (Later issues add: python3-nbformat for notebook validation, chromium for the book.)
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages for the tests: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
