#!/usr/bin/env bash
# Configures and builds Khabar into build/ (or $BUILD_DIR) with CMake. Extra arguments go to cmake.
# A developer's build: warnings are errors (KHABAR_WERROR=ON; a plain cmake build leaves it off).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} -DKHABAR_WERROR=ON "$@" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
