// The extractor: one article in, its mentions, roles and events out.
//
// Rules and lexicon, no statistics: the lexicon (ontology/lexicon/*.xml) names known actors, places and
// the grammar words (titles, classifiers, head nouns, reporting verbs, event triggers, number words);
// the rules here handle Arabic morphology (proclitics, the article, nisba inflection, verb inflection)
// and the local syntax that finds actors and places the lexicon does not name.
//
// Span conventions follow docs/annotation.md (the project's copy of the evaluation guidelines):
// proclitics excluded, لل keeps the article's lam, titles and classifiers excluded from person and
// place names, institution names one span.
//
// Thread safety: an Extractor is immutable after Create(); Extract() may be called from many threads.
#ifndef KHABAR_EXTRACT_EXTRACTOR_H_
#define KHABAR_EXTRACT_EXTRACTOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khabar/extract/document.h"
#include "khabar/ontology/lexicon.h"
#include "khabar/ontology/status.h"
#include "khabar/ontology/vocab.h"

namespace khabar::extract {

// An entity mention: a span of the article that names (or, if nominal, describes) an actor or place.
struct Mention {
  std::uint32_t begin = 0, end = 0;  // code points, [begin, end)
  std::string text;                  // the original text of the span (UTF-8)
  // The entity: a lexicon id, or a derived key for entities the lexicon does not know:
  // "<lexicon id>_<code>" for institutions/forces of a known state (azerbaijan_mod), or
  // "~<Type>:<match key>" for names found by rule (a person after a title, a place after a classifier).
  std::string entity;
  vocab::EntityType type = vocab::EntityType::kPlace;
  std::string subtype;  // ontology subclass, may be empty
  bool nominal = false;
  std::string rule;  // the rule that found it (lexicon, force+nisba, title, apposition, classifier, …)
  std::string pass;  // the mention pass whose rule it is (ListPasses(): lexicon, nisba, title, …)
  std::string en;    // English label for a derived entity (empty for lexicon entities)
  std::string of;    // owning entity of a derived entity (its state), may be empty
};

// A role held by a person, as stated in the article ("المتحدث باسم الكرملين").
struct Role {
  std::size_t person = 0;  // index into ArticleResult::mentions
  std::string role_text;   // the title as written, without the name
  std::string of;          // entity the role belongs to (kremlin, armenia), may be empty
};

struct Figure {
  vocab::FigureKind kind = vocab::FigureKind::kOther;
  std::int64_t value = 0;
  vocab::Qualifier qualifier = vocab::Qualifier::kExact;
  std::uint32_t begin = 0, end = 0;  // the number expression
  std::string text;
};

struct Event {
  vocab::EventType type = vocab::EventType::kMilitaryOperation;
  std::uint32_t begin = 0, end = 0;  // the trigger
  std::string trigger_text;
  std::vector<std::string> agents;  // entity keys (as in Mention::entity)
  std::vector<std::string> patients;
  std::string place;            // entity key or empty
  std::string time_text;        // as written, or empty
  std::optional<Date> date;     // resolved day (or interval start)
  std::optional<Date> date_to;  // interval end, when the expression is a period
  std::vector<Figure> figures;
  std::string source;  // who reported it: entity key or empty
};

// The kh:recognisedBy value of a mention: its pass, and the rule after a slash when the rule's name is not
// the pass's ("lexicon", "lexicon/capital-metonymy", "nisba/force+nisba", "title").
std::string RecognisedBy(const Mention& m);

struct ArticleResult {
  Document document;
  std::vector<Mention> mentions;  // sorted by begin, never overlapping
  std::vector<Role> roles;
  std::vector<Event> events;  // sorted by trigger begin
};

// One pass of the extractor, as the registry lists it (docs/passes.md).
struct PassInfo {
  // "mentions" (a pass over the article's words that adds mention candidates), "events" (a pass over the
  // article that builds events), "trigger" (a step of the "events" pass, run on each trigger in turn).
  std::string_view stage;
  // Unique over all stages: what ExtractorOptions::disabled_passes takes, and the kh:recognisedBy value
  // (or its part before '/') of what the pass finds.
  std::string_view name;
  std::string_view what;  // one line: what it finds
  // A pass the others index into (the "sentences" split): it cannot be switched off.
  bool required = false;
};

// Every pass and per-trigger step in the order it runs: the mention passes, the event passes, then the
// steps the "events" pass runs on each trigger. The views point into static tables. Thread-safe.
std::vector<PassInfo> ListPasses();

struct ExtractorOptions {
  // Passes and per-trigger steps to skip, by name (ListPasses()): what they would find is not found, and
  // the passes after them see nothing of it. Create() refuses an unknown or a required name.
  std::vector<std::string> disabled_passes;
};

class Extractor {
 public:
  // Builds the matcher from a lexicon. Fails when the lexicon lacks a word list the rules need.
  // The extractor keeps no reference to `lexicon` after Create returns... except entity entries it
  // copies; it is safe to destroy the lexicon afterwards.
  [[nodiscard]] static Status Create(const ontology::Lexicon& lexicon, std::unique_ptr<Extractor>* out);
  // The same with options: InvalidArgument (naming it and listing the valid names) for a disabled pass
  // that ListPasses() does not list or marks as required.
  [[nodiscard]] static Status Create(const ontology::Lexicon& lexicon, const ExtractorOptions& options,
                                     std::unique_ptr<Extractor>* out);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Extracts everything from one article. Never fails: an article with nothing recognised gives an
  // empty result.
  ArticleResult Extract(Document document) const;

  struct Impl;

 private:
  struct Key {  // only Create() can construct an Extractor (with std::make_unique)
    explicit Key() = default;
  };

 public:
  Extractor(Key, std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace khabar::extract

#endif  // KHABAR_EXTRACT_EXTRACTOR_H_
