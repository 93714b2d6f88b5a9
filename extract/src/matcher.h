// Internal: the token-level matcher shared by the extractor's rules (not installed).
#ifndef KHABAR_EXTRACT_MATCHER_H_
#define KHABAR_EXTRACT_MATCHER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "khabar/extract/arabic.h"
#include "khabar/ontology/lexicon.h"

namespace khabar::extract::internal {

// What a dictionary pattern stands for.
struct Payload {
  enum class Kind : std::uint8_t { kName, kNisba, kDemonym, kWord };
  Kind kind = Kind::kName;
  std::uint32_t entity = 0;  // index into the lexicon's entities (kName, kNisba, kDemonym)
  std::uint16_t list = 0;    // word-list id (kWord)
  std::uint32_t word = 0;    // index in that list (kWord)
  bool plural = false;       // kNisba: a plural form (ـيون ـيين); kDemonym always plural
  bool feminine = false;     // kNisba: ـية
};

// One reading of a token with its proclitics removed: key and the original offset where it begins.
struct Variant {
  std::u32string key;
  std::uint32_t begin = 0;   // original offset of the first key character kept
  std::uint8_t clitics = 0;  // how many proclitic letters were removed
  bool article = false;      // `key` had a leading ال removed (the span still starts at the article)
};

// A match of a dictionary pattern starting at a token.
struct Hit {
  std::size_t first = 0, last = 0;  // token range [first, last)
  std::uint32_t begin = 0;          // original offset of the span start (after proclitics)
  std::uint8_t clitics = 0;
  bool article = false;
  Payload payload;
};

class Matcher {
 public:
  // Adds a pattern (a phrase as printed) with its payload.
  void Add(std::string_view phrase_utf8, const Payload& payload);
  // All readings of a token: as is, without و/ف, without ب/ل/ك, without both, لل → ال; each of
  // them also without its article when `article` is set.
  static std::vector<Variant> Variants(const Token& token, bool strip_article);
  // Every pattern that matches at token `i`. Only the first token may carry proclitics; later tokens
  // of a phrase must match exactly. `strip_article` lets single-token patterns match after ال.
  std::vector<Hit> Match(const std::vector<Token>& tokens, std::size_t i, bool strip_article) const;

 private:
  struct Pattern {
    std::vector<std::u32string> rest;
    Payload payload;
  };
  std::unordered_map<std::u32string, std::vector<Pattern>> dict_;
};

}  // namespace khabar::extract::internal

#endif  // KHABAR_EXTRACT_MATCHER_H_
