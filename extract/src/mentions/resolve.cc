// Pass "person-suffix" (the last of the mention passes) and the overlap resolution after them.
#include "mentions/resolve.h"

#include <algorithm>

#include "mentions/passes.h"

namespace khabar::extract {

void TrimPersonsToLexiconNames(const Extractor::Impl& /*x*/, MentionContext& ctx) {
  // A person found by rule that ends with a lexicon person's full name (خارجيته ماركو روبيو: a title word
  // with a pronoun the title rule did not know) is that person: the rule's extra words go.
  std::vector<Candidate>& cands = ctx.cands;
  for (Candidate& c : cands) {
    if (c.m.type != EntityType::kPerson || c.m.entity.rfind('~', 0) != 0) continue;
    for (const Candidate& lex : cands) {
      if (lex.m.type == EntityType::kPerson && lex.m.rule == "lexicon" && lex.m.end == c.m.end &&
          lex.m.begin > c.m.begin && lex.last - lex.first >= 2) {
        c.m.end = c.m.begin;  // dropped by ResolveOverlaps (an empty span is never accepted)
      }
    }
  }
}

std::vector<std::size_t> ResolveOverlaps(const std::vector<Candidate>& cands, std::size_t text_size) {
  std::vector<std::size_t> order(cands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& ca = cands[a].m;
    const auto& cb = cands[b].m;
    if (ca.end - ca.begin != cb.end - cb.begin) return ca.end - ca.begin > cb.end - cb.begin;
    if (cands[a].priority != cands[b].priority) return cands[a].priority < cands[b].priority;
    return ca.begin < cb.begin;
  });
  std::vector<char> taken(text_size + 1, 0);
  std::vector<std::size_t> accepted;
  for (std::size_t ci : order) {
    const Mention& m = cands[ci].m;
    if (m.end <= m.begin) continue;
    bool free = true;
    for (std::uint32_t p = m.begin; p < m.end && free; ++p) free = !taken[p];
    if (!free) continue;
    for (std::uint32_t p = m.begin; p < m.end; ++p) taken[p] = 1;
    accepted.push_back(ci);
  }
  std::sort(accepted.begin(), accepted.end(),
            [&](std::size_t a, std::size_t b) { return cands[a].m.begin < cands[b].m.begin; });
  return accepted;
}

}  // namespace khabar::extract
