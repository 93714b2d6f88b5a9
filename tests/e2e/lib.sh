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
# seeds_and_wire DIR: copies the seed and wire articles of ../shared into DIR with one manifest for both
# (DIR/manifest.xml, their entries with the file names made local).
seeds_and_wire() {
  mkdir -p "$1"
  cp "$SHARED"/corpus/seeds/*.txt "$SHARED"/corpus/wire/*.txt "$1/"
  python3 - "$SHARED/corpus/seeds.xml" "$SHARED/corpus/wire.xml" >"$1/manifest.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
out = ET.Element("corpus")
for f in sys.argv[1:]:
    for a in ET.parse(f).getroot().iter("article"):
        a.set("file", a.get("file").rsplit("/", 1)[-1])
        out.append(a)
sys.stdout.write(ET.tostring(out, encoding="unicode"))
PY
}
# same_lines A B WHAT: fails with WHAT (and the first differences) unless A and B hold the same lines in any
# order (graphs as N-Triples or N-Quads).
same_lines() {
  cmp -s <(LC_ALL=C sort "$1") <(LC_ALL=C sort "$2") ||
    { diff <(LC_ALL=C sort "$1") <(LC_ALL=C sort "$2") | head -5 >&2; fail "$3"; }
}
