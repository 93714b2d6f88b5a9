// Pass "separatists": separatists (الانفصاليون, القوات الانفصالية, السلطات الانفصالية) are the forces or the
// authorities of the article's polity; without one the article's separatists stay unresolved.
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// Whether the sentence around token i names a negotiation.
bool SentenceAboutTalks(const Extractor::Impl& x, const Tokens& t, std::size_t i) {
  bool talks = false;
  // The sentence, at most MentionContext::kWindow tokens either side.
  for (std::size_t j = i;
       j-- > 0 && i - j <= MentionContext::kWindow && t[j].kind != Token::Kind::kNewline && t[j].key != U".";) {
    for (const Hit& th : t.triggers.At(j, true)) talks |= x.WordOf(th).Attr("type") == "Negotiation";
  }
  for (std::size_t j = i + 1;
       j < t.size() && j - i <= MentionContext::kWindow && t[j].kind != Token::Kind::kNewline && t[j].key != U".";
       ++j) {
    for (const Hit& th : t.triggers.At(j, true)) talks |= x.WordOf(th).Attr("type") == "Negotiation";
  }
  return talks;
}

}  // namespace

void FindSeparatists(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  const std::string& polity = ctx.polity;
  for (std::size_t i = 0; i < t.size() && !polity.empty(); ++i) {
    if (!ctx.IsSeparatist(i)) continue;
    const ontology::EntityEntry* forces = x.Owned(polity, EntityType::kArmedForce, "");
    std::string force_id = forces ? forces->id : polity + "_armed_forces";
    if (auto h = x.WordEndingAt(t, i, kForceHead)) {  // القوات الانفصالية / قوات انفصالية: a named force
      // قوات انفصالية أرمينية: the kin state's nisba after it stays in the span.
      std::size_t end = i + 1;
      for (const NisbaHit& n : ctx.NisbasAt(i + 1)) end = n.tok == i + 1 && !n.demonym ? i + 2 : end;
      Candidate c = ctx.Make(h->first, end, h->begin, force_id, EntityType::kArmedForce, "force+separatist",
                             !x.WordOf(*h).Attr("nominal").empty());
      ctx.cands.push_back(std::move(c));
    } else if (auto g = x.WordEndingAt(t, i, kGovHead)) {  // السلطات الانفصالية: the polity
      ctx.cands.push_back(
          ctx.Make(g->first, i + 1, g->begin, polity, EntityType::kPolity, "government+separatist", true));
    } else if (t[i].key.size() > 2 && t[i].key[0] == kAlef && t[i].key[1] == kLam && !EndsWith(t[i].key, kHeh)) {
      // الانفصاليون alone (not the adjective الانفصالية): fighters, unless the sentence is about talks.
      bool talks = SentenceAboutTalks(x, t, i);
      ctx.cands.push_back(talks
                              ? ctx.Make(i, i + 1, t[i].begin, polity, EntityType::kPolity, "separatists", true)
                              : ctx.Make(i, i + 1, t[i].begin, force_id, EntityType::kArmedForce, "separatists", true));
    }
  }
}

}  // namespace khabar::extract
