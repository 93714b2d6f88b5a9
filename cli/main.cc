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

#include "extract_source_hash.h"  // KHABAR_EXTRACT_SOURCE_HASH, generated
#include "khabar/export/dot.h"
#include "khabar/export/endpoint.h"
#include "khabar/export/sparql.h"
#include "khabar/export/writer.h"
#include "khabar/extract/extractor.h"
#include "khabar/graph/graph.h"
#include "khabar/graph/registry.h"
#include "khabar/ontology/lexicon.h"
#include "store.h"

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
  // The article registry (docs/registry.md): a directory to continue from and add to (khabar build
  // --registry), articles to remove from it, or a segment file to write instead of a graph (khabar extract).
  std::string registry;
  std::vector<std::string> remove;
  bool extract_only = false;
};

// What a registry's records were extracted with: the registry format, this program's version and the
// source of its extractor (KHABAR_EXTRACT_SOURCE_HASH, computed by CMake from extract/), the lexicon's
// files, the passes switched off and the size limit. A stored article whose fingerprint differs is
// extracted again when its file is given.
Status ExtractionFingerprint(const fs::path& lexdir, const BuildOptions& o, std::string* out) {
  graph::Hasher h;
  h.UpdateField("khabar-registry " + std::to_string(graph::kRegistryVersion) + " khabar 0.1.0 extract " +
                KHABAR_EXTRACT_SOURCE_HASH);
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(lexdir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  if (ec) return Status::IoError(lexdir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in) return Status::IoError(f.string() + ": cannot read");
    h.UpdateField(f.lexically_relative(lexdir).generic_string());
    h.UpdateField(ss.str());
  }
  std::vector<std::string> passes = o.disabled_passes;
  std::sort(passes.begin(), passes.end());
  for (const auto& p : passes) h.UpdateField("disable " + p);
  h.UpdateField("max-article-bytes " + std::to_string(o.max_article_bytes));
  *out = h.Hex();
  return Status::Ok();
}

// Feeds every live article of a registry to the graph, in id order (the order of a whole build), and
// collects the entity keys they use into `keys` when given.
Status AddRegistryArticles(const graph::Registry& reg, graph::Graph* g, std::set<std::string>* keys = nullptr) {
  extract::ArticleResult r;
  for (const auto& [id, entry] : reg.articles()) {
    KHABAR_RETURN_IF_ERROR(reg.Load(entry, &r));
    g->AddArticle(r);
    if (!keys) continue;
    for (const auto& m : r.mentions) keys->insert(m.entity);
    for (const auto& role : r.roles) {
      if (!role.of.empty()) keys->insert(role.of);
    }
    for (const auto& ev : r.events) {
      keys->insert(ev.agents.begin(), ev.agents.end());
      keys->insert(ev.patients.begin(), ev.patients.end());
      if (!ev.place.empty()) keys->insert(ev.place);
      if (!ev.source.empty()) keys->insert(ev.source);
    }
  }
  return Status::Ok();
}

int RunBuild(const BuildOptions& o) {
  auto t0 = std::chrono::steady_clock::now();
  exporter::Format format = exporter::Format::kTurtle;
  if (o.extract_only) {
    if (fs::path(o.output).extension() != ".kreg") {
      Note("error: -o " + o.output + ": khabar extract writes a registry segment; name it FILE.kreg");
      return kExitUsage;
    }
  } else if (!o.format.empty()) {
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
  if (!o.registry.empty() && !o.shard.empty()) {
    Note(
        "error: --shard and --registry do not go together: extract each shard with 'khabar extract --shard K/N -o "
        "shard-K.kreg' and merge them with 'khabar merge' (docs/registry.md)");
    return kExitUsage;
  }
  if (!o.remove.empty() && o.registry.empty()) {
    Note("error: --remove needs --registry DIR (the registry to remove the articles from)");
    return kExitUsage;
  }
  if (o.inputs.empty() && o.registry.empty()) {
    Note("error: give the articles to build from (or --registry DIR to build from a registry)");
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
  if (inputs.empty() && (!o.inputs.empty() || o.registry.empty())) {
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
  // The registry: locked, indexed and checked before any work, so that a bad one stops the build at once.
  std::string fingerprint;
  std::unique_ptr<graph::RegistryDir> regdir;
  graph::Registry reg;
  std::unique_ptr<graph::SegmentWriter> segment;
  if (!o.registry.empty() || o.extract_only) {
    if (Status s = ExtractionFingerprint(lexdir, o, &fingerprint); !s.ok()) {
      Note("error: lexicon: " + s.ToString());
      return kExitFatal;
    }
  }
  if (!o.registry.empty()) {
    Status s = graph::RegistryDir::Open(o.registry, &regdir);
    if (s.ok()) s = reg.AddSource(o.registry);
    if (!s.ok()) {
      Note("error: registry: " + s.ToString());
      return kExitFatal;
    }
    std::set<std::string> given;
    for (const Input& in : inputs) given.insert(in.id);
    for (const auto& id : o.remove) {
      if (given.count(id)) {
        Note("error: --remove " + id + ": that article is also among the inputs; remove it or add it, not both");
        return kExitUsage;
      }
      if (!reg.Find(id)) Note("warning: --remove " + id + ": no such article in the registry " + o.registry);
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
    std::string hash;     // content hash, with a registry
    bool reused = false;  // unchanged in the registry: not extracted
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
        if (!fingerprint.empty()) {  // a registry: unchanged articles are not extracted again
          s.hash = graph::ContentHash(doc);
          const graph::Registry::Entry* e = o.registry.empty() ? nullptr : reg.Find(doc.id);
          s.reused = e && e->hash == s.hash && reg.segments()[e->segment].fingerprint == fingerprint;
        }
        if (!s.reused) s.result = extractor->Extract(std::move(doc));
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
  std::size_t skipped = 0, reused = 0, added = 0, changed = 0, removed = 0;
  fs::path segment_path;
  if (o.extract_only) {
    segment_path = out;
  } else if (regdir) {
    segment_path = regdir->NextSegmentPath();
  }
  if (!segment_path.empty()) {
    if (Status st = graph::SegmentWriter::Open(segment_path, fingerprint, &segment); !st.ok()) {
      Note("error: registry: " + st.ToString());
      return kExitFatal;
    }
  }
  Status write_status;
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
    if (s.reused) {
      ++reused;
    } else if (!s.result) {
      Note("error: " + s.error + " (skipped)");
      ++skipped;
    } else if (segment) {
      ++(reg.Find(s.result->document.id) ? changed : added);
      if (write_status.ok()) write_status = segment->Add(*s.result, s.hash);
    } else {
      g.AddArticle(*s.result);
    }
    progress.Update(k + 1);
  }
  for (auto& t : threads) t.join();
  if (segment) {
    for (const auto& id : o.remove) {
      if (write_status.ok() && reg.Find(id)) {
        write_status = segment->Remove(id);
        ++removed;
      }
    }
    const bool empty = segment->articles() == 0 && segment->removed() == 0;
    if (write_status.ok() && (!empty || o.extract_only)) write_status = segment->Commit();
    if (write_status.ok() && !empty && regdir) write_status = reg.AddNewerSegment(segment_path);
    if (!write_status.ok()) {
      Note("error: registry: " + write_status.ToString());
      return kExitFatal;
    }
    segment.reset();  // an empty segment of a build is not kept
  }
  if (o.extract_only) {
    if (!o.quiet) {
      Note("extracted " + std::to_string(added + changed) + " articles" +
           (shard.n ? " (shard " + o.shard + " of " + std::to_string(corpus_size) + ")" : std::string()) + " to " +
           o.output + " in " + Seconds(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()));
    }
    return (skipped || problems) ? kExitPartial : kExitOk;
  }
  std::set<std::string> keys;  // the entity keys of a registry's articles, for its IRI history
  if (regdir) {
    std::size_t stale = 0;
    for (const auto& [id, e] : reg.articles()) stale += reg.segments()[e.segment].fingerprint != fingerprint;
    if (stale) {
      Note("warning: " + std::to_string(stale) + " articles of the registry " + o.registry +
           " were extracted with another lexicon, extractor or options; give their files again to extract them anew");
    }
    if (Status st = AddRegistryArticles(reg, &g, &keys); !st.ok()) {
      Note("error: registry: " + st.ToString());
      return kExitFatal;
    }
  }
  auto t1 = std::chrono::steady_clock::now();
  g.Finish();
  auto t2 = std::chrono::steady_clock::now();
  if (Status s = exporter::WriteGraphFile(g, format, out, jobs); !s.ok()) {
    Note("error: " + s.ToString());
    return kExitFatal;
  }
  std::size_t retired = 0;
  if (regdir) {  // after the graph: its IRIs are the ones issued
    std::vector<std::pair<std::string, std::string>> issued;
    for (const auto& key : keys) {
      if (std::string iri = g.EntityIri(key); !iri.empty()) issued.emplace_back(std::move(iri), key);
    }
    Status s = graph::UpdateIriHistory(
        o.registry, issued, [&](std::string_view key) { return g.EntityIri(key); }, &retired);
    if (!s.ok()) {
      Note("error: registry: " + s.ToString());
      return kExitFatal;
    }
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
       << (shard.n ? " (shard " + o.shard + " of " + std::to_string(corpus_size) + " articles)" : std::string())
       << "\n";
    if (regdir) {
      os << "  registry:  " << o.registry << ": " << reg.articles().size() << " articles; " << added << " new, "
         << changed << " changed (extracted), " << reused << " unchanged, " << removed << " removed; " << retired
         << " retired entity IRIs (redirects.nt)\n";
    }
    os << "  entities:  " << entities << " (" << by_type << ")\n"
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

struct MergeOptions {
  std::vector<std::string> sources;  // registry directories and segment files
  std::string output, format, lexicon;
  std::vector<std::string> no_merge;
  unsigned jobs = 0;
  bool quiet = false;
};

// khabar merge: the graph of the articles held by registries and segment files (the shards of
// `khabar extract --shard`), built as a whole build builds it.
int RunMerge(const MergeOptions& o) {
  auto t0 = std::chrono::steady_clock::now();
  exporter::Format format = exporter::Format::kTurtle;
  if (!o.format.empty()) {
    if (!exporter::ParseFormat(o.format, &format)) {
      Note("error: --format must be turtle, ntriples, nquads, trig or jsonld, not '" + o.format + "'");
      return kExitUsage;
    }
  } else if (std::string ext = fs::path(o.output).extension().string();
             o.output != "-" && !ext.empty() && !exporter::FormatForExtension(ext, &format)) {
    Note("error: -o " + o.output + ": not a graph file extension (.ttl, .nt, .nq, .trig, .jsonld); give --format");
    return kExitUsage;
  }
  fs::path lexdir = o.lexicon.empty() ? DataDir() / "ontology" / "lexicon" : fs::path(o.lexicon);
  ontology::Lexicon lexicon;
  if (Status s = ontology::Lexicon::LoadDirectory(lexdir, &lexicon); !s.ok()) {
    Note("error: lexicon: " + s.ToString());
    return kExitFatal;
  }
  graph::Registry reg;
  for (const auto& src : o.sources) {
    if (Status s = reg.AddSource(src); !s.ok()) {
      Note("error: " + s.ToString());
      return s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFatal;
    }
  }
  std::set<std::string> fingerprints;
  for (const auto& [id, e] : reg.articles()) fingerprints.insert(reg.segments()[e.segment].fingerprint);
  if (fingerprints.size() > 1) {
    Note("warning: the inputs were extracted with " + std::to_string(fingerprints.size()) +
         " different lexicons, extractors or options; the graph mixes them");
  }
  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  graph::GraphOptions gopt;
  gopt.no_merge.insert(o.no_merge.begin(), o.no_merge.end());
  gopt.threads = jobs;
  gopt.named_graphs = exporter::HasNamedGraphs(format);
  graph::Graph g(lexicon, gopt);
  exporter::InstallInterruptCleanup();
  if (Status s = AddRegistryArticles(reg, &g); !s.ok()) {
    Note("error: " + s.ToString());
    return kExitFatal;
  }
  g.Finish();
  if (Status s = exporter::WriteGraphFile(g, format, o.output); !s.ok()) {
    Note("error: " + s.ToString());
    return kExitFatal;
  }
  if (!o.quiet) {
    Note("merged " + std::to_string(reg.articles().size()) + " articles from " + std::to_string(reg.segments().size()) +
         " segments into " + o.output + " (" + std::to_string(g.triples().size()) + " triples) in " +
         Seconds(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()));
  }
  return kExitOk;
}

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
  build->add_option("inputs", b.inputs,
                    "Article files (.txt UTF-8, .xml NITF) or directories (walked recursively); with --registry "
                    "they may be left out (the graph of the registry's articles)");
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
  build->add_option("--registry", b.registry,
                    "Continue from (and add to) the article registry in this directory (created if missing; "
                    "docs/registry.md): only new or changed articles are extracted, and the graph is that of "
                    "every article in the registry, the same as a whole build of them");
  build->add_option("--remove", b.remove,
                    "With --registry: remove the article with this id (its kh:sourcePath) from the registry and "
                    "the graph (repeatable)");
  build->add_flag("-q,--quiet", b.quiet, "No progress bar and no summary");
  build->footer(kExitCodes);

  BuildOptions ex;
  ex.extract_only = true;
  auto* extract_cmd = app.add_subcommand(
      "extract",
      "Extract articles into a registry segment file (FILE.kreg), no graph: one task of a sharded build, "
      "merged with 'khabar merge' (docs/registry.md).");
  extract_cmd->add_option("inputs", ex.inputs, "Article files or directories, as for build")->required();
  extract_cmd->add_option("-o,--output", ex.output, "The segment file to write (atomically), FILE.kreg")->required();
  extract_cmd->add_option("--manifest", ex.manifest, "Corpus manifest, as for build")->check(CLI::ExistingFile);
  extract_cmd->add_option("--shard", ex.shard,
                          "Extract one slice K/N of the corpus (the articles whose id hashes to it); the N "
                          "segments merge into the graph of the whole corpus");
  extract_cmd->add_option("-j,--jobs", ex.jobs, "Extraction threads (default: all cores)");
  extract_cmd->add_option("--lexicon", ex.lexicon, "Lexicon directory (default: the bundled ontology/lexicon)")
      ->check(CLI::ExistingDirectory);
  extract_cmd->add_option("--disable-pass", ex.disabled_passes, "Switch off an extractor pass, as for build")
      ->check(CLI::IsMember(pass_names));
  extract_cmd->add_option("--max-article-bytes", ex.max_article_bytes, "As for build (default 4194304)");
  extract_cmd->add_flag("-q,--quiet", ex.quiet, "No progress bar and no summary");
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
