// Patients and parties: the guest, the party met, بين X و Y، echoes, victims, the next actor.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

// A reception (استقبل X في بغداد Y): the guest is the visitor, the host the one visited.
bool TriggerFrame::Reception() {
  if (!tr.word->Attr("guest").empty() && !ev.agents.empty()) {
    for (std::size_t j = after_agent; j < n && j < after_agent + 8 && sent[j] == s; ++j) {
      if (ctx.IsClauseBreak(j)) break;
      std::size_t p = TitledPerson(j);
      const Mention* m = p != SIZE_MAX ? &mentions[mention_at[p]] : ctx.ActorAt(j);
      if (m && m->entity != ev.agents.front()) {
        ev.patients.assign(1, ev.agents.front());
        ev.agents.assign(1, m->entity);
        break;
      }
      // استقبل ولي العهد الرئيس الأوكراني: a guest named by a title alone is unnamed; the host is no visitor.
      if (j == after_agent && mention_at[j] == SIZE_MAX && x.WordAt(t, j, kTitle, false, false)) {
        ev.patients.assign(1, ev.agents.front());
        ev.agents.clear();
        break;
      }
    }
  }
  return true;
}

// Talks by a verb: the party met is the object (التقى البرهان المبعوث الأمريكي توم بيرييلو).
bool TriggerFrame::TalksObject() {
  if (tr.type == EventType::kNegotiation && tr.verb && !ev.agents.empty()) {
    for (std::size_t j = after_agent; j < n && j < after_agent + 6 && sent[j] == s; ++j) {
      if (ctx.IsClauseBreak(j)) break;
      std::size_t p = TitledPerson(j);
      const Mention* m = p != SIZE_MAX ? &mentions[mention_at[p]] : ctx.ActorAt(j);
      if (m && m->entity != ev.agents.front()) {
        ev.agents.push_back(m->entity);
        break;
      }
    }
  }
  return true;
}

// Parties: حرب بين X و Y، مفاوضات مع X، هدنة بين X و Y.
bool TriggerFrame::Parties() {
  if (tr.type == EventType::kMilitaryOperation || tr.type == EventType::kNegotiation ||
      tr.type == EventType::kCeasefire || tr.type == EventType::kAttack) {
    std::size_t from = doer_of_relative ? std::max(tr.last, after_agent) : tr.last;  // after the mediator
    // اشتباكات عنيفة تركزت في ريف حماة بين X و Y: past six words, only within the clause.
    for (std::size_t j = from; j + 1 < n && j < from + 10 && sent[j] == s; ++j) {
      if (j >= from + 6 && ctx.IsClauseBreak(j)) break;
      // خروقاتها للهدنة بين X و Y: the parties of another event noun between are not the attack's.
      if (j > tr.last && !t.triggers.At(j, true).empty() &&
          (tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation)) {
        break;
      }
      bool bayna = t[j].key == x.keys.bayna;                                    // بين
      bool maa = t[j].key == x.keys.maa && tr.type == EventType::kNegotiation;  // مع
      if (!bayna && !maa) continue;
      std::vector<std::string> parties = PartiesAfter(j);
      if (auto both = bayna && parties.empty() ? x.WordAt(t, j + 1, kBothSides, true, false) : std::nullopt) {
        parties = LastTwoActors(j, !x.WordOf(*both).Attr("states").empty());
      }
      // اتصال هاتفي مع X: the other party is the clause's subject (the discourse's, for a noun).
      if (maa && !parties.empty() && ev.agents.empty() && !d.subject.empty() && !tr.verb &&
          d.subject != parties.front()) {
        ev.agents.push_back(d.subject);
      }
      if (bayna && parties.size() >= 2 && doer_of_relative) {  // هدنة توسطت فيها روسيا بين X و Y
        for (auto& p : parties) {
          if (std::find(ev.agents.begin(), ev.agents.end(), p) == ev.agents.end()) ev.agents.push_back(p);
        }
      } else if (bayna && parties.size() >= 2) {
        ev.agents = parties;
      } else if (bayna && parties.size() == 1 && ev.agents.empty()) {
        ev.agents = parties;  // بين وفدي الجيش وقوات الدعم السريع: the one party the lexicon knows
      }
      if (maa) {
        for (auto& p : parties) {
          if (std::find(ev.agents.begin(), ev.agents.end(), p) == ev.agents.end()) ev.agents.push_back(p);
        }
      }
      has_parties = !parties.empty() && ev.agents.size() >= 2;
      break;
    }
    if (ev.agents.empty() && tr.type == EventType::kMilitaryOperation) EngagedParties();
  }
  return true;
}

// هدنة بوساطة تركية، اتفاق بوساطة قطر ومصر: the mediator of a truce or talks named after it is a party
// (GUIDELINES §3: the parties plus any mediator), by name or by nisba.
bool TriggerFrame::Mediator() {
  if (tr.type != EventType::kCeasefire && tr.type != EventType::kNegotiation) return true;
  for (std::size_t j = tr.last; j + 1 < n && j < tr.last + 8 && sent[j] == s && !ctx.IsClauseBreak(j); ++j) {
    auto w = x.WordAt(t, j, kParticipation, true);
    if (!w || x.WordOf(*w).Attr("mediation").empty()) continue;
    std::size_t k = w->last;
    auto add = [&](const std::string& id) {
      if (std::find(ev.agents.begin(), ev.agents.end(), id) == ev.agents.end()) ev.agents.push_back(id);
    };
    if (const Mention* m = ctx.ActorAt(k); m && m->begin == t[k].begin) {
      add(m->entity);
      for (std::size_t c = k + 1; c < n && c < k + 8 && sent[c] == s; ++c) {  // وساطة قطر ومصر
        const Mention* more = ctx.ActorAt(c);
        if (more && more != m && more->begin > t[c].begin && text[t[c].begin] == kWaw) add(more->entity);
        if (!more) break;
        m = more;
      }
    }
    for (const NisbaHit& nh : ctx.NisbasAt(k)) {
      if (nh.tok == k && !nh.demonym) add(x.entities[nh.entity].id);
    }
    break;
  }
  return true;
}

// The actors named right after بين or مع at token j (X و Y), up to three; none when the first is after a
// preposition (بين مجموعتين مواليتين للحكومة: the parties are unnamed).
std::vector<std::string> TriggerFrame::PartiesAfter(std::size_t j) const {
  std::vector<std::string> parties;
  for (std::size_t k = j + 1; k < n && k < j + 12 && sent[k] == sent[j] && parties.size() < 3; ++k) {
    if (ctx.IsClauseBreak(k)) break;
    if (const Mention* m = ctx.ActorAt(k); m && (k == j + 1 || mention_at[k - 1] != mention_at[k])) {
      std::uint32_t b = t[k].begin;
      if (parties.empty() && m->begin > b && (text[b] == kLam || text[b] == kBeh)) break;  // ل ب
      parties.push_back(m->entity);
      while (k + 1 < n && mention_at[k + 1] == mention_at[k]) ++k;
      if (k + 1 >= n || !(t[k + 1].key[0] == kWaw)) break;  // و + the next party
    } else if (std::string army = m ? "" : ctx.OccupierAt(k); !army.empty() && (k == j + 1 || !parties.empty())) {
      // بين قوات النظام والفصائل، بين الجيش وقوات X: a bare army the article ties to one army.
      parties.push_back(army);
      if (auto w = x.WordAt(t, k, kHomeArmy, true, true)) k = w->last - 1;
      if (k + 1 >= n || !(t[k + 1].key[0] == kWaw)) break;
    }
  }
  return parties;
}

// ارتفعت حصيلة الاشتباكات … وأكد المركز سقوط قتلى في حصيلة للاشتباكات بين X و Y: a war or clash noun with no
// parties takes those named with the same noun (بين X و Y right after it) in the sentences around it.
bool TriggerFrame::NearbyParties() {
  if (tr.type != EventType::kMilitaryOperation || tr.verb || !ev.agents.empty()) return true;
  // (A line break between two sentences is a sentence of its own: two sentences either side.)
  std::size_t last_sentence = ctx.sent_first.size() - 2;
  std::size_t from = std::max(ctx.sent_first[s > 2 ? s - 2 : 0], ctx.WindowFirst(s, tr.first));
  std::size_t to = std::min(ctx.SentEnd(std::min(s + 2, last_sentence)), tr.last + ctx.kWindow);
  for (std::size_t k = from; k + 1 < to && k < n; ++k) {
    if (k >= tr.first && k < tr.last) continue;
    for (const Hit& h : t.triggers.At(k, true)) {
      if (&x.WordOf(h) != tr.word || h.last >= n || !x.WordAt(t, h.last, kBetween, false, false)) continue;
      std::vector<std::string> parties = PartiesAfter(h.last);
      if (parties.size() >= 2) {
        ev.agents = parties;
        return true;
      }
    }
  }
  return true;
}

// البلدين المنخرطين في صراع مسلح: a war the ones named before are engaged in is theirs.
void TriggerFrame::EngagedParties() {
  auto engaged = x.WordEndingAt(t, tr.first, kEngaged);
  if (!engaged || engaged->first == 0 || sent[engaged->first] != s) return;
  std::size_t j = engaged->first - 1;
  if (auto both = x.WordAt(t, j, kBothSides, true, false); both && both->last == engaged->first) {
    ev.agents = LastTwoActors(j, !x.WordOf(*both).Attr("states").empty());
  } else if (const Mention* m = ctx.ActorAt(j)) {
    AddWithCoordinatedBefore(j, *m);
  }
}

// صد الجيش هجوما شنته X … وكبده خسائر في معركة استمرت ساعات: a fight of two sides (sides="2") with none
// named is between the doer and the target of the operation just before it (in its sentence or the one
// before).
bool TriggerFrame::SidesOfOperationBefore() {
  if (tr.word->Attr("sides").empty() || tr.verb || !ev.agents.empty()) return true;
  for (std::size_t e = ctx.out.size(); e-- > 0;) {
    const Trig& p = ctx.trigs[ctx.trig_of_event[e]];
    if (sent[p.first] + 2 < s || p.first + ctx.kWindow < tr.first) break;  // (a line break is a sentence)
    const Event& op = ctx.out[e];
    if (op.type != EventType::kMilitaryOperation) continue;
    if (op.agents.size() == 1 && op.patients.size() == 1 && op.agents.front() != op.patients.front()) {
      ev.agents = {op.agents.front(), op.patients.front()};
    }
    break;
  }
  return true;
}

// بين الجانبين، بين البلدين: the two sides are the last two states, forces or bodies named before token j
// (within the article's last 40 mentions); fewer than two, none.
std::vector<std::string> TriggerFrame::LastTwoActors(std::size_t j, bool states) const {
  std::vector<std::string> sides, keys;  // keys: the state of each side, so that two bodies of one state
  std::size_t m = SIZE_MAX;              // (a state and its ministry) are one side
  for (std::size_t k = j; k-- > 0 && j - k <= 400;) {
    if (mention_at[k] != SIZE_MAX) {
      m = mention_at[k];
      break;
    }
  }
  for (std::size_t seen = 0; m != SIZE_MAX && seen < 40 && sides.size() < 2; ++seen) {
    const Mention& mention = mentions[m];
    bool side = mention.type == EntityType::kState ||
                (!states && (mention.type == EntityType::kArmedForce || mention.type == EntityType::kPolity ||
                             mention.type == EntityType::kOrganization));
    std::string key = side ? ctx.StateOf(mention) : "";
    if (key.empty()) key = mention.entity;
    if (side && std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(key);
      sides.push_back(mention.entity);
    }
    if (m == 0) break;
    --m;
  }
  if (sides.size() < 2) sides.clear();
  std::reverse(sides.begin(), sides.end());
  return sides;
}

// Another talks noun of the sentence: the same parties.
bool TriggerFrame::TalkParties() {
  if (tr.type == EventType::kNegotiation && has_parties) {
    d.talk_parties = ev.agents;
    d.talk_sentence = s;
  } else if (tr.type == EventType::kNegotiation && d.talk_sentence == s && ev.agents.size() < 2) {
    ev.agents = d.talk_parties;  // المحادثات بين X و Y … بعد الاجتماع الافتتاحي: the same parties
  }
  return true;
}

// An echo of the statement: "…”، وهو الموقف الذي رددته وزارة الخارجية الفرنسية والأمين العام لحلف
// الناتو" or "وهو ما أكده X": those who repeated, confirmed or endorsed it said it too.
bool TriggerFrame::Echo() {
  if (statement) {
    for (std::size_t j = tr.last; j + 3 < n && sent[j] == s && j < ctx.WindowEnd(s, tr.last); ++j) {
      if (t[j].key != x.keys.wa_huwa && t[j].key != x.keys.huwa) continue;  // وهو، هو
      std::size_t k = j + 1;
      if (t[k].key == x.keys.al_mawqif) ++k;                                           // الموقف
      if (k + 2 >= n || (t[k].key != x.keys.alladhi && t[k].key != x.keys.ma)) break;  // الذي، ما
      std::u32string_view verb = t[k + 1].key;  // ردد كرر أيد أكد تبنى
      if (std::none_of(x.keys.endorsement_verbs.begin(), x.keys.endorsement_verbs.end(),
                       [&](std::u32string_view r) { return verb.substr(0, r.size()) == r; }))
        break;
      for (std::size_t a = k + 2; a < n && sent[a] == s && !ctx.IsClauseBreak(a);) {
        std::size_t p = TitledPerson(a);
        std::size_t at = p != SIZE_MAX ? p : ctx.ActorAt(a) ? a : SIZE_MAX;
        if (at == SIZE_MAX) break;
        const std::string& who = mentions[mention_at[at]].entity;
        if (std::find(ev.agents.begin(), ev.agents.end(), who) == ev.agents.end()) ev.agents.push_back(who);
        std::size_t e = at;
        while (e + 1 < n && mention_at[e + 1] == mention_at[at]) ++e;
        if (e + 1 >= n || !t[e + 1].is_word() || t[e + 1].key[0] != kWaw) break;  // و + the next one
        a = e + 1;
      }
      break;
    }
  }
  return true;
}

// حيث التقى رئيس المجلس: where the visitor of the clause before met someone; the visitor is a party.
bool TriggerFrame::WhereClause() {
  where_clause = tr.first > 0 && t[tr.first - 1].key == x.keys.haythu;  // حيث
  if (where_clause && tr.type == EventType::kNegotiation && tr.verb && !d.subject.empty() &&
      std::find(ev.agents.begin(), ev.agents.end(), d.subject) == ev.agents.end()) {
    ev.agents.push_back(d.subject);
  }
  return true;
}

// A verb's first agent becomes the discourse subject (not the victim of a casualty verb).
bool TriggerFrame::UpdateDiscourseSubject() {
  if (tr.verb && !ev.agents.empty() && !relative_clause && !where_clause && !Victim(ev.agents.front()))
    d.subject = ev.agents.front();
  return true;
}

// The people killed or displaced (25 فلسطينيا استشهدوا، فر آلاف الأرمن) are the victims, not the doers;
// so is a person subject of a casualty verb (قتل الصحفي X، أصيب القيادي Y: the news reports the dead, seldom
// a killer by name).
bool TriggerFrame::Victim(const std::string& id) const {
  if (tr.type != EventType::kCasualties && tr.type != EventType::kDisplacement) return false;
  bool person_killed = tr.type == EventType::kCasualties && tr.verb && ctx.person_entities.count(id) > 0;
  return ctx.group_entities.count(id) > 0 || person_killed;
}

// أعلن المتحدث باسم الجماعة يحيى سريع استهداف سفينة: an attack or operation whose doer is found as a person
// of a force or of a movement of no state is that body's (the spokesman speaks for it; news names no gunman).
bool TriggerFrame::BodyOfPerson() {
  bool deed =
      tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation || tr.type == EventType::kExplosion;
  if (!deed) return true;
  for (std::string& a : ev.agents) {
    auto body = ctx.person_body.find(a);
    if (body == ctx.person_body.end()) continue;
    if (std::find(ev.agents.begin(), ev.agents.end(), body->second) == ev.agents.end()) a = body->second;
  }
  return true;
}

bool TriggerFrame::Victims() {
  if (tr.type == EventType::kCasualties || tr.type == EventType::kDisplacement) {
    auto group = [&](const std::string& id) { return Victim(id); };
    for (auto it = ev.agents.begin(); it != ev.agents.end();) {
      if (group(*it)) {
        ev.patients.push_back(*it);
        it = ev.agents.erase(it);
      } else {
        ++it;
      }
    }
  }
  return true;
}

// Patient: the next actor after the agent in the same clause (accused, condemned, addressed, hit).
bool TriggerFrame::Patient() {
  if (statement || tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation) {
    for (std::size_t j = after_agent; j < n && j < after_agent + 6 && sent[j] == s; ++j) {
      if (ctx.IsClauseBreak(j)) break;
      if (const Mention* m = ctx.ActorAt(j)) {
        if (ev.agents.empty() || m->entity != ev.agents.front()) ev.patients.push_back(m->entity);
        break;
      }
    }
  }
  return true;
}

}  // namespace khabar::extract::events
