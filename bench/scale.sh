#!/usr/bin/env bash
# Time and peak memory of `khabar build` as the corpus grows (issue 18): the generated corpora of 10k, 100k
# and 1M articles, each built to Turtle in memory (--stream off) and streaming (--stream on); 1M only
# streaming (in memory it would need about 23 GiB). Prints one row per build and the goal: a million
# articles under 8 GiB of peak memory.
#
#   bench/scale.sh [SIZE...]      sizes are directories of bench/data (default: 10k 100k 1m, those that exist)
#
# Generate the corpora first (bench/gen_corpus.py -n 1000000 -o bench/data/1m: 4 minutes on 2 cores,
# 6.3 GB). Scratch: the 1M graph is about 45 GB of Turtle and its spill 7 GB; both are deleted after the
# row is printed (KEEP=1 keeps the graphs).
# Environment: KHABAR (binary; default build-bench/khabar, else build-release/khabar, else build/khabar),
# JOBS (-j; default all cores), OUT (scratch directory; default bench/data/out).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$ROOT/bench/data
OUT=${OUT:-$DATA/out}
KHABAR=${KHABAR:-}
if [ -z "$KHABAR" ]; then
  for k in "$ROOT/build-bench/khabar" "$ROOT/build-release/khabar" "$ROOT/build/khabar"; do
    [ -x "$k" ] && KHABAR=$k && break
  done
fi
[ -x "${KHABAR:-}" ] || { echo "scale.sh: no khabar binary (build it, or set KHABAR)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scale.sh: GNU time is needed for the peak memory (apt-get install time)" >&2; exit 2; }
JOBS=${JOBS:-$(nproc)}
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(); for s in 10k 100k 1m; do [ -d "$DATA/$s" ] && sizes+=("$s"); done; fi
[ ${#sizes[@]} -gt 0 ] || { echo "scale.sh: no corpus in $DATA (run bench/gen_corpus.py first)" >&2; exit 2; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM; khabar: $KHABAR (commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo ?)), -j $JOBS; $(date -u +%F)"
echo
wall() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
rss_mib() { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
stage() { sed -n "s/.*$2 \([0-9.]*\) s.*/\1/p" "$1" | head -1; }

rows=()
for size in "${sizes[@]}"; do
  dir=$DATA/$size
  [ -f "$dir/manifest.xml" ] || { echo "scale.sh: $dir/manifest.xml missing" >&2; exit 2; }
  n=$(grep -c '<article ' "$dir/manifest.xml")
  modes=(off on)
  [ "$n" -gt 200000 ] && modes=(on)
  for mode in "${modes[@]}"; do
    mkdir -p "$OUT"
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "== $size ($n articles), --stream $mode, load $load"
    /usr/bin/time -v "$KHABAR" build "$dir/articles" --manifest "$dir/manifest.xml" -o "$OUT/graph.ttl" \
      --stream "$mode" -j "$JOBS" 2>"$OUT/log" || { tail -20 "$OUT/log" >&2; exit 1; }
    grep -E '^  (triples|stages|memory):' "$OUT/log" | sed 's/^/   /'
    secs=$(wall "$OUT/log")
    rss=$(rss_mib "$OUT/log")
    triples=$(sed -n 's/^  triples: *\([0-9]*\).*/\1/p' "$OUT/log")
    gib=$(du -k "$OUT/graph.ttl" | awk '{printf "%.1f", $1/1048576}')
    row=$(awk -v size="$size" -v n="$n" -v m="$mode" -v s="$secs" -v r="$rss" -v t="$triples" -v g="$gib" \
      -v e="$(stage "$OUT/log" 'read+extract')" -v mg="$(stage "$OUT/log" 'merge')" -v w="$(stage "$OUT/log" 'write')" \
      -v ld="$load" 'BEGIN{ printf "| %s | %d | %s | %.0f | %.0f | %d | %.2f | %.1fM | %s / %s / %s | %s | %s |",
        size, n, m, s, n/s, r, r/1024, t/1e6, e, mg, w, g, ld }')
    rows+=("$row")
    if [ "${KEEP:-0}" != 1 ]; then rm -f "$OUT/graph.ttl"; fi
  done
done
echo
echo "| corpus | articles | --stream | wall s | articles/s | peak RSS MiB | GiB | triples | read+extract / merge / write s | Turtle GiB | load before |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
for row in "${rows[@]}"; do
  IFS='|' read -r _ size n mode _ _ rss _ <<<"$row"
  n=${n// /} rss=${rss// /}
  if [ "$n" -ge 1000000 ]; then
    echo "goal (issue 18): $n articles under 8 GiB peak: $([ "$rss" -lt 8192 ] && echo yes || echo NO) ($rss MiB)"
  fi
done
