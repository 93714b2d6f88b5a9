// Regression tests for what the fuzz targets of tests/fuzz found, one test per finding, so CI keeps
// them fixed without depending on a 20-second fuzz run meeting the same input again. Each test names
// the target and the invariant that broke.
#include <gtest/gtest.h>

#include <string>

#include "document_internal.h"  // extract/src: DecodeArticle, ReadArticle without the disk
#include "khabar/extract/arabic.h"
#include "khabar/extract/document.h"

namespace khabar::extract {
namespace {

std::string Key(std::string_view utf8) { return EncodeUtf8(MatchKeyUtf8(utf8)); }

// fuzz_normalize, "key not trimmed": NFKC turns some single characters into a space and more
// (U+FE7A ARABIC FATHA ISOLATED FORM is " " + fatha), and MatchKey collapsed spaces before keying.
TEST(FuzzRegressionTest, MatchKeyCollapsesSpacesThatNfkcProduces) {
  EXPECT_EQ(Key("\uFE7A"), "");
  EXPECT_EQ(Key("\uFE7Aقال"), "قال");
  EXPECT_EQ(Key("قال \uFE7A"), "قال");
  EXPECT_EQ(Key("قال \uFE7A روسيا"), "قال روسيا");
  EXPECT_EQ(Key("قال\u2002 روسيا"), "قال روسيا");  // EN SPACE is NFKC " "
  std::u32string k = MatchKeyUtf8("\uFDFA ");      // one character, four words
  EXPECT_EQ(k, MatchKey(k)) << "MatchKey is not idempotent";
  EXPECT_NE(k.back(), U' ');
}

// fuzz_text, "an empty article was accepted": a file holding only a byte-order mark decoded to an
// empty article instead of being skipped as empty.
TEST(FuzzRegressionTest, ByteOrderMarkAloneIsAnEmptyFile) {
  for (std::string bytes : {std::string("\xEF\xBB\xBF"), std::string("\xFF\xFE"), std::string("\xFE\xFF")}) {
    Document doc;
    Status s = DecodeArticle(bytes, "bom.txt", "bom.txt", nullptr, &doc);
    EXPECT_FALSE(s.ok()) << "BOM " << bytes.size() << " bytes accepted";
    EXPECT_NE(s.message().find("empty"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace khabar::extract
