// Cross-article event matching: which reports are of one happening, and which must stay apart.
#include <gtest/gtest.h>

#include "happenings.h"

namespace khabar::graph::internal {
namespace {

// Places: 0 = a region containing 1 (a city in it); 2 = an unrelated city.
bool Contains(std::size_t a, std::size_t b) { return a == b || (a == 0 && b == 1); }

EventRecord Report(std::string type, std::string article, std::size_t place, long from, long to,
                   std::vector<std::size_t> agents = {}) {
  EventRecord r;
  r.type = std::move(type);
  r.article = std::move(article);
  r.place = place;
  r.from = from;
  r.to = to;
  r.agents = std::move(agents);
  return r;
}

TEST(HappeningsTest, SameExplosionInTwoArticlesIsOneHappening) {
  std::vector<EventRecord> r{Report("Explosion", "a", 0, 100, 100), Report("Explosion", "b", 1, 100, 100)};
  auto groups = MatchHappenings(r, Contains);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 1}));
}

TEST(HappeningsTest, AWeekRangeOverlapsADayInIt) {
  std::vector<EventRecord> r{Report("MilitaryOperation", "a", 0, 93, 99), Report("MilitaryOperation", "b", 0, 96, 96)};
  EXPECT_EQ(MatchHappenings(r, Contains).size(), 1u);
}

TEST(HappeningsTest, KeptApart) {
  // Same article; other type; unrelated place; dates two days apart; disjoint agents; no date.
  std::vector<EventRecord> r{
      Report("Explosion", "a", 0, 100, 100), Report("Explosion", "a", 0, 100, 100), Report("Attack", "b", 0, 100, 100),
      Report("Explosion", "c", 2, 100, 100), Report("Explosion", "d", 0, 103, 103),
  };
  EXPECT_TRUE(MatchHappenings(r, Contains).empty());
  std::vector<EventRecord> agents{Report("Attack", "a", 0, 100, 100, {7}), Report("Attack", "b", 0, 100, 100, {8})};
  EXPECT_TRUE(MatchHappenings(agents, Contains).empty());
  EventRecord undated = Report("Explosion", "b", 0, 100, 100);
  undated.from.reset();
  std::vector<EventRecord> u{Report("Explosion", "a", 0, 100, 100), undated};
  EXPECT_TRUE(MatchHappenings(u, Contains).empty());
}

TEST(HappeningsTest, VagueDatesNeverMatch) {
  // "in 2020" on both sides says nothing about being the same occurrence.
  std::vector<EventRecord> r{Report("Ceasefire", "a", 0, 0, 365), Report("Ceasefire", "b", 0, 100, 100)};
  EXPECT_TRUE(MatchHappenings(r, Contains).empty());
}

TEST(HappeningsTest, StatementsAreNeverMerged) {
  std::vector<EventRecord> r{Report("Accusation", "a", 0, 100, 100), Report("Accusation", "b", 0, 100, 100)};
  r[0].statement = r[1].statement = true;
  EXPECT_TRUE(MatchHappenings(r, Contains).empty());
}

TEST(HappeningsTest, TransitiveAndDeterministic) {
  std::vector<EventRecord> r{Report("Displacement", "c", 1, 100, 100), Report("Displacement", "a", 0, 95, 101),
                             Report("Displacement", "b", 1, 101, 101)};
  auto g1 = MatchHappenings(r, Contains);
  ASSERT_EQ(g1.size(), 1u);
  EXPECT_EQ(g1[0], (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(MatchHappenings(r, Contains), g1);
}

// Figures of one happening: which pairs contradict each other (kh:conflictsWith).
TEST(HappeningsTest, ConflictingFiguresOfOneHappeningKindAndDay) {
  auto report = [](std::string article, std::optional<long> as_of, std::vector<FigureRecord> figures) {
    EventRecord r = Report("Casualties", std::move(article), 0, 100, 100);
    r.as_of = as_of;
    r.figures = std::move(figures);
    return r;
  };
  std::vector<EventRecord> r{
      report("a", 100, {{"killed", 6, "exact", 10}, {"injured", 40, "exact", 11}}),
      report("b", 100, {{"killed", 170, "exact", 20}, {"injured", 40, "exact", 21}}),   // 6 vs 170; 40 = 40
      report("c", 100, {{"killed", 5, "atLeast", 30}, {"killed", 200, "nearly", 31}}),  // bounds that agree
      report("d", 104, {{"killed", 900, "exact", 40}}),                                 // another day
      report("e", std::nullopt, {{"killed", 1, "exact", 50}}),                          // no day
      report("a", 100, {{"killed", 7, "exact", 60}}),                                   // same article as 10
      report("b", 100, {{"killed", 170, "exact", 70}, {"other", 3, "exact", 71}}),      // 170 again; "other"
      report("f", 100, {{"other", 9, "exact", 80}}),                                    // "other" never conflicts
  };
  std::vector<std::vector<std::size_t>> groups{{0, 1, 2, 3, 4, 5, 6, 7}};
  using P = std::pair<std::size_t, std::size_t>;
  // 6 (10) against 170 (20); "at least 5" agrees with every larger value, "nearly 200" with 6, 7 and 170;
  // 7 (60) against 170 (20) but not against 6 (10), from the same article; article b's second 170 (70) is
  // the same claim as its first (20).
  EXPECT_EQ(ConflictingFigures(r, groups), (std::vector<P>{{10, 20}, {60, 20}}));
  // Three articles say 100, two say 200, one says 300: each figure is paired with the first figure of the
  // nearest values below and above it, not with all of them (6 pairs, not 11).
  std::vector<EventRecord> many{
      report("p", 100, {{"killed", 100, "exact", 1}}), report("q", 100, {{"killed", 100, "exact", 2}}),
      report("r", 100, {{"killed", 100, "exact", 3}}), report("s", 100, {{"killed", 200, "exact", 4}}),
      report("t", 100, {{"killed", 200, "exact", 5}})};
  EXPECT_EQ(ConflictingFigures(many, {{0, 1, 2, 3, 4}}), (std::vector<P>{{1, 4}, {1, 5}, {2, 4}, {3, 4}}));
  // Reports of different happenings are never compared.
  EXPECT_TRUE(ConflictingFigures(r, {{0, 3}, {1, 4}}).empty());
}

}  // namespace
}  // namespace khabar::graph::internal
