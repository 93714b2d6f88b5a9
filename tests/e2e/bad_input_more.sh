# More dirty inputs (issue 5), beyond bad_input.sh: a 50 MB single line, 100,000 tiny files, inputs that
# cannot be read (dangling symlink, FIFO, mode 000 file and directory), a file deleted while the run is
# under way, and labels full of characters Turtle must escape, read back by three independent parsers
# (rapper, serdi, N3.js in strict mode) that must agree triple for triple. Each case: no crash, no hang,
# a message naming the file and the reason, every good article kept, an exit code that says whether the
# run was partial. Timings are printed (the closing note of issue 5 quotes them).
source "$(dirname "$0")/lib.sh"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Under ASan+UBSan (SANITIZE=1 scripts/test.sh) khabar runs several times slower: the big cases shrink
# so that the test stays within CTest's 300 s.
if ldd "$KHABAR" 2>/dev/null | grep -q libasan || grep -qa __asan_init "$KHABAR"; then
  LINE_MB=2 TINY=4000 DENSE_KB=128 SLOW_KB=500
  echo "sanitizer build: big cases scaled down (${LINE_MB} MB line, ${TINY} files)"
else
  LINE_MB=50 TINY=100000 DENSE_KB=512 SLOW_KB=3000
fi

# --- A 50 MB single line: Arabic prose with no line break at all (a scraped page), one name every
# 1.2 KB. Read, tokenized, matched and written in bounded time and memory, every name found (with the
# size guard off: by default an article over 4 MiB is cut at a sentence end, which e2e_cli checks).
# Event-dense text is kept smaller (DENSE_KB) because the event rules are still superlinear in the
# number of events of one article (see docs/input.md, "Size").
mkdir -p "$WORK/line"
units=$(python3 - "$WORK/line/line.txt" "$LINE_MB" <<'EOF'
import sys
filler = "كان الطقس جميلا على نحو لافت للنظر في ساعات الصباح الباكر من ذلك الموسم الطويل "
unit = (filler * 8 + "أرمينيا ").encode()
n = int(sys.argv[2]) * 1000 * 1000 // len(unit)
open(sys.argv[1], "wb").write(unit * n)
print(n)
EOF
)
[ "$(wc -l <"$WORK/line/line.txt")" = 0 ] || fail "the generated line has line breaks"
t0=$(now)
timeout 240 "$KHABAR" build "$WORK/line/line.txt" -o "$WORK/line.nt" -q -j2 --max-article-bytes 0 2>"$WORK/err" &&
  rc=0 || rc=$?
echo "${LINE_MB} MB single line: $(since "$t0") s, exit $rc"
[ $rc = 0 ] || { cat "$WORK/err" >&2; fail "${LINE_MB} MB single line exited $rc (124: over 240 s)"; }
found=$(grep -c 'anchorOf> "أرمينيا"' "$WORK/line.nt" || true)
[ "$found" = "$units" ] || fail "${LINE_MB} MB single line: $found mentions of أرمينيا, expected $units"
rm -rf "$WORK/line" "$WORK/line.nt"

# The same, event-dense: every sentence has triggers, figures, agents and places.
mkdir -p "$WORK/dense"
python3 - "$WORK/dense/dense.txt" "$DENSE_KB" <<'EOF'
import sys
s = "قالت وزارة الدفاع الأذربيجانية إن قواتها قصفت مواقع في ناجورنو كاراباخ وقتل 12 شخصا، ودعت الأمم المتحدة إلى وقف إطلاق النار. "
b = s.encode()
open(sys.argv[1], "wb").write(b * (int(sys.argv[2]) * 1000 // len(b)))
EOF
t0=$(now)
timeout 120 "$KHABAR" build "$WORK/dense/dense.txt" -o "$WORK/dense.nt" -q -j2 2>"$WORK/err" && rc=0 || rc=$?
echo "${DENSE_KB} KB event-dense single line: $(since "$t0") s, exit $rc"
[ $rc = 0 ] || { cat "$WORK/err" >&2; fail "event-dense line exited $rc (124: over 120 s)"; }
grep -q 'anchorOf> "ناجورنو كاراباخ"' "$WORK/dense.nt" || fail "event-dense line: no mentions"
rm -rf "$WORK/dense" "$WORK/dense.nt"

# --- Many tiny files: 100,000 articles of one line in 20 directories (4,000 under the sanitizers). All
# read, none lost, every one in the graph.
python3 - "$WORK/tiny" "$TINY" <<'EOF'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
lines = ["قالت أرمينيا إن الوضع هادئ.\n", "زار الرئيس الروسي باكو.\n", "نص قصير بلا أسماء\n",
         "أعلنت الأمم المتحدة وقف إطلاق النار في سرت.\n"]
for i in range(n):
    d = os.path.join(root, "d%02d" % (i * 20 // n))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "a%06d.txt" % i), "w") as f:
        f.write(lines[i % 4])
EOF
t0=$(now)
timeout 200 "$KHABAR" build "$WORK/tiny" -o "$WORK/tiny.nt" -q -j2 2>"$WORK/err" && rc=0 || rc=$?
echo "$TINY tiny files: $(since "$t0") s, exit $rc"
[ $rc = 0 ] || { cat "$WORK/err" >&2; fail "$TINY tiny files exited $rc"; }
articles=$(grep -c '/ontology#sourceFile>' "$WORK/tiny.nt" || true)
[ "$articles" = "$TINY" ] || fail "$TINY tiny files: $articles articles in the graph"
grep -q "sourceFile> \"a$(printf %06d $((TINY - 1))).txt\"" "$WORK/tiny.nt" || fail "the last tiny file is missing"
rm -rf "$WORK/tiny" "$WORK/tiny.nt"

# --- Inputs that cannot be read. A dangling symlink and a FIFO named like articles cannot be read by
# anyone (root included); a mode 000 file and directory can be read by root, so that sub-case runs
# khabar as nobody (setpriv), or is skipped with the reason when that is impossible.
C="$WORK/unreadable"
mkdir -p "$C/sub"
cp "$SEEDS"/000_*.txt "$C/good.txt"
ln -s "$C/no-such-article.txt" "$C/dangling.txt"
mkfifo "$C/fifo.txt"
expect_rc 3 timeout 60 "$KHABAR" build "$C" -o "$WORK/unr.nt" -q
cat "$WORK/err"
grep -q "dangling.txt.*No such file" "$WORK/err" || fail "dangling symlink: not reported with its reason"
grep -q "fifo.txt.*not a regular file" "$WORK/err" || fail "FIFO: not reported with its reason"
grep -q '"أرمينيا"' "$WORK/unr.nt" || fail "unreadable inputs: the good article's facts are missing"

NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ "$(id -u)" != 0 ]; then
  AS_OTHER=()
elif ! command -v setpriv >/dev/null; then
  AS_OTHER=(none "no setpriv")
elif ! "${NOBODY[@]}" test -x "$KHABAR" -a -r "$SRC/ontology/lexicon" 2>/dev/null; then
  AS_OTHER=(none "user nobody cannot run $KHABAR or read its lexicon")
else
  AS_OTHER=("${NOBODY[@]}")
fi
if [ "${AS_OTHER[0]:-}" = none ]; then
  echo "SKIP mode 000 sub-case: running as root, and ${AS_OTHER[1]}"
else
  P="$WORK/perm"
  mkdir -p "$P/in/locked_dir" "$P/out"
  cp "$SEEDS"/000_*.txt "$P/in/good.txt"
  cp "$SEEDS"/001_*.txt "$P/in/locked.txt"
  cp "$SEEDS"/002_*.txt "$P/in/locked_dir/inside.txt"
  chmod 000 "$P/in/locked.txt" "$P/in/locked_dir"
  chmod 755 "$WORK" "$P" "$P/in" && chmod 777 "$P/out"
  expect_rc 3 timeout 60 ${AS_OTHER[@]+"${AS_OTHER[@]}"} "$KHABAR" build "$P/in" -o "$P/out/kg.nt" -q
  cat "$WORK/err"
  grep -q "locked.txt.*Permission denied" "$WORK/err" || fail "mode 000 file: not reported with its reason"
  grep -q "locked_dir.*cannot read the directory" "$WORK/err" || fail "unreadable directory skipped silently"
  grep -q '"أرمينيا"' "$P/out/kg.nt" || fail "mode 000: the good article's facts are missing"
  chmod 755 "$P/in/locked_dir"
fi

# --- A file deleted while the run is under way: khabar walks the directory first, then reads the
# articles in order on one thread; three slow articles come before the one that is deleted. The
# deletion happens once khabar has read the first slow article (its read bytes, /proc/PID/io), so
# the walk is over and the deleted file is still ahead.
D="$WORK/vanish"
mkdir -p "$D"
python3 - "$D" "$SLOW_KB" <<'EOF'
import sys
filler = "كان الطقس جميلا على نحو لافت للنظر في ساعات الصباح الباكر من ذلك الموسم الطويل "
unit = (filler * 8 + "أرمينيا ").encode()
for k in (1, 2, 3):
    open(f"{sys.argv[1]}/a_slow{k}.txt", "wb").write(unit * (int(sys.argv[2]) * 1000 // len(unit)))
EOF
cp "$SEEDS"/001_*.txt "$D/z_vanishes.txt"
lexicon_bytes=$(cat "$SRC"/ontology/lexicon/*.xml | wc -c)
threshold=$((lexicon_bytes + $(wc -c <"$D/a_slow1.txt")))
t0=$(now)
"$KHABAR" build "$D" -o "$WORK/vanish.nt" -q -j1 2>"$WORK/err" &
pid=$!
for _ in $(seq 1 2000); do
  if [ ! -r "/proc/$pid/io" ]; then sleep 1; break; fi  # no /proc/PID/io: the walk takes milliseconds
  read_bytes=$(awk '/^rchar:/ { print $2 }' "/proc/$pid/io" 2>/dev/null || echo 0)
  [ "${read_bytes:-0}" -ge "$threshold" ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.01
done
kill -0 $pid 2>/dev/null || fail "deleted file: khabar finished before the deletion (make the slow articles bigger)"
rm "$D/z_vanishes.txt"
wait $pid && rc=0 || rc=$?
echo "file deleted mid-run: $(since "$t0") s, exit $rc"
cat "$WORK/err"
[ $rc = 3 ] || fail "a file deleted mid-run: exit $rc, expected 3"
grep -q "z_vanishes.txt.*No such file" "$WORK/err" || fail "the deleted file is not named with the reason"
grep -q 'a_slow3.txt' "$WORK/vanish.nt" || fail "deleted file: the other articles were not kept"
rm -rf "$D" "$WORK/vanish.nt"

# --- Labels that Turtle must escape: quotes, backslashes, newlines, tabs, carriage returns, control
# characters, RTL/LTR marks, zero-width joiners, U+2028. They reach kh:sourceFile / kh:sourcePath
# (the file name), kh:outlet (NITF), nif:anchorOf and skos:altLabel (mentions with a tab, a CR, a ZWJ
# or an RLM inside), and article IRIs (percent-encoded). rapper, serdi and N3.js (strict Turtle) must
# all accept the Turtle and give the same triples, which are also the triples of khabar's N-Triples.
L="$WORK/labels"
mkdir -p "$L"
weird=$'q"uote\\back<sl>ash {x}|^`% tab\there\nline\r \x01\x1f\x7f \u200f\u200e\u200d\u2028.txt'
printf 'قالت الأمم\tالمتحدة إن أرمي\u200dنيا و أذربي\u200fجان و "روسيا" و \\فرنسا\\ اتفقت.\nوقال الاتحاد\rالأوروبي إن تركيا\u200e تراقب.\nوأكدت أرمينيا والأمم المتحدة والاتحاد الأوروبي ذلك.\n' >"$L/$weird"
cat >"$L/nitf.xml" <<'XML'
<nitf><head><pubdata name="قناة &quot;الجزيرة&quot; \ مباشر&#10;سطر&#9;جدول&#13;&#x200F;&#x200E;&#x200D;&#x2028;" /></head>
<body><body.head><hedline><hl1>تركيا "تدين" \ القصف&#x200F;</hl1></hedline></body.head>
<body.content><p>قال الرئيس التركي رجب طيب أردوغان إن أنقرة&#x200D; تدين "القصف" على ستيباناكيرت\.</p></body.content></body></nitf>
XML
expect_rc 0 "$KHABAR" build "$L" -o "$WORK/labels.ttl" -q
expect_rc 0 "$KHABAR" build "$L" -o "$WORK/labels.nt" -q
# The hard characters really are in the graph (else this case would prove nothing).
for needle in 'sourceFile "q\"uote\\back<sl>ash {x}|^`% tab\there\nline\r \u0001\u001F\u007F' \
              'anchorOf "الأمم\tالمتحدة"' 'anchorOf "الاتحاد\rالأوروبي"' \
              $'anchorOf "أرمي\u200dنيا"' $'anchorOf "أذربي\u200fجان"' 'outlet "قناة \"الجزيرة\" \\ مباشر\nسطر\tجدول\r'; do
  grep -qF -- "$needle" "$WORK/labels.ttl" || fail "labels: '$needle' not in the Turtle"
done
grep -q '<https://w3id.org/khabar/article/labels/q%22uote%5Cback%3Csl%3Eash%20%7Bx%7D%7C%5E%60%25%20tab%09here%0Aline%0D%20%01%1F%7F%20' \
  "$WORK/labels.ttl" || fail "labels: the article IRI is not percent-encoded"
grep -q '_:' "$WORK/labels.nt" && fail "labels: blank nodes in the graph (the comparison below assumes none)"

rapper -q -i turtle -o ntriples "$WORK/labels.ttl" >"$WORK/rapper.nt" 2>"$WORK/rapper.err" ||
  { cat "$WORK/rapper.err" >&2; fail "rapper rejects the Turtle"; }
[ ! -s "$WORK/rapper.err" ] || { cat "$WORK/rapper.err" >&2; fail "rapper warns about the Turtle"; }
serdi -i turtle -o ntriples "$WORK/labels.ttl" >"$WORK/serdi.nt" 2>"$WORK/serdi.err" ||
  { cat "$WORK/serdi.err" >&2; fail "serdi rejects the Turtle"; }
[ ! -s "$WORK/serdi.err" ] || { cat "$WORK/serdi.err" >&2; fail "serdi warns about the Turtle"; }
N3="$SRC/tools/n3"
[ -d "$N3/node_modules/n3" ] || fail "N3.js is not installed: run scripts/setup.sh (npm ci in tools/n3)"
node "$N3/canon.mjs" turtle "$WORK/labels.ttl" >"$WORK/n3.canon" || fail "N3.js (strict Turtle) rejects the Turtle"
for f in rapper serdi labels; do
  node "$N3/canon.mjs" ntriples "$WORK/$f.nt" >"$WORK/$f.canon" || fail "$f.nt is not strict N-Triples"
  cmp -s "$WORK/n3.canon" "$WORK/$f.canon" ||
    { diff "$WORK/n3.canon" "$WORK/$f.canon" | head -20 >&2; fail "N3.js and $f disagree on the triples"; }
done
echo "labels: rapper, serdi, N3.js and khabar's N-Triples agree on $(wc -l <"$WORK/n3.canon") triples"

# The same graph as Graphviz DOT, when khabar has a dot command: every view, uncut (the aliases view
# holds the surface forms with their tabs, CRs and invisible marks), rendered by Graphviz.
if "$KHABAR" --help 2>/dev/null | grep -qE '^ +dot( |$)'; then
  for view in actors events timeline aliases; do
    expect_rc 0 "$KHABAR" dot "$WORK/labels.ttl" --view "$view" --top 0 -q -o "$WORK/labels-$view.dot"
    dot -Tsvg "$WORK/labels-$view.dot" -o "$WORK/labels-$view.svg" 2>"$WORK/dot.err" ||
      { cat "$WORK/dot.err" >&2; fail "Graphviz rejects the $view DOT"; }
    grep -qi "error" "$WORK/dot.err" && { cat "$WORK/dot.err" >&2; fail "Graphviz reports an error on the $view DOT"; }
    [ ! -s "$WORK/dot.err" ] && echo "DOT $view view: rendered" || { echo "DOT $view view: rendered, with:"; cat "$WORK/dot.err"; }
  done
else
  echo "SKIP DOT sub-case: this khabar has no 'dot' command"
fi
echo "bad_input_more: all checks passed"
