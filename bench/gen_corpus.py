#!/usr/bin/env python3
"""Writes a synthetic Arabic news corpus for benchmarking Khabar, deterministic for a seed.

Each article recombines paragraphs of the seed articles (corpus/karabakh-2023/seeds): a headline
(the first line of a seed) and 8-24 body paragraphs taken as runs of 1-4 consecutive paragraphs, so
that the text reads like wire copy (about 4 KB an article, as the seeds). Names are then substituted,
consistently within the article:

  - states (their forms, nisba adjectives with their inflections, and demonyms) by other states;
  - cities, regions and villages by lexicon places of the same subtype, sometimes by a made-up place;
  - persons (lexicon persons and the names the extractor finds by rule in the seeds), full name and
    surname alone, by a lexicon person or, more often, by a made-up person from a pool that grows
    with the corpus (drawn with a Zipf law, with an occasional spelling variant: غ/ج, a long vowel
    more or less), so the number of distinct names found by rule grows as in a real feed;
  - numbers (not years) by numbers of the same number of digits.

Each article gets an outlet (a lexicon media outlet) and a publication date in 2023-2024, written to
manifest.xml in the format of corpus/karabakh-2023/manifest.xml. The output depends only on the
seeds, the lexicon and --seed: the same inputs give the same bytes.

Usage: bench/gen_corpus.py -n 1000 -o bench/data/1k [--seed 7] [--seeds DIR] [--lexicon DIR]
"""

import argparse
import bisect
import datetime
import os
import random
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Persons that the extractor finds by rule (title, apposition, reporting verb) in the seed articles:
# not in the lexicon, so they are listed here to be substituted like lexicon persons.
SEED_RULE_PERSONS = ["نازلي باغداساريان", "أرتاك بيكليريان", "إيدمان ماروجيان", "جيغام ستيبانيان", "مالينا"]

# Material for made-up names: transliterated first names and surname stems and endings of the
# kinds that appear in Arabic wire copy (Caucasus, Russia, Turkey, Iran, the Arab world, Europe).
FIRST_NAMES = ("أرمين آرام كارين ليفون سيرغي أليكسي إيغور أوليغ ميخائيل ديمتري أحمد محمد علي حسن خالد عمر "
               "يوسف إبراهيم مراد كمال جودت فريد رستم إلهام أنار ماريا آنا إيلينا ناتاليا سونا لوسين غاياني "
               "جان بيير ميشيل ماريون هانز كلاوس ستيفان جوزيف ديفيد جون روبرت توماس").split()
SURNAME_ENDINGS = ["يان", "يان", "يان", "وف", "وفا", "ييف", "سكي", "أوغلو", "زاده", "لي", "ي", ""]
PLACE_ENDINGS = ["كيرت", "لو", "لي", "آباد", "شين", "دزور", "ان", "كند"]
# Syllables of made-up names: a consonant and an optional long vowel.
CONSONANTS = "ب ت د ر ز س ش ف ك ل م ن ه غ ج خ ق ط".split()
VOWELS = ["ا", "و", "ي", ""]

ARABIC_LETTERS = r"\u0621-\u064A\u0660-\u0669\u066E-\u06D3"
# Proclitics that may precede a name, longest first; "" last.
CLITIC_PREFIXES = ["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك", ""]


def load_lexicon(lexdir):
    """Entities from every *.xml of the lexicon: id, type, subtype, forms, nisbas, demonyms, en."""
    entities = []
    for name in sorted(os.listdir(lexdir)):
        if not name.endswith(".xml"):
            continue
        root = ET.parse(os.path.join(lexdir, name)).getroot()
        for e in root.iter("entity"):
            entities.append({
                "id": e.get("id"),
                "type": e.get("type"),
                "subtype": e.get("subtype") or "",
                "en": e.get("en") or e.get("id"),
                "forms": [f.text.strip() for f in e.findall("form") if f.text and f.text.strip()],
                "nisbas": [f.text.strip() for f in e.findall("nisba") if f.text and f.text.strip()],
                "demonyms": [f.text.strip() for f in e.findall("demonym") if f.text and f.text.strip()],
            })
    return entities


def load_seeds(seeddir):
    """Paragraph lists per seed article (non-empty lines), in file-name order."""
    seeds = []
    for name in sorted(os.listdir(seeddir)):
        if name.endswith(".txt"):
            with open(os.path.join(seeddir, name), encoding="utf-8-sig") as f:
                paras = [line.strip() for line in f.read().split("\n")]
            seeds.append([p for p in paras if p])
    return seeds


class NamePool:
    """Made-up names, generated once for the pool size, drawn with a Zipf law (rank r with weight 1/r)."""

    def __init__(self, rng, size, make):
        seen, self.names = set(), []
        for _ in range(100 * size):
            if len(self.names) == size:
                break
            n = make(rng)
            if n not in seen:
                seen.add(n)
                self.names.append(n)
        else:
            raise SystemExit(f"gen_corpus: cannot make {size} distinct names")
        acc, self.cum = 0.0, []
        for r in range(1, size + 1):
            acc += 1.0 / r
            self.cum.append(acc)

    def draw(self, rng):
        return self.names[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


def syllables(rng, lo, hi):
    s = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(rng.randint(lo, hi)))
    return ("أ" + s) if rng.random() < 0.15 else s


def make_person(rng):
    return rng.choice(FIRST_NAMES) + " " + syllables(rng, 2, 3) + rng.choice(SURNAME_ENDINGS)


def make_place(rng):
    return syllables(rng, 1, 2) + rng.choice(PLACE_ENDINGS)


def spelling_variant(rng, name):
    """A transliteration variant of a made-up name, as different outlets write it."""
    swaps = [("غ", "ج"), ("ج", "غ"), ("ك", "ق"), ("يان", "ان"), ("ي", ""), ("و", "")]
    for _ in range(3):
        a, b = rng.choice(swaps)
        words = name.split(" ")
        w = len(words) - 1
        if a in words[w][1:]:
            i = words[w].index(a, 1)
            words[w] = words[w][:i] + b + words[w][i + len(a):]
            return " ".join(words)
    return name


class Generator:
    def __init__(self, seeds, entities, n, seed):
        self.seeds = seeds
        self.rng = random.Random(seed)
        pool_rng = random.Random(seed * 7919 + 1)
        self.persons = NamePool(pool_rng, max(300, n // 3), make_person)
        self.places = NamePool(pool_rng, max(100, n // 20), make_place)
        self.states = [e for e in entities if e["type"] == "State" and e["forms"]]
        self.by_subtype = {}
        for e in entities:
            if e["type"] == "Place" and e["subtype"] in ("City", "Region", "Village") and e["forms"]:
                self.by_subtype.setdefault(e["subtype"], []).append(e)
        self.lex_persons = [e for e in entities if e["type"] == "Person" and e["forms"]]
        self.outlets = [e for e in entities if e["subtype"] == "MediaOutlet"] or [{"en": "Unknown"}]
        # Every replaceable surface string -> (slot kind, slot key, word form). Longest first in the
        # regex, so that "نيكول باشينيان" wins over "باشينيان".
        self.slots = {}
        for e in self.states:
            for f in e["forms"]:
                self.slots.setdefault(f, ("state", e["id"], "form"))
            for nb in e["nisbas"]:
                for suffix in ("ية", "يون", "يين", "يات", "يا", ""):
                    form = nb + suffix[1:] if nb.endswith("ي") and suffix else nb + suffix
                    self.slots.setdefault("ال" + form, ("state", e["id"], "nisba-al" + suffix))
                    self.slots.setdefault(form, ("state", e["id"], "nisba" + suffix))
            for d in e["demonyms"]:
                self.slots.setdefault("ال" + d, ("state", e["id"], "demonym"))
        for sub, ents in self.by_subtype.items():
            for e in ents:
                for f in e["forms"]:
                    self.slots.setdefault(f, ("place", e["id"], "form"))
        persons = [(e["id"], e["forms"]) for e in self.lex_persons]
        persons += [("seed:" + p, [p]) for p in SEED_RULE_PERSONS]
        for pid, forms in persons:
            for f in forms:
                self.slots.setdefault(f, ("person", pid, "full" if " " in f else "surname"))
            for f in forms:
                if " " in f:
                    self.slots.setdefault(f.rsplit(" ", 1)[1], ("person", pid, "surname"))
        self.state_by_id = {e["id"]: e for e in self.states}
        self.place_by_id = {e["id"]: e for ents in self.by_subtype.values() for e in ents}
        self.word_re = re.compile(f"[{ARABIC_LETTERS}]+")
        self.number_re = re.compile(r"(?<![0-9])[0-9]+(?![0-9])")
        self.headlines = [s[0] for s in seeds]

    def pick_body(self):
        rng = self.rng
        target = rng.randint(8, 24)
        body = []
        while len(body) < target:
            s = rng.choice(self.seeds)
            start = rng.randrange(1, len(s)) if len(s) > 1 else 0
            run = rng.randint(1, 4)
            body.extend(s[start:start + run])
        return body[:target]

    def state_replacement(self, sid, cache):
        if sid not in cache:
            cache[sid] = self.rng.choice(self.states) if self.rng.random() < 0.75 else self.state_by_id[sid]
        return cache[sid]

    def person_replacement(self, pid, cache):
        if pid not in cache:
            r = self.rng.random()
            if r < 0.25:
                full = self.rng.choice(self.rng.choice(self.lex_persons)["forms"])
                if " " not in full:
                    full = self.persons.draw(self.rng)
            else:
                full = self.persons.draw(self.rng)
                if self.rng.random() < 0.1:
                    full = spelling_variant(self.rng, full)
            cache[pid] = full
        return cache[pid]

    def place_replacement(self, eid, cache):
        if eid not in cache:
            e = self.place_by_id[eid]
            r = self.rng.random()
            if r < 0.25 and e["subtype"] in ("City", "Village"):
                cache[eid] = self.places.draw(self.rng)
            elif r < 0.85:
                cache[eid] = self.rng.choice(self.rng.choice(self.by_subtype[e["subtype"]])["forms"])
            else:
                cache[eid] = self.rng.choice(e["forms"])
        return cache[eid]

    def replacement(self, name, cache):
        """The text that replaces the slot `name` in this article, or None to keep it."""
        kind, key, form = self.slots[name]
        if kind == "state":
            st = self.state_replacement(key, cache.setdefault("state", {}))
            if st["id"] == key:
                return None
            if form == "form":
                return self.rng.choice(st["forms"])
            if form.startswith("nisba"):
                if not st["nisbas"]:
                    return None
                al = form.startswith("nisba-al")
                suffix = form[len("nisba-al"):] if al else form[len("nisba"):]
                nb = st["nisbas"][0]
                return ("ال" if al else "") + (nb + suffix[1:] if nb.endswith("ي") and suffix else nb + suffix)
            return "ال" + st["demonyms"][0] if st["demonyms"] else None
        if kind == "place":
            return self.place_replacement(key, cache.setdefault("place", {}))
        full = self.person_replacement(key, cache.setdefault("person", {}))
        return full if form == "full" else full.rsplit(" ", 1)[-1]

    def find_slot(self, text, words, i):
        """The longest slot starting at word i (after optional proclitics): (end offset, clitic, name)."""
        for n in range(min(4, len(words) - i), 0, -1):
            if any(text[words[k].end():words[k + 1].start()] != " " for k in range(i, i + n - 1)):
                continue
            cand = text[words[i].start():words[i + n - 1].end()]
            for cl in CLITIC_PREFIXES:
                if not cand.startswith(cl):
                    continue
                rest = cand[len(cl):]
                if rest in self.slots:
                    return words[i + n - 1].end(), cl, rest
                if cl.endswith("ل") and rest.startswith("ل") and "ا" + rest in self.slots:  # لل = ل + ال
                    return words[i + n - 1].end(), cl, "ا" + rest
        return None

    def substitute(self, text, cache):
        words = list(self.word_re.finditer(text))
        out, pos, i = [], 0, 0
        while i < len(words):
            hit = self.find_slot(text, words, i)
            if hit is None:
                i += 1
                continue
            end, clitic, name = hit
            new = self.replacement(name, cache)
            if new is not None:
                out.append(text[pos:words[i].start()])
                # After ل the article's alef is elided (لل); otherwise a clitic stays as it was.
                if clitic.endswith("ل") and new.startswith("ال"):
                    new = new[1:]
                out.append(clitic + new)
                pos = end
            while i < len(words) and words[i].start() < end:
                i += 1
        out.append(text[pos:])
        text = "".join(out)

        def num(m):
            s = m.group(0)
            v = int(s)
            if 1900 <= v <= 2099 and len(s) == 4:
                return s  # a year
            if len(s) == 1:
                return str(self.rng.randint(2, 9))
            return str(self.rng.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))

        return self.number_re.sub(num, text)

    def article(self):
        cache = {}
        paras = [self.rng.choice(self.headlines)] + self.pick_body()
        return "\n".join(self.substitute(p, cache) for p in paras) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, required=True, help="number of articles")
    ap.add_argument("-o", "--out", required=True, help="output directory (articles/ and manifest.xml)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--seeds", default=os.path.join(ROOT, "corpus", "karabakh-2023", "seeds"))
    ap.add_argument("--lexicon", default=os.path.join(ROOT, "ontology", "lexicon"))
    a = ap.parse_args()
    gen = Generator(load_seeds(a.seeds), load_lexicon(a.lexicon), a.n, a.seed)
    art_dir = os.path.join(a.out, "articles")
    os.makedirs(art_dir, exist_ok=True)
    day0 = datetime.date(2023, 1, 1)
    total = 0
    with open(os.path.join(a.out, "manifest.xml.tmp"), "w", encoding="utf-8") as man:
        man.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        man.write(f'<!-- Generated by bench/gen_corpus.py -n {a.n} --seed {a.seed}: synthetic articles. -->\n')
        man.write(f'<corpus name="bench-{a.n}-seed{a.seed}" language="ar">\n')
        for i in range(a.n):
            sub = f"{i // 1000:03d}"
            rel = f"articles/{sub}/{i:06d}.txt"
            text = gen.article()
            os.makedirs(os.path.join(a.out, "articles", sub), exist_ok=True)
            data = text.encode("utf-8")
            total += len(data)
            with open(os.path.join(a.out, rel), "wb") as f:
                f.write(data)
            outlet = gen.rng.choice(gen.outlets)["en"]
            date = day0 + datetime.timedelta(days=gen.rng.randrange(730))
            man.write(f"  <article file={quoteattr(rel)} outlet={quoteattr(outlet)} published=\"{date.isoformat()}\"/>\n")
        man.write("</corpus>\n")
    os.replace(os.path.join(a.out, "manifest.xml.tmp"), os.path.join(a.out, "manifest.xml"))
    print(f"gen_corpus: {a.n} articles, {total} bytes ({total / max(a.n, 1):.0f} per article) in {a.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
