// Internal: grouping event reports of several articles into real-world happenings (not installed).
//
// Two reports are of the same happening when they come from different articles and have the same
// type, compatible places (equal, or one inside the other in the lexicon's place hierarchy),
// overlapping resolved dates of at most a week's precision (one day of slack), and compatible participants (if both
// name agents, they share one). A report the article gives no time for at all is dated by its article: the
// kUndatedWindow days up to the publication date (news reports what just happened), so one explosion reported
// by five outlets, some of them without a date, is one happening. Reports with an unresolved time expression, in an
// undated article or without a place are never matched: a wrong match would hide a second occurrence, a missed one
// only leaves two nodes. Statements are never matched: each is its own speech act.
// Grouping is transitive (union-find) and deterministic.
#ifndef KHABAR_GRAPH_HAPPENINGS_H_
#define KHABAR_GRAPH_HAPPENINGS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace khabar::graph::internal {

// Days before its article's publication date within which an event given no time is taken to lie.
inline constexpr long kUndatedWindow = 2;

// A figure of an event report, as far as comparing reports needs it.
struct FigureRecord {
  std::string kind;  // figure kind local name (killed, injured…)
  std::int64_t value = 0;
  std::string qualifier;  // qualifier local name (exact, atLeast…)
  std::size_t id = 0;     // the caller's handle for the figure
};

struct EventRecord {
  std::string type;                 // event class local name
  std::string article;              // article id
  std::size_t place = SIZE_MAX;     // resolved entity (cluster) index, SIZE_MAX when none
  std::optional<long> from, to;     // resolved dates as days since 1970-01-01
  std::vector<std::size_t> agents;  // resolved entity (cluster) indices
  bool statement = false;
  std::optional<long> as_of;          // the day its figures describe (kh:asOf), when known
  std::vector<FigureRecord> figures;  // its figures
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

// Pairs of figures that contradict each other (kh:conflictsWith), as (id, id) with the smaller value
// first, sorted: figures of reports of one happening (one of `groups`), from different articles, of the
// same kind (not "other") and the same day (EventRecord::as_of, known for both), with different values that
// their qualifiers do not reconcile; an article that gives one value twice counts once (its smallest id).
// Each figure is paired with the nearest value below and the nearest above it that it contradicts (one figure
// of that value: the smallest id from another article), so the pairs grow with the reports, not with their
// square, and every figure that contradicts another is in a pair. A lower
// bound (atLeast, moreThan) below the other value, or an upper bound (atMost, lessThan, nearly) above it, agrees with
// it: "at least 27" does not contradict 170.
std::vector<std::pair<std::size_t, std::size_t>> ConflictingFigures(
    const std::vector<EventRecord>& records, const std::vector<std::vector<std::size_t>>& groups);

}  // namespace khabar::graph::internal

#endif  // KHABAR_GRAPH_HAPPENINGS_H_
