// The mention pass table (extract/src/mentions/passes.cc): every pass has a name of its own, a function
// and a line saying what it finds; the passes that others read run first.
#include "mentions/passes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace khabar::extract::testing {
namespace {

TEST(MentionPassesTest, EveryPassHasAUniqueNameAFunctionAndADescription) {
  std::set<std::string_view> names;
  ASSERT_FALSE(MentionPasses().empty());
  for (const MentionPass& pass : MentionPasses()) {
    SCOPED_TRACE(std::string(pass.name));
    EXPECT_FALSE(pass.name.empty());
    EXPECT_NE(pass.run, nullptr);
    EXPECT_FALSE(pass.what.empty());
    EXPECT_TRUE(names.insert(pass.name).second) << "two passes named " << pass.name;
  }
}

TEST(MentionPassesTest, TheLexiconRunsFirstAndThePersonSuffixFixUpLast) {
  auto passes = MentionPasses();
  EXPECT_EQ(passes.front().name, "lexicon");       // collects the nisbas and names every later pass reads
  EXPECT_EQ(passes.back().name, "person-suffix");  // reads every person found
  auto position = [&](std::string_view name) {
    for (std::size_t i = 0; i < passes.size(); ++i) {
      if (passes[i].name == name) return i;
    }
    return passes.size();
  };
  EXPECT_LT(position("polity"), position("separatists"));  // the separatists are the polity's
  EXPECT_LT(position("polity"), position("nisba"));        // kin forces are the polity's
  EXPECT_LT(position("title"), position("surname"));       // a surname names a person found before
}

}  // namespace
}  // namespace khabar::extract::testing
