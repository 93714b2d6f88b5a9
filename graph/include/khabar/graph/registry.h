// The article registry: what extraction produced for each article, kept on disk so that a graph can grow.
//
// Extraction is the costly part of a build; merging (Graph::AddArticle for every article, then Finish) is
// cheap. The registry stores each article's extract::ArticleResult (and the document metadata the graph
// reads: id, file name, length, outlet, date) keyed by the article id, with a hash of the article's
// content. A build with a registry extracts only the articles that are new or whose hash changed, then
// merges every stored article exactly as a whole build does: adding B to a build of A gives the graph of A
// and B together, by construction, in any order and batching. docs/registry.md documents the format.
//
// Layout: a registry is a directory of segment files (`seg-NNNNNN.kreg`), each a self-contained,
// versioned, line-oriented file written atomically (temporary file, fsync, rename). A later segment
// replaces an earlier one's record of the same article, and may remove an article. Segment files are
// also what `khabar extract` writes for one shard, and `khabar merge` reads any mix of segment files and
// registry directories.
//
// Thread safety: SegmentWriter and Registry are not thread-safe; a Registry's const methods may be
// called from several threads only if none modifies it.
#ifndef KHABAR_GRAPH_REGISTRY_H_
#define KHABAR_GRAPH_REGISTRY_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "khabar/extract/extractor.h"
#include "khabar/ontology/status.h"

namespace khabar::graph {

// The segment format's version, the second word of a segment's first line ("khabar-registry 1"). A
// reader refuses any other version with a message naming the file.
inline constexpr int kRegistryVersion = 1;

// A 128-bit non-cryptographic hash (two independent 64-bit FNV-1a streams, mixed), as 32 hex digits.
// Used for content hashes and fingerprints: it detects change, it does not resist an adversary.
class Hasher {
 public:
  void Update(std::string_view bytes);
  // Adds the length first, so that ("ab","c") and ("a","bc") differ.
  void UpdateField(std::string_view bytes);
  std::string Hex() const;

 private:
  std::uint64_t a_ = 0xcbf29ce484222325ull, b_ = 0x84222325cbf29ce4ull;
};

// The content hash of a document as read: its id, file name, text, outlet and publication date (what
// extraction sees). Two reads of an unchanged file under the same manifest give the same hash.
std::string ContentHash(const extract::Document& doc);

// Writes one segment file, streaming: Open, Add/Remove any number of times, Commit. Until Commit the
// records go to a temporary file beside `path`; Commit syncs it and renames it to `path`, so a crash or
// an error never leaves a partial segment under the final name. Destroying an uncommitted writer removes
// the temporary file.
class SegmentWriter {
 public:
  // `fingerprint` names the extraction settings (lexicon, passes, version) the records were made with.
  [[nodiscard]] static Status Open(const std::filesystem::path& path, std::string_view fingerprint,
                                   std::unique_ptr<SegmentWriter>* out);
  ~SegmentWriter();
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

  // Records an article's extraction result under its document id, with its content hash. IoError on a
  // failed write.
  [[nodiscard]] Status Add(const extract::ArticleResult& result, std::string_view hash);
  // Records that an article is removed from the registry.
  [[nodiscard]] Status Remove(std::string_view id);
  // Finishes the file (an end line with the record counts), syncs and renames it into place.
  [[nodiscard]] Status Commit();
  std::size_t articles() const { return articles_; }
  std::size_t removed() const { return removed_; }

  struct File;

 private:
  SegmentWriter() = default;
  std::unique_ptr<File> file_;
  std::filesystem::path path_, tmp_;
  std::size_t articles_ = 0, removed_ = 0;
  bool committed_ = false;
};

// Serialises one article's records as they appear in a segment (for tests and docs/registry.md).
std::string FormatArticle(const extract::ArticleResult& result, std::string_view hash);

// An index of the articles held by segment files and registry directories, and a reader of them.
class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Adds a source: a registry directory (its *.kreg segments in name order, a later one replacing an
  // earlier one's records) or one segment file. Every record is checked (version, fields, numbers, the
  // end line); a bad one gives ParseError "FILE:LINE: reason". Sources added with AddSource must agree:
  // an article held by two sources with different content hashes is an InvalidArgument error naming both
  // files (they do not say which one is right); with the same hash the first is kept.
  [[nodiscard]] Status AddSource(const std::filesystem::path& path);
  // Like AddSource for a segment file, but its records replace those already indexed (a build adding
  // the segment it has just written to its own registry).
  [[nodiscard]] Status AddNewerSegment(const std::filesystem::path& file);

  struct Entry {
    std::string hash;
    std::size_t segment = 0;   // index into segments()
    std::uint64_t offset = 0;  // byte offset of the article line
    std::size_t line = 0;      // its line number, for messages
  };
  struct Segment {
    std::filesystem::path path;
    std::string fingerprint;
  };
  // The live articles by id (removed ones are not listed).
  const std::map<std::string, Entry>& articles() const { return articles_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const Entry* Find(std::string_view id) const;

  // Reads one article's records back. The result's document has the stored id, path, file name, outlet
  // and date; its text is not stored: it holds as many U+0000 code points as the article had (graph/
  // reads only its length). ParseError "FILE:LINE: reason" on a bad record.
  [[nodiscard]] Status Load(const Entry& entry, extract::ArticleResult* out) const;

  struct Impl;

 private:
  // Indexes one segment file into `live` (its articles replace, its removals erase), after checking it.
  Status IndexSegment(const std::filesystem::path& file, std::map<std::string, Entry>* live);
  std::vector<Segment> segments_;
  std::map<std::string, Entry> articles_;
  std::map<std::string, std::filesystem::path> source_of_;  // id -> the source that gave it (AddSource)
  std::unique_ptr<Impl> impl_;                              // open segment streams, by segment
};

// A registry directory held for writing by one build: created if missing, locked (flock on DIR/lock) so
// that two builds never add segments to it at once.
class RegistryDir {
 public:
  // InvalidArgument when another process holds the lock (naming the directory), IoError otherwise.
  [[nodiscard]] static Status Open(const std::filesystem::path& dir, std::unique_ptr<RegistryDir>* out);
  ~RegistryDir();
  RegistryDir(const RegistryDir&) = delete;
  RegistryDir& operator=(const RegistryDir&) = delete;
  const std::filesystem::path& path() const { return dir_; }
  // The name the next segment takes: seg-NNNNNN.kreg, one above the highest present.
  std::filesystem::path NextSegmentPath() const;

 private:
  RegistryDir() = default;
  std::filesystem::path dir_;
  int lock_fd_ = -1;
};

// Writes `content` to `path` atomically: a temporary file beside it, fsync, rename, then the directory
// synced. IoError naming the file on failure (the old file, if any, is left as it was).
[[nodiscard]] Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content);

// Entity IRIs that a registry's builds issued and later builds retired. An IRI named after a rule-found
// name changes when a longer name joins its cluster (or two clusters join): the graph is the same as a
// whole build's, so it cannot keep the old IRI; instead the registry directory keeps every (IRI, entity
// key) pair it has issued (DIR/iris.tsv) and writes DIR/redirects.nt, one triple
// `<retired IRI> dcterms:isReplacedBy <current IRI>` for every issued IRI that the current graph no longer
// has, found through its entity keys. `current` holds the (IRI, key) pairs of the graph just built;
// `iri_of` gives a key's IRI in it (empty when the key is gone, e.g. its articles were removed).
// ParseError "FILE:LINE: reason" on a damaged iris.tsv. `retired` (optional) receives the number of
// redirects written.
[[nodiscard]] Status UpdateIriHistory(const std::filesystem::path& dir,
                                      const std::vector<std::pair<std::string, std::string>>& current,
                                      const std::function<std::string(std::string_view)>& iri_of, std::size_t* retired);

}  // namespace khabar::graph

#endif  // KHABAR_GRAPH_REGISTRY_H_
