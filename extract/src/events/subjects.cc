// Subjects not found next to the trigger: shared, reported, titled earlier, pronouns.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

// A verb coordinated right after a relative clause shares its doer.
bool TriggerFrame::RelativeDoerSubject() {
  if (ev.agents.empty() && coordinated_verb && d.relative_doer.sentence == s && tr.first >= d.relative_doer.end &&
      tr.first - d.relative_doer.end <= 1) {
    ev.agents.push_back(d.relative_doer.entity);  // التي أطلقتها أذربيجان وسيطرت: the same doer
  }
  return true;
}

// A verb coordinated inside a reported clause shares its subject.
bool TriggerFrame::ReportedClauseSubject() {
  if (ev.agents.empty() && coordinated_verb) {
    // A verb coordinated inside a reported clause shares that clause's subject, not the speaker's:
    // قالت إن “الولايات المتحدة تشعر بقلق … وتدعو إلى”.
    for (std::size_t j = tr.first; j-- > 0 && tr.first - j <= 30 && sent[j] == s;) {
      if (t[j].key != x.keys.inna) continue;  // إن، أن
      std::size_t k = j + 1;
      while (k < tr.first && t[k].kind == Token::Kind::kPunct &&
             std::u32string_view(U"\"\u201C\u201D\u00AB\u00BB").find(t[k].key[0]) != std::u32string_view::npos) {
        ++k;
      }
      const Mention* subject = k < tr.first ? ctx.ActorAt(k) : nullptr;
      if (subject && subject->begin == t[k].begin && Agrees(*subject)) ev.agents.push_back(subject->entity);
      // أن هذه القوات تحاصر … وتدفع: the force the demonstrative points to.
      if (std::string f = k + 1 < tr.first ? ctx.DemonstrativeForce(k + 1) : ""; !subject && !f.empty()) {
        ev.agents.push_back(f);
      }
      break;
    }
  }
  return true;
}

// A bare title before the verb: the person named with it earlier.
bool TriggerFrame::EarlierTitledSubject() {
  if (ev.agents.empty() && (tr.verb || statement) && tr.clitics == 0) {
    std::string named = EarlierTitled(tr.first);  // إن "الأمين العام يدعو": named earlier
    if (!named.empty()) ev.agents.push_back(named);
  }
  return true;
}

// إنه + verb: the speaker of the report.
bool TriggerFrame::InnaPronounSubject() {
  if (ev.agents.empty() && tr.verb && tr.clitics == 0 && tr.first > 0 &&
      In(x.keys.inna_pronouns, t[tr.first - 1].key)) {
    // قال الجيش إنه استهدف: the pronoun on إن is the speaker of the report.
    for (std::size_t ri = ctx.ReportsFrom(tr.first); ri-- > 0 && sent[ctx.reports[ri].verb_tok] == s;) {
      const Report& r = ctx.reports[ri];
      if (!r.speaker.empty() && !r.according_to) {
        ev.agents.assign(1, r.speaker);
        break;
      }
    }
  }
  return true;
}

// ونفت الحكومة: a bare government noun as the subject is the government the article named with it
// (الحكومة الإثيوبية); with none named, no one (not the last speaker).
bool TriggerFrame::BareGovernmentSubject() {
  if (ev.agents.empty() && tr.verb && !speaker_form) {
    std::size_t j = SkipAdverbs(tr.last);
    if (j < n && sent[j] == s && mention_at[j] == SIZE_MAX && x.WordAt(t, j, kGovHead, false, false)) {
      bare_head_subject = true;
      // The latest actor named with it before (EventContext::actor_starts: the tokens that start an actor).
      if (auto it = ctx.actor_starts.find(t[j].key); it != ctx.actor_starts.end()) {
        auto k = std::lower_bound(it->second.begin(), it->second.end(), j);
        if (k != it->second.begin()) {
          ev.agents.push_back(mentions[mention_at[*std::prev(k)]].entity);
          after_agent = j + 1;
        }
      }
    }
  }
  return true;
}

// احتج مئات الأكراد …، مطالبين الحكومة: the protesters appeal, and the actor after the participle is
// addressed.
bool TriggerFrame::ProtestAppeal() {
  if (ev.agents.empty() && speaker_form && tr.type == EventType::kAppeal) {
    // The protests of the sentence before it, nearest first: the nearest with an actor after it names it.
    bool named = false;
    for (std::size_t pi = ti; pi-- > 0 && ctx.trigs[pi].first >= ctx.WindowFirst(s, tr.first);) {
      const Trig& p = ctx.trigs[pi];
      if (p.type != EventType::kProtest || sent[p.first] != s || p.last > tr.first) continue;
      protest_appeal = true;
      for (std::size_t k = p.last; k < tr.first && !named; ++k) {
        if (const Mention* m = ctx.ActorAt(k)) {
          ev.agents.assign(1, m->entity);
          named = true;
        }
      }
      if (named) break;
    }
  }
  return true;
}

// A verb right after a relative pronoun (وزير الخارجية الألماني، الذي تعهد) has the noun before it as
// its subject: that actor if it is one, else no one, and never the discourse's last subject.
bool TriggerFrame::AfterRelativeSubject() {
  if (tr.verb && tr.clitics == 0 && tr.first > 0) {
    after_relative = x.IsRelativePronoun(t[tr.first - 1].key);
  }
  if (ev.agents.empty() && after_relative && tr.first >= 2) {
    std::size_t a = tr.first - 2;
    if (a > 0 && (IsChar(t[a].key, kArabicComma) || t[a].key == U",")) --a;
    if (const Mention* m = sent[a] == s ? ctx.ActorAt(a) : nullptr) ev.agents.push_back(m->entity);
  }
  return true;
}

// Protesters and the displaced are the people of the clause, never the last speaker: وتظاهر مئات
// السودانيين does not continue the minister's sentence before it.
bool TriggerFrame::CrowdEvent() {
  crowd_event = tr.type == EventType::kProtest || tr.type == EventType::kDisplacement;
  // A delegation or an unnamed official right after the verb is its subject (وزار وفد حكومي، ووصل
  // المبعوث الأمريكي): no one else's.
  if (tr.verb && !statement) {
    std::size_t j = SkipAdverbs(tr.last);
    crowd_event |= j < n && sent[j] == s && mention_at[j] == SIZE_MAX &&
                   (t[j].key == x.keys.wafd || t[j].key == x.keys.wafdan ||
                    (x.WordAt(t, j, kTitle, false, false).has_value() && TitleAgrees(j)));  // but ثم التقت رئيس الوزراء
  }
  return true;
}

// A casualty verb in its bare form with a count right after it (وقتل أربعة أشخاص، وأصيب 20 آخرون) is
// passive: the count is its subject, and no pronoun stands for a doer.
bool TriggerFrame::CountedVictims() const {
  if (tr.type != EventType::kCasualties || !tr.verb || tr.last - tr.first != 1) return false;
  if (std::u32string_view(t[tr.first].key).substr(tr.clitics) != K(tr.word->text)) return false;
  std::size_t j = SkipAdverbs(tr.last);
  auto ne = std::lower_bound(ctx.numbers.begin(), ctx.numbers.end(), j,
                             [](const NumberExpr& e, std::size_t tok) { return e.phrase_first < tok; });
  return ne != ctx.numbers.end() && ne->phrase_first == j;
}

// A pronoun subject: the speaker of the report, else the discourse subject.
bool TriggerFrame::PronounSubject() {
  if (ev.agents.empty() && !after_relative && !protest_appeal && !bare_head_subject && !CountedVictims() &&
      tr.word->Attr("undergoer").empty() && (statement || (coordinated_verb && !crowd_event))) {
    // A pronoun subject: the speaker of the report this trigger is part of, else the discourse subject.
    std::string speaker;
    if (std::size_t r = ctx.ReportsFrom(tr.first); r > 0 && sent[ctx.reports[r - 1].verb_tok] == s)
      speaker = ctx.reports[r - 1].speaker;
    if (!speaker.empty()) {
      ev.agents.push_back(speaker);
    } else if (!d.subject.empty() && (coordinated_verb || statement)) {
      ev.agents.push_back(d.subject);
    }
  }
  return true;
}

// زيارته، لقائهما، تعهدها، زيارة له: a visit, meeting or pledge noun whose possessor is a pronoun (a suffix,
// or له/لها right after it) is done by the one the discourse is about.
bool TriggerFrame::Possessor() {
  bool kind = tr.type == EventType::kVisit || tr.type == EventType::kNegotiation || tr.type == EventType::kPledge;
  if (!ev.agents.empty() || tr.verb || !kind || d.subject.empty() || tr.last - tr.first != 1) return true;
  bool lahu = tr.last < n && In(x.keys.lam_pronouns, t[tr.last].key);  // له لها
  if (PossessiveSuffix() || lahu) ev.agents.push_back(d.subject);
  return true;
}

// A one-word noun trigger with a possessive pronoun (زيارته، لقائهما، تعهدها).
bool TriggerFrame::PossessiveSuffix() const {
  if (tr.verb || tr.last - tr.first != 1) return false;
  std::u32string_view k = std::u32string_view(t[tr.first].key).substr(tr.clitics);
  std::u32string stem = K(tr.word->text);
  if (!stem.empty() && stem.back() == kHeh) stem.back() = kTeh;  // ة: زيارة → زيارته
  for (const auto& suffix : x.keys.pronoun_suffixes) {
    if (k.size() == stem.size() + suffix.size() && k.substr(0, stem.size()) == stem && k.substr(stem.size()) == suffix)
      return true;
  }
  return false;
}

}  // namespace khabar::extract::events
