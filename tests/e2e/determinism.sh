# The same corpus gives byte-identical output with one thread and with several, run after run.
source "$(dirname "$0")/lib.sh"
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/a.ttl" -j1 -q
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/b.ttl" -j4 -q
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/c.ttl" -j2 -q
cmp "$WORK/a.ttl" "$WORK/b.ttl" || fail "-j1 and -j4 differ"
cmp "$WORK/a.ttl" "$WORK/c.ttl" || fail "two runs differ"
echo "determinism: identical bytes"
