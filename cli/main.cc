// khabar: the command-line front end: argument parsing, and the query, queries and dot subcommands; build,
// extract and merge are in build.cc. The work is done by the ontology, extract, graph and export libraries.
// Exit codes: common.h.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "build.h"
#include "common.h"
#include "khabar/export/dot.h"
#include "khabar/export/endpoint.h"
#include "khabar/export/sparql.h"
#include "khabar/export/writer.h"
#include "khabar/extract/extractor.h"
#include "store.h"

namespace fs = std::filesystem;
using namespace khabar;       // NOLINT
using namespace khabar::cli;  // NOLINT

namespace {

const char* const kExitCodes =
    "Exit codes: 0 success; 1 fatal error (output, lexicon, manifest or query); 2 usage error;\n"
    "3 partial success (output written, some inputs skipped: see the messages).";

struct QueryOptions {
  std::string graph;
  std::string query;
  std::string format = "table";
  std::string endpoint;         // a SPARQL endpoint on this machine instead of a graph file
  std::string default_graph;    // default-graph-uri sent with --endpoint
  std::string engine = "auto";  // for a graph file: auto, rasqal (embedded) or virtuoso (private store)
  int timeout_s = 120;
  bool allow_service = false;  // let SERVICE / FROM read URLs or local files
};

fs::path FindQuery(const std::string& q) {
  std::error_code ec;
  if (fs::is_regular_file(q, ec)) return q;
  // A bundled query is named by a plain name: "../x" or "a/b" never resolves outside the directory.
  if (q.empty() || q.find('/') != std::string::npos || q.find('\\') != std::string::npos || q[0] == '.') return {};
  for (const fs::path& dir : {DataDir() / "queries", DataDir() / "queries" / "eval"}) {
    fs::path p = dir / (q + ".rq");
    if (fs::is_regular_file(p, ec)) return p;
  }
  return {};
}

// Graph files above this size are queried in the private triple store by default (--engine auto): the
// embedded engine's GROUP BY / ORDER BY grow faster than linearly (docs/queries.md, "Which engine, and
// when"). 4 MiB is about 25,000 triples of N-Triples or 60,000 of Turtle: a hundred or so articles.
constexpr std::uintmax_t kLargeGraphBytes = 4u << 20;

std::string SizeText(std::uintmax_t bytes) {
  return bytes < 1024 * 1024 ? std::to_string(bytes / 1024) + " KB" : std::to_string(bytes / (1024 * 1024)) + " MB";
}

// Watches a query while it runs: after a second it says on stderr that it is still working, every ten
// seconds after that. With `kill_after_s` > 0 it ends the process at that time with `timeout_message`:
// the embedded engine (Redland/Rasqal) has no way to stop a query, and ending the process is what
// stops its work. (A query at an endpoint is stopped by the server and libcurl instead.)
class QueryWatch {
 public:
  QueryWatch(std::string what, int kill_after_s, std::string timeout_message) {
    thread_ = std::thread([this, what = std::move(what), kill_after_s, msg = std::move(timeout_message)] {
      auto start = std::chrono::steady_clock::now();
      std::unique_lock lock(mu_);
      int next_note = 1;
      for (;;) {
        if (cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return done_; })) return;
        auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (kill_after_s > 0 && secs >= kill_after_s) {
          Note(msg);
          std::_Exit(kExitFatal);
        }
        if (secs >= next_note) {
          Note("still " + what + ": " + std::to_string(static_cast<int>(secs)) + " s" +
               (kill_after_s > 0 ? " of at most " + std::to_string(kill_after_s) + " (--timeout)" : std::string()));
          next_note = next_note == 1 ? 10 : next_note + 10;
        }
      }
    });
  }
  ~QueryWatch() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  QueryWatch(const QueryWatch&) = delete;
  QueryWatch& operator=(const QueryWatch&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

// The engine for a graph file: "rasqal" or "virtuoso" as asked, or by size for "auto" (the embedded
// engine, with a note, when Virtuoso is not installed). Empty after a usage error (already reported).
std::string ChooseEngine(const QueryOptions& o) {
  if (o.engine != "auto") return o.engine;
  std::error_code ec;
  auto bytes = fs::file_size(o.graph, ec);
  if (ec || bytes <= kLargeGraphBytes) return "rasqal";
  if (cli::VirtuosoInstalled()) return "virtuoso";
  Note("note: " + o.graph + " is large (" + SizeText(bytes) +
       ") and the triple store for large graphs is not installed: the embedded engine may take minutes. Install "
       "Debian's virtuoso-opensource (scripts/setup.sh) for fast answers (docs/virtuoso.md)");
  return "rasqal";
}

Status RunOnGraphFile(const QueryOptions& o, const std::string& query, exporter::QueryResult* r) {
  std::string engine = ChooseEngine(o);
  std::error_code ec;
  auto bytes = fs::file_size(o.graph, ec);
  if (std::string ext = fs::path(o.graph).extension().string(); engine == "virtuoso" && ext != ".ttl" && ext != ".nt") {
    return Status::InvalidArgument(o.graph + ": the private store loads Turtle (.ttl) or N-Triples (.nt) graph files");
  }
  if (engine == "virtuoso") {
    cli::StoreOptions so;
    so.graph = o.graph;
    so.script = DataDir() / "scripts" / "virtuoso.sh";
    so.graph_iri = o.default_graph;
    so.note = [](const std::string& m) { Note(m); };
    std::string endpoint;
    KHABAR_RETURN_IF_ERROR(cli::EnsureStore(so, &endpoint));
    exporter::EndpointOptions eo;
    eo.default_graph = o.default_graph;
    eo.timeout_ms = (o.timeout_s > 0 ? o.timeout_s : 24 * 3600) * 1000;  // 0: a day, not "now"
    eo.allow_service = o.allow_service;
    QueryWatch watch("waiting for the triple store's answer (" + endpoint + ")", 0, "");
    return exporter::RunEndpointQuery(endpoint, query, eo, r);
  }
  exporter::LocalQueryOptions lo;
  lo.allow_service = o.allow_service;
  std::string size = ec ? std::string() : " (" + SizeText(bytes) + ")";
  QueryWatch watch("loading and querying " + o.graph + size + " with the embedded engine", o.timeout_s,
                   "error: the query of " + o.graph + " did not finish in " + std::to_string(o.timeout_s) +
                       " s (--timeout) and was stopped. The embedded engine (Rasqal) is slow on large graphs: "
                       "query the private triple store instead (--engine virtuoso; docs/virtuoso.md), or give a "
                       "longer --timeout (0: none)");
  return exporter::RunQuery(o.graph, query, lo, r);
}

int RunQuery(QueryOptions o) {
  // With --endpoint the graph lives in the triple store: the one positional argument is the query.
  if (!o.endpoint.empty() && o.query.empty()) std::swap(o.graph, o.query);
  if (!o.endpoint.empty() && !o.graph.empty()) {
    Note("error: with --endpoint give only the query, not a graph file ('" + o.graph + "')");
    return kExitUsage;
  }
  if (o.query.empty()) {
    Note("error: give a graph file and a query (khabar query GRAPH QUERY), or --endpoint URL and a query");
    return kExitUsage;
  }
  exporter::ResultFormat rf;
  if (!exporter::ParseResultFormat(o.format, &rf)) {
    Note(
        "error: --format must be table, csv, tsv, json, turtle or ntriples (turtle and ntriples: the RDF of a "
        "CONSTRUCT or DESCRIBE)");
    return kExitUsage;
  }
  if (o.endpoint.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(o.graph, ec)) {
      Note("error: " + o.graph + ": no such graph file");
      return kExitFatal;
    }
  }
  fs::path qf = FindQuery(o.query);
  if (qf.empty()) {
    Note("error: " + o.query + ": no such query file, nor a bundled query of that name (see 'khabar queries')");
    return kExitUsage;
  }
  std::ifstream in(qf);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof()) {
    Note("error: " + qf.string() + ": cannot read");
    return kExitFatal;
  }
  exporter::QueryResult r;
  Status s;
  if (o.endpoint.empty()) {
    s = RunOnGraphFile(o, ss.str(), &r);
  } else {
    exporter::EndpointOptions eo;
    eo.default_graph = o.default_graph;
    eo.timeout_ms = (o.timeout_s > 0 ? o.timeout_s : 24 * 3600) * 1000;  // 0: a day, not "now"
    eo.allow_service = o.allow_service;
    QueryWatch watch("waiting for " + o.endpoint, 0, "");
    s = exporter::RunEndpointQuery(o.endpoint, ss.str(), eo, &r);
  }
  if (!s.ok()) {
    Note("error: " + qf.string() + ": " + s.ToString());
    return s.code() == Status::Code::kUnsupported || s.code() == Status::Code::kInvalidArgument ? kExitUsage
                                                                                                : kExitFatal;
  }
  if ((rf == exporter::ResultFormat::kNTriples || rf == exporter::ResultFormat::kTurtle) && !r.graph) {
    Note("error: --format " + o.format + " writes the RDF of a CONSTRUCT or DESCRIBE query; this query gives " +
         (r.boolean ? "true or false" : "rows") + " (use table, csv, tsv or json)");
    return kExitUsage;
  }
  exporter::WriteResult(r, rf, std::cout);
  std::cout.flush();
  return std::cout ? kExitOk : kExitFatal;
}

struct DotCliOptions {
  std::string graph;
  std::string view = "actors";
  std::string lang = "ar";
  std::string output;
  std::string engine;
  int top = -1;
  int timeout_s = 120;
  bool quiet = false;
};

int RunDot(const DotCliOptions& o) {
  exporter::DotOptions d;
  if (!exporter::ParseDotView(o.view, &d.view)) {
    Note("error: --view must be actors, events, timeline or aliases, not '" + o.view + "'");
    return kExitUsage;
  }
  if (o.lang != "ar" && o.lang != "en") {
    Note("error: --lang must be ar or en, not '" + o.lang + "'");
    return kExitUsage;
  }
  d.lang = o.lang == "ar" ? exporter::DotLang::kArabic : exporter::DotLang::kEnglish;
  d.top = o.top;
  d.engine = o.engine;
  auto t0 = std::chrono::steady_clock::now();
  exporter::DotGraph g;
  if (Status s = exporter::BuildDot(o.graph, d, &g); !s.ok()) {
    Note("error: " + s.ToString());
    return s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFatal;
  }
  if (Status s = exporter::WriteDot(g, o.output, o.timeout_s); !s.ok()) {
    Note("error: " + s.ToString());
    return s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFatal;
  }
  if (!o.quiet) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    Note(o.view + " view: " + std::to_string(g.shown) + " of " + std::to_string(g.total) + " shown, " +
         std::to_string(g.nodes) + " nodes, " + std::to_string(g.edges) + " edges, layout " + g.engine + " -> " +
         o.output + " in " + Seconds(secs));
  }
  return kExitOk;
}

int ListQueries() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(DataDir() / "queries", ec)) {
    if (e.path().extension() == ".rq") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line, title;
    while (std::getline(in, line)) {
      if (line.rfind("#", 0) == 0) {
        title = line.substr(line.find_first_not_of("# "));
        break;
      }
    }
    std::cout << f.stem().string() << "\t" << title << "\n";
  }
  return kExitOk;
}

const char* const kStreamHelp =
    "auto (the default), on or off. A streaming build keeps only the entities and event reports in memory, spills "
    "each article's extraction to a file beside the output (.NAME.spill-PID.kreg, removed at the end) and writes "
    "the graph article by article: memory grows with the entities, not with the triples. The graph is the same; "
    "the output groups triples by article instead of sorting them all. auto streams above 100,000 articles";

// The options that build and extract share: how articles are read and extracted, and progress.
void AddExtractionOptions(CLI::App* cmd, BuildOptions* o, const std::vector<std::string>& pass_names) {
  cmd->add_option("--manifest", o->manifest,
                  "Corpus manifest (XML: <corpus><article file=… outlet=… published=YYYY-MM-DD/>) giving each "
                  "article's outlet and publication date; without it dates stay unresolved")
      ->check(CLI::ExistingFile);
  cmd->add_option("-j,--jobs", o->jobs, "Extraction threads (default: all cores)");
  cmd->add_option("--lexicon", o->lexicon, "Lexicon directory (default: the bundled ontology/lexicon)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--disable-pass", o->disabled_passes,
                  "Switch off an extractor pass or per-trigger step by name (repeatable; build --list-passes lists "
                  "them, docs/passes.md explains them)")
      ->check(CLI::IsMember(pass_names));
  cmd->add_option("--max-article-bytes", o->max_article_bytes,
                  "Cut an article longer than this many bytes at the last sentence end before it, with a "
                  "warning naming the file (default 4194304 = 4 MiB; 0: no limit)");
  cmd->add_option("--shard", o->shard,
                  "Only the slice K/N (1 <= K <= N) of the corpus: the articles whose id hashes to it. The N "
                  "slices cover the corpus once; a build of a slice names entities, articles and events alike (its "
                  "aliases of names found by rule are merged within the slice only), and khabar extract's N "
                  "segments merge into the graph of the whole corpus (docs/registry.md)");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress bar and no summary");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "khabar: a knowledge graph of actors, places and events from Arabic news (RDF: Turtle, N-Triples, N-Quads, "
      "TriG).",
      "khabar"};
  app.footer(kExitCodes);
  app.require_subcommand(1);
  app.set_version_flag("--version", "khabar 0.1.0");

  std::vector<std::string> pass_names;  // the passes that can be switched off
  for (const auto& p : extract::ListPasses()) {
    if (!p.required) pass_names.emplace_back(p.name);
  }
  BuildOptions b;
  auto* build = app.add_subcommand(
      "build", "Extract every article and write one graph (Turtle, N-Triples, N-Quads, TriG or JSON-LD).");
  build->add_option("inputs", b.inputs,
                    "Article files (.txt UTF-8, .xml NITF) or directories (walked recursively); with --registry "
                    "they may be left out (the graph of the registry's articles)");
  build->add_option("-o,--output", b.output, "Output graph file (written atomically); '-' for standard output")
      ->required();
  AddExtractionOptions(build, &b, pass_names);
  build->add_option("--format", b.format,
                    "turtle, ntriples, nquads, trig or jsonld (default: from the output's extension .ttl, .nt, .nq, "
                    ".trig or .jsonld, else turtle). N-Quads, TriG and JSON-LD put each article's facts in a named "
                    "graph (the article's IRI) and the merged entities in <https://w3id.org/khabar/graph/entities>; "
                    "JSON-LD names the context https://w3id.org/khabar/context.jsonld (ontology/context.jsonld)");
  build->add_option("--no-merge", b.no_merge, "Switch off an alias-merge rule: phonetic, partial-name (repeatable)")
      ->check(CLI::IsMember({"phonetic", "partial-name"}));
  build
      ->add_flag_callback(
          "--list-passes",
          [] {
            for (const auto& p : extract::ListPasses()) {
              std::cout << p.stage << '\t' << p.name << (p.required ? " (required)" : "") << '\t' << p.what << '\n';
            }
            throw CLI::Success();
          },
          "List the extractor's passes in the order they run (stage, name, what each finds) and exit")
      ->trigger_on_parse();
  build->add_option("--registry", b.registry,
                    "Continue from (and add to) the article registry in this directory (created if missing; "
                    "docs/registry.md): only new or changed articles are extracted, and the graph is that of "
                    "every article in the registry, the same as a whole build of them");
  build->add_option("--remove", b.remove,
                    "With --registry: remove the article with this id (its kh:sourcePath) from the registry and "
                    "the graph (repeatable)");
  build->add_option("--stream", b.stream, kStreamHelp)->check(CLI::IsMember({"auto", "on", "off"}));
  build->footer(kExitCodes);

  BuildOptions ex;
  ex.extract_only = true;
  auto* extract_cmd = app.add_subcommand(
      "extract",
      "Extract articles into a registry segment file (FILE.kreg), no graph: one task of a sharded build, "
      "merged with 'khabar merge' (docs/registry.md).");
  extract_cmd->add_option("inputs", ex.inputs, "Article files or directories, as for build")->required();
  extract_cmd->add_option("-o,--output", ex.output, "The segment file to write (atomically), FILE.kreg")->required();
  AddExtractionOptions(extract_cmd, &ex, pass_names);
  extract_cmd->footer(kExitCodes);

  MergeOptions mo;
  auto* merge = app.add_subcommand(
      "merge",
      "Write the graph of the articles in registry directories and segment files (the shards of 'khabar "
      "extract --shard'): the same graph as a whole build of them.");
  merge->add_option("sources", mo.sources, "Registry directories and segment files (.kreg)")->required();
  merge->add_option("-o,--output", mo.output, "Output graph file (written atomically); '-' for standard output")
      ->required();
  merge->add_option("--format", mo.format, "turtle, ntriples, nquads, trig or jsonld (default: from -o's extension)");
  merge->add_option("-j,--jobs", mo.jobs, "Threads for sorting (default: all cores)");
  merge->add_option("--lexicon", mo.lexicon, "Lexicon directory (default: the bundled ontology/lexicon)")
      ->check(CLI::ExistingDirectory);
  merge->add_option("--no-merge", mo.no_merge, "Switch off an alias-merge rule: phonetic, partial-name (repeatable)")
      ->check(CLI::IsMember({"phonetic", "partial-name"}));
  merge->add_option("--stream", mo.stream, kStreamHelp)->check(CLI::IsMember({"auto", "on", "off"}));
  merge->add_flag("-q,--quiet", mo.quiet, "No summary");
  merge->footer(kExitCodes);

  QueryOptions q;
  auto* query = app.add_subcommand(
      "query",
      "Run a SPARQL query over a graph file (small graphs: the embedded engine, librdf/Rasqal; large ones: a private "
      "Virtuoso on 127.0.0.1, see --engine) or a triple store on this machine (--endpoint).");
  query->add_option("graph", q.graph, "Graph file (.ttl or .nt); left out with --endpoint");
  query->add_option("query", q.query, "A .rq file, or the name of a bundled query (see 'khabar queries')");
  query->add_option("--format", q.format,
                    "table (default), csv, tsv or json for SELECT (ASK prints true or false); CONSTRUCT and "
                    "DESCRIBE write RDF: turtle (the default for them) or ntriples (sorted, one triple a line)");
  query->add_option("--endpoint", q.endpoint,
                    "Query a SPARQL endpoint on this machine instead of a file, e.g. the Virtuoso started by "
                    "scripts/virtuoso.sh: http://127.0.0.1:PORT/sparql (docs/virtuoso.md)");
  query
      ->add_option("--graph-iri", q.default_graph,
                   "The named graph queried with --endpoint (default-graph-uri; scripts/virtuoso.sh loads into "
                   "https://w3id.org/khabar/graph), and the one the private store loads the file into")
      ->default_val("https://w3id.org/khabar/graph");
  query
      ->add_option("--timeout", q.timeout_s,
                   "Seconds the query may run (default 120; 0: no limit). Virtuoso (--endpoint or the private "
                   "store) is asked to stop its own work at that time; the embedded engine is stopped with a "
                   "message saying what to do instead. Loading a graph into the private store is not counted")
      ->check(CLI::NonNegativeNumber);
  query
      ->add_option("--engine", q.engine,
                   "For a graph file: auto (default: the embedded engine up to 4 MiB, larger files in a private "
                   "Virtuoso on 127.0.0.1, loaded once per version of the file and left running; docs/virtuoso.md), "
                   "rasqal (always the embedded engine) or virtuoso (always the private store). The store's data "
                   "are in $KHABAR_CACHE_DIR, else $XDG_CACHE_HOME/khabar, else ~/.cache/khabar")
      ->check(CLI::IsMember({"auto", "rasqal", "virtuoso"}));
  query->add_flag("--allow-service", q.allow_service,
                  "Let the query's SERVICE (and, on a graph file, FROM / FROM NAMED) read other data: a URL on "
                  "any host or a local file. Refused without it, as --endpoint is refused off this machine");
  query->footer(kExitCodes);

  auto* queries = app.add_subcommand("queries", "List the bundled SPARQL queries.");

  DotCliOptions dc;
  auto* dot = app.add_subcommand("dot", "Draw a view of a graph file with Graphviz (DOT, SVG, PNG or PDF).");
  dot->add_option("graph", dc.graph, "Graph file (.ttl or .nt)")->required();
  dot->add_option("--view", dc.view,
                  "actors: who did what to whom (edges typed by event); events: what happened where, with whom; "
                  "timeline: dated events in order; aliases: the names merged into each entity (default actors)");
  dot->add_option("--top", dc.top,
                  "Keep the N most connected actors / largest event groups / busiest dates / entities with most "
                  "names; 0 keeps all (defaults 30, 16, 15, 12: each renders in about a second)")
      ->check(CLI::NonNegativeNumber);
  dot->add_option("--lang", dc.lang, "Label language: ar (default) or en; falls back to the other one");
  dot->add_option("--engine", dc.engine,
                  "Graphviz layout engine (default dot; sfdp when a view exceeds 150 nodes or 400 edges)");
  dot->add_option("-o,--output", dc.output, "Output file: .dot/.gv (DOT source), .svg, .png or .pdf (rendered)")
      ->required();
  dot->add_option("--timeout", dc.timeout_s, "Seconds before a layout is stopped (default 120)")
      ->check(CLI::PositiveNumber);
  dot->add_flag("-q,--quiet", dc.quiet, "No summary line");
  dot->footer(kExitCodes);

  // A misspelled command (khabar biuld): CLI11 would only say "A subcommand is required".
  if (argc >= 2 && argv[1][0] != '-') {
    std::string cmd = argv[1];
    static const char* const kCommands[] = {"build", "extract", "merge", "query", "queries", "dot"};
    if (std::none_of(std::begin(kCommands), std::end(kCommands), [&](const char* c) { return cmd == c; })) {
      std::string best;
      std::size_t best_d = 3;  // suggest only a close name
      for (const char* c : kCommands) {
        std::string_view t = c;
        std::vector<std::size_t> row(t.size() + 1);
        for (std::size_t j = 0; j <= t.size(); ++j) row[j] = j;
        for (std::size_t i = 1; i <= cmd.size(); ++i) {  // Levenshtein distance, one row
          std::size_t diag = row[0];
          row[0] = i;
          for (std::size_t j = 1; j <= t.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (cmd[i - 1] == t[j - 1] ? 0 : 1)});
            diag = up;
          }
        }
        if (row[t.size()] < best_d) {
          best_d = row[t.size()];
          best = c;
        }
      }
      Note("error: unknown command '" + cmd + "'" + (best.empty() ? "" : "; did you mean '" + best + "'?") +
           " (commands: build, extract, merge, query, queries, dot; see khabar --help)");
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (*build) return RunBuild(b);
  if (*extract_cmd) return RunBuild(ex);
  if (*merge) return RunMerge(mo);
  if (*query) return RunQuery(q);
  if (*queries) return ListQueries();
  if (*dot) return RunDot(dc);
  return kExitUsage;
}
