#!/usr/bin/env bash
# Extraction time against article length: is one article's cost linear in its size?
#
#   bench/long_articles.sh [MAX_KB]      (default 4096: articles of 64 KB, 128 KB … 4 MB)
#
# Two kinds of article, each built at every size and run alone with -j 1:
#   real      real prose: the seed and wire articles of ../shared/corpus concatenated and repeated;
#   repeated  one word, "الحرب " (an event trigger), repeated with no punctuation: one sentence as long as
#             the article, the worst case for any rule that scans a sentence.
# For each: seconds and seconds per MB (the median of 3 runs up to 256 KB, 1 run above), then the goal of
# issue 14: time(4 MB) / (16 × time(256 KB)) <= 1.3, and a 1.4 MB real article under 2 s.
# Environment: KHABAR (binary; default build-bench/khabar, else build/khabar), SHARED (../shared).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
MAX_KB=${1:-4096}
KHABAR=${KHABAR:-}
if [ -z "$KHABAR" ]; then
  for k in "$ROOT/build-bench/khabar" "$ROOT/build/khabar"; do [ -x "$k" ] && KHABAR=$k && break; done
fi
[ -x "${KHABAR:-}" ] || { echo "long_articles.sh: no khabar binary (build it, or set KHABAR)" >&2; exit 2; }
[ -d "$SHARED/corpus/wire" ] || { echo "long_articles.sh: $SHARED/corpus/wire not found (set SHARED)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$SHARED" "$work" "$MAX_KB" <<'PY'
import os, sys
shared, work, max_kb = sys.argv[1], sys.argv[2], int(sys.argv[3])
real = ""
for d in ("seeds", "wire"):
    p = os.path.join(shared, "corpus", d)
    for f in sorted(os.listdir(p)):
        if f.endswith(".txt"):
            real += open(os.path.join(p, f), encoding="utf-8").read().rstrip("\n") + "\n"
def cut(text, size):  # whole lines up to `size` bytes, repeating the text as needed
    out, n = [], 0
    while n < size:
        for line in text.splitlines(keepends=True):
            b = len(line.encode())
            if n + b > size and n > 0: return "".join(out)
            out.append(line); n += b
    return "".join(out)
kb = 64
while kb <= max_kb:
    open(os.path.join(work, f"real_{kb}.txt"), "w", encoding="utf-8").write(cut(real, kb * 1024))
    word = "الحرب "
    open(os.path.join(work, f"repeated_{kb}.txt"), "w", encoding="utf-8").write(word * (kb * 1024 // len(word.encode())))
    kb *= 2
size14 = 1400 * 1024
open(os.path.join(work, "real_1400.txt"), "w", encoding="utf-8").write(cut(real, size14))
PY

# Seconds of one build of one article (-j 1), the median of $2 runs.
run() {
  local f=$1 n=$2 ts=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$KHABAR" build "$f" -j 1 --format ntriples -o "$work/out.nt" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    ts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')")
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'
}
# The fixed cost (starting, loading the lexicon) measured on an empty article, taken off every figure.
: >"$work/empty.txt"
base=$(run "$work/empty.txt" 3)
echo "khabar: $KHABAR; fixed cost per run (lexicon load, empty article): ${base} s, subtracted below"
echo
echo "| article | KB | seconds | s/MB |"
echo "|---|---|---|---|"
declare -A secs
for kind in real repeated; do
  kb=64
  while [ "$kb" -le "$MAX_KB" ]; do
    reps=3; [ "$kb" -gt 256 ] && reps=1
    t=$(run "$work/${kind}_${kb}.txt" $reps)
    t=$(awk -v t="$t" -v b="$base" 'BEGIN{x=t-b; if (x<0.001) x=0.001; printf "%.3f", x}')
    secs[$kind.$kb]=$t
    awk -v k="$kind" -v kb="$kb" -v t="$t" 'BEGIN{printf "| %s | %d | %.3f | %.3f |\n", k, kb, t, t/(kb/1024)}'
    kb=$((kb * 2))
  done
done
t14=$(run "$work/real_1400.txt" 1)
echo
echo "goals (issue 14):"
for kind in real repeated; do
  if [ -n "${secs[$kind.4096]:-}" ] && [ -n "${secs[$kind.256]:-}" ]; then
    awk -v k="$kind" -v a="${secs[$kind.4096]}" -v b="${secs[$kind.256]}" 'BEGIN{r=a/(16*b);
      printf "  %-8s time(4 MB) / (16 x time(256 KB)) = %.2f (goal <= 1.3): %s\n", k, r, (r <= 1.3 ? "yes" : "NO")}'
  fi
done
awk -v t="$t14" 'BEGIN{printf "  a 1.4 MB real article on one core: %.2f s, including start-up (goal < 2 s): %s\n", t, (t < 2 ? "yes" : "NO")}'
