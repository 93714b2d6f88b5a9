// The agent of an event: the subject of a verb trigger, the doer of a noun trigger.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

// Agent. A verb's subject follows it (VSO), possibly after adverbs and time expressions, or precedes
// it directly in a headline-style clause (SVO); a title right after the verb means the titled person
// (دعا الأمين العام للأمم المتحدة أنطونيو غوتيريش). With no subject in sight the subject is a pronoun:
// the speaker of the quote the trigger sits in, else the last subject of the discourse. A noun's agent
// is its genitive, a nisba on it (قصف أذربيجاني) or a "من قبل X" phrase.
bool TriggerFrame::VerbSubject() {
  if (tr.verb && !speaker_form) {
    std::size_t j = ctx.PastNameHead(SkipPronounPP(SkipAdverbs(tr.last)));
    j = PastCount(j);  // تظاهر آلاف الإسرائيليين: the people counted are the subject
    const Mention* before = tr.clitics == 0 && tr.first > 0 ? ctx.ActorAt(tr.first - 1) : nullptr;
    bool svo = false;
    if (before) {
      std::size_t b = tr.first - 1;
      while (b > 0 && mention_at[b - 1] == mention_at[tr.first - 1]) --b;
      svo = ClauseStart(b);
    }
    std::size_t force_at = tr.first > 0 ? tr.first - 1 : 0;
    std::string force_before = tr.clitics == 0 && tr.first > 0 && !before ? ctx.PronounForce(force_at) : "";
    if (force_before.empty() && tr.clitics == 0 && tr.first > 1 && !before && ctx.DefiniteAdjective(tr.first - 1)) {
      force_at = tr.first - 2;  // أن قواتها البحرية استهدفت: past one adjective
      force_before = ctx.PronounForce(force_at);
    }
    std::string force_after = j < n && sent[j] == s ? ctx.PronounForce(j) : "";
    // وفد من الأمم المتحدة، وفد أمريكي: a delegation's sender is the subject.
    std::size_t sender = SIZE_MAX;
    if (j + 1 < n && sent[j] == s && (t[j].key == x.keys.wafd || t[j].key == x.keys.wafdan)) {
      std::size_t k = j + 1 + (t[j + 1].key == x.keys.min ? 1 : 0);  // من
      if (k < n && ctx.ActorAt(k) && mentions[mention_at[k]].begin == t[k].begin) sender = k;
      for (const NisbaHit& nh : ctx.NisbasAt(j + 1)) {
        if (sender == SIZE_MAX && nh.tok == j + 1 && !nh.demonym) ev.agents.push_back(x.entities[nh.entity].id);
      }
    }
    if (!ev.agents.empty()) {
      after_agent = j + 2;
    } else if (sender != SIZE_MAX) {
      Take(sender);
    } else if (std::size_t p = j < n ? TitledPerson(j) : SIZE_MAX; p != SIZE_MAX && TitleAgrees(j)) {
      Take(p);
    } else if (svo) {
      AddWithCoordinatedBefore(tr.first - 1, *before);  // SVO: روسيا تتهم الغرب، لكن باشينيان انتقد روسيا
    } else if (!force_before.empty() && ClauseStart(force_at)) {
      ev.agents.push_back(force_before);  // أن قواتها سيطرت
    } else if (!force_after.empty()) {
      ev.agents.push_back(force_after);  // سيطرت قواتها
      after_agent = j + 1;
    } else if (std::string o = j < n && sent[j] == s ? ctx.OccupierAt(j) : ""; !o.empty()) {
      ev.agents.push_back(o);  // قصفت قوات الاحتلال
      after_agent = j + 1;
    } else if (std::string ob = tr.clitics == 0 && tr.first > 0 ? ctx.OccupierAt(tr.first - 1) : "";
               !ob.empty() && ClauseStart(tr.first - 1)) {
      ev.agents.push_back(ob);  // أن الاحتلال قصف
    } else if (std::string part = PartitiveDoer(j); !part.empty()) {
      ev.agents.push_back(part);  // غارات … استهدفت إحداها منزلا: the strikes' doer
      after_agent = j + 1;
    } else if (auto both = j < n && sent[j] == s && mention_at[j] == SIZE_MAX ? x.WordAt(t, j, kBothSides, true, false)
                                                                              : std::nullopt;
               both && both->first == j && !x.WordOf(*both).Attr("subject").empty()) {
      ev.agents = LastTwoActors(j, !x.WordOf(*both).Attr("states").empty());  // أشار البلدان: the two named
      after_agent = both->last;
    } else if (j < n && sent[j] == s && ctx.ActorAt(j) && Agrees(*ctx.ActorAt(j)) &&
               !(tr.type == EventType::kAccusation && AccusedOf(j))) {
      Take(j);
    } else if (std::size_t m = MembersOf(j); m != SIZE_MAX && tr.type != EventType::kCasualties) {
      Take(m);  // سيطر متمردو حركة X: the members stand for their movement (but قتل جنود من الجيش: the dead)
    } else if (before && !DeadsSide(tr.first - 1)) {
      // عدوان من قبل أذربيجان يستهدف: a relative clause; but عناصر من الحركة قتلوا: the dead's side.
      // أن الجيش وقوات X قتلوا: coordinated actors are all subjects.
      AddWithCoordinatedBefore(tr.first - 1, *before);
      relative_clause = true;
    } else if (j < n && sent[j] == s) {
      WeaponNisba(j, false);  // قصفت طائرات روسية: the weapon is the subject, its nisba the attacker
    }
  }
  return true;
}

// A partitive subject at token j (إحداها، بعضها): the doer of the nearest attack or operation before the
// verb in its sentence; else "".
std::string TriggerFrame::PartitiveDoer(std::size_t j) const {
  if (j >= n || sent[j] != s || !x.WordAt(t, j, kPartitive, false, false)) return {};
  for (std::size_t e = ctx.out.size(); e-- > 0;) {
    const Trig& p = ctx.trigs[ctx.trig_of_event[e]];
    if (sent[p.first] != s || p.first + EventContext::kWindow < tr.first) break;
    bool deed = ctx.out[e].type == EventType::kAttack || ctx.out[e].type == EventType::kMilitaryOperation;
    if (deed && !ctx.out[e].agents.empty()) return ctx.out[e].agents.front();
  }
  return {};
}

// The pluperfect (وكان الرئيس الروسي، فلاديمير بوتين، قد حث): the actor right after كان is the subject of
// the verb after قد, however long the aside between.
bool TriggerFrame::PluperfectSubject() {
  if (!ev.agents.empty() || !tr.verb || tr.clitics != 0 || tr.first < 3) return true;
  auto qad = x.WordAt(t, tr.first - 1, kPluperfect, false, false);
  if (!qad || qad->last != tr.first || x.WordOf(*qad).Attr("role") != "qad") return true;
  for (std::size_t j = tr.first - 1; j-- > 0 && tr.first - j <= 14 && sent[j] == s;) {
    auto kana = x.WordAt(t, j, kPluperfect);
    if (!kana || x.WordOf(*kana).Attr("role") != "kana") continue;
    // والتي كانت القوات قد طالبت بها: a relative clause, whose subject is not the discourse's.
    if (j > 0) {
      std::u32string_view before = t[j - 1].key;
      if (!before.empty() && before[0] == kWaw) before.remove_prefix(1);
      relative_clause = x.IsRelativePronoun(before);
    }
    std::size_t p = TitledPerson(kana->last);
    if (p != SIZE_MAX) {
      ev.agents.push_back(mentions[mention_at[p]].entity);
    } else if (const Mention* m = ctx.ActorAt(kana->last); m && m->begin == t[kana->last].begin) {
      ev.agents.push_back(m->entity);
    }
    break;
  }
  return true;
}

// A relative clause on the noun names its doer: العملية العسكرية التي أطلقتها أذربيجان; on an
// indefinite noun without a relative pronoun: هدنة توسطت فيها روسيا، محادثات يدعمها الاتحاد.
bool TriggerFrame::NounRelativeDoer() {
  if (tr.verb || speaker_form) return true;  // (يجب على X، نتوقع أن X: X is addressed, the speaker appeals)
  for (std::size_t j = tr.last; j + 2 < n && j < tr.last + 3 && sent[j] == s && ev.agents.empty(); ++j) {
    if (x.IsRelativePronoun(t[j].key) && Resumptive(j + 1)) {
      std::size_t k = ctx.PastNameHead(SkipPronounPP(j + 2));
      if (k < n && ctx.ActorAt(k)) {
        Take(k);
        d.relative_doer = {ev.agents.back(), s, after_agent};
        doer_of_relative = true;
      }
    }
  }
  // العملية العسكرية التي انتهت بانتصار X: the victor.
  for (std::size_t j = tr.last; j + 1 < n && j < tr.last + 3 && sent[j] == s && ev.agents.empty(); ++j) {
    std::size_t v = x.IsRelativePronoun(t[j].key) ? j + 1 : j;
    auto won = x.WordAt(t, v, kVictory, false, false);
    if (won && won->last < n && sent[won->last] == s && ctx.ActorAt(won->last)) Take(won->last);
  }
  // قصف جوي نفذه الجيش: past one indefinite adjective that is no verb; غارة بطائرة مسيرة شنتها قوات X: past
  // the weapon it was made with.
  std::size_t v = tr.last;
  if (auto w = v < n && sent[v] == s ? x.WordAt(t, v, kInstrument, true) : std::nullopt; w && w->clitics > 0) {
    v = w->last;  // بقذائف الهاون نفذته: and past one word after the weapon
    if (v + 2 < n && sent[v + 1] == s && t[v].is_word() && mention_at[v] == SIZE_MAX && !x.IsFunction(t[v]) &&
        !x.IsTriggerWord(t, v) && !x.VerbLike(ctx.doc.text, t, v) && x.VerbLike(ctx.doc.text, t, v + 1)) {
      ++v;
    }
  }
  if (v + 2 < n && sent[v + 1] == s && t[v].is_word() && mention_at[v] == SIZE_MAX && x.IndefiniteNoun(t, v) &&
      !x.IsFunction(t[v]) && !x.IsTriggerWord(t, v) && !x.VerbLike(ctx.doc.text, t, v) &&
      x.VerbLike(ctx.doc.text, t, v + 1)) {
    ++v;
  }
  if (ev.agents.empty()) AttributedDoer();
  if (ev.agents.empty() && v + 1 < n && sent[v + 1] == s && x.IndefiniteNoun(t, tr.last - 1) &&
      x.VerbLike(ctx.doc.text, t, v) && Resumptive(v)) {
    std::size_t k = ctx.PastNameHead(SkipPronounPP(v + 1));
    if (std::size_t m = MembersOf(k); m != SIZE_MAX) k = m;  // هجوم شنه مسلحون من جماعة X
    if (k < n && sent[k] == s && ctx.ActorAt(k) && mentions[mention_at[k]].begin == t[k].begin) {
      Take(k);
      doer_of_relative = true;
    }
  }
  return true;
}

// غارات أخرى، نسبها المرصد "للنظام ولحليفه الروسي": the actors (or nisbas) after إلى or ل that a verb of
// attribution right after the noun names are its doers; the one who attributes is not.
void TriggerFrame::AttributedDoer() {
  std::size_t v = SIZE_MAX;
  for (std::size_t j = tr.last; j < n && j < tr.last + 4 && sent[j] == s && v == SIZE_MAX; ++j) {
    if (x.WordAt(t, j, kAttributionVerb, false, false)) v = j;
  }
  auto lam = [&](std::size_t k, std::uint32_t from) {  // ل or ول before the name in token k
    std::uint32_t b = t[k].begin;
    return (from > b && text[b] == kLam) || (from > b + 1 && text[b] == kWaw && text[b + 1] == kLam) ||
           (k > 0 && t[k - 1].key == x.keys.ila);  // إلى
  };
  for (std::size_t k = v + 1; v != SIZE_MAX && k < n && k < v + 14 && sent[k] == s && !ctx.IsClauseBreak(k); ++k) {
    const Mention* m = ctx.ActorAt(k);
    if (m && (k == 0 || mention_at[k - 1] != mention_at[k]) && lam(k, m->begin)) ev.agents.push_back(m->entity);
    for (const NisbaHit& nh : ctx.NisbasAt(k)) {  // ولحليفه الروسي
      if (nh.tok == k && !nh.demonym && k > 0 && mention_at[k] == SIZE_MAX && lam(k - 1, t[k - 1].end)) {
        ev.agents.push_back(x.entities[nh.entity].id);
      }
    }
  }
  if (!ev.agents.empty()) doer_of_relative = true;
}

// Otherwise its genitive, right after it (قصف أذربيجان) or after one adjective agreeing with it in
// definiteness (القصف المدفعي الأذربيجاني), never across a preposition or a complement (ضد X، لإخضاع X).
bool TriggerFrame::NounGenitive() {
  if (tr.verb || speaker_form) return true;  // (يجب على X، نتوقع أن X: X is addressed, the speaker appeals)
  if (PossessiveSuffix()) return true;  // زيارتها لبنان: the pronoun is the genitive, the actor the object
  for (std::size_t j = tr.last; j < n && j < tr.last + 2 && sent[j] == s && ev.agents.empty(); ++j) {
    if (ctx.IsClauseBreak(j)) break;
    if (ctx.ActorAt(j)) {
      if (mentions[mention_at[j]].begin == t[j].begin || LamDoer(j)) Take(j);
      break;
    }
    // After one adjective only a nisba may follow: القصف الصاروخي الروسي.
    std::span<const NisbaHit> at_j = ctx.NisbasAt(j);
    bool nisba_next =
        std::any_of(at_j.begin(), at_j.end(), [&](const NisbaHit& nh) { return nh.tok == j && !nh.demonym; });
    if (j > tr.last && !nisba_next) break;
    auto definite = [](std::u32string_view k) {
      if (k.size() > 3 && (k[0] == kWaw || k[0] == kFeh || k[0] == kBeh || k[0] == kKaf)) k.remove_prefix(1);
      return k.size() > 2 && (k[0] == kAlef || k[0] == kLam) && k[1] == kLam;  // ال، لل
    };
    const std::u32string& adj = t[j].key;
    if (!t[j].is_word() || x.IsFunction(t[j]) || x.IsTriggerWord(t, j) ||
        definite(adj) != definite(t[tr.last - 1].key) ||
        (!definite(adj) && (adj[0] == kLam || adj[0] == kBeh || adj[0] == kWaw))) {
      break;
    }
    // The word passed over is a relative adjective (الصاروخي، مدفعي، جوية), not the noun's object:
    // تفجير دبابة إسرائيلية is the tank's nisba, not the blast's.
    if (!nisba_next && !EndsWith(adj, kYeh) && !EndsWith(adj, x.keys.iyya)) break;
    bool nisba_here = false;
    for (const NisbaHit& nh : ctx.NisbasAt(j)) {
      if (nh.tok == j && !nh.demonym) {
        ev.agents.push_back(x.entities[nh.entity].id);
        nisba_here = true;
      }
    }
    if (nisba_here) break;
  }
  return true;
}

// قصف مدفعي للدعم السريع على الأحياء، هجوم لحركة الشباب على قاعدة: a force or movement after the lam of
// possession, then the target (على، ضد): the attack's doer. (قصف لمواقع الجيش: the lam is on the target.)
bool TriggerFrame::LamDoer(std::size_t j) const {
  const Mention& m = mentions[mention_at[j]];
  if ((tr.type != EventType::kAttack && tr.type != EventType::kMilitaryOperation) || m.begin == t[j].begin ||
      text[t[j].begin] != kLam || (m.type != EntityType::kArmedForce && m.type != EntityType::kOrganization)) {
    return false;
  }
  std::size_t e = j;
  while (e < n && mention_at[e] == mention_at[j]) ++e;
  return e < n && sent[e] == s && x.WordAt(t, e, kTargetPrep, false, false).has_value();
}

// An instrument with a nisba names the attacker: هجوم بطائرات مسيرة روسية، قصف بصواريخ إسرائيلية;
// a definite weapon after a launching noun is its subject (إطلاق الطائرات الروسية الصواريخ); also as the
// subject before the noun: وشنت طائرات أمريكية وبريطانية غارات (every coordinated nisba).
bool TriggerFrame::NounWeapon() {
  if (tr.verb || speaker_form) return true;  // (يجب على X، نتوقع أن X: X is addressed, the speaker appeals)
  if (ev.agents.empty() && (tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation)) {
    WeaponNisba(tr.last, true);
    // إطلاق الطيران المروحي الإسرائيلي النار: a definite weapon right after a launching noun is its doer.
    if (ev.agents.empty() && tr.word->Attr("cue") == "projectile" && tr.last < n && t[tr.last].key.size() > 2 &&
        t[tr.last].key[0] == kAlef && t[tr.last].key[1] == kLam)
      WeaponNisba(tr.last, false);
    WeaponBefore();
  }
  return true;
}

// استهداف المقر بطائرة مسيرة تابعة لجماعة X، استهدفت طائرة تابعة للحوثيين سفينة: the owner of the weapon
// an attack is made with (a weapon word, then تابعة ل + an actor, in the clause) is its doer; so is the owner
// of an aid convoy (قافلة مساعدات تابعة للأمم المتحدة).
bool TriggerFrame::WeaponOwner() {
  bool aid = tr.type == EventType::kAidDelivery;  // قافلة مساعدات تابعة للأمم المتحدة: the convoy is the means
  if (!ev.agents.empty() || (tr.type != EventType::kAttack && !aid)) return true;
  bool weapon = aid;
  for (std::size_t j = tr.last; j + 1 < n && j < tr.last + 8 && sent[j] == s && !ctx.IsClauseBreak(j); ++j) {
    weapon |= x.WordAt(t, j, kInstrument, true).has_value();
    if (!weapon || !x.WordAt(t, j, kBelonging, false, false)) continue;
    std::size_t k = j + 1;
    const Mention* m = ctx.ActorAt(k);
    if (m && m->begin > t[k].begin && text[t[k].begin] == kLam) ev.agents.push_back(m->entity);
    break;
  }
  return true;
}

// العدوان المستمر من أذربيجان، تعرض لقصف منهجي من القوات المسلحة: an attack "from" an actor.
bool TriggerFrame::NounFromActor() {
  if (tr.verb || speaker_form) return true;  // (يجب على X، نتوقع أن X: X is addressed, the speaker appeals)
  if (ev.agents.empty() && (tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation)) {
    std::size_t j = tr.last;
    for (int adjectives = 0; j < n && sent[j] == s; ++j) {  // up to two adjectives, and quote marks
      bool quote = t[j].kind == Token::Kind::kPunct &&
                   std::u32string_view(U"\"\u201C\u201D\u00AB\u00BB").find(t[j].key[0]) != std::u32string_view::npos;
      if (quote) continue;
      if (!t[j].is_word() || mention_at[j] != SIZE_MAX || x.IsFunction(t[j]) || ++adjectives > 2) break;
    }
    if (j + 1 < n && sent[j + 1] == s && t[j].key == x.keys.min && ctx.ActorAt(j + 1) &&
        mentions[mention_at[j + 1]].begin == t[j + 1].begin) {
      Take(j + 1);
    }
  }
  if (ev.agents.empty() && tr.type == EventType::kMilitaryOperation) TroopsOf();
  if (ev.agents.empty()) {  // من قبل X: by X
    for (std::size_t j = tr.last; j + 2 < n && j < tr.last + 10 && sent[j] == s; ++j) {
      if (t[j].key == x.keys.min && t[j + 1].key == x.keys.qabl && ctx.ActorAt(j + 2)) {
        ev.agents.push_back(ctx.ActorAt(j + 2)->entity);
        break;
      }
    }
  }
  // سقطت مدينة X … في يد Y: a town falls into the hands of its taker, however long the aside before.
  if (ev.agents.empty() && tr.type == EventType::kMilitaryOperation) {
    for (std::size_t j = tr.last; j + 2 < n && j < tr.last + 40 && sent[j] == s; ++j) {
      bool in_hand = t[j].key == x.keys.fi && t[j + 1].key == x.keys.yad;  // في يد
      if (in_hand && ctx.ActorAt(j + 2)) {
        ev.agents.push_back(ctx.ActorAt(j + 2)->entity);
        break;
      }
    }
  }
  return true;
}

// قتل ثلاثة جنود على يد عناصر من الحركة، مقتله على أيدي مسلحين من X: at the hands of an actor, or of its
// members, in the clause after the trigger: the doer, of a verb or a noun.
bool TriggerFrame::AtHandsOf() {
  if (!ev.agents.empty()) return true;
  std::size_t k = HandsOf(tr.last);
  if (k == SIZE_MAX) return true;
  if (std::size_t m = MembersOf(k); m != SIZE_MAX) k = m;
  k = ctx.PastNameHead(k);
  if (k < n && sent[k] == s && ctx.ActorAt(k) && mentions[mention_at[k]].begin == t[k].begin) Take(k);
  return true;
}

// The token after على يد / على أيدي in the clause from token j (at most ten words on), or SIZE_MAX.
std::size_t TriggerFrame::HandsOf(std::size_t j) const {
  for (; j + 2 < n && j < tr.last + 10 && sent[j] == s && !ctx.IsClauseBreak(j); ++j) {
    if (t[j].key == x.keys.ala && (t[j + 1].key == x.keys.yad || t[j + 1].key == x.keys.aydi)) return j + 2;
  }
  return SIZE_MAX;
}

// وصول 400 جندي من الجيش X، في قوات X: the force whose soldiers are counted right after the trigger deploys.
void TriggerFrame::TroopsOf() {
  for (const NumberExpr& ne : ctx.numbers) {
    if (!ne.troops || ne.phrase_first < tr.last || ne.phrase_first > tr.last + 1 || sent[ne.first] != s) continue;
    std::size_t k = ne.noun_end;
    if (k < n && x.IsFunction(t[k])) ++k;  // من الجيش، في قوات
    if (k < n && sent[k] == s && ctx.ActorAt(k) && mentions[mention_at[k]].begin == t[k].begin) Take(k);
    return;
  }
}

}  // namespace khabar::extract::events
