#!/usr/bin/env bash
# Throughput on real prose (issue 14): `khabar build --format ntriples` on corpora of 1,000 and 10,000
# articles made by ../shared/bench/real_corpus.py from the seed and wire articles (about 7.7 KB each,
# denser in events than the template corpus of bench/gen_corpus.py).
#
#   bench/real_prose.sh [N...]      corpus sizes (default: 1000 10000); corpora are made once in bench/data
#
# Prints wall time, articles/s, MB/s and peak RSS per size, the per-article time at the largest size over
# the smallest, and the goal: >= 1,000 articles/s at 10,000 articles on this machine's cores.
# Environment: KHABAR (binary; default build-bench/khabar, else build/khabar), JOBS (-j; default all
# cores), SHARED (../shared).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
DATA=$ROOT/bench/data
KHABAR=${KHABAR:-}
if [ -z "$KHABAR" ]; then
  for k in "$ROOT/build-bench/khabar" "$ROOT/build/khabar"; do [ -x "$k" ] && KHABAR=$k && break; done
fi
[ -x "${KHABAR:-}" ] || { echo "real_prose.sh: no khabar binary (build it, or set KHABAR)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "real_prose.sh: GNU time is needed (apt-get install time)" >&2; exit 2; }
JOBS=${JOBS:-$(nproc)}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM; khabar: $KHABAR; -j $JOBS"
echo
echo "| articles | MB | wall s | articles/s | MB/s | ms/article | peak RSS MiB | triples |"
echo "|---|---|---|---|---|---|---|---|"
first="" last=""
for n in "${sizes[@]}"; do
  dir=$DATA/real$n
  if [ ! -f "$dir/manifest.xml" ]; then
    python3 "$SHARED/bench/real_corpus.py" "$SHARED/corpus/seeds" "$SHARED/corpus/wire" --n "$n" --out "$dir" >/dev/null
  fi
  bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END{print s}')
  find "$dir" -name '*.txt' -print0 | xargs -0 cat >/dev/null  # warm the page cache
  out=$(mktemp -d)
  /usr/bin/time -v "$KHABAR" build "$dir" --manifest "$dir/manifest.xml" --format ntriples -o "$out/g.nt" \
    -j "$JOBS" 2>"$out/log" || { cat "$out/log" >&2; exit 1; }
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/log")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$out/log")
  triples=$(sed -n 's/^  triples: *\([0-9]*\).*/\1/p' "$out/log")
  rm -rf "$out"
  awk -v n="$n" -v b="$bytes" -v s="$secs" -v r="$rss" -v t="$triples" 'BEGIN{
    printf "| %d | %.1f | %.2f | %.0f | %.2f | %.3f | %d | %d |\n", n, b/1e6, s, n/s, b/1e6/s, s*1000/n, r, t}'
  per=$(awk -v s="$secs" -v n="$n" 'BEGIN{print s/n}')
  [ -n "$first" ] || first=$per
  last=$per
  last_n=$n
  last_aps=$(awk -v s="$secs" -v n="$n" 'BEGIN{printf "%.0f", n/s}')
done
echo
if [ "${#sizes[@]}" -gt 1 ]; then
  awk -v a="$first" -v b="$last" 'BEGIN{printf "per-article time, largest / smallest corpus: %.2f\n", b/a}'
fi
awk -v n="$last_n" -v a="$last_aps" 'BEGIN{printf "goal (issue 14): >= 1000 articles/s on %d articles of real prose: %s (%d)\n", n, (a >= 1000 ? "yes" : "NO"), a}'
