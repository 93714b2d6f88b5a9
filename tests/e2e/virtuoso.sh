# A real triple store: scripts/virtuoso.sh starts a private Virtuoso (loopback only, its own data
# directory and ports), bulk-loads the seed graph, and every bundled query answered at its SPARQL
# endpoint (`khabar query --endpoint`) must give exactly the rows librdf/Rasqal give on the file; so must
# every query triad (tests/queries/<name>) loaded as its own named graph. The server is stopped and its
# directory removed however the test ends. Skipped (77) when Virtuoso is not installed (scripts/setup.sh
# installs it).
source "$(dirname "$0")/lib.sh"
VT="$SRC/scripts/virtuoso.sh"
if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
  echo "virtuoso: virtuoso-opensource is not installed (scripts/setup.sh), skipped"
  exit 77
fi
# A quote in the data directory: virtuoso.sh must quote it in the SQL it writes (issue 16).
DB="$WORK/o'virtuoso"
# isql-vt through a wrapper that records its arguments: the DBA password must never be among them
# (any local user can read a process's arguments).
mkdir -p "$WORK/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >>"%s/isql-argv"\nexec isql-vt "$@"\n' "$WORK" >"$WORK/bin/isql-argv"
chmod +x "$WORK/bin/isql-argv"
export ISQL="$WORK/bin/isql-argv"
cleanup() {
  bash "$VT" stop "$DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.ttl" 2>"$WORK/build.log"
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.nt" -q
triples=$(sed -n 's/^  triples: *\([0-9]*\).*/\1/p' "$WORK/build.log")

endpoint=$(bash "$VT" start "$DB") || fail "Virtuoso did not start"
case $endpoint in http://127.0.0.1:*/sparql) ;; *) fail "unexpected endpoint '$endpoint'" ;; esac
pid=$(sed -n 's/^VIRT_PID=//p' "$DB/db/virtuoso.lck")
[ -n "$pid" ] || fail "no server pid"

# Nothing may listen on anything but the loopback address.
if command -v ss >/dev/null; then
  ss -ltnpH 2>/dev/null | grep "pid=$pid," >"$WORK/listen" || true
  [ -s "$WORK/listen" ] || fail "the server listens on no TCP port"
  if awk '{print $4}' "$WORK/listen" | grep -v '^127\.0\.0\.1:' | grep -q .; then
    cat "$WORK/listen"
    fail "Virtuoso listens on a non-loopback address"
  fi
fi
[ "$(stat -c %a "$DB/dba-password")" = 600 ] || fail "the DBA password file is readable by others"

loaded=$(bash "$VT" load "$DB" "$WORK/kg.ttl") || fail "bulk load of the Turtle graph failed"
echo "$loaded"
[ "$loaded" = "loaded $triples triples into <https://w3id.org/khabar/graph>" ] || fail "expected $triples triples: $loaded"
loaded=$(bash "$VT" load "$DB" "$WORK/kg.nt" https://w3id.org/khabar/test/nt) || fail "bulk load of N-Triples failed"
[ "$loaded" = "loaded $triples triples into <https://w3id.org/khabar/test/nt>" ] || fail "N-Triples: $loaded"

# Rows in a form both engines agree on: sorted; xsd:string is a plain literal in RDF 1.1.
normalise() {
  tail -n +2 "$1" | sed 's/\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#string>//g' | LC_ALL=C sort
}

printf '%-28s %8s %8s\n' query librdf virtuoso >"$WORK/counts"
n=0
for q in "$SRC"/queries/*.rq "$SRC"/queries/eval/*.rq; do
  name=$(basename "$q" .rq)
  "$KHABAR" query "$WORK/kg.ttl" "$q" --format tsv >"$WORK/local.tsv" || fail "$name: khabar query on the file failed"
  "$KHABAR" query --endpoint "$endpoint" "$q" --format tsv >"$WORK/remote.tsv" 2>"$WORK/err" ||
    { cat "$WORK/err"; fail "$name: khabar query --endpoint failed"; }
  cmp -s <(head -n 1 "$WORK/local.tsv") <(head -n 1 "$WORK/remote.tsv") || fail "$name: different columns"
  normalise "$WORK/local.tsv" >"$WORK/a"
  normalise "$WORK/remote.tsv" >"$WORK/b"
  diff "$WORK/a" "$WORK/b" >"$WORK/diff" || { head -n 20 "$WORK/diff"; fail "$name: Virtuoso and librdf/Rasqal disagree"; }
  python3 "$SRC/tests/e2e/check_order.py" "$q" "$WORK/remote.tsv" >/dev/null || fail "$name: Virtuoso's rows out of ORDER BY order"
  rows=$(wc -l <"$WORK/a")
  [ "$rows" -gt 0 ] || fail "$name: no rows on the seed corpus"
  printf '%-28s %8s %8s\n' "$name" "$rows" "$(wc -l <"$WORK/b")" >>"$WORK/counts"
  n=$((n + 1))
done
cat "$WORK/counts"

# The triads: each data.ttl in its own named graph must give its expected table in Virtuoso too.
t=0
for dir in "$SRC"/tests/queries/*/; do
  name=$(basename "$dir")
  bash "$VT" load "$DB" "$dir/data.ttl" "https://w3id.org/khabar/test/$name" >/dev/null || fail "$name: triad data did not load"
  "$KHABAR" query --endpoint "$endpoint" --graph-iri "https://w3id.org/khabar/test/$name" "$SRC/queries/$name.rq" \
    --format tsv >"$WORK/remote.tsv" || fail "$name: triad query failed at the endpoint"
  normalise "$dir/expected.tsv" >"$WORK/a"
  normalise "$WORK/remote.tsv" >"$WORK/b"
  diff "$WORK/a" "$WORK/b" || fail "$name: Virtuoso's answer differs from tests/queries/$name/expected.tsv"
  python3 "$SRC/tests/e2e/check_order.py" "$SRC/queries/$name.rq" "$WORK/remote.tsv" >/dev/null ||
    fail "$name: Virtuoso's triad rows out of ORDER BY order"
  t=$((t + 1))
done

# A graph per article (issue 18): the N-Quads load into one named graph per article plus the entities and
# happenings graphs, each with exactly the quads the file gives it; loading again replaces, not adds.
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.nq" -q
articles=$(find "$SEEDS" -name '*.txt' | wc -l)
graphs=$((articles + 2))
for round in 1 2; do
  loaded=$(bash "$VT" load "$DB" "$WORK/kg.nq") || fail "bulk load of the N-Quads failed"
  [ "$loaded" = "loaded $triples quads into $graphs named graphs" ] || fail "N-Quads (load $round): $loaded"
done
printf 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }\n  FILTER(STRSTARTS(STR(?g), "https://w3id.org/khabar/article/") || STRSTARTS(STR(?g), "https://w3id.org/khabar/graph/")) }\nGROUP BY ?g\n' \
  >"$WORK/graphs.rq"
"$KHABAR" query --endpoint "$endpoint" "$WORK/graphs.rq" --format tsv >"$WORK/graphs.tsv" || fail "graph count query failed"
tail -n +2 "$WORK/graphs.tsv" | sed 's/"\([0-9]*\)"^^<[^>]*>/\1/' | LC_ALL=C sort >"$WORK/a"
awk '{ n[$(NF - 1)]++ } END { for (g in n) printf "%s\t%d\n", g, n[g] }' "$WORK/kg.nq" | LC_ALL=C sort >"$WORK/b"
diff "$WORK/a" "$WORK/b" || fail "Virtuoso's named graphs differ from the N-Quads file's"
[ "$(grep -c '^<https://w3id.org/khabar/article/' "$WORK/a")" = "$articles" ] || fail "not one named graph per article"
# Dropping one article's graph removes its facts, and only them.
first=$(head -n 1 "$WORK/a" | cut -f 1)
bash "$VT" drop "$DB" "${first:1:${#first}-2}" >/dev/null || fail "drop of $first failed"
"$KHABAR" query --endpoint "$endpoint" "$WORK/graphs.rq" --format tsv >"$WORK/graphs.tsv" || fail "graph count query failed"
tail -n +2 "$WORK/graphs.tsv" | sed 's/"\([0-9]*\)"^^<[^>]*>/\1/' | LC_ALL=C sort >"$WORK/c"
diff "$WORK/c" <(tail -n +2 "$WORK/a") || fail "dropping $first changed other graphs"
expect_rc 1 bash "$VT" load "$DB" "$WORK/kg.nq" https://w3id.org/khabar/graph
grep -q "N-Quads name their own graphs" "$WORK/err" || fail "a graph IRI with N-Quads: no clear message"
echo "virtuoso: the N-Quads load as $graphs named graphs ($articles articles, entities, happenings)"

# Errors are clear and never reach anything but this machine.
printf 'SELECT ?s WHERE {\n  ?s ?p \n' >"$WORK/bad.rq"
expect_rc 1 "$KHABAR" query --endpoint "$endpoint" "$WORK/bad.rq"
grep -q "HTTP 400" "$WORK/err" || fail "endpoint syntax error: no clear message"
printf 'INSERT DATA { <http://a> <http://b> <http://c> }\n' >"$WORK/upd.rq"
expect_rc 2 "$KHABAR" query --endpoint "$endpoint" "$WORK/upd.rq"
grep -q "SPARQL Update" "$WORK/err" || fail "update not refused"
expect_rc 2 "$KHABAR" query --endpoint "http://192.0.2.1:8890/sparql" statements
grep -q "only an endpoint on this machine" "$WORK/err" || fail "a remote endpoint was not refused"
expect_rc 2 "$KHABAR" query "$WORK/kg.ttl" --endpoint "$endpoint" statements
bash "$VT" status "$DB" >/dev/null || fail "status does not see the running server"

# The well-known WebDAV account dav/dav is off: no listing, no upload under /DAV/ (issue 16).
source "$DB/ports"
code=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -u dav:dav -X PROPFIND "http://127.0.0.1:$HTTP_PORT/DAV/" || true)
case $code in 2*) fail "dav/dav can still list /DAV/ (HTTP $code)" ;; esac
code=$(curl -s -o /dev/null --max-time 5 -H 'Expect:' -w '%{http_code}' -u dav:dav -X PUT --data-binary '<a:b> <a:b> <a:b> .' \
  "http://127.0.0.1:$HTTP_PORT/DAV/home/dav/x.ttl" || true)
case $code in 2*) fail "dav/dav can still upload under /DAV/ (HTTP $code)" ;; esac
# A graph IRI that would break out of the SQL or SPARQL it is pasted into is refused.
expect_rc 1 bash "$VT" load "$DB" "$WORK/kg.nt" "https://example.org/g'); DROP TABLE x; --"
grep -q "not a usable graph IRI" "$WORK/err" || fail "a quote in the graph IRI was not refused"

# --timeout stops the server's work too (issue 17): an endless query is cut off by Virtuoso at the timeout,
# reported as such, and the server is idle afterwards.
printf 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n' >"$WORK/endless.rq"
expect_rc 1 "$KHABAR" query --endpoint "$endpoint" "$WORK/endless.rq" --timeout 2
grep -q "stopped the query at the timeout" "$WORK/err" || fail "--timeout: the server's cut-off was not reported"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
sleep 1; c1=$(cpu); sleep 3; c2=$(cpu)
[ $((c2 - c1)) -lt 100 ] || fail "the server kept working after the timeout ($((c2 - c1)) ticks in 3 s)"

# CONSTRUCT and DESCRIBE at the endpoint answer RDF (issue 17): the same triples as the embedded engine's
# CONSTRUCT, and the entity's own triples for a DESCRIBE; ASK prints true.
printf 'PREFIX kh: <https://w3id.org/khabar/ontology#>\nCONSTRUCT { ?e a kh:Accusation ; kh:agent ?a } WHERE { ?e a kh:Accusation ; kh:agent ?a }\n' \
  >"$WORK/construct.rq"
"$KHABAR" query --endpoint "$endpoint" "$WORK/construct.rq" --format ntriples >"$WORK/remote.nt" || fail "CONSTRUCT at the endpoint failed"
"$KHABAR" query "$WORK/kg.ttl" "$WORK/construct.rq" --format ntriples >"$WORK/local.nt" || fail "CONSTRUCT on the file failed"
[ -s "$WORK/local.nt" ] && diff "$WORK/local.nt" "$WORK/remote.nt" || fail "CONSTRUCT: Virtuoso and librdf/Rasqal disagree"
printf 'DESCRIBE <https://w3id.org/khabar/entity/armenia>\n' >"$WORK/describe.rq"
"$KHABAR" query --endpoint "$endpoint" "$WORK/describe.rq" >"$WORK/describe.ttl" || fail "DESCRIBE at the endpoint failed"
grep -q '^khe:armenia$' "$WORK/describe.ttl" || fail "DESCRIBE: no Turtle about the entity"
printf 'ASK { ?s a <https://w3id.org/khabar/ontology#Accusation> }\n' >"$WORK/ask.rq"
[ "$("$KHABAR" query --endpoint "$endpoint" "$WORK/ask.rq")" = true ] || fail "ASK at the endpoint: not true"

bash "$VT" stop "$DB" >/dev/null || fail "stop failed"
kill -0 "$pid" 2>/dev/null && fail "the server is still running after stop"
[ -s "$WORK/isql-argv" ] || fail "the isql wrapper was not used"
grep -qxF "$(cat "$DB/dba-password")" "$WORK/isql-argv" && fail "the DBA password was passed in isql's arguments"
grep -qF "$(cat "$DB/dba-password")" "$WORK/isql-argv" && fail "the DBA password appears in isql's arguments"
bash "$VT" status "$DB" >/dev/null && fail "status reports a stopped server as running"
expect_rc 1 "$KHABAR" query --endpoint "$endpoint" statements
grep -q "cannot connect" "$WORK/err" || fail "stopped server: no clear message"
echo "virtuoso: $n bundled queries and $t triads give the same rows in Virtuoso as in librdf/Rasqal"
