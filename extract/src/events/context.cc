// The helpers the event passes share.
#include "events/context.h"

namespace khabar::extract::events {

bool ParseDigits(const std::u32string& key, std::int64_t* v) {
  if (key.empty() || key.size() > 15) return false;
  std::int64_t x = 0;
  for (char32_t c : key) {
    if (c < U'0' || c > U'9') return false;
    x = x * 10 + (c - U'0');
  }
  *v = x;
  return true;
}

std::string EventContext::StateOf(const Mention& m) const {
  if (m.type == EntityType::kState) return m.entity;
  if (!m.of.empty()) return m.of;
  auto it = x.index.find(m.entity);
  return it != x.index.end() ? x.entities[it->second].of : std::string();
}

std::size_t EventContext::PastNameHead(std::size_t i) const {
  if (i + 1 >= n || !t[i].is_word() || mention_at[i] != SIZE_MAX || sent[i + 1] != sent[i]) return i;
  if (!x.WordAt(t, i, kNameHead, true, false)) return i;
  const Mention* m = ActorAt(i + 1);
  return m && m->begin == t[i + 1].begin ? i + 1 : i;
}

// In its sentence or the one before: "its forces".
std::string EventContext::PronounForce(std::size_t i) const {
  if (i >= n || !t[i].is_word() || mention_at[i] != SIZE_MAX) return {};
  std::u32string_view k = t[i].key;
  if (k.size() > 4 && (k[0] == kWaw || k[0] == kFeh)) k.remove_prefix(1);
  std::size_t suffix = EndsWith(k, x.keys.ha) ? 2 : EndsWith(k, kHeh) ? 1 : 0;
  if (suffix == 0 || !x.force_stems.count(std::u32string(k.substr(0, k.size() - suffix)))) return {};
  for (std::size_t j = i; j-- > 0 && sent[j] + 1 >= sent[i];) {
    if (const Mention* m = ActorAt(j)) {
      std::string state = StateOf(*m);
      // قال المتحدث باسم الحركة إن مقاتليها: a movement or a force of no state fights itself.
      if (state.empty() && (m->type == EntityType::kArmedForce || m->type == EntityType::kOrganization)) {
        return m->entity;
      }
      if (state.empty()) continue;
      // The spokesman of a force or of a movement of no state (المتحدث باسم الجيش … قواته): that force or
      // movement; of a state's institution: that state.
      if (auto owner = x.index.find(state); owner != x.index.end()) {
        const ontology::EntityEntry& o = x.entities[owner->second];
        if (o.type == EntityType::kArmedForce || (o.type == EntityType::kOrganization && o.of.empty())) return o.id;
        if (o.type != EntityType::kState && !o.of.empty()) state = o.of;
      }
      if (const ontology::EntityEntry* known = x.Owned(state, EntityType::kArmedForce, "")) return known->id;
      // No army in the lexicon: the one the article named by rule (القوات الروسية), if it did.
      if (std::string named = state + "_armed_forces"; force_entities.count(named)) return named;
      return state;  // قالت روسيا إن قواتها: with no army of its own named, the state stands for its forces
    }
  }
  return {};
}

std::string EventContext::DemonstrativeForce(std::size_t i) const {
  if (i == 0 || i >= n || mention_at[i] != SIZE_MAX || !x.WordAt(t, i - 1, kDemonstrative, false, false)) return {};
  auto head = x.WordAt(t, i, kForceHead, true, false);
  if (!head || head->first != i) return {};
  for (std::size_t j = i - 1; j-- > 0 && sent[j] + 2 >= sent[i];) {
    const Mention* m = ActorAt(j);
    if (m && m->type == EntityType::kArmedForce) return m->entity;
  }
  return {};
}

std::string EventContext::OccupierAt(std::size_t i) const {
  if (i >= n || mention_at[i] != SIZE_MAX) return {};
  if (!home_army.empty() && x.WordAt(t, i, kHomeArmy, true, true)) return home_army;
  if (occupier.empty()) return {};
  if (x.WordAt(t, i, kOccupier, true, true)) return occupier;
  bool head =
      x.WordAt(t, i, kForceHead, false, true).has_value() || x.WordAt(t, i, kInstrument, false, true).has_value();
  if (head && i + 1 < n && mention_at[i + 1] == SIZE_MAX && x.WordAt(t, i + 1, kOccupier, true, false)) return occupier;
  return {};
}

// The latest place of that subtype before it, else the article's most mentioned one; a region's anaphor
// also accepts a polity's territory.
std::string EventContext::SalientPlace(const std::string& subtype, std::size_t before) const {
  auto [it, fresh] = salient_places.try_emplace(subtype);
  SubtypePlaces& places = it->second;
  if (fresh) {  // once per subtype: the places that fit, in text order, and the most mentioned
    std::map<std::string, int> freq;
    for (const Mention& m : mentions) {
      if (m.type != EntityType::kPlace) continue;
      bool fits = m.subtype == subtype || (subtype == "Region" && x.polity_of_place.count(m.entity));
      if (!fits) continue;
      ++freq[m.entity];
      places.begin.push_back(m.begin);
      places.entity.push_back(&m.entity);
    }
    int best = 0;
    for (const auto& [e, c] : freq) {
      if (c > best) {
        best = c;
        places.top = e;
      }
    }
  }
  // The latest of them before the anaphor (mentions are in text order).
  std::size_t k = std::lower_bound(places.begin.begin(), places.begin.end(), t[before].begin) - places.begin.begin();
  if (k > 0 && !places.entity[k - 1]->empty()) return *places.entity[k - 1];
  return places.top;
}

void EventContext::BuildIndexes() {
  for (std::size_t j = 0; j < n; ++j) {
    if (mention_at[j] != SIZE_MAX && (j == 0 || mention_at[j - 1] != mention_at[j])) mention_starts.push_back(j);
    if (x.WordAt(t, j, kPlaceAnaphor)) place_anaphors.push_back(j);
  }
  for (const Mention& m : mentions) {
    if (m.type == EntityType::kGroup) group_entities.insert(m.entity);
    if (m.type == EntityType::kArmedForce) force_entities.insert(m.entity);
    if (m.type == EntityType::kPerson) {
      person_entities.insert(m.entity);
      std::string owner = StateOf(m);
      if (auto o = x.index.find(owner); !owner.empty() && o != x.index.end()) {
        const ontology::EntityEntry& body = x.entities[o->second];
        if (body.type == EntityType::kArmedForce || (body.type == EntityType::kOrganization && body.of.empty()))
          person_body.emplace(m.entity, owner);
      }
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (mention_at[k] == SIZE_MAX) continue;
    const Mention& m = mentions[mention_at[k]];
    if (m.begin == t[k].begin && IsActorType(m.type)) actor_starts[t[k].key].push_back(k);
  }
  nisbas_by_tok = nisbas;
  std::stable_sort(nisbas_by_tok.begin(), nisbas_by_tok.end(),
                   [](const NisbaHit& a, const NisbaHit& b) { return a.tok < b.tok; });
  last_according.assign(sent_first.size(), SIZE_MAX);
  for (std::size_t r = 0; r < reports.size(); ++r) {
    if (reports[r].according_to) last_according[sent[reports[r].verb_tok]] = r;
  }
  for (const Timex& tx : timexes) max_timex_len = std::max(max_timex_len, tx.last - tx.first);
}

std::span<const NisbaHit> EventContext::NisbasAt(std::size_t tok) const {
  auto [lo, hi] = std::equal_range(nisbas_by_tok.begin(), nisbas_by_tok.end(), NisbaHit{tok},
                                   [](const NisbaHit& a, const NisbaHit& b) { return a.tok < b.tok; });
  return {lo, hi};
}

std::size_t EventContext::ReportsFrom(std::size_t tok) const {
  return std::partition_point(reports.begin(), reports.end(), [&](const Report& r) { return r.verb_tok < tok; }) -
         reports.begin();
}

std::size_t EventContext::TimexesFrom(std::size_t tok) const {
  return std::partition_point(timexes.begin(), timexes.end(), [&](const Timex& tx) { return tx.first < tok; }) -
         timexes.begin();
}

}  // namespace khabar::extract::events
