// Arabic text keys: what spelling variation is ignored when matching, and nothing else.
//
// A key is the text after NFKC (presentation forms), with tashkeel, tatweel and invisible format marks
// (ZWNJ, ZWJ, LRM, RLM, ALM) removed, alef forms (أ إ آ ٱ) → ا, hamza seats ؤ → و and ئ → ي, ى → ي,
// ة → ه, Arabic-Indic and Persian digits → ASCII digits, Latin letters lower-cased. Keys are for
// matching only: mentions always keep the original span (Token::key_pos maps back).
//
// Thread safety: pure functions, reentrant.
#ifndef KHABAR_EXTRACT_ARABIC_H_
#define KHABAR_EXTRACT_ARABIC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace khabar::extract {

// Appends the key form of one code point to `out` (zero, one or more code points).
void AppendKey(char32_t c, std::u32string* out);
// The key of a whole string (spaces collapsed to one, trimmed).
std::u32string MatchKey(std::u32string_view text);
std::u32string MatchKeyUtf8(std::string_view utf8);

bool IsArabicLetter(char32_t c);
bool IsWordChar(char32_t c);  // letters, combining marks, tatweel, digits, ZWNJ/ZWJ
bool IsDigitChar(char32_t c);

// A phonetic key for transliterated foreign names, applied to a MatchKey: ج غ ك ق گ → g, long vowels
// (ا و ي) inside a word dropped, ة/ه at the end dropped, doubled letters single, ث → s, ذ → z,
// ظ ض → z/d… Two spellings of one foreign name usually share it (غوتيريش / جوتيريش / غوتيرش).
std::u32string PhoneticKey(std::u32string_view key);

// Levenshtein distance between two keys, stopping early once it exceeds `limit` (returns limit + 1).
std::size_t BoundedEditDistance(std::u32string_view a, std::u32string_view b, std::size_t limit);

// An ASCII rendering of a key that is injective (distinct keys give distinct slugs) and IRI-safe:
// [A-Za-z0-9_-] only; used to name entities that the lexicon does not know.
std::string AsciiSlug(std::u32string_view key);

// A token: a maximal run of word characters, or one punctuation character, or a line break.
struct Token {
  enum class Kind : std::uint8_t { kWord, kNumber, kPunct, kNewline };
  Kind kind = Kind::kWord;
  std::uint32_t begin = 0, end = 0;    // code-point offsets into the original text
  std::u32string key;                  // MatchKey of the token
  std::vector<std::uint32_t> key_pos;  // original offset of each key code point (key_pos.size() == key.size())
  bool is_word() const { return kind == Kind::kWord || kind == Kind::kNumber; }
};

// Splits text into tokens. Spaces separate and produce no token; a newline is a kNewline token
// (sentence and headline boundary).
std::vector<Token> Tokenize(std::u32string_view text);

}  // namespace khabar::extract

#endif  // KHABAR_EXTRACT_ARABIC_H_
