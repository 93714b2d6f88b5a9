// Mentions: names of actors and places, found by lexicon and by rule. The rules are the passes of
// mentions/passes.cc, run in order over one article's context.
#include "extractor_impl.h"
#include "mentions/context.h"
#include "mentions/passes.h"

namespace khabar::extract {

std::vector<Candidate> Extractor::Impl::FindMentions(const Document& doc, const Tokens& t,
                                                     std::vector<NisbaHit>* nisbas) const {
  MentionContext ctx(*this, doc, t, nisbas);
  for (const MentionPass& pass : MentionPasses()) pass.run(*this, ctx);
  return std::move(ctx.cands);
}

}  // namespace khabar::extract
