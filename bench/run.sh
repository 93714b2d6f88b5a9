#!/usr/bin/env bash
# Benchmarks `khabar build` on the generated corpora and prints the figures of docs/performance.md.
#
#   bench/run.sh [SIZE...]        sizes are directories of bench/data (default: 1k 10k 100k, those that exist)
#
# For each size: one timed build to Turtle (wall time, peak RSS from /usr/bin/time -v, the stages of the
# build summary), one build to N-Triples, and serdi converting that N-Triples file to Turtle: the
# reference for Khabar's Turtle writer (same triples, same machine, same run). Then a table and the
# goals of issue 7. Generate the corpora first:
#   bench/gen_corpus.py -n 1000 -o bench/data/1k   (and 10000 → 10k, 100000 → 100k)
#
# Environment: KHABAR (binary; default build-bench/khabar, else build/khabar), JOBS (-j; default all
# cores), OUT (scratch directory for the graphs; default bench/data/out; emptied after each size),
# KEEP=1 keeps the graphs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$ROOT/bench/data
OUT=${OUT:-$DATA/out}
KHABAR=${KHABAR:-}
if [ -z "$KHABAR" ]; then
  for k in "$ROOT/build-bench/khabar" "$ROOT/build/khabar"; do
    [ -x "$k" ] && KHABAR=$k && break
  done
fi
[ -x "${KHABAR:-}" ] || { echo "run.sh: no khabar binary (build it, or set KHABAR)" >&2; exit 2; }
JOBS=${JOBS:-$(nproc)}

if [ ! -x /usr/bin/time ]; then
  echo "run.sh: installing GNU time (apt) for the peak RSS figure" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi
command -v serdi >/dev/null || { echo "run.sh: serdi not found (apt-get install serdi)" >&2; exit 2; }

if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(); for s in 1k 10k 100k; do [ -d "$DATA/$s" ] && sizes+=("$s"); done; fi
[ ${#sizes[@]} -gt 0 ] || { echo "run.sh: no corpus in $DATA (run bench/gen_corpus.py first)" >&2; exit 2; }

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
echo "khabar:  $KHABAR ($("$KHABAR" --version)), -j $JOBS"
echo "serdi:   $(serdi -v 2>&1 | head -1)"
echo

# Seconds of wall time from /usr/bin/time -v's "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.33".
wall() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
cpu_s() { awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.1f", u+s}' "$1"; }
rss_mib() { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
stage() { sed -n "s/.*$2 \([0-9.]*\) s.*/\1/p" "$1" | head -1; }

rows=()
declare -A per_article per_article_cpu
for size in "${sizes[@]}"; do
  dir=$DATA/$size
  [ -f "$dir/manifest.xml" ] || { echo "run.sh: $dir/manifest.xml missing" >&2; exit 2; }
  mkdir -p "$OUT"
  n=$(find "$dir/articles" -name '*.txt' | wc -l)
  bytes=$(find "$dir/articles" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END{print s}')
  # Warm the page cache so that every run reads the same way.
  find "$dir/articles" -name '*.txt' -print0 | xargs -0 cat >/dev/null
  echo "== $size: $n articles, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of text"

  # The machine may be shared: the 1-minute load average before the run says how much (2 cores).
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v "$KHABAR" build "$dir/articles" --manifest "$dir/manifest.xml" -o "$OUT/graph.ttl" -j "$JOBS" \
    2>"$OUT/ttl.log" || { cat "$OUT/ttl.log" >&2; exit 1; }
  grep -E '^khabar: built|^  (triples|stages):' "$OUT/ttl.log" | sed 's/^/   /'
  /usr/bin/time -v "$KHABAR" build "$dir/articles" --manifest "$dir/manifest.xml" -o "$OUT/graph.nt" -j "$JOBS" \
    2>"$OUT/nt.log" || { cat "$OUT/nt.log" >&2; exit 1; }
  /usr/bin/time -v serdi -i ntriples -o turtle "$OUT/graph.nt" >"$OUT/serdi.ttl" 2>"$OUT/serdi.log" || {
    cat "$OUT/serdi.log" >&2
    exit 1
  }
  # serdi's time includes flushing its output to the page cache, not an fsync; Khabar's write stage
  # includes the fsync of its atomic write, so sync here and count it for serdi too.
  t0=$(date +%s.%N); sync "$OUT/serdi.ttl"; t1=$(date +%s.%N)

  secs=$(wall "$OUT/ttl.log")
  triples=$(sed -n 's/^  triples: *\([0-9]*\).*/\1/p' "$OUT/ttl.log")
  rss=$(rss_mib "$OUT/ttl.log")
  cpu=$(cpu_s "$OUT/ttl.log")
  ext=$(stage "$OUT/ttl.log" 'read+extract')
  mrg=$(stage "$OUT/ttl.log" 'merge')
  wtt=$(stage "$OUT/ttl.log" 'write')
  wnt=$(stage "$OUT/nt.log" 'write')
  serdi=$(awk -v a="$(wall "$OUT/serdi.log")" -v b="$t0" -v c="$t1" 'BEGIN{printf "%.2f", a + (c - b)}')
  ttl_mb=$(du -m "$OUT/graph.ttl" | cut -f1)
  nt_mb=$(du -m "$OUT/graph.nt" | cut -f1)
  row=$(awk -v size="$size" -v n="$n" -v b="$bytes" -v s="$secs" -v t="$triples" -v rss="$rss" -v e="$ext" \
    -v m="$mrg" -v w="$wtt" -v wn="$wnt" -v sd="$serdi" -v tm="$ttl_mb" -v nm="$nt_mb" -v cpu="$cpu" -v ld="$load" 'BEGIN{
      printf "| %s | %d | %.1f | %.2f | %.0f | %.2f | %.2f | %.2fM | %.2fM | %d | %.1f | %.2f | %.2f / %.2f / %.2f | %.2f | %.2f | %.2f | %d / %d | %s |",
        size, n, b/1e6, s, n/s, b/1e6/s, s*1000/n, t/1e6, t/1e6/s, rss, cpu, cpu*1000/n, e, m, w, wn, sd, w/sd, tm, nm, ld }')
  rows+=("$row")
  per_article[$size]=$(awk -v s="$secs" -v n="$n" 'BEGIN{print s/n}')
  per_article_cpu[$size]=$(awk -v s="$cpu" -v n="$n" 'BEGIN{print s/n}')
  echo "   peak RSS ${rss} MiB; Turtle write ${wtt} s vs serdi ${serdi} s (N-Triples write ${wnt} s)"
  if [ "${KEEP:-0}" != 1 ]; then rm -f "$OUT/graph.ttl" "$OUT/graph.nt" "$OUT/serdi.ttl"; fi
done

echo
echo "| corpus | articles | MB text | wall s | articles/s | MB/s | ms/article | triples | triples/s | peak RSS MiB | CPU s | CPU ms/article | read+extract / merge / write (Turtle) s | write N-Triples s | serdi NT→TTL s | Khabar TTL / serdi | TTL / NT MiB | load before |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"

echo
echo "goals (issue 7):"
for row in "${rows[@]}"; do
  IFS='|' read -r _ size n mb s aps mbs ms tr trs rss cpu cpums stages wnt sd ratio _ <<<"$row"
  size=$(echo $size)
  awk -v size="$size" -v aps="$aps" -v rss="$rss" -v ratio="$ratio" -v tr="$tr" 'BEGIN{
    printf "  %-5s >= 1000 articles/s: %s (%.0f)   Turtle <= 1.5x serdi: %s (%.2fx)   ", size,
      (aps >= 1000 ? "yes" : "NO"), aps, (ratio <= 1.5 ? "yes" : "NO"), ratio
    if (size == "100k") printf "peak < 4 GiB: %s (%d MiB)   ", (rss < 4096 ? "yes" : "NO"), rss
    t = tr; sub(/M/, "", t); if (t + 0 > 2) printf "> 2M triples built: yes (%s)", tr
    printf "\n" }'
done
if [ -n "${per_article[1k]:-}" ] && [ -n "${per_article[100k]:-}" ]; then
  awk -v a="${per_article[1k]}" -v b="${per_article[100k]}" 'BEGIN{
    printf "  linear: per-article time at 100k / at 1k = %.2f (goal <= 1.2): %s\n", b/a, (b/a <= 1.2 ? "yes" : "NO") }'
  awk -v a="${per_article_cpu[1k]}" -v b="${per_article_cpu[100k]}" 'BEGIN{
    printf "          per-article CPU time at 100k / at 1k = %.2f (the same ratio without other load)\n", b/a }'
fi
