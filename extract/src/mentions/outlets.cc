// Pass "outlet+name": a journalist named right after their outlet: لقناة CNN ماثيو تشانس في مقابلة.
#include "mentions/passes.h"

namespace khabar::extract {

void FindOutletJournalists(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  // A copy: the candidates added here are not outlets, and pushing would move the ones being read.
  for (const Candidate& outlet : std::vector<Candidate>(ctx.cands)) {
    if (outlet.m.type != EntityType::kOrganization || outlet.m.subtype != "MediaOutlet") continue;
    std::size_t a = outlet.last, e = ctx.NameRun(a, 3);
    if (e - a < 2 || !x.LooksLikeName(t[a].key)) continue;
    bool closed = e >= t.size() || !t[e].is_word() || x.IsFunction(t[e]);
    if (!closed) continue;
    Candidate c = ctx.Make(a, e, t[a].begin, ctx.PersonKey(a, e), EntityType::kPerson, "outlet+name");
    c.priority = 2;
    ctx.cands.push_back(std::move(c));
  }
}

}  // namespace khabar::extract
