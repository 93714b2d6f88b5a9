# The article registry (docs/registry.md) on the seed and wire articles: a corpus added in three batches,
# in another batching and order, equals the one-batch build (identical sorted N-Triples) and conforms to
# the shapes after every addition; an unchanged article is not extracted again, a changed one replaces
# its facts, a removed one leaves the graph; a damaged registry gives a clear error naming the file; shards
# extracted apart and merged equal the whole build.
source "$(dirname "$0")/lib.sh"
: "${SHARED:?SHARED must name ../shared}"
[ -d "$SHARED/corpus/wire" ] || { echo "registry: $SHARED/corpus/wire not found, skipped"; exit 77; }
TOOL="$SRC/tools/shacl"
shacl=1
if ! command -v node >/dev/null || [ ! -d "$TOOL/node_modules/shacl-engine" ]; then
  echo "registry: tools/shacl is not installed; the shape checks are skipped"
  shacl=0
fi
C=$WORK/corpus
seeds_and_wire "$C"
M=$C/manifest.xml
mapfile -t ALL < <(ls "$C"/*.txt | LC_ALL=C sort)
[ ${#ALL[@]} -ge 30 ] || fail "only ${#ALL[@]} articles"
sorted() { LC_ALL=C sort "$1"; }
conforms() {
  [ $shacl = 1 ] || return 0
  node "$TOOL/validate.mjs" "$SRC/ontology/shapes.ttl" "$1" >"$WORK/report" 2>&1 ||
    { tail -20 "$WORK/report"; fail "$2 does not conform to ontology/shapes.ttl"; }
}
summary() { sed -n 's/^  registry: *//p' "$WORK/err"; }

"$KHABAR" build "${ALL[@]}" --manifest "$M" -o "$WORK/whole.nt" -q
[ "$(grep -c 'ontology#Article> \.$' "$WORK/whole.nt")" = ${#ALL[@]} ] || fail "the whole build lacks articles"

# Three batches, in an order that is not the corpus order (every third article from the end).
mapfile -t SHUF < <(printf '%s\n' "${ALL[@]}" | awk '{print (NR*7)%13, $0}' | LC_ALL=C sort -n -s | cut -d' ' -f2-)
n=${#SHUF[@]}
b1=("${SHUF[@]:0:$((n / 3))}") b2=("${SHUF[@]:$((n / 3)):$((n / 3))}") b3=("${SHUF[@]:$((2 * n / 3))}")
R=$WORK/reg
i=0
for batch in b1 b2 b3; do
  i=$((i + 1))
  declare -n files=$batch
  expect_rc 0 "$KHABAR" build "${files[@]}" --manifest "$M" --registry "$R" -o "$WORK/add$i.nt"
  summary
  summary | grep -q "${#files[@]} new, 0 changed" || fail "batch $i: expected ${#files[@]} new articles"
  conforms "$WORK/add$i.nt" "the graph after batch $i"
done
same_lines "$WORK/add3.nt" "$WORK/whole.nt" "three batches differ from the one-batch build"
[ "$(ls "$R"/*.kreg | wc -l)" = 3 ] || fail "expected one segment per batch"

# Another batching and order: one article, then all of them given in reverse (the one is unchanged).
R2=$WORK/reg2
"$KHABAR" build "${SHUF[5]}" --manifest "$M" --registry "$R2" -o "$WORK/one.nt" -q
mapfile -t REV < <(printf '%s\n' "${ALL[@]}" | tac)
expect_rc 0 "$KHABAR" build "${REV[@]}" --manifest "$M" --registry "$R2" -o "$WORK/rev.nt"
summary | grep -q "$((${#ALL[@]} - 1)) new, 0 changed (extracted), 1 unchanged" || fail "the second batching re-extracted"
same_lines "$WORK/rev.nt" "$WORK/whole.nt" "another batching and order differ from the one-batch build"
# A plain build given the files in another order, and a build from the registry alone, are the same too.
"$KHABAR" build "${REV[@]}" --manifest "$M" -o "$WORK/rev-plain.nt" -q
same_lines "$WORK/rev-plain.nt" "$WORK/whole.nt" "a plain build depends on the input order"
expect_rc 0 "$KHABAR" build --registry "$R" -o "$WORK/again.nt"
summary | grep -q "0 new, 0 changed (extracted), 0 unchanged" || fail "a build from the registry alone extracted"
same_lines "$WORK/again.nt" "$WORK/whole.nt" "a build from the registry alone differs"
[ "$(ls "$R"/*.kreg | wc -l)" = 3 ] || fail "a build with nothing new added a segment"

# Retired entity IRIs: half the articles, then all; a name that a longer one joins changes its cluster's
# IRI (نظلي باغداساريان joins نازلي باغداساريان in the other half), and redirects.nt says where it went.
R3=$WORK/reg3
odd=(); for i in "${!ALL[@]}"; do [ $((i % 2)) = 1 ] && odd+=("${ALL[$i]}"); done
"$KHABAR" build "${odd[@]}" --manifest "$M" --registry "$R3" -o "$WORK/odd.nt" -q
[ ! -s "$R3/redirects.nt" ] || fail "a first build retired IRIs"
expect_rc 0 "$KHABAR" build "${ALL[@]}" --manifest "$M" --registry "$R3" -o "$WORK/odd-all.nt"
same_lines "$WORK/odd-all.nt" "$WORK/whole.nt" "half then all differs from the one-batch build"
retired() { grep -F '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/khabar/ontology#' "$1" |
  cut -d' ' -f1 | grep -F '/entity/' | grep -vF '/alias/' | LC_ALL=C sort -u; }
LC_ALL=C comm -23 <(retired "$WORK/odd.nt") <(retired "$WORK/whole.nt") >"$WORK/gone"
[ -s "$WORK/gone" ] || fail "no IRI of the first half was retired (the case this part tests)"
while read -r iri; do
  target=$(grep -F "$iri <http://purl.org/dc/terms/isReplacedBy> " "$R3/redirects.nt" | cut -d' ' -f3)
  [ -n "$target" ] || fail "$iri was retired but redirects.nt does not say where it went"
  grep -qF "$target <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " "$WORK/whole.nt" || fail "$iri redirects to $target, not an entity of the graph"
done <"$WORK/gone"
grep -q '/person/nZly_baGdasaryan> <http://purl.org/dc/terms/isReplacedBy> <https://w3id.org/khabar/entity/person/nazly_baGdasaryan> \.$' \
  "$R3/redirects.nt" || fail "the expected redirect is missing"
summary | grep -q "$(wc -l <"$R3/redirects.nt") retired entity IRIs" || fail "the summary does not count the retired IRIs"
if command -v rapper >/dev/null; then rapper -q -i ntriples -c "$R3/redirects.nt" 2>/dev/null || fail "redirects.nt is not N-Triples"; fi
cp -r "$R3" "$WORK/bad-iris" && printf 'junk\n' >>"$WORK/bad-iris/iris.tsv"
expect_rc 1 "$KHABAR" build --registry "$WORK/bad-iris" -o "$WORK/x.nt"
grep -q "bad-iris/iris.tsv:" "$WORK/err" || { cat "$WORK/err"; fail "a damaged iris.tsv is not named"; }

# A changed article replaces its facts: the graph equals a whole build of the changed corpus.
victim=${ALL[0]}
vid=$(basename "$victim")
cp -r "$C" "$WORK/changed"
head -n 4 "$victim" >"$WORK/changed/$vid"
printf '\nوقال المتحدث باسم الكرملين ديمتري بيسكوف إن موسكو تتابع الوضع.\n' >>"$WORK/changed/$vid"
mapfile -t CH < <(ls "$WORK"/changed/*.txt | LC_ALL=C sort)
"$KHABAR" build "${CH[@]}" --manifest "$WORK/changed/manifest.xml" -o "$WORK/changed-whole.nt" -q
expect_rc 0 "$KHABAR" build "$WORK/changed/$vid" --manifest "$WORK/changed/manifest.xml" --registry "$R" -o "$WORK/changed.nt"
summary | grep -q "0 new, 1 changed" || fail "the changed article was not extracted again"
same_lines "$WORK/changed.nt" "$WORK/changed-whole.nt" "re-processing a changed article does not replace its facts"
! cmp -s <(sorted "$WORK/changed.nt") <(sorted "$WORK/whole.nt") || fail "the change made no difference (a test that cannot fail)"
conforms "$WORK/changed.nt" "the graph after a change"

# Removing an article: the graph of the others.
expect_rc 0 "$KHABAR" build --registry "$R" --remove "$vid" -o "$WORK/removed.nt"
summary | grep -q "1 removed" || fail "--remove did not remove"
"$KHABAR" build "${ALL[@]:1}" --manifest "$M" -o "$WORK/without.nt" -q
same_lines "$WORK/removed.nt" "$WORK/without.nt" "removing an article differs from a build without it"
! grep -qF "article/$vid>" "$WORK/removed.nt" || fail "the removed article is still in the graph"
expect_rc 0 "$KHABAR" build --registry "$R" --remove no-such.txt -o "$WORK/x.nt"
grep -q "no-such.txt: no such article in the registry" "$WORK/err" || fail "--remove of an unknown id: no warning"
expect_rc 2 "$KHABAR" build "$victim" --registry "$R" --remove "$vid" -o "$WORK/x.nt"

# Other extraction settings (a pass switched off) extract the stored articles again.
expect_rc 0 "$KHABAR" build "${ALL[@]}" --manifest "$M" --registry "$R2" --disable-pass title -o "$WORK/notitle.nt"
summary | grep -q "0 new, ${#ALL[@]} changed" || fail "other settings reused stored results"
"$KHABAR" build "${ALL[@]}" --manifest "$M" --disable-pass title -o "$WORK/notitle-whole.nt" -q
same_lines "$WORK/notitle.nt" "$WORK/notitle-whole.nt" "a registry build with a pass off differs"

# Damage: each gives exit 1 and a message naming the segment file.
seg=$(ls "$R"/seg-000001.kreg)
for kind in truncate version field; do
  cp -r "$R" "$WORK/bad-$kind"
  b=$WORK/bad-$kind/seg-000001.kreg
  case $kind in
    truncate) head -c $(($(stat -c %s "$seg") / 2)) "$seg" >"$b" ;;
    version) sed -i '1s/\t1$/\t9/' "$b" ;;
    field) sed -i '0,/^mention\t/s/^mention\t[0-9]*\t/mention\tX\t/' "$b" ;;
  esac
  expect_rc 1 "$KHABAR" build --registry "$WORK/bad-$kind" -o "$WORK/bad.nt"
  grep -q "bad-$kind/seg-000001.kreg" "$WORK/err" || { cat "$WORK/err"; fail "damage ($kind): the file is not named"; }
  [ ! -e "$WORK/bad.nt" ] || fail "damage ($kind): a graph was written"
done
grep -q "version '9', this khabar reads version 1" <("$KHABAR" build --registry "$WORK/bad-version" -o "$WORK/bad.nt" 2>&1) ||
  fail "a wrong version is not named"

# A build killed at any point leaves the registry as it was: a half-written segment is a temporary file,
# never read and cleared by the next build, whose graph is again the whole build.
R4=$WORK/reg4
"$KHABAR" build "${b1[@]}" --manifest "$M" --registry "$R4" -o "$WORK/k.nt" -q
head -c 3000 "$R4/seg-000001.kreg" >"$R4/seg-000002.kreg.tmp-99999"  # what a crash mid-write leaves
"$KHABAR" build "${ALL[@]}" --manifest "$M" --registry "$R4" -o "$WORK/k.nt" -q -j1 &
sleep 0.5
kill -9 $! 2>/dev/null || true
wait $! 2>/dev/null || true
expect_rc 0 "$KHABAR" build "${ALL[@]}" --manifest "$M" --registry "$R4" -o "$WORK/k.nt"
same_lines "$WORK/k.nt" "$WORK/whole.nt" "the build after a killed one differs from the whole build"
! ls "$R4"/*.tmp-* >/dev/null 2>&1 || fail "temporary segments were left in the registry"

# Shards extracted apart, then merged: the whole build, with no drift.
for k in 1 2 3; do
  "$KHABAR" extract "$C" --manifest "$M" --shard "$k/3" -o "$WORK/shard-$k.kreg" -q
done
"$KHABAR" build "$C" --manifest "$M" -o "$WORK/whole-dir.nt" -q
"$KHABAR" merge "$WORK"/shard-3.kreg "$WORK"/shard-1.kreg "$WORK"/shard-2.kreg -o "$WORK/merged.nt" -q
same_lines "$WORK/merged.nt" "$WORK/whole-dir.nt" "merged shards differ from the whole build"
"$KHABAR" merge "$WORK"/shard-*.kreg -o "$WORK/merged.nq" -q
"$KHABAR" build "$C" --manifest "$M" -o "$WORK/whole-dir.nq" -q
same_lines "$WORK/merged.nq" "$WORK/whole-dir.nq" "merged shards differ from the whole build in N-Quads"
# Overlapping sources that agree are fine; sources that disagree on an article are refused.
"$KHABAR" merge "$WORK"/shard-*.kreg "$WORK/shard-1.kreg" -o "$WORK/merged2.nt" -q
same_lines "$WORK/merged2.nt" "$WORK/whole-dir.nt" "a source given twice changed the graph"
mkdir "$WORK/alt" && cp -r "$WORK/changed" "$WORK/alt/corpus"
"$KHABAR" extract "$WORK/alt/corpus" --manifest "$WORK/alt/corpus/manifest.xml" -o "$WORK/alt.kreg" -q
expect_rc 2 "$KHABAR" merge "$WORK"/shard-*.kreg "$WORK/alt.kreg" -o "$WORK/x.nt" -q
grep -q "corpus/$vid is in .* with different content" "$WORK/err" || { cat "$WORK/err"; fail "conflicting sources: no clear message"; }
expect_rc 1 "$KHABAR" extract "$WORK/nothing-here" -o "$WORK/x.kreg" -q
expect_rc 2 "$KHABAR" extract "$C" -o "$WORK/x.nt" -q
grep -q "FILE.kreg" "$WORK/err" || fail "extract -o without .kreg: no message"
echo "registry: 3 batches = 1 batch = another batching (${#ALL[@]} articles), shapes conform; change, removal, damage, shards + merge checked"
