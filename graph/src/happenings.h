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

#include <climits>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "khabar/ontology/vocab.h"

namespace khabar::graph::internal {

// Days before its article's publication date within which an event given no time is taken to lie.
inline constexpr long kUndatedWindow = 2;

inline constexpr std::uint32_t kNoPlace = UINT32_MAX;
inline constexpr std::int32_t kNoDay = INT32_MIN;

// A figure of an event report, as far as comparing reports needs it.
struct FigureRecord {
  vocab::FigureKind kind = vocab::FigureKind::kOther;
  std::int64_t value = 0;
  vocab::Qualifier qualifier = vocab::Qualifier::kExact;
  std::uint32_t id = 0;  // the caller's handle for the figure
};

// One event report. Its agents and figures are ranges of EventRecords' shared vectors: a million articles
// bring tens of millions of reports, and two vectors each were most of a large build's memory.
struct EventRecord {
  vocab::EventType type = vocab::EventType::kMilitaryOperation;
  bool statement = false;
  std::uint32_t article = 0;       // equal for the reports of one article; figure ties go to the smaller
  std::uint32_t place = kNoPlace;  // resolved entity (cluster) index
  std::int32_t from = kNoDay;      // resolved dates as days since 1970-01-01
  std::int32_t to = kNoDay;        // kNoDay: the same as from
  std::int32_t as_of = kNoDay;     // the day its figures describe (kh:asOf), when known
  std::uint32_t agents_begin = 0, agents_end = 0;    // EventRecords::agents[begin, end): entity (cluster) indices
  std::uint32_t figures_begin = 0, figures_end = 0;  // EventRecords::figures[begin, end)
};

struct EventRecords {
  std::vector<EventRecord> records;
  std::vector<std::uint32_t> agents;
  std::vector<FigureRecord> figures;

  // Appends `r` with these agents and figures (its ranges are set here).
  void Add(EventRecord r, std::span<const std::uint32_t> agents_of, std::span<const FigureRecord> figures_of) {
    r.agents_begin = static_cast<std::uint32_t>(agents.size());
    agents.insert(agents.end(), agents_of.begin(), agents_of.end());
    r.agents_end = static_cast<std::uint32_t>(agents.size());
    r.figures_begin = static_cast<std::uint32_t>(figures.size());
    figures.insert(figures.end(), figures_of.begin(), figures_of.end());
    r.figures_end = static_cast<std::uint32_t>(figures.size());
    records.push_back(r);
  }
  std::span<const std::uint32_t> AgentsOf(const EventRecord& r) const {
    return {agents.data() + r.agents_begin, agents.data() + r.agents_end};
  }
  std::span<const FigureRecord> FiguresOf(const EventRecord& r) const {
    return {figures.data() + r.figures_begin, figures.data() + r.figures_end};
  }
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
std::vector<std::vector<std::size_t>> MatchHappenings(const EventRecords& reports, const PlaceContains& contains,
                                                      const PlaceKeys& keys = {});

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
    const EventRecords& reports, const std::vector<std::vector<std::size_t>>& groups);

}  // namespace khabar::graph::internal

#endif  // KHABAR_GRAPH_HAPPENINGS_H_
