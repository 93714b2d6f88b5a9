#include "timex.h"

namespace khabar::extract::internal {

Date LastWeekday(const Date& published, int weekday, bool strictly_before) {
  long d = published.DaysSinceEpoch() - (strictly_before ? 1 : 0);
  int wd = Date::FromDays(d).Weekday();
  d -= (wd - weekday + 7) % 7;
  return Date::FromDays(d);
}

Resolved ResolvePeriod(const Date& p, std::string_view period) {
  Resolved r;
  long today = p.DaysSinceEpoch();
  int wd = p.Weekday();
  if (period == "last_week") {
    // The seven days of the previous Monday-to-Sunday week.
    long this_monday = today - (wd + 6) % 7;
    r.from = Date::FromDays(this_monday - 7);
    r.to = Date::FromDays(this_monday - 1);
  } else if (period == "this_week") {
    long this_monday = today - (wd + 6) % 7;
    r.from = Date::FromDays(this_monday);
    r.to = p;
  } else if (period == "last_month") {
    int y = p.month == 1 ? p.year - 1 : p.year, m = p.month == 1 ? 12 : p.month - 1;
    r.from = Date{y, m, 1};
    r.to = Date::FromDays(Date{p.year, p.month, 1}.DaysSinceEpoch() - 1);
  } else if (period == "this_month") {
    r.from = Date{p.year, p.month, 1};
    r.to = p;
  } else if (period == "last_year") {
    r.from = Date{p.year - 1, 1, 1};
    r.to = Date{p.year - 1, 12, 31};
  } else if (period == "this_year") {
    r.from = Date{p.year, 1, 1};
    r.to = p;
  }
  return r;
}

}  // namespace khabar::extract::internal
