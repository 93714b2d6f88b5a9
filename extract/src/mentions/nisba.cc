// Pass "nisba": phrases built on a state's nisba or demonym, head + (modifier) + nisba: institutions
// (institution+nisba), forces (force+nisba, force+nisba+kin, force+nisba+peacekeepers), populations and
// ethnic groups (population+nisba, ethnic+nisba), governments (government+nisba, government+nisba+kin),
// ethnonyms (ethnonym, ethnonym+place), counts of people (number+nisba, count+demonym) and plural demonyms
// standing for the state (demonym-plural). Each nisba gets the first rule that applies.
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// One nisba or demonym and the span around it.
struct NisbaPhrase {
  const NisbaHit& n;
  const ontology::EntityEntry& state;
  std::size_t end;  // the token after the nisba
  std::size_t ext;  // `end`, or after a modifier (العرقيين/العرقية) that an ethnonym or a force may take
};

// A head that is part of a title is no institution: وزير الخارجية الأمريكي is a person's title.
bool InTitle(const Extractor::Impl& x, const Tokens& t, const Hit& head) {
  for (std::size_t b = head.first >= 3 ? head.first - 3 : 0; b <= head.first; ++b) {
    if (auto ti = x.WordAt(t, b, kTitle); ti && ti->first < head.first + 1 && ti->last > head.first) return true;
  }
  return false;
}

// A head of `list` ending right before token `at`, or before one modifier that ends there.
std::optional<Hit> HeadBefore(const Extractor::Impl& x, const Tokens& t, std::size_t at, List list) {
  if (auto h = x.WordEndingAt(t, at, list)) return h;
  if (at >= 2) {  // one modifier between the head and the nisba
    if (auto mod = x.WordAt(t, at - 1, kModifier, false, false); mod && mod->last == at) {
      if (auto h = x.WordEndingAt(t, at - 1, list)) return h;
    }
  }
  return std::nullopt;
}

// The group of the state's people: its ethnonym group (no English name needed), or "<state>_people".
std::pair<std::string, std::string> GroupId(const Extractor::Impl& x, const ontology::EntityEntry& state) {
  if (auto it = x.group_of_state.find(state.id); it != x.group_of_state.end()) return {x.entities[it->second].id, ""};
  return {state.id + "_people", "People of " + state.en};
}

// institution + nisba: وزارة الخارجية الأمريكية.
bool InstitutionNisba(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  auto h = HeadBefore(x, ctx.t, p.n.tok, kInstitution);
  if (!(h && !p.n.demonym && !x.WordOf(*h).Attr("construct").size() && !InTitle(x, ctx.t, *h))) return false;
  const auto& w = x.WordOf(*h);
  std::string code(w.Attr("code"));
  std::string subtype(w.Attr("subtype"));
  const ontology::EntityEntry* known = x.Owned(p.state.id, EntityType::kOrganization, subtype);
  Candidate c = ctx.Make(h->first, p.end, h->begin, known ? known->id : p.state.id + "_" + code,
                         EntityType::kOrganization, "institution+nisba");
  c.m.subtype = subtype;
  if (!known) {
    c.m.en = std::string(w.Attr("en")) + " (" + p.state.en + ")";
    c.m.of = p.state.id;
  }
  ctx.cands.push_back(std::move(c));
  return true;
}

// In an article about a polity, informal forces of its kin state are the polity's forces when the phrase
// says so (القوات الأرمينية العرقية) or the sentence ties them to the polity's land or separatists;
// elsewhere they are the kin state's army.
bool KinForces(const Extractor::Impl& x, const MentionContext& ctx, const NisbaPhrase& p, const Hit& h) {
  const auto& w = x.WordOf(h);
  if (!(!ctx.polity.empty() && w.Attr("code") == "armed_forces" && w.Attr("formal").empty() &&
        x.entities[x.index.at(ctx.polity)].kin == p.state.id)) {
    return false;
  }
  bool kin_modifier = false;
  for (std::size_t j = h.last; j < p.ext; ++j) {
    if (auto mod = x.WordAt(ctx.t, j, kModifier, false, false)) kin_modifier |= !x.WordOf(*mod).Attr("kin").empty();
  }
  return kin_modifier || ctx.TiedToPolity(p.n.tok);
}

// force + nisba: القوات الروسية.
bool ForceNisba(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  auto h = HeadBefore(x, ctx.t, p.n.tok, kForceHead);
  if (!(h && !x.WordOf(*h).Attr("construct").size())) return false;
  const auto& w = x.WordOf(*h);
  std::string code(w.Attr("code"));
  std::string subtype(w.Attr("subtype"));
  const ontology::EntityEntry* known = x.Owned(p.state.id, EntityType::kArmedForce, subtype);
  bool kin = KinForces(x, ctx, p, *h);
  std::string rule = "force+nisba";
  if (kin) {
    known = x.Owned(ctx.polity, EntityType::kArmedForce, "");
    rule = "force+nisba+kin";
  }
  // The state's forces that the text has just called its peacekeepers: جندي روسي من قوات حفظ السلام, or
  // القوات الروسية in the sentence after one about the Russian peacekeepers.
  if (const ontology::EntityEntry* pk = x.Owned(p.state.id, EntityType::kArmedForce, "Peacekeepers");
      pk && !kin && code == "armed_forces" && w.Attr("formal").empty() &&
      (x.PeacekeepersFollow(ctx.t, p.ext) || x.PeacekeepersBefore(ctx.t, ctx.cands, h->first, pk->id))) {
    known = pk;
    rule = "force+nisba+peacekeepers";
  }
  Candidate c = ctx.Make(h->first, p.ext, h->begin, known ? known->id : p.state.id + "_" + code,
                         EntityType::kArmedForce, rule, !w.Attr("nominal").empty());
  c.m.subtype = subtype;
  if (!known) {
    c.m.en = (code == "peacekeepers"    ? "Peacekeepers of "
              : code == "border_guards" ? "Border guards of "
                                        : "Armed forces of ") +
             p.state.en;
    c.m.of = p.state.id;
  }
  ctx.cands.push_back(std::move(c));
  return true;
}

// population + nisba (السكان الأرمن), ethnic head + nisba.
bool GroupNisba(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p, List head, const char* rule,
                bool nominal) {
  auto h = HeadBefore(x, ctx.t, p.n.tok, head);
  if (!h) return false;
  auto [gid, en] = GroupId(x, p.state);
  Candidate c = ctx.Make(h->first, p.ext, h->begin, gid, EntityType::kGroup, rule, nominal);
  c.m.en = en;
  ctx.cands.push_back(std::move(c));
  return true;
}
bool PopulationNisba(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  return GroupNisba(x, ctx, p, kPopulationHead, "population+nisba", true);
}
bool EthnicNisba(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  return GroupNisba(x, ctx, p, kEthnicHead, "ethnic+nisba", false);
}

// government + nisba: الحكومة السودانية.
bool GovernmentNisba(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  auto h = HeadBefore(x, ctx.t, p.n.tok, kGovHead);
  if (!h) return false;
  const Tokens& t = ctx.t;
  const std::size_t end = p.end;
  // السلطات الأرمينية في كاراباخ: the kin state's authorities in the polity's land are the polity's.
  auto place = end + 1 < t.size() && t[end].key == x.keys.fi ? ctx.names_at.find(end + 1) : ctx.names_at.end();  // في
  if (!ctx.polity.empty() && x.entities[x.index.at(ctx.polity)].kin == p.state.id && place != ctx.names_at.end() &&
      std::any_of(place->second.begin(), place->second.end(),
                  [&](std::size_t ci) { return ctx.InLand(ctx.cands[ci].m.entity); })) {
    ctx.cands.push_back(
        ctx.Make(h->first, end, h->begin, ctx.polity, EntityType::kPolity, "government+nisba+kin", true));
    return true;
  }
  ctx.cands.push_back(ctx.Make(h->first, end, h->begin, p.state.id, EntityType::kState, "government+nisba", true));
  return true;
}

// A demonym: the group; "أرمن كاراباخ", an ethnonym + a place, is the group of that place.
bool Ethnonym(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  if (!p.n.demonym) return false;
  const Tokens& t = ctx.t;
  auto [gid, en] = GroupId(x, p.state);
  auto it = ctx.names_at.find(p.end);
  if (it != ctx.names_at.end()) {
    const Candidate& place = ctx.cands[it->second.front()];
    if (place.m.type == EntityType::kPlace) {
      Candidate c = ctx.Make(p.n.tok, place.last, t[p.n.tok].begin, gid + "_of_" + place.m.entity, EntityType::kGroup,
                             "ethnonym+place");
      c.m.en = (en.empty() ? x.entities[x.group_of_state.at(p.state.id)].en : en) + " of " + place.m.entity;
      ctx.cands.push_back(std::move(c));
      return true;
    }
  }
  Candidate c = ctx.Make(p.n.tok, p.ext, t[p.n.tok].begin, gid, EntityType::kGroup, "ethnonym");
  c.m.en = en;
  ctx.cands.push_back(std::move(c));
  return true;
}

// A count of people by nationality: 40 ألف أرمني، مليوني سوداني.
bool NumberNisba(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  const Tokens& t = ctx.t;
  const std::size_t tok = p.n.tok;
  if (!(!p.n.plural && !p.n.article && tok > 0 &&
        (t[tok - 1].kind == Token::Kind::kNumber || x.WordAt(t, tok - 1, kNumberWord, false, false)))) {
    return false;
  }
  auto [gid, en] = GroupId(x, p.state);
  Candidate c = ctx.Make(tok, p.end, t[tok].begin, gid, EntityType::kGroup, "number+nisba");
  c.m.en = en;
  ctx.cands.push_back(std::move(c));
  return true;
}

// A count of people by a plural demonym: آلاف السودانيين، مئات من اللبنانيين، ثلاثة أوكرانيين (GUIDELINES
// §4: a demonym is a population group).
bool CountDemonym(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  const Tokens& t = ctx.t;
  std::size_t tok = p.n.tok;
  if (!p.n.plural || tok == 0) return false;
  std::size_t before = tok - 1;
  if (before > 0 && t[before].key == x.keys.min) --before;  // آلاف من السودانيين
  if (t[before].kind != Token::Kind::kNumber && !x.WordEndingAt(t, before + 1, kNumberWord)) return false;
  auto [gid, en] = GroupId(x, p.state);
  Candidate c = ctx.Make(tok, p.end, t[tok].begin, gid, EntityType::kGroup, "count+demonym");
  c.m.en = en;
  ctx.cands.push_back(std::move(c));
  return true;
}

// A plural demonym standing for the state: الأذربيجانيون قالوا.
bool DemonymPlural(const Extractor::Impl& x, MentionContext& ctx, const NisbaPhrase& p) {
  const Tokens& t = ctx.t;
  if (!(p.n.plural && p.n.article && t[p.n.tok].key.size() > 6 && EndsWith(t[p.n.tok].key, x.keys.un))) {
    return false;
  }
  ctx.cands.push_back(
      ctx.Make(p.n.tok, p.end, t[p.n.tok].begin, p.state.id, EntityType::kState, "demonym-plural", true));
  return true;
}

// The rules in the order they are tried on each nisba.
using NisbaRule = bool (*)(const Extractor::Impl&, MentionContext&, const NisbaPhrase&);
constexpr NisbaRule kNisbaRules[] = {InstitutionNisba, ForceNisba,  PopulationNisba, EthnicNisba,  GovernmentNisba,
                                     Ethnonym,         NumberNisba, CountDemonym,    DemonymPlural};

}  // namespace

void FindNisbaPhrases(const Extractor::Impl& x, MentionContext& ctx) {
  for (const NisbaHit& n : ctx.nisbas) {
    std::size_t end = n.tok + 1;
    std::size_t ext = end;
    if (auto mod = x.WordAt(ctx.t, end, kModifier, false, false)) ext = mod->last;
    NisbaPhrase p{n, x.entities[n.entity], end, ext};
    for (NisbaRule rule : kNisbaRules) {
      if (rule(x, ctx, p)) break;
    }
  }
}

}  // namespace khabar::extract
