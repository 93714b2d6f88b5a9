// Casualty tallies: one event per tally.

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
      coordinated |= t[j].key == U"\u0628\u064A\u0646\u0645\u0627";  // بينما
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
void TallyDoers(const Extractor::Impl&, EventContext& ctx) {
  const std::vector<std::size_t>& sent = ctx.sent;
  // Events of one sentence are neighbours in trigger order: look at the events of the tally's sentence.
  std::size_t first_of_sentence = 0;
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    const Trig& cur = ctx.trigs[ctx.trig_of_event[e]];
    while (sent[ctx.trigs[ctx.trig_of_event[first_of_sentence]].first] != sent[cur.first]) ++first_of_sentence;
    if (ctx.drop[e] || ctx.out[e].type != EventType::kCasualties || !ctx.out[e].agents.empty()) continue;
    std::size_t best = SIZE_MAX, best_dist = SIZE_MAX;
    // At most ctx.kWindow tokens away (a sentence with no punctuation can be the article).
    std::size_t lo = ctx.WindowFirst(sent[cur.first], cur.first), hi = ctx.WindowEnd(sent[cur.first], cur.first);
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
    if (best != SIZE_MAX) ctx.out[e].agents = ctx.out[best].agents;
  }
}

}  // namespace khabar::extract::events
