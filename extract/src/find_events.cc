// Events: triggers, their agents, patients, places, times and figures, found by the passes of
// extract/src/events/ (events/passes.cc lists them in order); a pass switched off is skipped.
#include "events/context.h"
#include "extractor_impl.h"

namespace khabar::extract {

void Extractor::Impl::FindEvents(const Document& doc, const Tokens& t, const std::vector<Mention>& mentions,
                                 const std::vector<std::size_t>& mention_at, const std::vector<NisbaHit>& nisbas,
                                 std::vector<Event>* events) const {
  events::EventContext ctx(*this, doc, t, mentions, mention_at, nisbas);
  std::span<const events::EventPass> passes = events::EventPasses();
  for (std::size_t p = 0; p < passes.size(); ++p) {
    if (event_pass_off[p]) continue;
    passes[p].run(*this, ctx);
    // One drop flag per event, whether or not the pass that sets them ("tallies") ran.
    ctx.drop.resize(ctx.out.size(), 0);
  }
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    if (!ctx.drop[e]) events->push_back(std::move(ctx.out[e]));
  }
}

}  // namespace khabar::extract
