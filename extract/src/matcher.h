// Internal: the token-level matcher shared by the extractor's rules (not installed).
#ifndef KHABAR_EXTRACT_MATCHER_H_
#define KHABAR_EXTRACT_MATCHER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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

// Hashes keys and views of keys alike, so that a set or map of keys is asked with a view of a token's
// key, without a copy.
struct KeyHash {
  using is_transparent = void;
  // FNV-1a over the code points, then a mix: inlined (keys are a few letters), and the low bits (the
  // filter of Matcher, the buckets) depend on every letter.
  std::size_t operator()(std::u32string_view k) const {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (char32_t c : k) h = (h ^ c) * 0x100000001b3ull;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return static_cast<std::size_t>(h);
  }
};
// A set of keys asked with views (KeyHash).
using KeySet = std::unordered_set<std::u32string, KeyHash, std::equal_to<>>;

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
  // The same, appended to `out`.
  void Match(const std::vector<Token>& tokens, std::size_t i, bool strip_article, std::vector<Hit>* out) const;

 private:
  struct Pattern {
    std::vector<std::u32string> rest;
    Payload payload;
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

// The readings of a token (Matcher::VariantViews) with the storage they view, for a loop without an
// allocation: for (const VariantView& v : TokenVariants(token, false)) …
class TokenVariants {
 public:
  TokenVariants(const Token& token, bool strip_article)
      : n_(Matcher::VariantViews(token, strip_article, &scratch_, views_)) {}
  TokenVariants(const TokenVariants&) = delete;
  TokenVariants& operator=(const TokenVariants&) = delete;
  const VariantView* begin() const { return views_; }
  const VariantView* end() const { return views_ + n_; }

 private:
  std::u32string scratch_;
  VariantView views_[Matcher::kMaxVariants];
  std::size_t n_;
};

// The merged matcher's hits on one article's tokens, split by dictionary, computed once for every token
// when the article is tokenised. The extractor's rules ask the same question of a token many times (is it
// a title? a trigger? a name?); matching it once makes their cost linear in the text. The hits sit in
// one array, each token's per dictionary and reading (with or without the article stripped) in a range.
class MatchCache {
 public:
  MatchCache(const Matcher& matcher, const std::vector<Token>& tokens);
  // The hits of dictionary `dict` at token i: Matcher::Match(tokens, i, strip_article) restricted to it.
  std::span<const Hit> At(Dict dict, std::size_t i, bool strip_article) const {
    if (i >= tokens_) return {};
    std::size_t r = (i * kDictCount + dict) * 2 + (strip_article ? 1 : 0);
    return {hits_.data() + offsets_[r], hits_.data() + offsets_[r + 1]};
  }

 private:
  std::size_t tokens_;
  std::vector<Hit> hits_;
  std::vector<std::uint32_t> offsets_;  // range r = [offsets_[r], offsets_[r + 1])
};

// One dictionary's view of the cache: t.names.At(i, strip_article).
class DictHits {
 public:
  DictHits(const MatchCache& cache, Dict dict) : cache_(&cache), dict_(dict) {}
  std::span<const Hit> At(std::size_t i, bool strip_article) const { return cache_->At(dict_, i, strip_article); }

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
