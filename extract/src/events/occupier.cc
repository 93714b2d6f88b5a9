// The occupier: the state the article names as الاحتلال / العدو followed by its nisba (قوات الاحتلال
// الإسرائيلي), so that a bare الاحتلال elsewhere in it can stand for that state (GUIDELINES §4). The
// home army: the one national army the article names (الجيش السوداني), so that a bare الجيش or القوات
// المسلحة elsewhere in it stands for that army (GUIDELINES §4: a bare الجيش tied to one army).
#include <map>

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

// The owning state of a mention of a national army (الجيش السوداني → sudan), or empty.
std::string ArmyState(const Extractor::Impl& x, const Mention& m) {
  if (m.type != EntityType::kArmedForce || !m.subtype.empty() || m.nominal) return {};
  std::string of = m.of;
  if (auto it = x.index.find(m.entity); of.empty() && it != x.index.end()) of = x.entities[it->second].of;
  auto st = x.index.find(of);
  return st != x.index.end() && x.entities[st->second].type == EntityType::kState ? of : std::string();
}

// With no army named: the army of the one state the article names, if the lexicon knows it.
std::string SoleStateArmy(const Extractor::Impl& x, const EventContext& ctx) {
  std::string state;
  for (const Mention& m : ctx.mentions) {
    if (m.type != EntityType::kState) continue;
    if (!state.empty() && state != m.entity) return {};
    state = m.entity;
  }
  const ontology::EntityEntry* army = state.empty() ? nullptr : x.Owned(state, EntityType::kArmedForce, "");
  return army ? army->id : std::string();
}

void FindHomeArmy(const Extractor::Impl& x, EventContext& ctx) {
  std::string army;
  for (const Mention& m : ctx.mentions) {
    if (ArmyState(x, m).empty()) continue;
    if (!army.empty() && army != m.entity) return;  // two national armies: a bare الجيش is ambiguous
    army = m.entity;
  }
  if (army.empty()) army = SoleStateArmy(x, ctx);
  ctx.home_army = army;
}

}  // namespace khabar::extract::events
