// Pass "construct": construct phrases with a following name: وزارة خارجية أرمينيا, وزارة الدفاع في أذربيجان
// (institution+state, institution+fi+state), جيش ناغورنو كاراباخ (force+place); a polity head before the
// region's name makes it the polity (polity-head+place, rewriting the lexicon's candidate).
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// The longest lexicon name starting exactly at token `at` (not inside it, after a clitic).
const Candidate* NextName(const MentionContext& ctx, std::size_t at) {
  auto it = ctx.names_at.find(at);
  if (it == ctx.names_at.end()) return nullptr;
  const Candidate* best = nullptr;
  for (std::size_t ci : it->second) {
    const Candidate& c = ctx.cands[ci];
    if (c.m.begin == ctx.t[at].begin && (!best || c.last > best->last)) best = &c;
  }
  return best;
}

// An institution head + a state's (or polity's) name: وزارة خارجية أرمينيا، وزارة الدفاع في أذربيجان.
void InstitutionOfName(const Extractor::Impl& x, MentionContext& ctx, std::size_t i) {
  const Tokens& t = ctx.t;
  auto h = x.WordAt(t, i, kInstitution);
  if (!h) return;
  std::size_t at = h->last;
  bool fi = false;
  if (x.WordOf(*h).Attr("construct").empty()) {
    if (!(at < t.size() && t[at].key == x.keys.fi)) return;  // في
    fi = true;
    ++at;
  }
  const Candidate* owner = NextName(ctx, at);
  if (owner && owner->m.type != EntityType::kState) {
    // وزارة خارجية آرتساخ: a region with its own (self-declared) government stands for that polity.
    auto p = x.polity_of_place.find(owner->m.entity);
    if (!(owner->m.type == EntityType::kPolity ||
          (owner->m.type == EntityType::kPlace && p != x.polity_of_place.end())))
      owner = nullptr;
  }
  if (!owner) return;
  const auto& w = x.WordOf(*h);
  std::string subtype(w.Attr("subtype"));
  const ontology::EntityEntry* known = x.Owned(owner->m.entity, EntityType::kOrganization, subtype);
  Candidate c =
      ctx.Make(h->first, owner->last, h->begin, known ? known->id : owner->m.entity + "_" + std::string(w.Attr("code")),
               EntityType::kOrganization, fi ? "institution+fi+state" : "institution+state");
  c.m.subtype = subtype;
  if (!known) {
    auto it = x.index.find(owner->m.entity);
    c.m.en =
        std::string(w.Attr("en")) + " (" + (it != x.index.end() ? x.entities[it->second].en : owner->m.entity) + ")";
    c.m.of = owner->m.entity;
  }
  ctx.cands.push_back(std::move(c));
}

// A force head + a place's or polity's name: جيش ناغورنو كاراباخ، جيش الدفاع في X.
void ForceOfName(const Extractor::Impl& x, MentionContext& ctx, std::size_t i) {
  const Tokens& t = ctx.t;
  auto h = x.WordAt(t, i, kForceHead);
  if (!h) return;
  std::size_t at = h->last;
  auto fi_named = [&](std::size_t k) { return k != h->last; };
  if (x.WordOf(*h).Attr("construct").empty()) {
    // الجيش في X is a locative (the army in X), but جيش الدفاع في X names X's force.
    if (!(at < t.size() && t[at].key == x.keys.fi && !x.WordOf(*h).Attr("named").empty())) return;
    ++at;
  }
  const Candidate* owner = NextName(ctx, at);
  // جيش السودان: a state's army in construct is its armed forces (but قوات باكو is the state itself).
  bool army_of_state = owner && owner->m.type == EntityType::kState && !x.WordOf(*h).Attr("formal").empty() &&
                       !x.WordOf(*h).Attr("construct").empty() && !fi_named(at);
  if (!(owner && (owner->m.type == EntityType::kPlace || owner->m.type == EntityType::kPolity || army_of_state)))
    return;
  std::string owner_id = owner->m.entity;
  if (auto p = x.polity_of_place.find(owner_id); p != x.polity_of_place.end()) owner_id = x.entities[p->second].id;
  const ontology::EntityEntry* known = x.Owned(owner_id, EntityType::kArmedForce, "");
  if (!known) known = x.Owned(owner->m.entity, EntityType::kArmedForce, "");
  Candidate c = ctx.Make(h->first, owner->last, h->begin, known ? known->id : owner_id + "_armed_forces",
                         EntityType::kArmedForce, army_of_state ? "army+state" : "force+place");
  if (!known) {
    c.m.en = "Armed forces of " + owner_id;
    c.m.of = owner_id;
  }
  ctx.cands.push_back(std::move(c));
}

// A polity head before a region's name: the region's candidates become the polity.
void PolityHeadBeforePlace(const Extractor::Impl& x, MentionContext& ctx, std::size_t i) {
  auto h = x.WordAt(ctx.t, i, kPolityHead, false, true);
  if (!h) return;
  auto it = ctx.names_at.find(h->last);
  if (it == ctx.names_at.end()) return;
  for (std::size_t ci : it->second) {
    Candidate& c = ctx.cands[ci];
    auto p = x.polity_of_place.find(c.m.entity);
    if (c.m.type == EntityType::kPlace && p != x.polity_of_place.end()) {
      c.m.entity = x.entities[p->second].id;
      c.m.type = EntityType::kPolity;
      c.m.subtype.clear();
      c.m.rule = "polity-head+place";
    }
  }
}

}  // namespace

void FindConstructPhrases(const Extractor::Impl& x, MentionContext& ctx) {
  // The three rules in turn at each token: a polity head rewrites a name that a head before it may read.
  for (std::size_t i = 0; i < ctx.t.size(); ++i) {
    InstitutionOfName(x, ctx, i);
    ForceOfName(x, ctx, i);
    PolityHeadBeforePlace(x, ctx, i);
  }
}

}  // namespace khabar::extract
