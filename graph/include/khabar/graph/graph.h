// The corpus graph: articles' extraction results merged into one set of triples.
//
// graph/ owns a compact store (interned terms, triples as three 32-bit ids) so that a corpus of any
// size can be streamed to a file without a librdf model. Entities are merged across articles (see
// merge.h for the tiers); every entity gets one stable IRI derived from its lexicon id or its
// normalised name, so two runs (or two shards) name it the same way.
//
// Usage: Graph g(lexicon); for each article in corpus order: g.AddArticle(result); then g.Finish();
// then read terms()/triples(). Output is a function of the set of articles: the same triples for any
// order of AddArticle calls (every merge, label and name choice is made from the whole corpus in Finish).
//
// Thread safety: not thread-safe; feed it from one thread (extraction itself runs in parallel).
#ifndef KHABAR_GRAPH_GRAPH_H_
#define KHABAR_GRAPH_GRAPH_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "khabar/extract/extractor.h"
#include "khabar/ontology/lexicon.h"

namespace khabar::graph {

// An RDF term. IRIs are absolute; literals carry either a language tag or a datatype IRI (none means
// xsd:string).
struct Term {
  enum class Kind : std::uint8_t { kIri, kLiteral };
  Kind kind = Kind::kIri;
  std::string value;     // IRI or lexical form
  std::string lang;      // literal language tag, or empty
  std::string datatype;  // literal datatype IRI, or empty (xsd:string)
  static Term Iri(std::string iri) { return {Kind::kIri, std::move(iri), {}, {}}; }
  static Term Lit(std::string v) { return {Kind::kLiteral, std::move(v), {}, {}}; }
  static Term LangLit(std::string v, std::string lang) { return {Kind::kLiteral, std::move(v), std::move(lang), {}}; }
  static Term Typed(std::string v, std::string dt) { return {Kind::kLiteral, std::move(v), {}, std::move(dt)}; }
  friend bool operator==(const Term&, const Term&) = default;
};

using TermId = std::uint32_t;
struct Triple {
  TermId s, p, o;
  friend bool operator==(const Triple&, const Triple&) = default;
};

// A read-only view of a stored term; the views stay valid as long as the TermStore is not modified.
struct TermView {
  Term::Kind kind = Term::Kind::kIri;
  std::string_view value, lang, datatype;
  Term ToTerm() const { return {kind, std::string(value), std::string(lang), std::string(datatype)}; }
};

// The output order of terms: rdf:type first (so that Turtle writes "a" first), then IRIs before
// literals, then by value, language tag and datatype (bytewise, as std::string compares).
bool TermOutputLess(const TermView& a, const TermView& b);

// Interned terms: each distinct term is stored once, its text in a chunked arena (no per-term heap
// allocation, about 14 bytes of overhead a term plus an 8-byte hash slot), so that tens of millions of
// terms fit in memory. Lookups hash the term's parts in place: no key string is built.
class TermStore {
 public:
  TermStore();
  ~TermStore();
  TermStore(const TermStore&) = delete;
  TermStore& operator=(const TermStore&) = delete;

  TermId Intern(const Term& t) { return Intern(t.kind, t.value, t.lang, t.datatype); }
  TermId Intern(Term::Kind kind, std::string_view value, std::string_view lang = {}, std::string_view datatype = {});
  TermId Iri(std::string_view iri) { return Intern(Term::Kind::kIri, iri); }
  // A copy of the term (allocates); View() is the cheap accessor.
  Term Get(TermId id) const { return View(id).ToTerm(); }
  TermView View(TermId id) const;
  std::size_t size() const { return len_.size(); }
  // Bytes held (arena, per-term arrays, hash index), for the benchmark's figures.
  std::size_t MemoryBytes() const;

  // Renumbers the terms so that id order is TermOutputLess order, and returns the old id -> new id
  // map. Afterwards ordered() is true until the next new term is interned. `threads` (≥ 1) sorts in
  // parallel.
  std::vector<TermId> SortInOutputOrder(unsigned threads = 1);
  bool ordered() const { return ordered_; }

 private:
  struct Arena;
  std::uint64_t Store(std::string_view value);
  std::uint16_t TagFor(Term::Kind kind, std::string_view lang, std::string_view datatype);
  void Rehash(std::size_t capacity);
  static std::uint64_t Hash(std::uint16_t tag, std::string_view value);

  std::unique_ptr<Arena> arena_;
  std::vector<std::uint64_t> loc_;  // term -> arena location (block << 32 | offset)
  std::vector<std::uint32_t> len_;  // term -> value length in bytes
  std::vector<std::uint16_t> tag_;  // term -> index into tags_ (kind, language, datatype)
  struct Tag {
    Term::Kind kind;
    std::string lang, datatype;
  };
  std::vector<Tag> tags_;
  // Open addressing, linear probing: slot = (hash high 32 bits) << 32 | (id + 1); 0 = empty.
  std::vector<std::uint64_t> index_;
  bool ordered_ = true;
};

struct GraphOptions {
  // Merge rules that are switched off (names as in merge.h: "phonetic", "partial-name", …).
  std::set<std::string> no_merge;
  // Record alias evidence (kh:AliasEvidence nodes) for every entity.
  bool alias_evidence = true;
  // Building one shard of a corpus (khabar build --shard K/N), e.g. "2of4": alias evidence nodes are
  // named per shard (…/alias/2of4-1) so that shard outputs loaded into one store never share a node,
  // and kh:mentionCount (a per-shard count that cannot be summed in RDF) is left out. Empty: a whole
  // corpus.
  std::string shard;
  // Threads Finish() may use to sort terms and triples (≥ 1).
  unsigned threads = 1;
  // Record the named graph of every triple (graph_of()), for N-Quads and TriG: an article's facts in the
  // graph named by its ArticleIri, the merged entities in EntitiesGraphIri(), the cross-article
  // happenings in HappeningsGraphIri(). Off by default: triples() is the same either way, and a build
  // without it keeps no per-triple graph (no time or memory spent on it).
  bool named_graphs = false;
  // Streaming, for corpora whose triples do not fit in memory: AddArticle keeps only what merging needs
  // (entity keys, forms and readings, event reports), Finish() makes only the corpus-wide triples (entity
  // descriptions, alias evidence, happenings and their links), and each article's own triples are made
  // afterwards, in parts, by AddArticleTriples() from the same results read again (the caller keeps them,
  // e.g. in a registry segment). The triples of the graph and of all parts are together exactly the
  // triples() of a build without streaming; peak memory then grows with the entities and event reports,
  // not with the triples.
  bool stream = false;
};

struct GraphStats {
  std::size_t articles = 0, mentions = 0, events = 0, roles = 0, figures = 0;
  std::size_t happenings = 0;                           // real-world occurrences reported by several articles
  std::map<std::string, std::size_t> entities_by_type;  // after merging
  std::map<std::string, std::size_t> events_by_type;
};

class GraphPart;
namespace internal {
class UnionFind;
}

class Graph {
 public:
  // `lexicon` must outlive the Graph.
  explicit Graph(const ontology::Lexicon& lexicon, GraphOptions options = {});
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Adds one article's facts, in any order (the output does not depend on it).
  void AddArticle(const extract::ArticleResult& result);
  // Merges entities across the corpus and writes their triples. Call once, after the last article.
  void Finish();

  const TermStore& terms() const { return terms_; }
  // Distinct triples; valid after Finish(). After Finish() the term ids follow the output order
  // (terms().ordered()) and the triples are sorted by (s, p, o) id: the writers stream them as they
  // are.
  const std::vector<Triple>& triples() const { return triples_; }
  const GraphStats& stats() const { return stats_; }
  const GraphOptions& options() const { return options_; }
  // The named graph (a term id) of each triple, parallel to triples(); empty unless
  // GraphOptions::named_graphs. Valid after Finish(). Which graph a triple is in:
  //   - a fact that AddArticle wrote for an article (its node, mentions, roles, events, figures) is in
  //     the graph named by that article's ArticleIri;
  //   - what Finish() writes from the whole corpus is in a shared graph: entity descriptions (types,
  //     labels, sameAs, lexicon ids, partOf, mention counts) and alias evidence in EntitiesGraphIri(),
  //     happenings and the kh:reportOf links of events to them in HappeningsGraphIri() (both named with the
  //     shard when building one);
  //   - a triple that more than one graph would hold (several articles asserting the same fact) is
  //     written once, in EntitiesGraphIri(): dropping one article's graph never removes a fact another
  //     article still asserts.
  // So the union of all graphs is exactly triples(), and each (s, p, o) is in exactly one graph.
  const std::vector<TermId>& graph_of() const { return graph_of_; }

  // The IRI of an entity key as used in extract::Mention::entity; valid after Finish().
  std::string EntityIri(std::string_view key) const;

  // Streaming (GraphOptions::stream), after Finish(): adds to `part` the triples that AddArticle would
  // have added for `result` without streaming (its node, mentions, roles, events and figures), naming
  // entities by their final IRIs. `result` must be one of the articles added before Finish(), each given
  // to exactly one part. Then FinishPart(part) numbers its terms and sorts its triples for the writers.
  void AddArticleTriples(const extract::ArticleResult& result, GraphPart* part) const;
  void FinishPart(GraphPart* part) const;

  struct Impl;
  struct Vocab;

 private:
  // Triples added so far (the chunks and triples_).
  std::size_t AddedCount() const;
  // The steps of Finish().
  void ChooseReadings();
  internal::UnionFind MergeKeys();
  std::vector<TermId> DescribeEntities(internal::UnionFind* uf);
  void AddAliasEvidence(const std::vector<std::size_t>& members, std::size_t rep, TermId ent, const std::string& iri);
  void AddHappenings(internal::UnionFind* uf);

  const ontology::Lexicon& lexicon_;
  GraphOptions options_;
  TermStore terms_;
  std::vector<Triple> triples_;
  std::vector<TermId> graph_of_;
  // With named_graphs: (index of a triple in the order added, its graph); the triples from that index
  // to the next run's are in that graph. One run per article, so no per-triple cost before Finish().
  std::vector<std::pair<std::size_t, TermId>> runs_;
  std::vector<std::vector<Triple>> chunks_;  // full chunks of triples_ before Finish()
  static constexpr std::size_t kChunk = std::size_t{1} << 22;
  GraphStats stats_;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<Vocab> vocab_;  // vocabulary terms, interned by the first AddArticle
  bool finished_ = false;
};

// Some triples of a graph with their own terms, numbered in output order and sorted like Graph::triples()
// after Finish, so the writers stream a part as they stream a graph (exporter::GraphWriter). Made by a
// streaming graph (GraphOptions::stream): Graph::AddArticleTriples, then Graph::FinishPart.
class GraphPart {
 public:
  GraphPart();
  ~GraphPart();
  GraphPart(const GraphPart&) = delete;
  GraphPart& operator=(const GraphPart&) = delete;

  const TermStore& terms() const { return terms_; }
  const std::vector<Triple>& triples() const { return triples_; }
  // With named graphs: the graph of each triple (each article's triples in the graph named by its IRI).
  const std::vector<TermId>& graph_of() const { return graph_of_; }
  std::size_t articles() const { return articles_; }

 private:
  friend class Graph;
  TermStore terms_;
  std::vector<Triple> triples_;
  std::vector<TermId> graph_of_;
  std::vector<std::pair<std::size_t, TermId>> runs_;  // as Graph::runs_
  std::unique_ptr<Graph::Vocab> vocab_;
  std::size_t articles_ = 0;
  bool finished_ = false;
};

// IRI helpers (also used by tests and the CLI).
std::string ArticleIri(std::string_view article_id);
std::string EntityIriForId(std::string_view id);
// The named graphs of the corpus-wide facts (see Graph::graph_of): https://w3id.org/khabar/graph/entities
// and https://w3id.org/khabar/graph/happenings; for one shard (GraphOptions::shard, e.g. "2of4")
// …/graph/entities/2of4 and …/graph/happenings/2of4, so that loading one shard's quads into a store
// never replaces another shard's.
std::string EntitiesGraphIri(std::string_view shard = {});
std::string HappeningsGraphIri(std::string_view shard = {});
// Percent-encodes everything outside RFC 3986's unreserved set and '/'.
std::string PercentEncode(std::string_view s);

}  // namespace khabar::graph

#endif  // KHABAR_GRAPH_GRAPH_H_
