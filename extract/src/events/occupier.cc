// The occupier: the state the article names as الاحتلال / العدو followed by its nisba (قوات الاحتلال
// الإسرائيلي), so that a bare الاحتلال elsewhere in it can stand for that state (GUIDELINES §4). The
// home army: the one national army the article names (الجيش السوداني), so that a bare الجيش or القوات
// المسلحة elsewhere in it stands for that army (GUIDELINES §4: a bare الجيش tied to one army).
#include <map>
#include <vector>

#include "events/context.h"

namespace khabar::extract::events {

void FindOccupier(const Extractor::Impl& x, EventContext& ctx) {
  std::vector<std::uint32_t> state_at(ctx.n, UINT32_MAX);  // token -> the state of a nisba there
  for (const NisbaHit& nh : ctx.nisbas) {
    if (!nh.demonym && nh.tok < ctx.n) state_at[nh.tok] = nh.entity;
  }
  std::map<std::uint32_t, int> votes;
  std::uint32_t first = UINT32_MAX;
  for (std::size_t i = 0; i + 1 < ctx.n; ++i) {
    if (state_at[i + 1] == UINT32_MAX || !x.WordAt(ctx.t, i, kOccupier, true, true)) continue;
    if (first == UINT32_MAX) first = state_at[i + 1];
    ++votes[state_at[i + 1]];
  }
  if (votes.empty()) return;
  std::uint32_t best = first;
  for (const auto& [state, count] : votes) {
    if (count > votes[best]) best = state;
  }
  ctx.occupier = x.entities[best].id;
}

// The army a bare الجيش stands for (mentions/home_army.cc): the article's mentions now include the bare
// armies the mention pass "bare-army" resolved, which HomeArmy does not count.
void FindHomeArmy(const Extractor::Impl& x, EventContext& ctx) {
  std::vector<const Mention*> mentions;
  for (const Mention& m : ctx.mentions) mentions.push_back(&m);
  ctx.home_army = HomeArmy(x, mentions);
}

}  // namespace khabar::extract::events
