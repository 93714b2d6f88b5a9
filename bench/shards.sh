#!/usr/bin/env bash
# Builds a corpus as N shards (khabar build --shard K/N), one after the other, and prints each shard's
# time, peak RSS and triples: the procedure of docs/performance.md ("Past one machine").
#
#   bench/shards.sh [SIZE [N]]      default: 100k 4 (a directory of bench/data, made by gen_corpus.py)
#
# On several machines, run shard K on machine K instead: the slices depend only on the article ids.
# With FULL=graph.nt (an N-Triples build of the whole corpus) it also counts what the shards do not
# merge: mentions whose entity IRI differs from the whole build, and entities with more than one Arabic
# prefLabel across shards. Environment: KHABAR, JOBS, OUT (default bench/data/shards; kept: the files
# are what a triple store loads).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${1:-100k}
N=${2:-4}
DATA=$ROOT/bench/data/$SIZE
OUT=${OUT:-$ROOT/bench/data/shards}
KHABAR=${KHABAR:-}
if [ -z "$KHABAR" ]; then
  for k in "$ROOT/build-bench/khabar" "$ROOT/build/khabar"; do
    [ -x "$k" ] && KHABAR=$k && break
  done
fi
[ -x "${KHABAR:-}" ] || { echo "shards.sh: no khabar binary (build it, or set KHABAR)" >&2; exit 2; }
[ -f "$DATA/manifest.xml" ] || { echo "shards.sh: $DATA: no corpus (run bench/gen_corpus.py)" >&2; exit 2; }
JOBS=${JOBS:-$(nproc)}
mkdir -p "$OUT"
rm -f "$OUT"/shard-*-of-"$N".nt

wall() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
echo "| shard | articles | wall s | CPU s | peak RSS MiB | triples | read+extract / merge / write s | N-Triples MiB |"
echo "|---|---|---|---|---|---|---|---|"
t_all=0; max_wall=0; max_rss=0; triples_all=0
for k in $(seq 1 "$N"); do
  f=$OUT/shard-$k-of-$N.nt
  /usr/bin/time -v "$KHABAR" build "$DATA/articles" --manifest "$DATA/manifest.xml" --shard "$k/$N" -j "$JOBS" \
    -o "$f" 2>"$OUT/shard-$k.log" || { cat "$OUT/shard-$k.log" >&2; exit 1; }
  w=$(wall "$OUT/shard-$k.log")
  cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.1f", u+s}' "$OUT/shard-$k.log")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$OUT/shard-$k.log")
  arts=$(sed -n 's/^  articles: *\([0-9]*\) read.*/\1/p' "$OUT/shard-$k.log")
  tr=$(sed -n 's/^  triples: *\([0-9]*\).*/\1/p' "$OUT/shard-$k.log")
  st=$(sed -n 's/^  stages: *read+extract \([0-9.]*\) s, merge \([0-9.]*\) s, write \([0-9.]*\) s.*/\1 \/ \2 \/ \3/p' "$OUT/shard-$k.log")
  echo "| $k/$N | $arts | $w | $cpu | $rss | $tr | $st | $(du -m "$f" | cut -f1) |"
  t_all=$(awk -v a="$t_all" -v b="$w" 'BEGIN{print a+b}')
  max_wall=$(awk -v a="$max_wall" -v b="$w" 'BEGIN{print (b>a)?b:a}')
  max_rss=$(( rss > max_rss ? rss : max_rss ))
  triples_all=$((triples_all + tr))
done
echo
echo "$N shards: $triples_all triples in all; one after the other ${t_all} s; on $N machines the slowest shard, ${max_wall} s; largest peak RSS ${max_rss} MiB"

if [ -n "${FULL:-}" ]; then
  [ -f "$FULL" ] || { echo "shards.sh: FULL=$FULL: no such file" >&2; exit 2; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  ta='<http://www.w3.org/2005/11/its/rdf#taIdentRef>'
  grep -h -F " $ta " "$OUT"/shard-*-of-"$N".nt | LC_ALL=C sort -S 1G -T "$tmp" >"$tmp/shards"
  grep -h -F " $ta " "$FULL" | LC_ALL=C sort -S 1G -T "$tmp" >"$tmp/full"
  total=$(wc -l <"$tmp/full")
  differ=$(LC_ALL=C comm -13 "$tmp/shards" "$tmp/full" | wc -l)
  pref='<http://www.w3.org/2004/02/skos/core#prefLabel>'
  multi=$(grep -h -F " $pref " "$OUT"/shard-*-of-"$N".nt | grep '"@ar \.$' | LC_ALL=C sort -u -T "$tmp" |
    cut -d' ' -f1 | uniq -d | wc -l)
  ents=$(grep -h -F " $pref " "$OUT"/shard-*-of-"$N".nt | grep '"@ar \.$' | cut -d' ' -f1 | LC_ALL=C sort -u -T "$tmp" | wc -l)
  awk -v d="$differ" -v t="$total" -v m="$multi" -v e="$ents" 'BEGIN{
    printf "not merged across shards: %d of %d mentions (%.2f%%) link to another entity IRI than in the whole build;\n", d, t, 100*d/t
    printf "  %d of %d entities have more than one Arabic prefLabel across the shards\n", m, e }'
fi
