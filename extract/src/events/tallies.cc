// Casualty tallies: one event per tally.

#include <algorithm>

#include "events/context.h"

namespace khabar::extract::events {

// Casualties: one event per tally.

namespace {

// A casualty noun governed by a count noun (عدد الوفيات، حصيلة القتلى) heads the tally that its sentence
// then counts (عدد الوفيات … بلغ 7 وفيات و15 إصابة).
bool TallyHead(const Extractor::Impl& x, const EventContext& ctx, const Trig& tr) {
  if (tr.type != EventType::kCasualties || tr.verb) return false;
  if (!tr.word->Attr("tally").empty()) return true;  // حصيلة القصف
  for (std::size_t k = tr.first >= 2 ? tr.first - 2 : 0; k < tr.first; ++k) {
    if (x.WordAt(ctx.t, k, kCountNoun, false, true)) return true;
  }
  return false;
}

}  // namespace
// وإصابة 200) gives its figures to the first and is not an event of its own.
void MergeTallies(const Extractor::Impl& x, EventContext& ctx) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  const std::vector<std::size_t>& sent = ctx.sent;
  ctx.drop.assign(ctx.out.size(), 0);
  for (std::size_t e = 1; e < ctx.out.size(); ++e) {
    const Trig& cur = ctx.trigs[ctx.trig_of_event[e]];
    if (cur.type != EventType::kCasualties) continue;
    // Coordinated with the previous tally: a و-clitic on the word or within the few words before it.
    bool coordinated = false;
    for (std::size_t j = cur.first; j + 4 > cur.first && j < n; --j) {
      coordinated |= !t[j].key.empty() && t[j].key[0] == kWaw && (t[j].key.size() > 2 || t[j].key.size() == 1);
      coordinated |= t[j].key == x.keys.baynama;  // بينما
      if (j == 0) break;
    }
    // "قتل شخصان"، مضيفا أن "54 أصيبوا": the toll's other kind, counted, in the same sentence.
    bool counted = std::any_of(ctx.out[e].figures.begin(), ctx.out[e].figures.end(),
                               [](const Figure& f) { return f.kind != vocab::FigureKind::kOther; });
    if (!coordinated && !counted) continue;
    for (std::size_t p = e; p-- > 0;) {
      if (ctx.drop[p]) continue;
      const Trig& prev = ctx.trigs[ctx.trig_of_event[p]];
      if (sent[prev.first] != sent[cur.first]) break;
      if (prev.type != EventType::kCasualties) continue;  // the tally's first casualty word, further back
      bool other_kind = prev.word->Attr("kind", "killed") != cur.word->Attr("kind", "killed");
      bool head = ctx.out[p].figures.empty() && TallyHead(x, ctx, prev);
      if (!coordinated && !head && !(other_kind && !ctx.out[p].figures.empty())) break;
      if (cur.first - prev.last <= 20 && (!ctx.out[p].figures.empty() || other_kind || head)) {
        for (auto& f : ctx.out[e].figures) ctx.out[p].figures.push_back(f);
        ctx.drop[e] = 1;
      }
      break;
    }
  }
}

// A tally's doer is the doer of the attack named in its sentence (قتل 5 في غارة إسرائيلية; قصف روسي أسفر
// عن مقتل): the nearest attack, operation or explosion of the sentence that has one (GUIDELINES §4).
namespace {

// Whether a count stands in tokens [from, to): قتل ثلاثة من عناصر الحركة is passive, قتل مسلحون من الحركة
// مدنيين active.
bool Counted(const Extractor::Impl& x, const EventContext& ctx, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < to; ++k) {
    if (ctx.t[k].kind == Token::Kind::kNumber || x.WordAt(ctx.t, k, kNumberWord) || x.WordAt(ctx.t, k, kDualNoun)) {
      return true;
    }
  }
  return false;
}

// The dead's side: actors named as the members a casualty word counts (قتل ثلاثة من عناصر الحركة، أصيب
// جنود من الجيش): in the casualty's clause, right after it, past at most eight words and no event word.
std::vector<std::string> DeadsSides(const Extractor::Impl& x, const EventContext& ctx, const Trig& tr) {
  std::vector<std::string> sides;
  if (tr.type != EventType::kCasualties) return sides;
  for (std::size_t k = tr.last; k < ctx.n && k < tr.last + 8 && ctx.sent[k] == ctx.sent[tr.first]; ++k) {
    if (ctx.IsClauseBreak(k) || x.IsTriggerWord(ctx.t, k)) break;  // في هجوم شنه مسلحون من X: the attackers
    if (k + 1 < ctx.n && ctx.t[k].key == x.keys.ala &&
        (ctx.t[k + 1].key == x.keys.yad || ctx.t[k + 1].key == x.keys.aydi))
      break;  // على يد عناصر من X: the killers
    const Mention* m = ctx.ActorAt(k);
    if (!m || (k > 0 && ctx.mention_at[k - 1] == ctx.mention_at[k])) continue;
    std::size_t b = k;
    if (b > 0 && ctx.t[b - 1].key == x.keys.min) --b;  // جنود من الجيش
    bool members = b > 0 && x.WordAt(ctx.t, b - 1, kMemberNoun, false, true).has_value();
    if (members && m->type != EntityType::kGroup && (!tr.verb || Counted(x, ctx, tr.last, b)))
      sides.push_back(m->entity);
  }
  return sides;
}

void Erase(std::vector<std::string>& v, const std::vector<std::string>& gone) {
  std::erase_if(v, [&](const std::string& a) { return std::find(gone.begin(), gone.end(), a) != gone.end(); });
}

// The dead's side is a patient of the casualties and never the doer of the attack that killed them.
void DeadsSideIsPatient(const Extractor::Impl& x, EventContext& ctx, std::size_t e, std::size_t lo, std::size_t hi) {
  const Trig& cur = ctx.trigs[ctx.trig_of_event[e]];
  std::vector<std::string> sides = DeadsSides(x, ctx, cur);
  if (sides.empty()) return;
  Event& ev = ctx.out[e];
  Erase(ev.agents, sides);
  for (const std::string& a : sides) {
    if (std::find(ev.patients.begin(), ev.patients.end(), a) == ev.patients.end()) ev.patients.push_back(a);
  }
  for (std::size_t a = ctx.FirstEventAtOrAfter(0, cur.last); a < ctx.out.size(); ++a) {
    const Trig& at = ctx.trigs[ctx.trig_of_event[a]];
    if (at.first >= hi || ctx.sent[at.first] != ctx.sent[cur.first]) break;
    if (at.first >= lo && (ctx.out[a].type == EventType::kAttack || ctx.out[a].type == EventType::kExplosion)) {
      Erase(ctx.out[a].agents, sides);  // أصيب جنود من القوة في انفجار: the force did not explode it
    }
  }
}

}  // namespace

void TallyDoers(const Extractor::Impl& x, EventContext& ctx) {
  const std::vector<std::size_t>& sent = ctx.sent;
  // Events of one sentence are neighbours in trigger order: look at the events of the tally's sentence.
  std::size_t first_of_sentence = 0;
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    const Trig& cur = ctx.trigs[ctx.trig_of_event[e]];
    while (sent[ctx.trigs[ctx.trig_of_event[first_of_sentence]].first] != sent[cur.first]) ++first_of_sentence;
    if (ctx.drop[e] || ctx.out[e].type != EventType::kCasualties) continue;
    // At most ctx.kWindow tokens away (a sentence with no punctuation can be the article).
    std::size_t lo = ctx.WindowFirst(sent[cur.first], cur.first), hi = ctx.WindowEnd(sent[cur.first], cur.first);
    DeadsSideIsPatient(x, ctx, e, lo, hi);
    if (!ctx.out[e].agents.empty()) continue;
    std::size_t best = SIZE_MAX, best_dist = SIZE_MAX;
    std::size_t a0 = ctx.FirstEventAtOrAfter(first_of_sentence, lo);
    for (std::size_t a = a0; a < ctx.out.size() && ctx.trigs[ctx.trig_of_event[a]].first < hi; ++a) {
      const Trig& at = ctx.trigs[ctx.trig_of_event[a]];
      if (sent[at.first] != sent[cur.first]) break;
      EventType ty = ctx.out[a].type;
      if (ctx.drop[a] || ctx.out[a].agents.empty() ||
          (ty != EventType::kAttack && ty != EventType::kMilitaryOperation && ty != EventType::kExplosion))
        continue;
      // حصيلة الاشتباكات بين X و Y: the toll of a fight between two sides is done by neither alone.
      if (ty == EventType::kMilitaryOperation && ctx.out[a].agents.size() > 1) continue;
      std::size_t dist = at.first > cur.first ? at.first - cur.first : cur.first - at.first;
      if (dist < best_dist) {
        best_dist = dist;
        best = a;
      }
    }
    if (best == SIZE_MAX) continue;
    std::vector<std::string> doers = ctx.out[best].agents;
    Erase(doers, ctx.out[e].patients);
    // قتل عناصر من الحركة في اشتباك مع الجيش: the dead's side fought the clash; the other party killed them.
    if (doers.empty() && ctx.out[best].type == EventType::kMilitaryOperation) {
      doers = ctx.out[best].patients;
      Erase(doers, ctx.out[e].patients);
    }
    ctx.out[e].agents = doers;
  }
}

}  // namespace khabar::extract::events
