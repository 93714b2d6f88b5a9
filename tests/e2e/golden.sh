# Golden cases: tests/golden/<case>/input/ (articles written for the test, with manifest.xml) built
# into N-Triples and compared, sorted, with expected.nt. After an intended change, regenerate with
# UPDATE_GOLDEN=1 and review the diff before committing it.
source "$(dirname "$0")/lib.sh"
n=0
for case in "$SRC"/tests/golden/*/; do
  name=$(basename "$case")
  args=("$case/input" -o "$WORK/$name.nt" -q -j1)
  [ -f "$case/manifest.xml" ] && args+=(--manifest "$case/manifest.xml")
  "$KHABAR" build "${args[@]}"
  LC_ALL=C sort "$WORK/$name.nt" >"$WORK/$name.sorted"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$WORK/$name.sorted" "$case/expected.nt"
  fi
  diff -u "$case/expected.nt" "$WORK/$name.sorted" || fail "golden case $name differs"
  n=$((n + 1))
done
echo "golden: $n cases match"
