// Time expressions: relative days, weekdays, months with their day and year, years.
#include "events/context.h"

namespace khabar::extract::events {

void FindTimexes(const Extractor::Impl& x, EventContext& ctx) {
  const Document& doc = ctx.doc;
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<Hit> rel = x.WordAt(t, i, kRelativeTime, false, true);
    if (rel) {
      Timex tx{i, rel->last, {}, {}};
      const auto& w = x.WordOf(*rel);
      // أمس الثلاثاء: the weekday that follows is the same day.
      if (auto wd = x.WordAt(t, rel->last, kWeekday)) tx.last = wd->last;
      if (doc.published) {
        if (!w.Attr("days").empty()) {
          tx.from = tx.to = Date::FromDays(doc.published->DaysSinceEpoch() + std::stol(std::string(w.Attr("days"))));
        } else {
          auto r = internal::ResolvePeriod(*doc.published, w.Attr("period"));
          tx.from = r.from;
          tx.to = r.to;
        }
      }
      ctx.timexes.push_back(tx);
      i = tx.last - 1;
      continue;
    }
    std::size_t start = i;
    if (t[i].key == U"\u064A\u0648\u0645" || t[i].key == U"\u0648\u064A\u0648\u0645") ++i;  // يوم
    if (auto wd = x.WordAt(t, i, kWeekday, false, true)) {
      Timex tx{start, wd->last, {}, {}};
      if (doc.published) {
        tx.from = tx.to = internal::LastWeekday(*doc.published, std::stoi(std::string(x.WordOf(*wd).Attr("n"))), false);
      }
      ctx.timexes.push_back(tx);
      i = tx.last - 1;
      continue;
    }
    i = start;
    if (auto mo = x.WordAt(t, i, kMonth, false, true)) {
      Timex tx{i, mo->last, {}, {}};
      int month = std::stoi(std::string(x.WordOf(*mo).Attr("n")));
      std::int64_t year = 0;
      if (tx.last < n && t[tx.last].kind == Token::Kind::kNumber && ParseDigits(t[tx.last].key, &year) && year > 1900 &&
          year < 2200) {
        ++tx.last;
      } else if (doc.published) {
        year = doc.published->year - (month > doc.published->month ? 1 : 0);
      }
      // A day number before the month: "20 سبتمبر".
      std::int64_t day = 0;
      if (i > 0 && t[i - 1].kind == Token::Kind::kNumber && ParseDigits(t[i - 1].key, &day) && day >= 1 && day <= 31) {
        tx.first = i - 1;
      } else {
        day = 0;
      }
      if (year > 0) {
        Date from{static_cast<int>(year), month, day > 0 ? static_cast<int>(day) : 1};
        Date to = from;
        if (day == 0) {
          Date next{month == 12 ? static_cast<int>(year) + 1 : static_cast<int>(year), month == 12 ? 1 : month + 1, 1};
          to = Date::FromDays(next.DaysSinceEpoch() - 1);
        }
        if (from.Valid()) {
          tx.from = from;
          tx.to = to;
        }
      }
      ctx.timexes.push_back(tx);
      i = tx.last - 1;
      continue;
    }
    const std::u32string& k = t[i].key;
    if ((k == U"\u0639\u0627\u0645" || k == U"\u0627\u0644\u0639\u0627\u0645" || EndsWith(k, U"\u0639\u0627\u0645")) &&
        i + 1 < n && t[i + 1].kind == Token::Kind::kNumber) {
      std::int64_t year = 0;
      if (ParseDigits(t[i + 1].key, &year) && year > 1900 && year < 2200) {
        Timex tx{i, i + 2, Date{static_cast<int>(year), 1, 1}, Date{static_cast<int>(year), 12, 31}};
        ctx.timexes.push_back(tx);
        ++i;
      }
    }
  }
}

}  // namespace khabar::extract::events
