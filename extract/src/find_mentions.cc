// Mentions: names of actors and places, found by lexicon and by rule.
#include "extractor_impl.h"

namespace khabar::extract {

// ---------------------------------------------------------------------------------------------------
// Mentions

std::vector<Candidate> Extractor::Impl::FindMentions(const Document& doc, const Tokens& t,
                                                     std::vector<NisbaHit>* nisbas) const {
  std::vector<Candidate> cands;
  const std::u32string& text = doc.text;
  auto span_text = [&](std::uint32_t b, std::uint32_t e) { return EncodeUtf8(text.substr(b, e - b)); };
  auto make = [&](std::size_t first, std::size_t last, std::uint32_t begin, const std::string& entity, EntityType type,
                  std::string rule, bool nominal = false) {
    Candidate c;
    c.first = first;
    c.last = last;
    c.m.begin = begin;
    c.m.end = t[last - 1].end;
    c.m.text = span_text(c.m.begin, c.m.end);
    c.m.entity = entity;
    c.m.type = type;
    c.m.nominal = nominal;
    c.m.rule = std::move(rule);
    if (auto it = index.find(entity); it != index.end()) c.m.subtype = entities[it->second].subtype;
    return c;
  };
  auto preceded_by_locative = [&](std::size_t i, std::uint8_t clitics) {
    if (clitics > 0 && (t[i].key[0] == 0x0628 || (t[i].key.size() > 1 && t[i].key[1] == 0x0628))) return true;
    if (i == 0) return false;
    return WordEndingAt(t, i, kLocative).has_value();
  };

  // Names (lexicon forms), nisbas and demonyms.
  std::map<std::size_t, std::vector<std::size_t>> names_at;  // first token -> candidate indices
  for (std::size_t i = 0; i < t.size(); ++i) {
    for (const Hit& h : t.names.At(i, true)) {
      const auto& e = entities[h.payload.entity];
      if (h.payload.kind == Payload::Kind::kNisba || h.payload.kind == Payload::Kind::kDemonym) {
        if (h.last == i + 1 && h.clitics == 0) {
          nisbas->push_back({i, h.payload.entity, h.payload.plural || h.payload.kind == Payload::Kind::kDemonym,
                             h.payload.kind == Payload::Kind::kDemonym, h.article});
        }
        continue;
      }
      if (h.article) continue;  // names match as written, never after an added article
      Candidate c;
      bool visited = false;  // زار الوزير الخرطوم: a visit's destination is the city
      for (std::size_t b = i >= 3 ? i - 3 : 0; b < i && !visited; ++b) {
        for (const Hit& th : t.triggers.At(b, true)) visited |= WordOf(th).Attr("type") == "Visit";
      }
      // A dateline (صنعاء - / صنعاء (رويترز)) names the city the report comes from.
      bool dateline = (i == 0 || t[i - 1].kind == Token::Kind::kNewline) && h.last < t.size() &&
                      t[h.last].kind == Token::Kind::kPunct;
      // في العاصمة مقديشو: a capital named as the capital is the city.
      auto capital_word = [&](std::size_t k) {
        return t[k].key == U"\u0627\u0644\u0639\u0627\u0635\u0645\u0647" ||
               t[k].key == U"\u0628\u0627\u0644\u0639\u0627\u0635\u0645\u0647" ||
               t[k].key == U"\u0644\u0644\u0639\u0627\u0635\u0645\u0647";  // العاصمة، بالعاصمة، للعاصمة
      };
      // … and العاصمة الليبية طرابلس, with the state's nisba between.
      bool as_capital =
          i > 0 && (capital_word(i - 1) ||
                    (i > 1 && capital_word(i - 2) &&
                     std::any_of(nisbas->begin(), nisbas->end(), [&](const NisbaHit& nh) { return nh.tok == i - 1; })));
      if (!e.capital_of.empty() && !preceded_by_locative(i, h.clitics) && !visited && !dateline && !as_capital) {
        c = make(h.first, h.last, h.begin, e.capital_of, EntityType::kState, "capital-metonymy");
      } else {
        c = make(h.first, h.last, h.begin, e.id, e.type, "lexicon");
      }
      // مدينة الأبيض، قناة المسيرة، ولاية الجزيرة: a place or outlet listed with its classifier (its name
      // alone is a common word) is annotated without it, like every classifier + name (وكالة تاس); a
      // classifier that is part of the name stays (وكالة الأنباء الفرنسية).
      static const std::u32string kClassifierWords[] = {
          U"\u0645\u062F\u064A\u0646\u0647", U"\u0628\u0644\u062F\u0647",       U"\u0642\u0631\u064A\u0647",
          U"\u0645\u0646\u0637\u0642\u0647", U"\u0627\u0642\u0644\u064A\u0645", U"\u0648\u0643\u0627\u0644\u0647",
          U"\u0642\u0646\u0627\u0647",       U"\u0634\u0628\u0643\u0647",       U"\u0648\u0644\u0627\u064A\u0647"};
      std::size_t name_first = h.first + 1;
      if (c.m.rule == "lexicon" && h.last > name_first &&
          (e.type == EntityType::kPlace || e.subtype == "MediaOutlet") &&
          std::find(std::begin(kClassifierWords), std::end(kClassifierWords),
                    std::u32string_view(t[h.first].key).substr(h.clitics)) != std::end(kClassifierWords) &&
          t[name_first].key != U"\u0627\u0644\u0627\u0646\u0628\u0627\u0621" && !IsFunction(t[name_first])) {
        c = make(name_first, h.last, t[name_first].begin, e.id, e.type, "lexicon");
        names_at[name_first].push_back(cands.size());
        cands.push_back(std::move(c));
        continue;
      }
      names_at[i].push_back(cands.size());
      cands.push_back(std::move(c));
    }
  }

  // Latin-script names inside Arabic text are organisations (NHL, TRT, Getty Images): acronyms of two to
  // six capitals, or a run of up to three capitalised words.
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto latin_cap = [&](std::size_t k) {
      const std::u32string& w = t[k].key;
      if (t[k].kind != Token::Kind::kWord || w.empty() || !(w[0] >= U'a' && w[0] <= U'z')) return false;
      return std::all_of(w.begin(), w.end(),
                         [](char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9'); }) &&
             text[t[k].begin] >= U'A' && text[t[k].begin] <= U'Z';
    };
    if (!latin_cap(i) || names_at.count(i) || (i > 0 && latin_cap(i - 1))) continue;
    std::size_t e = i + 1;
    while (e < t.size() && e - i < 3 && latin_cap(e)) ++e;
    bool acronym = e == i + 1 && t[i].key.size() >= 2 && t[i].key.size() <= 6 &&
                   std::all_of(text.begin() + t[i].begin, text.begin() + t[i].end,
                               [](char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9'); });
    if (e == i + 1 && !acronym) continue;
    std::string key;
    for (std::size_t j = i; j < e; ++j) key += (key.empty() ? "" : " ") + EncodeUtf8(t[j].key);
    Candidate c = make(i, e, t[i].begin, "~Organization:" + key, EntityType::kOrganization, "latin-name");
    c.priority = 2;
    names_at[i].push_back(cands.size());
    cands.push_back(std::move(c));
  }

  // The polity of this article's conflict: the one whose territory the article names most.
  std::string polity;
  {
    std::map<std::string, int> votes;
    for (const auto& [at, list] : names_at) {
      for (std::size_t ci : list) {
        if (auto p = polity_of_place.find(cands[ci].m.entity); p != polity_of_place.end())
          ++votes[entities[p->second].id];
        if (cands[ci].m.type == EntityType::kPolity) ++votes[cands[ci].m.entity];
      }
    }
    int best = 0;
    for (const auto& [id, v] : votes) {
      if (v > best) {
        best = v;
        polity = id;
      }
    }
  }
  // Separatists (الانفصاليون, القوات الانفصالية, السلطات الانفصالية) are the forces or the authorities of
  // that polity; without one the article's separatists stay unresolved.
  auto is_separatist = [&](std::size_t k) {
    if (k >= t.size() || t[k].kind != Token::Kind::kWord) return false;
    for (const auto& v : Matcher::Variants(t[k], true)) {
      if (v.clitics == 0 && (v.key == U"\u0627\u0646\u0641\u0635\u0627\u0644\u064A\u0647" ||        // انفصالية
                             v.key == U"\u0627\u0646\u0641\u0635\u0627\u0644\u064A\u0648\u0646" ||  // انفصاليون
                             v.key == U"\u0627\u0646\u0641\u0635\u0627\u0644\u064A\u064A\u0646"))  // انفصاليين
        return true;
    }
    return false;
  };
  // Whether the sentence around token k ties a force to the polity: it names the polity, its region or a
  // place inside it, one of the polity's own forces, or its separatists.
  // Whether an entity is the polity, its region, a place inside it or one of its forces.
  auto in_land = [&](const std::string& id) {
    const std::string& land = entities[index.at(polity)].in;
    std::string cur = id;
    for (int depth = 0; depth < 8 && !cur.empty(); ++depth) {
      if (cur == polity || cur == land) return true;
      auto it = index.find(cur);
      if (it == index.end()) return false;
      if (entities[it->second].of == polity) return true;
      cur = entities[it->second].in;
    }
    return false;
  };
  auto tied_to_polity = [&](std::size_t k) {
    auto tie_at = [&](std::size_t j) {
      if (is_separatist(j)) return true;
      auto it = names_at.find(j);
      if (it == names_at.end()) return false;
      return std::any_of(it->second.begin(), it->second.end(),
                         [&](std::size_t ci) { return in_land(cands[ci].m.entity); });
    };
    auto boundary = [&](std::size_t j) { return t[j].kind == Token::Kind::kNewline || t[j].key == U"."; };
    for (std::size_t j = k; j < t.size() && !boundary(j); ++j) {
      if (tie_at(j)) return true;
    }
    for (std::size_t j = k; j-- > 0 && !boundary(j);) {
      if (tie_at(j)) return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < t.size() && !polity.empty(); ++i) {
    if (!is_separatist(i)) continue;
    const ontology::EntityEntry* forces = Owned(polity, EntityType::kArmedForce, "");
    std::string force_id = forces ? forces->id : polity + "_armed_forces";
    if (auto h = WordEndingAt(t, i, kForceHead)) {  // القوات الانفصالية / قوات انفصالية: a named force
      Candidate c = make(h->first, i + 1, h->begin, force_id, EntityType::kArmedForce, "force+separatist",
                         !WordOf(*h).Attr("nominal").empty());
      cands.push_back(std::move(c));
    } else if (auto g = WordEndingAt(t, i, kGovHead)) {  // السلطات الانفصالية: the polity
      cands.push_back(make(g->first, i + 1, g->begin, polity, EntityType::kPolity, "government+separatist", true));
    } else if (t[i].key.size() > 2 && t[i].key[0] == kAlef && t[i].key[1] == kLam && !EndsWith(t[i].key, U"\u0647")) {
      // الانفصاليون alone (not the adjective الانفصالية): fighters, unless the sentence is about talks.
      bool talks = false;
      for (std::size_t j = i; j-- > 0 && t[j].kind != Token::Kind::kNewline && t[j].key != U".";) {
        for (const Hit& th : t.triggers.At(j, true)) talks |= WordOf(th).Attr("type") == "Negotiation";
      }
      for (std::size_t j = i + 1; j < t.size() && t[j].kind != Token::Kind::kNewline && t[j].key != U"."; ++j) {
        for (const Hit& th : t.triggers.At(j, true)) talks |= WordOf(th).Attr("type") == "Negotiation";
      }
      cands.push_back(talks ? make(i, i + 1, t[i].begin, polity, EntityType::kPolity, "separatists", true)
                            : make(i, i + 1, t[i].begin, force_id, EntityType::kArmedForce, "separatists", true));
    }
  }

  // Nisba/demonym phrases: head + (modifier) + nisba.
  for (const NisbaHit& n : *nisbas) {
    const auto& state = entities[n.entity];
    std::size_t end = n.tok + 1;
    // An ethnonym or a force may be followed by العرقيين/العرقية inside the span.
    std::size_t ext = end;
    if (auto mod = WordAt(t, end, kModifier, false, false)) ext = mod->last;
    // A head that is part of a title is no institution: وزير الخارجية الأمريكي is a person's title.
    auto in_title = [&](const Hit& head) {
      for (std::size_t b = head.first >= 3 ? head.first - 3 : 0; b <= head.first; ++b) {
        if (auto ti = WordAt(t, b, kTitle); ti && ti->first < head.first + 1 && ti->last > head.first) return true;
      }
      return false;
    };
    auto head_before = [&](std::size_t at, List list) -> std::optional<Hit> {
      if (auto h = WordEndingAt(t, at, list)) return h;
      if (at >= 2) {  // one modifier between the head and the nisba
        if (auto mod = WordAt(t, at - 1, kModifier, false, false); mod && mod->last == at) {
          if (auto h = WordEndingAt(t, at - 1, list)) return h;
        }
      }
      return std::nullopt;
    };
    if (auto h = head_before(n.tok, kInstitution);
        h && !n.demonym && !WordOf(*h).Attr("construct").size() && !in_title(*h)) {
      const auto& w = WordOf(*h);
      std::string code(w.Attr("code"));
      std::string subtype(w.Attr("subtype"));
      const ontology::EntityEntry* known = Owned(state.id, EntityType::kOrganization, subtype);
      Candidate c = make(h->first, end, h->begin, known ? known->id : state.id + "_" + code, EntityType::kOrganization,
                         "institution+nisba");
      c.m.subtype = subtype;
      if (!known) {
        c.m.en = std::string(w.Attr("en")) + " (" + state.en + ")";
        c.m.of = state.id;
      }
      cands.push_back(std::move(c));
      continue;
    }
    if (auto h = head_before(n.tok, kForceHead); h && !WordOf(*h).Attr("construct").size()) {
      const auto& w = WordOf(*h);
      std::string code(w.Attr("code"));
      std::string subtype(w.Attr("subtype"));
      const ontology::EntityEntry* known = Owned(state.id, EntityType::kArmedForce, subtype);
      // In an article about a polity, informal forces of its kin state are the polity's forces when the
      // phrase says so (القوات الأرمينية العرقية) or the sentence ties them to the polity's land or
      // separatists; elsewhere they are the kin state's army.
      bool kin = false;
      std::string rule = "force+nisba";
      if (!polity.empty() && code == "armed_forces" && w.Attr("formal").empty() &&
          entities[index.at(polity)].kin == state.id) {
        bool kin_modifier = false;
        for (std::size_t j = h->last; j < ext; ++j) {
          if (auto mod = WordAt(t, j, kModifier, false, false)) kin_modifier |= !WordOf(*mod).Attr("kin").empty();
        }
        kin = kin_modifier || tied_to_polity(n.tok);
      }
      if (kin) {
        known = Owned(polity, EntityType::kArmedForce, "");
        rule = "force+nisba+kin";
      }
      // The state's forces that the text has just called its peacekeepers: جندي روسي من قوات حفظ السلام, or
      // القوات الروسية in the sentence after one about the Russian peacekeepers.
      if (const ontology::EntityEntry* pk = Owned(state.id, EntityType::kArmedForce, "Peacekeepers");
          pk && !kin && code == "armed_forces" && w.Attr("formal").empty() &&
          (PeacekeepersFollow(t, ext) || PeacekeepersBefore(t, cands, h->first, pk->id))) {
        known = pk;
        rule = "force+nisba+peacekeepers";
      }
      Candidate c = make(h->first, ext, h->begin, known ? known->id : state.id + "_" + code, EntityType::kArmedForce,
                         rule, !w.Attr("nominal").empty());
      c.m.subtype = subtype;
      if (!known) {
        c.m.en = (code == "peacekeepers"    ? "Peacekeepers of "
                  : code == "border_guards" ? "Border guards of "
                                            : "Armed forces of ") +
                 state.en;
        c.m.of = state.id;
      }
      cands.push_back(std::move(c));
      continue;
    }
    auto group_id = [&]() -> std::pair<std::string, std::string> {
      if (auto it = group_of_state.find(state.id); it != group_of_state.end()) return {entities[it->second].id, ""};
      return {state.id + "_people", "People of " + state.en};
    };
    if (auto h = head_before(n.tok, kPopulationHead)) {
      auto [gid, en] = group_id();
      Candidate c = make(h->first, ext, h->begin, gid, EntityType::kGroup, "population+nisba", true);
      c.m.en = en;
      cands.push_back(std::move(c));
      continue;
    }
    if (auto h = head_before(n.tok, kEthnicHead)) {
      auto [gid, en] = group_id();
      Candidate c = make(h->first, ext, h->begin, gid, EntityType::kGroup, "ethnic+nisba");
      c.m.en = en;
      cands.push_back(std::move(c));
      continue;
    }
    if (auto h = head_before(n.tok, kGovHead)) {
      // السلطات الأرمينية في كاراباخ: the kin state's authorities in the polity's land are the polity's.
      auto place = end + 1 < t.size() && t[end].key == U"\u0641\u064A" ? names_at.find(end + 1) : names_at.end();  // في
      if (!polity.empty() && entities[index.at(polity)].kin == state.id && place != names_at.end() &&
          std::any_of(place->second.begin(), place->second.end(),
                      [&](std::size_t ci) { return in_land(cands[ci].m.entity); })) {
        cands.push_back(make(h->first, end, h->begin, polity, EntityType::kPolity, "government+nisba+kin", true));
        continue;
      }
      cands.push_back(make(h->first, end, h->begin, state.id, EntityType::kState, "government+nisba", true));
      continue;
    }
    if (n.demonym) {
      auto [gid, en] = group_id();
      // Ethnonym + a place: "أرمن كاراباخ" is the group of that place.
      auto it = names_at.find(end);
      if (it != names_at.end()) {
        const Candidate& place = cands[it->second.front()];
        if (place.m.type == EntityType::kPlace) {
          Candidate c = make(n.tok, place.last, t[n.tok].begin, gid + "_of_" + place.m.entity, EntityType::kGroup,
                             "ethnonym+place");
          c.m.en = (en.empty() ? entities[group_of_state.at(state.id)].en : en) + " of " + place.m.entity;
          cands.push_back(std::move(c));
          continue;
        }
      }
      Candidate c = make(n.tok, ext, t[n.tok].begin, gid, EntityType::kGroup, "ethnonym");
      c.m.en = en;
      cands.push_back(std::move(c));
      continue;
    }
    if (!n.plural && !n.article && n.tok > 0 &&
        (t[n.tok - 1].kind == Token::Kind::kNumber || WordAt(t, n.tok - 1, kNumberWord, false, false))) {
      // A count of people by nationality: 40 ألف أرمني، مليوني سوداني.
      auto [gid, en] = group_id();
      Candidate c = make(n.tok, end, t[n.tok].begin, gid, EntityType::kGroup, "number+nisba");
      c.m.en = en;
      cands.push_back(std::move(c));
      continue;
    }
    if (n.plural && n.article && t[n.tok].key.size() > 6 && EndsWith(t[n.tok].key, U"\u0648\u0646")) {
      // A plural demonym standing for the state: الأذربيجانيون قالوا.
      cands.push_back(make(n.tok, end, t[n.tok].begin, state.id, EntityType::kState, "demonym-plural", true));
    }
  }

  // Construct phrases with a following name: وزارة خارجية أرمينيا, وزارة الدفاع في أذربيجان,
  // جيش ناغورنو كاراباخ; a polity head before the region's name makes it the polity.
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto next_name = [&](std::size_t at) -> const Candidate* {
      auto it = names_at.find(at);
      if (it == names_at.end()) return nullptr;
      const Candidate* best = nullptr;
      for (std::size_t ci : it->second) {
        if (cands[ci].m.begin == t[at].begin && (!best || cands[ci].last > best->last)) best = &cands[ci];
      }
      return best;
    };
    // Each rule below is a block left with `break`, so that one failing does not skip the others.
    do {
      auto h = WordAt(t, i, kInstitution);
      if (!h) break;
      std::size_t at = h->last;
      bool fi = false;
      if (WordOf(*h).Attr("construct").empty()) {
        if (at < t.size() && t[at].key == U"\u0641\u064A") {  // في
          fi = true;
          ++at;
        } else {
          break;
        }
      }
      const Candidate* owner = next_name(at);
      if (owner && owner->m.type != EntityType::kState) {
        // وزارة خارجية آرتساخ: a region with its own (self-declared) government stands for that polity.
        auto p = polity_of_place.find(owner->m.entity);
        if (!(owner->m.type == EntityType::kPolity ||
              (owner->m.type == EntityType::kPlace && p != polity_of_place.end())))
          owner = nullptr;
      }
      if (owner) {
        const auto& w = WordOf(*h);
        std::string subtype(w.Attr("subtype"));
        const ontology::EntityEntry* known = Owned(owner->m.entity, EntityType::kOrganization, subtype);
        Candidate c = make(h->first, owner->last, h->begin,
                           known ? known->id : owner->m.entity + "_" + std::string(w.Attr("code")),
                           EntityType::kOrganization, fi ? "institution+fi+state" : "institution+state");
        c.m.subtype = subtype;
        if (!known) {
          auto it = index.find(owner->m.entity);
          c.m.en =
              std::string(w.Attr("en")) + " (" + (it != index.end() ? entities[it->second].en : owner->m.entity) + ")";
          c.m.of = owner->m.entity;
        }
        cands.push_back(std::move(c));
      }
    } while (false);
    do {
      auto h = WordAt(t, i, kForceHead);
      if (!h) break;
      std::size_t at = h->last;
      if (WordOf(*h).Attr("construct").empty()) {
        // الجيش في X is a locative (the army in X), but جيش الدفاع في X names X's force.
        if (!(at < t.size() && t[at].key == U"\u0641\u064A" && !WordOf(*h).Attr("named").empty())) break;
        ++at;
      }
      const Candidate* owner = next_name(at);
      if (owner && (owner->m.type == EntityType::kPlace || owner->m.type == EntityType::kPolity)) {
        std::string owner_id = owner->m.entity;
        if (auto p = polity_of_place.find(owner_id); p != polity_of_place.end()) owner_id = entities[p->second].id;
        const ontology::EntityEntry* known = Owned(owner_id, EntityType::kArmedForce, "");
        if (!known) known = Owned(owner->m.entity, EntityType::kArmedForce, "");
        Candidate c = make(h->first, owner->last, h->begin, known ? known->id : owner_id + "_armed_forces",
                           EntityType::kArmedForce, "force+place");
        if (!known) {
          c.m.en = "Armed forces of " + owner_id;
          c.m.of = owner_id;
        }
        cands.push_back(std::move(c));
      }
    } while (false);
    if (auto h = WordAt(t, i, kPolityHead, false, true); h) {
      auto it = names_at.find(h->last);
      if (it != names_at.end()) {
        for (std::size_t ci : it->second) {
          Candidate& c = cands[ci];
          auto p = polity_of_place.find(c.m.entity);
          if (c.m.type == EntityType::kPlace && p != polity_of_place.end()) {
            c.m.entity = entities[p->second].id;
            c.m.type = EntityType::kPolity;
            c.m.subtype.clear();
            c.m.rule = "polity-head+place";
          }
        }
      }
    }
  }

  // A ministry named without its state (المتحدثة باسم وزارة الخارجية): an organisation all the same.
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto h = WordAt(t, i, kInstitution);
    if (!h || h->last - h->first < 2 || !WordOf(*h).Attr("construct").empty()) continue;
    std::string key;
    for (std::size_t j = h->first; j < h->last; ++j) {
      for (const auto& v : Matcher::Variants(t[j], false)) {
        if (j > h->first || v.begin == h->begin) {
          key += (key.empty() ? "" : " ") + EncodeUtf8(j == h->first ? v.key : t[j].key);
          break;
        }
      }
    }
    // Whose ministry: "التابعة لـ X" after it, or the state of a known official named right after it
    // (… وزارة الخارجية ماريا زاخاروفا).
    std::string owner_state;
    if (h->last + 1 < t.size() && (t[h->last].key == U"\u0627\u0644\u062A\u0627\u0628\u0639\u0647" ||
                                   t[h->last].key == U"\u0627\u0644\u062A\u0627\u0628\u0639")) {
      if (auto it = names_at.find(h->last + 1); it != names_at.end()) {
        const Candidate& o = cands[it->second.front()];
        if (o.m.type != EntityType::kPerson && o.m.type != EntityType::kPlace) owner_state = o.m.entity;
      }
    }
    for (std::size_t j = h->last; j < t.size() && j < h->last + 3 && owner_state.empty(); ++j) {
      auto it = names_at.find(j);
      if (it == names_at.end()) continue;
      for (std::size_t ci : it->second) {
        auto e = index.find(cands[ci].m.entity);
        if (cands[ci].m.type != EntityType::kPerson || e == index.end()) continue;
        std::string of = entities[e->second].of;
        auto o = index.find(of);
        if (o != index.end() && entities[o->second].type != EntityType::kState) of = entities[o->second].of;
        if (auto st = index.find(of); st != index.end() && entities[st->second].type == EntityType::kState)
          owner_state = of;
      }
    }
    const auto& w = WordOf(*h);
    std::string subtype(w.Attr("subtype"));
    const ontology::EntityEntry* known =
        owner_state.empty() ? nullptr : Owned(owner_state, EntityType::kOrganization, subtype);
    std::string id = known                 ? known->id
                     : owner_state.empty() ? "~Organization:" + key
                                           : owner_state + "_" + std::string(w.Attr("code"));
    Candidate c = make(h->first, h->last, h->begin, id, EntityType::kOrganization, "institution");
    c.m.subtype = subtype;
    if (!owner_state.empty() && !known) {
      c.m.en = std::string(w.Attr("en")) + " (" + entities[index.at(owner_state)].en + ")";
      c.m.of = owner_state;
    }
    c.priority = 3;
    cands.push_back(std::move(c));
    i = h->last - 1;
  }

  // Peacekeepers named without their state (قوات حفظ السلام): the peacekeeping force this article names
  // with its state, if exactly one; otherwise peacekeepers in general.
  {
    std::set<std::string> article_pk, state_pk;
    for (const Candidate& c : cands) {
      if (c.m.type == EntityType::kArmedForce && c.m.subtype == "Peacekeepers") article_pk.insert(c.m.entity);
      // A state of this article that the lexicon knows to have a peacekeeping force.
      if (c.m.type == EntityType::kState) {
        if (const auto* pk = Owned(c.m.entity, EntityType::kArmedForce, "Peacekeepers")) state_pk.insert(pk->id);
      }
    }
    if (article_pk.empty()) article_pk = state_pk;
    for (std::size_t i = 0; i < t.size(); ++i) {
      auto h = WordAt(t, i, kForceHead);
      if (!h || WordOf(*h).Attr("code") != "peacekeepers") continue;
      bool owned_here = false;  // followed by a nisba: the nisba rule made the span
      for (const NisbaHit& nh : *nisbas) owned_here |= nh.tok == h->last;
      if (owned_here) continue;
      std::string id = article_pk.size() == 1 ? *article_pk.begin() : "~ArmedForce:peacekeepers";
      Candidate c = make(h->first, h->last, h->begin, id, EntityType::kArmedForce, "peacekeepers",
                         !WordOf(*h).Attr("nominal").empty());
      c.m.subtype = "Peacekeepers";
      c.priority = 2;
      cands.push_back(std::move(c));
      i = h->last - 1;
    }
  }

  // People not in the lexicon. (1) title (+ owner) + name.
  auto is_punct = [&](std::size_t i, std::u32string_view chars) {
    return i < t.size() && t[i].kind == Token::Kind::kPunct && chars.find(t[i].key[0]) != std::u32string_view::npos;
  };
  auto name_run = [&](std::size_t at, std::size_t max_len) {
    std::size_t j = at;
    while (j < t.size() && j - at < max_len && NameLike(t, j, j > at)) ++j;
    // Two words of a name, then an imperfect verb (يتحدث، تقول): the name ends before the verb.
    if (j - at == 3 && (t[j - 1].key[0] == kYeh || t[j - 1].key[0] == kTeh) && t[j - 1].key.size() >= 4) --j;
    return j;
  };
  auto person_key = [&](std::size_t a, std::size_t b) {
    std::u32string key;
    for (std::size_t j = a; j < b; ++j) {
      if (!key.empty()) key.push_back(U' ');
      key += t[j].key;
    }
    return "~Person:" + EncodeUtf8(key);
  };
  // Owner of a title starting at `at`: returns the token after it and the owner entity.
  // A municipal or provincial title (takes="place": رئيس بلدية خاركيف، محافظ خان يونس) may be owned by a place.
  auto parse_owner = [&](std::size_t at, std::string* owner, bool place_owner = false) -> std::size_t {
    if (at < t.size() && (t[at].key == U"\u0628\u0627\u0633\u0645")) ++at;  // باسم
    if (auto mc = WordAt(t, at, kMediaClassifier)) {  // مراسل شبكة سي إن إن: the classifier stays in the role
      for (const Candidate& c : cands) {
        if (c.first == mc->last && c.m.type == EntityType::kOrganization) {
          at = mc->last;
          break;
        }
      }
    }
    for (int depth = 0; depth < 2; ++depth) {
      // The longest non-person, non-place candidate starting here: a name (الكرملين) or an institution
      // found by the nisba rules (وزارة الصحة السودانية).
      const Candidate* best = nullptr;
      for (const Candidate& c : cands) {
        if (c.first == at && c.m.type != EntityType::kPerson && (c.m.type != EntityType::kPlace || place_owner) &&
            (!best || c.last > best->last)) {
          best = &c;
        }
      }
      if (best) {
        *owner = best->m.entity;
        return best->last;
      }
      for (const NisbaHit& n : *nisbas) {
        if (n.tok == at && !n.demonym) {
          *owner = entities[n.entity].id;
          return at + 1;
        }
      }
      // A title inside the owner: المتحدثة باسم رئيس وزراء أرمينيا.
      if (auto h = WordAt(t, at, kTitle, false, false)) {
        at = h->last;
        continue;
      }
      break;
    }
    return at;
  };
  std::vector<std::pair<std::u32string, std::string>> surnames;  // last name key -> person entity
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto h = WordAt(t, i, kTitle);
    if (!h) continue;
    std::string owner;
    std::size_t after_title = h->last;
    // An adjective on the title (المتحدث العسكري، المبعوث الأممي) stays in the role.
    if (after_title < t.size() && t[after_title].key.size() > 4 && t[after_title].key[0] == kAlef &&
        t[after_title].key[1] == kLam &&
        (EndsWith(t[after_title].key, U"\u064A") || EndsWith(t[after_title].key, U"\u064A\u0647"))) {
      bool state_nisba = false;
      for (const NisbaHit& nh : *nisbas) state_nisba |= nh.tok == after_title;
      if (!state_nisba) ++after_title;
    }
    std::size_t at =
        parse_owner(after_title, &owner,
                    WordOf(*h).Attr("takes") == "place");  // لاعب NHL، الجنرال الروسي: any title may have an owner
    // The place of a posting: المبعوث الأممي إلى اليمن، سفير أرمينيا لدى فرنسا; an adjective may come
    // between (المبعوث الأمريكي الخاص إلى السودان).
    auto posting = [&](std::size_t k) {
      return k + 1 < t.size() && (t[k].key == U"\u0627\u0644\u064A" || t[k].key == U"\u0644\u062F\u064A");
    };
    if (at + 2 < t.size() && !posting(at) && posting(at + 1) && t[at].key.size() > 3 && t[at].key[0] == kAlef &&
        t[at].key[1] == kLam && !names_at.count(at) && !IsFunction(t[at])) {
      ++at;
    }
    if (posting(at)) {
      if (auto it = names_at.find(at + 1); it != names_at.end()) at = cands[it->second.front()].last;
    }
    std::size_t owner_end = at;
    // A rank between the office and the name: المتحدث باسم الجيش السوداني العميد نبيل عبد الله.
    if (at > h->last) {
      if (auto rank = WordAt(t, at, kTitle, false, false)) at = owner_end = rank->last;
    }
    if (is_punct(at, U",\u060C")) ++at;
    std::string role = span_text(h->begin, t[owner_end - 1].end);
    if (auto it = names_at.find(at); it != names_at.end()) {
      Candidate& c = cands[it->second.front()];
      if (c.m.type == EntityType::kPerson) {
        c.role_text = role;
        c.role_of = owner;
      }
      continue;
    }
    std::size_t e = name_run(at, 3);
    if (e == at) continue;
    bool boundary = e >= t.size() || !t[e].is_word() || IsFunction(t[e]) || WordAt(t, e, kReportingVerb);
    if (e - at == 1 && (!boundary || !LooksLikeName(t[at].key))) continue;
    Candidate c = make(at, e, t[at].begin, person_key(at, e), EntityType::kPerson, "title");
    c.role_text = role;
    c.role_of = owner;
    c.priority = 1;
    cands.push_back(std::move(c));
  }
  // (2) apposition: name، title.   (3) reporting verb + name (two words at least) + إن/،/:
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (is_punct(i, U",\u060C")) {
      auto h = WordAt(t, i + 1, kTitle, false, false);
      if (!h) continue;
      std::size_t b = i;
      while (b > 0 && i - b < 3 && NameLike(t, b - 1, true)) --b;
      auto has_article = [&](std::size_t k) {
        return t[k].key.size() > 2 && t[k].key[0] == kAlef && t[k].key[1] == kLam;
      };
      while (b < i && has_article(b)) ++b;  // a name starts without the article (خالد المسماري)
      if (b == i) continue;
      bool after_verb = b > 0 && WordAt(t, b - 1, kReportingVerb).has_value();
      bool sentence_start = b == 0 || !t[b - 1].is_word();
      if (i - b < 2 && ((!after_verb && !sentence_start) || !LooksLikeName(t[b].key))) continue;
      if (names_at.count(b)) continue;
      std::string owner;
      std::size_t owner_end = parse_owner(h->last, &owner);
      Candidate c = make(b, i, t[b].begin, person_key(b, i), EntityType::kPerson, "apposition");
      c.role_text = span_text(h->begin, t[owner_end - 1].end);
      c.role_of = owner;
      c.priority = 1;
      cands.push_back(std::move(c));
    }
    if (auto v = WordAt(t, i, kReportingVerb)) {
      std::size_t a = v->last;
      if (names_at.count(a)) continue;
      std::size_t e = name_run(a, 3);
      if (e == a) continue;
      bool closed = e >= t.size() || is_punct(e, U",\u060C:\"\u201C\u00AB") || t[e].key == U"\u0627\u0646" ||
                    t[e].key == U"\u0627\u0646\u0647";
      if (!closed) continue;
      // One word is a name only when nothing else could be the subject: not a nisba, not a known word.
      if (e - a == 1 && (!LooksLikeName(t[a].key) || first_name_keys.count(t[a].key))) continue;
      Candidate c = make(a, e, t[a].begin, person_key(a, e), EntityType::kPerson, "reporting-verb");
      c.priority = 2;
      cands.push_back(std::move(c));
    }
  }
  // A journalist named right after their outlet: لقناة CNN ماثيو تشانس في مقابلة.
  for (const Candidate& outlet : std::vector<Candidate>(cands)) {
    if (outlet.m.type != EntityType::kOrganization || outlet.m.subtype != "MediaOutlet") continue;
    std::size_t a = outlet.last, e = name_run(a, 3);
    if (e - a < 2 || !LooksLikeName(t[a].key)) continue;
    bool closed = e >= t.size() || !t[e].is_word() || IsFunction(t[e]);
    if (!closed) continue;
    Candidate c = make(a, e, t[a].begin, person_key(a, e), EntityType::kPerson, "outlet+name");
    c.priority = 2;
    cands.push_back(std::move(c));
  }

  // Surname-only mentions of people seen in this article (full name first).
  for (const Candidate& c : cands) {
    if (c.m.type != EntityType::kPerson) continue;
    if (c.last - c.first < 2 && (c.m.entity.rfind("~", 0) != 0 || !LooksLikeName(t[c.first].key))) continue;
    std::u32string_view last = t[c.last - 1].key;
    if (last.size() > 2 && last[0] == kAlef && last[1] == kLam) last.remove_prefix(2);
    if (nisba_keys.count(std::u32string(last))) continue;  // السوداني alone is Sudanese, not the person
    surnames.emplace_back(t[c.last - 1].key, c.m.entity);
  }
  if (!surnames.empty()) {
    std::vector<Candidate> extra;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].kind != Token::Kind::kWord) continue;
      for (const auto& v : Matcher::Variants(t[i], false)) {
        if (v.key.size() < 4) continue;
        for (const auto& [key, entity] : surnames) {
          if (key == v.key) {
            Candidate c = make(i, i + 1, v.begin, entity, EntityType::kPerson, "surname");
            c.priority = 0;  // the link to the full name beats a one-word name found by another rule
            extra.push_back(std::move(c));
          }
        }
      }
    }
    for (auto& c : extra) cands.push_back(std::move(c));
  }

  // Places and outlets by classifier: مدينة X, قرية X, وكالة X.
  for (std::size_t i = 0; i < t.size(); ++i) {
    for (List list : {kClassifier, kMediaClassifier}) {
      auto h = WordAt(t, i, list);
      if (!h) continue;
      const std::u32string& head = t[i].key;
      if (head.size() > 2 && head[0] == kAlef && head[1] == kLam && list == kClassifier &&
          WordOf(*h).Attr("subtype") != "City") {
        continue;  // المنطقة, الإقليم: anaphoric
      }
      std::size_t at = h->last;
      if (names_at.count(at)) continue;
      bool article_ok = list == kClassifier;
      if (!NameLike(t, at, article_ok)) continue;
      const std::u32string& k = t[at].key;
      bool definite_head = head.size() > 2 && head[0] == kAlef && head[1] == kLam;
      if (definite_head && k.size() > 2 && k[0] == kAlef && k[1] == kLam &&
          (EndsWith(k, U"\u064A") || EndsWith(k, U"\u064A\u0647") || EndsWith(k, U"\u0627\u062A") ||
           EndsWith(k, U"\u064A\u0646") || EndsWith(k, U"\u064A\u0648\u0646"))) {
        continue;  // العاصمة الأمريكية: an adjective agreeing with the head, not a name (مخيم النصيرات is)
      }
      // Place names built on a noun (دير البلح، خان يونس، كرم أبو سالم، بيت لاهيا) take one or two more words,
      // the word after such a noun with its article.
      static const std::u32string kNameFormers[] = {
          U"\u0627\u0628\u0648",       U"\u0627\u0645",       U"\u0628\u0646\u064A", U"\u0627\u0628\u0646",
          U"\u062F\u064A\u0631",       U"\u0628\u064A\u062A", U"\u0639\u064A\u0646", U"\u062A\u0644",
          U"\u0631\u0627\u0633",       U"\u062E\u0627\u0646", U"\u0643\u0641\u0631", U"\u062C\u0628\u0644",
          U"\u0648\u0627\u062F\u064A", U"\u0628\u064A\u0631"};
      auto former = [&](std::size_t j) {
        return std::find(std::begin(kNameFormers), std::end(kNameFormers), t[j].key) != std::end(kNameFormers);
      };
      std::size_t e = at + 1;
      for (int more = 0; more < 2 && e < t.size(); ++more) {
        bool after_former = former(e - 1);
        if (more == 1 && !after_former) break;  // a third word only after أبو، بيت …
        if (!(NameLike(t, e, after_former) && !IsTriggerWord(t, e) && t[e].key.size() >= (after_former ? 2u : 3u) &&
              !EndsWith(t[e].key, U"\u064A\u0647") && (after_former || t[e].key.back() != kYeh)) &&
            !(after_former && former(e))) {
          break;
        }
        ++e;
      }
      std::string key = EncodeUtf8(t[at].key);
      for (std::size_t j = at + 1; j < e; ++j) key += " " + EncodeUtf8(t[j].key);
      Candidate c = list == kClassifier ? make(at, e, t[at].begin, "~Place:" + key, EntityType::kPlace, "classifier")
                                        : make(at, e, t[at].begin, "~Organization:" + key, EntityType::kOrganization,
                                               "media-classifier");
      c.m.subtype = list == kClassifier ? std::string(WordOf(*h).Attr("subtype")) : "MediaOutlet";
      c.priority = 2;
      cands.push_back(std::move(c));
    }
  }
  return cands;
}

}  // namespace khabar::extract
