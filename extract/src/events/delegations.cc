// Delegations: the parties a paragraph names as taking part in talks (وفدي X وY، الوفد القطري، يشارك عن
// الجانب المصري، بوساطة X), for the talks that name none of their own, and the visitors of an arrival whose
// subject is a delegation (وصل إلى المدينة وفد حركة X برئاسة Y، إضافة إلى وفد تركي).
#include "events/context.h"

namespace khabar::extract::events {

namespace {

// Talks take the parties named at most this many tokens before or after them (a few sentences).
constexpr std::size_t kTokensBefore = 60, kTokensAfter = 120;
// A delegation that arrives is named at most this many tokens after the verb (past إلى + the place).
constexpr std::size_t kArrivalReach = 8;

struct Party {
  std::size_t tok;
  std::string entity;
};

// The actor whose mention starts in token k (after its clitics: وإسرائيل), or null.
const Mention* ActorStartingAt(const EventContext& ctx, std::size_t k) {
  const Mention* m = ctx.ActorAt(k);
  return m && (k == 0 || ctx.mention_at[k - 1] != ctx.mention_at[k]) ? m : nullptr;
}

// The token after the mention that covers token k.
std::size_t AfterMention(const EventContext& ctx, std::size_t k) {
  while (k + 1 < ctx.n && ctx.mention_at[k + 1] == ctx.mention_at[k]) ++k;
  return k + 1;
}

// The senders of the delegation word at token i: the mention it heads (الوفد القطري as one mention), the
// actors after it, coordinated with و (وفدي X وY، وفد من X), or a state's nisba on it (وفد تركي). Appends
// them to *out; returns the token after the last one, or i + 1 when there is none.
std::size_t Senders(const Extractor::Impl& x, const EventContext& ctx, std::size_t i, std::size_t word_end,
                    std::vector<std::string>* out) {
  const Tokens& t = ctx.t;
  if (const Mention* m = ActorStartingAt(ctx, i); m && ctx.mention_at[word_end - 1] == ctx.mention_at[i]) {
    out->push_back(m->entity);
    return AfterMention(ctx, i);
  }
  std::size_t k = word_end;
  if (k + 1 < ctx.n && t[k].key == x.keys.min) ++k;  // وفد من X
  if (k + 1 < ctx.n && ctx.mention_at[k] == SIZE_MAX && x.WordAt(t, k, kMovementHead, true, false)) {
    ++k;  // وفد حركة X
  }
  std::size_t end = i + 1;
  while (k < ctx.n && ctx.sent[k] == ctx.sent[i]) {
    const Mention* m = ActorStartingAt(ctx, k);
    if (!m) break;
    out->push_back(m->entity);
    end = AfterMention(ctx, k);
    k = end;
    if (k >= ctx.n || !t[k].is_word() || t[k].key[0] != kWaw || ctx.mention_at[k] == SIZE_MAX) break;  // و + Y
  }
  if (end == i + 1 && word_end < ctx.n && ctx.mention_at[word_end] == SIZE_MAX) {
    for (const NisbaHit& nh : ctx.NisbasAt(word_end)) {
      if (nh.tok == word_end && !nh.demonym) {
        out->push_back(x.entities[nh.entity].id);
        end = word_end + 1;
        break;
      }
    }
  }
  return end;
}

// The parties the article names as taking part: the senders of its delegations, and the actors right
// after a word of participation (يشارك عن الجانب X، بمشاركة X، بوساطة X).
std::vector<Party> FindParties(const Extractor::Impl& x, const EventContext& ctx) {
  std::vector<Party> parties;
  const Tokens& t = ctx.t;
  for (std::size_t i = 0; i < ctx.n; ++i) {
    std::vector<std::string> found;
    if (auto d = x.WordAt(t, i, kDelegation, true)) {
      Senders(x, ctx, i, d->last, &found);
    } else if (auto p = x.WordAt(t, i, kParticipation, false)) {
      std::size_t k = p->last;
      if (k + 1 < ctx.n && (t[k].key == x.keys.an || t[k].key == x.keys.min)) ++k;  // عن، من
      if (k < ctx.n && ctx.sent[k] == ctx.sent[i]) {
        if (const Mention* m = ActorStartingAt(ctx, k)) found.push_back(m->entity);
      }
    }
    for (auto& e : found) parties.push_back({i, std::move(e)});
  }
  return parties;
}

void AddOnce(std::vector<std::string>& to, const std::string& entity) {
  if (std::find(to.begin(), to.end(), entity) == to.end()) to.push_back(entity);
}

// Talks with no party of their own, or held by mediators (اجتماعات للوسطاء مع X، عقد الوسطاء لقاءات): the
// parties named in the few sentences around them.
void TalksParties(const Extractor::Impl& x, EventContext& ctx, const std::vector<Party>& parties) {
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    Event& ev = ctx.out[e];
    if (ctx.drop[e] || ev.type != EventType::kNegotiation) continue;
    const Trig& tr = ctx.trigs[ctx.trig_of_event[e]];
    const std::size_t s = ctx.sent[tr.first];
    bool mediators = false;
    for (std::size_t j = tr.first >= 2 ? tr.first - 2 : 0; j < ctx.n && j < tr.last + 2; ++j) {
      if (ctx.sent[j] != s || (j >= tr.first && j < tr.last)) continue;  // عقد الوسطاء اجتماعات، اجتماعات للوسطاء
      mediators |= x.WordAt(ctx.t, j, kMediators, true).has_value();
    }
    if (!ev.agents.empty() && !mediators) continue;
    for (const Party& p : parties) {
      if (p.tok + kTokensBefore >= tr.first && p.tok <= tr.last + kTokensAfter) AddOnce(ev.agents, p.entity);
    }
  }
}

// An arrival verb whose subject is a delegation after the place (وصل إلى المدينة وفد حركة X برئاسة Y،
// إضافة إلى وفد تركي): the senders, the person heading it, and the delegations added to it.
void ArrivingDelegations(const Extractor::Impl& x, EventContext& ctx) {
  const Tokens& t = ctx.t;
  for (std::size_t e = 0; e < ctx.out.size(); ++e) {
    Event& ev = ctx.out[e];
    const Trig& tr = ctx.trigs[ctx.trig_of_event[e]];
    if (ctx.drop[e] || ev.type != EventType::kVisit || !tr.verb || !ev.agents.empty()) continue;
    std::size_t s = ctx.sent[tr.first];
    for (std::size_t j = tr.last; j < ctx.n && j < tr.last + kArrivalReach && ctx.sent[j] == s; ++j) {
      auto d = x.WordAt(t, j, kDelegation, true);
      if (!d) continue;
      std::size_t k = Senders(x, ctx, j, d->last, &ev.agents);
      while (k < ctx.n && ctx.sent[k] == s) {
        auto title = x.WordAt(t, k, kTitle, false);
        const Mention* head = title ? ActorStartingAt(ctx, title->last) : nullptr;
        if (head && head->type == EntityType::kPerson) {  // برئاسة Y
          AddOnce(ev.agents, head->entity);
          k = AfterMention(ctx, title->last);
          continue;
        }
        // إضافة إلى وفد تركي، ووفد X: another delegation a few words on, with no actor between.
        std::size_t next = k;
        while (next < ctx.n && next < k + 4 && ctx.sent[next] == s && ctx.mention_at[next] == SIZE_MAX &&
               !x.WordAt(t, next, kDelegation, true)) {
          ++next;
        }
        auto more = next < ctx.n && ctx.sent[next] == s ? x.WordAt(t, next, kDelegation, true) : std::nullopt;
        if (!more) break;
        std::vector<std::string> added;
        k = Senders(x, ctx, next, more->last, &added);
        if (added.empty()) break;
        for (const auto& a : added) AddOnce(ev.agents, a);
      }
      break;
    }
  }
}

}  // namespace

void FindDelegations(const Extractor::Impl& x, EventContext& ctx) {
  ArrivingDelegations(x, ctx);
  TalksParties(x, ctx, FindParties(x, ctx));
}

}  // namespace khabar::extract::events
