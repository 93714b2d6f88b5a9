#!/usr/bin/env bash
# Incremental builds with the article registry (docs/registry.md), on a corpus directory:
#   1. time of a whole build, of a registry build of A (all but DAY articles), and of adding the DAY
#      articles to it (the registry build of A+B), which must equal the whole build (sorted N-Triples);
#   2. stable IRIs: of the entity IRIs of a build of half the articles (A), how many are still entity IRIs
#      in the build of all of them (A+B), overall and for rule-found names; and of A's mentions, how many
#      link to the same IRI in A+B.
#
#   bench/registry.sh DIR [DAY]     DIR holds the articles and manifest.xml (e.g. bench/data/real10000, made
#                                   by bench/real_prose.sh); DAY articles are added last (default 300)
# Environment: KHABAR (default build-bench/khabar, else build/khabar), JOBS (-j; default all cores).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:?usage: bench/registry.sh DIR [DAY]}
DAY=${2:-300}
KHABAR=${KHABAR:-}
if [ -z "$KHABAR" ]; then
  for k in "$ROOT/build-bench/khabar" "$ROOT/build/khabar"; do [ -x "$k" ] && KHABAR=$k && break; done
fi
[ -x "${KHABAR:-}" ] || { echo "registry.sh: no khabar binary (build it, or set KHABAR)" >&2; exit 2; }
JOBS=${JOBS:-$(nproc)}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
M=()
[ -f "$DIR/manifest.xml" ] && M=(--manifest "$DIR/manifest.xml")
# The corpus as links under one directory name, so that ids are the same in every build.
mkdir -p "$T/all/corpus" "$T/a/corpus" "$T/half/corpus"
# A = all but the last DAY articles of a shuffled order; half = every other article (one process: a shell
# loop of ln took minutes at 10k articles).
n=$(python3 - "$DIR" "$T" "$DAY" <<'PY'
import os, sys
src, tmp, day = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith(".txt"))
n = len(files)
for i, f in enumerate(files):
    real, name = os.path.realpath(f), os.path.basename(f)
    os.symlink(real, os.path.join(tmp, "all/corpus", name))
    if (i * 7919) % n < n - day:
        os.symlink(real, os.path.join(tmp, "a/corpus", name))
    if i % 2 == 0:
        os.symlink(real, os.path.join(tmp, "half/corpus", name))
print(n)
PY
)
na=$(ls "$T/a/corpus" | wc -l)
# "wall s (CPU s)" of a command: the CPU time is the figure to compare when the machine is shared.
secs() { /usr/bin/time -f '%e (%U %S)' -o "$T/time" "$@" && awk '{gsub(/[()]/,""); printf "%s (%.1f)", $1, $2+$3}' "$T/time"; }
echo "corpus: $DIR, $n articles; A: $na, B: $((n - na)); khabar -j $JOBS; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
w=$(secs "$KHABAR" build "$T/all/corpus" "${M[@]}" -j "$JOBS" -q -o "$T/whole.nt")
a=$(secs "$KHABAR" build "$T/a/corpus" "${M[@]}" -j "$JOBS" -q --registry "$T/reg" -o "$T/a.nt")
ab=$(secs "$KHABAR" build "$T/all/corpus" "${M[@]}" -j "$JOBS" -q --registry "$T/reg" -o "$T/ab.nt")
none=$(secs "$KHABAR" build --registry "$T/reg" -j "$JOBS" -q -o "$T/none.nt")
cmp -s <(LC_ALL=C sort "$T/ab.nt") <(LC_ALL=C sort "$T/whole.nt") && same=identical || same=DIFFERENT
echo
echo "| build | articles extracted | wall s (CPU s) |"
echo "|---|---|---|"
echo "| whole build, no registry | $n | $w |"
echo "| registry build of A | $na | $a |"
echo "| add B to the registry of A (all $n files given, B extracted) | $((n - na)) | $ab |"
echo "| graph from the registry alone | 0 | $none |"
echo
cpu() { sed 's/.*(\(.*\))/\1/' <<<"$1"; }
echo "A then B vs the whole build: $same sorted N-Triples; adding B took $(awk -v x="$(cpu "$ab")" -v y="$(cpu "$w")" 'BEGIN{printf "%.0f", 100*x/y}') % of the CPU time of a whole build"
echo "registry: $(du -sm "$T/reg" | cut -f1) MiB for $n articles"

# Stable IRIs: A = half the articles, then all.
"$KHABAR" build "$T/half/corpus" "${M[@]}" -j "$JOBS" -q -o "$T/half.nt"
ents() {  # entity IRIs: subjects typed in the ontology, under /entity/, not alias evidence nodes
  grep -F '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/khabar/ontology#' "$1" |
    cut -d' ' -f1 | grep -F '<https://w3id.org/khabar/entity/' | grep -vF '/alias/' | LC_ALL=C sort -u
}
ents "$T/half.nt" >"$T/e-half"
ents "$T/whole.nt" >"$T/e-whole"
rule='/entity/(person|place|organization|armedforce|group|state|polity)/'
tot=$(wc -l <"$T/e-half")
kept=$(LC_ALL=C comm -12 "$T/e-half" "$T/e-whole" | wc -l)
rtot=$(grep -cE "$rule" "$T/e-half" || true)
rkept=$(LC_ALL=C comm -12 "$T/e-half" "$T/e-whole" | grep -cE "$rule" || true)
ta='<http://www.w3.org/2005/11/its/rdf#taIdentRef>'
grep -F " $ta " "$T/half.nt" | cut -d' ' -f1,3 | LC_ALL=C sort >"$T/m-half"
grep -F " $ta " "$T/whole.nt" | cut -d' ' -f1,3 | LC_ALL=C sort >"$T/m-whole"
mtot=$(wc -l <"$T/m-half")
mkept=$(LC_ALL=C comm -12 "$T/m-half" "$T/m-whole" | wc -l)
echo
echo "stable IRIs, A = $(ls "$T/half/corpus" | wc -l) articles, A+B = $n:"
pct() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f %%", b ? 100*a/b : 100}'; }
echo "  entity IRIs of A still in A+B: $kept of $tot ($(pct "$kept" "$tot")); rule-found names: $rkept of $rtot ($(pct "$rkept" "$rtot")); lexicon and derived ids: $((kept - rkept)) of $((tot - rtot))"
echo "  mentions of A linked to the same IRI in A+B: $mkept of $mtot ($(pct "$mkept" "$mtot"))"

# Shards: 4 extractions, one merge, against the whole build; and the old --shard graphs for comparison.
s=0
for k in 1 2 3 4; do
  t=$(secs "$KHABAR" extract "$T/all/corpus" "${M[@]}" --shard "$k/4" -j "$JOBS" -q -o "$T/shard-$k.kreg")
  s=$(awk -v a="$s" -v b="${t%% *}" 'BEGIN{print (b>a)?b:a}')
  "$KHABAR" build "$T/all/corpus" "${M[@]}" --shard "$k/4" -j "$JOBS" -q -o "$T/old-$k.nt"
done
mg=$(secs "$KHABAR" merge "$T"/shard-*.kreg -j "$JOBS" -q -o "$T/merged.nt")
drift() {  # mentions whose entity IRI differs from the whole build's
  cat "$@" | grep -F " $ta " | cut -d' ' -f1,3 | LC_ALL=C sort -u >"$T/m-x"
  grep -F " $ta " "$T/whole.nt" | cut -d' ' -f1,3 | LC_ALL=C sort -u >"$T/m-w"
  echo "$(LC_ALL=C comm -13 "$T/m-w" "$T/m-x" | wc -l) of $(wc -l <"$T/m-w")"
}
cmp -s <(LC_ALL=C sort "$T/merged.nt") <(LC_ALL=C sort "$T/whole.nt") && same=identical || same=DIFFERENT
echo
echo "4 shards: slowest extraction ${s} s wall, merge ${mg} s (whole build ${w} s); merged vs whole: $same sorted N-Triples"
echo "  mentions linked to another IRI than in the whole build: merged shards $(drift "$T/merged.nt"); old --shard graphs $(drift "$T"/old-*.nt)"
