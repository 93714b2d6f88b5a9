// Internal to extract/: the extractor's shared state (the lexicon compiled into matchers, the word
// lists the rules read) and the helpers its passes share. Not installed.
#pragma once

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "keys.h"
#include "khabar/extract/arabic.h"
#include "khabar/extract/extractor.h"
#include "matcher.h"
#include "timex.h"

namespace khabar::extract {

using internal::Hit;
using internal::KeyHash;
using internal::KeySet;
using internal::Matcher;
using internal::Payload;
using internal::Tokens;
using internal::TokenVariants;
using internal::VariantView;
using vocab::EntityType;
using vocab::EventType;

inline std::u32string K(std::string_view utf8) { return MatchKeyUtf8(utf8); }

inline bool EndsWith(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

inline bool IsActorType(EntityType t) { return t != EntityType::kPlace; }

inline bool EndsWith(std::u32string_view s, char32_t c) { return !s.empty() && s.back() == c; }

// The word lists the rules need; Create() fails if one is missing.
enum List : std::uint16_t {
  kTitle,
  kReportingVerb,
  kAccordingTo,
  kClassifier,
  kMediaClassifier,
  kInstitution,
  kForceHead,
  kGovHead,
  kPolityHead,
  kPopulationHead,
  kEthnicHead,
  kModifier,
  kLocative,
  kStopword,
  kNumberWord,
  kQualifier,
  kFigureNoun,
  kWeekday,
  kMonth,
  kRelativeTime,
  kNotAsserted,
  kTrigger,
  kEventCue,
  kNonEvent,
  kLamGovernor,
  kSubset,
  kDualNoun,
  kUnitNoun,
  kPlaceAnaphor,
  kMasculineHead,
  kTimeOfDay,
  kInstrument,
  kScaleModifier,
  kBothSides,
  kOccupier,
  kHomeArmy,
  kVenueHead,
  kBodyHead,
  kUnitHead,
  kPosting,
  kTargetPrep,
  kEventPointer,
  kMeans,
  kDemonstrative,
  kDeedVerb,
  kAttributionVerb,
  kCountNoun,
  kPopulationCue,
  kPossessedForce,
  kMemberNoun,
  kComplementizer,
  kBetween,
  kVictory,
  kEngaged,
  kDelegation,
  kParticipation,
  kMediators,
  kMovementHead,
  kInnaPronoun,
  kPluperfect,
  kNameLink,
  kNameHead,
  kStopping,
  kBelonging,
  kSeries,
  kCommonSurname,
  kPartitive,
  kListCount
};
inline constexpr std::array<std::string_view, kListCount> kListNames{
    "title",           "reporting_verb", "according_to",   "classifier",       "media_classifier", "institution",
    "force_head",      "gov_head",       "polity_head",    "population_head",  "ethnic_head",      "modifier",
    "locative",        "stopword",       "number_word",    "qualifier",        "figure_noun",      "weekday",
    "month",           "relative_time",  "not_asserted",   "trigger",          "event_cue",        "non_event",
    "lam_governor",    "subset",         "dual_noun",      "unit_noun",        "place_anaphor",    "masculine_head",
    "time_of_day",     "instrument",     "scale_modifier", "both_sides",       "occupier",         "home_army",
    "venue_head",      "body_head",      "unit_head",      "posting",          "target_prep",      "event_pointer",
    "means",           "demonstrative",  "deed_verb",      "attribution_verb", "count_noun",       "population_cue",
    "possessed_force", "member_noun",    "complementizer", "between",          "victory",          "engaged",
    "delegation",      "participation",  "mediators",      "movement_head",    "inna_pronoun",     "pluperfect",
    "name_link",       "name_head",      "stopping",       "belonging",        "series",           "common_surname",
    "partitive"};

// A mention proposed by a rule, before overlaps are resolved.
struct Candidate {
  std::size_t first = 0, last = 0;  // tokens [first, last)
  Mention m;
  int priority = 0;  // lower wins between spans of equal length
  // For persons found after a title: the role.
  std::string role_text;
  std::string role_of;
};

struct NisbaHit {
  std::size_t tok = 0;
  std::uint32_t entity = 0;  // the state
  bool plural = false, demonym = false, article = false;
};

struct Extractor::Impl {
  std::vector<ontology::EntityEntry> entities;
  std::unordered_map<std::string, std::uint32_t> index;
  std::array<std::vector<ontology::Word>, kListCount> lists;
  GrammarKeys keys;      // words compared exactly (keys.h)
  Matcher names;         // entity forms, nisbas, demonyms
  Matcher words;         // grammar word lists
  Matcher triggers;      // trigger forms (generated inflections)
  Matcher merged;        // the three above, tagged, after Build(): one lookup per token reading
  KeySet function_keys;  // single words that never start or end a name
  std::unordered_set<std::u32string> first_name_keys;  // first words of lexicon persons
  std::unordered_set<std::u32string> masculine_heads;  // مجلس برلمان … without the article
  std::unordered_set<std::u32string> force_stems;      // one-word force heads in construct (قوات جيش جنود)
  std::unordered_map<std::string, std::uint32_t> polity_of_place;              // place id -> polity entity
  std::unordered_map<std::string, std::uint32_t> group_of_state;               // state id -> ethnonym group
  std::unordered_map<std::string, std::uint32_t> owned;                        // "<owner>|<type>|<subtype>" -> entity
  std::unordered_map<std::u32string, std::set<std::uint32_t>> surname_owners;  // last name -> lexicon persons
  std::set<std::u32string> nisba_keys;  // every nisba's key, and its feminine (ـيه)
  // Switched off by ExtractorOptions::disabled_passes; by position in MentionPasses(), EventPasses() and
  // TriggerSteps() (each as long as its table).
  std::vector<bool> mention_pass_off, event_pass_off, trigger_step_off;

  const ontology::Word& WordOf(const Hit& h) const { return lists[h.payload.list][h.payload.word]; }

  // الذي، التي، الذين (as match keys).
  bool IsRelativePronoun(std::u32string_view k) const { return In(keys.relative_pronouns, k); }

  // Longest hit of a word list starting at token i.
  std::optional<Hit> WordAt(const Tokens& t, std::size_t i, List list, bool article = false,
                            bool allow_clitics = true) const {
    std::optional<Hit> best;
    for (const Hit& h : t.words.At(i, article)) {
      if (h.payload.list != list) continue;
      if (!allow_clitics && h.clitics > 0) continue;
      if (!best || h.last > best->last) best = h;
    }
    return best;
  }
  // Longest hit of a word list that ends exactly at token `end` (exclusive).
  std::optional<Hit> WordEndingAt(const Tokens& t, std::size_t end, List list) const {
    std::optional<Hit> best;
    for (std::size_t back = 1; back <= 4 && back <= end; ++back) {
      for (const Hit& h : t.words.At(end - back, false)) {
        if (h.payload.list == list && h.last == end && (!best || h.first < best->first)) best = h;
      }
    }
    return best;
  }
  bool IsFunction(const Token& t) const {
    if (function_keys.count(t.key)) return true;
    for (const VariantView& v : TokenVariants(t, false)) {
      if (v.clitics > 0 && v.key.size() >= 2 && function_keys.count(v.key)) return true;
    }
    return false;
  }
  bool IsTriggerWord(const Tokens& t, std::size_t i) const {
    for (const Hit& h : t.triggers.At(i, true)) {
      if (h.last == i + 1) return true;
    }
    return false;
  }
  // A word that can be part of a name found by rule.
  bool NameLike(const Tokens& t, std::size_t i, bool allow_article) const {
    if (i >= t.size() || t[i].kind != Token::Kind::kWord) return false;
    const std::u32string& k = t[i].key;
    if (k.size() < 2 || IsFunction(t[i])) return false;
    if (!IsArabicLetter(k[0])) return false;  // Latin words are names of organisations here (NHL)
    if (!allow_article && k.size() > 2 && k[0] == kAlef && k[1] == kLam) return false;
    // ل/و/ب/ف/ك + article (للشؤون، والقوات): a common noun, never part of a name.
    if (k.size() > 3 && (k[0] == kLam || k[0] == kWaw || k[0] == kBeh || k[0] == kFeh || k[0] == kKaf) &&
        ((k[1] == kAlef && k[2] == kLam) || (k[0] == kLam && k[1] == kLam)))
      return false;
    if (IsTriggerWord(t, i)) return false;
    for (const Hit& h : t.names.At(i, true)) {
      if (h.payload.kind != Payload::Kind::kName) return false;  // a nisba or demonym
      if (entities[h.payload.entity].type != EntityType::kPerson && !h.article) return false;
    }
    for (const Hit& h : t.words.At(i, false)) {
      if (h.payload.list == kTitle || h.payload.list == kReportingVerb || h.payload.list == kClassifier ||
          h.payload.list == kMonth || h.payload.list == kWeekday || h.payload.list == kNumberWord ||
          h.payload.list == kTimeOfDay || h.payload.list == kRelativeTime || h.payload.list == kFigureNoun)
        return false;  // مدينة خاركيف ليل الاثنين: the night is no part of the name, nor are civilians
    }
    return true;
  }

  // A single word standing alone as a person's name must look like one: transliterated names carry
  // long vowels (مالينا، جيغام، دولغوف) where Arabic common nouns and verbs of the same length rarely do
  // (شهود، محلي، استدعي). Two long vowels after the first letter, or a letter used only for foreign
  // sounds, and at least four letters.
  bool LooksLikeName(const std::u32string& k) const {
    if (k.size() < 4) return false;
    if (EndsWith(k, keys.at)) return false;  // sound feminine plural (عائلات): a common noun
    int vowels = 0;
    for (std::size_t i = 1; i < k.size(); ++i) {
      if (k[i] == kAlef || k[i] == kWaw || k[i] == kYeh) ++vowels;
      if (k[i] == kVeh || k[i] == kPeh || k[i] == kGaf || k[i] == kTcheh) return true;  // ڤ پ گ چ
    }
    return vowels >= 2;
  }

  // The lexicon entity owned by `owner` with this type/subtype, if any.
  const ontology::EntityEntry* Owned(const std::string& owner, EntityType type, std::string_view subtype) const {
    auto it = owned.find(owner + "|" + std::string(vocab::Name(type)) + "|" + std::string(subtype));
    return it == owned.end() ? nullptr : &entities[it->second];
  }

  // Whether token k (a trigger noun's last word) is indefinite: no article, no proclitic ل/ب/ك + article.
  static bool IndefiniteNoun(const Tokens& t, std::size_t k) {
    std::u32string_view w = t[k].key;
    if (w.size() > 3 && (w[0] == kWaw || w[0] == kFeh || w[0] == kBeh || w[0] == kKaf)) w.remove_prefix(1);
    return !(w.size() > 2 && (w[0] == kAlef || w[0] == kLam) && w[1] == kLam);
  }
  // Whether token k looks like a finite verb: indefinite, not a feminine noun or adjective (ـة as
  // written), and either an imperfect prefix (ي ت ن أ) or a perfect ending (ـت، ـوا، ـها، ـه).
  bool VerbLike(const std::u32string& text, const Tokens& t, std::size_t k) const {
    if (!t[k].is_word() || !IndefiniteNoun(t, k) || t[k].key.size() < 3) return false;
    if (text[t[k].end - 1] == kTehMarbuta || text[t[k].end - 1] == kAlefMaksura) return false;  // ة ى
    const std::u32string& w = t[k].key;
    char32_t c = text[t[k].begin];
    bool imperfect = c == kYeh || c == kTeh || c == kNoon || c == kAlefHamzaAbove;
    bool perfect = w.back() == kTeh || EndsWith(w, keys.wa) || EndsWith(w, keys.ha) || w.back() == kHeh;
    return imperfect || perfect;
  }
  // Whether "من" + a peacekeepers head (قوات حفظ السلام) starts at token k: a member noun's unit.
  bool PeacekeepersFollow(const Tokens& t, std::size_t k) const {
    if (k + 1 >= t.size() || t[k].key != keys.min) return false;  // من
    auto h = WordAt(t, k + 1, kForceHead);
    return h && WordOf(*h).Attr("code") == "peacekeepers";
  }
  // Whether a mention of the peacekeepers `id` precedes token k in its sentence or the one before.
  bool PeacekeepersBefore(const Tokens& t, const std::vector<Candidate>& cands, std::size_t k,
                          const std::string& id) const {
    auto boundary = [&](std::size_t j) { return t[j].kind == Token::Kind::kNewline || t[j].key == U"."; };
    std::size_t from = k;
    for (int boundaries = 0; from > 0; --from) {
      if (boundary(from - 1) && !boundary(from) && ++boundaries > 1) break;  // a run of breaks is one
    }
    return std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) {
      return c.m.entity == id && c.m.begin >= t[from].begin && c.m.begin < t[k].begin;
    });
  }

  void Build();
  std::vector<Candidate> FindMentions(const Document& doc, const Tokens& t, std::vector<NisbaHit>* nisbas) const;
  void FindEvents(const Document& doc, const Tokens& t, const std::vector<Mention>& mentions,
                  const std::vector<std::size_t>& mention_at, const std::vector<NisbaHit>& nisbas,
                  std::vector<Event>* events) const;
};

// The one army a bare الجيش or قوات النظام stands for in an article with these mentions: the one national
// army named, else the army of the one state named, else of the state that holds most of the places named
// (the lexicon's armies only); empty when none or two national armies are named (mentions/home_army.cc).
std::string HomeArmy(const Extractor::Impl& x, const std::vector<const Mention*>& mentions);

}  // namespace khabar::extract
