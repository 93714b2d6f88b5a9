#!/usr/bin/env bash
# A private Virtuoso (Debian's virtuoso-opensource) for Khabar graphs: its own data directory, both
# ports bound to 127.0.0.1 only, a random DBA password kept in the directory (mode 600).
#
#   scripts/virtuoso.sh start DIR [--sql-port N] [--http-port N]   start (ports: free ones by default);
#                                                                  prints the SPARQL endpoint URL
#   scripts/virtuoso.sh load  DIR GRAPH.ttl|.nt [GRAPH_IRI]        bulk-load a graph file into a named
#                                                                  graph (default https://w3id.org/khabar/graph),
#                                                                  replacing what that graph held
#   scripts/virtuoso.sh load  DIR GRAPH.nq                         bulk-load N-Quads (khabar build -o x.nq)
#                                                                  into the graphs they name (one per
#                                                                  article, the entities, the happenings),
#                                                                  replacing what those graphs held
#   scripts/virtuoso.sh drop  DIR GRAPH_IRI                        empty one named graph (an article's)
#   scripts/virtuoso.sh endpoint DIR                               print the SPARQL endpoint URL
#   scripts/virtuoso.sh status DIR                                 exit 0 if the instance is running
#   scripts/virtuoso.sh stop  DIR                                  shut down (the data directory stays)
#
# Then: build/khabar query --endpoint "$(scripts/virtuoso.sh endpoint DIR)" statements
# docs/virtuoso.md explains the setup. Nothing here listens on or talks to anything but 127.0.0.1.
set -euo pipefail

DEFAULT_GRAPH="https://w3id.org/khabar/graph"
VIRTUOSO=${VIRTUOSO:-virtuoso-t}
ISQL=${ISQL:-isql-vt}

die() { echo "virtuoso.sh: $*" >&2; exit 1; }
usage() { sed -n '2,19p' "$0" >&2; exit 2; }

need_tools() {
  command -v "$VIRTUOSO" >/dev/null || die "$VIRTUOSO not found: install virtuoso-opensource (scripts/setup.sh)"
  command -v "$ISQL" >/dev/null || die "$ISQL not found: install virtuoso-opensource (scripts/setup.sh)"
}

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Reads DIR/ports (SQL_PORT, HTTP_PORT) and DIR/dba-password.
read_state() {
  local dir=$1
  [ -f "$dir/ports" ] || die "$dir: no Virtuoso instance here (run: $0 start $dir)"
  # shellcheck source=/dev/null
  . "$dir/ports"
  DBA_PW=$(cat "$dir/dba-password" 2>/dev/null || echo dba)
}

# A quoted SQL string literal: 'it''s'.
sql_str() { printf "'%s'" "${1//\'/\'\'}"; }

# isql-vt as dba, the password given on its standard input (the answer to its password prompt), never
# in its arguments, which any local user can read in the process list. Without -P, isql first tries an
# empty password (the server logs one "Incorrect login"; a later success resets its count of failures)
# and then prompts; that first "Bad login" is dropped from the output. Extra arguments go to isql.
isql_dba() {
  local out rc=0
  out=$(printf '%s\n' "$DBA_PW" | "$ISQL" -H 127.0.0.1 -S "$SQL_PORT" -U dba "$@" 2>/dev/null) || rc=$?
  # Drop the first attempt's two lines of error.
  awk 'skip == 0 && /^\*\*\* Error 28000: .*Bad login/ { skip = 2 } skip > 0 { skip--; next } { print }' <<<"$out"
  return $rc
}

# isql DIR SQL: runs SQL statements as dba, from a file of mode 600 (not in the process list either: the
# first one sets the DBA password); fails on any SQL error.
isql() {
  shift
  local out sql
  # In the temporary directory: isql's LOAD cannot open a path with a quote in it (DIR may have one).
  sql=$(umask 077 && mktemp "${TMPDIR:-/tmp}/khabar-isql.XXXXXX.sql")
  printf '%s\n' "$*" >"$sql"
  out=$(isql_dba "VERBOSE=OFF" "PROMPT=OFF" "BANNER=OFF" "ERRORS=STDOUT" "EXEC=LOAD $sql;") ||
    { rm -f "$sql"; echo "$out" >&2; return 1; }
  rm -f "$sql"
  if grep -q '^\*\*\* Error\|^[^ ]*isql[^ ]*: ' <<<"$out"; then echo "$out" >&2; return 1; fi
  printf '%s\n' "$out"
}

pid_of() {  # the server's pid from its lock file, if it is running
  local dir=$1 pid
  pid=$(sed -n 's/^VIRT_PID=//p' "$dir/db/virtuoso.lck" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

cmd_start() {
  local dir="" sql_port="" http_port=""
  while [ $# -gt 0 ]; do
    case $1 in
      --sql-port) sql_port=$2; shift 2 ;;
      --http-port) http_port=$2; shift 2 ;;
      -*) usage ;;
      *) [ -z "$dir" ] || usage; dir=$1; shift ;;
    esac
  done
  [ -n "$dir" ] || usage
  need_tools
  mkdir -p "$dir/db" "$dir/load"
  dir=$(cd "$dir" && pwd)
  if [ -n "$(pid_of "$dir")" ]; then die "$dir: already running (pid $(pid_of "$dir"))"; fi
  sql_port=${sql_port:-$(free_port)}
  http_port=${http_port:-$(free_port)}
  [ "$sql_port" != "$http_port" ] || http_port=$(free_port)
  printf 'SQL_PORT=%s\nHTTP_PORT=%s\n' "$sql_port" "$http_port" >"$dir/ports"
  # Both servers bind 127.0.0.1 only (host:port form); no Unix socket, no plugins, no VAD, and the bulk
  # loader may read only DIR/load.
  cat >"$dir/virtuoso.ini" <<INI
; Generated by scripts/virtuoso.sh: a private instance for Khabar graphs, loopback only.
[Database]
DatabaseFile       = $dir/db/virtuoso.db
ErrorLogFile       = $dir/db/virtuoso.log
LockFile           = $dir/db/virtuoso.lck
TransactionFile    = $dir/db/virtuoso.trx
xa_persistent_file = $dir/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/db/virtuoso-temp.db
TransactionFile    = $dir/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$sql_port
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
AllowOSCalls             = 0
DirsAllowed              = ., $dir/load
NumberOfBuffers          = ${VIRTUOSO_BUFFERS:-20000}
MaxDirtyBuffers          = ${VIRTUOSO_DIRTY_BUFFERS:-15000}
ThreadsPerQuery          = 2
MaxQueryMem              = 1G

[HTTPServer]
ServerPort                  = 127.0.0.1:$http_port
ServerRoot                  = $dir/vsp
MaxClientConnections        = 10
ServerThreads               = 10
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
Charset                     = UTF-8

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 600
DefaultGraph               = $DEFAULT_GRAPH
INI
  mkdir -p "$dir/vsp"
  # +wait: return once the server accepts connections (or failed to start).
  (cd "$dir/db" && "$VIRTUOSO" +configfile "$dir/virtuoso.ini" +wait >"$dir/db/start.log" 2>&1) || {
    cat "$dir/db/start.log" "$dir/db/virtuoso.log" >&2 2>/dev/null || true
    die "virtuoso-t did not start (see $dir/db/virtuoso.log)"
  }
  # Replace the well-known default DBA password of a new database with a random one.
  if [ ! -f "$dir/dba-password" ]; then
    local pw
    # Letters and digits, starting with a letter: Virtuoso's SQL parser reads a leading digit as a number.
    pw=k$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
    # The well-known WebDAV account dav/dav would let any local user PUT files under /DAV/ (and
    # uploaded .ttl files are loaded as graphs): disabled, its password replaced, and the /DAV
    # directory of the web server removed. The SPARQL account (anonymous read-only queries) stays.
    local davpw
    davpw=k$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
    if ! SQL_PORT=$sql_port DBA_PW=dba isql "$dir" "SET PASSWORD dba $pw;
        USER_CHANGE_PASSWORD('dav', 'dav', '$davpw');
        USER_SET_OPTION('dav', 'DISABLED', 1);
        DB.DBA.VHOST_REMOVE(lhost=>'*ini*', vhost=>'*ini*', lpath=>'/DAV');" >/dev/null; then
      kill -TERM "$(pid_of "$dir")" 2>/dev/null || true
      die "cannot set the DBA password or disable the dav account (the server was stopped)"
    fi
    (umask 077 && printf '%s\n' "$pw" >"$dir/dba-password")
  fi
  echo "http://127.0.0.1:$http_port/sparql"
}

# The IRI goes into SPARQL between < and >, and into SQL strings: only IRI characters.
check_graph_iri() {
  case $1 in
    *[![:graph:]]* | *[\<\>\"{}\|^\`\\\']* | '') die "$1: not a usable graph IRI (spaces, quotes, <>{}|^\` or \\)" ;;
    *:*) ;;
    *) die "$1: not an absolute IRI" ;;
  esac
}

cmd_load() {
  [ $# -ge 2 ] && [ $# -le 3 ] || usage
  local dir=$1 file=$2 graph=${3:-$DEFAULT_GRAPH}
  need_tools
  dir=$(cd "$dir" && pwd)
  read_state "$dir"
  [ -n "$(pid_of "$dir")" ] || die "$dir: not running (run: $0 start $dir)"
  [ -f "$file" ] || die "$file: no such graph file"
  check_graph_iri "$graph"
  local name
  case $file in
    *.ttl) name=graph.ttl ;;
    *.nt) name=graph.nt ;;
    *.nq)
      name=graph.nq
      [ $# = 2 ] || die "$file: N-Quads name their own graphs; give no GRAPH_IRI"
      ;;
    *) die "$file: expected a .ttl, .nt or .nq file" ;;
  esac
  # The graphs to replace: GRAPH_IRI, or those an N-Quads file names (the next-to-last field of each line:
  # khabar writes every quad with an IRI graph label, and IRIs hold no spaces).
  local graphs
  if [ "$name" = graph.nq ]; then
    graphs=$(awk 'NF >= 5 && $(NF - 1) ~ /^<.*>$/ { g = $(NF - 1); print substr(g, 2, length(g) - 2) }' "$file" |
      LC_ALL=C sort -u)
    [ -n "$graphs" ] || die "$file: no quad names a graph"
  else
    graphs=$graph
  fi
  local g clear="" values=""
  while IFS= read -r g; do
    check_graph_iri "$g"
    clear+="SPARQL CLEAR GRAPH <$g>;"$'\n'
    values+=" <$g>"
  done <<<"$graphs"
  rm -f "$dir/load"/graph.*
  cp "$file" "$dir/load/$name"
  # The bulk loader: register the file, load it, then check the load list for per-file errors (ld_dir
  # takes the graph of an .nq file's quads from the quads; its graph argument serves triples only).
  # DIR may hold any character, a quote too: every value is an SQL string literal, quoted.
  local load_dir=$dir/load
  isql "$dir" "$clear
    DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file IN ($(sql_str "$load_dir/graph.ttl"), $(sql_str "$load_dir/graph.nt"),
      $(sql_str "$load_dir/graph.nq"));
    ld_dir($(sql_str "$load_dir"), $(sql_str "$name"), $(sql_str "$graph"));
    rdf_loader_run();
    checkpoint;" >/dev/null || die "bulk load of $file failed"
  local errors
  errors=$(isql "$dir" "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;" | grep -v '^$' || true)
  if grep -qF "$load_dir" <<<"$errors"; then
    echo "$errors" >&2
    die "the bulk loader reported errors for $file"
  fi
  local n
  if [ "$name" = graph.nq ]; then
    n=$(isql "$dir" "SPARQL SELECT COUNT(*) WHERE { VALUES ?g {$values } GRAPH ?g { ?s ?p ?o } };" |
      grep -Eo '^[0-9]+' | head -n 1)
    echo "loaded $n quads into $(wc -l <<<"$graphs") named graphs"
  else
    n=$(isql "$dir" "SPARQL SELECT COUNT(*) FROM <$graph> WHERE { ?s ?p ?o };" | grep -Eo '^[0-9]+' | head -n 1)
    echo "loaded $n triples into <$graph>"
  fi
}

cmd_drop() {
  [ $# = 2 ] || usage
  local dir=$1 graph=$2
  need_tools
  dir=$(cd "$dir" && pwd)
  read_state "$dir"
  [ -n "$(pid_of "$dir")" ] || die "$dir: not running (run: $0 start $dir)"
  check_graph_iri "$graph"
  isql "$dir" "SPARQL CLEAR GRAPH <$graph>;
    checkpoint;" >/dev/null || die "could not drop <$graph>"
  echo "dropped <$graph>"
}

cmd_endpoint() {
  [ $# = 1 ] || usage
  read_state "$1"
  echo "http://127.0.0.1:$HTTP_PORT/sparql"
}

cmd_status() {
  [ $# = 1 ] || usage
  local pid
  pid=$(pid_of "$1")
  if [ -n "$pid" ]; then
    read_state "$1"
    echo "running (pid $pid), SPARQL endpoint http://127.0.0.1:$HTTP_PORT/sparql"
  else
    echo "not running"
    return 1
  fi
}

cmd_stop() {
  [ $# = 1 ] || usage
  local dir=$1 pid
  pid=$(pid_of "$dir")
  [ -n "$pid" ] || { echo "not running"; return 0; }
  read_state "$dir"
  # A clean shutdown (checkpoint) through SQL; a signal if that fails; SIGKILL as a last resort.
  isql_dba -K >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { echo "stopped"; return 0; }
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  sleep 2
  kill -KILL "$pid" 2>/dev/null || true
  echo "stopped (forced)"
}

[ $# -ge 1 ] || usage
cmd=$1; shift
case $cmd in
  start) cmd_start "$@" ;;
  load) cmd_load "$@" ;;
  drop) cmd_drop "$@" ;;
  endpoint) cmd_endpoint "$@" ;;
  status) cmd_status "$@" ;;
  stop) cmd_stop "$@" ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
