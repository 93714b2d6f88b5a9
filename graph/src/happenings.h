// Internal: grouping event reports of several articles into real-world happenings (not installed).
//
// Two reports are of the same happening when they come from different articles and have the same
// type, compatible places (equal, or one inside the other in the lexicon's place hierarchy),
// overlapping resolved dates of at most a week's precision (one day of slack), and compatible participants (if both
// name agents, they share one). Reports without a resolved date or a place are never matched: a wrong match would hide
// a second occurrence, a missed one only leaves two nodes. Statements are never matched: each is its own speech act.
// Grouping is transitive (union-find) and deterministic.
#ifndef KHABAR_GRAPH_HAPPENINGS_H_
#define KHABAR_GRAPH_HAPPENINGS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace khabar::graph::internal {

struct EventRecord {
  std::string type;                 // event class local name
  std::string article;              // article id
  std::size_t place = SIZE_MAX;     // resolved entity (cluster) index, SIZE_MAX when none
  std::optional<long> from, to;     // resolved dates as days since 1970-01-01
  std::vector<std::size_t> agents;  // resolved entity (cluster) indices
  bool statement = false;
};

// `contains(a, b)`: place a contains place b (or a == b).
using PlaceContains = std::function<bool(std::size_t, std::size_t)>;

// Keys that narrow the search for compatible places: `keys(p)` lists p's own key first, then the keys
// of the places that may contain it. Whenever contains(a, b) holds, b's list must hold a's own key.
// `contains` still decides; the keys only choose which reports are compared.
using PlaceKeys = std::function<std::vector<std::string>(std::size_t)>;

// Groups of record indices reporting one happening (only groups of two or more), each sorted, the
// groups in order of their first member.
//
// Reports are compared only within a bucket of one type and one place key, and only with reports whose
// dates can overlap (sorted by date): near-linear on a large corpus, where comparing every pair of a
// type was quadratic (hours at 100k articles, docs/performance.md). Without `keys`, every place shares
// one key. The groups are the same either way.
std::vector<std::vector<std::size_t>> MatchHappenings(const std::vector<EventRecord>& records,
                                                      const PlaceContains& contains, const PlaceKeys& keys = {});

}  // namespace khabar::graph::internal

#endif  // KHABAR_GRAPH_HAPPENINGS_H_
