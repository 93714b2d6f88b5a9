# The command line: help, exit codes, clear messages, atomic output.
source "$(dirname "$0")/lib.sh"
expect_rc 0 "$KHABAR" --help
grep -q "Exit codes" "$WORK/out" || fail "--help does not document exit codes"
expect_rc 0 "$KHABAR" build --help
grep -q -- "--manifest" "$WORK/out" || fail "build --help does not explain --manifest"
expect_rc 2 "$KHABAR" build "$SEEDS"                       # no -o
expect_rc 2 "$KHABAR" frobnicate
expect_rc 2 "$KHABAR" build "$SEEDS" -o "$WORK/x.ttl" --format rdfxml
grep -q "turtle, ntriples, nquads, trig or jsonld" "$WORK/err" || fail "bad --format: no clear message"

# A missing input among good ones: the graph is written, the exit code says partial.
expect_rc 3 "$KHABAR" build "$SEEDS" "$WORK/nope.txt" -o "$WORK/kg.ttl" -q
grep -q "nope.txt" "$WORK/err" || fail "missing input not named"
[ -s "$WORK/kg.ttl" ] || fail "no graph written"

# Output that cannot be written: exit 1, a message, and the previous file left intact.
cp "$WORK/kg.ttl" "$WORK/prev.ttl"
expect_rc 1 "$KHABAR" build "$SEEDS" -o /dev/full/kg.ttl -q
grep -qi "error" "$WORK/err" || fail "unwritable output: no message"
mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
if [ "$(id -u)" != 0 ]; then
  expect_rc 1 "$KHABAR" build "$SEEDS" -o "$WORK/ro/kg.ttl" -q
fi
# A full disk mid-write (stdout to /dev/full): I/O error, exit 1.
set +e; "$KHABAR" build "$SEEDS" -o - -q >/dev/full 2>"$WORK/err"; rc=$?; set -e
[ $rc = 1 ] || fail "writing to /dev/full exited $rc, expected 1"
grep -q "I/O error" "$WORK/err" || fail "/dev/full: no I/O error message"
cmp -s "$WORK/kg.ttl" "$WORK/prev.ttl" || fail "previous output changed"
ls -a "$WORK" | grep -q "\.tmp\." && fail "temporary file left behind"

# Interrupted mid-run (SIGTERM while writing a large corpus): the previous graph stays intact.
mkdir -p "$WORK/big"
for i in $(seq 1 300); do cp "$SEEDS"/002_*.txt "$WORK/big/a$i.txt"; done
"$KHABAR" build "$WORK/big" -o "$WORK/kg.ttl" -q -j1 &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
cmp -s "$WORK/kg.ttl" "$WORK/prev.ttl" || [ "$(tail -c 2 "$WORK/kg.ttl" | head -c 1)" = "." ] || fail "interrupted run left a broken graph"
ls -a "$WORK" | grep -q "\.tmp\." && fail "interrupted run left a temporary file"

# The output's mode is what the umask gives a new file, and an existing file keeps its own (issue 16).
rm -f "$WORK/mode.ttl"
(umask 027 && "$KHABAR" build "$SEEDS" -o "$WORK/mode.ttl" -q)
[ "$(stat -c %a "$WORK/mode.ttl")" = 640 ] || fail "umask 027: output mode $(stat -c %a "$WORK/mode.ttl"), expected 640"
chmod 600 "$WORK/mode.ttl"
"$KHABAR" build "$SEEDS" -o "$WORK/mode.ttl" -q
[ "$(stat -c %a "$WORK/mode.ttl")" = 600 ] || fail "an existing output's mode 600 was not kept"

# A temporary left by a killed run (its process gone, untouched for long) is removed by the next run to the
# same output; a fresh one (maybe a concurrent writer's) and other files are left alone.
stale="$WORK/.mode.ttl.tmp.999999999.Ab12Cd" fresh="$WORK/.mode.ttl.tmp.999999998.Ef34Gh"
other="$WORK/.mode.ttl.tmp.notes"
touch "$stale" "$fresh" "$other" && touch -d '2 hours ago' "$stale" "$other"
"$KHABAR" build "$SEEDS" -o "$WORK/mode.ttl" -q
[ ! -e "$stale" ] || fail "a stale temporary of a killed run was not removed"
[ -e "$fresh" ] && [ -e "$other" ] || fail "a fresh temporary or an unrelated file was removed"
rm -f "$fresh" "$other"

# An output name of 250 bytes (NAME_MAX is 255) is written: the temporary's name is shortened.
long="$WORK/$(printf 'g%.0s' $(seq 1 246)).ttl"
"$KHABAR" build "$SEEDS" -o "$long" -q || fail "an output name of 250 bytes was not written"
[ -s "$long" ] || fail "250-byte output name: nothing written"
rm -f "$long"

# -o naming one of the input articles (or the manifest) is refused, and the article is left as it was.
mkdir -p "$WORK/own" && cp "$SEEDS"/002_*.txt "$WORK/own/a.txt" && cp "$WORK/own/a.txt" "$WORK/own.orig"
expect_rc 2 "$KHABAR" build "$WORK/own" --format turtle -o "$WORK/own/a.txt" -q
grep -q "is one of the input articles" "$WORK/err" || fail "-o equal to an input: no clear message"
cmp -s "$WORK/own/a.txt" "$WORK/own.orig" || fail "-o equal to an input overwrote the article"
cp "$MANIFEST" "$WORK/m.xml"
expect_rc 2 "$KHABAR" build "$SEEDS" --manifest "$WORK/m.xml" --format turtle -o "$WORK/m.xml" -q
grep -q "is the manifest" "$WORK/err" || fail "-o equal to the manifest: no clear message"

# A query that does not end is stopped at --timeout with what to do instead, after saying it is working.
printf 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n' >"$WORK/endless.rq"
expect_rc 1 timeout 60 "$KHABAR" query "$WORK/prev.ttl" "$WORK/endless.rq" --timeout 2
grep -q "still loading and querying" "$WORK/err" || fail "a long query: no progress on stderr"
grep -q "did not finish in 2 s.*--engine virtuoso" "$WORK/err" || fail "--timeout: no message saying what to do"

# A CONSTRUCT gives RDF: N-Triples that parse, one triple per row the WHERE clause matched (issue 17).
printf 'PREFIX kh: <https://w3id.org/khabar/ontology#>\nCONSTRUCT { ?e kh:agent ?a } WHERE { ?e kh:agent ?a }\n' \
  >"$WORK/construct.rq"
"$KHABAR" query "$WORK/prev.ttl" "$WORK/construct.rq" --format ntriples >"$WORK/sub.nt" || fail "CONSTRUCT failed"
"$KHABAR" query "$WORK/prev.ttl" "$WORK/construct.rq" >"$WORK/sub.ttl" || fail "CONSTRUCT (Turtle) failed"
cmp -s <(serdi -i turtle -o ntriples "$WORK/sub.ttl" | LC_ALL=C sort) <(serdi -i ntriples -o ntriples "$WORK/sub.nt" | LC_ALL=C sort) ||
  fail "CONSTRUCT: the Turtle and the N-Triples hold different triples"
serdi -i ntriples "$WORK/sub.nt" >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; fail "CONSTRUCT: not N-Triples"; }
[ "$(wc -l <"$WORK/sub.nt")" = "$(grep -c 'ontology#agent>' "$WORK/sub.nt")" ] || fail "CONSTRUCT: not one triple a line"
[ -s "$WORK/sub.nt" ] || fail "CONSTRUCT: no triples"
expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" figures --format ntriples
grep -q "CONSTRUCT" "$WORK/err" || fail "--format ntriples on a SELECT: no clear message"

# Queries: a syntax error names the line; SPARQL Update is refused; a missing graph is an error.
printf 'SELECT ?s WHERE {\n  ?s ?p \n' >"$WORK/bad.rq"
expect_rc 1 "$KHABAR" query "$WORK/prev.ttl" "$WORK/bad.rq"
grep -qi "syntax\|line" "$WORK/err" || fail "query syntax error: no clear message"
printf 'INSERT DATA { <http://a> <http://b> <http://c> }\n' >"$WORK/upd.rq"
expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" "$WORK/upd.rq"
grep -q "SPARQL Update" "$WORK/err" || fail "update not refused clearly"
# Update forms the old pattern missed (issue 16): decided on SPARQL tokens, not patterns.
for upd in 'INSERT INTO <http://g> { <http://a> <http://b> <http://c> }' \
  'DELETE FROM <http://g> { <http://a> <http://b> <http://c> }' 'LOAD<file:///etc/hostname>' \
  'SELECT ?s WHERE { ?s ?p ?o } ;DROP ALL' 'insert{<http://a> <http://b> <http://c>}where{}'; do
  printf '%s\n' "$upd" >"$WORK/upd.rq"
  expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" "$WORK/upd.rq"
  grep -q "SPARQL Update" "$WORK/err" || fail "update not refused: $upd"
done
# ... and words that only look like updates are no updates: in a comment, a string, an IRI, a name.
printf '# INSERT DATA\nPREFIX ex: <http://example.org/delete/>\nSELECT ?load WHERE { ?load ex:drop "LOAD <x>" }\n' \
  >"$WORK/notupd.rq"
expect_rc 0 "$KHABAR" query "$WORK/prev.ttl" "$WORK/notupd.rq"
# SERVICE and FROM read URLs and local files: refused unless --allow-service (issue 16).
printf 'secret-line\n' >"$WORK/secret.txt"
for q in "SELECT * WHERE { SERVICE <file://$WORK/secret.txt> { ?s ?p ?o } }" \
  "SELECT * WHERE { SERVICE <http://192.0.2.1:9/sparql> { ?s ?p ?o } }" \
  "SELECT * FROM <file://$WORK/secret.txt> WHERE { ?s ?p ?o }" \
  "SELECT * FROM NAMED <file://$WORK/secret.txt> WHERE { GRAPH ?g { ?s ?p ?o } }" \
  "select * where { service<file://$WORK/secret.txt>{?s ?p ?o} }"; do
  printf '%s\n' "$q" >"$WORK/svc.rq"
  expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" "$WORK/svc.rq"
  grep -q -- "--allow-service" "$WORK/err" || fail "SERVICE/FROM not refused clearly: $q"
  grep -q "secret-line" "$WORK/out" "$WORK/err" && fail "a local file was read: $q"
done
# Rasqal 0.9.33 aborts while parsing three signed numbers in a sum: a clear error, exit 2, no core dump.
for q in 'SELECT * WHERE { ?s ?p ?o FILTER(1+1+1+1 > 0) }' 'SELECT * WHERE { ?s ?p ?x FILTER(?x-1-1-1-1 > 0) }'; do
  printf '%s\n' "$q" >"$WORK/abort.rq"
  expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" "$WORK/abort.rq"
  grep -q "Rasqal.*crashes.*signed numbers" "$WORK/err" || fail "Rasqal abort not explained: $q"
done
printf 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(1 + 1 + 1 + 1 > 0) }\n' >"$WORK/spaced.rq"
expect_rc 0 "$KHABAR" query "$WORK/prev.ttl" "$WORK/spaced.rq"
expect_rc 1 "$KHABAR" query "$WORK/missing.ttl" "$SRC/queries/eval/mentions.rq"
grep -q "missing.ttl" "$WORK/err" || fail "missing graph not named"
printf 'not turtle at all <<<\n' >"$WORK/broken.ttl"
expect_rc 1 "$KHABAR" query "$WORK/broken.ttl" "$SRC/queries/eval/mentions.rq"
grep -q "broken.ttl" "$WORK/err" || fail "invalid graph not named"
expect_rc 0 "$KHABAR" query "$WORK/prev.ttl" mentions --format table
grep -q "rows" "$WORK/out" || fail "table format has no row count"

# Papercuts of issue 16.
expect_rc 2 "$KHABAR" biuld "$SEEDS" -o "$WORK/x.ttl"
grep -q "unknown command 'biuld'; did you mean 'build'" "$WORK/err" || fail "a misspelled command is not named"
expect_rc 1 "$KHABAR" build "$WORK/nonexistent" -o "$WORK/none.ttl"  # nothing written: not 3
[ -e "$WORK/none.ttl" ] && fail "an output was written for no input"
for ext in rdf owl xml; do
  expect_rc 2 "$KHABAR" build "$SEEDS" -o "$WORK/g.$ext" -q
  [ -e "$WORK/g.$ext" ] && fail "Turtle written as .$ext"
done
expect_rc 1 "$KHABAR" query "$WORK/missing.ttl" statements
grep -q "^khabar: error: $WORK/missing.ttl: no such graph file" "$WORK/err" || fail "missing graph: the message does not start with it"
printf 'DESCRIBE <https://w3id.org/khabar/entity/armenia>\n' >"$WORK/describe.rq"
expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" "$WORK/describe.rq"
grep -q "DESCRIBE is not implemented" "$WORK/err" || fail "DESCRIBE: no clear message"
mkdir -p "$WORK/qd/sub" && cp "$SRC/queries/actors.rq" "$WORK/qd/outside.rq"
(cd "$WORK/qd/sub" && KHABAR_DATA_DIR="$WORK/qd/sub" expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" ../../qd/outside)
expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" ../queries/actors
# An NITF file without text is an empty article, skipped like an empty .txt.
mkdir -p "$WORK/nitf"
cp "$SEEDS/000_fb48c456d27249a2.txt" "$WORK/nitf/"
printf '<nitf><head/><body><body.content><p> </p></body.content></body></nitf>\n' >"$WORK/nitf/empty.xml"
expect_rc 3 "$KHABAR" build "$WORK/nitf" -o "$WORK/nitf.ttl" -q
grep -q "empty.xml: empty article" "$WORK/err" || fail "an NITF file without text is not reported as empty"
# "." and "dir/." put no dot segment into IRIs or kh:sourcePath.
(cd "$SEEDS" && "$KHABAR" build . -o "$WORK/dot.nt" -q)
"$KHABAR" build "$SEEDS/." -o "$WORK/dot2.nt" -q
"$KHABAR" build "$SEEDS" -o "$WORK/plain.nt" -q
cmp -s <(LC_ALL=C sort "$WORK/dot.nt") <(LC_ALL=C sort "$WORK/plain.nt") || fail "'.' gives other IRIs than the directory's name"
cmp -s <(LC_ALL=C sort "$WORK/dot2.nt") <(LC_ALL=C sort "$WORK/plain.nt") || fail "'dir/.' gives other IRIs than 'dir'"
grep -q '/\./' "$WORK/dot.nt" && fail "a dot segment in the graph"
# Manifest: a bad date is a warning and the build goes on; year 1 minus a week is never written as year 0.
mkdir -p "$WORK/man"
cp "$SEEDS/000_fb48c456d27249a2.txt" "$WORK/man/a.txt"
cp "$SEEDS/001_a25564347d838f35.txt" "$WORK/man/b.txt"
printf '<corpus><article file="a.txt" published="0001-01-01"/><article file="b.txt" published="2023-02-30"/></corpus>\n' \
  >"$WORK/man/m.xml"
expect_rc 0 "$KHABAR" build "$WORK/man" --manifest "$WORK/man/m.xml" -o "$WORK/man.nt" -q
grep -q "'2023-02-30' is not a date" "$WORK/err" || fail "a bad manifest date is not reported"
grep -q '"0000-' "$WORK/man.nt" && fail "a date of year 0 was written"
serdi -i ntriples -o ntriples "$WORK/man.nt" >/dev/null 2>&1 || fail "serdi rejects the graph"
echo "cli: all checks passed"

# The extractor's passes: listed in order, switched off by name (an unknown name is a usage error), and a
# switched-off pass loses its facts (no person found after a title without the title pass).
expect_rc 0 "$KHABAR" build --list-passes
grep -q "^mentions	title	" "$WORK/out" || fail "--list-passes does not list the title pass"
expect_rc 2 "$KHABAR" build "$SEEDS" -o "$WORK/np.ttl" --disable-pass no-such-pass
expect_rc 0 "$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/all.nt" -q
expect_rc 0 "$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/notitle.nt" -q --disable-pass title
grep -q 'recognisedBy> "title' "$WORK/all.nt" || fail "no mention recognised by the title pass"
grep -q 'recognisedBy> "title' "$WORK/notitle.nt" && fail "--disable-pass title: title mentions still found"

# An article over --max-article-bytes is cut at a sentence end, with a warning naming the file.
python3 -c "print('قصفت الطائرات السوق. ' * 400)" >"$WORK/long.txt"
expect_rc 0 "$KHABAR" build "$WORK/long.txt" -o "$WORK/long.ttl" --max-article-bytes 2000
grep -q "long.txt" "$WORK/err" || fail "a cut article is not named"
grep -q "size limit" "$WORK/err" || fail "a cut article: no reason given"

# The README's summary of the bundled corpus is what a build of it prints (counts; timings aside).
expect_rc 0 "$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/readme.ttl"
sed -n '/^  articles:/,/^  triples:/p' "$WORK/err" >"$WORK/summary.now"
sed -n '/^khabar: built out\/karabakh.ttl/,/^  triples:/p' "$SRC/README.md" | sed -n '/^  articles:/,/^  triples:/p' >"$WORK/summary.readme"
[ -s "$WORK/summary.now" ] || fail "no build summary printed"
diff "$WORK/summary.readme" "$WORK/summary.now" >&2 || fail "README's build summary is out of date (copy a fresh run)"
