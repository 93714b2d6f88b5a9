// The compact term store against a model (a std::map from term to id), its output order, and the
// renumbering that lets the writers stream a finished graph without sorting it again.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "khabar/graph/graph.h"

namespace khabar::graph {
namespace {

using Key = std::tuple<int, std::string, std::string, std::string>;
Key KeyOf(const Term& t) { return {static_cast<int>(t.kind), t.value, t.lang, t.datatype}; }

Term RandomTerm(std::mt19937* rng) {
  static const char* kLangs[] = {"", "", "ar", "en"};
  static const char* kTypes[] = {"", "http://www.w3.org/2001/XMLSchema#integer",
                                 "http://www.w3.org/2001/XMLSchema#date"};
  std::uniform_int_distribution<int> len(0, 12), ch(0, 5), pick(0, 3);
  std::string v = "http://x/";
  for (int i = len(*rng); i > 0; --i) v.push_back("ab/#\xD8\xB3"[ch(*rng)]);
  switch (pick(*rng)) {
    case 0:
      return Term::Iri(v);
    case 1:
      return Term::Lit(v);
    case 2:
      return Term::LangLit(v, kLangs[pick(*rng)]);
    default:
      return Term::Typed(v, kTypes[pick(*rng) % 3]);
  }
}

TEST(TermStoreModelTest, InternsLikeAMap) {
  std::mt19937 rng(7);
  TermStore store;
  std::map<Key, TermId> model;
  for (int i = 0; i < 20000; ++i) {  // enough to rehash the index several times
    Term t = RandomTerm(&rng);
    TermId id = store.Intern(t);
    auto [it, inserted] = model.emplace(KeyOf(t), id);
    EXPECT_EQ(id, it->second);
    if (inserted) {
      EXPECT_EQ(id, model.size() - 1) << "new terms get the next id";
    }
  }
  ASSERT_EQ(store.size(), model.size());
  for (const auto& [key, id] : model) EXPECT_EQ(KeyOf(store.Get(id)), key);
  EXPECT_GT(store.MemoryBytes(), 0u);
}

TEST(TermStoreModelTest, EmptyValuesAndLongValues) {
  TermStore store;
  TermId empty = store.Intern(Term::Lit(""));
  std::string big(20u << 20, 'x');  // larger than a quarter arena block: a block of its own
  TermId large = store.Intern(Term::Lit(big));
  EXPECT_EQ(store.Intern(Term::Lit("")), empty);
  EXPECT_EQ(store.Intern(Term::Lit(big)), large);
  EXPECT_EQ(store.View(large).value.size(), big.size());
  EXPECT_EQ(store.View(empty).value, "");
}

TEST(TermStoreModelTest, SortInOutputOrderRenumbersByTermOutputLess) {
  for (unsigned threads : {1u, 2u}) {
    std::mt19937 rng(11);
    TermStore store;
    std::vector<Term> terms;
    store.Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    for (int i = 0; i < 150000; ++i) store.Intern(RandomTerm(&rng));  // ≥ 100000: the two-thread path
    for (TermId id = 0; id < store.size(); ++id) terms.push_back(store.Get(id));
    EXPECT_FALSE(store.ordered());
    std::vector<TermId> new_id = store.SortInOutputOrder(threads);
    EXPECT_TRUE(store.ordered());
    ASSERT_EQ(new_id.size(), terms.size());
    for (TermId old = 0; old < terms.size(); ++old) EXPECT_EQ(KeyOf(store.Get(new_id[old])), KeyOf(terms[old]));
    EXPECT_EQ(store.Get(0).value, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") << "rdf:type sorts first";
    for (TermId id = 1; id < store.size(); ++id) {
      EXPECT_TRUE(TermOutputLess(store.View(id - 1), store.View(id))) << id;
    }
    // Interning still finds every term (the index is rebuilt), and a new term ends the order.
    for (TermId old = 0; old < terms.size(); old += 97) EXPECT_EQ(store.Intern(terms[old]), new_id[old]);
    EXPECT_TRUE(store.ordered());
    store.Iri("http://new/");
    EXPECT_FALSE(store.ordered());
  }
}

TEST(TermOutputLessTest, TypeFirstThenIrisThenLiteralsByText) {
  auto v = [](Term::Kind k, std::string_view val, std::string_view lang = {}, std::string_view dt = {}) {
    return TermView{k, val, lang, dt};
  };
  const auto I = Term::Kind::kIri, L = Term::Kind::kLiteral;
  EXPECT_TRUE(TermOutputLess(v(I, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), v(I, "a")));
  EXPECT_TRUE(TermOutputLess(v(I, "z"), v(L, "a")));
  EXPECT_TRUE(TermOutputLess(v(L, "a", "ar"), v(L, "a", "en")));
  EXPECT_TRUE(TermOutputLess(v(L, "a"), v(L, "a", "", "http://dt")));
  EXPECT_FALSE(TermOutputLess(v(L, "a"), v(L, "a")));
  EXPECT_TRUE(TermOutputLess(v(L, "a"), v(L, "\xD8\xB3"))) << "bytes compare unsigned, as std::string";
}

}  // namespace
}  // namespace khabar::graph
