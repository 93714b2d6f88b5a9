// Words are data (issue 14): no Arabic word is written in extract/src as an escape; the words the rules
// compare come from grammar.xml (extract/src/keys.h), and the extractor refuses a lexicon without one.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "khabar/extract/extractor.h"
#include "khabar/ontology/lexicon.h"

namespace khabar::extract {
namespace {

namespace fs = std::filesystem;

fs::path SourceDir() {
  const char* data = std::getenv("KHABAR_DATA_DIR");
  return data ? fs::path(data) : fs::path();
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The places in C++ source `src` (named `file`, relative to extract/src) where an Arabic letter is
// written outside the one file that defines them, ignoring // comments: an escape of an Arabic code point
// (\u06.., \U000006.., UTF-8 bytes \xd8 to \xdb), a code point as a number (0x06..) outside keys.h
// and arabic.cc (the letter constants; the key normalisation tables), or raw Arabic outside the pass
// tables (whose descriptions, mirrored in docs/passes.md, quote Arabic examples).
std::vector<std::string> ArabicInCode(const std::string& file, const std::string& src) {
  static const std::regex kEscape(R"(\\u06[0-9A-Fa-f]{2}|\\U000006[0-9A-Fa-f]{2}|\\x[dD][89aAbB])");
  static const std::regex kNumber(R"(\b0x0?6[0-9A-Fa-f]{2}\b)");
  const bool letters_file = file == "keys.h" || file == "arabic.cc";
  const bool pass_table =
      file == "mentions/passes.cc" || file == "events/passes.cc" || file == "events/build_events.cc";
  std::vector<std::string> found;
  std::istringstream lines(src);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    std::string code = line.substr(0, line.find("//"));
    bool raw = code.find_first_of("\xd8\xd9\xda\xdb") != std::string::npos;
    if (std::regex_search(code, kEscape) || (!letters_file && std::regex_search(code, kNumber)) ||
        (raw && !pass_table)) {
      found.push_back(file + ":" + std::to_string(n) + ": " + line);
    }
  }
  return found;
}

TEST(GrammarKeysTest, TheScanFindsArabicWrittenInCode) {
  EXPECT_THAT(ArabicInCode("x.cc", "if (t[k].key == U\"\\u0641\\u064A\") ++k;"), ::testing::SizeIs(1));
  EXPECT_THAT(ArabicInCode("x.cc", "if (t[k].key == U\"\xd9\x81\xd9\x8a\") ++k;"), ::testing::SizeIs(1));
  EXPECT_THAT(ArabicInCode("x.cc", "if (k[0] == 0x0628) ++k;"), ::testing::SizeIs(1));
  EXPECT_THAT(ArabicInCode("x.cc", "std::string s = \"\\xd9\\x84\";"), ::testing::SizeIs(1));
  EXPECT_THAT(ArabicInCode("keys.h", "constexpr char32_t kBeh = 0x0628;"), ::testing::IsEmpty());
  EXPECT_THAT(ArabicInCode("x.cc", "++k;  // \xd9\x81\xd9\x8a U\"\\u0641\""), ::testing::IsEmpty());
  EXPECT_THAT(ArabicInCode("x.cc", "if (t[k].key == x.keys.fi) ++k;"), ::testing::IsEmpty());
}

TEST(GrammarKeysTest, NoArabicWordIsWrittenInExtractSources) {
  fs::path dir = SourceDir() / "extract" / "src";
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " (KHABAR_DATA_DIR must be the source tree)";
  std::size_t files = 0;
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".cc" && ext != ".h")) continue;
    ++files;
    auto f = ArabicInCode(fs::relative(e.path(), dir).generic_string(), ReadAll(e.path()));
    found.insert(found.end(), f.begin(), f.end());
  }
  EXPECT_GT(files, 50u);
  EXPECT_THAT(found, ::testing::IsEmpty())
      << "Arabic words belong in ontology/lexicon/grammar.xml (read through extract/src/keys.h); "
         "single letters are the constants of keys.h";
}

// Extractor::Create() on the bundled word lists, with `from` replaced once by `to` in grammar.xml.
Status CreateWithGrammarEdit(const std::string& from, const std::string& to) {
  fs::path lex = SourceDir() / "ontology" / "lexicon";
  std::string grammar = ReadAll(lex / "grammar.xml");
  if (!from.empty()) {
    auto at = grammar.find(from);
    if (at == std::string::npos) return Status::NotFound("grammar.xml has no " + from);
    grammar.replace(at, from.size(), to);
  }
  ontology::Lexicon lexicon;
  if (Status s = lexicon.LoadString(grammar, "grammar.xml"); !s.ok()) return s;
  if (Status s = lexicon.LoadFile(lex / "triggers.xml"); !s.ok()) return s;
  std::unique_ptr<Extractor> ex;
  return Extractor::Create(lexicon, &ex);
}

TEST(GrammarKeysTest, TheExtractorRefusesAGrammarWithoutAWordItNames) {
  ASSERT_TRUE(fs::is_directory(SourceDir() / "ontology" / "lexicon"));
  Status ok = CreateWithGrammarEdit("", "");
  ASSERT_TRUE(ok.ok()) << ok.message();
  Status no_id = CreateWithGrammarEdit(R"(<w id="fi" actor="1">)", R"(<w actor="1">)");
  ASSERT_FALSE(no_id.ok());
  EXPECT_THAT(no_id.message(), ::testing::HasSubstr("'preposition' has no word id=\"fi\""));
  Status no_list = CreateWithGrammarEdit(R"(<wordlist name="adverb">)", R"(<wordlist name="adverbs">)");
  ASSERT_FALSE(no_list.ok());
  EXPECT_THAT(no_list.message(), ::testing::HasSubstr("'adverb' is missing or empty"));
}

}  // namespace
}  // namespace khabar::extract
