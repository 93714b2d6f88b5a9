// Pass "person-suffix" (the last of the mention passes) and the overlap resolution after them.
#include "mentions/resolve.h"

#include <algorithm>
#include <unordered_map>

#include "mentions/passes.h"

namespace khabar::extract {

void TrimPersonsToLexiconNames(const Extractor::Impl& /*x*/, MentionContext& ctx) {
  // A person found by rule that ends with a lexicon person's full name (خارجيته ماركو روبيو: a title word
  // with a pronoun the title rule did not know) is that person: the rule's extra words go.
  std::vector<Candidate>& cands = ctx.cands;
  // End -> the latest begin of a lexicon person of two words or more ending there (a lexicon id never starts
  // with '~', so no such candidate is trimmed below).
  std::unordered_map<std::uint32_t, std::uint32_t> lex_begin;
  for (const Candidate& lex : cands) {
    if (lex.m.type == EntityType::kPerson && lex.m.rule == "lexicon" && lex.last - lex.first >= 2) {
      auto [it, fresh] = lex_begin.try_emplace(lex.m.end, lex.m.begin);
      if (!fresh) it->second = std::max(it->second, lex.m.begin);
    }
  }
  for (Candidate& c : cands) {
    if (c.m.type != EntityType::kPerson || c.m.entity.rfind('~', 0) != 0) continue;
    auto it = lex_begin.find(c.m.end);
    if (it != lex_begin.end() && it->second > c.m.begin) {
      c.m.end = c.m.begin;  // dropped by ResolveOverlaps (an empty span is never accepted)
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
