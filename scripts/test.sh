#!/usr/bin/env bash
# Every test, from a fresh Debian machine: install dependencies, build, run the CTest suite (unit tests,
# golden, round-trip, CLI and scoring tests). With SANITIZE=1, the same suite in an ASan+UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ "${SANITIZE:-0}" = 1 ]; then
  BUILD_DIR=build-asan BUILD_TYPE=Debug scripts/build.sh -DKHABAR_SANITIZE=ON
  dir=build-asan
else
  scripts/build.sh
  dir=build
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
