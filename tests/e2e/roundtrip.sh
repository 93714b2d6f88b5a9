# The Turtle and the N-Triples Khabar writes parse with two independent parsers (Raptor's rapper and
# Serd's serdi) to exactly the same triple set, whose size is the graph's.
source "$(dirname "$0")/lib.sh"
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.ttl" 2>"$WORK/build.log"
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.nt" -q
triples=$(sed -n 's/^  triples: *\([0-9]*\).*/\1/p' "$WORK/build.log")
[ -n "$triples" ] || fail "no triple count in the summary"
for tool in rapper serdi; do
  if [ $tool = rapper ]; then
    rapper -q -i turtle -o ntriples "$WORK/kg.ttl" | LC_ALL=C sort >"$WORK/a.$tool"
    rapper -q -i ntriples -o ntriples "$WORK/kg.nt" | LC_ALL=C sort >"$WORK/b.$tool"
  else
    serdi -i turtle -o ntriples "$WORK/kg.ttl" | LC_ALL=C sort >"$WORK/a.$tool"
    serdi -i ntriples -o ntriples "$WORK/kg.nt" | LC_ALL=C sort >"$WORK/b.$tool"
  fi
  cmp -s "$WORK/a.$tool" "$WORK/b.$tool" || fail "$tool: Turtle and N-Triples give different triples"
  n=$(wc -l <"$WORK/a.$tool")
  [ "$n" = "$triples" ] || fail "$tool parsed $n triples, the graph has $triples"
done
# Both parsers agree with each other once their escaping is normalised.
python3 - "$WORK/a.rapper" "$WORK/a.serdi" <<'PY'
import re, sys
def norm(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        line = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), line)
        line = re.sub(r"\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1), 16)), line)
        out.add(line.strip())
    return out
a, b = norm(sys.argv[1]), norm(sys.argv[2])
if a != b:
    sys.exit(f"rapper and serdi disagree: {len(a - b)} vs {len(b - a)} differing triples")
PY
echo "roundtrip: $triples triples, rapper and serdi agree"
