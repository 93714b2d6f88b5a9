// Pass "institution": a ministry named without its state (المتحدثة باسم وزارة الخارجية) is an organisation
// all the same; its state if the text says whose it is.
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// The key of the institution's words, the first without its clitics.
std::string InstitutionKey(const Tokens& t, const Hit& h) {
  std::string key;
  for (std::size_t j = h.first; j < h.last; ++j) {
    for (const VariantView& v : TokenVariants(t[j], false)) {
      if (j > h.first || v.begin == h.begin) {
        key += (key.empty() ? "" : " ") + EncodeUtf8(j == h.first ? v.key : std::u32string_view(t[j].key));
        break;
      }
    }
  }
  return key;
}

// التابعة، التابع ("belonging to") at token k.
bool Affiliated(const Extractor::Impl& x, const Tokens& t, std::size_t k) { return In(x.keys.affiliations, t[k].key); }

// Whose ministry: "التابعة لـ X" after it, or the state of a known official named right after it
// (… وزارة الخارجية ماريا زاخاروفا); empty if neither.
std::string OwnerState(const Extractor::Impl& x, const MentionContext& ctx, const Hit& h) {
  const Tokens& t = ctx.t;
  std::string owner_state;
  if (h.last + 1 < t.size() && Affiliated(x, t, h.last)) {
    if (auto it = ctx.names_at.find(h.last + 1); it != ctx.names_at.end()) {
      const Candidate& o = ctx.cands[it->second.front()];
      if (o.m.type != EntityType::kPerson && o.m.type != EntityType::kPlace) owner_state = o.m.entity;
    }
  }
  for (std::size_t j = h.last; j < t.size() && j < h.last + 3 && owner_state.empty(); ++j) {
    auto it = ctx.names_at.find(j);
    if (it == ctx.names_at.end()) continue;
    for (std::size_t ci : it->second) {
      const Candidate& c = ctx.cands[ci];
      auto e = x.index.find(c.m.entity);
      if (c.m.type != EntityType::kPerson || e == x.index.end()) continue;
      std::string of = x.entities[e->second].of;
      auto o = x.index.find(of);
      if (o != x.index.end() && x.entities[o->second].type != EntityType::kState) of = x.entities[o->second].of;
      if (auto st = x.index.find(of); st != x.index.end() && x.entities[st->second].type == EntityType::kState)
        owner_state = of;
    }
  }
  return owner_state;
}

// The end of the place an institution sits in, written right after it with ب (وزارة الصحة بالخرطوم،
// إدارة الإعلام بولاية الخرطوم), or `j` if none follows.
std::size_t SeatEnd(const Extractor::Impl& x, const MentionContext& ctx, std::size_t j) {
  const Tokens& t = ctx.t;
  if (j >= t.size() || !t[j].is_word() || t[j].key.size() < 3 || t[j].key[0] != kBeh) return j;  // ب
  auto place_end = [&](std::size_t k) -> std::size_t {
    auto it = ctx.names_at.find(k);
    if (it == ctx.names_at.end()) return 0;
    for (std::size_t ci : it->second) {
      if (ctx.cands[ci].m.type == EntityType::kPlace) return ctx.cands[ci].last;
    }
    return 0;
  };
  if (auto h = x.WordAt(t, j, kClassifier); h && h->clitics > 0) {
    std::size_t e = place_end(h->last);
    return e ? e : j;
  }
  std::size_t e = place_end(j);
  return e ? e : j;
}

// The end of "التابعة ل" + an actor after a body's field (إدارة الصحة التابعة للحكومة الانفصالية), which is
// one name with it; `j` if none follows.
std::size_t AffiliationEnd(const MentionContext& ctx, std::size_t j) {
  if (j + 1 >= ctx.t.size() || !Affiliated(ctx.x, ctx.t, j) || ctx.t[j + 1].key[0] != kLam) return j;
  std::size_t end = j;
  for (std::size_t ci : ctx.CandsAt(j + 1)) {
    const Candidate& c = ctx.cands[ci];
    if (c.first == j + 1 && c.m.type != EntityType::kPerson && c.m.type != EntityType::kPlace)
      end = std::max(end, c.last);
  }
  return end;
}

// The words of tokens [a, b) as a key.
std::string Keys(const Tokens& t, std::size_t a, std::size_t b) {
  std::string key;
  for (std::size_t j = a; j < b; ++j) key += (key.empty() ? "" : " ") + EncodeUtf8(t[j].key);
  return key;
}

// A public body named by a head noun, its field and its seat: إدارة الإعلام بولاية X، هيئة الطرق والجسور
// بمدينة X. Without the seat the phrase may be a common noun (إدارة الأزمة), so the seat is required.
void FindSeatedBodies(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto h = x.WordAt(t, i, kBodyHead);
    if (!h || h->article) continue;
    std::size_t j = h->last;
    auto definite = [&](std::size_t k) {
      if (k >= t.size() || !t[k].is_word()) return false;
      std::u32string_view w = t[k].key;
      if (w.size() > 3 && w[0] == kWaw) w.remove_prefix(1);
      return w.size() > 3 && w[0] == kAlef && w[1] == kLam && !ctx.names_at.count(k) && !Affiliated(x, t, k);
    };
    while (j < t.size() && j < h->last + 4 && definite(j)) ++j;
    if (j == h->last) continue;
    std::size_t e = SeatEnd(x, ctx, j);
    if (e == j) e = AffiliationEnd(ctx, j);
    if (e == j) continue;
    Candidate c = ctx.Make(h->first, e, h->begin, "~Organization:" + Keys(t, h->first, e), EntityType::kOrganization,
                           "seated-body");
    c.priority = 3;
    ctx.cands.push_back(std::move(c));
    i = e - 1;
  }
}

// The end of a body's field after its head at `at`: indefinite nouns in construct, then definite ones (طب
// الطوارئ والدعم، مراقبة وقف إطلاق النار) or a lexicon name (أطباء السودان); `at` if the field ends on no
// definite word or name.
std::size_t FieldEnd(const Extractor::Impl& x, const MentionContext& ctx, std::size_t at) {
  const Tokens& t = ctx.t;
  auto definite = [&](std::size_t k) {
    std::u32string_view w = t[k].key;
    if (w.size() > 3 && w[0] == kWaw) w.remove_prefix(1);
    return w.size() > 3 && w[0] == kAlef && w[1] == kLam;
  };
  std::size_t j = at;
  bool closed = false;
  while (j < t.size() && j < at + 6 && t[j].kind == Token::Kind::kWord && !x.IsFunction(t[j])) {
    if (auto it = ctx.names_at.find(j); it != ctx.names_at.end()) {
      if (j == at || ctx.cands[it->second.front()].m.begin != t[j].begin) return at;
      return ctx.cands[it->second.front()].last;
    }
    if (definite(j)) {
      closed = true;
    } else if (closed || t[j].key[0] == kLam || t[j].key[0] == kBeh) {
      break;  // a word after the definite ones, or a preposition (بعمليتها، لدعم): the field has ended
    }
    ++j;
  }
  return closed && j > at + 1 ? j : at;
}

// A head with و right after an actor (أبلغت القوات الروسية ومركز مراقبة الهدنة): a body beside it.
bool AfterActorAnd(const MentionContext& ctx, const Hit& h) {
  if (h.clitics != 1 || ctx.t[h.first].key[0] != kWaw) return false;
  return std::any_of(ctx.cands.begin(), ctx.cands.end(), [&](const Candidate& c) {
    return c.last == h.first && c.m.end > c.m.begin && c.m.type != EntityType::kPerson &&
           c.m.type != EntityType::kPlace;
  });
}

// A body that reports (أكد مركز طب الطوارئ والدعم، قالت لجنة أطباء السودان) or stands beside an actor: its
// head and field right after a reporting verb (or after the actor and و) are one Organization, seat or not.
void FindReportingBodies(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  for (std::size_t i = 1; i < t.size(); ++i) {
    auto h = x.WordAt(t, i, kBodyHead);
    if (!h || !((h->clitics == 0 && x.WordEndingAt(t, i, kReportingVerb)) || AfterActorAnd(ctx, *h))) continue;
    std::size_t e = FieldEnd(x, ctx, h->last);
    if (e == h->last) continue;
    std::string key = InstitutionKey(t, *h) + " " + Keys(t, h->last, e);
    Candidate c = ctx.Make(h->first, e, h->begin, "~Organization:" + key, EntityType::kOrganization, "reporting-body");
    c.priority = 4;
    ctx.cands.push_back(std::move(c));
  }
}

}  // namespace

void FindInstitutions(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto h = x.WordAt(t, i, kInstitution);
    if (!h || h->last - h->first < 2 || !x.WordOf(*h).Attr("construct").empty()) continue;
    std::string key = InstitutionKey(t, *h);
    std::string owner_state = OwnerState(x, ctx, *h);
    const auto& w = x.WordOf(*h);
    std::string subtype(w.Attr("subtype"));
    const ontology::EntityEntry* known =
        owner_state.empty() ? nullptr : x.Owned(owner_state, EntityType::kOrganization, subtype);
    // An institution without its state but with its seat (وزارة الصحة بالخرطوم) is that place's.
    std::size_t end = owner_state.empty() ? SeatEnd(x, ctx, h->last) : h->last;
    if (end > h->last) key += " " + Keys(t, h->last, end);
    std::string id = known                 ? known->id
                     : owner_state.empty() ? "~Organization:" + key
                                           : owner_state + "_" + std::string(w.Attr("code"));
    Candidate c = ctx.Make(h->first, end, h->begin, id, EntityType::kOrganization, "institution");
    c.m.subtype = subtype;
    if (!owner_state.empty() && !known) {
      c.m.en = std::string(w.Attr("en")) + " (" + x.entities[x.index.at(owner_state)].en + ")";
      c.m.of = owner_state;
    }
    c.priority = 3;
    ctx.cands.push_back(std::move(c));
    i = end - 1;
  }
  FindSeatedBodies(x, ctx);
  FindReportingBodies(x, ctx);
}

}  // namespace khabar::extract
