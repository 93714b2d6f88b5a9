// Figures: the counts that go with the events (27 قتيلا، نزوح 100 ألف).

#include "events/context.h"

namespace khabar::extract::events {

// A dual trigger (قتيلين) says two itself: a number of its own.
void AddDualTriggers(const Extractor::Impl&, EventContext& ctx) {
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    const Trig& tr = ctx.trigs[ctx.trig_of_event[e]];
    if (!tr.word->Attr("dual").empty()) {
      NumberExpr ne;
      ne.first = tr.first;
      ne.last = tr.last;
      ne.value = 2;
      ne.phrase_first = tr.first;
      ctx.numbers.push_back(ne);
    }
  }
}

// Each number goes to the nearest counting event in its sentence.
void AttachFigures(const Extractor::Impl& x, EventContext& ctx) {
  const Tokens& t = ctx.t;
  const std::vector<std::size_t>& sent = ctx.sent;
  auto counts = [](EventType ty) {
    return ty == EventType::kCasualties || ty == EventType::kDisplacement || ty == EventType::kEvacuation ||
           ty == EventType::kAidDelivery;
  };
  for (const NumberExpr& ne : ctx.numbers) {
    std::size_t best = SIZE_MAX, best_dist = SIZE_MAX;
    // Counts of people go to counting events; populations and other counts to any event.
    bool any_type = ne.noun_kind == "population" || ne.noun_kind == "other" || ne.noun_kind == "aid_tonnes";
    bool subset = ne.phrase_first > 0 && x.WordEndingAt(t, ne.phrase_first, kSubset).has_value();
    // The events of its sentence (at most ctx.kWindow tokens away): the events are in text order.
    std::size_t lo = ctx.WindowFirst(sent[ne.first], ne.first), hi = ctx.WindowEnd(sent[ne.first], ne.first);
    auto first_of = [&](std::size_t e) { return ctx.trigs[ctx.trig_of_event[e]].first; };
    std::size_t e0 = ctx.FirstEventAtOrAfter(0, lo);
    for (std::size_t e = e0; e < ctx.out.size() && first_of(e) < hi; ++e) {
      const Trig& tr = ctx.trigs[ctx.trig_of_event[e]];
      // A count of soldiers also goes to a deployment or an operation (وصول 400 جندي).
      // A count of people under a siege (يهدد الحصار حياة 80 ألف شخص) is the besieged population.
      bool besieged = ne.noun_kind == "person" && !ne.troops && tr.type == EventType::kBlockade && ne.first >= tr.last;
      bool counted = any_type || counts(tr.type) || besieged || (ne.troops && tr.type == EventType::kMilitaryOperation);
      if (!counted || sent[tr.first] != sent[ne.first]) continue;
      // The object of a verb or the complement of a noun follows it (قتل 27 شخصا، مقتل 68): a number
      // after a trigger belongs to it before a trigger that follows the number.
      std::size_t end = std::max(ne.last, ne.noun_end);
      // The trigger is the noun the number counts (3 ملايين نازح، 7 وفيات): its own figure, before all.
      bool own = ne.last <= tr.first && tr.first < ne.noun_end;
      std::size_t dist = own                   ? 0
                         : ne.first >= tr.last ? 1 + ne.phrase_first - std::min(ne.phrase_first, tr.last)
                                               : (tr.first - std::min(tr.first, end)) * 2 + 2;
      // A subset (بينهم مدنيان) trails the count it belongs to: the counting event before it (نقل 38 منهم
      // إلى المستشفيات، بينهم ستة أطفال: six of the 38).
      if (subset && !(counts(tr.type) && ne.first >= tr.last)) dist += 100;
      // A population's size goes with the people who fled or the siege they live under (GUIDELINES):
      // another event of the sentence only when there is none.
      if (ne.noun_kind == "population" && !counts(tr.type) && tr.type != EventType::kBlockade) dist += 100;
      if (dist < best_dist) {
        best_dist = dist;
        best = e;
      }
    }
    if (best == SIZE_MAX) continue;
    bool near_trigger = best_dist <= 5;
    if (ne.noun_kind.empty() && !near_trigger) continue;
    const Trig& tr = ctx.trigs[ctx.trig_of_event[best]];
    std::string kind = ne.noun_kind;
    if (kind.empty() || kind == "person" || (kind == "killed" && tr.type != EventType::kCasualties)) {
      switch (tr.type) {
        case EventType::kCasualties:
          kind = std::string(tr.word->Attr("kind", "killed"));
          break;
        case EventType::kDisplacement:
          kind = "displaced";
          break;
        case EventType::kEvacuation:
          kind = "evacuated";
          break;
        case EventType::kBlockade:
          kind = "population";
          break;
        default:
          kind = "other";
      }
    }
    Figure f;
    f.kind = vocab::ParseFigureKind(kind).value_or(vocab::FigureKind::kOther);
    f.value = ne.value;
    f.qualifier = ne.qualifier;
    f.begin = t[ne.first].begin;
    f.end = t[ne.last - 1].end;
    f.text = ctx.SpanText(f.begin, f.end);
    ctx.out[best].figures.push_back(f);
  }
}

}  // namespace khabar::extract::events
