// Fuzz target: the normaliser (extract/arabic.h). The input is one or two texts (split at the first
// 0xFF byte, which never occurs in UTF-8); each is decoded and keyed. Checked:
//   MatchKey     trimmed, single spaces, no removed marks or unmapped letter forms left, idempotent,
//                and the same through MatchKeyUtf8;
//   PhoneticKey  never longer than its key, same number of words;
//   AsciiSlug    only [A-Za-z0-9_.-] (its contract in arabic.h), non-empty for a non-empty key, and injective: two
//   different
//                keys never share a slug (slugs name entities in IRIs);
//   BoundedEditDistance  symmetric, and equal to a plain Levenshtein distance capped at limit + 1.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "khabar/extract/arabic.h"
#include "khabar/extract/document.h"

namespace ex = khabar::extract;
using khabar::fuzz::Show;

namespace {

bool RemovedByKey(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 || (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x06D6 && c <= 0x06ED) || (c >= 0x200B && c <= 0x200F) || c == 0x061C || c == 0xFEFF ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         // letter forms the key maps away: أ إ آ ٱ ؤ ئ ى ة, Arabic-Indic and Persian digits, ASCII capitals
         c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671 || c == 0x0624 || c == 0x0626 || c == 0x0649 ||
         c == 0x0629 || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) || (c >= U'A' && c <= U'Z') ||
         c == U'\t' || c == U'\n' || c == U'\r' || c == 0x00A0;
}

std::size_t Levenshtein(std::u32string_view a, std::u32string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::u32string CheckKey(std::string_view utf8) {
  std::u32string text = ex::DecodeUtf8(utf8, nullptr);
  std::u32string key = ex::MatchKey(text);
  auto where = [&] { return Show(text) + "\n  key: " + Show(key); };
  if (!key.empty()) KHABAR_FUZZ_CHECK(key.front() != U' ' && key.back() != U' ', "key not trimmed: " + where());
  KHABAR_FUZZ_CHECK(key.find(U"  ") == std::u32string::npos, "double space in key: " + where());
  for (char32_t c : key) KHABAR_FUZZ_CHECK(!RemovedByKey(c), "key keeps a character it should map: " + where());
  KHABAR_FUZZ_CHECK(ex::MatchKey(key) == key, "MatchKey is not idempotent: " + where());
  KHABAR_FUZZ_CHECK(ex::MatchKeyUtf8(utf8) == key, "MatchKeyUtf8 differs: " + where());

  std::u32string ph = ex::PhoneticKey(key);
  KHABAR_FUZZ_CHECK(ph.size() <= key.size(), "phonetic key longer than its key: " + where());
  KHABAR_FUZZ_CHECK(std::count(ph.begin(), ph.end(), U' ') == std::count(key.begin(), key.end(), U' '),
                    "phonetic key changed the word count: " + where());

  std::string slug = ex::AsciiSlug(key);
  for (char c : slug) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    KHABAR_FUZZ_CHECK(ok, "slug character outside [A-Za-z0-9_.-]: " + slug + " for " + where());
  }
  KHABAR_FUZZ_CHECK(key.empty() == slug.empty(), "empty slug for a non-empty key (or the reverse): " + where());
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::size_t cut = bytes.find('\xFF');
  std::u32string a = CheckKey(bytes.substr(0, cut));
  if (cut == std::string_view::npos) return 0;
  std::u32string b = CheckKey(bytes.substr(cut + 1));
  if (a != b) {
    KHABAR_FUZZ_CHECK(ex::AsciiSlug(a) != ex::AsciiSlug(b),
                      "two keys share the slug " + ex::AsciiSlug(a) + ": " + Show(a) + " / " + Show(b));
  }
  if (a.size() <= 64 && b.size() <= 64) {
    std::size_t full = Levenshtein(a, b);
    for (std::size_t limit : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{5}}) {
      std::size_t d = ex::BoundedEditDistance(a, b, limit);
      KHABAR_FUZZ_CHECK(d == ex::BoundedEditDistance(b, a, limit),
                        "edit distance not symmetric: " + Show(a) + " / " + Show(b));
      KHABAR_FUZZ_CHECK(d == std::min(full, limit + 1), "edit distance " + std::to_string(d) + " != min(" +
                                                            std::to_string(full) + ", limit+1) for " + Show(a) + " / " +
                                                            Show(b));
    }
  }
  return 0;
}
