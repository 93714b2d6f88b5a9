// Sentence cases as data: every block of tests/extract/cases/*.cases is one test (a sentence written for
// it, and what the extractor must or must not find in it). The format is described in
// tests/extract/cases/README.md; a linguist can add a case without writing C++.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extractor_fixture.h"

namespace khabar::extract::testing {
namespace {

struct Line {
  std::string key, value;
  int number = 0;
};

struct Case {
  std::string name;  // file stem and the line the case starts on: attacks_12
  std::string file;
  std::vector<Line> lines;
};

// What GoogleTest prints for a case's parameter: where it is, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::string Trim(std::string s) {
  auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && space(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && space(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// Splits at " | " (the separator of a line's fields), trimming each field.
std::vector<std::string> Fields(const std::string& value) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t at; (at = value.find('|', from)) != std::string::npos; from = at + 1) {
    out.push_back(Trim(value.substr(from, at - from)));
  }
  out.push_back(Trim(value.substr(from)));
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) {
    if (w != "-") out.push_back(w);
  }
  return out;
}

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(KHABAR_CASES_DIR)) {
    if (entry.path().extension() == ".cases") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    Case current;
    int number = 0;
    auto flush = [&]() {
      if (!current.lines.empty()) cases.push_back(std::move(current));
      current = Case();
    };
    for (std::string raw; std::getline(in, raw);) {
      ++number;
      std::string line = Trim(raw);
      if (line.empty()) {
        flush();
        continue;
      }
      if (line[0] == '#') continue;
      std::size_t colon = line.find(':');
      Line l{Trim(line.substr(0, colon)), colon == std::string::npos ? "" : Trim(line.substr(colon + 1)), number};
      if (current.lines.empty()) {
        current.file = path.filename().string();
        current.name = path.stem().string() + "_" + std::to_string(number);
        for (char& ch : current.name) {
          if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';  // gtest names: [A-Za-z0-9_]
        }
      }
      current.lines.push_back(std::move(l));
    }
    flush();
  }
  return cases;
}

class SentenceCaseTest : public ExtractorTest, public ::testing::WithParamInterface<Case> {
 protected:
  // Checks one "event:" line: Type | trigger [| agents: … | patients: … | place: … | figures: kind n, …].
  static void CheckEvent(const ArticleResult& r, const std::vector<std::string>& f) {
    ASSERT_GE(f.size(), 2u) << "event: Type | trigger | …";
    const Event* found = nullptr;
    for (const Event& e : r.events) {
      if (vocab::Name(e.type) == f[0] && e.trigger_text == f[1]) found = &e;
    }
    ASSERT_NE(found, nullptr) << "no " << f[0] << " triggered by '" << f[1]
                              << "'; events: " << ::testing::PrintToString(Events(r));
    for (std::size_t i = 2; i < f.size(); ++i) {
      std::size_t colon = f[i].find(':');
      ASSERT_NE(colon, std::string::npos) << "a field is key: value, not '" << f[i] << "'";
      std::string key = Trim(f[i].substr(0, colon)), value = Trim(f[i].substr(colon + 1));
      if (key == "agents") {
        EXPECT_THAT(found->agents, ::testing::UnorderedElementsAreArray(Words(value))) << "agents of " << f[1];
      } else if (key == "patients") {
        EXPECT_THAT(found->patients, ::testing::UnorderedElementsAreArray(Words(value))) << "patients of " << f[1];
      } else if (key == "place") {
        EXPECT_EQ(found->place, value == "-" ? "" : value) << "place of " << f[1];
      } else if (key == "figures") {
        std::vector<std::string> want, got;
        std::istringstream in(value);
        for (std::string part; std::getline(in, part, ',');) {
          if (Trim(part) != "-") want.push_back(Trim(part));
        }
        for (const Figure& fig : found->figures) {
          got.push_back(std::string(vocab::Name(fig.kind)) + " " + std::to_string(fig.value));
        }
        EXPECT_THAT(got, ::testing::UnorderedElementsAreArray(want)) << "figures of " << f[1];
      } else {
        ADD_FAILURE() << "unknown event field '" << key << "'";
      }
    }
  }
  static void CheckNoEvent(const ArticleResult& r, const std::vector<std::string>& f) {
    for (const Event& e : r.events) {
      bool same = vocab::Name(e.type) == f[0] && (f.size() < 2 || f[1].empty() || e.trigger_text == f[1]);
      EXPECT_FALSE(same) << "unexpected " << f[0] << " '" << e.trigger_text << "'";
    }
  }
  // mention: text | Type [| entity]; no-mention: text.
  static void CheckMention(const ArticleResult& r, const std::vector<std::string>& f, bool want) {
    const Mention* found = nullptr;
    for (const Mention& m : r.mentions) {
      if (m.text == f[0]) found = &m;
    }
    if (!want) {
      EXPECT_EQ(found, nullptr) << "unexpected mention '" << f[0] << "'";
      return;
    }
    ASSERT_NE(found, nullptr) << "no mention '" << f[0] << "'; mentions: " << ::testing::PrintToString(Mentions(r));
    if (f.size() > 1) {
      EXPECT_EQ(vocab::Name(found->type), f[1]) << f[0];
    }
    if (f.size() > 2) {
      EXPECT_EQ(found->entity, f[2]) << f[0];
    }
  }
};

TEST_P(SentenceCaseTest, Holds) {
  const Case& c = GetParam();
  std::string text;
  for (const Line& l : c.lines) {
    if (l.key == "text") text += (text.empty() ? "" : "\n") + l.value;
  }
  ASSERT_FALSE(text.empty()) << c.file << ": a case needs a text: line";
  ArticleResult r = Run(text);
  for (const Line& l : c.lines) {
    SCOPED_TRACE(c.file + ":" + std::to_string(l.number) + ": " + l.key + ": " + l.value);
    std::vector<std::string> f = Fields(l.value);
    if (l.key == "event") {
      CheckEvent(r, f);
    } else if (l.key == "no-event") {
      CheckNoEvent(r, f);
    } else if (l.key == "mention") {
      CheckMention(r, f, true);
    } else if (l.key == "no-mention") {
      CheckMention(r, f, false);
    } else if (l.key != "text" && l.key != "case") {
      ADD_FAILURE() << "unknown key '" << l.key << "'";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, SentenceCaseTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<Case>& param) { return param.param.name; });

}  // namespace
}  // namespace khabar::extract::testing
