// Time expressions: relative days, weekdays, months with their day and year, years.
#include "events/context.h"

namespace khabar::extract::events {

namespace {

// أمس، الأسبوع الماضي (and a weekday after it, أمس الثلاثاء): a day or period relative to the date.
std::optional<Timex> RelativeTime(const Extractor::Impl& x, const EventContext& ctx, std::size_t i) {
  const Document& doc = ctx.doc;
  std::optional<Hit> rel = x.WordAt(ctx.t, i, kRelativeTime, false, true);
  if (!rel) return std::nullopt;
  Timex tx{i, rel->last, {}, {}};
  const auto& w = x.WordOf(*rel);
  // أمس الثلاثاء: the weekday that follows is the same day.
  if (auto wd = x.WordAt(ctx.t, rel->last, kWeekday)) tx.last = wd->last;
  if (doc.published) {
    if (!w.Attr("days").empty()) {
      tx.from = tx.to = Date::FromDays(doc.published->DaysSinceEpoch() + std::stol(std::string(w.Attr("days"))));
    } else {
      auto r = internal::ResolvePeriod(*doc.published, w.Attr("period"));
      tx.from = r.from;
      tx.to = r.to;
    }
  }
  return tx;
}

// (يوم) الثلاثاء: the last such weekday up to the date.
std::optional<Timex> Weekday(const Extractor::Impl& x, const EventContext& ctx, std::size_t start) {
  const Document& doc = ctx.doc;
  const Tokens& t = ctx.t;
  std::size_t i = start;
  if (t[i].key == x.keys.yawm || t[i].key == x.keys.wa_yawm) ++i;  // يوم
  auto wd = x.WordAt(t, i, kWeekday, false, true);
  if (!wd) return std::nullopt;
  Timex tx{start, wd->last, {}, {}};
  if (doc.published) {
    tx.from = tx.to = internal::LastWeekday(*doc.published, std::stoi(std::string(x.WordOf(*wd).Attr("n"))), false);
  }
  return tx;
}

// (20) سبتمبر (2023): a day or a month; without a year, the last such month up to the date.
std::optional<Timex> MonthDate(const Extractor::Impl& x, const EventContext& ctx, std::size_t i) {
  const Document& doc = ctx.doc;
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  auto mo = x.WordAt(t, i, kMonth, false, true);
  if (!mo) return std::nullopt;
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
  return tx;
}

// عام 2020، العام 2020: the year.
std::optional<Timex> Year(const EventContext& ctx, std::size_t i) {
  const Tokens& t = ctx.t;
  const std::u32string& k = t[i].key;
  if (EndsWith(k, ctx.x.keys.am) &&  // عام، العام، فيعام
      i + 1 < ctx.n && t[i + 1].kind == Token::Kind::kNumber) {
    std::int64_t year = 0;
    if (ParseDigits(t[i + 1].key, &year) && year > 1900 && year < 2200) {
      return Timex{i, i + 2, Date{static_cast<int>(year), 1, 1}, Date{static_cast<int>(year), 12, 31}};
    }
  }
  return std::nullopt;
}

}  // namespace

// The first reading that holds at each token, in that order; the next search starts after it.
void FindTimexes(const Extractor::Impl& x, EventContext& ctx) {
  for (std::size_t i = 0; i < ctx.n; ++i) {
    std::optional<Timex> tx = RelativeTime(x, ctx, i);
    if (!tx) tx = Weekday(x, ctx, i);
    if (!tx) tx = MonthDate(x, ctx, i);
    if (!tx) tx = Year(ctx, i);
    if (!tx) continue;
    ctx.timexes.push_back(*tx);
    i = tx->last - 1;
  }
}

}  // namespace khabar::extract::events
