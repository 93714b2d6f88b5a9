// The time of an event and the source that reports it.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

// Time: the nearest time expression in the sentence.
bool TriggerFrame::Time() {
  {
    const Timex* best = nullptr;
    std::size_t best_dist = SIZE_MAX;
    for (const Timex& tx : ctx.timexes) {
      if (sent[tx.first] != s) continue;
      std::size_t dist = tx.first >= tr.last ? tx.first - tr.last : tr.first - tx.last;
      if (dist > 10) continue;  // a date further away belongs to another clause
      if (dist < best_dist) {
        best_dist = dist;
        best = &tx;
      }
    }
    if (best) {
      ev.time_text = ctx.SpanText(t[best->first].begin, t[best->last - 1].end);
      ev.date = best->from;
      if (best->to && best->from && !(*best->to == *best->from)) ev.date_to = best->to;
    }
  }
  return true;
}

// Source: the speaker of the sentence's reporting verb before the trigger.
bool TriggerFrame::Source() {
  for (const Report& r : ctx.reports) {
    if (sent[r.verb_tok] == s && (r.verb_tok < tr.first || r.according_to)) ev.source = r.speaker;
  }
  if (statement && !ev.agents.empty() && ev.source == ev.agents.front()) ev.source.clear();
  return true;
}

}  // namespace khabar::extract::events
