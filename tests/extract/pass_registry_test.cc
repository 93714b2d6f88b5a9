// The pass registry (extractor.h: ListPasses, ExtractorOptions): names unique over every stage, an
// unknown or required name refused, a pass switched off loses its facts and nothing else breaks, every
// kh:recognisedBy value names a listed pass, and docs/passes.md lists the passes as the tables do.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extractor_fixture.h"

namespace khabar::extract::testing {
namespace {

using ::testing::HasSubstr;

std::filesystem::path SourceDir() {
  const char* data = std::getenv("KHABAR_DATA_DIR");
  return data ? std::filesystem::path(data) : std::filesystem::path();
}

// Every article of the sentence cases (tests/extract/cases/*.cases): the `text:` lines of one block.
std::vector<std::string> CaseTexts() {
  std::vector<std::string> out;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(KHABAR_CASES_DIR)) {
    if (entry.path().extension() == ".cases") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string article;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("text:", 0) == 0) {
        if (!article.empty()) article += '\n';
        article += line.substr(line.find_first_not_of(' ', 5));
      } else if (line.empty() && !article.empty()) {
        out.push_back(std::move(article));
        article.clear();
      }
    }
    if (!article.empty()) out.push_back(std::move(article));
  }
  return out;
}

// The case texts and the articles of the bundled corpus (corpus/karabakh-2023/seeds), read as plain text.
std::vector<std::string> ArticleTexts() {
  std::vector<std::string> out = CaseTexts();
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() / "corpus" / "karabakh-2023" / "seeds")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    out.push_back(text.str());
  }
  return out;
}

class PassRegistryTest : public ExtractorTest {
 protected:
  // An extractor of the bundled lexicon with `disabled` switched off; its Create status in *s.
  static std::unique_ptr<Extractor> With(const std::vector<std::string>& disabled, Status* s) {
    ontology::Lexicon lexicon;
    *s = ontology::Lexicon::LoadDirectory(SourceDir() / "ontology" / "lexicon", &lexicon);
    if (!s->ok()) return nullptr;
    std::unique_ptr<Extractor> ex;
    *s = Extractor::Create(lexicon, ExtractorOptions{disabled}, &ex);
    return ex;
  }
  static ArticleResult RunWith(const Extractor& ex, std::string_view text) {
    Document doc;
    doc.path = doc.file_name = doc.id = "test.txt";
    doc.text = DecodeUtf8(text, nullptr);
    ArticleResult r = ex.Extract(doc);
    CheckInvariants(r);
    return r;
  }
};

TEST_F(PassRegistryTest, NamesAreUniqueOverEveryStageAndHaveNoSlash) {
  std::set<std::string_view> names;
  std::vector<PassInfo> passes = ListPasses();
  ASSERT_FALSE(passes.empty());
  std::vector<std::string_view> stages;
  for (const PassInfo& p : passes) {
    EXPECT_TRUE(names.insert(p.name).second) << "two passes named " << p.name;
    EXPECT_EQ(p.name.find('/'), std::string_view::npos) << p.name << ": '/' separates a pass from its rule";
    EXPECT_FALSE(p.what.empty()) << p.name;
    if (stages.empty() || stages.back() != p.stage) stages.push_back(p.stage);
  }
  EXPECT_THAT(stages, ::testing::ElementsAre("mentions", "events", "trigger"));
}

TEST_F(PassRegistryTest, AnUnknownNameIsRefusedWithTheValidOnes) {
  Status s;
  std::unique_ptr<Extractor> ex = With({"title", "no-such-pass"}, &s);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(ex, nullptr);
  EXPECT_THAT(s.message(), HasSubstr("'no-such-pass'"));
  EXPECT_THAT(s.message(), HasSubstr("lexicon"));
  EXPECT_THAT(s.message(), HasSubstr("tally-doers"));
}

TEST_F(PassRegistryTest, ARequiredPassIsRefused) {
  Status s;
  std::unique_ptr<Extractor> ex = With({"sentences"}, &s);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(ex, nullptr);
  EXPECT_THAT(s.message(), HasSubstr("'sentences' is required"));
}

TEST_F(PassRegistryTest, WithTitleOffThePersonAfterATitleIsNotFound) {
  constexpr std::string_view kText = "وقال وزير الدفاع سامي دوركاني إن القوات انسحبت من البلدة.";
  ArticleResult all = Run(kText);  // kept alive: the mention points into it
  const Mention* person = FindMention(all, "سامي دوركاني");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(RecognisedBy(*person), "title");
  Status s;
  std::unique_ptr<Extractor> ex = With({"title"}, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ArticleResult r = RunWith(*ex, kText);
  EXPECT_EQ(FindMention(r, "سامي دوركاني"), nullptr);
  EXPECT_TRUE(r.roles.empty());
}

TEST_F(PassRegistryTest, WithTallyDoersOffATallyKeepsNoDoer) {
  constexpr std::string_view kText = "قتل ثلاثة مدنيين في غارة إسرائيلية على البلدة.";
  const ArticleResult on = Run(kText);
  const Event* tally = FindEvent(on, vocab::EventType::kCasualties);
  ASSERT_NE(tally, nullptr);
  EXPECT_THAT(tally->agents, ::testing::ElementsAre("israel"));
  Status s;
  std::unique_ptr<Extractor> ex = With({"tally-doers"}, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ArticleResult off = RunWith(*ex, kText);
  tally = FindEvent(off, vocab::EventType::kCasualties);
  ASSERT_NE(tally, nullptr);
  EXPECT_TRUE(tally->agents.empty());
  const Event* attack = FindEvent(off, vocab::EventType::kAttack);
  ASSERT_NE(attack, nullptr);
  EXPECT_THAT(attack->agents, ::testing::ElementsAre("israel"));  // the attack keeps its own
}

// Every pass and step switched off alone, over every sentence case and bundled article: the results keep their
// invariants and a mention pass switched off names no mention.
TEST_F(PassRegistryTest, AnyPassOffBreaksNothingElse) {
  const std::vector<std::string> texts = ArticleTexts();
  ASSERT_GT(texts.size(), 20u);
  for (const PassInfo& p : ListPasses()) {
    if (p.required) continue;
    SCOPED_TRACE(std::string(p.name));
    Status s;
    std::unique_ptr<Extractor> ex = With({std::string(p.name)}, &s);
    ASSERT_TRUE(s.ok()) << s.ToString();
    for (const std::string& text : texts) {
      for (const Mention& m : RunWith(*ex, text).mentions) EXPECT_NE(m.pass, p.name) << m.text;
    }
  }
}

// Every mention's kh:recognisedBy starts with a mention pass, and each rule belongs to one pass only.
TEST_F(PassRegistryTest, EveryRecognisedByNamesOneListedPass) {
  std::set<std::string_view> mention_passes;
  for (const PassInfo& p : ListPasses()) {
    if (p.stage == "mentions") mention_passes.insert(p.name);
  }
  std::map<std::string, std::set<std::string>> passes_of_rule;
  for (const std::string& text : ArticleTexts()) {
    for (const Mention& m : Run(text).mentions) {
      std::string by = RecognisedBy(m);
      EXPECT_EQ(mention_passes.count(by.substr(0, by.find('/'))), 1u) << by << " on " << m.text;
      passes_of_rule[m.rule].insert(m.pass);
    }
  }
  EXPECT_GE(passes_of_rule.size(), 20u);  // the bundled articles use most rules
  for (const auto& [rule, passes] : passes_of_rule) {
    EXPECT_EQ(passes.size(), 1u) << "rule " << rule << " written by " << passes.size() << " passes";
  }
}

// docs/passes.md lists every pass as ListPasses() does: stage, name, required or not, what it finds.
TEST_F(PassRegistryTest, DocsListThePassesInOrder) {
  std::ifstream in(SourceDir() / "docs" / "passes.md");
  ASSERT_TRUE(in) << "docs/passes.md";
  std::vector<std::string> documented;
  for (std::string line; std::getline(in, line);) {
    // | stage | `name` (required) | [file](path) | what |
    if (line.rfind("| ", 0) != 0 || line.find('`') == std::string::npos) continue;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(2));
    for (std::string cell; std::getline(row, cell, '|');) {
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      while (!cell.empty() && cell.front() == ' ') cell.erase(0, 1);
      cells.push_back(cell);
    }
    if (cells.size() < 4) continue;
    std::size_t open = line.find("](../");
    if (open != std::string::npos) {
      std::string path = line.substr(open + 5, line.find(')', open) - open - 5);
      EXPECT_TRUE(std::filesystem::exists(SourceDir() / path)) << path;
    }
    documented.push_back(cells[0] + " " + cells[1] + " | " + cells[3]);
  }
  std::vector<std::string> listed;
  for (const PassInfo& p : ListPasses()) {
    listed.push_back(std::string(p.stage) + " `" + std::string(p.name) + "`" + (p.required ? " (required)" : "") +
                     " | " + std::string(p.what));
  }
  EXPECT_EQ(documented, listed) << "docs/passes.md and the pass tables differ";
}

}  // namespace
}  // namespace khabar::extract::testing
