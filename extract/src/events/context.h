// Internal to extract/: what the event passes share for one article (the input mentions, the sentences,
// numbers, time expressions, reporting frames and triggers found so far, the events built), and the
// ordered table of the passes. Not installed.
#pragma once

#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "extractor_impl.h"

namespace khabar::extract::events {

// A count in the text (27، 1.9 مليون، سبعة آلاف، مدنيان) and what it counts.
struct NumberExpr {
  std::size_t first = 0, last = 0;  // tokens
  std::size_t phrase_first = 0;     // first token of the qualifier before it, or `first`
  std::int64_t value = 0;
  vocab::Qualifier qualifier = vocab::Qualifier::kExact;
  std::string noun_kind;  // from the figure noun after it: person, killed, …, or empty
  std::size_t noun_end = 0;
  bool troops = false;  // the figure noun is soldiers (400 جندي)
};

// A trigger word or phrase that passed the checks of the trigger pass.
struct Trig {
  std::size_t first, last;
  std::uint32_t begin;
  const ontology::Word* word;
  EventType type;
  bool verb;
  std::uint8_t clitics;
  bool definite;  // a noun with the article (or after a demonstrative): maybe a re-mention
  bool demonstrative;
};

// A reporting verb and its speaker, or "according to X".
struct Report {
  std::size_t verb_tok;
  std::string speaker;
  bool according_to = false;  // وفقا لـ X: the source of its whole sentence, not a subject
};

// A time expression and the dates it resolves to.
struct Timex {
  std::size_t first, last;
  std::optional<Date> from, to;
};

// Whether `key` is all ASCII digits (at most 15); its value in *v.
bool ParseDigits(const std::u32string& key, std::int64_t* v);

struct EventContext {
  EventContext(const Extractor::Impl& x_, const Document& doc_, const Tokens& t_, const std::vector<Mention>& mentions_,
               const std::vector<std::size_t>& mention_at_, const std::vector<NisbaHit>& nisbas_)
      : x(x_),
        doc(doc_),
        text(doc_.text),
        t(t_),
        n(t_.size()),
        mentions(mentions_),
        mention_at(mention_at_),
        nisbas(nisbas_) {}

  // The input.
  const Extractor::Impl& x;
  const Document& doc;
  const std::u32string& text;
  const Tokens& t;
  const std::size_t n;
  const std::vector<Mention>& mentions;
  const std::vector<std::size_t>& mention_at;  // token -> mention index, or SIZE_MAX
  const std::vector<NisbaHit>& nisbas;

  // Found by the passes, in order.
  std::vector<std::size_t> sent;        // token -> its sentence
  std::vector<std::size_t> sent_first;  // sentence -> its first token, then one past the last sentence
  std::vector<NumberExpr> numbers;
  std::vector<Trig> trigs;
  std::vector<Report> reports;                               // in text order
  std::vector<Timex> timexes;                                // in text order
  std::vector<std::pair<std::size_t, std::string>> openers;  // (first token of the sentence, actor)
  std::vector<Event> out;                                    // the events built, in trigger order
  std::vector<std::size_t> trig_of_event;                    // event -> its trigger
  std::vector<char> drop;                                    // event -> merged into another one

  // One past the last token of sentence s.
  std::size_t SentEnd(std::size_t s) const { return s + 1 < sent_first.size() ? sent_first[s + 1] : n; }
  // A rule that scans the sentence of token i scans at most kWindow tokens either side of i: a sentence with
  // no punctuation can be as long as the article. Real sentences (under 100 tokens) fit whole in the window.
  static constexpr std::size_t kWindow = 256;
  std::size_t WindowFirst(std::size_t s, std::size_t i) const {
    return std::max(sent_first[s], i > kWindow ? i - kWindow : 0);
  }
  std::size_t WindowEnd(std::size_t s, std::size_t i) const { return std::min(SentEnd(s), i + kWindow); }

  // Indexes over the input and the passes before BuildEvents, made by BuildIndexes at its start; they keep
  // the per-trigger rules from scanning the whole article.
  void BuildIndexes();
  // The nisbas at token `tok`, in the order of `nisbas`.
  std::span<const NisbaHit> NisbasAt(std::size_t tok) const;
  // The index of the first report whose verb is at or after token `tok` (reports are in text order).
  std::size_t ReportsFrom(std::size_t tok) const;
  // The index of the first time expression starting at or after token `tok` (timexes are in text order).
  std::size_t TimexesFrom(std::size_t tok) const;
  // The index of the first of `toks` (tokens in text order) at or after token `tok`.
  static std::size_t From(const std::vector<std::size_t>& toks, std::size_t tok) {
    return std::lower_bound(toks.begin(), toks.end(), tok) - toks.begin();
  }
  std::vector<std::size_t> mention_starts;  // the first token of each mention, in text order
  std::vector<std::size_t> place_anaphors;  // the tokens where a place anaphor (المنطقة، الممر) starts
  std::vector<NisbaHit> nisbas_by_tok;      // `nisbas` stably sorted by token
  std::unordered_set<std::string> group_entities;   // the entities of the mentions of groups
  std::unordered_set<std::string> force_entities;   // the entities of the mentions of armed forces
  std::unordered_set<std::string> person_entities;  // the entities of the mentions of persons
  // A person of an armed force or of a movement of no state -> that force or movement.
  std::unordered_map<std::string, std::string> person_body;
  // Token key -> the tokens with that key where an actor's mention begins, in text order.
  std::unordered_map<std::u32string, std::vector<std::size_t>> actor_starts;
  std::vector<std::size_t> last_according;  // sentence -> its last "according to" report, or SIZE_MAX
  std::size_t max_timex_len = 0;            // tokens of the longest time expression
  // Punctuation that ends a clause: , ، ; ؛ :
  bool IsClauseBreak(std::size_t i) const {
    return t[i].kind == Token::Kind::kPunct && kClauseBreaks.find(t[i].key[0]) != std::u32string_view::npos;
  }
  std::string SpanText(std::uint32_t b, std::uint32_t e) const { return EncodeUtf8(text.substr(b, e - b)); }
  // The actor mention at token i, if any.
  const Mention* ActorAt(std::size_t i) const {
    if (i >= n || mention_at[i] == SIZE_MAX) return nullptr;
    const Mention& m = mentions[mention_at[i]];
    return IsActorType(m.type) ? &m : nullptr;
  }
  // The state an actor stands for or belongs to (وزارة الدفاع الأذربيجانية → أذربيجان), or "".
  std::string StateOf(const Mention& m) const;
  // A force noun with a possessive pronoun (قواتها، جيشه، وجنودها، مقاتلوها): the armed force of the
  // nearest state-bound actor before it (the state itself when no army of it is known or named), or
  // that actor itself when it is a force or movement of no state; or "".
  std::string PronounForce(std::size_t i) const;
  // A head that an actor's name leaves out (جماعة بوكو حرام، وكالة الأونروا, where the mention is the name
  // alone; wordlist name_head) at token i: the token after it when an actor's mention begins there; else i.
  std::size_t PastNameHead(std::size_t i) const;
  // A definite word at token i that is no mention (an adjective after a noun: قواتها البحرية).
  bool DefiniteAdjective(std::size_t i) const {
    return i < n && t[i].is_word() && mention_at[i] == SIZE_MAX && t[i].key.size() > 3 && t[i].key[0] == kAlef &&
           t[i].key[1] == kLam;
  }
  // A force head after a demonstrative (هذه القوات) at token i: the armed force named last before it, in
  // its sentence or the two before, or "".
  std::string DemonstrativeForce(std::size_t i) const;
  // The state that الاحتلال / العدو at token i (alone, or after a force or weapon head: جيش الاحتلال،
  // طائرات العدو) stands for: `occupier`, when the article names it; a bare الجيش there: `home_army`;
  // else empty.
  std::string OccupierAt(std::size_t i) const;
  // The first event at or after index `from` whose trigger starts at token `tok` or later (events are in
  // text order): a binary search, written out because clang 14's ranges reject libstdc++ 12's iota_view.
  std::size_t FirstEventAtOrAfter(std::size_t from, std::size_t tok) const {
    std::size_t lo = from, hi = out.size();
    while (lo < hi) {
      std::size_t mid = lo + (hi - lo) / 2;
      if (trigs[trig_of_event[mid]].first < tok) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
  std::string occupier;   // the state the article names as الاحتلال + nisba (pass "occupier")
  std::string home_army;  // the one national army the article names (pass "home-army")
  // The place an anaphor (المنطقة, الممر) of this subtype at token `before` stands for, or "".
  std::string SalientPlace(const std::string& subtype, std::size_t before) const;
  // SalientPlace's places of one subtype: their begins and entities in text order, the most mentioned.
  struct SubtypePlaces {
    std::vector<std::uint32_t> begin;
    std::vector<const std::string*> entity;
    std::string top;
  };
  mutable std::map<std::string, SubtypePlaces> salient_places;
};

// An article-level pass: reads the context, adds what it finds.
struct EventPass {
  std::string_view name;
  void (*run)(const Extractor::Impl&, EventContext&);
  std::string_view what;
  bool required = false;  // the others index what it builds: it cannot be switched off
};
// The passes in the order they run.
std::span<const EventPass> EventPasses();

void SplitSentences(const Extractor::Impl& x, EventContext& ctx);
void FindNumbers(const Extractor::Impl& x, EventContext& ctx);
void FindDualNouns(const Extractor::Impl& x, EventContext& ctx);
void FindTriggers(const Extractor::Impl& x, EventContext& ctx);
void FindReports(const Extractor::Impl& x, EventContext& ctx);
void FindTimexes(const Extractor::Impl& x, EventContext& ctx);
void FindOpeners(const Extractor::Impl& x, EventContext& ctx);
void FindOccupier(const Extractor::Impl& x, EventContext& ctx);
void FindHomeArmy(const Extractor::Impl& x, EventContext& ctx);
void BuildEvents(const Extractor::Impl& x, EventContext& ctx);
void FindDelegations(const Extractor::Impl& x, EventContext& ctx);
void AddDualTriggers(const Extractor::Impl& x, EventContext& ctx);
void AttachFigures(const Extractor::Impl& x, EventContext& ctx);
void MergeTallies(const Extractor::Impl& x, EventContext& ctx);
void TallyDoers(const Extractor::Impl& x, EventContext& ctx);
void FightingParties(const Extractor::Impl& x, EventContext& ctx);
void ReciprocalDoers(const Extractor::Impl& x, EventContext& ctx);
void DefaultPlaces(const Extractor::Impl& x, EventContext& ctx);

}  // namespace khabar::extract::events
