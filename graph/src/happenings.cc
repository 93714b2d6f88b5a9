#include "happenings.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

#include "merge.h"

namespace khabar::graph::internal {

namespace {

long From(const EventRecord& r) { return r.from; }
long To(const EventRecord& r) { return r.to == kNoDay ? r.from : r.to; }
constexpr long kMaxSpan = 7;  // days; longer periods ("in 2020", "this month") identify nothing

}  // namespace

namespace {

// Reports alike in all that the rule compares (type, place, dates, set of agents) form a class: two of them
// from different articles always match, so a class is compared with the others once, not each of its
// reports (a much-reported day of a war brought thousands of alike reports, compared pair by pair).
struct Class {
  std::uint32_t first;    // a member, whose fields stand for the class's
  std::uint32_t article;  // the members' article, when one_article
  bool one_article;
};

// The classes of the eligible reports `ids`, and the class of each report (class_of, by report index).
std::vector<Class> ClassesOf(const EventRecords& reports, const std::vector<std::uint32_t>& ids,
                             std::vector<std::uint32_t>* class_of) {
  std::vector<Class> classes;
  std::unordered_map<std::string, std::uint32_t> index;
  std::string sig;
  std::vector<std::uint32_t> agents;
  auto put = [&](std::uint32_t v) { sig.append(reinterpret_cast<const char*>(&v), sizeof v); };
  for (std::uint32_t i : ids) {
    const EventRecord& r = reports.records[i];
    sig.clear();
    sig.push_back(static_cast<char>(r.type));
    put(r.place);
    put(static_cast<std::uint32_t>(From(r)));
    put(static_cast<std::uint32_t>(To(r)));
    auto of = reports.AgentsOf(r);
    agents.assign(of.begin(), of.end());
    std::sort(agents.begin(), agents.end());
    agents.erase(std::unique(agents.begin(), agents.end()), agents.end());
    for (std::uint32_t a : agents) put(a);
    auto [it, fresh] = index.try_emplace(sig, static_cast<std::uint32_t>(classes.size()));
    if (fresh) {
      classes.push_back({i, r.article, true});
    } else if (Class& c = classes[it->second]; c.one_article && c.article != r.article) {
      c.one_article = false;
    }
    (*class_of)[i] = it->second;
  }
  return classes;
}

// The matching rule of MatchHappenings over classes (each standing for its first member): classes whose
// reports match are united in `uf`. Compared only within a bucket of one type and one place key, and only
// with classes whose dates can overlap (sorted by date).
void MatchClasses(const EventRecords& reports, const std::vector<Class>& classes, const PlaceContains& contains,
                  const PlaceKeys& keys, UnionFind* uf) {
  const std::vector<EventRecord>& records = reports.records;
  auto rec = [&](std::uint32_t c) -> const EventRecord& { return records[classes[c].first]; };
  std::map<vocab::EventType, std::vector<std::uint32_t>> by_type;
  for (std::size_t c = 0; c < classes.size(); ++c)
    by_type[rec(static_cast<std::uint32_t>(c)).type].push_back(static_cast<std::uint32_t>(c));
  auto place_keys = [&](std::size_t place) {
    std::vector<std::string> k = keys ? keys(place) : std::vector<std::string>{};
    if (k.empty()) k.emplace_back();  // no key: one bucket for all
    std::sort(k.begin() + 1, k.end());
    k.erase(std::unique(k.begin() + 1, k.end()), k.end());
    return k;
  };
  for (const auto& [type, ids] : by_type) {
    // Bucket by each class's own place key, sorted by start date.
    std::map<std::string, std::vector<std::uint32_t>> bucket;
    std::map<std::size_t, std::vector<std::string>> keys_of;  // place -> its keys, computed once
    for (std::uint32_t i : ids) {
      auto it = keys_of.find(rec(i).place);
      if (it == keys_of.end()) it = keys_of.emplace(rec(i).place, place_keys(rec(i).place)).first;
      bucket[it->second.front()].push_back(i);
    }
    for (auto& [key, members] : bucket) {
      std::stable_sort(members.begin(), members.end(),
                       [&](std::uint32_t x, std::uint32_t y) { return rec(x).from < rec(y).from; });
    }
    for (std::uint32_t ia : ids) {
      const EventRecord& a = rec(ia);
      const long a_from = From(a), a_to = To(a);
      for (const std::string& key : keys_of.at(a.place)) {
        auto bt = bucket.find(key);
        if (bt == bucket.end()) continue;
        const auto& members = bt->second;
        // b overlaps a (one day of slack) only if b.from <= a_to + 1 and b_to >= a.from - 1, and
        // b_to <= b.from + kMaxSpan: so b.from >= a.from - 1 - kMaxSpan.
        auto first = std::lower_bound(members.begin(), members.end(), a_from - 1 - kMaxSpan,
                                      [&](std::uint32_t x, long day) { return From(rec(x)) < day; });
        for (auto it = first; it != members.end() && From(rec(*it)) <= a_to + 1; ++it) {
          std::uint32_t ib = *it;
          // Already one happening (a much-reported one links most pairs): nothing to learn from the pair.
          if (ib == ia || uf->Find(ia) == uf->Find(ib)) continue;
          const EventRecord& b = rec(ib);
          if (classes[ia].one_article && classes[ib].one_article && classes[ia].article == classes[ib].article)
            continue;
          if (a_from > To(b) + 1 || From(b) > a_to + 1) continue;  // dates do not overlap (one day of slack)
          if (!contains(a.place, b.place) && !contains(b.place, a.place)) continue;
          auto a_agents = reports.AgentsOf(a), b_agents = reports.AgentsOf(b);
          if (!a_agents.empty() && !b_agents.empty()) {
            bool shared = std::any_of(a_agents.begin(), a_agents.end(), [&](std::uint32_t g) {
              return std::find(b_agents.begin(), b_agents.end(), g) != b_agents.end();
            });
            if (!shared) continue;
          }
          uf->Union(ia, ib);
        }
      }
    }
  }
}

}  // namespace

std::vector<std::vector<std::size_t>> MatchHappenings(const EventRecords& reports, const PlaceContains& contains,
                                                      const PlaceKeys& keys) {
  const std::vector<EventRecord>& records = reports.records;
  std::vector<std::uint32_t> eligible;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const EventRecord& r = records[i];
    if (r.statement || r.place == kNoPlace || r.from == kNoDay) continue;
    if (To(r) - From(r) > kMaxSpan) continue;
    eligible.push_back(static_cast<std::uint32_t>(i));
  }
  std::vector<std::uint32_t> class_of(records.size(), UINT32_MAX);
  const std::vector<Class> classes = ClassesOf(reports, eligible, &class_of);
  // Classes are matched as reports were: a class stands for its first member, and two classes of one and
  // the same article never match.
  UnionFind uf(classes.size());
  MatchClasses(reports, classes, contains, keys, &uf);
  // A class matched with another, or with reports from two articles, is one happening with all its
  // reports; the reports of a class of one article that matched nothing stay apart.
  std::vector<std::uint32_t> class_size(classes.size(), 0);
  for (std::size_t c = 0; c < classes.size(); ++c) ++class_size[uf.Find(c)];
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::uint32_t i : eligible) {
    const std::uint32_t c = class_of[i];
    if (classes[c].one_article && class_size[uf.Find(c)] == 1) continue;
    groups[uf.Find(c)].push_back(i);
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
