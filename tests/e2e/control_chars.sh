# Control characters from the data never reach a terminal raw, and never break a diagram (issue 16):
# an NITF outlet with ESC sequences (set the window title, clear the screen, a C1 CSI) was printed raw
# by `khabar query` as a table and as CSV, and control characters in labels made the timeline fail in
# Graphviz.
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/in"
printf '<nitf><head><pubdata name="Evil\x1b]0;pwned\x07\x1b[2J\xc2\x9b31m"/></head><body><body.content><p>%s</p></body.content></body></nitf>\n' \
  "قال الرئيس الأرميني نيكول باشينيان إن أذربيجان هاجمت." >"$WORK/in/story.xml"
expect_rc 0 "$KHABAR" build "$WORK/in" -o "$WORK/g.ttl" -q
printf 'SELECT ?o WHERE { ?a <https://w3id.org/khabar/ontology#outlet> ?o }\n' >"$WORK/q.rq"
raw() { LC_ALL=C grep -c $'\x1b\|\x07\|\xc2\x9b' "$1" || true; }
for f in table csv tsv json; do
  expect_rc 0 "$KHABAR" query "$WORK/g.ttl" "$WORK/q.rq" --format "$f"
  [ "$(raw "$WORK/out")" = 0 ] || fail "--format $f prints raw control characters"
  grep -q 'pwned' "$WORK/out" || fail "--format $f lost the value"
done
expect_rc 0 "$KHABAR" query "$WORK/g.ttl" "$WORK/q.rq" --format table
grep -qF 'Evil\x1B]0;pwned\x07\x1B[2J\u009B31m' "$WORK/out" || fail "table: control characters not shown as \\xNN"

# Labels with control characters (as another tool's graph could have them): every view renders.
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/seeds.nt" -q
sed 's/\(core#prefLabel> "[^"]*\)"@ar/\1\\u001B[2J\\u0007"@ar/; s/\(core#prefLabel> "[^"]*\)"@en/\1\\u001B]0;x\\u0008"@en/' \
  "$WORK/seeds.nt" >"$WORK/evil.nt"
grep -q 'u001B' "$WORK/evil.nt" || fail "test data: no control characters put in"
for view in timeline actors events aliases; do
  for lang in ar en; do
    expect_rc 0 "$KHABAR" dot "$WORK/evil.nt" --view "$view" --lang "$lang" -o "$WORK/$view.svg" -q
    expect_rc 0 "$KHABAR" dot "$WORK/evil.nt" --view "$view" --lang "$lang" -o "$WORK/$view.dot" -q
    [ "$(raw "$WORK/$view.dot")" = 0 ] || fail "$view ($lang): raw control characters in the DOT source"
  done
done
echo "control_chars: no raw control character in table, CSV, TSV, JSON or DOT; every view renders"
