// khabar: the command-line front end. Argument parsing, file walking, threads and progress only; the
// work is done by the ontology, extract, graph and export libraries.
//
// Exit codes (also in --help and README):
//   0  everything went well
//   1  fatal error: output could not be written, lexicon or manifest unreadable, query failed
//   2  usage error (bad option or argument)
//   3  partial: the output was written, but some inputs were skipped (each one reported)
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "khabar/export/dot.h"
#include "khabar/export/endpoint.h"
#include "khabar/export/sparql.h"
#include "khabar/export/writer.h"
#include "khabar/extract/extractor.h"
#include "khabar/graph/graph.h"
#include "khabar/ontology/lexicon.h"

namespace fs = std::filesystem;
using namespace khabar;  // NOLINT

namespace {

constexpr int kExitOk = 0, kExitFatal = 1, kExitUsage = 2, kExitPartial = 3;

const char* const kExitCodes =
    "Exit codes: 0 success; 1 fatal error (output, lexicon, manifest or query); 2 usage error;\n"
    "3 partial success (output written, some inputs skipped: see the messages).";

// Where the ontology, lexicon and bundled queries are: KHABAR_DATA_DIR, else the source tree this
// binary was built from, else the installed data directory.
fs::path DataDir() {
  if (const char* env = std::getenv("KHABAR_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  if (fs::is_directory(fs::path(KHABAR_SOURCE_DATA) / "ontology" / "lexicon", ec)) return KHABAR_SOURCE_DATA;
  return KHABAR_INSTALL_DATA;
}

// Messages name files and quote data: on a terminal, control characters in them (an ESC sequence in a
// file name) are shown as \xNN rather than acted on.
void Note(const std::string& msg) {
  static const bool tty = isatty(STDERR_FILENO) != 0;
  if (!tty) {
    std::cerr << "khabar: " << msg << "\n";
    return;
  }
  std::string shown;
  for (char c : msg) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      shown += buf;
    } else {
      shown.push_back(c);
    }
  }
  std::cerr << "khabar: " << shown << "\n";
}

struct Input {
  fs::path path;
  std::string id;
};

bool IsArticleFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".txt" || ext == ".xml" || ext == ".nitf";
}

// Expands files and directories (recursively, symlinked directories not followed, so loops cannot
// trap the walk) into a list of articles with stable ids, sorted by id then path whatever the order of
// the arguments: two articles with the same id get "~2", "~3" … in path order, so the graph is the
// same for any order of the same inputs.
std::vector<Input> CollectInputs(const std::vector<std::string>& args, const fs::path& manifest, int* problems) {
  std::vector<Input> raw;  // path and id before duplicates are told apart
  auto add = [&](const fs::path& p, const std::string& id0) {
    // Ids go into the graph: valid UTF-8 (a Latin-1 file name's byte becomes U+FFFD, reported when the
    // article is read), made valid before duplicates are told apart.
    std::vector<std::size_t> bad;
    std::u32string cps = extract::DecodeUtf8(id0, &bad);
    raw.push_back({p, bad.empty() ? id0 : extract::EncodeUtf8(cps)});
  };
  for (const auto& a : args) {
    fs::path root(a);
    std::error_code ec;
    auto st = fs::status(root, ec);
    if (ec || !fs::exists(st)) {
      Note("error: " + a + ": " + (ec ? ec.message() : "no such file or directory") + " (skipped)");
      ++*problems;
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<fs::path> files;
      fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const auto& e = *it;
        std::error_code ec2;
        if (e.is_directory(ec2)) {
          if (IsArticleFile(e.path())) {  // named like an article but a directory: say so
            Note("error: " + e.path().string() + ": is a directory, not an article (skipped)");
            ++*problems;
          } else if (!e.is_symlink(ec2) && ::access(e.path().c_str(), R_OK | X_OK) != 0) {
            // skip_permission_denied passes over it without a word: its articles would vanish silently.
            Note("error: " + e.path().string() + ": cannot read the directory: " + std::strerror(errno) +
                 " (its articles skipped)");
            ++*problems;
          }
          continue;
        }
        if (!IsArticleFile(e.path())) continue;
        if (!manifest.empty() && fs::equivalent(e.path(), manifest, ec2)) continue;
        files.push_back(e.path());
      }
      if (ec) {
        Note("error: " + a + ": cannot walk the directory: " + ec.message());
        ++*problems;
      }
      std::sort(files.begin(), files.end());
      fs::path base = root.lexically_normal();
      if (base.filename().empty()) base = base.parent_path();
      // "." or "..": the id starts with the directory's own name, never a dot segment (./x.txt in the
      // IRI and kh:sourcePath).
      if (base.filename() == "." || base.filename() == ".." || base.empty()) {
        std::error_code ec2;
        fs::path name = fs::absolute(base, ec2).lexically_normal();
        if (name.filename().empty()) name = name.parent_path();
        if (!ec2 && !name.filename().empty()) {
          for (const auto& f : files)
            add(f, (name.filename() / f.lexically_normal().lexically_relative(base)).generic_string());
          continue;
        }
      }
      for (const auto& f : files) {
        add(f, (base.filename() / f.lexically_normal().lexically_relative(base)).generic_string());
      }
    } else {
      add(root, root.filename().string());
    }
  }
  std::sort(raw.begin(), raw.end(), [](const Input& a, const Input& b) {
    return std::tie(a.id, a.path.native()) < std::tie(b.id, b.path.native());
  });
  std::vector<Input> out;
  std::set<std::string> ids;
  for (auto& in : raw) {
    std::string id = in.id;
    for (int k = 2; ids.count(id); ++k) id = in.id + "~" + std::to_string(k);
    ids.insert(id);
    out.push_back({std::move(in.path), std::move(id)});
  }
  return out;
}

// A deterministic slice of the corpus: `khabar build --shard K/N` keeps the articles whose id hashes
// to K - 1 modulo N. FNV-1a (64 bits) of the id, mixed: the same on every machine and in every run, so
// N shards built anywhere cover the corpus exactly once (with the same inputs named the same way: the
// id is the path below the directory given).
struct Shard {
  unsigned k = 0, n = 0;  // 1 ≤ k ≤ n; n == 0: no sharding
  bool Holds(std::string_view id) const {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : id) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    // FNV's low bits depend only on the low bits of the bytes: mix (splitmix64's finaliser) before
    // taking the remainder, or ids that differ in one letter could all fall in one shard.
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h % n == k - 1;
  }
};

bool ParseShard(const std::string& s, Shard* out) {
  unsigned k = 0, n = 0;
  char slash = 0, rest = 0;
  if (std::sscanf(s.c_str(), "%u%c%u%c", &k, &slash, &n, &rest) != 3 || slash != '/') return false;
  if (n == 0 || k == 0 || k > n) return false;
  *out = {k, n};
  return true;
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

// Progress on stderr: a bar with rate and ETA on a terminal, nothing otherwise (a summary follows).
class Progress {
 public:
  Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled && isatty(STDERR_FILENO)) {}
  void Update(std::size_t done) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (done != total_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
    int width = 30;
    int filled = total_ ? static_cast<int>(width * done / total_) : width;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu articles  %.0f/s  ETA %.0f s ",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done, total_, rate, eta);
    if (done == total_) std::fprintf(stderr, "\n");
  }

 private:
  std::size_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

struct BuildOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::string manifest;
  std::string format;
  std::string lexicon;
  std::vector<std::string> no_merge;
  std::vector<std::string> disabled_passes;
  std::size_t max_article_bytes = extract::kDefaultMaxArticleBytes;
  std::string shard;
  unsigned jobs = 0;
  bool quiet = false;
};

int RunBuild(const BuildOptions& o) {
  auto t0 = std::chrono::steady_clock::now();
  exporter::Format format = exporter::Format::kTurtle;
  if (!o.format.empty()) {
    if (!exporter::ParseFormat(o.format, &format)) {
      Note("error: --format must be turtle, ntriples, nquads, trig or jsonld, not '" + o.format + "'");
      return kExitUsage;
    }
  } else if (std::string ext = fs::path(o.output).extension().string();
             o.output != "-" && !ext.empty() && !exporter::FormatForExtension(ext, &format)) {
    // -o graph.rdf (or .owl) would write Turtle under that name: say what can be written instead.
    Note("error: -o " + o.output +
         ": Khabar writes Turtle (.ttl), N-Triples (.nt), N-Quads (.nq), TriG (.trig) or JSON-LD (.jsonld), not " +
         ext + "; name the file with one of these extensions, or give --format");
    return kExitUsage;
  }
  Shard shard;
  if (!o.shard.empty() && !ParseShard(o.shard, &shard)) {
    Note("error: --shard must be K/N with 1 <= K <= N, not '" + o.shard + "'");
    return kExitUsage;
  }
  fs::path lexdir = o.lexicon.empty() ? DataDir() / "ontology" / "lexicon" : fs::path(o.lexicon);
  ontology::Lexicon lexicon;
  if (Status s = ontology::Lexicon::LoadDirectory(lexdir, &lexicon); !s.ok()) {
    Note("error: lexicon: " + s.ToString());
    return kExitFatal;
  }
  std::unique_ptr<extract::Extractor> extractor;
  extract::ExtractorOptions extractor_options;
  extractor_options.disabled_passes = o.disabled_passes;
  if (Status s = extract::Extractor::Create(lexicon, extractor_options, &extractor); !s.ok()) {
    Note("error: " + s.ToString());
    return kExitFatal;
  }
  extract::Manifest manifest;
  const extract::Manifest* mp = nullptr;
  if (!o.manifest.empty()) {
    if (Status s = extract::Manifest::Load(o.manifest, &manifest); !s.ok()) {
      Note("error: manifest: " + s.ToString());
      return kExitFatal;
    }
    mp = &manifest;
    for (const auto& d : manifest.diagnostics()) Note(d.ToString());
  }
  int problems = 0;
  std::vector<Input> inputs = CollectInputs(o.inputs, o.manifest, &problems);
  if (inputs.empty()) {
    // Nothing is written: never exit 3 ("output written").
    Note("error: no articles (.txt, .xml) found in the inputs; nothing written");
    return problems ? kExitFatal : kExitUsage;
  }
  const std::size_t corpus_size = inputs.size();
  if (shard.n) {  // an empty slice of a small corpus is still a valid (empty) graph
    std::erase_if(inputs, [&](const Input& in) { return !shard.Holds(in.id); });
  }
  // Keep the output directory ready before spending time on extraction.
  fs::path out(o.output);
  if (o.output != "-" && !out.parent_path().empty()) {
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    if (ec) {
      Note("error: " + out.parent_path().string() + ": " + ec.message());
      return kExitFatal;
    }
  }
  if (o.output != "-") {  // the graph must never replace an article (or the manifest) it was built from
    std::error_code ec;
    auto same = [&](const fs::path& p) { return fs::equivalent(p, out, ec) && !ec; };
    for (const Input& in : inputs) {
      if (same(in.path)) {
        Note("error: -o " + o.output + " is one of the input articles; refusing to overwrite it (nothing written)");
        return kExitUsage;
      }
    }
    if (!o.manifest.empty() && same(o.manifest)) {
      Note("error: -o " + o.output + " is the manifest; refusing to overwrite it (nothing written)");
      return kExitUsage;
    }
  }
  exporter::InstallInterruptCleanup();

  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  graph::GraphOptions gopt;
  gopt.no_merge.insert(o.no_merge.begin(), o.no_merge.end());
  gopt.threads = jobs;
  if (shard.n) gopt.shard = std::to_string(shard.k) + "of" + std::to_string(shard.n);
  gopt.named_graphs = exporter::HasNamedGraphs(format);
  graph::Graph g(lexicon, gopt);

  // Extraction on worker threads; the graph takes results in input order (deterministic output), and
  // workers stay at most `window` articles ahead so memory does not grow with the corpus.
  const std::size_t window = 64 * jobs;
  struct Slot {
    std::optional<extract::ArticleResult> result;
    std::string error;
    std::vector<extract::Diagnostic> diagnostics;
    bool done = false;
  };
  // A ring of `window` slots: article k uses slot k % window, free again once article k - window has
  // been consumed, which the window condition below guarantees (a slot per article cost ~350 bytes each).
  std::vector<Slot> slots(std::max<std::size_t>(1, std::min(window, inputs.size())));
  std::mutex mu;
  std::condition_variable cv_done, cv_space;
  std::size_t next = 0, consumed = 0;
  auto worker = [&]() {
    for (;;) {
      std::size_t k;
      {
        std::unique_lock lock(mu);
        cv_space.wait(lock, [&] { return next >= inputs.size() || next < consumed + window; });
        if (next >= inputs.size()) return;
        k = next++;
      }
      Slot s;
      extract::Document doc;
      extract::ReadOptions read_options;
      read_options.max_article_bytes = o.max_article_bytes;
      Status st = extract::ReadArticle(inputs[k].path, inputs[k].id, mp, &doc, read_options);
      if (!st.ok()) {
        s.error = st.message();
      } else {
        s.diagnostics = doc.diagnostics;
        s.result = extractor->Extract(std::move(doc));
      }
      {
        std::lock_guard lock(mu);
        s.done = true;
        slots[k % slots.size()] = std::move(s);
      }
      cv_done.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < jobs; ++i) threads.emplace_back(worker);
  Progress progress(inputs.size(), !o.quiet);
  std::size_t skipped = 0;
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    Slot s;
    {
      std::unique_lock lock(mu);
      Slot& slot = slots[k % slots.size()];
      cv_done.wait(lock, [&] { return slot.done; });
      s = std::move(slot);
      slot = Slot{};
      consumed = k + 1;
    }
    cv_space.notify_all();
    for (const auto& d : s.diagnostics) Note(d.ToString());
    if (!s.result) {
      Note("error: " + s.error + " (skipped)");
      ++skipped;
    } else {
      g.AddArticle(*s.result);
    }
    progress.Update(k + 1);
  }
  for (auto& t : threads) t.join();
  auto t1 = std::chrono::steady_clock::now();
  g.Finish();
  auto t2 = std::chrono::steady_clock::now();
  if (Status s = exporter::WriteGraphFile(g, format, out, jobs); !s.ok()) {
    Note("error: " + s.ToString());
    return kExitFatal;
  }
  auto t3 = std::chrono::steady_clock::now();
  const auto& st = g.stats();
  if (!o.quiet) {
    std::ostringstream os;
    std::size_t entities = 0;
    std::string by_type;
    for (const auto& [t, c] : st.entities_by_type) {
      entities += c;
      by_type += (by_type.empty() ? "" : ", ") + t + " " + std::to_string(c);
    }
    std::string ev_types;
    for (const auto& [t, c] : st.events_by_type)
      ev_types += (ev_types.empty() ? "" : ", ") + t + " " + std::to_string(c);
    double secs = std::chrono::duration<double>(t3 - t0).count();
    os << "khabar: built " << (o.output == "-" ? std::string("<stdout>") : o.output) << " in " << Seconds(secs) << "\n"
       << "  articles:  " << st.articles << " read, " << skipped + static_cast<std::size_t>(problems) << " skipped"
       << (shard.n ? " (shard " + o.shard + " of " + std::to_string(corpus_size) + " articles)" : std::string()) << "\n"
       << "  entities:  " << entities << " (" << by_type << ")\n"
       << "  mentions:  " << st.mentions << ", roles: " << st.roles << "\n"
       << "  events:    " << st.events << " (" << ev_types << ")\n"
       << "  figures:   " << st.figures << "\n"
       << "  triples:   " << g.triples().size() << "\n"
       << "  stages:    read+extract " << Seconds(std::chrono::duration<double>(t1 - t0).count()) << ", merge "
       << Seconds(std::chrono::duration<double>(t2 - t1).count()) << ", write "
       << Seconds(std::chrono::duration<double>(t3 - t2).count()) << " (" << jobs << " threads)\n";
    std::cerr << os.str();
  }
  return (skipped || problems) ? kExitPartial : kExitOk;
}

struct QueryOptions {
  std::string graph;
  std::string query;
  std::string format = "table";
  std::string endpoint;       // a SPARQL endpoint on this machine instead of a graph file
  std::string default_graph;  // default-graph-uri sent with --endpoint
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

// Watches a query of a graph file run by the embedded engine (Redland/Rasqal, which has no way to stop a
// query): after a second it says on stderr that it is still working, every ten seconds after that, and
// after `timeout_s` seconds (0: never) it ends the process with a message saying what to do instead.
class QueryWatch {
 public:
  QueryWatch(const std::string& graph, int timeout_s) {
    std::error_code ec;
    auto bytes = fs::file_size(graph, ec);
    std::string size = ec                    ? std::string()
                       : bytes < 1024 * 1024 ? " (" + std::to_string(bytes / 1024) + " KB)"
                                             : " (" + std::to_string(bytes / (1024 * 1024)) + " MB)";
    thread_ = std::thread([this, graph, size, timeout_s] {
      auto start = std::chrono::steady_clock::now();
      std::unique_lock lock(mu_);
      int next_note = 1;
      for (;;) {
        if (cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return done_; })) return;
        auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (timeout_s > 0 && secs >= timeout_s) {
          Note("error: the query of " + graph + " did not finish in " + std::to_string(timeout_s) +
               " s (--timeout). The embedded engine (Rasqal) is slow on large graphs: load the graph into a "
               "triple store (scripts/virtuoso.sh start DIR; scripts/virtuoso.sh load DIR " +
               graph + ") and query it with --endpoint (docs/virtuoso.md), or give a longer --timeout (0: none)");
          std::_Exit(kExitFatal);
        }
        if (secs >= next_note) {
          Note("still loading and querying " + graph + size +
               " with the embedded engine: " + std::to_string(static_cast<int>(secs)) + " s" +
               (timeout_s > 0 ? " of at most " + std::to_string(timeout_s) + " (--timeout)" : std::string()));
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
    Note("error: --format must be table, csv, tsv, json or ntriples (the RDF of a CONSTRUCT)");
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
    exporter::LocalQueryOptions lo;
    lo.allow_service = o.allow_service;
    QueryWatch watch(o.graph, o.timeout_s);
    s = exporter::RunQuery(o.graph, ss.str(), lo, &r);
  } else {
    exporter::EndpointOptions eo;
    eo.default_graph = o.default_graph;
    eo.timeout_ms = (o.timeout_s > 0 ? o.timeout_s : 24 * 3600) * 1000;  // 0: a day, not "now"
    eo.allow_service = o.allow_service;
    s = exporter::RunEndpointQuery(o.endpoint, ss.str(), eo, &r);
  }
  if (!s.ok()) {
    Note("error: " + qf.string() + ": " + s.ToString());
    return s.code() == Status::Code::kUnsupported || s.code() == Status::Code::kInvalidArgument ? kExitUsage
                                                                                                : kExitFatal;
  }
  if (rf == exporter::ResultFormat::kNTriples && !r.graph) {
    Note(
        "error: --format ntriples writes the RDF of a CONSTRUCT query; this query gives rows (use table, csv, tsv or "
        "json)");
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "khabar: a knowledge graph of actors, places and events from Arabic news (RDF: Turtle, N-Triples, N-Quads, "
      "TriG).",
      "khabar"};
  app.footer(kExitCodes);
  app.require_subcommand(1);
  app.set_version_flag("--version", "khabar 0.1.0");

  BuildOptions b;
  auto* build = app.add_subcommand(
      "build", "Extract every article and write one graph (Turtle, N-Triples, N-Quads, TriG or JSON-LD).");
  build->add_option("inputs", b.inputs, "Article files (.txt UTF-8, .xml NITF) or directories (walked recursively)")
      ->required();
  build->add_option("-o,--output", b.output, "Output graph file (written atomically); '-' for standard output")
      ->required();
  build
      ->add_option("--manifest", b.manifest,
                   "Corpus manifest (XML: <corpus><article file=… outlet=… published=YYYY-MM-DD/>) giving each "
                   "article's outlet and publication date; without it dates stay unresolved")
      ->check(CLI::ExistingFile);
  build->add_option("--format", b.format,
                    "turtle, ntriples, nquads, trig or jsonld (default: from the output's extension .ttl, .nt, .nq, "
                    ".trig or .jsonld, else turtle). N-Quads, TriG and JSON-LD put each article's facts in a named "
                    "graph (the article's IRI) and the merged entities in <https://w3id.org/khabar/graph/entities>; "
                    "JSON-LD names the context https://w3id.org/khabar/context.jsonld (ontology/context.jsonld)");
  build->add_option("-j,--jobs", b.jobs, "Extraction threads (default: all cores)");
  build->add_option("--lexicon", b.lexicon, "Lexicon directory (default: the bundled ontology/lexicon)")
      ->check(CLI::ExistingDirectory);
  build->add_option("--no-merge", b.no_merge, "Switch off an alias-merge rule: phonetic, partial-name (repeatable)")
      ->check(CLI::IsMember({"phonetic", "partial-name"}));
  std::vector<std::string> pass_names;  // the passes that can be switched off
  for (const auto& p : extract::ListPasses()) {
    if (!p.required) pass_names.emplace_back(p.name);
  }
  build
      ->add_option("--disable-pass", b.disabled_passes,
                   "Switch off an extractor pass or per-trigger step by name (repeatable; --list-passes lists "
                   "them, docs/passes.md explains them)")
      ->check(CLI::IsMember(pass_names));
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
  build->add_option("--max-article-bytes", b.max_article_bytes,
                    "Cut an article longer than this many bytes at the last sentence end before it, with a "
                    "warning naming the file (default 4194304 = 4 MiB; 0: no limit)");
  build->add_option("--shard", b.shard,
                    "Build one slice K/N (1 <= K <= N) of the corpus: the articles whose id hashes to it. The N "
                    "outputs name entities, articles and events alike and load into one store "
                    "(docs/performance.md); aliases of names found by rule are merged per shard only");
  build->add_flag("-q,--quiet", b.quiet, "No progress bar and no summary");
  build->footer(kExitCodes);

  QueryOptions q;
  auto* query = app.add_subcommand(
      "query",
      "Run a SPARQL query over a graph file (librdf/Rasqal; small graphs) or a local triple store (--endpoint).");
  query->add_option("graph", q.graph, "Graph file (.ttl or .nt); left out with --endpoint");
  query->add_option("query", q.query, "A .rq file, or the name of a bundled query (see 'khabar queries')");
  query->add_option("--format", q.format,
                    "table (default), csv, tsv or json; a CONSTRUCT query writes its triples as N-Triples "
                    "(RDF) in table or ntriples form");
  query->add_option("--endpoint", q.endpoint,
                    "Query a SPARQL endpoint on this machine instead of a file, e.g. the Virtuoso started by "
                    "scripts/virtuoso.sh: http://127.0.0.1:PORT/sparql (SELECT and ASK; docs/virtuoso.md)");
  query
      ->add_option("--graph-iri", q.default_graph,
                   "With --endpoint: the named graph to query (default-graph-uri; scripts/virtuoso.sh loads into "
                   "https://w3id.org/khabar/graph)")
      ->default_val("https://w3id.org/khabar/graph");
  query
      ->add_option("--timeout", q.timeout_s,
                   "Seconds to wait for the answer (default 120). With --endpoint the server is asked to stop "
                   "too; on a graph file the embedded engine is stopped with the message what to do instead; 0: "
                   "no limit (a graph file only)")
      ->check(CLI::NonNegativeNumber);
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
    static const char* const kCommands[] = {"build", "query", "queries", "dot"};
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
           " (commands: build, query, queries, dot; see khabar --help)");
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
  if (*query) return RunQuery(q);
  if (*queries) return ListQueries();
  if (*dot) return RunDot(dc);
  return kExitUsage;
}
