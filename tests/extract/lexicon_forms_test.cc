// The bundled lexicon seen through the extractor's eyes: after normalisation (MatchKey) no surface form
// may name two entities, because the matcher would then pick one silently (docs/lexicon.md: "A surface
// form must not map to two entries"). The one sharing the lexicon allows is a capital and its own state,
// which is expressed with capital-of, and an ethnonym group and its state.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "khabar/extract/arabic.h"
#include "khabar/extract/document.h"
#include "khabar/ontology/lexicon.h"
#include "matcher.h"

namespace khabar::extract {
namespace {

class LexiconFormsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* data = std::getenv("KHABAR_DATA_DIR");
    if (data == nullptr) {
      error_ = "KHABAR_DATA_DIR is not set (CTest sets it to the source tree)";
      return;
    }
    Status s = ontology::Lexicon::LoadDirectory(std::filesystem::path(data) / "ontology" / "lexicon", &lexicon_);
    if (!s.ok()) error_ = s.ToString();
  }
  void SetUp() override { ASSERT_TRUE(error_.empty()) << error_; }

  // A form shared by two entries on purpose: a capital and the state it stands for, an ethnonym group
  // and its state. Any other pair is a collision.
  static bool Deliberate(const ontology::EntityEntry& a, const ontology::EntityEntry& b) {
    return a.capital_of == b.id || b.capital_of == a.id || a.ethnonym_of == b.id || b.ethnonym_of == a.id;
  }
  static std::string Describe(const ontology::EntityEntry& e) { return e.id + " (" + e.origin + ")"; }

  static inline ontology::Lexicon lexicon_;
  static inline std::string error_;
};

// Known, deliberate exceptions to "one normalised form, one entity", as (form key, id, id). Empty today:
// the bundled lexicon has no shared form, not even between a capital and its state.
const std::set<std::tuple<std::string, std::string, std::string>> kKnownSharedForms = {};

TEST_F(LexiconFormsTest, NoNormalisedFormNamesTwoEntities) {
  std::map<std::u32string, std::vector<const ontology::EntityEntry*>> by_key;
  for (const auto& e : lexicon_.entities()) {
    std::set<std::u32string> own;  // the same entry may list two spellings with one key
    for (const auto& f : e.forms) {
      std::u32string k = MatchKeyUtf8(f);
      EXPECT_FALSE(k.empty()) << Describe(e) << ": form '" << f << "' is empty after normalisation";
      if (own.insert(k).second) by_key[k].push_back(&e);
    }
  }
  for (const auto& [key, entries] : by_key) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      for (std::size_t j = i + 1; j < entries.size(); ++j) {
        const auto& a = *entries[i];
        const auto& b = *entries[j];
        if (kKnownSharedForms.count({EncodeUtf8(key), a.id, b.id}) ||
            kKnownSharedForms.count({EncodeUtf8(key), b.id, a.id})) {
          continue;
        }
        EXPECT_TRUE(Deliberate(a, b)) << "form '" << EncodeUtf8(key) << "' names both " << Describe(a) << " and "
                                      << Describe(b);
      }
    }
  }
}

TEST_F(LexiconFormsTest, NoFormIsAnotherStatesGeneratedNisba) {
  // The extractor generates, from each nisba: +ة, +ون, +ين, +ات, accusative +ا, each with and without ال;
  // and from each demonym: ال + it. A form equal to one of those of ANOTHER entry is ambiguous.
  std::map<std::u32string, std::set<std::string>> generated;
  for (const auto& e : lexicon_.entities()) {
    for (const auto& n : e.nisbas) {
      const std::u32string k = MatchKeyUtf8(n);
      for (std::u32string_view suffix :
           {U"", U"\u0647", U"\u0648\u0646", U"\u064A\u0646", U"\u0627\u062A", U"\u0627"}) {
        const std::u32string form = k + std::u32string(suffix);
        generated[form].insert(e.id);
        generated[U"\u0627\u0644" + form].insert(e.id);
      }
    }
    for (const auto& d : e.demonyms) {
      generated[MatchKeyUtf8(d)].insert(e.id);
      generated[U"\u0627\u0644" + MatchKeyUtf8(d)].insert(e.id);
    }
  }
  for (const auto& e : lexicon_.entities()) {
    for (const auto& f : e.forms) {
      auto it = generated.find(MatchKeyUtf8(f));
      if (it == generated.end()) continue;
      for (const auto& owner : it->second) {
        if (owner == e.id) continue;
        const ontology::EntityEntry* state = lexicon_.Find(owner);
        ASSERT_NE(state, nullptr);
        EXPECT_TRUE(Deliberate(e, *state))
            << "form '" << f << "' of " << Describe(e) << " is also a generated nisba/demonym form of " << owner;
      }
    }
  }
}

TEST_F(LexiconFormsTest, NoFormReadsAsAProcliticPlusAnotherForm) {
  // The matcher strips و ف ب ل ك from a first word: كابل must not also read as ك + ابل if ابل named
  // another entry (extract/src/matcher.h, Variants).
  std::map<std::u32string, std::set<std::string>> by_key;
  for (const auto& e : lexicon_.entities()) {
    for (const auto& f : e.forms) by_key[MatchKeyUtf8(f)].insert(e.id);
  }
  for (const auto& e : lexicon_.entities()) {
    for (const auto& f : e.forms) {
      std::vector<Token> toks = Tokenize(DecodeUtf8(f, nullptr));
      if (toks.empty()) continue;
      for (const internal::Variant& v : internal::Matcher::Variants(toks[0], false)) {
        if (v.clitics == 0) continue;
        std::u32string key = v.key;
        for (std::size_t i = 1; i < toks.size(); ++i) key += U" " + toks[i].key;
        auto it = by_key.find(key);
        if (it == by_key.end()) continue;
        for (const auto& other : it->second) {
          EXPECT_EQ(other, e.id) << "form '" << f << "' of " << Describe(e) << " also reads as a proclitic + '"
                                 << EncodeUtf8(key) << "' (" << other << ")";
        }
      }
    }
  }
}

TEST_F(LexiconFormsTest, EveryFormIsFoundByTheTokenizerAsWords) {
  // A form whose normalised text tokenizes to nothing can never match.
  for (const auto& e : lexicon_.entities()) {
    for (const auto& f : e.forms) {
      std::vector<Token> toks = Tokenize(MatchKeyUtf8(f));
      bool any_word = false;
      for (const Token& t : toks) any_word |= t.is_word();
      EXPECT_TRUE(any_word) << Describe(e) << ": form '" << f << "'";
    }
  }
}

}  // namespace
}  // namespace khabar::extract
