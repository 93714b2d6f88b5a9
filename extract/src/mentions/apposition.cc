// Pass "apposition-speaker": people not in the lexicon named before a comma and a title (name، title:
// "apposition") or after a reporting verb and before إن/،/: ("reporting-verb").
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

bool HasArticle(const Tokens& t, std::size_t k) {
  return t[k].key.size() > 2 && t[k].key[0] == kAlef && t[k].key[1] == kLam;
}

// Name، title at the comma i. Returns whether it added a candidate.
bool Apposition(const Extractor::Impl& x, MentionContext& ctx, std::size_t i) {
  const Tokens& t = ctx.t;
  auto h = x.WordAt(t, i + 1, kTitle, false, false);
  if (!h) return false;
  std::size_t b = i;
  while (b > 0 && i - b < 3 && x.NameLike(t, b - 1, true)) --b;
  while (b < i && HasArticle(t, b)) ++b;  // a name starts without the article (خالد المسماري)
  if (b == i) return false;
  bool after_verb = b > 0 && x.WordAt(t, b - 1, kReportingVerb).has_value();
  bool sentence_start = b == 0 || !t[b - 1].is_word();
  if (i - b < 2 && ((!after_verb && !sentence_start) || !x.LooksLikeName(t[b].key))) return false;
  if (ctx.names_at.count(b)) return false;
  std::string owner;
  std::size_t owner_end = ctx.ParseOwner(h->last, &owner);
  Candidate c = ctx.Make(b, i, t[b].begin, ctx.PersonKey(b, i), EntityType::kPerson, "apposition");
  c.role_text = ctx.SpanText(h->begin, t[owner_end - 1].end);
  c.role_of = owner;
  c.priority = 1;
  ctx.cands.push_back(std::move(c));
  return true;
}

// Reporting verb + name (two words at least, or one that looks like a name) + إن/،/: at token i.
void ReportingVerb(const Extractor::Impl& x, MentionContext& ctx, std::size_t i) {
  const Tokens& t = ctx.t;
  auto v = x.WordAt(t, i, kReportingVerb);
  if (!v) return;
  std::size_t a = v->last;
  if (ctx.names_at.count(a) || !PersonNameStart(x, t, a)) return;
  std::size_t e = ctx.NameRun(a, 3);
  if (e == a) return;
  static const std::u32string kClosing{U',', kArabicComma, U':', U'"', U'\u201C', U'\u00AB'};
  bool closed = e >= t.size() || ctx.IsPunct(e, kClosing) || t[e].key == x.keys.inna || t[e].key == x.keys.innahu;
  // ذكرت مصادر طبية أن، وسائل إعلام دولية: a plural source closed by a feminine adjective is no person.
  if (!closed || (e - a >= 2 && EndsWith(t[e - 1].key, x.keys.iyya))) return;
  // One word is a name only when nothing else could be the subject: not a nisba, not a known word.
  if (e - a == 1 && (!x.LooksLikeName(t[a].key) || x.first_name_keys.count(t[a].key))) return;
  Candidate c = ctx.Make(a, e, t[a].begin, ctx.PersonKey(a, e), EntityType::kPerson, "reporting-verb");
  c.priority = 2;
  ctx.cands.push_back(std::move(c));
}

}  // namespace

void FindAppositionsAndSpeakers(const Extractor::Impl& x, MentionContext& ctx) {
  // One scan for both rules, so that their candidates interleave as they always have (the order breaks
  // ties). A comma that opens no apposition is not looked at as a reporting verb either.
  for (std::size_t i = 0; i + 1 < ctx.t.size(); ++i) {
    if (ctx.IsPunct(i, kCommas) && !Apposition(x, ctx, i)) continue;
    ReportingVerb(x, ctx, i);
  }
}

}  // namespace khabar::extract
