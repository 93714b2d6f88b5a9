// Pass "surname": surname-only mentions of people seen in this article (full name first).
#include <algorithm>
#include <unordered_map>

#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// Last name key -> person entity, for every person found so far whose last word may stand alone.
std::vector<std::pair<std::u32string, std::string>> Surnames(const Extractor::Impl& x, const MentionContext& ctx) {
  const Tokens& t = ctx.t;
  std::vector<std::pair<std::u32string, std::string>> surnames;
  for (const Candidate& c : ctx.cands) {
    if (c.m.type != EntityType::kPerson) continue;
    if (c.last - c.first < 2 && (c.m.entity.rfind("~", 0) != 0 || !x.LooksLikeName(t[c.first].key))) continue;
    std::u32string_view last = t[c.last - 1].key;
    if (last.size() > 2 && last[0] == kAlef && last[1] == kLam) last.remove_prefix(2);
    if (x.nisba_keys.count(std::u32string(last))) continue;  // السوداني alone is Sudanese, not the person
    if (last.size() < 3) continue;  // الله of a compound surname (رحمة الله) is no surname alone
    surnames.emplace_back(t[c.last - 1].key, c.m.entity);
  }
  return surnames;
}

}  // namespace

void FindSurnames(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  std::vector<std::pair<std::u32string, std::string>> surnames = Surnames(x, ctx);
  if (surnames.empty()) return;
  // Key -> the indices of its surnames, in order, each person once: a person named again would give the
  // same candidate again (a copy that ResolveOverlaps drops), as many times as the article names them.
  std::unordered_map<std::u32string, std::vector<std::size_t>, KeyHash, std::equal_to<>> by_key;
  for (std::size_t k = 0; k < surnames.size(); ++k) {
    std::vector<std::size_t>& same_key = by_key[surnames[k].first];
    if (std::none_of(same_key.begin(), same_key.end(),
                     [&](std::size_t o) { return surnames[o].second == surnames[k].second; })) {
      same_key.push_back(k);
    }
  }
  std::vector<Candidate> extra;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Token::Kind::kWord) continue;
    for (const VariantView& v : TokenVariants(t[i], false)) {
      if (v.key.size() < 4) continue;
      auto found = by_key.find(v.key);
      if (found == by_key.end()) continue;
      for (std::size_t k : found->second) {
        Candidate c = ctx.Make(i, i + 1, v.begin, surnames[k].second, EntityType::kPerson, "surname");
        c.priority = 0;  // the link to the full name beats a one-word name found by another rule
        extra.push_back(std::move(c));
      }
    }
  }
  for (auto& c : extra) ctx.cands.push_back(std::move(c));
}

}  // namespace khabar::extract
