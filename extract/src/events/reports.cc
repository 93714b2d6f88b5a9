// Reported speech: the speaker of each reporting verb, "according to X", and the actors that open a
// sentence with a verb that is no trigger.
#include "events/context.h"

namespace khabar::extract::events {

// Reporting frames: speaker of each sentence's reporting verb, and "according to X".
void FindReports(const Extractor::Impl& x, EventContext& ctx) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  const std::vector<Mention>& mentions = ctx.mentions;
  const std::vector<std::size_t>& mention_at = ctx.mention_at;
  const std::vector<std::size_t>& sent = ctx.sent;
  for (std::size_t i = 0; i < n; ++i) {
    if (auto v = x.WordAt(t, i, kReportingVerb)) {
      std::string speaker;
      // وقالت لمراسل شبكة سي إن إن، عيسى سواريس: the titled person after ل is the addressee; the speaker
      // is then a pronoun.
      auto title = x.WordAt(t, v->last, kTitle);
      bool to_addressee = title && title->clitics > 0 && t[v->last].key[0] == kLam;
      if (to_addressee) {
        ctx.reports.push_back({i, speaker});
        continue;
      }
      // أكدت الوزارة أنها أبلغت البعثة: the pronoun is the subject, the actor after the verb its addressee;
      // the speaker is that of the report before it in the sentence.
      if (i > 0 && x.WordAt(t, i - 1, kInnaPronoun, false, false)) {
        if (!ctx.reports.empty() && sent[ctx.reports.back().verb_tok] == sent[i]) speaker = ctx.reports.back().speaker;
        ctx.reports.push_back({i, speaker});
        continue;
      }
      // وقال المتحدث باسم الجيش السوداني نبيل عبد الرحيم: the person, not the owner inside the title.
      if (title) {
        for (std::size_t k = v->last; k < n && k < v->last + 10 && sent[k] == sent[i]; ++k) {
          if (mention_at[k] != SIZE_MAX && mentions[mention_at[k]].type == EntityType::kPerson) {
            speaker = mentions[mention_at[k]].entity;
            break;
          }
          if (t[k].kind == Token::Kind::kPunct && t[k].key != U"," && !IsChar(t[k].key, kArabicComma)) break;
        }
      }
      for (std::size_t j = v->last; speaker.empty() && j < n && j < v->last + 4 && sent[j] == sent[i]; ++j) {
        if (const Mention* m = ctx.ActorAt(j)) {
          // قال لبي بي سي: said to the BBC. The addressee is not the speaker (who is then a pronoun).
          bool addressee = m->begin > t[j].begin && t[j].key[0] == kLam;
          // قال مسؤول لوكالة فرانس برس: the agency after ل + its classifier is the addressee too.
          auto mc = j > 0 ? x.WordAt(t, j - 1, kMediaClassifier) : std::nullopt;
          addressee |= mc && mc->clitics > 0 && t[j - 1].key[0] == kLam && mc->last == j;
          if (!addressee) speaker = m->entity;
          break;
        }
        // قالت الوزيرة خلال زيارتها لبنان: the speaker is named before any event word.
        if (ctx.IsClauseBreak(j) || x.IsTriggerWord(t, j)) break;
      }
      if (speaker.empty()) {
        for (std::size_t j = i; j-- > 0 && i - j <= 3 && sent[j] == sent[i];) {
          if (!t[j].is_word()) break;  // (رويترز) - قالت مصادر: a dateline is not the speaker
          if (const Mention* m = ctx.ActorAt(j)) {
            speaker = m->entity;
            break;
          }
        }
      }
      ctx.reports.push_back({i, speaker});  // an empty speaker is a pronoun: the discourse subject
    }
    if (auto a = x.WordAt(t, i, kAccordingTo)) {
      if (const Mention* m = ctx.ActorAt(a->last)) ctx.reports.push_back({i, m->entity, true});
    }
  }
}

// The subject of a sentence opened by a verb that is no trigger (ورحب الأمين العام لحلف الناتو ينس
// ستولتنبرغ بالقرار، ودعا …): the discourse's subject from there on, so that a later pronoun subject is
// that actor and not the speaker of a sentence before.
void FindOpeners(const Extractor::Impl& x, EventContext& ctx) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  const std::u32string& text = ctx.text;
  const std::vector<Mention>& mentions = ctx.mentions;
  const std::vector<std::size_t>& mention_at = ctx.mention_at;
  const std::vector<std::size_t>& sent = ctx.sent;
  const std::vector<std::size_t>& sent_first = ctx.sent_first;
  for (std::size_t si = 0; si + 1 < sent_first.size(); ++si) {
    std::size_t f = sent_first[si];
    if (f + 1 >= n || sent[f + 1] != si || !t[f].is_word() || mention_at[f] != SIZE_MAX || x.IsFunction(t[f]) ||
        x.IsTriggerWord(t, f) || x.WordAt(t, f, kTitle) || x.WordAt(t, f, kReportingVerb)) {
      continue;
    }
    // و/ف + a verb (ورحب، وأشاد): not a noun with the article (والرئيس) or a preposition (وبحسب).
    const std::u32string& k0 = t[f].key;
    bool wa_verb = k0.size() >= 4 && (k0[0] == kWaw || k0[0] == kFeh) && !(k0[1] == kAlef && k0[2] == kLam) &&
                   k0[1] != kBeh && k0[1] != kLam;
    // رفع الرئيس الكيني X: a short indefinite word before a title is a bare perfect verb.
    bool before_title = x.IndefiniteNoun(t, f) && k0.size() <= 4 && x.WordAt(t, f + 1, kTitle);
    if (!wa_verb && !before_title && !x.VerbLike(text, t, f)) continue;
    std::string who;
    if (x.WordAt(t, f + 1, kTitle)) {
      for (std::size_t k = f + 1; k < n && k < f + 11 && sent[k] == si; ++k) {
        if (mention_at[k] != SIZE_MAX && mentions[mention_at[k]].type == EntityType::kPerson) {
          who = mentions[mention_at[k]].entity;
          break;
        }
        if (t[k].kind == Token::Kind::kPunct) break;
      }
    } else if (const Mention* m = ctx.ActorAt(f + 1); m && m->begin == t[f + 1].begin) {
      who = m->entity;
    }
    if (!who.empty()) ctx.openers.emplace_back(f, who);
  }
}

}  // namespace khabar::extract::events
