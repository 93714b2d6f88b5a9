// The private triple store of `khabar query GRAPH` for large graphs: a Virtuoso on 127.0.0.1 with its own
// data directory in the cache (KHABAR_CACHE_DIR, else $XDG_CACHE_HOME/khabar, else ~/.cache/khabar:
// DIR = virtuoso/<name>-<hash of the graph's absolute path>), started and bulk-loaded through
// scripts/virtuoso.sh, and left running for the next query. The load is reused while the graph file is
// unchanged: DIR/loaded records the file's path, size, modification time, inode and a hash of its first
// and last MiB, and a different record means load again. Concurrent khabar processes take turns on DIR
// (flock on DIR.lock). docs/virtuoso.md describes it for users.
#ifndef KHABAR_CLI_STORE_H_
#define KHABAR_CLI_STORE_H_

#include <filesystem>
#include <functional>
#include <string>

#include "khabar/ontology/status.h"

namespace khabar::cli {

struct StoreOptions {
  std::filesystem::path graph;   // a .ttl or .nt file
  std::filesystem::path script;  // scripts/virtuoso.sh
  std::string graph_iri;         // the named graph the file is loaded into
  // Progress and notes for the user (one line each, without the "khabar: " prefix).
  std::function<void(const std::string&)> note;
};

// True when Virtuoso's server and isql (virtuoso-t, isql-vt, or $VIRTUOSO and $ISQL) are on PATH.
bool VirtuosoInstalled();

// The data directory of `graph`'s private store (see above); it need not exist yet.
std::filesystem::path StoreDir(const std::filesystem::path& graph);

// Makes sure the private store of options.graph runs and holds the current version of the file, and sets
// *endpoint to its SPARQL endpoint URL (http://127.0.0.1:PORT/sparql). Says on options.note what takes
// time (starting, loading) and, every ten seconds, that it is still at it. Errors: NotFound (Virtuoso not
// installed, with what to do), IoError (the script failed: its own message went to stderr).
[[nodiscard]] Status EnsureStore(const StoreOptions& options, std::string* endpoint);

}  // namespace khabar::cli

#endif  // KHABAR_CLI_STORE_H_
