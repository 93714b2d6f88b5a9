// Triggers: the words and phrases that name an event, with the checks that drop what is not one.
#include "events/context.h"

namespace khabar::extract::events {

namespace {

// All trigger readings of token i, longest first, then with fewer proclitics.
std::vector<Hit> Readings(const Extractor::Impl& x, const EventContext& ctx, std::size_t i) {
  const Tokens& t = ctx.t;
  // A word of the grammar lists read with a proclitic removed is still that word (وزارة is not و+زار).
  bool function_word = x.function_keys.count(t[i].key) > 0;
  // All readings, longest first, then with fewer proclitics; a weak reading without its cue gives way to
  // the next one (وفروا: "they provided" needs an aid cue, "and they fled" does not).
  std::vector<Hit> hits;
  for (const Hit& h : t.triggers.At(i, true)) {
    if (function_word && h.clitics > 0) continue;
    // ب and ك attach to nouns, never to a verb: وبحث is "and discussed", not و + ب + حث "and by urging".
    // A verb takes no article: القتل is the masdar "killing", not the verb قتل.
    if (x.WordOf(h).Attr("pos") == "verb" && h.article) continue;
    // bare="1": only without the article (سيطرة الميليشيا على المدينة; not مهام السيطرة، للسيطرة على).
    if (!x.WordOf(h).Attr("bare").empty() && h.article) continue;
    // التصدي للاستفزازات: the masdar of a repelling verb (forms, read as verbs) is no repelling.
    if (!x.WordOf(h).Attr("repel").empty() && h.article) continue;
    if (x.WordOf(h).Attr("pos") == "verb") {
      bool noun_clitic = false;
      for (std::size_t c = 0; c < h.clitics && c < t[i].key.size(); ++c)
        noun_clitic |= t[i].key[c] == kBeh || t[i].key[c] == kKaf;  // ب ك
      if (noun_clitic) continue;
    }
    hits.push_back(h);
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.last != b.last ? a.last > b.last : a.clitics < b.clitics;
  });
  return hits;
}

// Whether a count of people (soldiers or not, as `troops` says) stands near token `at` in its sentence.
bool PeopleCountNear(const EventContext& ctx, std::size_t at, bool troops) {
  // The count's phrase ends at most four words before it (100 ألف و 437 شخصا دخلوا) or starts after it.
  auto near = std::lower_bound(ctx.numbers.begin(), ctx.numbers.end(), at > 10 ? at - 10 : 0,
                               [](const NumberExpr& ne, std::size_t tok) { return ne.first < tok; });
  for (; near != ctx.numbers.end() && near->first <= at + 3; ++near) {
    if (std::max(near->last, near->noun_end) + 4 < at + 1) continue;
    bool people = near->noun_kind == "person" || near->noun_kind == "displaced";
    if (people && near->troops == troops && ctx.sent[near->first] == ctx.sent[at]) return true;
  }
  return false;
}

// cue="object": a cue word of the reading's type or a place among the three words after it (استعادة
// الجيش السيطرة، استعادة مدينة بارا; not استعادة الهدوء).
bool CueObject(const Extractor::Impl& x, const EventContext& ctx, const ontology::Word& w, std::size_t at) {
  for (std::size_t j = at + 1; j < ctx.n && j <= at + 3 && ctx.sent[j] == ctx.sent[at]; ++j) {
    if (ctx.mention_at[j] != SIZE_MAX && ctx.mentions[ctx.mention_at[j]].type == EntityType::kPlace) return true;
    if (auto c = x.WordAt(ctx.t, j, kEventCue, true, true); c && x.WordOf(*c).Attr("type") == w.Attr("type"))
      return true;
  }
  return false;
}

// cue="clause": a trigger of the reading's type later in its clause (تبادل الطرفان القصف; not تبادل الأسرى).
bool CueLaterInClause(const Extractor::Impl& x, const EventContext& ctx, const ontology::Word& w, std::size_t at) {
  for (std::size_t j = at + 1; j < ctx.n && j <= at + 16 && ctx.sent[j] == ctx.sent[at]; ++j) {
    if (ctx.IsClauseBreak(j)) return false;
    // The first trigger word after it decides: its object (تبادل الطرفان الاتهامات بخرق الهدنة: no).
    // An attack after a preposition (وجهات النظر حول الهجوم) or with a clitic (بالقصف) is not the object.
    bool other = false, governed = x.IsFunction(ctx.t[j - 1]);
    for (const Hit& h : ctx.t.triggers.At(j, true)) {
      if (x.WordOf(h).Attr("type") == w.Attr("type") && x.WordOf(h).Attr("weak").empty() && !governed && h.clitics == 0)
        return true;
      other = true;
    }
    if (other) return false;
  }
  return false;
}

// cue="projectile": a projectile word (an event cue of the reading's type) among the five words after it in
// its clause, the doer between them (أطلقت القوات 40 صاروخا، بإطلاق الطيران المروحي النار); not a release
// or a campaign (أطلق سراح الأسرى، أطلقت الوزارة حملة).
bool CueProjectile(const Extractor::Impl& x, const EventContext& ctx, const ontology::Word& w, std::size_t at) {
  for (std::size_t j = at + 1; j < ctx.n && j <= at + 5 && ctx.sent[j] == ctx.sent[at]; ++j) {
    if (ctx.IsClauseBreak(j)) return false;
    if (auto c = x.WordAt(ctx.t, j, kEventCue, true, true); c && x.WordOf(*c).Attr("type") == w.Attr("type"))
      return true;
  }
  return false;
}

// Whether the sentence of token `at` has a cue for the type of the weak reading w: an event cue word or
// a trigger of that type that is not weak.
bool HasCue(const Extractor::Impl& x, const EventContext& ctx, const ontology::Word& w, std::size_t at) {
  const Tokens& t = ctx.t;
  // cue="troops": a count of soldiers is the only cue (وصول 400 جندي: a deployment).
  if (w.Attr("cue") == "troops") return PeopleCountNear(ctx, at, true);
  if (w.Attr("cue") == "object") return CueObject(x, ctx, w, at);
  if (w.Attr("cue") == "clause") return CueLaterInClause(x, ctx, w, at);
  if (w.Attr("cue") == "projectile") return CueProjectile(x, ctx, w, at);
  // A count of people moving (1050 شخصا عبروا، دخل 300 شخص), not of soldiers: the cue of a displacement.
  if (w.Attr("type") == "Displacement" && PeopleCountNear(ctx, at, false)) return true;
  const std::vector<std::size_t>& mention_at = ctx.mention_at;
  const std::vector<std::size_t>& sent = ctx.sent;
  for (std::size_t j = ctx.WindowFirst(sent[at], at); j < ctx.WindowEnd(sent[at], at); ++j) {
    if (j == at) continue;
    // A name's words (the UN's refugee agency) are no cue, except a named way in or out for a closing
    // (إغلاق ممر لاتشين، أغلقت معبر رفح).
    if (mention_at[j] != SIZE_MAX &&
        !(w.Attr("type") == "Blockade" && ctx.mentions[mention_at[j]].type == EntityType::kPlace))
      continue;
    if (auto c = x.WordAt(t, j, kEventCue, true, true); c && x.WordOf(*c).Attr("type") == w.Attr("type")) return true;
    for (const Hit& h : t.triggers.At(j, true)) {
      if (x.WordOf(h).Attr("type") == w.Attr("type") && x.WordOf(h).Attr("weak").empty()) return true;
    }
  }
  return false;
}

// subject="person": the reading needs a person for subject, named or titled, right after the verb
// (وصل أردوغان إلى، وصل المبعوث الأمريكي: a visit; وصل اللاجئون: not one), or a delegation a few words on.
bool PersonSubject(const Extractor::Impl& x, const EventContext& ctx, const Hit& h, std::size_t i) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  const std::vector<Mention>& mentions = ctx.mentions;
  const std::vector<std::size_t>& mention_at = ctx.mention_at;
  const std::vector<std::size_t>& sent = ctx.sent;
  for (std::size_t j = h.last; j < n && j < h.last + 2 && sent[j] == sent[i]; ++j) {
    if (mention_at[j] != SIZE_MAX && mentions[mention_at[j]].type == EntityType::kPerson) return true;
    if (mention_at[j] != SIZE_MAX) break;
    if (x.WordAt(t, j, kTitle, false, false)) return true;
    if (!t[j].is_word()) break;
  }
  // وصل إلى المدينة وفد حركة X، ووصلت إلى المدينة، اليوم، الوفود: a delegation after the place.
  for (std::size_t j = h.last; j < n && j < h.last + 8 && sent[j] == sent[i]; ++j) {
    if (x.WordAt(t, j, kDelegation, true)) return true;
  }
  return false;
}

// Forces on the move (دخول قوات X، دخلت القوات، وصل الجيش): the mover right after the word is an armed
// force or a force head, so a weak reading of displacement does not hold.
bool ForcesMove(const Extractor::Impl& x, const EventContext& ctx, const Hit& h, std::size_t i) {
  for (std::size_t j = h.last; j < ctx.n && j < h.last + 2 && ctx.sent[j] == ctx.sent[i]; ++j) {
    if (const Mention* m = ctx.ActorAt(j)) return m->type == EntityType::kArmedForce;
    if (x.WordAt(ctx.t, j, kForceHead, true, true)) return true;
    if (!ctx.t[j].is_word()) return false;
  }
  return false;
}

// The reading of token i that holds: the first whose subject and cue conditions are met.
std::optional<Hit> BestReading(const Extractor::Impl& x, const EventContext& ctx, std::size_t i) {
  std::vector<Hit> hits = Readings(x, ctx, i);
  std::optional<Hit> best;
  for (const Hit& h : hits) {
    if (x.WordOf(h).Attr("subject") == "person" && !PersonSubject(x, ctx, h, i)) continue;
    if (x.WordOf(h).Attr("type") == "Displacement" && !x.WordOf(h).Attr("weak").empty() && ForcesMove(x, ctx, h, i))
      continue;
    if (x.WordOf(h).Attr("weak").empty() || HasCue(x, ctx, x.WordOf(h), i)) {
      best = h;
      break;
    }
  }
  return best;
}

// Not asserted: future/negation/condition words before it; a masdar after the purpose lam.
bool NotAsserted(const Extractor::Impl& x, const EventContext& ctx, std::size_t start, EventType type) {
  const Tokens& t = ctx.t;
  if (start > 0 && type != EventType::kAppeal && type != EventType::kDenial && type != EventType::kCondemnation) {
    auto na = x.WordEndingAt(t, start, kNotAsserted);
    if (!na && start > 1) {  // بهدف انتزاع استسلام: purpose words reach over one masdar
      auto na2 = x.WordEndingAt(t, start - 1, kNotAsserted);
      if (na2 && !x.WordOf(*na2).Attr("scope").empty()) na = na2;
    }
    if (na) {
      // قد + past is "has" (asserted); قد + present is "may".
      const std::u32string& k = t[start].key;
      bool present = !k.empty() && (k[0] == kYeh || k[0] == kTeh || k[0] == kNoon);
      if (x.WordOf(*na).Attr("present-only").empty() || present) return true;
    }
  }
  return false;
}

// ل/لل + masdar is a purpose or a complement, unless a verb before governs it.
bool UngovernedLam(const Extractor::Impl& x, const EventContext& ctx, std::size_t start, const Hit& best, bool verb) {
  const Tokens& t = ctx.t;
  if (best.clitics > 0 && !verb) {
    const std::u32string& k = t[start].key;
    bool lam = k[0] == kLam || (k.size() > 1 && (k[0] == kWaw || k[0] == kFeh) && k[1] == kLam);
    bool lamlam = lam && k.size() > 2 && k[k[0] == kLam ? 1 : 2] == kLam;
    // ل/لل + masdar is a purpose or a complement (لإجراء محادثات, وقف فوري للقتال), except after a verb
    // that governs it (تعرضت لقصف, تعرضوا للتطهير العرقي).
    bool governed = false;
    for (std::size_t g = start; g > 0 && start - g < 10 && !governed; --g) {
      // تعرضت المدينة، فجر الخميس، لقصف: the governor reaches over commas, not over other punctuation.
      if (t[g - 1].kind == Token::Kind::kPunct && t[g - 1].key != U"\u201C" && t[g - 1].key != U"\"" &&
          !IsChar(t[g - 1].key, kArabicComma) && t[g - 1].key != U",")
        break;
      governed = x.WordEndingAt(t, g, kLamGovernor).has_value();
    }
    if (lam && !governed) return true;
    (void)lamlam;
  }
  return false;
}

// The content of a call (دعا إلى وقف القتال، طلبت إجراء محادثات، دعت إلى عقد اجتماع), of a pledge, or
// what a blockade keeps out: not an event that happened.
bool CalledFor(const Extractor::Impl& x, const EventContext& ctx, std::size_t start, const Hit& best, EventType type) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  const std::vector<std::size_t>& mention_at = ctx.mention_at;
  const std::vector<std::size_t>& sent = ctx.sent;
  if (type != EventType::kAppeal && type != EventType::kPledge && !ctx.trigs.empty()) {
    // The content of a call (دعا إلى وقف القتال، طلبت إجراء محادثات، دعت إلى عقد اجتماع).
    bool after_appeal = false;
    // What a blockade keeps out (منعت دخول 50 شاحنة مساعدات) did not get through: no delivery.
    bool kept_out =
        type == EventType::kAidDelivery || type == EventType::kDisplacement || type == EventType::kEvacuation;
    // Only the triggers ending at most 10 tokens before it can govern it (the triggers so far are in text
    // order, disjoint).
    for (std::size_t pi = ctx.trigs.size(); pi-- > 0 && ctx.trigs[pi].last + 10 >= start;) {
      const Trig& p = ctx.trigs[pi];
      // What is pledged is to come (تعهد بمواصلة القتال), like what is called for.
      bool governs =
          p.type == EventType::kAppeal || p.type == EventType::kPledge || (p.type == EventType::kBlockade && kept_out);
      if (!governs || p.last > start || sent[p.first] != sent[start]) continue;
      bool clause = true;
      for (std::size_t k = p.last; k < start; ++k) clause &= !ctx.IsClauseBreak(k);
      bool via_ila = start >= 1 && (t[start - 1].key == x.keys.ila || IsChar(t[start - 1].key, kBeh) ||
                                    (start >= 2 && t[start - 2].key == x.keys.ila));
      // طالب الوزير الأطراف بوقف القتال، تعهد الرئيس بمواصلة القتال: a ب + masdar after the subject.
      bool via_bi_masdar = (start >= 1 && t[start - 1].key.size() > 3 && t[start - 1].key[0] == kBeh &&
                            !x.IsFunction(t[start - 1]) && mention_at[start - 1] == SIZE_MAX) ||
                           (best.clitics > 0 && t[start].key[0] == kBeh);  // بوقف القتال
      after_appeal |= clause && (start - p.last <= 3 || (via_ila && start - p.last <= 6) ||
                                 (via_bi_masdar && start - p.last <= 10));
    }
    // …الالتزام بوقف إطلاق النار لعام 2020: an agreement with its own date is one that was made.
    std::size_t after = best.last;
    bool dated = after + 1 < n && EndsWith(t[after].key, x.keys.am) && t[after + 1].kind == Token::Kind::kNumber;
    if (after_appeal && !dated) return true;
  }
  return false;
}

// After a demonstrative (هذا هذه ذلك تلك).
// scale="T": an attack noun followed within three words of its sentence by a scale modifier (هجوم واسع
// النطاق، هجوما بريا، هجوم للسيطرة على) names a campaign of type T.
std::optional<EventType> ScaledType(const Extractor::Impl& x, const EventContext& ctx, const ontology::Word& w,
                                    const Hit& best) {
  std::string_view scale = w.Attr("scale");
  if (scale.empty()) return std::nullopt;
  for (std::size_t j = best.last; j < ctx.n && j < best.last + 3 && ctx.sent[j] == ctx.sent[best.first]; ++j) {
    if (ctx.IsClauseBreak(j)) break;
    if (x.WordAt(ctx.t, j, kScaleModifier, true, true)) return vocab::ParseEventType(scale);
  }
  return std::nullopt;
}

// مفاوضات وقف إطلاق النار، محادثات السلام: a truce that is the genitive of a talks noun is what the talks
// are about, not a truce that holds.
bool TopicOfTalks(const Extractor::Impl& x, const EventContext& ctx, std::size_t start, EventType type) {
  if (type != EventType::kCeasefire || start == 0 || ctx.t[start - 1].kind != Token::Kind::kWord) return false;
  for (const Hit& h : ctx.t.triggers.At(start - 1, true)) {
    if (h.last == start && x.WordOf(h).Attr("type") == "Negotiation" && x.WordOf(h).Attr("pos") == "noun") return true;
  }
  return false;
}

bool AfterDemonstrative(const Extractor::Impl& x, const Tokens& t, std::size_t start) {
  return In(x.keys.demonstratives, t[start - 1].key);  // هذا هذه ذلك تلك
}

}  // namespace

void FindTriggers(const Extractor::Impl& x, EventContext& ctx) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  const std::vector<std::size_t>& mention_at = ctx.mention_at;
  std::vector<char> blocked(n, 0);  // words of non-event compounds (جرائم حرب)
  for (std::size_t i = 0; i < n; ++i) {
    if (auto ne = x.WordAt(t, i, kNonEvent)) {
      for (std::size_t j = ne->first; j < ne->last; ++j) blocked[j] = 1;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!t[i].is_word() || mention_at[i] != SIZE_MAX || blocked[i]) continue;
    std::optional<Hit> best = BestReading(x, ctx, i);
    if (!best) continue;
    bool inside_mention = false;
    for (std::size_t j = best->first; j < best->last; ++j) inside_mention |= mention_at[j] != SIZE_MAX;
    if (inside_mention) continue;
    const ontology::Word& w = x.WordOf(*best);
    auto type = vocab::ParseEventType(w.Attr("type"));
    std::size_t start = i;
    i = best->last - 1;  // a dropped phrase is dropped whole: its words are not triggers either
    if (!type) continue;
    std::string_view pos = w.Attr("pos");
    bool verb = pos == "verb" || (pos == "form" && !EndsWith(t[start].key, kHeh));
    if (NotAsserted(x, ctx, start, *type)) continue;
    // فقد before a verb is the particle ف + قد (فقد حثت، فقد ذكرت), not "went missing".
    if (best->last - best->first == 1 && best->clitics == 0 && t[start].key == x.keys.faqad && best->last < n &&
        x.VerbLike(ctx.text, t, best->last)) {
      continue;
    }
    // "reached N" (وصل إلى 100417) is a count, not a movement.
    if (!w.Attr("weak").empty() && best->last + 1 < n && t[best->last].key == x.keys.ila &&
        t[best->last + 1].kind == Token::Kind::kNumber) {
      continue;
    }
    if (UngovernedLam(x, ctx, start, *best, verb)) continue;
    if (CalledFor(x, ctx, start, *best, *type)) continue;
    if (TopicOfTalks(x, ctx, start, *type)) continue;
    if (auto scaled = ScaledType(x, ctx, w, *best)) type = scaled;

    bool definite = !verb && best->article;
    bool demonstrative = !verb && start > 0 && AfterDemonstrative(x, t, start);
    ctx.trigs.push_back({best->first, best->last, best->begin, &w, *type, verb, best->clitics,
                         definite || demonstrative, demonstrative});
  }
}

}  // namespace khabar::extract::events
