#!/usr/bin/env bash
# The bundled queries on a real corpus (issue 17): for each size, builds the real-prose corpus
# (../shared/bench/real_corpus.py, made once in bench/data), writes its graph as N-Triples, bulk-loads it
# into a private Virtuoso (scripts/virtuoso.sh, loopback only), runs every bundled query (queries/*.rq) at
# its SPARQL endpoint (curl, results as TSV: the time is the store's, not a client's) with a row limit and
# a time limit, and prints a table: rows and seconds per query and size. The goals: every query within
# 5 s on 10,000 articles and within 60 s on 100,000.
#
#   bench/queries.sh              1,000 and 10,000 articles
#   bench/queries.sh 100k         1,000, 10,000 and 100,000 (100k: ~3 min build, ~14 GB of N-Triples)
#   bench/queries.sh N...         the given sizes
#
# Environment: KHABAR (binary; default build-bench/khabar, else build/khabar), JOBS (build -j; default all
# cores), ROWS (LIMIT appended to each query, default 1000: the first page of an ordered answer, which the
# store must still compute and sort in full; 0: every row), LIMIT (seconds per query, default 120; a query
# cut off shows "> LIMIT"), TMPDIR (graph files and the Virtuoso database, deleted afterwards), SHARED.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
DATA=$ROOT/bench/data
VT=$ROOT/scripts/virtuoso.sh
KHABAR=${KHABAR:-}
if [ -z "$KHABAR" ]; then
  for k in "$ROOT/build-bench/khabar" "$ROOT/build/khabar"; do [ -x "$k" ] && KHABAR=$k && break; done
fi
[ -x "${KHABAR:-}" ] || { echo "queries.sh: no khabar binary (build it, or set KHABAR)" >&2; exit 2; }
command -v virtuoso-t >/dev/null || { echo "queries.sh: virtuoso-t not found (scripts/setup.sh)" >&2; exit 2; }
JOBS=${JOBS:-$(nproc)}
LIMIT=${LIMIT:-120}
ROWS=${ROWS:-1000}

sizes=()
for a in "$@"; do
  case $a in
    100k) sizes+=(1000 10000 100000) ;;
    [0-9]*) sizes+=("$a") ;;
    *) sed -n '2,18p' "$0" >&2; exit 2 ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/khabar-queries-bench.XXXXXX")
DB=$WORK/virtuoso
cleanup() {
  bash "$VT" stop "$DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

queries=()
for q in "$ROOT"/queries/*.rq; do queries+=("$(basename "$q" .rq)"); done

now() { date +%s.%N; }
# One column per size: "rows / seconds" per query, in $WORK/col.N.
for n in "${sizes[@]}"; do
  dir=$DATA/real$n
  if [ ! -f "$dir/manifest.xml" ]; then
    echo "making the $n-article corpus in $dir" >&2
    python3 "$SHARED/bench/real_corpus.py" "$SHARED/corpus/seeds" "$SHARED/corpus/wire" --n "$n" --out "$dir" >/dev/null
  fi
  t0=$(now)
  "$KHABAR" build "$dir" --manifest "$dir/manifest.xml" --format ntriples -o "$WORK/g.nt" -j "$JOBS" \
    2>"$WORK/build.log" || { cat "$WORK/build.log" >&2; exit 1; }
  t1=$(now)
  triples=$(sed -n 's/^  triples: *\([0-9]*\).*/\1/p' "$WORK/build.log")
  # Page buffers (8 KiB each) for the graph's size: about 34 per article, at least the default, at most 6 GiB.
  buffers=$((n * 34)); [ "$buffers" -ge 20000 ] || buffers=20000; [ "$buffers" -le 800000 ] || buffers=800000
  endpoint=$(VIRTUOSO_BUFFERS=$buffers VIRTUOSO_DIRTY_BUFFERS=$((buffers * 3 / 4)) bash "$VT" start "$DB")
  t2=$(now)
  bash "$VT" load "$DB" "$WORK/g.nt" >&2
  t3=$(now)
  rm -f "$WORK/g.nt"
  awk -v n="$n" -v t="$triples" -v b="$t1 - $t0" -v l="$t3 - $t2" 'BEGIN{split(b, x, " - "); split(l, y, " - ");
    printf "%d articles: %d triples, build %.0f s, Virtuoso bulk load %.0f s\n", n, t, x[1] - x[2], y[1] - y[2]}' \
    | tee -a "$WORK/notes" >&2
  : >"$WORK/col.$n"
  for q in "${queries[@]}"; do
    cp "$ROOT/queries/$q.rq" "$WORK/q.rq"
    [ "$ROWS" = 0 ] || printf 'LIMIT %d\n' "$ROWS" >>"$WORK/q.rq"
    # Virtuoso's own timeout (ms) stops the server's work too; it then answers with what it has and the
    # header X-SQL-State: S1TAT, counted as cut off. curl's limit is a backstop.
    s=$(now)
    code=$(curl -s -o "$WORK/out.tsv" -D "$WORK/headers" -w '%{http_code}' --max-time $((LIMIT + 30)) \
      -H 'Accept: text/tab-separated-values' --data-urlencode "query@$WORK/q.rq" \
      --data-urlencode "timeout=$((LIMIT * 1000))" "$endpoint" || echo fail)
    e=$(now)
    if [ "$code" = 200 ] && ! grep -qi '^X-SQL-State: S1TAT' "$WORK/headers"; then
      rows=$(($(wc -l <"$WORK/out.tsv") - 1))
      awk -v r="$rows" -v s="$s" -v e="$e" 'BEGIN{printf "%d | %.2f\n", r, e - s}' >>"$WORK/col.$n"
    elif [ "$code" = 200 ] || [ "$code" = fail ]; then
      echo "- | > $LIMIT" >>"$WORK/col.$n"
    else
      echo "$q on $n articles: HTTP $code: $(head -c 300 "$WORK/out.tsv")" >&2
      echo "error | -" >>"$WORK/col.$n"
    fi
    echo "$n $q: $(tail -n 1 "$WORK/col.$n")" >&2
  done
  bash "$VT" stop "$DB" >/dev/null
  rm -rf "$DB"
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM; khabar: $KHABAR; rows per query: ${ROWS/#0/all};" \
  "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); $(date -u +%Y-%m-%d)"
cat "$WORK/notes"
echo
header="| query |" rule="|---|"
for n in "${sizes[@]}"; do header+=" rows $n | s $n |"; rule+="---|---|"; done
echo "$header"
echo "$rule"
i=1
for q in "${queries[@]}"; do
  line="| \`$q\` |"
  for n in "${sizes[@]}"; do line+=" $(sed -n "${i}p" "$WORK/col.$n") |"; done
  echo "$line"
  i=$((i + 1))
done
echo
for n in "${sizes[@]}"; do
  goal=""
  case $n in 10000) goal=5 ;; 100000) goal=60 ;; esac
  [ -n "$goal" ] || continue
  worst=$(awk -F' [|] ' '{ s = ($2 ~ />/) ? 1e9 : $2 + 0; if (s > m) m = s } END { print m + 0 }' "$WORK/col.$n")
  awk -v n="$n" -v g="$goal" -v w="$worst" 'BEGIN{printf "goal (issue 17): every query <= %d s on %d articles: %s (slowest %s s)\n",
    g, n, (w <= g ? "yes" : "NO"), (w >= 1e9 ? "cut off" : sprintf("%.2f", w))}'
done
