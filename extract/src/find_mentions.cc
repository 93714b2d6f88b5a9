// Mentions: names of actors and places, found by lexicon and by rule. The rules are the passes of
// mentions/passes.cc, run in order over one article's context; a pass switched off is skipped.
#include "extractor_impl.h"
#include "mentions/context.h"
#include "mentions/passes.h"

namespace khabar::extract {

std::vector<Candidate> Extractor::Impl::FindMentions(const Document& doc, const Tokens& t,
                                                     std::vector<NisbaHit>* nisbas) const {
  MentionContext ctx(*this, doc, t, nisbas);
  std::span<const MentionPass> passes = MentionPasses();
  // Each candidate's rule when its pass was recorded. The pass of a candidate is the last pass that set
  // its rule: the one that added it, or one that rewrote it (a polity head makes a region's name the
  // polity: "polity-head+place" of the construct pass).
  std::vector<std::string> recorded;
  for (std::size_t p = 0; p < passes.size(); ++p) {
    if (mention_pass_off[p]) continue;
    passes[p].run(*this, ctx);
    for (std::size_t c = 0; c < ctx.cands.size(); ++c) {
      Mention& m = ctx.cands[c].m;
      if (c == recorded.size()) {
        recorded.push_back(m.rule);
      } else if (m.rule == recorded[c]) {
        continue;
      } else {
        recorded[c] = m.rule;
      }
      m.pass = passes[p].name;
    }
  }
  return std::move(ctx.cands);
}

}  // namespace khabar::extract
