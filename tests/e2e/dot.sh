# Graphviz views (`khabar dot`): each view of the seed graph, in Arabic and English, is valid DOT with
# the expected labels, renders to SVG and PNG within seconds, and is the same text run after run; --top
# bounds the size; a large view switches to sfdp and still renders; errors give clear messages.
source "$(dirname "$0")/lib.sh"
command -v dot >/dev/null || { echo "dot: Graphviz is not installed (scripts/setup.sh), skipped"; exit 77; }
fc-list :lang=ar family | grep -q . || fail "no font with Arabic glyphs: install fonts-noto-core (scripts/setup.sh)"
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.ttl" -q

# view lang: a label that must appear in the DOT text
while read -r view lang want; do
  out="$WORK/$view.$lang"
  expect_rc 0 "$KHABAR" dot "$WORK/kg.ttl" --view "$view" --lang "$lang" -o "$out.dot"
  grep -q "layout dot" "$WORK/err" || fail "$view/$lang: the seed view should be laid out by dot: $(cat "$WORK/err")"
  dot -Tcanon "$out.dot" >/dev/null 2>"$WORK/dot.err" || { cat "$WORK/dot.err"; fail "$view/$lang: not valid DOT"; }
  grep -qF "$want" "$out.dot" || fail "$view/$lang: '$want' missing from the view"
  expect_rc 0 "$KHABAR" dot "$WORK/kg.ttl" --view "$view" --lang "$lang" -o "$out.again.dot" -q
  cmp -s "$out.dot" "$out.again.dot" || fail "$view/$lang: two runs give different DOT"
  for fmt in svg png; do
    start=$(date +%s%N)
    expect_rc 0 "$KHABAR" dot "$WORK/kg.ttl" --view "$view" --lang "$lang" -o "$out.$fmt" -q
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    [ "$ms" -lt 30000 ] || fail "$view/$lang: rendering $fmt took $ms ms (sanitizer builds included)"
  done
  head -c 8 "$out.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || fail "$view/$lang: not a PNG"
  grep -q "<svg" "$out.svg" || fail "$view/$lang: not an SVG"
done <<'VIEWS'
actors ar أذربيجان
actors en Azerbaijan
events ar عملية عسكرية
events en Military operation
timeline ar 2023-09-19
timeline en Timeline
aliases ar ستيباناكيرت
aliases en Merged names
VIEWS
grep -q 'label="[^"]*accused' "$WORK/actors.en.dot" || fail "actor edges are not typed by event"
grep -q 'label="[^"]*اتهم' "$WORK/actors.ar.dot" || fail "Arabic actor edges are not typed by event"
grep -q 'rankdir=RL' "$WORK/actors.ar.dot" || fail "Arabic diagrams should read right to left"
ls -a "$WORK" | grep -q '\.tmp\.' && fail "temporary files left behind"

# --top bounds the view.
expect_rc 0 "$KHABAR" dot "$WORK/kg.ttl" --view actors --top 5 -o "$WORK/top5.dot"
grep -q "actors view: 5 of" "$WORK/err" || fail "--top 5 did not keep 5 actors: $(cat "$WORK/err")"
[ "$(grep -c '^  a[0-9]* \[' "$WORK/top5.dot")" = 5 ] || fail "--top 5 drew another number of actors"

# A large view: 400 actors in 1,200 events; sfdp instead of dot, rendered in seconds.
python3 - "$WORK/big.nt" <<'PY'
import random, sys
random.seed(7)
kh, e = "https://w3id.org/khabar/ontology#", "https://w3id.org/khabar/entity/"
with open(sys.argv[1], "w") as f:
    for i in range(400):
        f.write(f'<{e}s{i}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{kh}State> .\n')
        f.write(f'<{e}s{i}> <http://www.w3.org/2004/02/skos/core#prefLabel> "دولة {i}"@ar .\n')
    for j in range(1200):
        a, b = random.sample(range(400), 2)
        ev = f"https://w3id.org/khabar/event/big/{j}"
        f.write(f'<{ev}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{kh}Attack> .\n')
        f.write(f'<{ev}> <{kh}trigger> <{ev}#t> .\n<{ev}> <{kh}agent> <{e}s{a}> .\n<{ev}> <{kh}patient> <{e}s{b}> .\n')
PY
start=$(date +%s%N)
expect_rc 0 "$KHABAR" dot "$WORK/big.nt" --view actors --top 0 -o "$WORK/big.svg"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -q "400 nodes, .* layout sfdp" "$WORK/err" || fail "a 400-actor view is not laid out by sfdp: $(cat "$WORK/err")"
[ "$ms" -lt 60000 ] || fail "the large view took $ms ms"
grep -q "<svg" "$WORK/big.svg" || fail "the large view did not render"

# Errors.
expect_rc 2 "$KHABAR" dot "$WORK/kg.ttl" --view galaxy -o "$WORK/x.dot"
grep -q "actors, events, timeline or aliases" "$WORK/err" || fail "bad --view: no clear message"
expect_rc 2 "$KHABAR" dot "$WORK/kg.ttl" -o "$WORK/x.jpeg"
grep -q "unknown output type" "$WORK/err" || fail "bad extension: no clear message"
expect_rc 2 "$KHABAR" dot "$WORK/kg.ttl" --lang fr -o "$WORK/x.dot"
expect_rc 2 "$KHABAR" dot "$WORK/kg.ttl" --engine warp -o "$WORK/x.dot"
grep -q "layout engine 'warp'" "$WORK/err" || fail "bad engine: no clear message"
expect_rc 1 "$KHABAR" dot "$WORK/missing.ttl" -o "$WORK/x.dot"
grep -q "missing.ttl" "$WORK/err" || fail "missing graph not named"
expect_rc 1 "$KHABAR" dot "$WORK/kg.ttl" -o "$WORK/no/such/dir/x.svg"
grep -q "no such directory" "$WORK/err" || fail "missing output directory: no clear message"
set +e
PATH=/nonexistent "$KHABAR" dot "$WORK/kg.ttl" -o "$WORK/x.png" >/dev/null 2>"$WORK/err"; rc=$?
set -e
[ $rc = 1 ] || fail "without Graphviz: exit $rc, expected 1"
grep -q "Graphviz 'dot' not found" "$WORK/err" || fail "without Graphviz: no clear message"
[ ! -e "$WORK/x.png" ] || fail "a failed rendering left an output file"
echo "dot: 4 views x 2 languages render; --top, sfdp and errors behave"
