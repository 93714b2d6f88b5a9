# Every literal and IRI written is valid UTF-8 (issue 16): a file name with a Latin-1 byte, a manifest
# outlet and an NITF pubdata/@name with invalid bytes were copied raw, and serdi rejected the graph.
# Each is replaced by U+FFFD and reported; the graph parses with serdi and rapper.
source "$(dirname "$0")/lib.sh"
in="$WORK/in"
mkdir -p "$in"
latin1=$(printf 'caf\xe9.txt')
cp "$SEEDS/000_fb48c456d27249a2.txt" "$in/$latin1"
printf '<nitf><head><pubdata name="Outlet \xff\xfe X"/></head><body><body.content><p>%s</p></body.content></body></nitf>\n' \
  "قال الرئيس الأرميني نيكول باشينيان إن أذربيجان هاجمت." >"$in/story.xml"
printf '<corpus><article file="%s" outlet="bad \xc3\x28 outlet" published="2023-09-20"/></corpus>\n' "$latin1" \
  >"$in/manifest.xml"
expect_rc 0 "$KHABAR" build "$in" --manifest "$in/manifest.xml" -o "$WORK/g.nt" -q
for what in "file name is not valid UTF-8" "outlet is not valid UTF-8" "outlet name (pubdata/@name) is not valid UTF-8"; do
  grep -q "$what" "$WORK/err" || { cat "$WORK/err" >&2; fail "not reported: $what"; }
done
# iconv fails on the first invalid byte anywhere in the file.
iconv -f UTF-8 -t UTF-8 "$WORK/g.nt" >/dev/null || fail "the graph is not valid UTF-8"
serdi -i ntriples -o ntriples "$WORK/g.nt" >/dev/null 2>"$WORK/serdi.err" || { cat "$WORK/serdi.err" >&2; fail "serdi rejects the graph"; }
rapper -q -i ntriples -c "$WORK/g.nt" 2>/dev/null || fail "rapper rejects the graph"
grep -q 'ontology#sourceFile> "caf�.txt"' "$WORK/g.nt" || fail "kh:sourceFile not written with U+FFFD"
grep -q 'ontology#outlet> "Outlet �� X"' "$WORK/g.nt" || fail "NITF outlet not written with U+FFFD"
grep -q 'ontology#outlet> "bad �( outlet"' "$WORK/g.nt" || fail "manifest outlet not written with U+FFFD"
# Turtle too.
expect_rc 0 "$KHABAR" build "$in" --manifest "$in/manifest.xml" -o "$WORK/g.ttl" -q
serdi -i turtle -o ntriples "$WORK/g.ttl" >/dev/null 2>&1 || fail "serdi rejects the Turtle graph"
echo "utf8_output: invalid bytes in names and attributes replaced, reported, and the graph parses"
