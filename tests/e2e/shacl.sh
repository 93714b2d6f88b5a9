# SHACL: the seed graph conforms to ontology/shapes.ttl according to an engine independent of Khabar and
# of librdf (shacl-engine from npm, with SPARQL constraints; tools/shacl, installed by scripts/setup.sh),
# and the same shapes catch a graph with the defects they exist for. Skipped (77) when tools/shacl has
# not been installed (npm ci).
source "$(dirname "$0")/lib.sh"
TOOL="$SRC/tools/shacl"
if ! command -v node >/dev/null || [ ! -d "$TOOL/node_modules/shacl-engine" ]; then
  echo "shacl: tools/shacl is not installed (scripts/setup.sh runs npm ci there), skipped"
  exit 77
fi
SHAPES="$SRC/ontology/shapes.ttl"
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.ttl" -q
node "$TOOL/validate.mjs" "$SHAPES" "$WORK/kg.ttl" >"$WORK/report" 2>&1 || { cat "$WORK/report"; fail "the seed graph does not conform to ontology/shapes.ttl"; }
tail -n 1 "$WORK/report"
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.nt" -q
node "$TOOL/validate.mjs" "$SHAPES" "$WORK/kg.nt" >"$WORK/report" 2>&1 || { cat "$WORK/report"; fail "the N-Triples seed graph does not conform"; }

# A graph with one defect of each kind: the validator must reject it and name each one.
cat >"$WORK/bad.ttl" <<'TTL'
@prefix kh: <https://w3id.org/khabar/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://x/a> a kh:Article ; kh:sourceFile "a.txt" ; kh:charCount "10"^^xsd:nonNegativeInteger .
<http://x/a#char=5,3> a nif:Phrase ; nif:referenceContext <http://x/a> ; nif:beginIndex "5"^^xsd:nonNegativeInteger ;
  nif:endIndex "3"^^xsd:nonNegativeInteger ; nif:anchorOf "x" .
<http://x/a#char=8,12> a nif:Phrase ; nif:referenceContext <http://x/a> ; nif:beginIndex "8"^^xsd:nonNegativeInteger ;
  nif:endIndex "12"^^xsd:nonNegativeInteger ; nif:anchorOf "abcd" ; itsrdf:taIdentRef <http://x/untyped> .
<http://x/e> a kh:State .
<http://x/ev> a kh:Attack ; kh:figure <http://x/f> .
<http://x/f> a kh:Figure ; kh:figureKind kh:bogus ; kh:value "many" .
<http://x/m> a org:Membership ; org:member <http://x/e> ; kh:roleText "بلا لغة" .
TTL
set +e
node "$TOOL/validate.mjs" "$SHAPES" "$WORK/bad.ttl" >"$WORK/report" 2>&1; rc=$?
set -e
cat "$WORK/report"
[ $rc = 1 ] || fail "the defective graph: exit $rc, expected 1"
for want in "ends after its last character" "nif-core#beginIndex: Value is not less than" "ontology#trigger: Less than 1 values" \
  "ontology#value: Value does not have datatype" "ontology#figureKind: Value is not in" "its/rdf#taIdentRef" \
  "skos/core#prefLabel: Less than 1 values" "org#member" "ontology#roleText: Value does not have datatype"; do
  grep -qF "$want" "$WORK/report" || fail "the validator did not report: $want"
done
printf 'not turtle <<<' >"$WORK/broken.ttl"
set +e; node "$TOOL/validate.mjs" "$SHAPES" "$WORK/broken.ttl" >/dev/null 2>"$WORK/err"; rc=$?; set -e
[ $rc = 2 ] && grep -q "broken.ttl" "$WORK/err" || fail "an unparsable graph: exit $rc, expected 2 with the file named"
echo "shacl: the seed graph conforms; 9 kinds of defect are caught"
