#!/usr/bin/env bash
# Installs everything Khabar needs on Debian 12 (run as root, or with sudo available). Idempotent: does
# nothing when every package is already installed.
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config git python3
  librdf0-dev libraptor2-dev librasqal3-dev libicu-dev libpugixml-dev libcli11-dev
  googletest libgtest-dev libgmock-dev
  rasqal-utils raptor2-utils serdi graphviz
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
