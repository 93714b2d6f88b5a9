#!/usr/bin/env bash
# libFuzzer run of every target in tests/fuzz: installs what the fuzz build needs (clang, libFuzzer,
# serd) on top of scripts/setup.sh, builds build-fuzz/ with clang++ -DKHABAR_FUZZ=ON, and runs each
# target for FUZZ_SECONDS seconds (default 20: CI's smoke run; a longer local run: FUZZ_SECONDS=900).
#
#   FUZZ_SECONDS=900 scripts/fuzz.sh              # every target, 15 minutes each, one after the other
#   FUZZ_TARGETS="fuzz_nitf" scripts/fuzz.sh      # some targets only
#
# Exits non-zero on the first crash, sanitizer report, leak, timeout or broken invariant; the input
# that did it is kept as build-fuzz/artifacts/<target>/crash-* (or leak-*, timeout-*) and its log as
# build-fuzz/logs/<target>.log. Reproduce with: build-fuzz/tests/fuzz/<target> <that file>.
# Inputs found interesting are kept in build-fuzz/corpus/<target>/ (the seeds in tests/fuzz/corpus/
# are never written to), so later runs start from there.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
FUZZ_TARGETS=${FUZZ_TARGETS:-fuzz_text fuzz_nitf fuzz_normalize fuzz_extract fuzz_turtle_escape}
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}

scripts/setup.sh
PACKAGES=(clang libclang-rt-14-dev libserd-dev)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKHABAR_FUZZ=ON \
  -DKHABAR_TESTS=OFF >/dev/null
cmake --build "$BUILD_DIR" --target fuzz -j "$(nproc)"

export KHABAR_DATA_DIR=${KHABAR_DATA_DIR:-$PWD}
# No allocation stacks while fuzzing (a third more executions per second); a report still names the
# faulting access, and re-running the target on the saved input with ASAN_OPTIONS= gives full stacks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0
for t in $FUZZ_TARGETS; do
  seeds="tests/fuzz/corpus/${t#fuzz_}"
  [ -d "$seeds" ] || { echo "fuzz: no seed corpus $seeds" >&2; exit 1; }
  mkdir -p "$BUILD_DIR/corpus/$t" "$BUILD_DIR/artifacts/$t" "$BUILD_DIR/logs"
  log="$BUILD_DIR/logs/$t.log"
  # -timeout: one input taking 10 s is a hang (a superlinear rule), reported like a crash.
  if "$BUILD_DIR/tests/fuzz/$t" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
      -print_final_stats=1 -artifact_prefix="$BUILD_DIR/artifacts/$t/" "$BUILD_DIR/corpus/$t" "$seeds" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    echo "fuzz: $t: ${runs:-?} executions in ${FUZZ_SECONDS} s (${rate:-?}/s), no finding"
    passed=$((passed + 1))
  else
    tail -n 60 "$log" >&2
    echo "fuzz: $t FAILED: input saved in $BUILD_DIR/artifacts/$t/, log in $log" >&2
    exit 1
  fi
done
echo "fuzz: $passed passed, 0 failed"
