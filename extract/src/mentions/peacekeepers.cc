// Pass "peacekeepers": peacekeepers named without their state (قوات حفظ السلام) are the peacekeeping force
// this article names with its state, if exactly one; otherwise peacekeepers in general.
#include <set>

#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// The peacekeeping forces the article names; failing those, the forces of the article's states that the
// lexicon knows to have one.
std::set<std::string> ArticlePeacekeepers(const Extractor::Impl& x, const MentionContext& ctx) {
  std::set<std::string> article_pk, state_pk;
  for (const Candidate& c : ctx.cands) {
    if (c.m.type == EntityType::kArmedForce && c.m.subtype == "Peacekeepers") article_pk.insert(c.m.entity);
    // A state of this article that the lexicon knows to have a peacekeeping force.
    if (c.m.type == EntityType::kState) {
      if (const auto* pk = x.Owned(c.m.entity, EntityType::kArmedForce, "Peacekeepers")) state_pk.insert(pk->id);
    }
  }
  if (article_pk.empty()) article_pk = state_pk;
  return article_pk;
}

}  // namespace

void FindPeacekeepers(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  std::set<std::string> article_pk = ArticlePeacekeepers(x, ctx);
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto h = x.WordAt(t, i, kForceHead);
    if (!h || x.WordOf(*h).Attr("code") != "peacekeepers") continue;
    bool owned_here = false;  // followed by a nisba: the nisba rule made the span
    for (const NisbaHit& nh : ctx.NisbasAt(h->last)) owned_here |= nh.tok == h->last;
    if (owned_here) continue;
    std::string id = article_pk.size() == 1 ? *article_pk.begin() : "~ArmedForce:peacekeepers";
    Candidate c = ctx.Make(h->first, h->last, h->begin, id, EntityType::kArmedForce, "peacekeepers",
                           !x.WordOf(*h).Attr("nominal").empty());
    c.m.subtype = "Peacekeepers";
    c.priority = 2;
    ctx.cands.push_back(std::move(c));
    i = h->last - 1;
  }
}

}  // namespace khabar::extract
