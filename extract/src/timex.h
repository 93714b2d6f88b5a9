// Internal: resolving relative time expressions against a publication date (not installed).
#ifndef KHABAR_EXTRACT_TIMEX_H_
#define KHABAR_EXTRACT_TIMEX_H_

#include <optional>
#include <string_view>

#include "khabar/extract/document.h"

namespace khabar::extract::internal {

struct Resolved {
  std::optional<Date> from, to;  // a day (from == to) or a period; both empty when unresolvable
};

// The most recent `weekday` (0 = Sunday) on or before `published`: news says "يوم الاثنين" of the week
// that is ending. With `strictly_before`, the day before is the latest ("أمس الثلاثاء").
Date LastWeekday(const Date& published, int weekday, bool strictly_before);
// Resolves a named period relative to the publication date: last_week, this_week, last_month,
// this_month, last_year, this_year; empty for unknown names.
Resolved ResolvePeriod(const Date& published, std::string_view period);

}  // namespace khabar::extract::internal

#endif  // KHABAR_EXTRACT_TIMEX_H_
