# Dirty corpora: each bad input gives one clear message naming the file and the reason, no crash, no
# hang; every good article's facts are kept; the exit code says the run was partial.
source "$(dirname "$0")/lib.sh"
C="$WORK/corpus"
mkdir -p "$C"
cp "$SEEDS"/000_*.txt "$C/good.txt"
: >"$C/empty.txt"
head -c 4096 /dev/urandom >"$C/binary.txt"; printf '\0' >>"$C/binary.txt"
printf '<nitf><body><p>غير مغلق\n' >"$C/malformed.xml"
mkdir -p "$C/dir_like_article.txt"
ln -s "$C" "$C/loop"                                            # a symlink loop: never followed
# Recoverable: invalid UTF-8 bytes inside an Arabic article are replaced and reported, the text kept.
{ printf 'قالت أرمينيا إن \xff\xfe أذربيجان قصفت '; printf '\xed\xa0\x80 ستيباناكيرت.\n'; } >"$C/invalid_utf8.txt"
# UTF-16 with a BOM is decoded.
printf 'قالت روسيا إن قواتها ستبقى.\n' | iconv -f UTF-8 -t UTF-16 >"$C/utf16.txt"
# XXE and billion laughs: never read, never expanded.
cat >"$C/xxe.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE nitf [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<nitf><body><body.content><p>قالت فرنسا &xxe; إن باريس تدين القصف.</p></body.content></body></nitf>
XML
{
  echo '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
  for i in 1 2 3 4 5 6 7 8 9; do echo "<!ENTITY lol$i \"&lol$((i-1));&lol$((i-1));&lol$((i-1));&lol$((i-1));&lol$((i-1));&lol$((i-1));&lol$((i-1));&lol$((i-1));&lol$((i-1));&lol$((i-1));\">"; done
  echo ']><nitf><body><body.content><p>&lol9; قالت تركيا إن أنقرة تراقب.</p></body.content></body></nitf>'
} | sed 's/&lol0;/\&lol;/g' >"$C/laughs.xml"
timeout 60 "$KHABAR" build "$C" -o "$WORK/kg.nt" -q -j2 2>"$WORK/err" && rc=0 || rc=$?
cat "$WORK/err"
[ $rc = 3 ] || fail "dirty corpus exited $rc, expected 3 (partial)"
for f in empty.txt binary.txt malformed.xml dir_like_article.txt; do
  grep -q "$f" "$WORK/err" || fail "$f not reported"
done
grep -q "empty.txt.*empty" "$WORK/err" || fail "empty file: reason not given"
grep -q "binary.txt.*binary" "$WORK/err" || fail "binary file: reason not given"
grep -q "malformed.xml.*XML" "$WORK/err" || fail "malformed XML: reason not given"
grep -q "invalid_utf8.txt:1:.*invalid UTF-8" "$WORK/err" || fail "invalid UTF-8: no warning with position"
grep -q 'good.txt' "$WORK/kg.nt" || fail "the good article's facts are missing"
grep -q '"أرمينيا"' "$WORK/kg.nt" || fail "the good article's mentions are missing"
grep -q 'invalid_utf8.txt' "$WORK/kg.nt" || fail "the recoverable article was dropped"
grep -q 'utf16.txt' "$WORK/kg.nt" || fail "the UTF-16 article was dropped"
grep -q 'root:' "$WORK/kg.nt" && fail "XXE: /etc/passwd content leaked into the graph"
grep -q 'lollollol' "$WORK/kg.nt" && fail "billion laughs: entities were expanded"
rapper -q -i ntriples -c "$WORK/kg.nt" 2>/dev/null || fail "output does not parse"
echo "bad_input: all checks passed"
