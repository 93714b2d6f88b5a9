#include "build.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "common.h"
#include "extract_source_hash.h"  // KHABAR_EXTRACT_SOURCE_HASH, generated
#include "khabar/export/writer.h"
#include "khabar/extract/extractor.h"
#include "khabar/extract/pipeline.h"
#include "khabar/graph/graph.h"
#include "khabar/graph/hash.h"
#include "khabar/graph/registry.h"
#include "khabar/ontology/lexicon.h"

namespace fs = std::filesystem;

namespace khabar::cli {

namespace {

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
        // The manifest itself is not an article (names compared first: an equivalent() per file, two
        // system calls, took most of the time of listing a million articles).
        if (!manifest.empty() && e.path().filename() == manifest.filename() &&
            fs::equivalent(e.path(), manifest, ec2)) {
          continue;
        }
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
    // FNV's low bits depend only on the low bits of the bytes: mix before taking the remainder, or ids
    // that differ in one letter could all fall in one shard.
    return graph::Mix64(h) % n == k - 1;
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

// Whether a build of `articles` articles streams (--stream auto|on|off, checked by CheckBuildOptions).
bool Streams(const std::string& mode, std::size_t articles) {
  return mode == "on" || (mode == "auto" && articles > kStreamAbove);
}

bool ValidStreamMode(const std::string& mode) {
  if (mode == "auto" || mode == "on" || mode == "off") return true;
  Note("error: --stream must be auto, on or off, not '" + mode + "'");
  return false;
}

// The spill of a streaming build without a registry: every article's extraction, written beside the output
// as a registry segment while the articles are extracted, read again to write the graph, and removed at the
// end (and by the next build into the same directory if this one was killed).
struct Spill {
  fs::path path;
  std::unique_ptr<graph::SegmentWriter> writer;
  graph::Registry reg;
  Spill() = default;
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;
  ~Spill() {
    writer.reset();  // removes its temporary file when not committed
    std::error_code ec;
    if (!path.empty()) fs::remove(path, ec);
  }
};

// ".NAME.spill-" for an output NAME: the spill is that, the pid and ".kreg".
std::string SpillPrefix(const fs::path& out) { return "." + out.filename().string() + ".spill-"; }

// Removes the spills (and their temporaries) of earlier builds of the same output whose process is gone.
void RemoveStaleSpills(const fs::path& dir, const std::string& prefix) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) continue;  // still running
    std::error_code e2;
    fs::remove(it->path(), e2);
  }
}

int OpenSpill(const BuildOptions& o, const fs::path& out, Spill* spill) {
  fs::path dir = o.output == "-" ? fs::temp_directory_path() : out.parent_path();
  if (dir.empty()) dir = ".";
  const std::string prefix = SpillPrefix(o.output == "-" ? fs::path("stdout") : out);
  RemoveStaleSpills(dir, prefix);
  spill->path = dir / (prefix + std::to_string(::getpid()) + ".kreg");
  if (Status s = graph::SegmentWriter::Open(spill->path, "spill", &spill->writer); !s.ok()) {
    spill->path.clear();
    Note("error: the streaming build's spill file: " + s.ToString() + " (or give --stream off)");
    return kExitFatal;
  }
  return kExitOk;
}

int CloseSpill(Status write_status, Spill* spill) {
  if (write_status.ok()) write_status = spill->writer->Commit();
  spill->writer.reset();
  if (write_status.ok()) write_status = spill->reg.AddSource(spill->path);
  if (!write_status.ok()) {
    Note("error: the streaming build's spill file: " + write_status.ToString());
    return kExitFatal;
  }
  return kExitOk;
}

// Writes a streaming graph (GraphOptions::stream, finished) atomically: each article's triples, made again
// from its results in `source`, in parts of about 4M triples, then the graph's corpus-wide
// triples. `triples` receives the number written (a triple is in one part only: articles' subjects are
// their own).
Status WriteStreamed(const graph::Graph& g, const graph::Registry& source, exporter::Format format, const fs::path& out,
                     unsigned jobs, bool progress, std::size_t* triples) {
  // About 4M triples a part (~50 MB of ids and terms); KHABAR_STREAM_PART_TRIPLES sets another size (tests
  // use a tiny one so that even a small corpus is written in many parts).
  std::size_t part_triples = std::size_t{1} << 22;
  if (const char* env = std::getenv("KHABAR_STREAM_PART_TRIPLES"); env && std::atol(env) > 0) {
    part_triples = static_cast<std::size_t>(std::atol(env));
  }
  *triples = 0;
  return exporter::WriteOutputFile(out, [&](exporter::Sink* sink) -> Status {
    exporter::GraphWriter w(format, sink, jobs);
    KHABAR_RETURN_IF_ERROR(w.Begin());
    Progress bar(source.articles().size(), progress, "articles written");
    auto part = std::make_unique<graph::GraphPart>();
    auto flush = [&]() -> Status {
      g.FinishPart(part.get());
      *triples += part->triples().size();
      Status s = w.Write(*part);
      part = std::make_unique<graph::GraphPart>();
      return s;
    };
    extract::ArticleResult r;
    std::size_t done = 0;
    for (const auto& [id, entry] : source.articles()) {
      KHABAR_RETURN_IF_ERROR(source.Load(entry, &r));
      g.AddArticleTriples(r, part.get());
      if (part->triples().size() >= part_triples) KHABAR_RETURN_IF_ERROR(flush());
      bar.Update(++done);
    }
    if (part->articles() > 0) KHABAR_RETURN_IF_ERROR(flush());
    *triples += g.triples().size();
    KHABAR_RETURN_IF_ERROR(w.Write(g));
    return w.End();
  });
}

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The graph format of --format, else of the output's extension (Turtle by default); false after a usage
// error, reported.
bool ChooseFormat(const std::string& asked, const std::string& output, exporter::Format* format) {
  *format = exporter::Format::kTurtle;
  if (!asked.empty()) {
    if (exporter::ParseFormat(asked, format)) return true;
    Note("error: --format must be turtle, ntriples, nquads, trig or jsonld, not '" + asked + "'");
    return false;
  }
  std::string ext = fs::path(output).extension().string();
  if (output == "-" || ext.empty() || exporter::FormatForExtension(ext, format)) return true;
  // -o graph.rdf (or .owl) would write Turtle under that name: say what can be written instead.
  Note("error: -o " + output +
       ": Khabar writes Turtle (.ttl), N-Triples (.nt), N-Quads (.nq), TriG (.trig) or JSON-LD (.jsonld), not " + ext +
       "; name the file with one of these extensions, or give --format");
  return false;
}

bool LoadLexicon(const std::string& dir, fs::path* lexdir, ontology::Lexicon* lexicon) {
  *lexdir = dir.empty() ? DataDir() / "ontology" / "lexicon" : fs::path(dir);
  if (Status s = ontology::Lexicon::LoadDirectory(*lexdir, lexicon); !s.ok()) {
    Note("error: lexicon: " + s.ToString());
    return false;
  }
  return true;
}

// The options of a build that cannot go together, or an output that extract cannot write; kExitOk if none
// (each problem reported).
int CheckBuildOptions(const BuildOptions& o, exporter::Format* format, Shard* shard) {
  if (o.extract_only) {
    if (fs::path(o.output).extension() != ".kreg") {
      Note("error: -o " + o.output + ": khabar extract writes a registry segment; name it FILE.kreg");
      return kExitUsage;
    }
  } else if (!ChooseFormat(o.format, o.output, format)) {
    return kExitUsage;
  }
  if (!o.shard.empty() && !ParseShard(o.shard, shard)) {
    Note("error: --shard must be K/N with 1 <= K <= N, not '" + o.shard + "'");
    return kExitUsage;
  }
  if (!o.registry.empty() && !o.shard.empty()) {
    Note(
        "error: --shard and --registry do not go together: extract each shard with 'khabar extract --shard K/N -o "
        "shard-K.kreg' and merge them with 'khabar merge' (docs/registry.md)");
    return kExitUsage;
  }
  if (!ValidStreamMode(o.stream)) return kExitUsage;
  if (!o.remove.empty() && o.registry.empty()) {
    Note("error: --remove needs --registry DIR (the registry to remove the articles from)");
    return kExitUsage;
  }
  if (o.inputs.empty() && o.registry.empty()) {
    Note("error: give the articles to build from (or --registry DIR to build from a registry)");
    return kExitUsage;
  }
  return kExitOk;
}

// Makes the output's directory, before time is spent on extraction, and refuses an output that is one of
// the inputs or the manifest: the graph must never replace what it was built from.
int PrepareOutput(const BuildOptions& o, const std::vector<Input>& inputs, const fs::path& out) {
  if (o.output == "-") return kExitOk;
  std::error_code ec;
  if (!out.parent_path().empty()) {
    fs::create_directories(out.parent_path(), ec);
    if (ec) {
      Note("error: " + out.parent_path().string() + ": " + ec.message());
      return kExitFatal;
    }
  }
  // Only a path with the output's name can be the output's directory entry (the atomic write replaces the
  // entry, so a hard link under another name keeps its content): no system call for the others.
  auto same = [&](const fs::path& p) { return p.filename() == out.filename() && fs::equivalent(p, out, ec) && !ec; };
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
  return kExitOk;
}

// The registry of a build, locked, indexed and checked before any work, so that a bad one stops the build
// at once; and the segment file this build writes (the registry's next one, or khabar extract's output).
struct BuildRegistry {
  std::string fingerprint;  // empty without a registry or segment
  std::unique_ptr<graph::RegistryDir> dir;
  graph::Registry reg;
  fs::path segment_path;
  std::unique_ptr<graph::SegmentWriter> segment;
  std::size_t added = 0, changed = 0, reused = 0, removed = 0, retired = 0;
  std::set<std::string> keys;  // the entity keys of the registry's articles, for its IRI history
};

int OpenRegistry(const BuildOptions& o, const fs::path& lexdir, const std::vector<Input>& inputs, BuildRegistry* r) {
  if (o.registry.empty() && !o.extract_only) return kExitOk;
  if (Status s = ExtractionFingerprint(lexdir, o, &r->fingerprint); !s.ok()) {
    Note("error: lexicon: " + s.ToString());
    return kExitFatal;
  }
  if (!o.registry.empty()) {
    Status s = graph::RegistryDir::Open(o.registry, &r->dir);
    if (s.ok()) s = r->reg.AddSource(o.registry);
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
      if (!r->reg.Find(id)) Note("warning: --remove " + id + ": no such article in the registry " + o.registry);
    }
  }
  return kExitOk;
}

int OpenSegment(const BuildOptions& o, const fs::path& out, BuildRegistry* r) {
  if (o.extract_only) {
    r->segment_path = out;
  } else if (r->dir) {
    r->segment_path = r->dir->NextSegmentPath();
  }
  if (r->segment_path.empty()) return kExitOk;
  if (Status st = graph::SegmentWriter::Open(r->segment_path, r->fingerprint, &r->segment); !st.ok()) {
    Note("error: registry: " + st.ToString());
    return kExitFatal;
  }
  return kExitOk;
}

// One article as a worker leaves it: extracted, reused from the registry, or unreadable.
struct Extracted {
  std::optional<extract::ArticleResult> result;
  std::string error;
  std::vector<extract::Diagnostic> diagnostics;
  std::string hash;     // content hash, with a registry
  bool reused = false;  // unchanged in the registry: not extracted
};

Extracted ReadAndExtract(const BuildOptions& o, const Input& in, const extract::Manifest* manifest,
                         const extract::Extractor& extractor, const BuildRegistry& r) {
  Extracted s;
  extract::Document doc;
  extract::ReadOptions read_options;
  read_options.max_article_bytes = o.max_article_bytes;
  if (Status st = extract::ReadArticle(in.path, in.id, manifest, &doc, read_options); !st.ok()) {
    s.error = st.message();
    return s;
  }
  s.diagnostics = doc.diagnostics;
  if (!r.fingerprint.empty()) {  // a registry: unchanged articles are not extracted again
    s.hash = graph::ContentHash(doc);
    const graph::Registry::Entry* e = o.registry.empty() ? nullptr : r.reg.Find(doc.id);
    s.reused = e && e->hash == s.hash && r.reg.segments()[e->segment].fingerprint == r.fingerprint;
  }
  if (!s.reused) s.result = extractor.Extract(std::move(doc));
  return s;
}

// Writes the removals and commits the segment (an empty segment of a build is not kept), then adds it to
// the registry.
int CommitSegment(const BuildOptions& o, Status write_status, BuildRegistry* r) {
  for (const auto& id : o.remove) {
    if (write_status.ok() && r->reg.Find(id)) {
      write_status = r->segment->Remove(id);
      ++r->removed;
    }
  }
  const bool empty = r->segment->articles() == 0 && r->segment->removed() == 0;
  if (write_status.ok() && (!empty || o.extract_only)) write_status = r->segment->Commit();
  if (write_status.ok() && !empty && r->dir) write_status = r->reg.AddNewerSegment(r->segment_path);
  r->segment.reset();
  if (!write_status.ok()) {
    Note("error: registry: " + write_status.ToString());
    return kExitFatal;
  }
  return kExitOk;
}

// Feeds the registry's articles to the graph (after this build's segment: every live article).
int AddRegistry(const BuildOptions& o, BuildRegistry* r, graph::Graph* g) {
  std::size_t stale = 0;
  for (const auto& [id, e] : r->reg.articles()) stale += r->reg.segments()[e.segment].fingerprint != r->fingerprint;
  if (stale) {
    Note("warning: " + std::to_string(stale) + " articles of the registry " + o.registry +
         " were extracted with another lexicon, extractor or options; give their files again to extract them anew");
  }
  if (Status st = AddRegistryArticles(r->reg, g, &r->keys); !st.ok()) {
    Note("error: registry: " + st.ToString());
    return kExitFatal;
  }
  return kExitOk;
}

// After the graph is written, its IRIs are the ones issued: the registry's IRI history records them.
int UpdateIris(const BuildOptions& o, const graph::Graph& g, BuildRegistry* r) {
  std::vector<std::pair<std::string, std::string>> issued;
  for (const auto& key : r->keys) {
    if (std::string iri = g.EntityIri(key); !iri.empty()) issued.emplace_back(std::move(iri), key);
  }
  Status s = graph::UpdateIriHistory(
      o.registry, issued, [&](std::string_view key) { return g.EntityIri(key); }, &r->retired);
  if (!s.ok()) {
    Note("error: registry: " + s.ToString());
    return kExitFatal;
  }
  return kExitOk;
}

// The process's peak resident memory so far.
long PeakMemoryMiB() {
  struct rusage u {};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;  // KiB on Linux
}

// The counts of a build and the time of each stage, on stderr.
struct BuildTimes {
  double extract = 0, merge = 0, write = 0, total = 0;
};

void PrintSummary(const BuildOptions& o, const graph::Graph& g, std::size_t triples, const BuildRegistry& r,
                  std::size_t skipped, std::size_t corpus_size, bool sharded, unsigned jobs, const BuildTimes& times) {
  const auto& st = g.stats();
  std::ostringstream os;
  std::size_t entities = 0;
  std::string by_type;
  for (const auto& [t, c] : st.entities_by_type) {
    entities += c;
    by_type += (by_type.empty() ? "" : ", ") + t + " " + std::to_string(c);
  }
  std::string ev_types;
  for (const auto& [t, c] : st.events_by_type) ev_types += (ev_types.empty() ? "" : ", ") + t + " " + std::to_string(c);
  os << "khabar: built " << (o.output == "-" ? std::string("<stdout>") : o.output) << " in " << Seconds(times.total)
     << "\n"
     << "  articles:  " << st.articles << " read, " << skipped << " skipped"
     << (sharded ? " (shard " + o.shard + " of " + std::to_string(corpus_size) + " articles)" : std::string()) << "\n";
  if (r.dir) {
    os << "  registry:  " << o.registry << ": " << r.reg.articles().size() << " articles; " << r.added << " new, "
       << r.changed << " changed (extracted), " << r.reused << " unchanged, " << r.removed << " removed; " << r.retired
       << " retired entity IRIs (redirects.nt)\n";
  }
  os << "  entities:  " << entities << " (" << by_type << ")\n"
     << "  mentions:  " << st.mentions << ", roles: " << st.roles << "\n"
     << "  events:    " << st.events << " (" << ev_types << ")\n"
     << "  figures:   " << st.figures << "\n"
     << "  triples:   " << triples << (g.options().stream ? " (streamed)" : "") << "\n"
     << "  stages:    read+extract " << Seconds(times.extract) << ", merge " << Seconds(times.merge) << ", write "
     << Seconds(times.write) << " (" << jobs << " threads)\n"
     << "  memory:    peak " << PeakMemoryMiB() << " MiB"
     << (g.options().stream ? std::string(" (streamed)")
         : r.reg.articles().size() + st.articles > kStreamAbove / 2
             ? std::string(" (--stream on bounds it on large corpora)")
             : std::string())
     << "\n";
  std::cerr << os.str();
}

}  // namespace

int RunBuild(const BuildOptions& o) {
  auto t0 = Clock::now();
  exporter::Format format = exporter::Format::kTurtle;
  Shard shard;
  if (int rc = CheckBuildOptions(o, &format, &shard); rc != kExitOk) return rc;
  fs::path lexdir;
  ontology::Lexicon lexicon;
  if (!LoadLexicon(o.lexicon, &lexdir, &lexicon)) return kExitFatal;
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
  const fs::path out(o.output);
  if (int rc = PrepareOutput(o, inputs, out); rc != kExitOk) return rc;
  BuildRegistry r;
  if (int rc = OpenRegistry(o, lexdir, inputs, &r); rc != kExitOk) return rc;
  exporter::InstallInterruptCleanup();

  const unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  graph::GraphOptions gopt;
  gopt.no_merge.insert(o.no_merge.begin(), o.no_merge.end());
  gopt.threads = jobs;
  if (shard.n) gopt.shard = std::to_string(shard.k) + "of" + std::to_string(shard.n);
  gopt.named_graphs = exporter::HasNamedGraphs(format);
  gopt.stream = !o.extract_only && Streams(o.stream, inputs.size() + r.reg.articles().size());
  graph::Graph g(lexicon, gopt);

  if (int rc = OpenSegment(o, out, &r); rc != kExitOk) return rc;
  Spill spill;  // a streaming build keeps its articles' results here, unless a registry holds them
  if (gopt.stream && !r.segment) {
    if (int rc = OpenSpill(o, out, &spill); rc != kExitOk) return rc;
  }
  Progress progress(inputs.size(), !o.quiet);
  std::size_t skipped = 0;
  Status write_status;
  // Extraction on worker threads; the graph (or the segment) takes the results in input order, so the
  // output does not depend on timing.
  extract::OrderedParallelMap<Extracted>(
      inputs.size(), jobs, 64 * std::size_t{jobs},
      [&](std::size_t k) { return ReadAndExtract(o, inputs[k], mp, *extractor, r); },
      [&](std::size_t k, Extracted&& s) {
        for (const auto& d : s.diagnostics) Note(d.ToString());
        if (s.reused) {
          ++r.reused;
        } else if (!s.result) {
          Note("error: " + s.error + " (skipped)");
          ++skipped;
        } else if (r.segment) {
          ++(r.reg.Find(s.result->document.id) ? r.changed : r.added);
          if (write_status.ok()) write_status = r.segment->Add(*s.result, s.hash);
        } else {
          g.AddArticle(*s.result);
          if (spill.writer && write_status.ok()) write_status = spill.writer->Add(*s.result, {});
        }
        progress.Update(k + 1);
      });
  if (r.segment) {
    if (int rc = CommitSegment(o, write_status, &r); rc != kExitOk) return rc;
  } else if (spill.writer) {
    if (int rc = CloseSpill(write_status, &spill); rc != kExitOk) return rc;
  }
  const int done = (skipped || problems) ? kExitPartial : kExitOk;
  if (o.extract_only) {
    if (!o.quiet) {
      Note("extracted " + std::to_string(r.added + r.changed) + " articles" +
           (shard.n ? " (shard " + o.shard + " of " + std::to_string(corpus_size) + ")" : std::string()) + " to " +
           o.output + " in " + Seconds(SecondsSince(t0)));
    }
    return done;
  }
  if (r.dir) {
    if (int rc = AddRegistry(o, &r, &g); rc != kExitOk) return rc;
  }
  BuildTimes times;
  auto t1 = Clock::now();
  times.extract = std::chrono::duration<double>(t1 - t0).count();
  g.Finish();
  auto t2 = Clock::now();
  times.merge = std::chrono::duration<double>(t2 - t1).count();
  std::size_t triples = g.triples().size();
  Status written = gopt.stream ? WriteStreamed(g, r.dir ? r.reg : spill.reg, format, out, jobs, !o.quiet, &triples)
                               : exporter::WriteGraphFile(g, format, out, jobs);
  if (!written.ok()) {
    Note("error: " + written.ToString());
    return kExitFatal;
  }
  if (r.dir) {
    if (int rc = UpdateIris(o, g, &r); rc != kExitOk) return rc;
  }
  times.write = SecondsSince(t2);
  times.total = SecondsSince(t0);
  if (!o.quiet) {
    PrintSummary(o, g, triples, r, skipped + static_cast<std::size_t>(problems), corpus_size, shard.n != 0, jobs,
                 times);
  }
  return done;
}

int RunMerge(const MergeOptions& o) {
  auto t0 = Clock::now();
  exporter::Format format = exporter::Format::kTurtle;
  if (!ChooseFormat(o.format, o.output, &format) || !ValidStreamMode(o.stream)) return kExitUsage;
  fs::path lexdir;
  ontology::Lexicon lexicon;
  if (!LoadLexicon(o.lexicon, &lexdir, &lexicon)) return kExitFatal;
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
  gopt.stream = Streams(o.stream, reg.articles().size());
  graph::Graph g(lexicon, gopt);
  exporter::InstallInterruptCleanup();
  if (Status s = AddRegistryArticles(reg, &g); !s.ok()) {
    Note("error: " + s.ToString());
    return kExitFatal;
  }
  g.Finish();
  std::size_t triples = g.triples().size();
  Status written = gopt.stream ? WriteStreamed(g, reg, format, o.output, jobs, !o.quiet, &triples)
                               : exporter::WriteGraphFile(g, format, o.output, jobs);
  if (!written.ok()) {
    Note("error: " + written.ToString());
    return kExitFatal;
  }
  if (!o.quiet) {
    Note("merged " + std::to_string(reg.articles().size()) + " articles from " + std::to_string(reg.segments().size()) +
         " segments into " + o.output + " (" + std::to_string(triples) + " triples) in " + Seconds(SecondsSince(t0)));
  }
  return kExitOk;
}

}  // namespace khabar::cli
