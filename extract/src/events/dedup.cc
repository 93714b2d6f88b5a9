// Re-mentions: triggers that name an event already built are no new event.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

// A bare definite or demonstrative re-mention of an event already reported (أدان الهجوم, هذا
// الاتهام) is not a new event, unless it carries its own time or a participant right after it.
bool TriggerFrame::ReMention() {
  if (tr.definite) {
    bool seen = false;
    // سبب الانفجار، وقت الانفجار: the genitive of a noun pointing at an event re-mentions one reported
    // anywhere before in the article; other definite nouns one of this or the previous sentence.
    // (بسبب الهجوم "because of" introduces a cause: the pointing noun takes no proclitic.)
    std::optional<Hit> ptr = tr.first > 0 ? x.WordAt(t, tr.first - 1, kEventPointer, false, false) : std::nullopt;
    bool pointer = !tr.verb && tr.clitics == 0 && ptr && ptr->last == tr.first;
    std::size_t reach = pointer ? s : 1;
    // The events are in text order: back until one is seen.
    for (std::size_t e = ctx.out.size();
         !seen && e-- > 0 && sent[ctx.trigs[ctx.trig_of_event[e]].first] + reach >= s;) {
      // An attack and an operation are one family (قصف … ثم أدان الاتحاد الهجوم).
      auto family = [](EventType ty) { return ty == EventType::kAttack ? EventType::kMilitaryOperation : ty; };
      seen |= family(ctx.out[e].type) == family(tr.type);
    }
    // …للاشتباكات بين X و Y: parties named with it are its own too.
    bool own = has_parties || (tr.last < n && (mention_at[tr.last] != SIZE_MAX || !ctx.NisbasAt(tr.last).empty()));
    // الانفجار الذي وقع قرب مدينة X: a relative clause naming its place or time is its own.
    if (pointer && tr.last < n && x.IsRelativePronoun(t[tr.last].key)) {
      for (std::size_t j = tr.last + 1; j < n && j < tr.last + 8 && sent[j] == s && !own; ++j) {
        own = mention_at[j] != SIZE_MAX && mentions[mention_at[j]].type == EntityType::kPlace;
        std::size_t xj = ctx.TimexesFrom(j);
        own |= xj < ctx.timexes.size() && ctx.timexes[xj].first == j;
      }
    }
    // الهجمات الأخيرة ضد قوات التحالف: a named target after ضد makes it an occurrence of its own.
    for (std::size_t j = tr.last; j < n && j < tr.last + 3 && sent[j] == s && !own; ++j) {
      if (ctx.IsClauseBreak(j)) break;
      auto against = x.WordAt(t, j, kTargetPrep, false, false);
      own = against && !x.WordOf(*against).Attr("own").empty() && j + 1 < n && mention_at[j + 1] != SIZE_MAX;
    }
    // من خلال عمليات القصف: a series of acts of its own.
    if (auto series = tr.first > 0 ? x.WordEndingAt(t, tr.first, kSeries) : std::nullopt; series && tr.clitics == 0)
      own = true;
    bool own_time = false;
    std::size_t xi = ctx.TimexesFrom(tr.last);
    own_time = xi < ctx.timexes.size() && ctx.timexes[xi].first <= tr.last + 2;
    // عدد القتلى، المزيد من الجرحى: a count of its own, not a re-mention.
    bool counted = false;
    bool tallied = tr.type == EventType::kCasualties || tr.type == EventType::kDisplacement;  // عدد النازحين
    for (std::size_t k = tr.first >= 2 ? tr.first - 2 : 0; k < tr.first && tallied; ++k)
      counted |= x.WordAt(t, k, kCountNoun, false, true).has_value();
    if ((seen || tr.demonstrative) && !own && !own_time && !counted) return false;
  }
  return true;
}

// One occurrence, several words (هزم … في هجوم خاطف، استعاد سيطرته): a noun of the same type in
// the clause of a verb trigger is that verb's event; a present-tense verb right after an event noun
// describes it (عملية عسكرية تستهدف).
bool TriggerFrame::SameOccurrence() {
  if (!ctx.out.empty()) {
    const Trig& prev = ctx.trigs[ctx.trig_of_event.back()];
    bool same_clause = sent[prev.first] == s;
    // ردا على، انتقاما ل، عقب، إثر، بعد: what follows is another occurrence, the cause or the one before.
    for (std::size_t k = prev.last; k < tr.first && same_clause; ++k) {
      same_clause = !ctx.IsClauseBreak(k) && !In(x.keys.cause_words, t[k].key);
    }
    // صد الجيش هجوما: the attack a repelling verb governs is the attacker's, another occurrence.
    bool kin = prev.word->Attr("repel").empty() &&
               (prev.type == tr.type || (tr.type == EventType::kAttack && prev.type == EventType::kMilitaryOperation));
    // تبادل X من مواقعه … و Y من … القصف: a reciprocal verb's object may come after both sides, further on.
    std::size_t reach = prev.word->Attr("reciprocal").empty() ? 8 : 16;
    if (same_clause && kin && prev.verb && !tr.verb && tr.first - prev.last <= reach) return false;
    bool uncoordinated_verb = tr.verb && tr.clitics == 0;
    if (same_clause && kin && !prev.verb && uncoordinated_verb && tr.first - prev.last <= 2) return false;
    // النازحين الفارين من القتال: a definite participle agreeing with the noun before it describes it.
    bool agrees = tr.definite || !Extractor::Impl::IndefiniteNoun(t, tr.first);
    if (same_clause && prev.type == tr.type && !prev.verb && prev.definite && agrees && tr.first == prev.last)
      return false;
    // وصول 430 نازحا، فر 5000 نازح: the counted people of the movement just named.
    bool counted_people = !tr.word->Attr("quantity").empty();
    if (same_clause && prev.type == tr.type && counted_people && tr.first - prev.last <= 5) return false;
  }
  return true;
}

// A toll noun (حصيلة القصف) is a tally when a number follows in its clause, within eight words, and no
// casualty noun right after it takes the tally (حصيلة القتلى).
bool TriggerFrame::TollCounted() const {
  if (tr.last < n) {
    for (const Hit& h : t.triggers.At(tr.last, true)) {
      if (x.WordOf(h).Attr("type") == "Casualties") return false;
    }
  }
  for (std::size_t k = tr.last; k < n && k < tr.last + 8 && sent[k] == s && !ctx.IsClauseBreak(k); ++k) {
    if (t[k].kind == Token::Kind::kNumber) return true;
  }
  return false;
}

// A definite casualty noun (الجرحى، القتلى) is an event when a quantity goes with it (عشرات القتلى)
// or a count noun governs it (عدد القتلى، المزيد من الجرحى، عدد من الضحايا). A word marked quantity="1"
// (نازح) is one only after an explicit number or a count noun (10 آلاف نازح، عدد النازحين), not after
// a vague one (مئات النازحين).
bool TriggerFrame::CasualtyQuantity() {
  if (!tr.word->Attr("tally").empty()) return TollCounted();
  // بينهم 8 قتلى من الشرطة: the casualty noun a subset counts is part of the tally before, not another.
  if (tr.type == EventType::kCasualties && !tr.verb) {
    for (const NumberExpr& ne : ctx.numbers) {
      if (ne.last <= tr.first && tr.first < ne.noun_end && ne.noun_kind == "other") return false;
    }
  }
  bool quantity_word = !tr.word->Attr("quantity").empty();
  bool definite_casualty = tr.type == EventType::kCasualties && tr.definite;
  if (tr.verb || tr.demonstrative || !(definite_casualty || quantity_word)) return true;
  for (std::size_t k = tr.first >= 2 ? tr.first - 2 : 0; k < tr.first; ++k) {
    if (t[k].kind == Token::Kind::kNumber || x.WordAt(t, k, kCountNoun, false, true)) return true;
    auto number = x.WordAt(t, k, kNumberWord, false, true);
    if (number && (!quantity_word || x.WordOf(*number).Attr("kind") != "vague")) return true;
  }
  return false;
}

}  // namespace khabar::extract::events
