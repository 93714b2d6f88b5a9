// The bucketed happenings matcher against the plain pairwise rule (the model), on random reports over a
// small place hierarchy: the same groups, with and without place keys.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "happenings.h"
#include "merge.h"

namespace khabar::graph::internal {
namespace {

// Places 0..9; parent[p] is the place p lies in (-1: none). 0 ⊃ 1 ⊃ 2, 0 ⊃ 3, 4 ⊃ 5 ⊃ 6 ⊃ 7, 8, 9.
const int kParent[] = {-1, 0, 1, 0, -1, 4, 5, 6, -1, -1};

bool Contains(std::size_t a, std::size_t b) {
  for (int p = static_cast<int>(b); p >= 0; p = kParent[p]) {
    if (static_cast<std::size_t>(p) == a) return true;
  }
  return false;
}

std::vector<std::string> Keys(std::size_t p) {
  std::vector<std::string> k;
  for (int q = static_cast<int>(p); q >= 0; q = kParent[q]) k.push_back(std::to_string(q));
  return k;
}

// The rule of happenings.h, every pair compared.
std::vector<std::vector<std::size_t>> Model(const EventRecords& reports) {
  const std::vector<EventRecord>& r = reports.records;
  auto to = [](const EventRecord& e) { return e.to == kNoDay ? e.from : e.to; };
  auto eligible = [&](const EventRecord& e) {
    return !e.statement && e.place != kNoPlace && e.from != kNoDay && to(e) - e.from <= 7;
  };
  UnionFind uf(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    for (std::size_t j = i + 1; j < r.size(); ++j) {
      const EventRecord& a = r[i];
      const EventRecord& b = r[j];
      if (!eligible(a) || !eligible(b) || a.type != b.type || a.article == b.article) continue;
      if (a.from > to(b) + 1 || b.from > to(a) + 1) continue;
      if (!Contains(a.place, b.place) && !Contains(b.place, a.place)) continue;
      auto aa = reports.AgentsOf(a), ba = reports.AgentsOf(b);
      if (!aa.empty() && !ba.empty() && std::none_of(aa.begin(), aa.end(), [&](std::uint32_t g) {
            return std::find(ba.begin(), ba.end(), g) != ba.end();
          })) {
        continue;
      }
      uf.Union(i, j);
    }
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (eligible(r[i])) groups[uf.Find(i)].push_back(i);
  }
  std::vector<std::vector<std::size_t>> out;
  for (auto& [root, members] : groups) {
    if (members.size() >= 2) out.push_back(members);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(HappeningsModelTest, BucketsGiveThePairwiseGroups) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> type(0, 2), article(0, 30), place(-1, 9), day(0, 40), span(0, 10), agent(0, 4),
      n_agents(0, 2), coin(0, 9);
  const vocab::EventType kTypes[] = {vocab::EventType::kAttack, vocab::EventType::kExplosion,
                                     vocab::EventType::kDisplacement};
  std::size_t groups = 0;
  for (int round = 0; round < 30; ++round) {
    EventRecords r;
    std::vector<std::uint32_t> agents;
    for (int n = 0; n < 300; ++n) {
      EventRecord e;
      e.type = kTypes[type(rng)];
      e.article = static_cast<std::uint32_t>(article(rng));
      int p = place(rng);
      e.place = p < 0 ? kNoPlace : static_cast<std::uint32_t>(p);
      if (coin(rng) > 0) {
        e.from = day(rng);
        e.to = e.from + (coin(rng) < 7 ? 0 : span(rng));
      }
      agents.clear();
      for (int k = n_agents(rng); k > 0; --k) agents.push_back(static_cast<std::uint32_t>(agent(rng)));
      e.statement = coin(rng) == 0;
      r.Add(e, agents, {});
    }
    auto model = Model(r);
    groups += model.size();
    EXPECT_EQ(MatchHappenings(r, Contains, Keys), model) << "round " << round;
    EXPECT_EQ(MatchHappenings(r, Contains), model) << "round " << round << ", no keys";
  }
  EXPECT_GT(groups, 100u) << "the random reports should form groups, or the test proves little";
}

}  // namespace
}  // namespace khabar::graph::internal
