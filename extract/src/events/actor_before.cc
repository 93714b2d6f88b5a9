// The nearest actor before a trigger that has no agent yet.
#include <algorithm>

#include "events/trigger_frame.h"

namespace khabar::extract::events {

// تواصل قوات الاحتلال خروقاتها من خلال عمليات القصف ونسف المنازل: an attack named as the means (من خلال،
// عبر) of an earlier attack or operation in its sentence, alone or coordinated, is done by its doer.
bool TriggerFrame::Means() {
  bool attack = tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation;
  if (!ev.agents.empty() || tr.verb || !attack) return true;
  std::size_t means = SIZE_MAX;
  for (std::size_t j = tr.first; j-- > 0 && tr.first - j <= 8 && sent[j] == s;) {
    if (ctx.IsClauseBreak(j) || mention_at[j] != SIZE_MAX) break;
    if (auto h = x.WordEndingAt(t, j + 1, kMeans)) {
      means = h->first;
      break;
    }
  }
  for (std::size_t e = ctx.out.size(); means != SIZE_MAX && e-- > 0;) {
    const Trig& p = ctx.trigs[ctx.trig_of_event[e]];
    if (sent[p.first] != s) break;
    bool deed = ctx.out[e].type == EventType::kAttack || ctx.out[e].type == EventType::kMilitaryOperation;
    if (p.last <= means && deed && !ctx.out[e].agents.empty()) {
      ev.agents = ctx.out[e].agents;
      break;
    }
  }
  return true;
}

// The nearest actor before a verb in its clause, or a weapon with a nisba.
bool TriggerFrame::ActorBeforeVerb() {
  if (!ev.agents.empty() || statement || !tr.verb) return true;
  // أن أحد عناصره أصيب: the subject of a verb it happens to (أصيب، استشهد) is the victim, no doer.
  if (tr.type == EventType::kCasualties && !tr.word->Attr("undergoer").empty()) return true;
  for (std::size_t j = tr.first; j-- > 0 && tr.first - j <= 8 && sent[j] == s;) {
    if (ctx.IsClauseBreak(j) || x.WordAt(t, j, kComplementizer)) break;  // إن أن بأن: the reported clause starts
    // عناصر من الحركة قتلوا: the side the dead belong to is no doer of their deaths.
    if (DeadsSide(j)) break;
    if (const Mention* m = ctx.ActorAt(j)) {
      ev.agents.push_back(m->entity);
      relative_clause = j + 1 < tr.first;
      break;
    }
    if (std::string f = ctx.PronounForce(j); !f.empty()) {
      ev.agents.push_back(f);
      break;
    }
    if (std::string f = ctx.DemonstrativeForce(j); !f.empty()) {  // أن هذه القوات تحاصر
      ev.agents.push_back(f);
      break;
    }
  }
  if (ev.agents.empty() && (tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation)) WeaponBefore();
  return true;
}

// Whether the noun is the object of a statement (أدانت الوزارة استهداف المدنيين) or a victims' event.
bool TriggerFrame::StatementObject() const {
  bool statement_object = tr.type == EventType::kCasualties || tr.type == EventType::kDisplacement;  // victims'
                                                                                                     // events
  for (std::size_t pi = ti; pi-- > 0 && ctx.trigs[pi].last + 8 >= tr.first;) {
    const Trig& p = ctx.trigs[pi];
    statement_object |= vocab::IsStatement(p.type) && p.last <= tr.first && tr.first - p.last <= 3;
    // نددت السفارة الأمريكية في طرابلس بالاشتباكات: what is condemned or denied in the clause.
    if ((p.type == EventType::kCondemnation || p.type == EventType::kDenial) && p.last <= tr.first &&
        tr.first - p.last <= 8 && sent[p.first] == s) {
      bool clause = true;
      for (std::size_t k = p.last; k < tr.first; ++k) clause &= !ctx.IsClauseBreak(k);
      statement_object |= clause;
    }
  }
  return statement_object;
}

// عبروا الحدود إلى تشاد منذ بدء الحرب: an actor after a preposition is a goal or a place, not
// the doer of the noun.
// Nor is one after ب/ل (المرتبطة بتنظيم القاعدة), after من (بدعم من قوات الاتحاد الأفريقي), or a
// counted group (اعتقلت القوات 20 فلسطينيا في حملة مداهمات): the objects of the clause.
// Returns the first token of such an actor at j, or SIZE_MAX.
std::size_t TriggerFrame::ObjectActorStart(std::size_t j) const {
  const Mention* m = ctx.ActorAt(j);
  if (!m || j == 0) return SIZE_MAX;
  std::size_t b = j;
  while (b > 0 && mention_at[b - 1] == mention_at[j]) --b;
  // بين حماس وإسرائيل: actors coordinated with the first share its preposition.
  for (int hops = 0; hops < 3 && b > 0 && mentions[mention_at[b]].begin > t[b].begin && text[t[b].begin] == kWaw &&
                     ctx.ActorAt(b - 1);
       ++hops) {
    --b;
    while (b > 0 && mention_at[b - 1] == mention_at[b]) --b;
  }
  m = &mentions[mention_at[b]];

  std::uint32_t tb = t[b].begin;
  bool clitic_pp = m->begin > tb && (text[tb] == kBeh || text[tb] == kLam ||
                                     (m->begin > tb + 1 && (text[tb + 1] == kBeh || text[tb + 1] == kLam)));
  bool counted = b > 0 && (t[b - 1].kind == Token::Kind::kNumber || x.WordEndingAt(t, b, kNumberWord));
  // لوكالة فرانس برس، بمدينة X: the classifier before the name carries the preposition.
  if (b > 0 && t[b - 1].key.size() > 2 && (t[b - 1].key[0] == kLam || t[b - 1].key[0] == kBeh)) {
    auto cl = x.WordAt(t, b - 1, kMediaClassifier);
    if (!cl) cl = x.WordAt(t, b - 1, kClassifier);
    clitic_pp |= cl && cl->clitics > 0 && cl->last == b;
  }
  // بين حركة حماس وإسرائيل: the parties after بين, with one word of classifier before the first.
  auto bayna = [&](std::size_t k) { return t[k].key == x.keys.bayna; };
  bool between =
      b > 0 && (bayna(b - 1) || (b > 1 && bayna(b - 2) && t[b - 1].is_word() && mention_at[b - 1] == SIZE_MAX));
  // …على المقاتلين الأرمن الذين ألقوا أسلحتهم: a relative clause's antecedent is its subject.
  bool antecedent = j + 2 == tr.first && x.IsRelativePronoun(t[j + 1].key);
  if (b > 0 && !antecedent &&
      (clitic_pp || counted || between || In(x.keys.actor_prepositions, t[b - 1].key) ||
       x.WordAt(t, b - 1, kLocative, false, false).has_value())) {  // داخل السودان، قرب روسيا
    return b;
  }
  return SIZE_MAX;
}

// عناصر من الحركة قتلوا: an actor after a preposition before a casualty verb is the side of the dead, no
// doer (a group of people, 25 فلسطينيا قتلوا, is left to the victims step).
bool TriggerFrame::DeadsSide(std::size_t j) const {
  return tr.type == EventType::kCasualties && ObjectActorStart(j) != SIZE_MAX &&
         ctx.group_entities.count(ctx.ActorAt(j)->entity) == 0;
}

// The actor m at token j, and the actors coordinated before it (وردت الولايات المتحدة وبريطانيا بشن غارات).
void TriggerFrame::AddWithCoordinatedBefore(std::size_t j, const Mention& m) {
  ev.agents.push_back(m.entity);
  auto quote = [&](std::size_t k) {
    return t[k].kind == Token::Kind::kPunct &&
           std::u32string_view(U"\"\u201C\u201D\u00AB\u00BB").find(t[k].key[0]) != std::u32string_view::npos;
  };
  for (std::size_t b = j, hops = 0; hops < 3; ++hops) {
    while (b > 0 && mention_at[b - 1] == mention_at[b]) --b;
    const Mention& cur = mentions[mention_at[b]];
    std::size_t prev = SIZE_MAX;  // the last token of the actor coordinated before, if any
    if (b > 0 && cur.begin > t[b].begin && text[t[b].begin] == kWaw) {
      prev = b - 1;
    } else if (b > 2 && quote(b - 1) && IsChar(t[b - 2].key, kWaw)) {
      prev = b - 3;  // الجيش و"الدعم السريع": a quoted name after a bare و
    }
    if (prev != SIZE_MAX && prev > 0 && quote(prev)) --prev;  // "X" و"Y"
    if (prev == SIZE_MAX) break;
    if (!ctx.ActorAt(prev)) {  // الجيش و"الدعم السريع": a bare army the article ties to one army
      if (std::string o = ctx.OccupierAt(prev); !o.empty()) ev.agents.insert(ev.agents.begin(), o);
      break;
    }
    ev.agents.insert(ev.agents.begin(), ctx.ActorAt(prev)->entity);
    b = prev;
  }
}

// Whether a casualty event earlier in the sentence has `id` among its victims (the dead are not the doers of
// the attack that killed them).
bool TriggerFrame::KilledBefore(const std::string& id) const {
  for (std::size_t e = ctx.out.size(); e-- > 0;) {
    const Event& o = ctx.out[e];
    std::size_t at = ctx.trigs[ctx.trig_of_event[e]].first;
    if (sent[at] != s || at + EventContext::kWindow < tr.first) break;  // a sentence can be the article
    if (o.type == EventType::kCasualties && std::find(o.patients.begin(), o.patients.end(), id) != o.patients.end())
      return true;
  }
  return false;
}

// Whether a casualty noun (مقتل، استشهاد) starts at token j.
bool TriggerFrame::CasualtyNounAt(std::size_t j) const {
  // The triggers are in text order: look only at those that start at j.
  auto it = std::lower_bound(ctx.trigs.begin(), ctx.trigs.end(), j,
                             [](const Trig& g, std::size_t tok) { return g.first < tok; });
  for (; it != ctx.trigs.end() && it->first == j; ++it) {
    if (!it->verb && it->type == EventType::kCasualties) return true;
  }
  return false;
}

// صد الجيش هجوما، تصدت القوات لهجوم: an attack governed by a repelling verb right before it is not done by
// the defender, the actor before it.
bool TriggerFrame::Repelled() const {
  for (std::size_t pi = ti; pi-- > 0 && ctx.trigs[pi].last + 4 >= tr.first;) {
    const Trig& p = ctx.trigs[pi];
    if (!p.word->Attr("repel").empty() && p.last <= tr.first && sent[p.first] == s) return true;
  }
  return false;
}

// لوقف الحرب، إنهاء القتال: a noun right after a masdar of stopping is not done by the one who works to stop it.
bool TriggerFrame::Stopped() const {
  return tr.first > 0 && sent[tr.first - 1] == s && x.WordEndingAt(t, tr.first, kStopping).has_value();
}

// اتهمت باكو يريفان بنشر قوات، اتهم الجيش قوات الدعم السريع بقصف المخيم: a noun after ب right after the
// accused of an accusation in its clause (at most six words after the accusation's trigger) is the deed the
// accused is accused of: theirs.
bool TriggerFrame::AccusedDoer() {
  if (!ev.agents.empty() || tr.verb || tr.clitics == 0 || tr.first == 0 || text[t[tr.first].begin] != kBeh) return true;
  const Mention* accused = ctx.ActorAt(tr.first - 1);
  if (!accused) return true;
  std::size_t b = tr.first - 1;
  while (b > 0 && mention_at[b - 1] == mention_at[tr.first - 1]) --b;
  for (std::size_t pi = ti; pi-- > 0 && ctx.trigs[pi].last + 6 >= b;) {
    const Trig& p = ctx.trigs[pi];
    if (p.type != EventType::kAccusation || p.last > b || sent[p.first] != s) continue;
    bool clause = true;
    for (std::size_t k = p.last; k < b; ++k) clause &= !ctx.IsClauseBreak(k);
    if (clause) ev.agents.push_back(accused->entity);
    break;
  }
  return true;
}

// The nearest actor before a noun, past asides and prepositions.
bool TriggerFrame::ActorBeforeNoun() {
  if (!ev.agents.empty() || statement || tr.verb) return true;
  // The nearest actor before the noun (شنت أذربيجان عملية عسكرية), unless the noun is the object
  // of a statement (أدانت الوزارة استهداف المدنيين): the speaker did not do what they condemn.
  bool statement_object = StatementObject() || Repelled() || Stopped();
  std::size_t skipped = 0;  // tokens of parenthetical relative clauses passed over
  for (std::size_t j = tr.first; !statement_object && j-- > 0 && tr.first - j <= 8 + skipped && sent[j] == s;) {
    // قال X إن القصف أسفر، قال X إن 5 قتلوا في قصف: a noun inside a reported clause is not the deed of the
    // speaker outside it; أفاد X بمقتل 5 في قصف: nor is one after a death the speaker reports.
    if (x.WordAt(t, j, kComplementizer) || CasualtyNounAt(j)) break;  // إن أن بأن
    // جيش ناغورنو كاراباخ، الذي لا يشكل جزءاً من القوات المسلحة الأرمينية، يُظهر مقاومة: the actor
    // of a "، الذي … ،" aside is not the noun's agent; the one before the aside is.
    if (IsChar(t[j].key, kArabicComma) || t[j].key == U",") {
      std::size_t c = j;
      while (c > 0 && j - c < 15 && sent[c - 1] == s && !IsChar(t[c - 1].key, kArabicComma) && t[c - 1].key != U",")
        --c;
      if (c > 0 && j - c < 15 && x.IsRelativePronoun(t[c].key)) {
        skipped += j - c + 2;
        j = c - 1;  // the comma before the aside; the loop steps past it
        continue;
      }
    }
    if (std::size_t b = ObjectActorStart(j); b != SIZE_MAX) {
      j = b;
      continue;
    }
    if (const Mention* m = ctx.ActorAt(j)) {
      if (!KilledBefore(m->entity)) AddWithCoordinatedBefore(j, *m);  // قتل الصحفي X في غارة: not X's
      break;
    }
    if (std::string f = ctx.PronounForce(j); !f.empty()) {  // جنودها نفذوا أعمالا انتقامية
      ev.agents.push_back(f);
      break;
    }
    if (std::string o = ctx.OccupierAt(j); !o.empty()) {  // الاحتلال نفذ غارات، طائرات الاحتلال نفذت غارات
      ev.agents.push_back(o);
      break;
    }
  }
  return true;
}

// نفذت قوات X عمليات قتل، وتنفذ أعمال قتل، تسببت في نزوح الآلاف: the killing or displacement a light verb
// governs is done by the verb's subject: after it (VSO), before it in its clause, or, for a verb coordinated
// with و, the doer of the event before it in the sentence.
bool TriggerFrame::DeedVerb() {
  bool victims = tr.type == EventType::kCasualties || tr.type == EventType::kDisplacement;
  if (!ev.agents.empty() || tr.verb || !victims) return true;
  std::optional<Hit> lv;
  for (std::size_t j = tr.first; j-- > 0 && tr.first - j <= 6 && sent[j] == s && !lv;) {
    if (ctx.IsClauseBreak(j)) break;
    lv = x.WordAt(t, j, kDeedVerb);
    if (lv && lv->last > tr.first) lv.reset();
  }
  if (!lv) return true;
  for (std::size_t j = lv->last; j < tr.first; ++j) {  // VSO
    if (const Mention* m = ctx.ActorAt(j)) {
      ev.agents.push_back(m->entity);
      return true;
    }
  }
  if (lv->clitics == 0) {  // SVO: the nearest actor before the verb in its clause
    for (std::size_t j = lv->first; j-- > 0 && lv->first - j <= 6 && sent[j] == s && !ctx.IsClauseBreak(j);) {
      std::string f = ctx.ActorAt(j) ? ctx.ActorAt(j)->entity : ctx.DemonstrativeForce(j);
      if (f.empty()) f = ctx.OccupierAt(j);  // إن الجيش كبد المهاجمين خسائر
      if (!f.empty() && ObjectActorStart(j) == SIZE_MAX) ev.agents.push_back(f);
      if (!f.empty()) return true;
    }
    return true;
  }
  for (std::size_t e = ctx.out.size(); e-- > 0;) {  // وتنفذ: the subject it shares
    const Trig& p = ctx.trigs[ctx.trig_of_event[e]];
    if (sent[p.first] != s) break;
    if (!ctx.out[e].agents.empty()) {
      ev.agents.push_back(ctx.out[e].agents.front());
      break;
    }
  }
  return true;
}

// قصفت قوات X البلدة … وطال القصف مدرسة: a bare definite attack noun with no doer in its sentence is the
// attack just reported, by its doer, when the attacks of its sentence and the one before agree on a single one.
bool TriggerFrame::EarlierAttackDoer() {
  if (!ev.agents.empty() || tr.verb || !tr.definite || tr.type != EventType::kAttack) return true;
  // The doer from the attacks of this sentence and the one before; another doer in the two before that makes
  // it ambiguous. (A line break is a sentence of its own.)
  std::string doer;
  for (std::size_t e = ctx.out.size(); e-- > 0;) {
    const Trig& p = ctx.trigs[ctx.trig_of_event[e]];
    if (sent[p.first] + 4 < s || p.first + ctx.kWindow < tr.first) break;
    const Event& a = ctx.out[e];
    if ((a.type != EventType::kAttack && a.type != EventType::kMilitaryOperation) || a.agents.empty()) continue;
    if (a.agents.size() > 1 || (!doer.empty() && doer != a.agents.front())) return true;  // ambiguous
    if (doer.empty() && sent[p.first] + 2 < s) return true;                               // too far
    doer = a.agents.front();
  }
  if (!doer.empty()) ev.agents.push_back(doer);
  return true;
}

}  // namespace khabar::extract::events
