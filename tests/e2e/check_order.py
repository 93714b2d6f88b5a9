#!/usr/bin/env python3
"""check_order.py QUERY.rq RESULT.tsv: exit 1 (naming the first pair) if the rows of RESULT.tsv, the
`khabar query --format tsv` answer of QUERY.rq, are not in the order of the query's ORDER BY.

An independent reading of SPARQL 1.1 section 15.1 (unbound < blank node < IRI < literal; numeric literals
by value, other values by their text), for the ORDER BY forms the bundled queries use: ?v, ASC(?v),
DESC(?v) and COALESCE(?v, ..., "constant"^^type). Exit 0 with a note when the query has no ORDER BY."""
import re
import sys

NUMERIC = ("integer", "decimal", "double", "float", "nonNegativeInteger", "int", "long")


def order_keys(query):
    text = re.sub(r"#[^\n]*", "", query)
    at = text.upper().rfind("ORDER BY")
    if at < 0:
        return None
    clause = re.split(r"\b(?:LIMIT|OFFSET)\b", text[at + 8:], flags=re.I)[0]
    keys = []
    for m in re.finditer(r'(DESC|ASC)\s*\(\s*\?(\w+)\s*\)|COALESCE\s*\(([^)]*)\)|\?(\w+)', clause, re.I):
        if m.group(2):
            keys.append(([("var", m.group(2))], m.group(1).upper() == "DESC"))
        elif m.group(3) is not None:
            terms = []
            for arg in m.group(3).split(","):
                arg = arg.strip()
                if arg.startswith("?"):
                    terms.append(("var", arg[1:]))
                else:
                    terms.append(("const", '"' + re.match(r'"([^"]*)"', arg).group(1) + '"'))
            keys.append((terms, False))
        else:
            keys.append(([("var", m.group(4))], False))
    return keys


def sort_value(cell):
    if cell == "":
        return (0,)
    if cell.startswith("_:"):
        return (1, cell)
    if cell.startswith("<"):
        return (2, cell[1:-1])
    if re.fullmatch(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?", cell):  # roqet writes numbers bare
        return (3, 0, float(cell), cell)
    m = re.match(r'^"(.*)"(?:\^\^<http://www.w3.org/2001/XMLSchema#(\w+)>|@[\w-]+)?$', cell, re.S)
    lexical, dtype = (m.group(1), m.group(2)) if m else (cell, None)
    if dtype in NUMERIC:
        return (3, 0, float(lexical), lexical)
    return (3, 1, 0.0, lexical)


def compare(a, b):
    if a[0] != b[0]:
        return -1 if a[0] < b[0] else 1
    if a[0] == 3 and a[1] == 0 and b[1] == 0 and a[2] != b[2]:
        return -1 if a[2] < b[2] else 1
    ka, kb = a[-1], b[-1]
    return (ka > kb) - (ka < kb)


def main():
    query = open(sys.argv[1], encoding="utf-8").read()
    lines = open(sys.argv[2], encoding="utf-8").read().rstrip("\n").split("\n")
    keys = order_keys(query)
    if not keys:
        print(f"{sys.argv[1]}: no ORDER BY")
        return 0
    header = [h.lstrip("?") for h in lines[0].split("\t")]
    rows = [line.split("\t") for line in lines[1:]]
    missing = [t for terms, _ in keys for kind, t in terms if kind == "var" and t not in header]
    if missing:
        print(f"{sys.argv[1]}: ORDER BY uses ?{missing[0]}, which is not a result column: order by projected "
              "variables, so that the order can be checked (and restored for Rasqal)", file=sys.stderr)
        return 1

    def key_value(row, terms):
        for kind, t in terms:
            if kind == "const":
                return sort_value(t)
            if t in header and row[header.index(t)] != "":
                return sort_value(row[header.index(t)])
        return sort_value("")

    for i in range(1, len(rows)):
        for terms, desc in keys:
            c = compare(key_value(rows[i - 1], terms), key_value(rows[i], terms))
            if desc:
                c = -c
            if c < 0:
                break
            if c > 0:
                print(f"{sys.argv[1]}: rows {i} and {i + 1} are out of order on {terms} "
                      f"({'DESC' if desc else 'ASC'}):\n  {lines[i]}\n  {lines[i + 1]}", file=sys.stderr)
                return 1
    print(f"{sys.argv[1]}: {len(rows)} rows in ORDER BY order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
