# Streaming builds (--stream on: the graph written in parts from a spill, so that memory does not grow with
# the triples) give the triples of a whole build in every format, on the seed and wire articles written in
# parts of a few hundred triples; the spill is removed, a killed build's spill is removed by the next build,
# and khabar merge and a registry build stream the same graph. The shapes hold.
source "$(dirname "$0")/lib.sh"
: "${SHARED:?SHARED must name ../shared}"
[ -d "$SHARED/corpus/wire" ] || { echo "stream: $SHARED/corpus/wire not found, skipped"; exit 77; }
C=$WORK/corpus
seeds_and_wire "$C"
M=$C/manifest.xml
export KHABAR_STREAM_PART_TRIPLES=300  # many parts, even for 34 articles
mkdir -p "$WORK/o"

# N-Triples and N-Quads: the same lines as the whole build's.
for f in nt nq; do
  "$KHABAR" build "$C" --manifest "$M" -o "$WORK/whole.$f" --stream off -q
  expect_rc 0 "$KHABAR" build "$C" --manifest "$M" -o "$WORK/o/stream.$f" --stream on
  grep -q '^  triples: .*(streamed)' "$WORK/err" || fail "the summary does not say the build streamed"
  same_lines "$WORK/o/stream.$f" "$WORK/whole.$f" "streamed $f differs from the whole build"
done
n=$(wc -l <"$WORK/whole.nt")
grep -q "^  triples:   $n (streamed)" "$WORK/err" || fail "the summary's triple count is not the graph's ($n)"
[ -z "$(ls -A "$WORK/o" | grep -v '^stream\.')" ] || fail "files left beside the output: $(ls -A "$WORK/o")"

# Turtle, TriG and JSON-LD: the parts are written one after another; a reader merges them into the quads it
# reads from the whole build's file.
if command -v rapper >/dev/null; then
  for f in ttl trig; do
    syntax=$([ $f = ttl ] && echo turtle || echo trig)
    "$KHABAR" build "$C" --manifest "$M" -o "$WORK/o/stream.$f" --stream on -q
    "$KHABAR" build "$C" --manifest "$M" -o "$WORK/whole.$f" --stream off -q
    rapper -q -i $syntax -o nquads "$WORK/o/stream.$f" >"$WORK/s.nq" || fail "rapper cannot read the streamed $f"
    rapper -q -i $syntax -o nquads "$WORK/whole.$f" >"$WORK/w.nq"
    same_lines "$WORK/s.nq" "$WORK/w.nq" "streamed $f differs from the whole build"
  done
fi
if command -v node >/dev/null && [ -d "$SRC/tools/jsonld/node_modules" ]; then
  "$KHABAR" build "$C" --manifest "$M" -o "$WORK/o/stream.jsonld" --stream on -q
  "$KHABAR" build "$C" --manifest "$M" -o "$WORK/whole.jsonld" --stream off -q
  node "$SRC/tools/jsonld/torf.mjs" "$WORK/o/stream.jsonld" "$SRC/ontology/context.jsonld" >"$WORK/s.nq" ||
    fail "the JSON-LD processor cannot read the streamed JSON-LD"
  node "$SRC/tools/jsonld/torf.mjs" "$WORK/whole.jsonld" "$SRC/ontology/context.jsonld" >"$WORK/w.nq"
  same_lines "$WORK/s.nq" "$WORK/w.nq" "streamed JSON-LD differs from the whole build"
fi
if command -v node >/dev/null && [ -d "$SRC/tools/shacl/node_modules/shacl-engine" ]; then
  "$KHABAR" build "$C" --manifest "$M" -o "$WORK/o/stream.ttl" --stream on -q
  node "$SRC/tools/shacl/validate.mjs" "$SRC/ontology/shapes.ttl" "$WORK/o/stream.ttl" >"$WORK/report" 2>&1 ||
    { tail -20 "$WORK/report"; fail "the streamed graph does not conform to ontology/shapes.ttl"; }
fi

# A spill left by a killed build (its process gone) is removed by the next build of the same output; one
# of a build still running is not.
touch "$WORK/o/.stream.nt.spill-999999999.kreg" "$WORK/o/.stream.nt.spill-$$.kreg"
"$KHABAR" build "$C" --manifest "$M" -o "$WORK/o/stream.nt" --stream on -q
[ ! -e "$WORK/o/.stream.nt.spill-999999999.kreg" ] || fail "a dead build's spill was left"
[ -e "$WORK/o/.stream.nt.spill-$$.kreg" ] || fail "a running build's spill was removed"
rm "$WORK/o/.stream.nt.spill-$$.kreg"

# A spill that cannot be written: a clear error, nothing written.
mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
if [ ! -w "$WORK/ro" ]; then
  expect_rc 1 "$KHABAR" build "$C" --manifest "$M" -o "$WORK/ro/g.nt" --stream on
  grep -q "spill" "$WORK/err" || fail "no message about the spill: $(cat "$WORK/err")"
fi
chmod 755 "$WORK/ro"

# merge and a registry build stream the same graph.
"$KHABAR" extract "$C" --manifest "$M" -o "$WORK/all.kreg" -q
"$KHABAR" merge "$WORK/all.kreg" -o "$WORK/merged.nt" --stream on -q
same_lines "$WORK/merged.nt" "$WORK/whole.nt" "a streamed merge differs from the whole build"
"$KHABAR" build "$C" --manifest "$M" --registry "$WORK/reg" -o "$WORK/reg.nt" --stream on -q
same_lines "$WORK/reg.nt" "$WORK/whole.nt" "a streamed registry build differs from the whole build"

expect_rc 2 "$KHABAR" build "$C" -o "$WORK/x.nt" --stream sometimes
echo "stream: ok ($n triples in parts of $KHABAR_STREAM_PART_TRIPLES)"
