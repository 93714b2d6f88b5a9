// Campaigns: an attack noun (هجوم, scale="MilitaryOperation") that names an offensive on a territory.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

namespace {

// Whether the words at j name a territory: a place or state named there, a place anaphor (المدينة) or a
// town or region classifier (مدينة، ولاية) — not a site (مخيم، مستشفى، مقر). *place: the territory's
// entity when known (the place named, or the article's main one of the anaphor's kind).
bool Territory(const Extractor::Impl& x, const EventContext& ctx, std::size_t j, std::string* place) {
  if (j >= ctx.n) return false;
  if (auto an = x.WordAt(ctx.t, j, kPlaceAnaphor)) {
    // The town or region of the article (the most mentioned of its kind): the one an offensive is on, not
    // the city last named (where a statement was made).
    std::string subtype(x.WordOf(*an).Attr("subtype"));
    ctx.SalientPlace(subtype, j);
    *place = ctx.salient_places[subtype].top;
    return true;
  }
  if (ctx.mention_at[j] != SIZE_MAX) {
    const Mention& m = ctx.mentions[ctx.mention_at[j]];
    if (m.begin != ctx.t[j].begin || (m.type != EntityType::kPlace && m.type != EntityType::kState)) return false;
    if (m.type == EntityType::kPlace) *place = m.entity;
    return true;
  }
  auto c = x.WordAt(ctx.t, j, kClassifier);
  if (!c || x.WordOf(*c).Attr("territory").empty()) return false;
  if (c->last < ctx.n && ctx.mention_at[c->last] != SIZE_MAX &&
      ctx.mentions[ctx.mention_at[c->last]].type == EntityType::kPlace)
    *place = ctx.mentions[ctx.mention_at[c->last]].entity;
  return true;
}

}  // namespace

// هجوم الدعم السريع على المدينة، الهجوم الروسي على أوكرانيا: an attack noun whose target is a territory is
// an offensive; so is a State's attack named by its nisba with no target (قبل الهجوم الأذربيجاني). With a
// weapon (هجوم بطائرات مسيرة على المدينة) or on a site (هجوم على مقر القيادة) it stays an attack. The
// territory attacked is the offensive's place.
bool TriggerFrame::Campaign() {
  std::string_view scale = tr.word->Attr("scale");
  if (scale.empty() || tr.verb || ev.type != EventType::kAttack) return true;
  bool weapon = false, target = false, territory = false;
  for (std::size_t j = tr.last; j < n && j < tr.last + 6 && sent[j] == s && !target; ++j) {
    if (ctx.IsClauseBreak(j)) break;
    weapon |= x.WordAt(t, j, kInstrument, true, true).has_value();
    if (mention_at[j] == SIZE_MAX && x.WordAt(t, j, kTargetPrep)) {
      target = true;
      territory = Territory(x, ctx, j + 1, &campaign_place);
    }
  }
  bool nisba = false;
  for (const NisbaHit& nh : ctx.NisbasAt(tr.last)) nisba |= nh.tok == tr.last && !nh.demonym;
  bool state_offensive = tr.definite && !tr.demonstrative && nisba && !target;
  if (!weapon && (territory || state_offensive)) ev.type = *vocab::ParseEventType(scale);
  return true;
}

}  // namespace khabar::extract::events

namespace khabar::extract::events {

// واندلعت الاشتباكات، وتواصلت المعارك: fighting named again with the article and no doer of its own is the
// fighting the article named before with its parties (الاشتباكات بين X و Y): it takes them.
void FightingParties(const Extractor::Impl&, EventContext& ctx) {
  auto definite_end = [&](const Trig& tr) {
    return tr.definite || !Extractor::Impl::IndefiniteNoun(ctx.t, tr.last - 1);
  };
  std::size_t last = SIZE_MAX;  // the latest fighting with two parties or more (one pass: linear in events)
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    if (ctx.drop[e] || ctx.out[e].type != EventType::kMilitaryOperation) continue;
    const Trig& tr = ctx.trigs[ctx.trig_of_event[e]];
    if (ctx.out[e].agents.empty() && definite_end(tr) && last != SIZE_MAX) {
      ctx.out[e].agents = ctx.out[last].agents;
      std::erase_if(ctx.out[e].patients, [&](const std::string& pt) {
        return std::find(ctx.out[e].agents.begin(), ctx.out[e].agents.end(), pt) != ctx.out[e].agents.end();
      });
    }
    if (ctx.out[e].agents.size() >= 2) last = e;
  }
}

}  // namespace khabar::extract::events

namespace khabar::extract::events {

// reciprocal="1" (تبادل الجيش والميليشيا القصف): each side does it to the other, so the sides found as
// doer and target are all doers.
void ReciprocalDoers(const Extractor::Impl&, EventContext& ctx) {
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    const Trig& tr = ctx.trigs[ctx.trig_of_event[e]];
    if (tr.word->Attr("reciprocal").empty()) continue;
    Event& ev = ctx.out[e];
    for (const std::string& p : ev.patients) {
      if (std::find(ev.agents.begin(), ev.agents.end(), p) == ev.agents.end()) ev.agents.push_back(p);
    }
    ev.patients.clear();
  }
}

}  // namespace khabar::extract::events
