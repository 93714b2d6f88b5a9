// What the agent and patient steps read: adverbs, titles, gender agreement, clause starts, weapons.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

// Past adverbs, commas and time expressions from token j, in the sentence.
std::size_t TriggerFrame::SkipAdverbs(std::size_t j) const {
  while (j < n && sent[j] == s) {
    bool in_timex = false;
    // Only those starting from a time expression's length before j.
    std::size_t xi = ctx.TimexesFrom(j > ctx.max_timex_len ? j - ctx.max_timex_len : 0);
    for (; xi < ctx.timexes.size() && ctx.timexes[xi].first <= j; ++xi) {
      const Timex& tx = ctx.timexes[xi];
      if (j >= tx.first && j < tx.last) {
        in_timex = true;
        j = tx.last;
        break;
      }
    }
    if (in_timex) continue;
    // حثت كل من واشنطن وموسكو: "each of" opens a coordinated subject.
    if (j + 1 < n && t[j].key == x.keys.kull && t[j + 1].key == x.keys.min) {
      j += 2;
      continue;
    }
    if (t[j].kind == Token::Kind::kPunct && (t[j].key == U"," || IsChar(t[j].key, kArabicComma))) {
      ++j;
      continue;
    }
    if (!In(x.keys.adverbs, t[j].key)) break;  // أيضا كذلك بدوره بدورها اليوم رسميا
    ++j;
  }
  return j;
}

// Members of an actor at token j (متمردو حركة X، مسلحون من جماعة X، عناصر من الجيش): the token where the
// actor's mention begins, in the sentence; else SIZE_MAX.
std::size_t TriggerFrame::MembersOf(std::size_t j) const {
  if (j + 1 >= n || sent[j] != s || mention_at[j] != SIZE_MAX) return SIZE_MAX;
  auto member = x.WordAt(t, j, kMemberNoun, false, false);
  if (!member) return SIZE_MAX;
  std::size_t k = member->last;
  if (k + 1 < n && t[k].key == x.keys.min) ++k;  // من
  k = ctx.PastNameHead(k);                       // متمردو حركة X
  if (k < n && sent[k] == s && ctx.ActorAt(k) && mentions[mention_at[k]].begin == t[k].begin) return k;
  return SIZE_MAX;
}

// A count word before a group (آلاف الإسرائيليين، مئات من السودانيين) at token j: the token where the group's
// mention begins; else j.
std::size_t TriggerFrame::PastCount(std::size_t j) const {
  if (j + 1 >= n || sent[j] != s || mention_at[j] != SIZE_MAX) return j;
  auto count = x.WordAt(t, j, kNumberWord, false, false);
  if (!count && t[j].kind != Token::Kind::kNumber) return j;
  std::size_t k = count ? count->last : j + 1;
  if (k + 1 < n && t[k].key == x.keys.min) ++k;  // من
  const Mention* m = k < n && sent[k] == s ? ctx.ActorAt(k) : nullptr;
  return m && m->type == EntityType::kGroup && m->begin == t[k].begin ? k : j;
}

// The agent at token j, and the actors coordinated with it.
void TriggerFrame::Take(std::size_t j) {
  ev.agents.push_back(mentions[mention_at[j]].entity);
  after_agent = j + 1;
  while (after_agent < n && mention_at[after_agent] == mention_at[j]) ++after_agent;
  // حثت الولايات المتحدة والاتحاد الأوروبي: coordinated subjects are all agents.
  for (int more = 0; more < 3 && after_agent < n && sent[after_agent] == s; ++more) {
    std::size_t k = after_agent;
    const Mention* m = ctx.ActorAt(k);
    if (!m || m->begin <= t[k].begin || text[t[k].begin] != kWaw) break;
    if (std::find(ev.agents.begin(), ev.agents.end(), m->entity) == ev.agents.end()) ev.agents.push_back(m->entity);
    while (after_agent < n && mention_at[after_agent] == mention_at[k]) ++after_agent;
  }
}

// The person a title starting at j introduces (within the title phrase, before any verb).
std::size_t TriggerFrame::TitledPerson(std::size_t j) const {
  if (!x.WordAt(t, j, kTitle)) return SIZE_MAX;
  for (std::size_t k = j; k < n && k < j + 10 && sent[k] == s; ++k) {
    if (mention_at[k] != SIZE_MAX && mentions[mention_at[k]].type == EntityType::kPerson) return k;
    if (t[k].kind == Token::Kind::kPunct && t[k].key != U"," && !IsChar(t[k].key, kArabicComma)) break;
  }
  return SIZE_MAX;
}

// Verb gender (ـت past, تـ present: feminine) must agree with its subject: states are feminine
// unless their name carries the article; people are masculine. A disagreeing actor is the object.
std::optional<bool> TriggerFrame::VerbFeminine() const {
  std::u32string k = t[tr.first].key.substr(tr.clitics);
  if (k.empty()) return std::nullopt;
  if (k[0] == kYeh) return false;
  // A stem that itself starts with ت (تعهد، تظاهر، توسط): only تت (present) or a final ت (past) is feminine.
  std::u32string stem = K(tr.word->text);
  // An object pronoun after the stem (رفضته، نفاها، استهدفهم) says nothing of the subject: drop it.
  for (std::u32string_view object :
       {std::u32string_view(x.keys.hum), std::u32string_view(x.keys.ha), std::u32string_view(&kHeh, 1)}) {
    if (k.size() > stem.size() && k.size() >= stem.size() + object.size() && EndsWith(k, object)) {
      k.resize(k.size() - object.size());
      break;
    }
  }
  if (!stem.empty() && stem[0] == kTeh && k.compare(0, stem.size(), stem) == 0) return k.back() == kTeh;
  if (k[0] == kTeh) return true;
  if (k.back() == kTeh) return true;
  if (EndsWith(k, x.keys.wa)) return std::nullopt;  // plural
  if (k.back() == kAlef) {  // a dual (قالا), or a verb whose root ends in alef (دعا) as listed
    if (tr.word->Attr("pos") == "form" && k == K(tr.word->text)) return false;
    return std::nullopt;
  }
  return false;
}

// Whether the verb agrees in gender with the title at token j (وصلت وزيرة الخارجية، التقت رئيس الوزراء: the
// minister is the subject, the prime minister the one met).
bool TriggerFrame::TitleAgrees(std::size_t j) const {
  auto fem = VerbFeminine();
  if (!fem || j >= n) return true;
  std::u32string_view k = t[j].key;
  return *fem == (EndsWith(k, kHeh) || EndsWith(k, kTehMarbuta));
}

// Whether the verb agrees in gender with actor m as its subject.
bool TriggerFrame::Agrees(const Mention& m) const {
  auto fem = VerbFeminine();
  if (!fem) return true;
  std::u32string mk = MatchKeyUtf8(m.text);
  bool has_article = mk.size() > 2 && mk[0] == kAlef && mk[1] == kLam;
  if (m.type == EntityType::kState && !m.nominal && !has_article) return *fem;
  if (m.type == EntityType::kPerson) return !*fem || EndsWith(mk, kAlef) || EndsWith(mk, kHeh);
  if (m.type == EntityType::kOrganization && !m.nominal) {
    // An organisation takes the gender of its head noun: مجلس الأمن (m), المنظمة/الوكالة/الأمم (f).
    std::u32string_view head = std::u32string_view(mk).substr(0, mk.find(U' '));
    if (head.size() > 2 && head[0] == kAlef && head[1] == kLam) head.remove_prefix(2);
    if (head == x.keys.umam || EndsWith(head, kHeh) || EndsWith(head, x.keys.at)) return *fem;  // أمم
    if (x.masculine_heads.count(std::u32string(head))) return !*fem;
  }
  return true;
}

// The subject may also come after a preposition with a pronoun (استولت عليه أذربيجان).
std::size_t TriggerFrame::SkipPronounPP(std::size_t j) const {
  return j < n && In(x.keys.prepositional_pronouns, t[j].key) ? j + 1 : j;  // عليه، فيها، إليه …
}

// j begins a clause: start, punctuation, لكن، إن، أن
bool TriggerFrame::ClauseStart(std::size_t j) const {
  if (j == 0 || !t[j - 1].is_word()) return true;
  const std::u32string& k = t[j - 1].key;
  return k == x.keys.lakin || k == x.keys.inna || k == x.keys.walakin;
}

// A bare title as the subject right before a verb (إن "الأمين العام يدعو"): the person the article
// introduced earlier with that title and a name (الأمين العام للأمم المتحدة أنطونيو غوتيريش).
std::string TriggerFrame::EarlierTitled(std::size_t verb) const {
  auto bare = x.WordEndingAt(t, verb, kTitle);
  if (!bare || !ClauseStart(bare->first) || mention_at[verb - 1] != SIZE_MAX) return "";
  for (std::size_t k = bare->first; k-- > 0;) {
    auto title = x.WordAt(t, k, kTitle);
    // The same title, or a longer one that starts with it (الأمين العام للأمم المتحدة).
    if (!title || x.WordOf(*title).text.rfind(x.WordOf(*bare).text, 0) != 0) continue;
    for (std::size_t p = title->last; p < n && p < title->last + 8 && sent[p] == sent[k]; ++p) {
      if (mention_at[p] != SIZE_MAX && mentions[mention_at[p]].type == EntityType::kPerson)
        return mentions[mention_at[p]].entity;
      if (t[p].kind == Token::Kind::kPunct && t[p].key != U"," && !IsChar(t[p].key, kArabicComma)) break;
    }
  }
  return "";
}

// A weapon at token j (after ب when `with_bi`; with or without the article) followed by a nisba within two
// words: that state is the agent (طائرات روسية، بصواريخ إسرائيلية، الطائرات الروسية).
void TriggerFrame::WeaponNisba(std::size_t j, bool with_bi) {
  auto in = x.WordAt(t, j, kInstrument, true);
  if (!in || (in->clitics > 0) != with_bi) return;
  for (std::size_t k = in->last; k < n && k < in->last + 2 && sent[k] == s && ev.agents.empty(); ++k) {
    for (const NisbaHit& nh : ctx.NisbasAt(k)) {
      if (nh.tok == k && !nh.demonym) ev.agents.push_back(x.entities[nh.entity].id);
    }
    if (!ev.agents.empty()) CoordinatedNisbas(k + 1);  // قصفت طائرات أمريكية وبريطانية
  }
}

// The nisbas coordinated with و from token k on (وبريطانية، وفرنسية): attackers too.
void TriggerFrame::CoordinatedNisbas(std::size_t k) {
  for (; k < n && sent[k] == s && t[k].key[0] == kWaw; ++k) {
    bool found = false;
    for (const Hit& h : t.names.At(k, true)) {
      if (h.payload.kind != Payload::Kind::kNisba || h.clitics != 1 || h.last != k + 1) continue;
      const std::string& id = x.entities[h.payload.entity].id;
      if (std::find(ev.agents.begin(), ev.agents.end(), id) == ev.agents.end()) ev.agents.push_back(id);
      found = true;
    }
    if (!found) break;
  }
}

// Aircraft with nisbas before the trigger are its subject (وشنت طائرات أمريكية وبريطانية غارات، وكانت
// طائرات تركية قد قصفت): every coordinated nisba is an attacker.
void TriggerFrame::WeaponBefore() {
  for (std::size_t b = tr.first; ev.agents.empty() && b-- > 0 && tr.first - b <= 5 && sent[b] == s;) {
    auto in = x.WordAt(t, b, kInstrument, true);  // طائرات تركية، الطائرات المسيرة الأوكرانية
    if (!in || in->clitics > 0 || in->last >= tr.first) continue;
    for (std::size_t k = in->last; k < tr.first; ++k) {
      for (const NisbaHit& nh : ctx.NisbasAt(k)) {
        if (nh.tok == k && !nh.demonym) ev.agents.push_back(x.entities[nh.entity].id);
      }
      if (k == in->last || t[k].key[0] != kWaw) continue;
      CoordinatedNisbas(k);  // وبريطانية: a coordinated nisba
    }
  }
}

// واتهمت إيران بتزويد الحوثيين: after a coordinated verb of accusation, an actor followed by ب + a
// masdar is the accused; the subject is the one the verb shares.
bool TriggerFrame::AccusedOf(std::size_t j) const {
  std::size_t e = j;
  while (e < n && mention_at[e] == mention_at[j]) ++e;
  if (e < n && (t[e].key == x.keys.al_masuliya || t[e].key == x.keys.masuliya))
    return true;  // وحملت إسرائيل المسؤولية: the one held responsible
  return e < n && t[e].is_word() && t[e].key.size() > 3 && t[e].key[0] == kBeh && !x.IsFunction(t[e]);  // ب
}

// A relative clause on the noun names its doer: العملية العسكرية التي أطلقتها أذربيجان; on an
// indefinite noun without a relative pronoun: هدنة توسطت فيها روسيا، محادثات يدعمها الاتحاد.
// The clause must refer back to the noun with a pronoun (أطلقتها، توسطت فيها): without one the noun
// is the verb's subject and the actor after it the object (الهجوم الذي استهدف أرمينيا).
bool TriggerFrame::Resumptive(std::size_t v) const {
  std::u32string_view w(text.data() + t[v].begin, t[v].end - t[v].begin);
  bool suffix = w.size() > 3 && (EndsWith(w, x.keys.ha) || EndsWith(w, x.keys.hum) || w.back() == kHeh);
  suffix |= w.size() == 3 && w.back() == kHeh && !x.IsFunction(t[v]);  // a doubled root: شنه، صده
  return suffix || SkipPronounPP(v + 1) > v + 1;
}

}  // namespace khabar::extract::events
