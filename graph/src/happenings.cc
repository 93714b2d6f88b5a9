#include "happenings.h"

#include <algorithm>
#include <map>

#include "merge.h"

namespace khabar::graph::internal {

std::vector<std::vector<std::size_t>> MatchHappenings(const std::vector<EventRecord>& records,
                                                      const PlaceContains& contains) {
  // Candidates are compared only within a type, so the pairwise loop stays small per bucket.
  std::map<std::string, std::vector<std::size_t>> by_type;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const EventRecord& r = records[i];
    if (r.statement || r.place == SIZE_MAX || !r.from) continue;
    if (r.to.value_or(*r.from) - *r.from > 7) continue;  // "in 2020", "this month": too vague to identify
    by_type[r.type].push_back(i);
  }
  UnionFind uf(records.size());
  for (const auto& [type, ids] : by_type) {
    for (std::size_t x = 0; x < ids.size(); ++x) {
      const EventRecord& a = records[ids[x]];
      long a_to = a.to.value_or(*a.from);
      for (std::size_t y = x + 1; y < ids.size(); ++y) {
        const EventRecord& b = records[ids[y]];
        if (a.article == b.article) continue;
        long b_to = b.to.value_or(*b.from);
        if (*a.from > b_to + 1 || *b.from > a_to + 1) continue;  // dates do not overlap (one day of slack)
        if (!contains(a.place, b.place) && !contains(b.place, a.place)) continue;
        if (!a.agents.empty() && !b.agents.empty()) {
          bool shared = std::any_of(a.agents.begin(), a.agents.end(), [&](std::size_t g) {
            return std::find(b.agents.begin(), b.agents.end(), g) != b.agents.end();
          });
          if (!shared) continue;
        }
        uf.Union(ids[x], ids[y]);
      }
    }
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (const auto& [type, ids] : by_type) {
    for (std::size_t i : ids) groups[uf.Find(i)].push_back(i);
  }
  std::vector<std::vector<std::size_t>> out;
  for (auto& [root, members] : groups) {
    if (members.size() < 2) continue;
    std::sort(members.begin(), members.end());
    out.push_back(std::move(members));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace khabar::graph::internal
