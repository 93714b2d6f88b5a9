// Cross-article event matching: which reports are of one happening, and which must stay apart.
#include <gtest/gtest.h>

#include "happenings.h"

namespace khabar::graph::internal {
namespace {

// Places: 0 = a region containing 1 (a city in it); 2 = an unrelated city.
bool Contains(std::size_t a, std::size_t b) { return a == b || (a == 0 && b == 1); }

using vocab::EventType;
using K = vocab::FigureKind;
using Q = vocab::Qualifier;

// One report to add to EventRecords (the tests' records; articles are numbers, as the graph gives them).
struct Report {
  EventRecord record;
  std::vector<std::uint32_t> agents;
  std::vector<FigureRecord> figures;
  Report(EventType type, std::uint32_t article, std::uint32_t place, std::int32_t from, std::int32_t to,
         std::vector<std::uint32_t> agents_of = {})
      : agents(std::move(agents_of)) {
    record.type = type;
    record.article = article;
    record.place = place;
    record.from = from;
    record.to = to;
  }
};

EventRecords Records(const std::vector<Report>& reports) {
  EventRecords out;
  for (const Report& r : reports) out.Add(r.record, r.agents, r.figures);
  return out;
}

TEST(HappeningsTest, SameExplosionInTwoArticlesIsOneHappening) {
  auto r = Records({Report(EventType::kExplosion, 0, 0, 100, 100), Report(EventType::kExplosion, 1, 1, 100, 100)});
  auto groups = MatchHappenings(r, Contains);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 1}));
}

TEST(HappeningsTest, AWeekRangeOverlapsADayInIt) {
  auto r = Records(
      {Report(EventType::kMilitaryOperation, 0, 0, 93, 99), Report(EventType::kMilitaryOperation, 1, 0, 96, 96)});
  EXPECT_EQ(MatchHappenings(r, Contains).size(), 1u);
}

TEST(HappeningsTest, KeptApart) {
  // Same article; other type; unrelated place; dates two days apart; disjoint agents; no date.
  auto r = Records({
      Report(EventType::kExplosion, 0, 0, 100, 100),
      Report(EventType::kExplosion, 0, 0, 100, 100),
      Report(EventType::kAttack, 1, 0, 100, 100),
      Report(EventType::kExplosion, 2, 2, 100, 100),
      Report(EventType::kExplosion, 3, 0, 103, 103),
  });
  EXPECT_TRUE(MatchHappenings(r, Contains).empty());
  auto agents =
      Records({Report(EventType::kAttack, 0, 0, 100, 100, {7}), Report(EventType::kAttack, 1, 0, 100, 100, {8})});
  EXPECT_TRUE(MatchHappenings(agents, Contains).empty());
  Report undated(EventType::kExplosion, 1, 0, 100, 100);
  undated.record.from = kNoDay;
  auto u = Records({Report(EventType::kExplosion, 0, 0, 100, 100), undated});
  EXPECT_TRUE(MatchHappenings(u, Contains).empty());
}

TEST(HappeningsTest, VagueDatesNeverMatch) {
  // "in 2020" on both sides says nothing about being the same occurrence.
  auto r = Records({Report(EventType::kCeasefire, 0, 0, 0, 365), Report(EventType::kCeasefire, 1, 0, 100, 100)});
  EXPECT_TRUE(MatchHappenings(r, Contains).empty());
}

TEST(HappeningsTest, StatementsAreNeverMerged) {
  auto r = Records({Report(EventType::kAccusation, 0, 0, 100, 100), Report(EventType::kAccusation, 1, 0, 100, 100)});
  r.records[0].statement = r.records[1].statement = true;
  EXPECT_TRUE(MatchHappenings(r, Contains).empty());
}

TEST(HappeningsTest, TransitiveAndDeterministic) {
  auto r = Records({Report(EventType::kDisplacement, 2, 1, 100, 100), Report(EventType::kDisplacement, 0, 0, 95, 101),
                    Report(EventType::kDisplacement, 1, 1, 101, 101)});
  auto g1 = MatchHappenings(r, Contains);
  ASSERT_EQ(g1.size(), 1u);
  EXPECT_EQ(g1[0], (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(MatchHappenings(r, Contains), g1);
}

// Figures of one happening: which pairs contradict each other (kh:conflictsWith).
TEST(HappeningsTest, ConflictingFiguresOfOneHappeningKindAndDay) {
  auto report = [](std::uint32_t article, std::int32_t as_of, std::vector<FigureRecord> figures) {
    Report r(EventType::kCasualties, article, 0, 100, 100);
    r.record.as_of = as_of;
    r.figures = std::move(figures);
    return r;
  };
  // Articles: a = 0, b = 1, c = 2, d = 3, e = 4, f = 5.
  auto r = Records({
      report(0, 100, {{K::kKilled, 6, Q::kExact, 10}, {K::kInjured, 40, Q::kExact, 11}}),
      report(1, 100, {{K::kKilled, 170, Q::kExact, 20}, {K::kInjured, 40, Q::kExact, 21}}),   // 6 vs 170; 40 = 40
      report(2, 100, {{K::kKilled, 5, Q::kAtLeast, 30}, {K::kKilled, 200, Q::kNearly, 31}}),  // bounds that agree
      report(3, 104, {{K::kKilled, 900, Q::kExact, 40}}),                                     // another day
      report(4, kNoDay, {{K::kKilled, 1, Q::kExact, 50}}),                                    // no day
      report(0, 100, {{K::kKilled, 7, Q::kExact, 60}}),                                       // same article as 10
      report(1, 100, {{K::kKilled, 170, Q::kExact, 70}, {K::kOther, 3, Q::kExact, 71}}),      // 170 again; "other"
      report(5, 100, {{K::kOther, 9, Q::kExact, 80}}),                                        // "other" never conflicts
  });
  std::vector<std::vector<std::size_t>> groups{{0, 1, 2, 3, 4, 5, 6, 7}};
  using P = std::pair<std::size_t, std::size_t>;
  // 6 (10) against 170 (20); "at least 5" agrees with every larger value, "nearly 200" with 6, 7 and 170;
  // 7 (60) against 170 (20) but not against 6 (10), from the same article; article b's second 170 (70) is
  // the same claim as its first (20).
  EXPECT_EQ(ConflictingFigures(r, groups), (std::vector<P>{{10, 20}, {60, 20}}));
  // Three articles say 100, two say 200, one says 300: each figure is paired with the first figure of the
  // nearest values below and above it, not with all of them (6 pairs, not 11).
  auto many =
      Records({report(6, 100, {{K::kKilled, 100, Q::kExact, 1}}), report(7, 100, {{K::kKilled, 100, Q::kExact, 2}}),
               report(8, 100, {{K::kKilled, 100, Q::kExact, 3}}), report(9, 100, {{K::kKilled, 200, Q::kExact, 4}}),
               report(10, 100, {{K::kKilled, 200, Q::kExact, 5}})});
  EXPECT_EQ(ConflictingFigures(many, {{0, 1, 2, 3, 4}}), (std::vector<P>{{1, 4}, {1, 5}, {2, 4}, {3, 4}}));
  // Reports of different happenings are never compared.
  EXPECT_TRUE(ConflictingFigures(r, {{0, 3}, {1, 4}}).empty());
}

}  // namespace
}  // namespace khabar::graph::internal
