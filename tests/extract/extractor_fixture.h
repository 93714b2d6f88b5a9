// Test fixture: one Extractor built from the REAL bundled lexicon (KHABAR_DATA_DIR/ontology/lexicon) per
// test suite, and helpers that print results as short strings for readable EXPECT_THAT comparisons.
//
// Every result that passes through Run() is also checked against the ArticleResult contract
// (extractor.h): mentions sorted and never overlapping, every text equal to its span of the document.
#ifndef KHABAR_TESTS_EXTRACT_EXTRACTOR_FIXTURE_H_
#define KHABAR_TESTS_EXTRACT_EXTRACTOR_FIXTURE_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khabar/extract/document.h"
#include "khabar/extract/extractor.h"
#include "khabar/ontology/lexicon.h"
#include "khabar/ontology/vocab.h"

namespace khabar::extract::testing {

class ExtractorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    error_.clear();
    const char* data = std::getenv("KHABAR_DATA_DIR");
    if (data == nullptr) {
      error_ = "KHABAR_DATA_DIR is not set (CTest sets it to the source tree)";
      return;
    }
    ontology::Lexicon lexicon;
    Status s = ontology::Lexicon::LoadDirectory(std::filesystem::path(data) / "ontology" / "lexicon", &lexicon);
    if (!s.ok()) {
      error_ = "bundled lexicon: " + s.ToString();
      return;
    }
    // The extractor copies what it needs: the lexicon may go (extractor.h).
    s = Extractor::Create(lexicon, &extractor_);
    if (!s.ok()) error_ = "Extractor::Create: " + s.ToString();
  }
  static void TearDownTestSuite() { extractor_.reset(); }
  void SetUp() override { ASSERT_NE(extractor_, nullptr) << error_; }

  // Extracts from `text` (UTF-8) as one article and checks the result's invariants.
  static ArticleResult Run(std::string_view text, std::optional<Date> published = std::nullopt) {
    Document doc;
    doc.path = doc.file_name = doc.id = "test.txt";
    doc.text = DecodeUtf8(text, nullptr);
    doc.published = published;
    ArticleResult r = extractor_->Extract(doc);
    CheckInvariants(r);
    return r;
  }

  // "text|Type|entity" for each mention, in text order.
  static std::vector<std::string> Mentions(const ArticleResult& r) {
    std::vector<std::string> out;
    for (const Mention& m : r.mentions) {
      out.push_back(m.text + "|" + std::string(vocab::Name(m.type)) + "|" + m.entity);
    }
    return out;
  }
  static std::vector<std::string> Mentions(std::string_view text) { return Mentions(Run(text)); }

  // "text|Type@begin" for each mention, in text order: the span and type without the entity.
  static std::vector<std::string> Spans(const ArticleResult& r) {
    std::vector<std::string> out;
    for (const Mention& m : r.mentions) {
      out.push_back(m.text + "|" + std::string(vocab::Name(m.type)) + "@" + std::to_string(m.begin));
    }
    return out;
  }

  // "trigger|Type" for each event, in text order.
  static std::vector<std::string> Events(const ArticleResult& r) {
    std::vector<std::string> out;
    for (const Event& e : r.events) out.push_back(e.trigger_text + "|" + std::string(vocab::Name(e.type)));
    return out;
  }
  static std::vector<std::string> Events(std::string_view text) { return Events(Run(text)); }

  // "kind value qualifier 'text'" for each figure of an event.
  static std::vector<std::string> Figures(const Event& e) {
    std::vector<std::string> out;
    for (const Figure& f : e.figures) {
      out.push_back(std::string(vocab::Name(f.kind)) + " " + std::to_string(f.value) + " " +
                    std::string(vocab::Name(f.qualifier)) + " '" + f.text + "'");
    }
    return out;
  }

  // "person text|role_text|of" for each role.
  static std::vector<std::string> Roles(const ArticleResult& r) {
    std::vector<std::string> out;
    for (const Role& role : r.roles) out.push_back(r.mentions[role.person].text + "|" + role.role_text + "|" + role.of);
    return out;
  }

  // The mention whose text is `text` (the nth such), or nullptr.
  static const Mention* FindMention(const ArticleResult& r, std::string_view text, int nth = 0) {
    for (const Mention& m : r.mentions) {
      if (m.text == text && nth-- == 0) return &m;
    }
    return nullptr;
  }
  // The first event of that type, or nullptr.
  static const Event* FindEvent(const ArticleResult& r, vocab::EventType type) {
    for (const Event& e : r.events) {
      if (e.type == type) return &e;
    }
    return nullptr;
  }

  // Code-point offset of the nth occurrence of `needle` in `text` (both UTF-8); computed, never typed.
  static std::uint32_t Offset(std::string_view text, std::string_view needle, int nth = 0) {
    std::size_t at = text.find(needle);
    while (at != std::string_view::npos && nth-- > 0) at = text.find(needle, at + 1);
    EXPECT_NE(at, std::string_view::npos) << "'" << needle << "' not in '" << text << "'";
    if (at == std::string_view::npos) return 0;
    return static_cast<std::uint32_t>(DecodeUtf8(text.substr(0, at), nullptr).size());
  }

  static void CheckInvariants(const ArticleResult& r) {
    const std::u32string& text = r.document.text;
    std::uint32_t prev_end = 0;
    for (const Mention& m : r.mentions) {
      EXPECT_LT(m.begin, m.end) << m.text;
      ASSERT_LE(m.end, text.size()) << m.text;
      EXPECT_GE(m.begin, prev_end) << "mentions overlap or are out of order at '" << m.text << "'";
      EXPECT_EQ(EncodeUtf8(text.substr(m.begin, m.end - m.begin)), m.text) << "text is not the span";
      EXPECT_FALSE(m.entity.empty()) << m.text;
      EXPECT_FALSE(m.rule.empty()) << m.text;
      prev_end = m.end;
    }
    for (const Role& role : r.roles) {
      ASSERT_LT(role.person, r.mentions.size());
      EXPECT_EQ(r.mentions[role.person].type, vocab::EntityType::kPerson) << role.role_text;
      EXPECT_FALSE(role.role_text.empty());
    }
    std::uint32_t prev_begin = 0;
    for (const Event& e : r.events) {
      ASSERT_LE(e.end, text.size()) << e.trigger_text;
      EXPECT_GE(e.begin, prev_begin) << "events out of order at '" << e.trigger_text << "'";
      EXPECT_EQ(EncodeUtf8(text.substr(e.begin, e.end - e.begin)), e.trigger_text);
      for (const Figure& f : e.figures) {
        ASSERT_LE(f.end, text.size());
        EXPECT_EQ(EncodeUtf8(text.substr(f.begin, f.end - f.begin)), f.text);
      }
      if (e.date_to) {
        EXPECT_TRUE(e.date.has_value()) << "an interval has a start";
        EXPECT_LE(e.date->DaysSinceEpoch(), e.date_to->DaysSinceEpoch());
      }
      prev_begin = e.begin;
    }
  }

  static inline std::unique_ptr<Extractor> extractor_;
  static inline std::string error_;
};

}  // namespace khabar::extract::testing

#endif  // KHABAR_TESTS_EXTRACT_EXTRACTOR_FIXTURE_H_
