// Events: triggers, their agents, patients, places, times and figures, found by the passes of
// extract/src/events/ (events/passes.cc lists them in order).
#include "events/context.h"
#include "extractor_impl.h"

namespace khabar::extract {

void Extractor::Impl::FindEvents(const Document& doc, const Tokens& t, const std::vector<Mention>& mentions,
                                 const std::vector<std::size_t>& mention_at, const std::vector<NisbaHit>& nisbas,
                                 std::vector<Event>* events) const {
  events::EventContext ctx(*this, doc, t, mentions, mention_at, nisbas);
  for (const events::EventPass& pass : events::EventPasses()) pass.run(*this, ctx);
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    if (!ctx.drop[e]) events->push_back(std::move(ctx.out[e]));
  }
}

}  // namespace khabar::extract
