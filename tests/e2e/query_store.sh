# `khabar query GRAPH` and its engines (issue 17): the embedded engine for a small file, the private
# Virtuoso (a real one on 127.0.0.1, started by khabar through scripts/virtuoso.sh, its data in the
# test's KHABAR_CACHE_DIR) for a large one or with --engine virtuoso; the load reused while the file is
# unchanged and redone when it changes; the same rows as the embedded engine; CONSTRUCT, DESCRIBE and
# ASK in both engines; --timeout stopping the server's work and the embedded engine; a clear message
# when Virtuoso is missing. Every store the test started is stopped however it ends. Skipped (77) when
# Virtuoso is not installed (scripts/setup.sh installs it).
source "$(dirname "$0")/lib.sh"
VT="$SRC/scripts/virtuoso.sh"
if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
  echo "query_store: virtuoso-opensource is not installed (scripts/setup.sh), skipped"
  exit 77
fi
export KHABAR_CACHE_DIR="$WORK/cache"
cleanup() {
  for d in "$KHABAR_CACHE_DIR"/virtuoso/*/; do
    [ -d "$d" ] && bash "$VT" stop "$d" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.nt" -q
normalise() { tail -n +2 "$1" | sed 's/\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#string>//g' | LC_ALL=C sort; }

# A small graph: the embedded engine, no store.
expect_rc 0 "$KHABAR" query "$WORK/kg.nt" statements --format tsv
cp "$WORK/out" "$WORK/local.tsv"
[ ! -e "$KHABAR_CACHE_DIR/virtuoso" ] || fail "a small graph started the private store"

# --engine virtuoso: started and loaded once, with progress on stderr; the same rows.
expect_rc 0 "$KHABAR" query --engine virtuoso "$WORK/kg.nt" statements --format tsv
grep -q "starting the private triple store" "$WORK/err" || fail "starting the store was not announced"
grep -q "loaded [0-9]* triples" "$WORK/err" || fail "the load was not announced"
dir=$(ls -d "$KHABAR_CACHE_DIR"/virtuoso/kg-*/)
[ -f "$dir/loaded" ] || fail "no load record in $dir"
diff <(normalise "$WORK/local.tsv") <(normalise "$WORK/out") >/dev/null || fail "statements: the store and the embedded engine disagree"
pid=$(sed -n 's/^VIRT_PID=//p' "$dir/db/virtuoso.lck")
[ -n "$pid" ] && kill -0 "$pid" || fail "the store is not left running"

# The load is reused while the file is unchanged.
expect_rc 0 "$KHABAR" query --engine virtuoso "$WORK/kg.nt" roles --format tsv
grep -q "loading\|starting" "$WORK/err" && fail "an unchanged graph was loaded again: $(cat "$WORK/err")"
expect_rc 0 "$KHABAR" query --engine rasqal "$WORK/kg.nt" roles --format tsv
cp "$WORK/out" "$WORK/roles-local.tsv"
expect_rc 0 "$KHABAR" query --engine virtuoso "$WORK/kg.nt" roles --format tsv
diff <(normalise "$WORK/roles-local.tsv") <(normalise "$WORK/out") >/dev/null || fail "roles: the engines disagree"

# ASK in both engines; a changed file is loaded again (its new triple is seen).
printf 'ASK { <https://w3id.org/khabar/test/x> ?p ?o }\n' >"$WORK/ask.rq"
for engine in rasqal virtuoso; do
  expect_rc 0 "$KHABAR" query --engine $engine "$WORK/kg.nt" "$WORK/ask.rq"
  [ "$(cat "$WORK/out")" = false ] || fail "ASK ($engine): expected false, got $(cat "$WORK/out")"
done
echo '<https://w3id.org/khabar/test/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .' >>"$WORK/kg.nt"
for engine in rasqal virtuoso; do
  expect_rc 0 "$KHABAR" query --engine $engine "$WORK/kg.nt" "$WORK/ask.rq"
  [ "$(cat "$WORK/out")" = true ] || fail "ASK ($engine) after the change: expected true, got $(cat "$WORK/out")"
done
grep -q "loaded [0-9]* triples" "$WORK/err" || fail "a changed graph was not loaded again"

# CONSTRUCT: the same triples from both engines, as N-Triples and as Turtle that parses to them.
cat >"$WORK/construct.rq" <<'RQ'
# The accusations of the graph as a subgraph: who accused, with their labels.
PREFIX kh: <https://w3id.org/khabar/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?e a kh:Accusation ; kh:agent ?a . ?a skos:prefLabel ?l }
WHERE { ?e a kh:Accusation ; kh:agent ?a . OPTIONAL { ?a skos:prefLabel ?l } }
RQ
for engine in rasqal virtuoso; do
  expect_rc 0 "$KHABAR" query --engine $engine "$WORK/kg.nt" "$WORK/construct.rq" --format ntriples
  sed 's/\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#string>//g' "$WORK/out" >"$WORK/construct-$engine.nt"
  grep -q '"أرمينيا"@ar' "$WORK/construct-$engine.nt" || fail "CONSTRUCT ($engine): an Arabic label is missing"
  [ -s "$WORK/construct-$engine.nt" ] || fail "CONSTRUCT ($engine): no triples"
  LC_ALL=C sort -c "$WORK/construct-$engine.nt" || fail "CONSTRUCT ($engine): N-Triples not sorted"
  expect_rc 0 "$KHABAR" query --engine $engine "$WORK/kg.nt" "$WORK/construct.rq"
  grep -q '^@prefix kh: <https://w3id.org/khabar/ontology#>' "$WORK/out" || fail "CONSTRUCT ($engine): not Turtle"
  serdi -i turtle -o ntriples "$WORK/out" | LC_ALL=C sort >"$WORK/turtle-$engine.nt"
  serdi -i ntriples -o ntriples "$WORK/construct-$engine.nt" | LC_ALL=C sort >"$WORK/nt-$engine.nt"
  diff "$WORK/turtle-$engine.nt" "$WORK/nt-$engine.nt" >/dev/null ||
    fail "CONSTRUCT ($engine): the Turtle does not hold the same triples as the N-Triples"
done
diff "$WORK/construct-rasqal.nt" "$WORK/construct-virtuoso.nt" || fail "CONSTRUCT: the engines disagree"

# DESCRIBE: the store answers it; the embedded engine (Rasqal 0.9.33 cannot) says what to do.
printf 'DESCRIBE <https://w3id.org/khabar/entity/armenia>\n' >"$WORK/describe.rq"
expect_rc 0 "$KHABAR" query --engine virtuoso "$WORK/kg.nt" "$WORK/describe.rq" --format ntriples
grep -q '^<https://w3id.org/khabar/entity/armenia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ' "$WORK/out" ||
  fail "DESCRIBE in the store: no triples about the entity"
expect_rc 2 "$KHABAR" query --engine rasqal "$WORK/kg.nt" "$WORK/describe.rq"
grep -q "engine virtuoso" "$WORK/err" || fail "DESCRIBE on the embedded engine: no advice"

# --timeout: the store stops its own work (its CPU goes idle), the embedded engine is ended.
printf 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n' >"$WORK/endless.rq"
expect_rc 1 "$KHABAR" query --engine virtuoso "$WORK/kg.nt" "$WORK/endless.rq" --timeout 2
grep -q "stopped the query at the timeout" "$WORK/err" || fail "--timeout in the store: not reported"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
sleep 1; c1=$(cpu); sleep 3; c2=$(cpu)
[ $((c2 - c1)) -lt 100 ] || fail "the store kept working after the timeout ($((c2 - c1)) ticks in 3 s)"
expect_rc 1 "$KHABAR" query --engine rasqal "$WORK/kg.nt" "$WORK/endless.rq" --timeout 1
grep -q "did not finish in 1 s" "$WORK/err" && grep -q "engine virtuoso" "$WORK/err" || fail "--timeout (rasqal): no clear message"

# A large file (> 4 MiB) goes to the store by default; without Virtuoso it is the embedded engine, with
# a note saying what to install, and --engine virtuoso says what to do.
for _ in 1 2 3 4; do cat "$WORK/kg.nt"; done >"$WORK/large.nt"
[ "$(stat -c %s "$WORK/large.nt")" -gt $((4 << 20)) ] || fail "the large graph is not large"
expect_rc 0 "$KHABAR" query "$WORK/large.nt" "$WORK/ask.rq"
grep -q "loaded [0-9]* triples" "$WORK/err" || fail "a large graph was not loaded into the store"
[ "$(cat "$WORK/out")" = true ] || fail "ASK on the large graph"
expect_rc 0 env VIRTUOSO=/nonexistent/virtuoso-t "$KHABAR" query "$WORK/large.nt" "$WORK/ask.rq"
grep -q "not installed" "$WORK/err" || fail "auto without Virtuoso: no note"
expect_rc 1 env VIRTUOSO=/nonexistent/virtuoso-t "$KHABAR" query --engine virtuoso "$WORK/kg.nt" statements
grep -q "virtuoso-opensource" "$WORK/err" || fail "--engine virtuoso without Virtuoso: no advice"
echo "query_store: both engines answer SELECT, ASK, CONSTRUCT alike; the store loads once per version of the file"
