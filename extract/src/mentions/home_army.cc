// Pass "bare-army": a bare army (الجيش، القوات المسلحة، قوات النظام) is a nominal mention of the one army the
// article ties it to (GUIDELINES §4): the one national army it names (الجيش السوداني); with none, the army of
// the one state it names; failing that, the army of the state that holds most of the places it names (an
// article about Idlib and Hama: قوات النظام is Syria's army). Never when it names two national armies.
#include <map>

#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// The owning state of a mention of a national army (الجيش السوداني → sudan), or empty.
std::string ArmyState(const Extractor::Impl& x, const Mention& m) {
  if (m.type != EntityType::kArmedForce || !m.subtype.empty() || m.nominal) return {};
  std::string of = m.of;
  if (auto it = x.index.find(m.entity); of.empty() && it != x.index.end()) of = x.entities[it->second].of;
  auto st = x.index.find(of);
  return st != x.index.end() && x.entities[st->second].type == EntityType::kState ? of : std::string();
}

// The state that holds a place (through the places that hold it), or empty.
std::string HoldingState(const Extractor::Impl& x, std::string id) {
  for (int depth = 0; depth < 6 && !id.empty(); ++depth) {
    auto it = x.index.find(id);
    if (it == x.index.end()) return {};
    const ontology::EntityEntry& e = x.entities[it->second];
    if (e.type == EntityType::kState) return e.id;
    id = e.in;
  }
  return {};
}

std::string KnownArmy(const Extractor::Impl& x, const std::string& state) {
  const ontology::EntityEntry* army = state.empty() ? nullptr : x.Owned(state, EntityType::kArmedForce, "");
  return army ? army->id : std::string();
}

}  // namespace

std::string HomeArmy(const Extractor::Impl& x, const std::vector<const Mention*>& mentions) {
  std::string army, state;
  bool one_state = true;
  std::map<std::string, int> place_states;
  int places = 0;
  for (const Mention* m : mentions) {
    if (!ArmyState(x, *m).empty()) {
      if (!army.empty() && army != m->entity) return {};  // two national armies: a bare الجيش is ambiguous
      army = m->entity;
    } else if (m->type == EntityType::kState) {
      one_state &= state.empty() || state == m->entity;
      state = m->entity;
    } else if (m->type == EntityType::kPlace) {
      if (std::string holder = HoldingState(x, m->entity); !holder.empty()) ++place_states[holder], ++places;
    }
  }
  if (!army.empty()) return army;
  if (one_state && !state.empty()) return KnownArmy(x, state);
  if (!state.empty()) return {};
  for (const auto& [holder, count] : place_states) {
    if (2 * count > places) return KnownArmy(x, holder);  // the state that holds most of the places
  }
  return {};
}

void FindHomeArmyMentions(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  std::vector<const Mention*> found;
  for (const Candidate& c : ctx.cands) found.push_back(&c.m);
  std::string army = HomeArmy(x, found);
  if (army.empty()) return;
  std::vector<bool> covered(t.size(), false);
  for (const Candidate& c : ctx.cands) std::fill(covered.begin() + c.first, covered.begin() + c.last, true);
  std::vector<Candidate> added;
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto h = x.WordAt(t, i, kHomeArmy, true, true);
    if (!h || covered[i] || covered[h->last - 1]) continue;
    // الجيش السوداني is named by the nisba rule; a bare army followed by a nisba is another's (الجيش الروسي).
    if (h->last < t.size() && !ctx.NisbasAt(h->last).empty()) continue;
    Candidate c = ctx.Make(h->first, h->last, h->begin, army, EntityType::kArmedForce, "bare-army", true);
    c.priority = 2;
    added.push_back(std::move(c));
    i = h->last - 1;
  }
  for (Candidate& c : added) ctx.cands.push_back(std::move(c));
}

}  // namespace khabar::extract
