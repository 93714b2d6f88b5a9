// Internal to extract/: the words and endings the rules compare a token's key with exactly, read at load
// from grammar.xml (its lists after "compare a token's key with exactly"; docs/lexicon.md). Unlike the word
// lists of extractor_impl.h they are not matched with clitics: `fi` is the token في, not وفي or فيه.
// Single letters and marks that belong to the morphology (a clitic, the article, the Arabic comma) are the
// char32_t constants below instead.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "khabar/ontology/lexicon.h"
#include "khabar/ontology/status.h"

namespace khabar::extract {

// Letters and marks the morphology rules test one by one (the code points, not keys, where noted).
constexpr char32_t kAlef = 0x0627, kLam = 0x0644, kHeh = 0x0647, kYeh = 0x064A, kWaw = 0x0648, kTeh = 0x062A,
                   kNoon = 0x0646, kHamza = 0x0621, kBeh = 0x0628, kFeh = 0x0641, kKaf = 0x0643;
constexpr char32_t kAlefHamzaAbove = 0x0623;   // أ as written (an imperfect prefix; keys fold it to ا)
constexpr char32_t kTehMarbuta = 0x0629;       // ة as written (keys fold it to ه)
constexpr char32_t kAlefMaksura = 0x0649;      // ى as written (keys fold it to ي)
constexpr char32_t kArabicComma = 0x060C;      // ،
constexpr char32_t kArabicSemicolon = 0x061B;  // ؛
constexpr char32_t kArabicQuestion = 0x061F;   // ؟
constexpr char32_t kArabicPercent = 0x066A;    // ٪
constexpr char32_t kArabicDecimal = 0x066B;    // ٫
constexpr char32_t kArabicThousands = 0x066C;  // ٬
// Letters only foreign names use (ڤ پ گ چ).
constexpr char32_t kVeh = 0x06A4, kPeh = 0x067E, kGaf = 0x06AF, kTcheh = 0x0686;
// The article ال, as a key.
inline const std::u32string kArticle{kAlef, kLam};
// Punctuation sets, for MentionContext::IsPunct and finds: the commas; what ends a sentence; what breaks
// a clause.
inline constexpr char32_t kCommaChars[] = {U',', kArabicComma};
inline constexpr std::u32string_view kCommas{kCommaChars, std::size(kCommaChars)};
inline constexpr char32_t kSentenceEndChars[] = {U'.', U'!', U'?', kArabicQuestion};
inline constexpr std::u32string_view kSentenceEnds{kSentenceEndChars, std::size(kSentenceEndChars)};
inline constexpr char32_t kClauseBreakChars[] = {U',', kArabicComma, U';', kArabicSemicolon, U':'};
inline constexpr std::u32string_view kClauseBreaks{kClauseBreakChars, std::size(kClauseBreakChars)};

// Whether key `k` is the one letter or mark `c` (a token of its own: و، ب، ،).
inline bool IsChar(std::u32string_view k, char32_t c) { return k.size() == 1 && k[0] == c; }
// Whether key `k` is one of `words` (a short list: a linear search, like the literals it replaces).
inline bool In(const std::vector<std::u32string>& words, std::u32string_view k) {
  for (const std::u32string& w : words) {
    if (w == k) return true;
  }
  return false;
}

struct GrammarKeys {
  // preposition
  std::u32string ila, fi, ala, an, didd, nahwa, min, bi_riasa, bi_qiyada, wa_fi, maa, qabl, bi_ism;
  // particle
  std::u32string inna, lakin, walakin, baynama, haythu, ma, kull, faqad, thumma;
  // pronoun, relative_pronoun
  std::u32string huwa, wa_huwa, alladhi;
  // noun
  std::u32string al_anba, yad, al_mawqif, al_masuliya, masuliya, am, sana, adad, adadan, yawm, wa_yawm, umam, aydi;
  // delegation, between, inna_pronoun
  std::u32string wafd, wafdan, bayna, innahu;
  // suffix
  std::u32string iyya, at, in, un, iyyun, wa, ha, hum;

  // Whole lists (in file order).
  std::vector<std::u32string> actor_prepositions;      // preposition, actor="1"
  std::vector<std::u32string> relative_pronouns;       // relative_pronoun
  std::vector<std::u32string> inna_pronouns;           // inna_pronoun
  std::vector<std::u32string> demonstratives;          // demonstrative, number="singular"
  std::vector<std::u32string> past_suffixes;           // past_suffix
  std::vector<std::u32string> present_prefixes;        // present_prefix
  std::vector<std::u32string> present_suffixes;        // present_suffix
  std::vector<std::u32string> noun_suffixes;           // noun_suffix
  std::vector<std::u32string> teh_suffixes;            // teh_suffix
  std::vector<std::u32string> pronoun_suffixes;        // pronoun_suffix
  std::vector<std::u32string> hamza_suffixes;          // pronoun_suffix without dual="1"
  std::vector<std::u32string> prepositional_pronouns;  // prepositional_pronoun
  std::vector<std::u32string> lam_pronouns;            // lam_pronoun
  std::vector<std::u32string> adverbs;                 // adverb
  std::vector<std::u32string> cause_words;             // cause_word
  std::vector<std::u32string> endorsement_verbs;       // endorsement_verb
  std::vector<std::u32string> place_name_nouns;        // place_name_noun
  std::vector<std::u32string> name_classifiers;        // name_classifier
  std::vector<std::u32string> capital_nouns;           // capital_noun
  std::vector<std::u32string> directions;              // direction
  std::vector<std::u32string> affiliations;            // affiliation
  std::vector<std::u32string> separatists;             // separatist
};

// Fills `keys` from the lexicon's word lists; fails naming the list (and the id) that is missing or empty.
Status LoadKeys(const ontology::Lexicon& lexicon, GrammarKeys* keys);

}  // namespace khabar::extract
