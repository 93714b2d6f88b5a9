// Pass "polity": the polity of this article's conflict, the one whose territory the article names most
// (sets MentionContext::polity; adds no candidate).
#include <map>

#include "mentions/passes.h"

namespace khabar::extract {

void FindPolity(const Extractor::Impl& x, MentionContext& ctx) {
  std::map<std::string, int> votes;
  for (const auto& [at, list] : ctx.names_at) {
    for (std::size_t ci : list) {
      const Candidate& c = ctx.cands[ci];
      if (auto p = x.polity_of_place.find(c.m.entity); p != x.polity_of_place.end()) ++votes[x.entities[p->second].id];
      if (c.m.type == EntityType::kPolity) ++votes[c.m.entity];
    }
  }
  int best = 0;
  for (const auto& [id, v] : votes) {
    if (v > best) {
      best = v;
      ctx.polity = id;
    }
  }
}

}  // namespace khabar::extract
