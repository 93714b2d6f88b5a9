// Fuzz target: the NITF reader. Arbitrary bytes are read as the file "fuzz.xml" by DecodeArticle
// (ReadArticle without the disk): malformed XML, DTDs with internal or external entities, odd
// encodings, non-NITF roots. It must fail with a message naming the file, or give a text in which
// every line is one trimmed, non-empty block (headline or paragraph) of valid code points.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "document_internal.h"
#include "fuzz_check.h"
#include "khabar/extract/arabic.h"
#include "khabar/extract/document.h"

namespace ex = khabar::extract;
using khabar::fuzz::IsScalarValue;
using khabar::fuzz::Show;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ex::Document doc;
  khabar::Status s = ex::DecodeArticle(bytes, "fuzz.xml", "fuzz.xml", nullptr, &doc);
  if (!s.ok()) {
    KHABAR_FUZZ_CHECK(s.message().rfind("fuzz.xml", 0) == 0, "an error that does not name the file: " + s.message());
    return 0;
  }
  const std::u32string& t = doc.text;
  for (char32_t c : t) KHABAR_FUZZ_CHECK(IsScalarValue(c) && c != U'\0', "bad code point from " + Show(bytes));
  if (!t.empty()) {
    KHABAR_FUZZ_CHECK(t.back() == U'\n', "text does not end with a line break: " + Show(bytes));
    std::size_t start = 0;
    while (start < t.size()) {
      std::size_t nl = t.find(U'\n', start);
      std::u32string_view line(t.data() + start, nl - start);
      KHABAR_FUZZ_CHECK(!line.empty(), "an empty line in the text of " + Show(bytes));
      auto blank = [](char32_t c) { return c == U' ' || c == U'\t' || c == U'\r'; };
      KHABAR_FUZZ_CHECK(!blank(line.front()) && !blank(line.back()), "untrimmed line from " + Show(bytes));
      start = nl + 1;
    }
  }
  if (doc.published) KHABAR_FUZZ_CHECK(doc.published->Valid(), "invalid date from " + Show(bytes));
  // The reader's text feeds the tokenizer: it must cope with whatever the XML held.
  std::vector<ex::Token> tokens = ex::Tokenize(t);
  for (const ex::Token& tok : tokens) KHABAR_FUZZ_CHECK(tok.begin < tok.end && tok.end <= t.size(), Show(bytes));
  return 0;
}
