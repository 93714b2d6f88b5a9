#include "happenings.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "merge.h"

namespace khabar::graph::internal {

namespace {

long From(const EventRecord& r) { return r.from; }
long To(const EventRecord& r) { return r.to == kNoDay ? r.from : r.to; }

}  // namespace

std::vector<std::vector<std::size_t>> MatchHappenings(const EventRecords& reports, const PlaceContains& contains,
                                                      const PlaceKeys& keys) {
  constexpr long kMaxSpan = 7;  // days; longer periods ("in 2020", "this month") identify nothing
  const std::vector<EventRecord>& records = reports.records;
  std::map<vocab::EventType, std::vector<std::uint32_t>> by_type;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const EventRecord& r = records[i];
    if (r.statement || r.place == kNoPlace || r.from == kNoDay) continue;
    if (To(r) - From(r) > kMaxSpan) continue;
    by_type[r.type].push_back(static_cast<std::uint32_t>(i));
  }
  auto place_keys = [&](std::size_t place) {
    std::vector<std::string> k = keys ? keys(place) : std::vector<std::string>{};
    if (k.empty()) k.emplace_back();  // no key: one bucket for all
    std::sort(k.begin() + 1, k.end());
    k.erase(std::unique(k.begin() + 1, k.end()), k.end());
    return k;
  };
  UnionFind uf(records.size());
  for (const auto& [type, ids] : by_type) {
    // Bucket by each report's own place key, sorted by start date.
    std::map<std::string, std::vector<std::uint32_t>> bucket;
    std::map<std::size_t, std::vector<std::string>> keys_of;  // place -> its keys, computed once
    for (std::uint32_t i : ids) {
      auto it = keys_of.find(records[i].place);
      if (it == keys_of.end()) it = keys_of.emplace(records[i].place, place_keys(records[i].place)).first;
      bucket[it->second.front()].push_back(i);
    }
    for (auto& [key, members] : bucket) {
      std::stable_sort(members.begin(), members.end(),
                       [&](std::uint32_t x, std::uint32_t y) { return records[x].from < records[y].from; });
    }
    for (std::uint32_t ia : ids) {
      const EventRecord& a = records[ia];
      const long a_from = From(a), a_to = To(a);
      for (const std::string& key : keys_of.at(a.place)) {
        auto bt = bucket.find(key);
        if (bt == bucket.end()) continue;
        const auto& members = bt->second;
        // b overlaps a (one day of slack) only if b.from <= a_to + 1 and b_to >= a.from - 1, and
        // b_to <= b.from + kMaxSpan: so b.from >= a.from - 1 - kMaxSpan.
        auto first = std::lower_bound(members.begin(), members.end(), a_from - 1 - kMaxSpan,
                                      [&](std::uint32_t x, long day) { return From(records[x]) < day; });
        for (auto it = first; it != members.end() && From(records[*it]) <= a_to + 1; ++it) {
          std::uint32_t ib = *it;
          // Already one happening (a much-reported one links most pairs): nothing to learn from the pair.
          if (ib == ia || uf.Find(ia) == uf.Find(ib)) continue;
          const EventRecord& b = records[ib];
          if (a.article == b.article) continue;
          if (a_from > To(b) + 1 || From(b) > a_to + 1) continue;  // dates do not overlap (one day of slack)
          if (!contains(a.place, b.place) && !contains(b.place, a.place)) continue;
          auto a_agents = reports.AgentsOf(a), b_agents = reports.AgentsOf(b);
          if (!a_agents.empty() && !b_agents.empty()) {
            bool shared = std::any_of(a_agents.begin(), a_agents.end(), [&](std::uint32_t g) {
              return std::find(b_agents.begin(), b_agents.end(), g) != b_agents.end();
            });
            if (!shared) continue;
          }
          uf.Union(ia, ib);
        }
      }
    }
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (const auto& [type, ids] : by_type) {
    for (std::uint32_t i : ids) groups[uf.Find(i)].push_back(i);
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

std::vector<std::pair<std::size_t, std::size_t>> ConflictingFigures(
    const EventRecords& reports, const std::vector<std::vector<std::size_t>>& groups) {
  using vocab::Qualifier;
  const std::vector<EventRecord>& records = reports.records;
  auto agrees = [](const FigureRecord& lo, const FigureRecord& hi) {  // lo.value < hi.value
    return lo.qualifier == Qualifier::kAtLeast || lo.qualifier == Qualifier::kMoreThan ||
           hi.qualifier == Qualifier::kAtMost || hi.qualifier == Qualifier::kLessThan ||
           hi.qualifier == Qualifier::kNearly;
  };
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& group : groups) {
    // The group's figures by day and kind: only those are compared (small buckets, not all pairs).
    std::map<std::pair<long, vocab::FigureKind>, std::vector<std::pair<std::size_t, const FigureRecord*>>> bucket;
    for (std::size_t i : group) {
      if (records[i].as_of == kNoDay) continue;
      for (const FigureRecord& f : reports.FiguresOf(records[i])) {
        if (f.kind != vocab::FigureKind::kOther) bucket[{records[i].as_of, f.kind}].push_back({i, &f});
      }
    }
    for (auto& [key, figs] : bucket) {
      // An article that repeats a figure (headline and body) is one claim: its first figure stands for it.
      std::sort(figs.begin(), figs.end(), [&](const auto& x, const auto& y) {
        return std::tie(records[x.first].article, x.second->value, x.second->id) <
               std::tie(records[y.first].article, y.second->value, y.second->id);
      });
      figs.erase(std::unique(figs.begin(), figs.end(),
                             [&](const auto& x, const auto& y) {
                               return records[x.first].article == records[y.first].article &&
                                      x.second->value == y.second->value;
                             }),
                 figs.end());
      // Each figure is linked to the nearest value below and the nearest above it that it contradicts (one
      // figure of that value: the smallest id from another article), not to every other figure: at most
      // two links a figure, where all pairs grew with the square of a much-reported happening's reports.
      std::map<std::int64_t, std::vector<std::pair<std::size_t, const FigureRecord*>>> by_value;
      for (const auto& f : figs) by_value[f.second->value].push_back(f);
      for (auto& [value, same] : by_value) {
        std::sort(same.begin(), same.end(), [](const auto& x, const auto& y) { return x.second->id < y.second->id; });
      }
      for (const auto& fig : figs) {
        const std::size_t ia = fig.first;  // (named copies: lambdas cannot capture structured bindings in clang 14)
        const FigureRecord* fa = fig.second;
        // The first figure of `same` from another article that `fa` contradicts, if any.
        auto link = [&](const std::vector<std::pair<std::size_t, const FigureRecord*>>& same) {
          auto other = std::find_if(same.begin(), same.end(),
                                    [&](const auto& x) { return records[x.first].article != records[ia].article; });
          if (other == same.end()) return false;
          const FigureRecord* fb = other->second;
          const FigureRecord* lo = fa->value < fb->value ? fa : fb;
          const FigureRecord* hi = lo == fa ? fb : fa;
          if (agrees(*lo, *hi)) return false;
          out.emplace_back(lo->id, hi->id);
          return true;
        };
        auto at = by_value.find(fa->value);
        for (auto up = std::next(at); up != by_value.end(); ++up) {
          if (link(up->second)) break;
        }
        for (auto down = at; down != by_value.begin();) {
          if (link((--down)->second)) break;
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace khabar::graph::internal
