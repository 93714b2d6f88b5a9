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
manifest.xml in the format of corpus/karabakh-2023/manifest.xml. Article i is written to
articles/NNN/NNNNNN.txt (a thousand to a directory).

The output depends only on the seeds, the lexicon, --seed and -n: the same inputs give the same bytes,
whatever --jobs. The made-up name pools (sized by -n) are built once, before any article, and each
article draws from a random generator of its own, seeded by (--seed, its index); the seed paragraphs
are scanned for names and numbers once, so an article only draws its replacements. The worker
processes write a thousand articles each, and the manifest is streamed in article order.

Usage: bench/gen_corpus.py -n 1000 -o bench/data/1k [--seed 7] [--jobs N] [--seeds DIR] [--lexicon DIR]
"""

import argparse
import bisect
import contextlib
import datetime
import multiprocessing
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
WORD_RE = re.compile(f"[{ARABIC_LETTERS}]+")
NUMBER_RE = re.compile(r"(?<![0-9])[0-9]+(?![0-9])")
DAY0 = datetime.date(2023, 1, 1)  # publication dates are DAY0 + 0..729 days
# Articles per subdirectory of articles/ (articles/000/000000.txt …), and per task of a worker process.
PER_DIR = 1000


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


class Template:
    """A seed paragraph cut once into literal text and the places an article fills in.

    `pieces` is the paragraph as a list of strings; `slots` lists (index into pieces, clitic, slot name)
    in text order and `numbers` lists (index into pieces, lowest, highest) for each number that is not a
    year. Where a slot or a number goes, `pieces` holds the original text, kept when a slot is not
    replaced. Which words are slots does not depend on the article, so the paragraph is scanned only
    once; an article then only draws the replacements.
    """

    def __init__(self, text, slots, numbers, pieces):
        self.text, self.slots, self.numbers, self.pieces = text, slots, numbers, pieces


class Generator:
    """Everything an article is drawn from: the seeds cut into templates, the lexicon's names and the
    made-up name pools. Built once, deterministically, before any article; article(i) then depends only
    on i and this state, so articles can be written by any number of processes in any order."""

    def __init__(self, seeds, entities, n, seed):
        self.seed = seed
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
        self.slots = self.make_slots()
        self.state_by_id = {e["id"]: e for e in self.states}
        self.place_by_id = {e["id"]: e for ents in self.by_subtype.values() for e in ents}
        # Each seed paragraph is scanned for slots and numbers once, here.
        self.seeds = [[self.template(p) for p in s] for s in seeds]
        self.headlines = [s[0] for s in self.seeds]

    def make_slots(self):
        """Every replaceable surface string -> (slot kind, slot key, word form)."""
        slots = {}
        for e in self.states:
            for f in e["forms"]:
                slots.setdefault(f, ("state", e["id"], "form"))
            for nb in e["nisbas"]:
                for suffix in ("ية", "يون", "يين", "يات", "يا", ""):
                    form = nb + suffix[1:] if nb.endswith("ي") and suffix else nb + suffix
                    slots.setdefault("ال" + form, ("state", e["id"], "nisba-al" + suffix))
                    slots.setdefault(form, ("state", e["id"], "nisba" + suffix))
            for d in e["demonyms"]:
                slots.setdefault("ال" + d, ("state", e["id"], "demonym"))
        for sub, ents in self.by_subtype.items():
            for e in ents:
                for f in e["forms"]:
                    slots.setdefault(f, ("place", e["id"], "form"))
        persons = [(e["id"], e["forms"]) for e in self.lex_persons]
        persons += [("seed:" + p, [p]) for p in SEED_RULE_PERSONS]
        for pid, forms in persons:
            for f in forms:
                slots.setdefault(f, ("person", pid, "full" if " " in f else "surname"))
            for f in forms:
                if " " in f:
                    slots.setdefault(f.rsplit(" ", 1)[1], ("person", pid, "surname"))
        return slots

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

    def template(self, text):
        """Cuts a paragraph into a Template: its slots (the longest name at each word, left to right) and
        its numbers. Names hold no ASCII digits, so replacing them moves no number boundary."""
        words = list(WORD_RE.finditer(text))
        spans = []  # (start, end, kind, data), in text order
        i = 0
        while i < len(words):
            hit = self.find_slot(text, words, i)
            if hit is None:
                i += 1
                continue
            end, clitic, name = hit
            spans.append((words[i].start(), end, "slot", (clitic, name)))
            while i < len(words) and words[i].start() < end:
                i += 1
        for m in NUMBER_RE.finditer(text):
            s = m.group(0)
            if 1900 <= int(s) <= 2099 and len(s) == 4:
                continue  # a year
            rng = (2, 9) if len(s) == 1 else (10 ** (len(s) - 1), 10 ** len(s) - 1)
            spans.append((m.start(), m.end(), "number", rng))
        spans.sort()
        pieces, slots, numbers, pos = [], [], [], 0
        for start, end, kind, data in spans:
            pieces.append(text[pos:start])
            (slots if kind == "slot" else numbers).append((len(pieces),) + data)
            pieces.append(text[start:end])
            pos = end
        pieces.append(text[pos:])
        return Template(text, slots, numbers, pieces)

    def pick_body(self, rng):
        target = rng.randint(8, 24)
        body = []
        while len(body) < target:
            s = rng.choice(self.seeds)
            start = rng.randrange(1, len(s)) if len(s) > 1 else 0
            run = rng.randint(1, 4)
            body.extend(s[start:start + run])
        return body[:target]

    def state_replacement(self, rng, sid, cache):
        if sid not in cache:
            cache[sid] = rng.choice(self.states) if rng.random() < 0.75 else self.state_by_id[sid]
        return cache[sid]

    def person_replacement(self, rng, pid, cache):
        if pid not in cache:
            r = rng.random()
            if r < 0.25:
                full = rng.choice(rng.choice(self.lex_persons)["forms"])
                if " " not in full:
                    full = self.persons.draw(rng)
            else:
                full = self.persons.draw(rng)
                if rng.random() < 0.1:
                    full = spelling_variant(rng, full)
            cache[pid] = full
        return cache[pid]

    def place_replacement(self, rng, eid, cache):
        if eid not in cache:
            e = self.place_by_id[eid]
            r = rng.random()
            if r < 0.25 and e["subtype"] in ("City", "Village"):
                cache[eid] = self.places.draw(rng)
            elif r < 0.85:
                cache[eid] = rng.choice(rng.choice(self.by_subtype[e["subtype"]])["forms"])
            else:
                cache[eid] = rng.choice(e["forms"])
        return cache[eid]

    def replacement(self, rng, name, cache):
        """The text that replaces the slot `name` in this article, or None to keep it."""
        kind, key, form = self.slots[name]
        if kind == "state":
            st = self.state_replacement(rng, key, cache.setdefault("state", {}))
            if st["id"] == key:
                return None
            if form == "form":
                return rng.choice(st["forms"])
            if form.startswith("nisba"):
                if not st["nisbas"]:
                    return None
                al = form.startswith("nisba-al")
                suffix = form[len("nisba-al"):] if al else form[len("nisba"):]
                nb = st["nisbas"][0]
                return ("ال" if al else "") + (nb + suffix[1:] if nb.endswith("ي") and suffix else nb + suffix)
            return "ال" + st["demonyms"][0] if st["demonyms"] else None
        if kind == "place":
            return self.place_replacement(rng, key, cache.setdefault("place", {}))
        full = self.person_replacement(rng, key, cache.setdefault("person", {}))
        return full if form == "full" else full.rsplit(" ", 1)[-1]

    def fill(self, rng, tpl, cache):
        """One paragraph of an article: its names replaced (consistently, through `cache`), then its
        numbers redrawn with as many digits."""
        out = tpl.pieces[:]
        for at, clitic, name in tpl.slots:
            new = self.replacement(rng, name, cache)
            if new is not None:
                # After ل the article's alef is elided (لل); otherwise a clitic stays as it was.
                if clitic.endswith("ل") and new.startswith("ال"):
                    new = new[1:]
                out[at] = clitic + new
        for at, lo, hi in tpl.numbers:
            out[at] = str(rng.randint(lo, hi))
        return "".join(out)

    def article(self, i):
        """Article i (0-based): its text, outlet and publication date, from a generator of its own seeded
        by (--seed, i), so that it does not depend on which process writes it or on the other articles."""
        rng = random.Random(f"khabar-bench/{self.seed}/{i}")
        cache = {}
        paras = [rng.choice(self.headlines)] + self.pick_body(rng)
        text = "\n".join(self.fill(rng, p, cache) for p in paras) + "\n"
        outlet = rng.choice(self.outlets)["en"]
        date = DAY0 + datetime.timedelta(days=rng.randrange(730))
        return text, outlet, date


# The generator of the worker processes (set by _init_worker; inherited as is where processes fork).
_GEN = None


def _init_worker(gen):
    global _GEN
    _GEN = gen


def write_dir(out, k, n):
    """Writes the articles of subdirectory k (articles k*PER_DIR … up to n) with the generator _GEN;
    returns their manifest lines and their total size in bytes."""
    sub = f"{k:03d}"
    os.makedirs(os.path.join(out, "articles", sub), exist_ok=True)
    lines, total = [], 0
    for i in range(k * PER_DIR, min(n, (k + 1) * PER_DIR)):
        rel = f"articles/{sub}/{i:06d}.txt"
        text, outlet, date = _GEN.article(i)
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(out, rel), "wb") as f:
            f.write(data)
        lines.append(f"  <article file={quoteattr(rel)} outlet={quoteattr(outlet)}"
                     f" published=\"{date.isoformat()}\"/>\n")
    return "".join(lines), total


def _write_dir_task(args):
    return write_dir(*args)


def stale_files(out, n):
    """Files of articles/ that an earlier run left and this one did not write (the build would read
    them too): their number."""
    art = os.path.join(out, "articles")
    stale = 0
    for sub in os.listdir(art):
        path = os.path.join(art, sub)
        if not (os.path.isdir(path) and sub.isdigit()):
            stale += 1
            continue
        k = int(sub)
        keep = {f"{i:06d}.txt" for i in range(k * PER_DIR, min(n, (k + 1) * PER_DIR))}
        stale += sum(1 for f in os.listdir(path) if f not in keep)
    return stale


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, required=True, help="number of articles")
    ap.add_argument("-o", "--out", required=True, help="output directory (articles/ and manifest.xml)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: the number of CPUs); the output does not depend on it")
    ap.add_argument("--seeds", default=os.path.join(ROOT, "corpus", "karabakh-2023", "seeds"))
    ap.add_argument("--lexicon", default=os.path.join(ROOT, "ontology", "lexicon"))
    a = ap.parse_args()
    if a.n < 0 or a.jobs < 1:
        ap.error("-n must be >= 0 and --jobs >= 1")
    gen = Generator(load_seeds(a.seeds), load_lexicon(a.lexicon), a.n, a.seed)
    reused = os.path.isdir(os.path.join(a.out, "articles")) and os.listdir(os.path.join(a.out, "articles"))
    os.makedirs(os.path.join(a.out, "articles"), exist_ok=True)
    tasks = [(a.out, k, a.n) for k in range((a.n + PER_DIR - 1) // PER_DIR)]
    total, done = 0, 0
    tmp = os.path.join(a.out, "manifest.xml.tmp")
    with open(tmp, "w", encoding="utf-8") as man:
        man.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        man.write(f'<!-- Generated by bench/gen_corpus.py -n {a.n} --seed {a.seed}: synthetic articles. -->\n')
        man.write(f'<corpus name="bench-{a.n}-seed{a.seed}" language="ar">\n')
        # One process writes everything with --jobs 1; else a pool whose results come back in task order,
        # so the manifest is streamed in article order. Leaving the `with` ends the workers, on an error too.
        pool = multiprocessing.Pool(a.jobs, _init_worker, (gen,)) if a.jobs > 1 else None
        with pool or contextlib.nullcontext():
            if pool is None:
                _init_worker(gen)
            results = pool.imap(_write_dir_task, tasks) if pool else map(_write_dir_task, tasks)
            for lines, size in results:
                man.write(lines)
                total += size
                done += 1
                if done % 100 == 0 and sys.stderr.isatty():
                    print(f"gen_corpus: {min(done * PER_DIR, a.n)} / {a.n} articles", file=sys.stderr)
        man.write("</corpus>\n")
    os.replace(tmp, os.path.join(a.out, "manifest.xml"))
    print(f"gen_corpus: {a.n} articles, {total} bytes ({total / max(a.n, 1):.0f} per article) in {a.out}",
          file=sys.stderr)
    if reused and (stale := stale_files(a.out, a.n)):
        print(f"gen_corpus: warning: {a.out}/articles holds {stale} files of an earlier run that the build "
              "would read too; remove the directory and generate again", file=sys.stderr)


if __name__ == "__main__":
    main()
