// The corpus graph: articles' extraction results merged into one set of triples.
//
// graph/ owns a compact store (interned terms, triples as three 32-bit ids) so that a corpus of any
// size can be streamed to a file without a librdf model. Entities are merged across articles (see
// merge.h for the tiers); every entity gets one stable IRI derived from its lexicon id or its
// normalised name, so two runs (or two shards) name it the same way.
//
// Usage: Graph g(lexicon); for each article in corpus order: g.AddArticle(result); then g.Finish();
// then read terms()/triples(). Output is deterministic for a given corpus order.
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

// Interned terms: each distinct term is stored once.
class TermStore {
 public:
  TermId Intern(const Term& t);
  TermId Iri(std::string_view iri) { return Intern(Term::Iri(std::string(iri))); }
  const Term& Get(TermId id) const { return terms_[id]; }
  std::size_t size() const { return terms_.size(); }

 private:
  std::vector<Term> terms_;
  std::unordered_map<std::string, TermId> index_;
};

struct GraphOptions {
  // Merge rules that are switched off (names as in merge.h: "phonetic", "partial-name", …).
  std::set<std::string> no_merge;
  // Record alias evidence (kh:AliasEvidence nodes) for every entity.
  bool alias_evidence = true;
};

struct GraphStats {
  std::size_t articles = 0, mentions = 0, events = 0, roles = 0, figures = 0;
  std::map<std::string, std::size_t> entities_by_type;  // after merging
  std::map<std::string, std::size_t> events_by_type;
};

class Graph {
 public:
  // `lexicon` must outlive the Graph.
  explicit Graph(const ontology::Lexicon& lexicon, GraphOptions options = {});
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Adds one article's facts. Call in corpus order (the order decides nothing but tie-breaks).
  void AddArticle(const extract::ArticleResult& result);
  // Merges entities across the corpus and writes their triples. Call once, after the last article.
  void Finish();

  const TermStore& terms() const { return terms_; }
  // Distinct triples; valid after Finish().
  const std::vector<Triple>& triples() const { return triples_; }
  const GraphStats& stats() const { return stats_; }

  // The IRI of an entity key as used in extract::Mention::entity; valid after Finish().
  std::string EntityIri(std::string_view key) const;

  struct Impl;

 private:
  const ontology::Lexicon& lexicon_;
  GraphOptions options_;
  TermStore terms_;
  std::vector<Triple> triples_;
  GraphStats stats_;
  std::unique_ptr<Impl> impl_;
  bool finished_ = false;
};

// IRI helpers (also used by tests and the CLI).
std::string ArticleIri(std::string_view article_id);
std::string EntityIriForId(std::string_view id);
// Percent-encodes everything outside RFC 3986's unreserved set and '/'.
std::string PercentEncode(std::string_view s);

}  // namespace khabar::graph

#endif  // KHABAR_GRAPH_GRAPH_H_
