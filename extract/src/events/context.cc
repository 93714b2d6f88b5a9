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

// In its sentence or the one before: "its forces".
std::string EventContext::PronounForce(std::size_t i) const {
  if (i >= n || !t[i].is_word() || mention_at[i] != SIZE_MAX) return {};
  std::u32string_view k = t[i].key;
  if (k.size() > 4 && (k[0] == kWaw || k[0] == 0x0641)) k.remove_prefix(1);
  std::size_t suffix = EndsWith(k, U"\u0647\u0627") ? 2 : EndsWith(k, U"\u0647") ? 1 : 0;
  if (suffix == 0 || !x.force_stems.count(std::u32string(k.substr(0, k.size() - suffix)))) return {};
  for (std::size_t j = i; j-- > 0 && sent[j] + 1 >= sent[i];) {
    if (const Mention* m = ActorAt(j)) {
      std::string state = StateOf(*m);
      if (state.empty()) continue;
      if (const ontology::EntityEntry* known = x.Owned(state, EntityType::kArmedForce, "")) return known->id;
      return {};
    }
  }
  return {};
}

std::string EventContext::OccupierAt(std::size_t i) const {
  if (occupier.empty() || i >= n || mention_at[i] != SIZE_MAX) return {};
  if (x.WordAt(t, i, kOccupier, true, true)) return occupier;
  bool head =
      x.WordAt(t, i, kForceHead, false, true).has_value() || x.WordAt(t, i, kInstrument, false, true).has_value();
  if (head && i + 1 < n && mention_at[i + 1] == SIZE_MAX && x.WordAt(t, i + 1, kOccupier, true, false)) return occupier;
  return {};
}

// The latest place of that subtype before it, else the article's most mentioned one; a region's anaphor
// also accepts a polity's territory.
std::string EventContext::SalientPlace(const std::string& subtype, std::size_t before) const {
  std::string latest;
  std::map<std::string, int> freq;
  for (const Mention& m : mentions) {
    if (m.type != EntityType::kPlace) continue;
    bool fits = m.subtype == subtype || (subtype == "Region" && x.polity_of_place.count(m.entity));
    if (!fits) continue;
    ++freq[m.entity];
    if (m.begin < t[before].begin) latest = m.entity;
  }
  if (!latest.empty()) return latest;
  std::string top;
  int best = 0;
  for (const auto& [e, c] : freq) {
    if (c > best) {
      best = c;
      top = e;
    }
  }
  return top;
}

}  // namespace khabar::extract::events
