# Shared helpers for the end-to-end tests. Each test runs in its own temporary directory.
set -euo pipefail
: "${KHABAR:?KHABAR must name the binary}" "${SRC:?SRC must name the source tree}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SEEDS="$SRC/corpus/karabakh-2023/seeds"
MANIFEST="$SRC/corpus/karabakh-2023/manifest.xml"
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_rc CODE CMD...: runs CMD, fails unless it exits with CODE; its stderr is kept in $WORK/err.
expect_rc() {
  local want=$1; shift
  set +e
  "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  set -e
  [ "$rc" = "$want" ] || { cat "$WORK/err" >&2; fail "'$*' exited $rc, expected $want"; }
}
