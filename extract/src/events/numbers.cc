// Numbers: the counts in the text (27، 1.9 مليون، سبعة آلاف) and the dual nouns (مدنيان).
#include "events/context.h"

namespace khabar::extract::events {

namespace {

// A decimal or thousands separator at token k: , . ٬ ٫
bool Separator(const Tokens& t, std::size_t k) {
  return t[k].kind == Token::Kind::kPunct && (t[k].key == U"," || t[k].key == U"." ||
                                              IsChar(t[k].key, kArabicThousands) || IsChar(t[k].key, kArabicDecimal));
}

// The value of the number at token i, in *value, and the token after it, in *end: digits with their
// separators, or a number word; times a multiplier (ألف، مليون) and its "و437".
bool ReadValue(const Extractor::Impl& x, const EventContext& ctx, std::size_t i, std::int64_t* value,
               std::size_t* end) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  std::int64_t v = 0;
  std::size_t j = i;
  bool have = false;
  std::int64_t frac = 0, frac_scale = 1;  // 1.9 مليون: 1 + 9/10, scaled by the multiplier below
  if (t[i].kind == Token::Kind::kNumber && ParseDigits(t[i].key, &v)) {
    have = true;
    j = i + 1;
    if (j + 1 < n && Separator(t, j) && !IsChar(t[j].key, kArabicThousands) && t[j + 1].kind == Token::Kind::kNumber &&
        t[j + 1].key.size() <= 2 && t[j].begin == t[j - 1].end && t[j + 1].begin == t[j].end &&
        ParseDigits(t[j + 1].key, &frac)) {
      frac_scale = t[j + 1].key.size() == 1 ? 10 : 100;
      j += 2;
    }
    // 100,417 / 100.000: thousands separators.
    while (j + 1 < n && t[j].kind == Token::Kind::kPunct &&
           (t[j].key == U"," || t[j].key == U"." || IsChar(t[j].key, kArabicThousands)) &&
           t[j + 1].kind == Token::Kind::kNumber && t[j + 1].key.size() == 3 && t[j].begin == t[j - 1].end &&
           t[j + 1].begin == t[j].end) {
      std::int64_t part = 0;
      ParseDigits(t[j + 1].key, &part);
      v = v * 1000 + part;
      j += 2;
    }
  } else if (auto w = x.WordAt(t, i, kNumberWord, false, true); w && x.WordOf(*w).Attr("kind") != "vague") {
    const auto& word = x.WordOf(*w);
    std::string_view val = word.Attr("value");
    // آلاف / ملايين alone are vague ("thousands"): a figure only after a number (سبعة آلاف).
    if (!val.empty() && word.Attr("plural").empty()) {
      v = std::stoll(std::string(val));
      have = true;
      j = w->last;
    }
  }
  if (!have) return false;
  // Multipliers: ألف / آلاف / مليون.
  if (j < n) {
    if (auto m = x.WordAt(t, j, kNumberWord, false, false)) {
      std::string_view kind = x.WordOf(*m).Attr("kind");
      std::string_view multiplier = x.WordOf(*m).Attr("multiplier");  // 18 ألفا: the accusative of ألف
      if (kind == "thousand" || kind == "million" || kind == "hundred" || !multiplier.empty()) {
        std::int64_t scale = std::stoll(std::string(multiplier.empty() ? x.WordOf(*m).Attr("value") : multiplier));
        v = v * scale + frac * scale / frac_scale;
        frac = 0;
        j = m->last;
        // "100 ألف و437"
        if (j < n && t[j].kind == Token::Kind::kWord && t[j].key.size() > 1 && t[j].key[0] == kWaw) {
          std::int64_t extra = 0;
          if (ParseDigits(t[j].key.substr(1), &extra)) {
            v += extra;
            ++j;
          }
        } else if (j + 1 < n && IsChar(t[j].key, kWaw) && t[j + 1].kind == Token::Kind::kNumber) {
          std::int64_t extra = 0;
          if (ParseDigits(t[j + 1].key, &extra)) {
            v += extra;
            j += 2;
          }
        }
      }
    }
  }
  if (frac != 0) return false;  // 2.5 without ألف or مليون: no count of people
  *value = v;
  *end = j;
  return true;
}

// Whether the number in tokens [i, j) is no figure: a year, a date, a clock time, a ratio, a percentage.
bool NotAFigure(const Extractor::Impl& x, const EventContext& ctx, std::size_t i, std::size_t j) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  // Years and dates are not figures.
  if (i > 0) {
    auto prev = x.WordEndingAt(t, i, kMonth);
    const std::u32string& pk = t[i - 1].key;
    if (prev || pk == x.keys.sana || EndsWith(pk, x.keys.am))  // سنة، عام، العام، فيعام
      return true;
  }
  // A number inside a name (a unit's: the 444th brigade) is no figure.
  if (i < n && ctx.mention_at[i] != SIZE_MAX && ctx.mentions[ctx.mention_at[i]].begin < t[i].begin) return true;
  if (j < n && (x.WordAt(t, j, kMonth) || x.WordAt(t, j, kUnitNoun, false, false))) return true;
  // Clock times (22:30) and ratios are not figures.
  if ((j < n && t[j].key == U":" && t[j].begin == t[j - 1].end) ||
      (i > 0 && t[i - 1].key == U":" && t[i - 1].end == t[i].begin))
    return true;
  if (j < n && t[j].kind == Token::Kind::kPunct && (t[j].key == U"%" || IsChar(t[j].key, kArabicPercent))) return true;
  return false;
}

// The qualifier before the number (نحو، أكثر من): ne.qualifier, and where the phrase starts.
void Qualify(const Extractor::Impl& x, const EventContext& ctx, NumberExpr& ne) {
  const Tokens& t = ctx.t;
  const std::size_t i = ne.first;
  for (std::size_t back = 1; back <= 4 && back <= i; ++back) {
    for (const Hit& h : t.words.At(i - back, false)) {
      if (h.payload.list == kQualifier && h.last == i) {
        auto q = x.WordOf(h).Attr("q");
        for (std::size_t k = 0; k < vocab::kQualifierNames.size(); ++k) {
          if (vocab::kQualifierNames[k] == q) ne.qualifier = static_cast<vocab::Qualifier>(k);
        }
        ne.phrase_first = std::min(ne.phrase_first, h.first);
      }
    }
  }
}

// What the number counts: the figure noun after it, a group, a subset, or عدد before it.
void CountedNoun(const Extractor::Impl& x, const EventContext& ctx, NumberExpr& ne) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  const std::vector<Mention>& mentions = ctx.mentions;
  const std::vector<std::size_t>& mention_at = ctx.mention_at;
  const std::size_t i = ne.first, j = ne.last;
  // Figure noun after (possibly after من: "200 من الأرمن").
  std::size_t at = j;
  // A number in parentheses, (2) وفاة: its noun follows the closing one.
  if (at < n && i > 0 && t[i - 1].key == U"(" && t[at].key == U")") ++at;
  // A hedge after the number (ثلاثة على الأقل من الأحياء): the noun follows it.
  if (auto hedge = x.WordAt(t, at, kQualifier, false, false); hedge && at > i) at = hedge->last;
  if (at < n && t[at].key == x.keys.min) ++at;
  if (auto fnoun = x.WordAt(t, at, kFigureNoun, true, true)) {
    ne.noun_kind = std::string(x.WordOf(*fnoun).Attr("kind"));
    ne.noun_end = fnoun->last;
    ne.troops = !x.WordOf(*fnoun).Attr("troops").empty();
  } else if (at < n && mention_at[at] != SIZE_MAX &&
             (mentions[mention_at[at]].type == EntityType::kGroup ||
              mentions[mention_at[at]].type == EntityType::kArmedForce)) {
    ne.noun_kind = "person";
    ne.noun_end = at + 1;
  }
  // الذين يقدر عددهم بنحو 120 ألفا: the size of a population, whatever the noun.
  // A bare number (وكانوا يقدرون قبل الهجوم بنحو 120 ألفا) may stand further from its estimate verb.
  const std::size_t reach = ne.noun_kind.empty() && ne.noun_end == 0 ? 5 : 3;
  for (std::size_t k = ne.phrase_first; k-- > 0 && ne.phrase_first - k <= reach;) {
    if (x.WordAt(t, k, kPopulationCue, false, true)) ne.noun_kind = "population";
  }
  // A subset of a larger count (بينهم 4 أطفال) is "other", whatever was counted.
  if (i > 0 && x.WordEndingAt(t, i, kSubset)) ne.noun_kind = "other";
  // "عدد اللاجئين … وصل إلى 100417": the counted noun came before the number.
  if (ne.noun_kind.empty()) {
    for (std::size_t k = i; k-- > 0 && i - k < 14;) {
      if (t[k].kind == Token::Kind::kNewline || t[k].key == U".") break;
      if (t[k].key == x.keys.adad || t[k].key == x.keys.adadan) {  // عدد
        if (auto fn = x.WordAt(t, k + 1, kFigureNoun, true, true))
          ne.noun_kind = std::string(x.WordOf(*fn).Attr("kind"));
        break;
      }
    }
  }
}

// A number in parentheses right after a count of the same noun restates it in other units
// (40 طنا متريا (44 طنا أمريكيا)): not a second figure.
bool Restated(const EventContext& ctx, const NumberExpr& ne) {
  const std::size_t i = ne.first;
  if (i == 0 || ctx.t[i - 1].key != U"(" || ctx.numbers.empty() || ne.noun_kind.empty()) return false;
  const NumberExpr& prev = ctx.numbers.back();
  std::size_t prev_end = std::max(prev.last, prev.noun_end);
  return prev.noun_kind == ne.noun_kind && prev_end < i && i - 1 - prev_end <= 1;
}

// بينهم 5 أطفال و9 نساء، منهم 3 جنود و4 مدنيين: a count joined by و to a subset is another part of it.
bool SubsetGoesOn(const Extractor::Impl& x, const EventContext& ctx, const NumberExpr& ne) {
  const std::size_t i = ne.phrase_first;
  if (i == 0 || !IsChar(ctx.t[i - 1].key, kWaw) || ctx.numbers.empty()) return false;  // و
  const NumberExpr& prev = ctx.numbers.back();
  std::size_t prev_end = std::max(prev.last, prev.noun_end);
  bool subset = prev.phrase_first > 0 && x.WordEndingAt(ctx.t, prev.phrase_first, kSubset).has_value();
  return subset && prev_end < i && i - prev_end <= 3;
}

}  // namespace

// Numbers: digits with separators and multipliers, or number words; not years, dates, clock times or
// percentages; with the qualifier before them and the noun they count.
void FindNumbers(const Extractor::Impl& x, EventContext& ctx) {
  const Tokens& t = ctx.t;
  for (std::size_t i = 0; i < ctx.n; ++i) {
    // The digits after a decimal or thousands separator (the 9 of 1.9) belong to the number before.
    if (t[i].kind == Token::Kind::kNumber && i >= 2 && Separator(t, i - 1) && t[i - 2].kind == Token::Kind::kNumber &&
        t[i - 1].begin == t[i - 2].end && t[i].begin == t[i - 1].end) {
      continue;
    }
    std::int64_t v = 0;
    std::size_t j = i;
    if (!ReadValue(x, ctx, i, &v, &j) || NotAFigure(x, ctx, i, j)) continue;
    NumberExpr ne;
    ne.first = i;
    ne.last = j;
    ne.value = v;
    ne.phrase_first = i;
    Qualify(x, ctx, ne);
    CountedNoun(x, ctx, ne);
    if (Restated(ctx, ne)) continue;
    if (SubsetGoesOn(x, ctx, ne)) ne.noun_kind = "other";
    ctx.numbers.push_back(ne);
    i = j - 1;
  }
}

// Dual nouns are figures of two: بينهم مدنيان.
void FindDualNouns(const Extractor::Impl& x, EventContext& ctx) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  for (std::size_t i = 0; i < n; ++i) {
    auto d = x.WordAt(t, i, kDualNoun, false, false);
    if (!d) continue;
    if (i + 1 < n && x.WordAt(t, i + 1, kNumberWord)) continue;  // مدنيين اثنين: the number word counts
    // سبعة مدنيين، 40 مدنيين: after a number the -ين form is a counted plural, not a dual.
    if (i > 0 && (t[i - 1].kind == Token::Kind::kNumber || x.WordEndingAt(t, i, kNumberWord))) continue;
    NumberExpr ne;
    ne.first = i;
    ne.last = d->last;
    ne.value = 2;
    // A dual of a counted thing (طائرتان) has the kind its word gives; of people, a person count.
    ne.noun_kind = i > 0 && x.WordEndingAt(t, i, kSubset) ? "other" : std::string(x.WordOf(*d).Attr("kind", "person"));
    ne.phrase_first = i;
    ne.noun_end = d->last;
    ctx.numbers.push_back(ne);
  }
}

}  // namespace khabar::extract::events
