// The event finder's registries (extract/src/events/): the article-level passes and the per-trigger
// steps are named, described, listed once each, and run in the order the rules depend on.
#include <gtest/gtest.h>

#include <set>
#include <string_view>

#include "events/context.h"
#include "events/trigger_frame.h"

namespace khabar::extract::events {
namespace {

template <typename Table>
void ExpectNamedAndUnique(const Table& table) {
  std::set<std::string_view> names;
  for (const auto& entry : table) {
    EXPECT_FALSE(entry.name.empty());
    EXPECT_FALSE(entry.what.empty()) << entry.name;
    EXPECT_NE(entry.run, nullptr) << entry.name;
    EXPECT_TRUE(names.insert(entry.name).second) << "listed twice: " << entry.name;
  }
}

std::size_t IndexOf(std::span<const EventPass> passes, std::string_view name) {
  for (std::size_t i = 0; i < passes.size(); ++i) {
    if (passes[i].name == name) return i;
  }
  return passes.size();
}

TEST(EventPassesTest, PassesAreNamedAndUnique) { ExpectNamedAndUnique(EventPasses()); }

TEST(EventPassesTest, StepsAreNamedAndUnique) { ExpectNamedAndUnique(TriggerSteps()); }

TEST(EventPassesTest, PassesRunAfterWhatTheyRead) {
  auto passes = EventPasses();
  ASSERT_FALSE(passes.empty());
  EXPECT_EQ(passes.front().name, "sentences");
  // The events read the numbers, triggers, reports, time expressions and openers; the figures read the
  // events; the tallies read the figures.
  for (std::string_view before : {"numbers", "triggers", "reports", "time-expressions", "openers"}) {
    EXPECT_LT(IndexOf(passes, before), IndexOf(passes, "events")) << before;
  }
  EXPECT_LT(IndexOf(passes, "events"), IndexOf(passes, "figures"));
  EXPECT_LT(IndexOf(passes, "figures"), IndexOf(passes, "tallies"));
}

}  // namespace
}  // namespace khabar::extract::events
