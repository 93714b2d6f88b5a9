# The SPARQL endpoint client of `khabar query --endpoint`, against a scripted HTTP server on 127.0.0.1:
# the request it sends (POST form, Accept, default-graph-uri), JSON results with every term type,
# escapes and surrogate pairs, chunked answers on a connection the server keeps open, ASK, and each
# failure (HTTP error, invalid JSON, wrong content type, a server that never answers or hangs up) as a
# clear message and exit code 1. virtuoso.sh tests the same client against the real Virtuoso.
source "$(dirname "$0")/lib.sh"
cat >"$WORK/server.py" <<'PY'
import json, socket, sys, threading, time
log = open(sys.argv[1], "w")
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(8)
# A second listener that must never be reached: the target of a redirect and the proxy of the environment.
trap_srv = socket.socket()
trap_srv.bind(("127.0.0.1", 0))
trap_srv.listen(8)
TRAP = trap_srv.getsockname()[1]
print(srv.getsockname()[1], TRAP, flush=True)

def trap():
    while True:
        conn, _ = trap_srv.accept()
        open(sys.argv[1] + ".trap", "a").write("reached\n")
        conn.close()
threading.Thread(target=trap, daemon=True).start()

RESULT = {"head": {"vars": ["s", "label", "n", "b", "none"]}, "results": {"bindings": [
    {"s": {"type": "uri", "value": "https://w3id.org/khabar/entity/armenia"},
     "label": {"type": "literal", "xml:lang": "ar", "value": "أرمينيا"},
     "n": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "43"},
     "b": {"type": "bnode", "value": "b0"}},
    {"s": {"type": "uri", "value": "https://w3id.org/khabar/entity/x"},
     "label": {"type": "literal", "value": "say \"hi\"\nand \\ \U0001F600"},
     "n": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#date", "value": "2023-09-30"}}]}}

HEAD = [""]

def answer(conn, query):
    case = query.split("# case: ", 1)[1].split("\n", 1)[0] if "# case: " in query else "ok"
    if case == "ok":
        body = json.dumps(RESULT, ensure_ascii=True).encode()  # \u escapes, a surrogate pair for U+1F600
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
                     + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
    elif case == "chunked":  # keep-alive: the client must stop at the last chunk, not wait for a close
        body = json.dumps(RESULT).encode()
        half = len(body) // 2
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json; charset=utf-8\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        for part in (body[:half], body[half:]):
            conn.sendall(b"%x\r\n" % len(part) + part + b"\r\n")
            time.sleep(0.05)
        conn.sendall(b"0\r\n\r\n")
        time.sleep(3)
    elif case == "ask":
        body = b'{"head":{},"boolean":true}'
        conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n" + body)
    elif case == "error":
        conn.sendall(b"HTTP/1.1 500 SPARQL Request Failed\r\nContent-Type: text/plain\r\nContent-Length: 27\r\n\r\n"
                     b"Virtuoso 42000 Error SR186\n")
    elif case == "badjson":
        conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n{\"head\": [")
    elif case == "html":
        conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html></html>")
    elif case == "nt":  # a CONSTRUCT's answer, asked for as N-Triples
        assert "accept: application/n-triples" in HEAD[0].lower(), HEAD[0]
        body = ('<https://w3id.org/khabar/entity/b> <http://www.w3.org/2000/01/rdf-schema#label> "\\u0628\\u0627\\u0643\\u0648"@ar .\n'
                '<https://w3id.org/khabar/entity/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/khabar/ontology#Country> .\n').encode()
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/n-triples; charset=UTF-8\r\nContent-Length: "
                     + str(len(body)).encode() + b"\r\n\r\n" + body)
    elif case == "redirect":  # the client must not follow it
        conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%d/sparql\r\nContent-Length: 0\r\n\r\n" % TRAP)
    elif case == "hang":
        time.sleep(30)
    elif case == "hangup":
        pass

def serve(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, v = line.split(b":", 1)
        if k.strip().lower() == b"content-length":
            length = int(v)
    while len(body) < length:
        body += conn.recv(65536)
    from urllib.parse import parse_qs
    form = parse_qs(body.decode())
    HEAD[0] = head.decode()
    log.write(json.dumps({"head": head.decode(), "form": form}) + "\n")
    log.flush()
    answer(conn, form.get("query", [""])[0])
    conn.close()

while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
PY
python3 "$WORK/server.py" "$WORK/requests" >"$WORK/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
read -r port trap_port <"$WORK/port"
[ -n "$port" ] || fail "the test server did not start"
url="http://127.0.0.1:$port/sparql"
q() { printf 'SELECT * WHERE { ?s ?p ?o }\n# case: %s\n' "$1" >"$WORK/$1.rq"; echo "$WORK/$1.rq"; }

# Every term type, in N-Triples form; the request is a form POST with the default graph.
expect_rc 0 "$KHABAR" query --endpoint "$url" --graph-iri "https://example.org/g" "$(q ok)" --format tsv
cat >"$WORK/want" <<'TSV'
?s	?label	?n	?b	?none
<https://w3id.org/khabar/entity/armenia>	"أرمينيا"@ar	"43"^^<http://www.w3.org/2001/XMLSchema#integer>	_:b0	
<https://w3id.org/khabar/entity/x>	"say \"hi\"\nand \\ 😀"	"2023-09-30"^^<http://www.w3.org/2001/XMLSchema#date>		
TSV
diff -u "$WORK/want" "$WORK/out" || fail "results of the endpoint not read right"
python3 - "$WORK/requests" <<'PY' || fail "the request is not a SPARQL protocol form POST"
import json, sys
r = json.loads(open(sys.argv[1]).readline())
head = r["head"].lower()
assert head.startswith("post /sparql http/1.1\r\n"), head
assert "accept: application/sparql-results+json" in head, head
assert "content-type: application/x-www-form-urlencoded" in head, head
assert r["form"]["default-graph-uri"] == ["https://example.org/g"], r["form"]
assert r["form"]["query"][0].startswith("SELECT * WHERE { ?s ?p ?o }"), r["form"]
PY
expect_rc 0 "$KHABAR" query --endpoint "http://localhost:$port/sparql" "$(q ok)" --format json
grep -q '"xml:lang":"ar"' "$WORK/out" || fail "json output lost the language tag"

# A chunked answer on a connection left open: complete, and without waiting for the server.
start=$(date +%s%N)
expect_rc 0 "$KHABAR" query --endpoint "$url" "$(q chunked)" --format tsv
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 2500 ] || fail "the client waited for the server to close"
diff -u "$WORK/want" "$WORK/out" || fail "chunked answer not read right"

expect_rc 0 "$KHABAR" query --endpoint "$url" "$(q ask)"
[ "$(cat "$WORK/out")" = true ] || fail "ASK answer not read"

# Failures: exit 1 and a message that says what happened.
expect_rc 1 "$KHABAR" query --endpoint "$url" "$(q error)"
grep -q "HTTP 500 SPARQL Request Failed: Virtuoso 42000" "$WORK/err" || fail "HTTP error not reported with the server's message"
expect_rc 1 "$KHABAR" query --endpoint "$url" "$(q badjson)"
grep -q "not valid JSON" "$WORK/err" || fail "invalid JSON not reported"
expect_rc 1 "$KHABAR" query --endpoint "$url" "$(q html)"
grep -q "text/html" "$WORK/err" || fail "wrong content type not reported"
expect_rc 1 "$KHABAR" query --endpoint "$url" "$(q hangup)"
grep -q "closed the connection" "$WORK/err" || fail "a server hanging up is not reported"
expect_rc 1 "$KHABAR" query --endpoint "$url" "$(q hang)" --timeout 1
grep -q "timed out" "$WORK/err" || fail "a server that never answers is not reported"
# No redirect is followed, and no proxy of the environment is used (libcurl would honour http_proxy).
expect_rc 1 "$KHABAR" query --endpoint "$url" "$(q redirect)"
grep -q "HTTP 302" "$WORK/err" || fail "a redirect is not reported as the endpoint's answer"
for var in http_proxy HTTP_PROXY ALL_PROXY all_proxy; do
  env "$var=http://127.0.0.1:$trap_port" "$KHABAR" query --endpoint "$url" "$(q ok)" --format tsv >"$WORK/out" ||
    fail "$var in the environment broke the query"
  diff -q "$WORK/want" "$WORK/out" >/dev/null || fail "$var in the environment changed the answer"
done
[ ! -e "$WORK/requests.trap" ] || fail "the client followed a redirect or used a proxy off the endpoint"

# Only this machine, only http, only queries.
for bad in "http://example.org/sparql" "https://127.0.0.1/sparql" "ftp://127.0.0.1/x" "http://127.0.0.1:99999/sparql" \
  "http://user@127.0.0.1/sparql" "http://10.0.0.1/sparql" "http://[2001:db8::1]:80/sparql"; do
  expect_rc 2 "$KHABAR" query --endpoint "$bad" "$(q ok)"
  grep -qF "$bad" "$WORK/err" || fail "$bad: refusal does not name the URL"
done
# CONSTRUCT: the answer is asked for as N-Triples and printed as Turtle (default) or sorted N-Triples.
printf 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }\n# case: nt\n' >"$WORK/construct.rq"
expect_rc 0 "$KHABAR" query --endpoint "$url" "$WORK/construct.rq" --format ntriples
cat >"$WORK/want.nt" <<'NT'
<https://w3id.org/khabar/entity/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/khabar/ontology#Country> .
<https://w3id.org/khabar/entity/b> <http://www.w3.org/2000/01/rdf-schema#label> "باكو"@ar .
NT
diff -u "$WORK/want.nt" "$WORK/out" || fail "CONSTRUCT at an endpoint: N-Triples not as expected"
expect_rc 0 "$KHABAR" query --endpoint "$url" "$WORK/construct.rq"
grep -q '^@prefix khe: <https://w3id.org/khabar/entity/>' "$WORK/out" || fail "CONSTRUCT at an endpoint: no Turtle prefixes"
grep -q 'khe:a' "$WORK/out" && grep -q 'kh:Country' "$WORK/out" && grep -q '"باكو"@ar' "$WORK/out" ||
  fail "CONSTRUCT at an endpoint: Turtle not as expected"
expect_rc 2 "$KHABAR" query --endpoint "$url" "$(q ask)" --format turtle
grep -q "true or false" "$WORK/err" || fail "--format turtle of an ASK: no clear message"
[ "$(wc -l <"$WORK/requests")" -eq 17 ] || fail "refused queries reached the server ($(wc -l <"$WORK/requests") requests)"
echo "endpoint: client requests, answers and failures as expected"
