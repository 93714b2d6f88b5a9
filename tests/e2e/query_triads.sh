# SPARQL triads: each bundled query (queries/*.rq) has tests/queries/<name>/ with data.ttl, small
# hand-written data whose header comment says which rows it must give, and expected.tsv, the reviewed
# answer of `khabar query --format tsv`. Rows are compared in order-free form; roqet must return as many
# rows, and both answers must be in the query's ORDER BY order (tests/e2e/check_order.py). After an intended change regenerate
# with UPDATE_EXPECTED=1 and review the diff. A query without a triad is named on stderr.
source "$(dirname "$0")/lib.sh"
n=0
missing=0
for q in "$SRC"/queries/*.rq; do
  name=$(basename "$q" .rq)
  dir="$SRC/tests/queries/$name"
  if [ ! -f "$dir/data.ttl" ] || [ ! -f "$dir/expected.tsv" ]; then
    echo "NOTE: queries/$name.rq has no triad in tests/queries/$name/ (add data.ttl and expected.tsv)" >&2
    missing=$((missing + 1))
    continue
  fi
  "$KHABAR" query "$dir/data.ttl" "$q" --format tsv >"$WORK/$name.tsv" || fail "khabar query failed on the $name triad"
  if [ "${UPDATE_EXPECTED:-0}" = 1 ]; then cp "$WORK/$name.tsv" "$dir/expected.tsv"; fi
  head -n 1 "$dir/expected.tsv" >"$WORK/want"; tail -n +2 "$dir/expected.tsv" | LC_ALL=C sort >>"$WORK/want"
  head -n 1 "$WORK/$name.tsv" >"$WORK/got"; tail -n +2 "$WORK/$name.tsv" | LC_ALL=C sort >>"$WORK/got"
  diff -u "$WORK/want" "$WORK/got" || fail "$name: the answer differs from tests/queries/$name/expected.tsv"
  rows=$(($(wc -l <"$WORK/got") - 1))
  [ "$rows" -gt 0 ] || fail "$name: the triad expects no rows: it proves nothing"
  roqet -W 0 -q -i sparql -D "file://$dir/data.ttl" -r tsv "$q" >"$WORK/roqet.tsv" 2>"$WORK/err" || { cat "$WORK/err"; fail "roqet failed on $name"; }
  [ "$rows" = $(($(wc -l <"$WORK/roqet.tsv") - 1)) ] || fail "$name: roqet returns a different number of rows"
  # The order too, from khabar and from Rasqal itself (the triads hold the cases Rasqal 0.9.33 misordered).
  python3 "$SRC/tests/e2e/check_order.py" "$q" "$WORK/$name.tsv" >/dev/null || fail "$name: khabar's rows out of ORDER BY order"
  python3 "$SRC/tests/e2e/check_order.py" "$q" "$WORK/roqet.tsv" >/dev/null || fail "$name: roqet's rows out of ORDER BY order"
  n=$((n + 1))
done
for dir in "$SRC"/tests/queries/*/; do
  [ -f "$SRC/queries/$(basename "$dir").rq" ] || fail "tests/queries/$(basename "$dir") has no query queries/$(basename "$dir").rq"
done
[ "$n" -ge 12 ] || fail "only $n bundled queries (at least 12 expected)"
echo "query_triads: $n queries give their expected tables ($missing without a triad)"
