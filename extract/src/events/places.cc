// The place of an event.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

// مبعوثون من أرمينيا وأذربيجان … في بروكسل: states after من (and those coordinated with them) are
// where people come from, not where it happened.
bool TriggerFrame::AfterMin(std::size_t k) const {
  for (int hops = 0; hops < 4 && k > 0; ++hops) {
    if (t[k - 1].key == x.keys.min) return true;                                  // من
    if (text[t[k].begin] != kWaw || mention_at[k - 1] == SIZE_MAX) return false;  // و + the previous one
    k = k - 1;
    while (k > 0 && mention_at[k - 1] == mention_at[k]) --k;
  }
  return false;
}

// The place an anaphoric المدينة/المنطقة at token j stands for: the latest of its kind before it, but not
// the city where the report was made (قال في جنيف إن … على المدينة): then the one before that.
std::string TriggerFrame::AnaphorPlace(std::string_view subtype, std::size_t j, std::size_t said_at) const {
  std::string place = ctx.SalientPlace(std::string(subtype), j);
  if (said_at != SIZE_MAX && said_at < j && place == mentions[mention_at[said_at]].entity)
    place = ctx.SalientPlace(std::string(subtype), said_at);
  return place;
}

// Place: a place of the sentence (or a state after a locative: داخل أذربيجان، لأوكرانيا), nearest
// after the trigger; for displacement the origin (من X) first; for a visit its object. Without one,
// an anaphoric المنطقة/الإقليم/الممر in the sentence stands for the article's place of that kind.
bool TriggerFrame::Place() {
  if (!campaign_place.empty() && ev.type == EventType::kMilitaryOperation) {
    ev.place = campaign_place;  // هجوم X على المدينة: the territory attacked
    return true;
  }
  if (tr.type == EventType::kVisit && tr.last + 1 < n && sent[tr.last + 1] == s &&
      t[tr.last].key == x.keys.ila) {  // وصل إلى المدينة: the place the anaphor stands for
    if (auto an = x.WordAt(t, tr.last + 1, kPlaceAnaphor); an && mention_at[tr.last + 1] == SIZE_MAX) {
      ev.place = AnaphorPlace(x.WordOf(*an).Attr("subtype"), tr.last + 1, SIZE_MAX);
      if (!ev.place.empty()) return true;
    }
  }
  if (!statement) {
    std::size_t best = SIZE_MAX, best_dist = SIZE_MAX;
    std::size_t said_at = SIZE_MAX;  // where the report was made (قال في جنيف إن), if it was
    const std::vector<std::size_t>& starts = ctx.mention_starts;  // the mentions of the window
    for (std::size_t mi = ctx.From(starts, ctx.WindowFirst(s, tr.first));
         mi < starts.size() && starts[mi] < ctx.WindowEnd(s, tr.last); ++mi) {
      std::size_t j = starts[mi];
      if (mention_at[j] == SIZE_MAX) continue;
      if (j > 0 && mention_at[j - 1] == mention_at[j]) continue;  // one candidate per mention
      const Mention& m = mentions[mention_at[j]];
      // A proclitic ب or ل (بأذربيجان، لأوكرانيا) or a locative word before it; و and ف only join.
      bool clitic_locative = m.begin > t[j].begin && (text[t[j].begin] == kBeh || text[t[j].begin] == kLam);
      bool locative = clitic_locative || (j > 0 && x.WordEndingAt(t, j, kLocative).has_value());
      // للحكومة الليبية: a government (a nominal state after ل) is no place.
      bool government = m.nominal && m.type == EntityType::kState && x.WordAt(t, j, kGovHead, true).has_value();
      bool state_as_place = (m.type == EntityType::kState || m.type == EntityType::kPolity) && !government &&
                            (locative || tr.type == EventType::kVisit);
      if (m.type != EntityType::kPlace && !state_as_place) continue;
      if (std::find(ev.agents.begin(), ev.agents.end(), m.entity) != ev.agents.end()) continue;
      bool crosses = false;  // a place in another clause before the trigger is a weaker candidate
      // قال في مؤتمر صحفي بجنيف إن القصف: where it was said (a locative before إن/أن), not where it happened.
      bool reported = false;
      for (std::size_t k = j; k < tr.first && !crosses; ++k) crosses = ctx.IsClauseBreak(k);
      for (std::size_t k = j; k < tr.first && !reported; ++k) reported = t[k].key == x.keys.inna;  // إن أن
      if (reported && locative) {
        if (said_at == SIZE_MAX) said_at = j;
        continue;
      }
      std::size_t dist = j >= tr.last ? j - tr.last : (tr.first - j) * (crosses ? 4 : 2);
      if (tr.type == EventType::kDisplacement && j > 0 && t[j - 1].key == x.keys.min && !crosses)
        dist /= 4;  // من: origin
      if (tr.type == EventType::kDisplacement && j > 0 && t[j - 1].key == x.keys.ila)
        dist = dist * 4 + 16;  // إلى: destination
      // A dateline (الخرطوم (أ ف ب) -) is where the report was filed: a place of last resort.
      std::size_t after = j;
      while (after < n && mention_at[after] == mention_at[j]) ++after;
      if ((j == 0 || t[j - 1].kind == Token::Kind::kNewline) && after < n && t[after].kind == Token::Kind::kPunct &&
          std::u32string_view(U"(-\u2013\u2014").find(t[after].key[0]) != std::u32string_view::npos) {
        dist = dist * 4 + 64;
      }
      // وفي الرياض، التقى: a place fronted at the head of the sentence sets the scene for all of it.
      if (j >= 1 && tr.first > j && tr.type != EventType::kDisplacement &&
          (t[j - 1].key == x.keys.fi || t[j - 1].key == x.keys.wa_fi) &&
          (j - 1 == ctx.sent_first[s] || !t[j - 2].is_word()) && after < n && ctx.IsClauseBreak(after)) {
        dist = 0;
      }
      bool moving = tr.type == EventType::kDisplacement || tr.type == EventType::kEvacuation;
      if (!moving && m.type == EntityType::kState && j > 0 && AfterMin(j)) dist = dist * 4 + 8;
      if (dist < best_dist) {
        best_dist = dist;
        best = mention_at[j];
      }
    }
    // حيث: the place named just before it (وصل إلى بورتسودان، حيث التقى).
    for (std::size_t j = tr.first - 1; where_clause && j-- > ctx.WindowFirst(s, tr.first);) {
      if (mention_at[j] != SIZE_MAX && mentions[mention_at[j]].type == EntityType::kPlace) {
        best = mention_at[j];
        break;
      }
    }
    if (best != SIZE_MAX) {
      ev.place = mentions[best].entity;
    } else {
      const std::vector<std::size_t>& anaphors = ctx.place_anaphors;
      for (std::size_t ai = ctx.From(anaphors, ctx.WindowFirst(s, tr.first));
           ai < anaphors.size() && anaphors[ai] < ctx.WindowEnd(s, tr.last) && ev.place.empty(); ++ai) {
        std::size_t j = anaphors[ai];
        if (auto an = x.WordAt(t, j, kPlaceAnaphor)) ev.place = AnaphorPlace(x.WordOf(*an).Attr("subtype"), j, said_at);
      }
    }
  }
  return true;
}

}  // namespace khabar::extract::events

namespace khabar::extract::events {

namespace {

// The article's place: its most mentioned place, the earliest of those mentioned as often.
// A region counts the mentions of the places within it (رفح within قطاع غزة).
std::string ArticlePlace(const Extractor::Impl& x, const EventContext& ctx) {
  std::map<std::string, int> freq;
  std::vector<const std::string*> order;  // first mention order
  for (const Mention& m : ctx.mentions) {
    if (m.type != EntityType::kPlace || m.entity.empty()) continue;
    if (freq[m.entity]++ == 0) order.push_back(&m.entity);
    auto i = x.index.find(m.entity);
    if (i == x.index.end()) continue;
    const std::string& region = x.entities[i->second].in;
    auto r = x.index.find(region);
    if (r == x.index.end() || x.entities[r->second].type != EntityType::kPlace) continue;
    if (freq[region]++ == 0) order.push_back(&x.entities[r->second].id);
  }
  std::string best;
  int best_count = 0;
  for (const std::string* e : order) {
    if (freq[*e] > best_count) {
      best_count = freq[*e];
      best = *e;
    }
  }
  return best;
}

// Whether the sentence of token i names `place` (the place rule saw it there and did not take it: قال في
// كييف إن القصف).
bool NamesPlace(const EventContext& ctx, std::size_t i, const std::string& place) {
  std::size_t s = ctx.sent[i];
  for (std::size_t j = ctx.WindowFirst(s, i); j < ctx.WindowEnd(s, i); ++j) {
    if (ctx.mention_at[j] != SIZE_MAX && ctx.mentions[ctx.mention_at[j]].entity == place) return true;
  }
  return false;
}

}  // namespace

// An event whose sentence names no place happened where the article is set; a statement only where made.
void DefaultPlaces(const Extractor::Impl& x, EventContext& ctx) {
  std::string place = ArticlePlace(x, ctx);
  if (place.empty()) return;
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    Event& ev = ctx.out[e];
    if (ctx.drop[e] || !ev.place.empty() || vocab::IsStatement(ev.type)) continue;
    if (NamesPlace(ctx, ctx.trigs[ctx.trig_of_event[e]].first, place)) continue;  // and ruled it out
    ev.place = place;
  }
}

}  // namespace khabar::extract::events
