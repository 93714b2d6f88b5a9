# The seed corpus and the wire set (29 real articles from other outlets), scored by
# ../shared/eval/score.py, stay at or above the floors below. Raise a floor when the extractor improves;
# never lower one. The wire floors are what the extractor reached when they were set (issue 15).
source "$(dirname "$0")/lib.sh"
EVAL="${SHARED:-$SRC/../shared}/eval"
CORPUS="${SHARED:-$SRC/../shared}/corpus"
if [ ! -f "$EVAL/score.py" ] || ! command -v roqet >/dev/null; then echo "score: no scorer here, skipped"; exit 77; fi

# score NAME ARTICLES MANIFEST GOLD: builds and scores one set, leaving its figures in $WORK/NAME.json.
score() {
  "$KHABAR" build "$2" --manifest "$3" -o "$WORK/$1.ttl" -q
  echo "$1: $(python3 "$EVAL/score.py" --gold "$4" --graph "$WORK/$1.ttl" --queries "$SRC/queries/eval" \
    --json "$WORK/$1.json" | tail -n 1)"
}
score seeds "$SEEDS" "$MANIFEST" "$EVAL/seeds.gold.json"
sets=(seeds)
if [ -f "$EVAL/wire.gold.json" ] && [ -d "$CORPUS/wire" ]; then
  score wire "$CORPUS/wire" "$CORPUS/wire.xml" "$EVAL/wire.gold.json"
  sets+=(wire)
fi
SRC="$SRC" python3 - "$WORK" "${sets[@]}" <<'PY'
import json, os, sys
work, sets = sys.argv[1], sys.argv[2:]
floors = {  # set -> figure -> floor
    "seeds": {"mentions": 0.995, "aliases": 0.995, "events": 0.915, "figures": 0.95, "agents": 0.92, "places": 0.91},
    "wire": {"mentions": 0.965, "aliases": 0.99, "events": 0.91, "figures": 0.99, "agents": 0.85, "places": 0.84},
}
# IRIs that merge two different gold entities: none.
max_merged = {"seeds": 0, "wire": 0}
bad = []
for name in sets:
    s = json.load(open(f"{work}/{name}.json"))
    got = {"mentions": s["mentions"]["exact"]["f1"], "aliases": s["aliases"]["f1"],
           "events": s["events"]["detection"]["f1"], "figures": s["events"]["figures"]["f1"],
           "agents": s["events"]["agent_recall"], "places": s["events"]["place_recall"]}
    bad += [f"{name} {k} {got[k]:.3f} < {f}" for k, f in floors[name].items() if got[k] < f]
    if len(s["aliases"]["merged"]) > max_merged[name]:
        bad.append(f"{name}: IRIs merging different gold entities: {s['aliases']['merged']}")
    # The README's table states these figures: it must say what a run measures (to three decimals).
    readme = open(os.environ["SRC"] + "/README.md", encoding="utf-8").read()
    rows = readme.split("<!-- scores:")[1].split("<!-- /scores -->")[0].strip().splitlines()[3:]
    column = 2 if name == "seeds" else 3
    for key, row in zip(["mentions", "aliases", "events", "figures", "agents", "places"], rows):
        stated = float(row.split("|")[column])
        if abs(stated - got[key]) > 0.0015:
            bad.append(f"README says {name} {key} {stated}, measured {got[key]:.3f}")
if bad:
    sys.exit("below floor or README out of date: " + "; ".join(bad))
print("score: all floors held on " + ", ".join(sets))
PY
