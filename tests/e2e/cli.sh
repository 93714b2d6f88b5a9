# The command line: help, exit codes, clear messages, atomic output.
source "$(dirname "$0")/lib.sh"
expect_rc 0 "$KHABAR" --help
grep -q "Exit codes" "$WORK/out" || fail "--help does not document exit codes"
expect_rc 0 "$KHABAR" build --help
grep -q -- "--manifest" "$WORK/out" || fail "build --help does not explain --manifest"
expect_rc 2 "$KHABAR" build "$SEEDS"                       # no -o
expect_rc 2 "$KHABAR" frobnicate
expect_rc 2 "$KHABAR" build "$SEEDS" -o "$WORK/x.ttl" --format rdfxml
grep -q "turtle or ntriples" "$WORK/err" || fail "bad --format: no clear message"

# A missing input among good ones: the graph is written, the exit code says partial.
expect_rc 3 "$KHABAR" build "$SEEDS" "$WORK/nope.txt" -o "$WORK/kg.ttl" -q
grep -q "nope.txt" "$WORK/err" || fail "missing input not named"
[ -s "$WORK/kg.ttl" ] || fail "no graph written"

# Output that cannot be written: exit 1, a message, and the previous file left intact.
cp "$WORK/kg.ttl" "$WORK/prev.ttl"
expect_rc 1 "$KHABAR" build "$SEEDS" -o /dev/full/kg.ttl -q
grep -qi "error" "$WORK/err" || fail "unwritable output: no message"
mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
if [ "$(id -u)" != 0 ]; then
  expect_rc 1 "$KHABAR" build "$SEEDS" -o "$WORK/ro/kg.ttl" -q
fi
# A full disk mid-write (stdout to /dev/full): I/O error, exit 1.
set +e; "$KHABAR" build "$SEEDS" -o - -q >/dev/full 2>"$WORK/err"; rc=$?; set -e
[ $rc = 1 ] || fail "writing to /dev/full exited $rc, expected 1"
grep -q "I/O error" "$WORK/err" || fail "/dev/full: no I/O error message"
cmp -s "$WORK/kg.ttl" "$WORK/prev.ttl" || fail "previous output changed"
ls -a "$WORK" | grep -q "\.tmp\." && fail "temporary file left behind"

# Interrupted mid-run (SIGTERM while writing a large corpus): the previous graph stays intact.
mkdir -p "$WORK/big"
for i in $(seq 1 300); do cp "$SEEDS"/002_*.txt "$WORK/big/a$i.txt"; done
"$KHABAR" build "$WORK/big" -o "$WORK/kg.ttl" -q -j1 &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
cmp -s "$WORK/kg.ttl" "$WORK/prev.ttl" || [ "$(tail -c 2 "$WORK/kg.ttl" | head -c 1)" = "." ] || fail "interrupted run left a broken graph"
ls -a "$WORK" | grep -q "\.tmp\." && fail "interrupted run left a temporary file"

# Queries: a syntax error names the line; SPARQL Update is refused; a missing graph is an error.
printf 'SELECT ?s WHERE {\n  ?s ?p \n' >"$WORK/bad.rq"
expect_rc 1 "$KHABAR" query "$WORK/prev.ttl" "$WORK/bad.rq"
grep -qi "syntax\|line" "$WORK/err" || fail "query syntax error: no clear message"
printf 'INSERT DATA { <http://a> <http://b> <http://c> }\n' >"$WORK/upd.rq"
expect_rc 2 "$KHABAR" query "$WORK/prev.ttl" "$WORK/upd.rq"
grep -q "SPARQL Update" "$WORK/err" || fail "update not refused clearly"
expect_rc 1 "$KHABAR" query "$WORK/missing.ttl" "$SRC/queries/eval/mentions.rq"
grep -q "missing.ttl" "$WORK/err" || fail "missing graph not named"
printf 'not turtle at all <<<\n' >"$WORK/broken.ttl"
expect_rc 1 "$KHABAR" query "$WORK/broken.ttl" "$SRC/queries/eval/mentions.rq"
grep -q "broken.ttl" "$WORK/err" || fail "invalid graph not named"
expect_rc 0 "$KHABAR" query "$WORK/prev.ttl" mentions --format table
grep -q "rows" "$WORK/out" || fail "table format has no row count"
echo "cli: all checks passed"
