// Internal: the token-level matcher shared by the extractor's rules (not installed).
#ifndef KHABAR_EXTRACT_MATCHER_H_
#define KHABAR_EXTRACT_MATCHER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
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
  std::uint8_t dict = 0;     // which of the extractor's dictionaries it came from (Dict)
};

// The extractor's dictionaries, merged into one matcher so that a token is looked up once.
enum Dict : std::uint8_t { kNames, kWords, kTriggers, kDictCount };

// One reading of a token with its proclitics removed: key and the original offset where it begins.
struct Variant {
  std::u32string key;
  std::uint32_t begin = 0;   // original offset of the first key character kept
  std::uint8_t clitics = 0;  // how many proclitic letters were removed
  bool article = false;      // `key` had a leading ال removed (the span still starts at the article)
};

// The same reading without a copy: `key` views the token's key, or the caller's scratch string for
// لل → ال.
struct VariantView {
  std::u32string_view key;
  std::uint32_t begin = 0;
  std::uint8_t clitics = 0;
  bool article = false;
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
  // Moves every pattern of `other` here, tagged with `dict`.
  void Absorb(Matcher&& other, Dict dict);
  // All readings of a token: as is, without و/ف, without ب/ل/ك, without both, لل → ال; each of
  // them also without its article when `article` is set.
  static std::vector<Variant> Variants(const Token& token, bool strip_article);
  // The same readings as views; returns how many were written to `out`. `scratch` must outlive them.
  static constexpr std::size_t kMaxVariants = 8;
  static std::size_t VariantViews(const Token& token, bool strip_article, std::u32string* scratch,
                                  VariantView (&out)[kMaxVariants]);
  // Every pattern that matches at token `i`. Only the first token may carry proclitics; later tokens
  // of a phrase must match exactly. `strip_article` lets single-token patterns match after ال.
  std::vector<Hit> Match(const std::vector<Token>& tokens, std::size_t i, bool strip_article) const;

 private:
  struct Pattern {
    std::vector<std::u32string> rest;
    Payload payload;
  };
  // Transparent: looked up by views of a token's key, without copying it.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::u32string_view k) const { return std::hash<std::u32string_view>{}(k); }
  };
  // Records that `key` starts a pattern, in the filter below.
  void Mark(std::u32string_view key);
  // Whether `key` may start a pattern: a bit per hash value (mod 2^20), so that the many tokens that start
  // none (most of an article) are answered from 128 KB instead of a miss in the large table.
  bool MayStart(std::u32string_view key) const {
    std::size_t h = KeyHash{}(key) & (kFilterBits - 1);
    return (filter_[h / 64] >> (h % 64)) & 1;
  }
  static constexpr std::size_t kFilterBits = std::size_t{1} << 20;
  std::unordered_map<std::u32string, std::vector<Pattern>, KeyHash, std::equal_to<>> dict_;
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(kFilterBits / 64);
};

// The merged matcher's hits on one article's tokens, split by dictionary and computed the first time a
// token is asked about. The extractor's rules ask the same question of a token many times (is it a
// title? a trigger? a name?); matching it once makes their cost linear in the text. Not thread-safe:
// one per article.
class MatchCache {
 public:
  MatchCache(const Matcher& matcher, const std::vector<Token>& tokens)
      : matcher_(&matcher), tokens_(&tokens), slots_(tokens.size()) {}
  // The hits of dictionary `dict` at token i: Matcher::Match(tokens, i, strip_article) restricted to it.
  const std::vector<Hit>& At(Dict dict, std::size_t i, bool strip_article) const;

 private:
  struct Slot {
    bool done = false;
    std::vector<Hit> hits[kDictCount][2];  // [dict][strip_article]
  };
  const Matcher* matcher_;
  const std::vector<Token>* tokens_;
  mutable std::vector<Slot> slots_;
};

// One dictionary's view of the cache: t.names.At(i, strip_article).
class DictHits {
 public:
  DictHits(const MatchCache& cache, Dict dict) : cache_(&cache), dict_(dict) {}
  const std::vector<Hit>& At(std::size_t i, bool strip_article) const { return cache_->At(dict_, i, strip_article); }

 private:
  const MatchCache* cache_;
  Dict dict_;
};

// An article's tokens with the extractor's dictionaries memoised over them.
struct Tokens {
  Tokens(const std::vector<Token>& tokens, const Matcher& merged)
      : v(tokens), cache(merged, tokens), names(cache, kNames), words(cache, kWords), triggers(cache, kTriggers) {}
  const Token& operator[](std::size_t i) const { return v[i]; }
  std::size_t size() const { return v.size(); }

  const std::vector<Token>& v;
  MatchCache cache;
  DictHits names, words, triggers;
};

}  // namespace khabar::extract::internal

#endif  // KHABAR_EXTRACT_MATCHER_H_
