// The lexicon shipped in ontology/lexicon/: it loads, its cross-references resolve, its QIDs are well
// formed and the word lists the extractor's rules depend on are present with usable attributes. (The
// check that no normalised surface form names two entities needs extract/'s MatchKey and lives in
// tests/extract/lexicon_forms_test.cc.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <string_view>

#include "khabar/ontology/lexicon.h"
#include "khabar/ontology/vocab.h"

namespace khabar::ontology {
namespace {

using vocab::EntityType;

class BundledLexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    load_error_.clear();
    const char* data = std::getenv("KHABAR_DATA_DIR");
    if (data == nullptr) {
      load_error_ = "KHABAR_DATA_DIR is not set (CTest sets it to the source tree)";
      return;
    }
    lexicon_ = std::make_unique<Lexicon>();
    Status s = Lexicon::LoadDirectory(std::filesystem::path(data) / "ontology" / "lexicon", lexicon_.get());
    if (!s.ok()) load_error_ = s.ToString();
  }
  static void TearDownTestSuite() { lexicon_.reset(); }
  void SetUp() override { ASSERT_TRUE(load_error_.empty()) << load_error_; }
  static const Lexicon& lex() { return *lexicon_; }

  static inline std::unique_ptr<Lexicon> lexicon_;
  static inline std::string load_error_;
};

TEST_F(BundledLexiconTest, LoadsWithEntitiesOfEveryType) {
  std::map<EntityType, int> by_type;
  for (const auto& e : lex().entities()) ++by_type[e.type];
  for (std::size_t i = 0; i < vocab::kEntityTypeNames.size(); ++i) {
    EXPECT_GT(by_type[static_cast<EntityType>(i)], 0) << "no entity of type " << vocab::kEntityTypeNames[i];
  }
  // Entities the extractor tests rely on.
  for (const char* id : {"armenia", "azerbaijan", "russia", "moscow", "sudan", "khartoum", "sudanese_armed_forces",
                         "rapid_support_forces", "un", "kremlin", "darfur"}) {
    EXPECT_NE(lex().Find(id), nullptr) << id;
  }
}

TEST_F(BundledLexiconTest, EveryQidIsWellFormed) {
  static const std::regex kQid("^Q[1-9][0-9]*$");
  std::map<std::string, std::string> owner_of_qid;
  for (const auto& e : lex().entities()) {
    if (e.qid.empty()) continue;
    EXPECT_TRUE(std::regex_match(e.qid, kQid)) << e.id << " (" << e.origin << "): qid '" << e.qid << "'";
    auto [it, fresh] = owner_of_qid.emplace(e.qid, e.id);
    EXPECT_TRUE(fresh) << e.qid << " is given to both " << it->second << " and " << e.id;
  }
}

TEST_F(BundledLexiconTest, EveryEntryHasAnIdLabelAndForms) {
  static const std::regex kId("^[a-z0-9_]+$");
  for (const auto& e : lex().entities()) {
    EXPECT_TRUE(std::regex_match(e.id, kId)) << e.origin;
    EXPECT_FALSE(e.en.empty()) << e.id << " (" << e.origin << ") has no English label";
    EXPECT_FALSE(e.forms.empty()) << e.id;
    for (const auto& f : e.forms) EXPECT_FALSE(f.empty()) << e.id;
  }
}

TEST_F(BundledLexiconTest, EveryReferenceResolves) {
  auto is_area = [](EntityType t) {
    return t == EntityType::kPlace || t == EntityType::kState || t == EntityType::kPolity;
  };
  for (const auto& e : lex().entities()) {
    SCOPED_TRACE(e.id + " (" + e.origin + ")");
    if (!e.in.empty()) {
      const EntityEntry* in = lex().Find(e.in);
      ASSERT_NE(in, nullptr) << "in=\"" << e.in << "\" does not resolve";
      EXPECT_TRUE(is_area(in->type)) << "in=\"" << e.in << "\" is not a place, state or polity";
      EXPECT_NE(e.in, e.id);
    }
    if (!e.of.empty()) {
      const EntityEntry* of = lex().Find(e.of);
      ASSERT_NE(of, nullptr) << "of=\"" << e.of << "\" does not resolve";
      EXPECT_NE(of->type, EntityType::kPlace) << "of=\"" << e.of << "\": an owner is an actor, not a place";
      EXPECT_NE(e.of, e.id);
    }
    if (!e.capital.empty()) {
      EXPECT_EQ(e.type, EntityType::kState) << "only a State has a capital";
      const EntityEntry* cap = lex().Find(e.capital);
      ASSERT_NE(cap, nullptr) << "capital=\"" << e.capital << "\" does not resolve";
      EXPECT_EQ(cap->type, EntityType::kPlace);
      EXPECT_EQ(cap->capital_of, e.id) << "the capital's capital-of must point back";
    }
    if (!e.capital_of.empty()) {
      EXPECT_EQ(e.type, EntityType::kPlace) << "only a place is a capital";
      const EntityEntry* state = lex().Find(e.capital_of);
      ASSERT_NE(state, nullptr) << "capital-of=\"" << e.capital_of << "\" does not resolve";
      EXPECT_EQ(state->type, EntityType::kState);
      EXPECT_EQ(state->capital, e.id) << "the state's capital must point back";
    }
    if (!e.kin.empty()) {
      EXPECT_EQ(e.type, EntityType::kPolity) << "kin is for a polity";
      const EntityEntry* state = lex().Find(e.kin);
      ASSERT_NE(state, nullptr) << "kin=\"" << e.kin << "\" does not resolve";
      EXPECT_EQ(state->type, EntityType::kState);
    }
    if (!e.ethnonym_of.empty()) {
      EXPECT_EQ(e.type, EntityType::kGroup) << "only a Group is an ethnonym";
      const EntityEntry* state = lex().Find(e.ethnonym_of);
      ASSERT_NE(state, nullptr) << "ethnonym-of=\"" << e.ethnonym_of << "\" does not resolve";
      EXPECT_EQ(state->type, EntityType::kState);
    }
  }
}

TEST_F(BundledLexiconTest, PlaceHierarchyHasNoCycles) {
  for (const auto& e : lex().entities()) {
    std::set<std::string> seen{e.id};
    const EntityEntry* cur = &e;
    while (cur != nullptr && !cur->in.empty()) {
      ASSERT_TRUE(seen.insert(cur->in).second) << "cycle in in= chain from " << e.id;
      cur = lex().Find(cur->in);
    }
  }
}

TEST_F(BundledLexiconTest, SubtypesAreClassesOfTheOntology) {
  // docs/lexicon.md, "subtype".
  const std::map<EntityType, std::set<std::string>> allowed{
      {EntityType::kPlace, {"Region", "City", "Village", "Corridor", "Border", "Continent"}},
      {EntityType::kOrganization,
       {"Ministry", "Presidency", "Agency", "MediaOutlet", "InternationalOrganization", "Legislature"}},
      {EntityType::kArmedForce, {"Peacekeepers", "BorderGuard"}},
  };
  for (const auto& e : lex().entities()) {
    if (e.subtype.empty()) continue;
    auto it = allowed.find(e.type);
    ASSERT_NE(it, allowed.end()) << e.id << ": a " << vocab::Name(e.type) << " has no subtypes";
    EXPECT_EQ(it->second.count(e.subtype), 1u) << e.id << ": subtype " << e.subtype;
  }
}

TEST_F(BundledLexiconTest, NisbasAndDemonymsBelongToStates) {
  for (const auto& e : lex().entities()) {
    if (!e.nisbas.empty() || !e.demonyms.empty()) {
      EXPECT_EQ(e.type, EntityType::kState) << e.id << ": nisbas/demonyms are generated for states only";
    }
  }
}

// Extractor::Create() refuses a lexicon without these (extract/src/extractor.cc, kListNames).
TEST_F(BundledLexiconTest, WordListsTheExtractorNeedsExist) {
  for (const char* name :
       {"title",      "reporting_verb", "according_to", "classifier",      "media_classifier", "institution",
        "force_head", "gov_head",       "polity_head",  "population_head", "ethnic_head",      "modifier",
        "locative",   "stopword",       "number_word",  "qualifier",       "figure_noun",      "weekday",
        "month",      "relative_time",  "not_asserted", "trigger",         "event_cue"}) {
    EXPECT_FALSE(lex().WordList(name).empty()) << "word list '" << name << "' is missing or empty";
  }
}

TEST_F(BundledLexiconTest, TriggersHaveAnEventTypeAndAPartOfSpeech) {
  const std::set<std::string_view> pos{"verb", "noun", "form", "noun-form", "phrase"};
  std::set<std::string_view> types_seen;
  for (const Word& w : lex().WordList("trigger")) {
    auto type = vocab::ParseEventType(w.Attr("type"));
    ASSERT_TRUE(type.has_value()) << w.text << ": type '" << w.Attr("type") << "'";
    types_seen.insert(vocab::Name(*type));
    EXPECT_EQ(pos.count(w.Attr("pos")), 1u) << w.text << ": pos '" << w.Attr("pos") << "'";
    if (!w.Attr("kind").empty()) {
      EXPECT_EQ(*type, vocab::EventType::kCasualties) << w.text << ": kind is for casualty triggers";
      EXPECT_TRUE(vocab::ParseFigureKind(w.Attr("kind")).has_value()) << w.text;
    }
  }
  // Every event type of the contract can be found.
  EXPECT_EQ(types_seen.size(), vocab::kEventTypeNames.size());
  for (const Word& w : lex().WordList("event_cue")) {
    EXPECT_TRUE(vocab::ParseEventType(w.Attr("type")).has_value()) << w.text;
  }
}

TEST_F(BundledLexiconTest, GrammarListAttributesAreUsable) {
  for (const Word& w : lex().WordList("figure_noun")) {
    EXPECT_TRUE(w.Attr("kind") == "person" || vocab::ParseFigureKind(w.Attr("kind")).has_value())
        << w.text << ": kind '" << w.Attr("kind") << "'";
  }
  const std::set<std::string_view> qualifiers(vocab::kQualifierNames.begin(), vocab::kQualifierNames.end());
  for (const Word& w : lex().WordList("qualifier")) {
    EXPECT_EQ(qualifiers.count(w.Attr("q")), 1u) << w.text << ": q '" << w.Attr("q") << "'";
  }
  for (const Word& w : lex().WordList("weekday")) {
    const std::string n(w.Attr("n"));
    EXPECT_TRUE(n.size() == 1 && n[0] >= '0' && n[0] <= '6') << w.text << ": n '" << n << "'";
  }
  std::set<int> months;
  for (const Word& w : lex().WordList("month")) {
    const int n = std::atoi(std::string(w.Attr("n")).c_str());
    EXPECT_TRUE(n >= 1 && n <= 12) << w.text;
    months.insert(n);
  }
  EXPECT_EQ(months.size(), 12u);
  for (const Word& w : lex().WordList("number_word")) {
    if (w.Attr("kind") == "vague") {
      EXPECT_TRUE(w.Attr("value").empty()) << w.text << ": a vague quantity has no value";
      continue;
    }
    const std::string v(w.Attr("value"));
    EXPECT_TRUE(!v.empty() && v.find_first_not_of("0123456789") == std::string::npos)
        << w.text << ": value '" << v << "'";
  }
  for (const Word& w : lex().WordList("relative_time")) {
    EXPECT_NE(w.Attr("days").empty(), w.Attr("period").empty()) << w.text << ": exactly one of days/period";
  }
  for (const char* list : {"institution", "force_head"}) {
    for (const Word& w : lex().WordList(list)) EXPECT_FALSE(w.Attr("code").empty()) << list << ": " << w.text;
  }
}

}  // namespace
}  // namespace khabar::ontology
