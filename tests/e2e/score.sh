# The seed corpus scored by ../shared/eval/score.py stays at or above the floors below. Raise a floor
# when the extractor improves; never lower one.
source "$(dirname "$0")/lib.sh"
SCORER="${SHARED:-$SRC/../shared}/eval/score.py"
GOLD="${SHARED:-$SRC/../shared}/eval/seeds.gold.json"
if [ ! -f "$SCORER" ] || ! command -v roqet >/dev/null; then echo "score: no scorer here, skipped"; exit 77; fi
"$KHABAR" build "$SEEDS" --manifest "$MANIFEST" -o "$WORK/kg.ttl" -q
python3 "$SCORER" --gold "$GOLD" --graph "$WORK/kg.ttl" --queries "$SRC/queries/eval" --json "$WORK/s.json" | tail -n 1
python3 - "$WORK/s.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
floors = {
    "mentions exact F1": (s["mentions"]["exact"]["f1"], 0.995),
    "aliases B3 F1": (s["aliases"]["f1"], 0.995),
    "events F1": (s["events"]["detection"]["f1"], 0.915),
    "figures F1": (s["events"]["figures"]["f1"], 0.95),
    "agent recall": (s["events"]["agent_recall"], 0.90),
    "place recall": (s["events"]["place_recall"], 0.91),
}
bad = [f"{k} {v:.3f} < {f}" for k, (v, f) in floors.items() if v < f]
if s["aliases"]["merged"]:  # issue 3: no IRI may merge two different gold entities
    bad.append(f"IRIs merging different gold entities: {s['aliases']['merged']}")
if bad:
    sys.exit("below floor: " + "; ".join(bad))
print("score: all floors held")
PY
