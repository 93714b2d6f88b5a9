// Fuzz target: the text reader. Arbitrary bytes go through
//   1. DecodeUtf8, compared with ICU's decoder (an independent implementation of the same Unicode
//      rule: one U+FFFD per maximal invalid subpart), and the EncodeUtf8 round trip;
//   2. DecodeArticle as a .txt file (BOM, UTF-16, NUL bytes, the "not UTF-8 text" rule);
//   3. Tokenize on the decoded text, whose offsets every mention is built from.
#include <unicode/ustring.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document_internal.h"
#include "fuzz_check.h"
#include "khabar/extract/arabic.h"
#include "khabar/extract/document.h"

namespace {

using khabar::fuzz::IsScalarValue;
using khabar::fuzz::Show;
namespace ex = khabar::extract;

// ICU's reading of the bytes: UTF-8 → UTF-16 with U+FFFD substitution → UTF-32.
std::u32string IcuDecode(std::string_view bytes, int32_t* subs) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t len16 = 0;
  std::vector<UChar> u16(bytes.size() + 1);
  u_strFromUTF8WithSub(u16.data(), static_cast<int32_t>(u16.size()), &len16, bytes.data(),
                       static_cast<int32_t>(bytes.size()), 0xFFFD, subs, &err);
  KHABAR_FUZZ_CHECK(U_SUCCESS(err), u_errorName(err));
  std::u32string u32(static_cast<std::size_t>(len16) + 1, U'\0');
  int32_t len32 = 0;
  err = U_ZERO_ERROR;
  u_strToUTF32(reinterpret_cast<UChar32*>(u32.data()), static_cast<int32_t>(u32.size()), &len32, u16.data(), len16,
               &err);
  KHABAR_FUZZ_CHECK(U_SUCCESS(err), u_errorName(err));
  u32.resize(static_cast<std::size_t>(len32));
  return u32;
}

void CheckTokens(std::u32string_view text) {
  std::vector<ex::Token> tokens = ex::Tokenize(text);
  std::uint32_t prev_end = 0;
  for (const ex::Token& t : tokens) {
    auto where = [&] {
      return "token [" + std::to_string(t.begin) + "," + std::to_string(t.end) + ") of " + Show(text);
    };
    KHABAR_FUZZ_CHECK(t.begin < t.end && t.end <= text.size(), where());
    KHABAR_FUZZ_CHECK(prev_end <= t.begin, "overlap or out of order: " + where());
    prev_end = t.end;
    KHABAR_FUZZ_CHECK(t.key.size() == t.key_pos.size(), where());
    for (std::size_t k = 0; k < t.key_pos.size(); ++k) {
      KHABAR_FUZZ_CHECK(t.key_pos[k] >= t.begin && t.key_pos[k] < t.end, "key_pos outside the token: " + where());
      KHABAR_FUZZ_CHECK(k == 0 || t.key_pos[k - 1] <= t.key_pos[k], "key_pos not monotonic: " + where());
    }
    bool newline = t.kind == ex::Token::Kind::kNewline;
    KHABAR_FUZZ_CHECK(newline == (text[t.begin] == U'\n'), where());
    if (newline) KHABAR_FUZZ_CHECK(t.end == t.begin + 1, where());
    if (t.is_word()) KHABAR_FUZZ_CHECK(!t.key.empty(), "word token without a key: " + where());
  }
  // Every line break is a token: sentence boundaries are never lost.
  std::size_t newlines = 0, newline_tokens = 0;
  for (char32_t c : text) newlines += c == U'\n';
  for (const ex::Token& t : tokens) newline_tokens += t.kind == ex::Token::Kind::kNewline;
  KHABAR_FUZZ_CHECK(newlines == newline_tokens, Show(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // 1. DecodeUtf8 against ICU, and back.
  std::vector<std::size_t> bad;
  std::u32string cps = ex::DecodeUtf8(bytes, &bad);
  for (char32_t c : cps) KHABAR_FUZZ_CHECK(IsScalarValue(c), "not a Unicode scalar value: " + Show(bytes));
  for (std::size_t k = 0; k < bad.size(); ++k) {
    KHABAR_FUZZ_CHECK(bad[k] < size && (k == 0 || bad[k - 1] < bad[k]), "bad offsets: " + Show(bytes));
  }
  int32_t icu_subs = 0;
  std::u32string icu = IcuDecode(bytes, &icu_subs);
  KHABAR_FUZZ_CHECK(cps == icu, "DecodeUtf8 and ICU differ on " + Show(bytes) + "\n  khabar: " + Show(cps) +
                                    "\n  ICU:    " + Show(icu));
  KHABAR_FUZZ_CHECK(bad.size() == static_cast<std::size_t>(icu_subs), "replacement count differs: " + Show(bytes));
  std::string utf8 = ex::EncodeUtf8(cps);
  if (bad.empty()) KHABAR_FUZZ_CHECK(utf8 == bytes, "valid UTF-8 does not round-trip: " + Show(bytes));
  std::vector<std::size_t> bad2;
  KHABAR_FUZZ_CHECK(ex::DecodeUtf8(utf8, &bad2) == cps && bad2.empty(), "re-encoding is not valid: " + Show(bytes));

  // 2. The whole .txt reader.
  ex::Document doc;
  khabar::Status s = ex::DecodeArticle(bytes, "fuzz.txt", "fuzz.txt", nullptr, &doc);
  if (s.ok()) {
    for (char32_t c : doc.text) {
      KHABAR_FUZZ_CHECK(IsScalarValue(c) && c != U'\0', "bad code point in the text of " + Show(bytes));
    }
    KHABAR_FUZZ_CHECK(!doc.text.empty(), "an empty article was accepted: " + Show(bytes));
    // Without a UTF-16 BOM the text is the UTF-8 decoding of the bytes after one UTF-8 BOM, so offsets
    // count code points of the file as read.
    bool utf16 = size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF));
    if (!utf16) {
      std::string_view body = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
      KHABAR_FUZZ_CHECK(doc.text == ex::DecodeUtf8(body, nullptr), "text is not the decoded file: " + Show(bytes));
    }
    CheckTokens(doc.text);
  } else {
    KHABAR_FUZZ_CHECK(!s.message().empty() && s.message().rfind("fuzz.txt", 0) == 0,
                      "an error that does not name the file: " + s.message());
  }
  // 3. Tokenize on the raw decoding too (a text the reader would refuse still must not break it).
  CheckTokens(cps);
  return 0;
}
