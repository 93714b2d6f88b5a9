# The same corpus gives byte-identical output with one thread and with several, run after run.
source "$(dirname "$0")/lib.sh"
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/a.ttl" -j1 -q
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/b.ttl" -j4 -q
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/c.ttl" -j2 -q
cmp "$WORK/a.ttl" "$WORK/b.ttl" || fail "-j1 and -j4 differ"
cmp "$WORK/a.ttl" "$WORK/c.ttl" || fail "two runs differ"
echo "determinism: identical bytes"

# A graph is a function of the set of articles, not of their order (issue 16: 300 articles in sorted and
# reversed order gave 233,995 and 233,997 triples; derived entities lost their English label and owner).
# 300 generated articles, given as files in sorted, reversed and shuffled order, plus two different
# articles with the same base name (their ids, a.txt and a.txt~2, must not follow the argument order).
python3 "$SRC/bench/gen_corpus.py" -n 300 -o "$WORK/gen" >/dev/null
mkdir -p "$WORK/one" "$WORK/two"
cp "$SEEDS/000_fb48c456d27249a2.txt" "$WORK/one/a.txt"
cp "$SEEDS/001_a25564347d838f35.txt" "$WORK/two/a.txt"
(cd "$WORK" && find gen/articles -type f -name '*.txt' | LC_ALL=C sort && echo one/a.txt && echo two/a.txt) >"$WORK/sorted.lst"
tac "$WORK/sorted.lst" >"$WORK/reversed.lst"
shuf --random-source=<(yes) "$WORK/sorted.lst" >"$WORK/shuffled.lst"
cmp -s "$WORK/sorted.lst" "$WORK/shuffled.lst" && fail "the shuffle kept the order"
for order in sorted reversed shuffled; do
  mapfile -t files <"$WORK/$order.lst"
  (cd "$WORK" && "$KHABAR" build "${files[@]}" --manifest gen/manifest.xml -o "$order.nt" -q -j2)
  LC_ALL=C sort "$WORK/$order.nt" >"$WORK/$order.sorted.nt"
done
for order in reversed shuffled; do
  cmp -s "$WORK/sorted.sorted.nt" "$WORK/$order.sorted.nt" ||
    { diff "$WORK/sorted.sorted.nt" "$WORK/$order.sorted.nt" | head -n 20 >&2; fail "sorted and $order inputs differ"; }
done
echo "determinism: 302 articles in sorted, reversed and shuffled order give the same $(wc -l <"$WORK/sorted.nt") triples"

# N-Triples and N-Quads are formatted in chunks on several threads: the bytes must be those of one thread
# (the graph above has many chunks of 16,384 triples).
mapfile -t files <"$WORK/sorted.lst"
(cd "$WORK" && "$KHABAR" build "${files[@]}" --manifest gen/manifest.xml -o "sorted-j1.nt" -q -j1)
cmp "$WORK/sorted-j1.nt" "$WORK/sorted.nt" || fail "N-Triples with -j1 and -j2 differ"
(cd "$WORK" && "$KHABAR" build "${files[@]}" --manifest gen/manifest.xml -o "j1.nq" -q -j1)
(cd "$WORK" && "$KHABAR" build "${files[@]}" --manifest gen/manifest.xml -o "j3.nq" -q -j3)
cmp "$WORK/j1.nq" "$WORK/j3.nq" || fail "N-Quads with -j1 and -j3 differ"
[ "$(wc -l <"$WORK/j1.nq")" -gt 100000 ] || fail "the N-Quads test needs a graph of several chunks"
echo "determinism: N-Triples and N-Quads identical with 1, 2 and 3 threads ($(wc -l <"$WORK/j1.nq") quads)"
