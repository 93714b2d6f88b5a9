#!/usr/bin/env bash
# Installs everything Khabar needs on Debian 12 (run as root, or with sudo available). Idempotent: does
# nothing when every package is already installed. scripts/fuzz.sh adds the fuzzing tools on top.
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config git python3
  librdf0-dev libraptor2-dev librasqal3-dev libicu-dev libpugixml-dev libcli11-dev
  libcurl4-gnutls-dev nlohmann-json3-dev
  googletest libgtest-dev libgmock-dev
  rasqal-utils raptor2-utils serdi graphviz
  fonts-noto-core fonts-hosny-amiri
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
updated=0
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  updated=1
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# N3.js, the third Turtle parser of tests/e2e/bad_input_more.sh: Node.js and npm from Debian unless a
# node is already there, then the locked packages of tools/n3 (node_modules is not committed).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: installing nodejs npm" >&2
  [ $updated = 1 ] || $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
N3_DIR="$(cd "$(dirname "$0")/.." && pwd)/tools/n3"
if [ ! -d "$N3_DIR/node_modules/n3" ] || [ "$N3_DIR/package-lock.json" -nt "$N3_DIR/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in tools/n3" >&2
  (cd "$N3_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# install_without_services PKG...: installs the packages while no system service may start (a temporary
# policy-rc.d that refuses every start, unless the machine has a policy of its own), for packages whose
# services would otherwise start, and listen, as they install.
install_without_services() {
  [ $updated = 1 ] || $SUDO apt-get update -qq
  updated=1
  (
    policy=/usr/sbin/policy-rc.d
    if [ ! -e $policy ]; then
      trap '$SUDO rm -f $policy' EXIT
      printf '#!/bin/sh\n# scripts/setup.sh: no service starts while %s installs\nexit 101\n' "$*" |
        $SUDO tee $policy >/dev/null
      $SUDO chmod 755 $policy
    fi
    $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  )
}

# disable_services SERVICE...: keeps the system services (init scripts or systemd units) from starting at
# boot. Run on every setup, not only after an install, so that packages installed by other means end up
# the same way; disabling a disabled service changes nothing.
disable_services() {
  local svc
  for svc in "$@"; do
    if [ -e "/etc/init.d/$svc" ]; then $SUDO update-rc.d "$svc" disable >/dev/null 2>&1 || true; fi
    if [ -d /run/systemd/system ]; then $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true; fi
  done
}

# Virtuoso, the triple store of scripts/virtuoso.sh and tests/e2e/virtuoso.sh. Its package starts a
# system-wide server listening on every interface (ports 1111 and 8890) while it installs; Khabar runs
# its own instance on 127.0.0.1 only, so the package's service is kept from starting and left disabled.
if ! dpkg-query -W -f='${Status}' virtuoso-opensource 2>/dev/null | grep -q "install ok installed"; then
  echo "setup: installing virtuoso-opensource (its system service stays off)" >&2
  install_without_services virtuoso-opensource
fi
disable_services virtuoso-opensource-7

# Slurm and munge, for tests/e2e/slurm.sh (the sharded-build recipe of docs/registry.md), which runs its
# own one-node cluster in private namespaces. The packages' system services are kept from starting and
# left disabled.
slurm_missing=()
for p in slurmctld slurmd slurm-client munge; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || slurm_missing+=("$p")
done
if [ ${#slurm_missing[@]} -gt 0 ]; then
  echo "setup: installing ${slurm_missing[*]} (their system services stay off)" >&2
  install_without_services "${slurm_missing[@]}"
fi
disable_services slurmctld slurmd munge

# jsonld (Digital Bazaar's JSON-LD processor), the JSON-LD reader of tests/e2e/quads.sh: the locked
# packages of tools/jsonld.
JSONLD_DIR="$(cd "$(dirname "$0")/.." && pwd)/tools/jsonld"
if [ ! -d "$JSONLD_DIR/node_modules/jsonld" ] || [ "$JSONLD_DIR/package-lock.json" -nt "$JSONLD_DIR/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in tools/jsonld" >&2
  (cd "$JSONLD_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# shacl-engine, the SHACL validator of tests/e2e/shacl.sh: the locked packages of tools/shacl.
SHACL_DIR="$(cd "$(dirname "$0")/.." && pwd)/tools/shacl"
if [ ! -d "$SHACL_DIR/node_modules/shacl-engine" ] || [ "$SHACL_DIR/package-lock.json" -nt "$SHACL_DIR/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in tools/shacl" >&2
  (cd "$SHACL_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
