// The time of an event and the source that reports it.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

// Time: the nearest time expression in the sentence.
bool TriggerFrame::Time() {
  {
    const Timex* best = nullptr;
    std::size_t best_dist = SIZE_MAX;
    // Only those starting from 10 tokens (and a time expression's length) before the trigger to 10 after.
    std::size_t lo = tr.first > 10 + ctx.max_timex_len ? tr.first - 10 - ctx.max_timex_len : 0;
    for (std::size_t xi = ctx.TimexesFrom(lo); xi < ctx.timexes.size() && ctx.timexes[xi].first <= tr.last + 10; ++xi) {
      const Timex& tx = ctx.timexes[xi];
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
  // The last report of the sentence before the trigger, or its last "according to" if that comes later.
  std::size_t last = ctx.ReportsFrom(tr.first);
  last = last > 0 && sent[ctx.reports[last - 1].verb_tok] == s ? last - 1 : SIZE_MAX;
  std::size_t according = ctx.last_according[s];
  if (according != SIZE_MAX && (last == SIZE_MAX || according > last)) last = according;
  if (last != SIZE_MAX) ev.source = ctx.reports[last].speaker;
  if (statement && !ev.agents.empty() && ev.source == ev.agents.front()) ev.source.clear();
  return true;
}

}  // namespace khabar::extract::events
